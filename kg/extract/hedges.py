"""Claims the text makes while keeping its distance, without naming a source.

French news hedges in three ways this module reads: the conditionnel of
reported fact (`auraient été blessés`, `se seraient battus`), the agentless
passive of accusation (`ont été accusés`, `sont soupçonnés`), and source
markers with no source (`selon des informations`). A sentence already
attributed to someone is not unattributed, whatever its mood.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.lexicon import Lexicon, fold
from kg.extract.nlp import Tok


def hedge_marker(text: str, toks: Sequence[Tok], lex: Lexicon) -> str | None:
    """The hedge of one sentence, as written, or None when it states plainly."""
    folded = fold(text)
    for marker in lex.sourceless_markers:
        if marker in folded:
            return marker
    for k, t in enumerate(toks):
        if t.low in lex.conditional_auxiliaries:
            nxt = toks[k + 1:k + 4]
            if any(u.pos in ("VERB", "AUX") for u in nxt):
                end = next(u for u in nxt if u.pos in ("VERB", "AUX"))
                return text[t.start - toks[0].start:end.end - toks[0].start]
        conditioned = k > 0 and toks[k - 1].low in lex.condition_conjunctions
        if t.pos == "VERB" and t.low.endswith(lex.conditional_endings) and \
                fold(t.lemma) not in lex.forecast_modals and not conditioned:
            return t.text  # `figureraient`: the conditionnel of an unverified fact
        if t.low in lex.accusation_passives and k > 0 and toks[k - 1].low in lex.g("passive_auxiliaries"):
            after = toks[k + 1] if k + 1 < len(toks) else None
            if after is None or after.low not in lex.g("agent_markers"):  # `accusé par X` names its source
                s = toks[k - 2].start if k > 1 and toks[k - 2].pos == "AUX" else toks[k - 1].start
                return text[s - toks[0].start:t.end - toks[0].start]
    return None
