"""Cues: where a sentence attributes words to someone, and which words.

`find_cues(ctx, unit)` reads one sentence (a `layout.Unit`) and returns its
cues, each with the speaker phrase, the channels and the content it governs:

- a reporting verb with its subject before it and the content after it:
  `X a déclaré (aux journalistes) que …`, `X a déclaré : « … »`, `X a décrit Y comme …`;
- the same verb inverted after its content: `« … », a déclaré X (à Al-Monitor).`,
  `« … », a-t-il ajouté.`;
- a source marker: `Selon X, …` / `…, selon X.` / `d'après X`;
- a participle that continues the speaker's words: `…, ajoutant que …`;
- a passive citation: `X a été cité comme déclarant que …`;
- a headline credit: `Claim – médias`.

Cues nested in another cue's content are then settled: a cue that is the whole
content of another (`Selon X, Y a dit que …`, `Y a déclaré que « … », a écrit X`)
carries the inner statement through X, which becomes a channel; any other cue
inside reported content is part of that content, not a statement of its own.
"""

from __future__ import annotations

import itertools

from kg.extract.cues.cue import Complement, Context, Cue, CueKind, Mode
from kg.extract.cues.following import fronted_channels
from kg.extract.cues.headlines import colon_cues, headline_cue
from kg.extract.cues.markers import marker_cue, participle_cue, passive_cue, then_cue
from kg.extract.cues.phrases import match_phrase
from kg.extract.cues.settle import attach_relays, cut_contents, settle_nesting
from kg.extract.cues.subjects import subject_mention
from kg.extract.cues.verbs import inner_incises, reporting_verb_at, verb_cue
from kg.extract.layout import Unit
from kg.extract.lexicon import fold
from kg.model import SpeakerKind

__all__ = ["Complement", "Context", "Cue", "CueKind", "Mode", "find_cues", "subject_mention"]


def find_cues(ctx: Context, unit: Unit, is_title: bool = False) -> list[Cue]:
    """Every cue of one sentence, nested cues already settled."""
    toks, lex = ctx.toks, ctx.lex
    cues: list[Cue] = []
    used: set[int] = set()
    k = 0
    while k < len(toks):
        if k in used or ctx.in_quote(toks[k]):
            k += 1
            continue
        n = match_phrase(ctx, k, lex.source_markers, 4)
        if n:
            c = marker_cue(ctx, k, n, unit)
            if c:
                cues.append(c)
                k = next((i for i, t in enumerate(toks) if t.start >= c.cue_end), len(toks))
                continue
        c = passive_cue(ctx, k, unit) or participle_cue(ctx, k, unit) or then_cue(ctx, k, unit)
        n = 0 if c else match_phrase(ctx, k, lex.phrasal, 5)
        if n:
            c = verb_cue(ctx, k, fold(ctx.text[toks[k].start:toks[k + n - 1].end]), unit, k + n - 1)
            k += n - 1
        elif c is None:
            verb = reporting_verb_at(ctx, k)
            if verb:
                c = verb_cue(ctx, k, verb, unit)
                if c:
                    # Skip the rest of the verb chain (`déclaré croire`).
                    while k + 1 < len(toks) and toks[k + 1].end <= c.cue_end:
                        k += 1
        if c:
            cues.append(c)
        k += 1
    cues += colon_cues(ctx, cues, unit, is_title)
    cues += inner_incises(ctx, cues, unit)
    fronted, after = fronted_channels(ctx)
    if fronted:
        first = next((c for c in sorted(cues, key=lambda c: c.cue_start)
                      if c.kind in (CueKind.VERB, CueKind.PASSIVE) and c.cue_start >= after), None)
        if first is not None:
            first.channels[:0] = fronted
    if is_title and not cues:
        c = headline_cue(ctx, unit)
        if c:
            cues.append(c)
    for prev, c in itertools.pairwise(cues):
        if c.kind is CueKind.PARTICIPLE and c.speaker is None:
            c.speaker = prev.speaker  # `Selon X, « … », ajoutant que …`: X goes on speaking
    if cues and cues[0].kind is CueKind.PARTICIPLE and cues[0].speaker is None:
        # `Tiffany rebuffed the offer, arguing it undervalued the company`: the participle's
        # subject is the main clause's, though that clause reports nothing.
        m = subject_mention(ctx)
        if m is not None and not m.generic and m.kind is not SpeakerKind.DOCUMENT:
            cues[0].speaker = m
    cues = attach_relays(ctx, cues)
    cues = cut_contents(ctx.text, cues, ctx.lex.g("coordinators"))
    return settle_nesting(ctx, cues)
