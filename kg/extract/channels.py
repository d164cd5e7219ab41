"""Channels: what a statement passed through between its speaker and the text.

`à Al-Monitor`, `aux journalistes`, `à l'agence de presse syrienne SANA`,
`lors d'un entretien avec des journalistes russes`, `dans un rapport publié par
Al-Monitor`. A person addressee (`à Jeffrey`, `à son homologue`) is not a
channel: the words did not reach the public through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon, lookup_outlet
from kg.extract.nlp import Tok
from kg.extract.speakers import read_mention
from kg.model import ChannelKind, SpeakerKind


@dataclass(frozen=True)
class ChannelRef:
    """A channel as the text gives it; `anaphoric` ones (`l'agence`) are resolved later."""

    label: str
    kind: ChannelKind
    start: int
    end: int
    anaphoric: bool = False
    span_text: str = ""  # the words that name the channel, when they differ from its label


def channel(text: str, toks: Sequence[Tok], lex: Lexicon, *, interview: bool = False,
            document: bool = False, addressee: bool = False) -> ChannelRef | None:
    """The channel a noun phrase names, or None for a person or nothing.

    With `addressee`, the phrase is what the words were said to: a body
    (`told the court`, `a écrit au ministère`) is then a channel, a person is not.
    """
    words = [t for t in toks if t.pos != "PUNCT" or t.text in "«»“”\""]
    if not words:
        return None
    start, end = words[0].start, words[-1].end
    entry = lookup_outlet(text[start:end])
    if entry is not None:  # a gazetteer name, whatever its case (`sur franceinfo`)
        return ChannelRef(entry.name, ChannelKind.OUTLET, start, end)
    m = read_mention(text, words, lex)
    if m is not None and m.kind is SpeakerKind.OUTLET:
        return ChannelRef(m.name, ChannelKind.OUTLET, start, end)
    if m is not None and m.outlets:
        return ChannelRef(m.outlets[0], ChannelKind.OUTLET, start, end)
    for t in words:
        if t.low in lex.audiences:
            label = lex.audiences[t.low]
            if interview:
                return ChannelRef(f"{lex.interview_label} {label}", ChannelKind.INTERVIEW, start, end)
            return ChannelRef(label, ChannelKind.AUDIENCE, start, end)
    if m is None:
        return None
    if m.kind is SpeakerKind.DOCUMENT or document:
        return ChannelRef(m.title or m.name, ChannelKind.DOCUMENT, start, end)
    if m.head in lex.outlet_heads:
        # `à l'agence` names no outlet: it points back to the last one named.
        unnamed = not any(t.is_cap for t in words[1:])
        return ChannelRef(m.name, ChannelKind.OUTLET, start, end,
                          anaphoric=unnamed and words[0].low in lex.definite_determiners)
    if interview and m.kind is SpeakerKind.ORGANIZATION:
        return ChannelRef(m.name, ChannelKind.OUTLET, start, end)
    if addressee and m.kind is SpeakerKind.ORGANIZATION and not m.generic and not m.pronoun:
        return ChannelRef(m.name, ChannelKind.AUDIENCE, start, end)
    return None


def from_mention_chain(text: str, toks: Sequence[Tok], lex: Lexicon) -> list[ChannelRef]:
    """Every channel a source phrase carries, nearest the speaker first.

    `le nouveau livre du journaliste du Telegraph Con Coughlin, « Assad… »`
    gives the book (by its title), then the Telegraph.
    """
    m = read_mention(text, toks, lex)
    if m is None:
        return []
    out: list[ChannelRef] = []
    s, e = toks[0].start, toks[-1].end
    if m.title:
        out.append(ChannelRef(m.title, ChannelKind.DOCUMENT, s, e, span_text=text[s:e]))
    elif m.kind is SpeakerKind.DOCUMENT:
        out.append(ChannelRef(m.name, ChannelKind.DOCUMENT, s, e))
    if m.kind is SpeakerKind.OUTLET:
        out.append(ChannelRef(m.name, ChannelKind.OUTLET, s, e))
    for name in m.outlets:
        if all(c.label != name for c in out):
            out.append(ChannelRef(name, ChannelKind.OUTLET, s, e))
    if not out and m.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.ANONYMOUS):
        out.append(ChannelRef(m.name, ChannelKind.RELAY, s, e))
    return out
