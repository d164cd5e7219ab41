"""What changed as a claim travelled: hedges and attributions lost between copies.

Only differences between copies in different articles count: an article may
well hedge once and then go on in the indicative. Which copy came first is
rarely known (only credit lines say so), so the wording stays neutral: one
copy hedges, another does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.audit.records import StatementRow

# The conditionnel of reported, unconfirmed facts, and its English counterparts.
_HEDGE = re.compile(
    r"\b(?:aurai(?:en)?t|serai(?:en)?t|pourrai(?:en)?t|semble-t-il|selon des informations|"
    r"reportedly|allegedly|is said to|are said to|would have)\b",
    re.IGNORECASE,
)
_SELON = re.compile(r"^(?:selon|d['’]après|according to)\b", re.IGNORECASE)
# The four non-ASCII letters IGNORECASE takes for ASCII ones (İ ı ſ K): without them,
# a text matches _HEDGE only if its lower-cased form holds one of the words below,
# and most texts skip the (much slower) regex search.
_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_hedge(text: str) -> bool:
    low = text.lower()
    return ("aurai" in low or "serai" in low or "pourrai" in low or "semble-t-il" in low
            or "selon des informations" in low or "reportedly" in low or "allegedly" in low
            or "said to" in low or "would have" in low
            or (not text.isascii() and any(c in text for c in _CASE_TWINS)))


@dataclass(slots=True)
class Change:
    kind: str  # hedge_dropped, attribution_dropped, source_anonymised
    detail: str
    articles: tuple[str, ...]


def hedge_of(s: StatementRow) -> str | None:
    """The hedge a copy carries: the extractor's marker, or a conditional in its wording."""
    if s.hedge:
        return s.hedge
    if not _may_hedge(s.text):
        return None
    m = _HEDGE.search(s.text)
    return m.group(0) if m else None


def _first_per_article(statements: Sequence[StatementRow]) -> dict[str, StatementRow]:
    out: dict[str, StatementRow] = {}
    for s in statements:
        out.setdefault(s.article, s)
    return out


def _credit(s: StatementRow) -> str:
    cue = f", {s.cue}" if s.cue else ""
    return f"{s.speaker_label or 'someone'}{cue}"


def find_changes(statements: Sequence[StatementRow]) -> list[Change]:
    changes: list[Change] = []
    if len({s.article for s in statements}) < 2:
        return changes  # every change is between copies in two articles
    hedges = [hedge_of(s) for s in statements]
    hedged = {s.article: (s, h) for s, h in zip(statements, hedges, strict=True) if h}
    plain = {s.article: s for s, h in zip(statements, hedges, strict=True) if not h}
    plain = {a: s for a, s in plain.items() if a not in hedged}
    if hedged and plain:
        h_part = "; ".join(f"{a} («{h}»)" for a, (_, h) in sorted(hedged.items()))
        changes.append(Change("hedge_dropped", f"hedged in {h_part}; stated without hedge in "
                              f"{', '.join(sorted(plain))}", tuple(sorted({*hedged, *plain}))))

    attributed = _first_per_article([s for s in statements if s.attributed])
    bare = {s.article for s in statements if not s.attributed} - set(attributed)
    if attributed and bare:
        selon = [a for a, s in attributed.items() if s.cue and _SELON.match(s.cue)]
        what = "«selon …» dropped: " if selon else ""
        credits = "; ".join(f"{a} ({_credit(s)})" for a, s in sorted(attributed.items()))
        changes.append(Change("attribution_dropped", f"{what}attributed in {credits}; stated with no source "
                              f"in {', '.join(sorted(bare))}", tuple(sorted({*attributed, *bare}))))

    named = _first_per_article([s for s in statements if s.attributed and not s.anonymous])
    unnamed = _first_per_article([s for s in statements if s.attributed and s.anonymous])
    only_unnamed = {a: s for a, s in unnamed.items() if a not in named}
    if named and only_unnamed:
        changes.append(Change(
            "source_anonymised",
            "named in " + "; ".join(f"{a} ({s.speaker_label})" for a, s in sorted(named.items()))
            + "; unnamed in " + "; ".join(f"{a} ({s.speaker_label})" for a, s in sorted(only_unnamed.items())),
            tuple(sorted({*named, *only_unnamed}))))
    return changes
