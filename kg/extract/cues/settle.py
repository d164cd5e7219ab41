"""Settling the cues of a sentence: relays attached, contents cut, nesting resolved.
"""

from __future__ import annotations

from kg.extract.channels import ChannelRef
from kg.extract.cues.cue import CLOSE, Complement, Context, Cue, CueKind, Mode
from kg.extract.lexicon import fold
from kg.extract.speakers import Mention
from kg.model import ChannelKind, SpeakerKind


def attach_relays(ctx: Context, cues: list[Cue]) -> list[Cue]:
    """`X, cité par Y` / `Y rapporte, citant X`: Y passed X's words on.

    `cité par Y` adds Y to the channels of the nearest cue. `citant X` names the
    source of the nearest cue's speaker: when X is a person or an anonymous
    source, X becomes the speaker and the citing outlet a channel; a cited book
    or report stays the outlet's material (`le Telegraph, citant un nouveau livre`).
    """
    statements = [c for c in cues if c.kind is not CueKind.RELAY]
    for r in [c for c in cues if c.kind is CueKind.RELAY]:
        before = [c for c in statements if c.cue_start < r.cue_start]
        after = [c for c in statements if c.cue_start > r.cue_start]
        target = before[-1] if before else (after[0] if after else None)
        if target is None:
            continue
        if r.verb not in ctx.lex.g("citing_participles"):
            target.channels.extend(r.channels)
            continue
        # `Y rapporte, citant X`: Y states it in its own voice, X is Y's source. The
        # speaker is the subject of the cue; the people Y cites are the root of the
        # claim Y carries, which the audit reaches through Y, not a new speaker.
    return statements


def cut_contents(text: str, cues: list[Cue], coordinators: frozenset[str] = frozenset()) -> list[Cue]:
    """End each content where the next clause with a cue of its own begins; the cues
    in sentence order, less the incises that only name who carried another's words."""
    cues = sorted(cues, key=lambda c: c.cue_start)
    merged: set[int] = set()
    for i, a in enumerate(cues):
        if a.mode is Mode.AFTER:
            for b in cues[i + 1:]:
                lead = text[a.content_start:b.cue_start].rstrip().rsplit(None, 1)
                if b.kind is CueKind.VERB and b.cue_start > a.content_start and len(lead) == 2 and \
                        fold(lead[1]) in coordinators and lead[0].rstrip().endswith(","):
                    # `a précisé que …, mais a insisté sur …`: a second verb of the same
                    # subject opens a statement of its own.
                    a.content_end = min(a.content_end, b.cue_start - len(lead[1]) - 1)
                    break
                if b.clause_start <= a.content_start:
                    continue
                participle = b.kind is CueKind.PARTICIPLE and a.kind in (CueKind.MARKER, CueKind.VERB)
                new_clause = (a.kind is not CueKind.MARKER and b.kind in (CueKind.VERB, CueKind.PASSIVE)
                              and b.clause_start > a.content_start and b.speaker is not None
                              and _comma_before(text, b.clause_start))
                cuts = participle or b.mode is Mode.BEFORE or new_clause
                if cuts:
                    a.content_end = min(a.content_end, b.clause_start)
                    break
        else:
            prev = [c for c in cues[:i] if c.mode is Mode.BEFORE]
            if prev:
                a.content_start = max(a.content_start, prev[-1].extent[1])
                if not any(ch.isalpha() for ch in text[a.content_start:a.content_end].replace(",", "")) or \
                        _only_apposition(text[a.content_start:a.content_end]):
                    # `« … », nuance X, analyste chez Y, rapporte Le Figaro`: the second
                    # incise names who carried the first one's words.
                    if a.speaker is not None:
                        prev[-1].channels.append(relay_of(a.speaker))
                    merged.add(id(a))
    return [c for c in cues if id(c) not in merged]


def _only_apposition(text: str) -> bool:
    """A stretch between two incises that holds no clause: `, analyste chez Oddo BHF,`."""
    words = text.strip(" ,").split()
    return 0 < len(words) <= 6 and not any(w in ("«", "»", "“", "”", '"') for w in words)


def _comma_before(text: str, pos: int) -> bool:
    """Whether a new clause opens at pos: a comma or semicolon stands just before it."""
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] in ",;"


def settle_nesting(ctx: Context, cues: list[Cue]) -> list[Cue]:
    """Carriers pass their speaker on as a channel; other nested cues are content.
    The statements left, in the order given."""
    text = ctx.text

    def core(s: int, e: int) -> tuple[int, int]:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum() and text[e - 1] not in CLOSE + '"?!':
            e -= 1
        return s, e

    settled: set[int] = set()  # cues that are now part of another cue, or passed on as a relay
    changed = True
    while changed:
        changed = False
        alive = [c for c in cues if id(c) not in settled]
        for outer in alive:
            inner = [c for c in alive if c is not outer and outer.content_start <= c.extent[0]
                     and c.extent[1] <= outer.content_end]
            # Settle the outermost inner cues first: the ones not inside another inner one.
            direct = [c for c in inner if not any(
                d is not c and d.content_start <= c.extent[0] and c.extent[1] <= d.content_end for d in inner)]
            for c in direct:
                before = text[max(0, c.cue_start - 12):c.cue_start].split()
                if before and fold(before[-1]) in ctx.lex.g("subject_relatives"):
                    # `… le rapport d'un journaliste qui a affirmé que …`: a relative clause
                    # states its antecedent's words beside the outer statement: the outer
                    # content ends before it.
                    outer.content_end = min(outer.content_end, text.rfind(before[-1], 0, c.cue_start))
                    changed = True
                    continue
                cs, ce = core(outer.content_start, outer.content_end)
                es, ee = c.extent
                # A fronted adverbial (`Après une pause, X a répondu : …`) may open the content.
                prefix = text[cs:es].strip()
                fronted = not prefix or (prefix.endswith(",") and len(prefix) < 80)
                speech = c.complement in (Complement.QUE, Complement.COLON, Complement.QUOTE, Complement.INF,
                                          Complement.MARKER)
                # `Two officials said Washington believed …`, `…, avance Hersh`: a belief
                # that a person reports is that person's statement. Only a carrier (an
                # outlet or a document) passes its words on to the believer.
                carrier = outer.speaker is not None and outer.speaker.kind in (SpeakerKind.OUTLET,
                                                                                 SpeakerKind.DOCUMENT)
                if not carrier and outer.kind is not CueKind.MARKER and fold(c.verb) in ctx.lex.g("belief_verbs"):
                    speech = False
                if c.speaker is not None and c.speaker.head in ctx.lex.sourceless_heads:
                    # `De nouveaux renseignements suggèrent que …, ont déclaré des sources`: what
                    # information shows is what the outer source says, not a speaker of its own.
                    speech = False
                if speech and fronted and es >= cs - 1 and ee >= ce - 1:
                    settled.add(id(outer))
                    relay = []
                    if outer.speaker is not None:
                        relay = outer.source_chain if outer.kind is CueKind.MARKER else [relay_of(outer.speaker)]
                    c.relays.extend([*outer.channels, *relay, *outer.relays])
                else:
                    settled.add(id(c))
                changed = True
            if changed:
                break
    return [c for c in cues if id(c) not in settled]


def relay_of(m: Mention) -> ChannelRef:
    kind = ChannelKind.OUTLET if m.kind is SpeakerKind.OUTLET else (
        ChannelKind.DOCUMENT if m.kind is SpeakerKind.DOCUMENT else ChannelKind.RELAY)
    # `le quotidien Sud Ouest` names its outlet; `le responsable` or `il` point back to someone.
    anaphoric = m.pronoun or (m.definite and m.kind in (SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT))
    return ChannelRef(m.name, kind, m.start, m.end, anaphoric=anaphoric)
