"""The records the cue rules share: a cue, and the sentence it is read from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kg.extract.channels import ChannelRef
from kg.extract.lexicon import Lexicon
from kg.extract.nlp import Tok
from kg.extract.quotes import Quote
from kg.extract.speakers import Mention

OPEN = "«“„"


CLOSE = "»”"

class CueKind(StrEnum):
    """What kind of words make the attribution."""

    VERB = "verb"  # a reporting verb: `a déclaré`, `said`
    MARKER = "marker"  # a source marker: `selon`, `according to`
    PARTICIPLE = "participle"  # a participle going on with a speaker: `, ajoutant que`
    PASSIVE = "passive"  # a passive citation: `cité comme déclarant`
    HEADLINE = "headline"  # a headline credit: `Claim – médias`
    RELAY = "relay"  # `cité par Y`, `citant X`: no statement, a channel for another cue


class Mode(StrEnum):
    """Where the content stands against the cue."""

    AFTER = "after"  # `X a déclaré que …`
    BEFORE = "before"  # `« … », a déclaré X`
    NONE = "none"  # a relay governs no content of its own


class Complement(StrEnum):
    """How the content opens after the cue."""

    QUE = "que"  # a clause: `que …`, `that …`, or a zero `that`
    COLON = "colon"  # `: « … »`
    QUOTE = "quote"  # a quote right after the verb
    INF = "inf"  # an infinitive: `nie avoir profité`
    OBJECT = "object"  # a noun phrase object: `a dénoncé une menace`
    MARKER = "marker"  # what a source marker governs



@dataclass(frozen=True)
class Following:
    """What follows a reporting verb, read left to right until the content opens."""

    channels: tuple[ChannelRef, ...]  # `à l'AFP`, `lors d'un point presse`, `told Reuters`
    np: tuple[int, int] | None  # token bounds of an object or inverted subject
    complement: Complement | None  # how the content opens, None when it does not
    comp: int  # token index where the content opens (where the scan stopped, when nothing opens)
    end: int  # token index where the scan stopped
    apposition: tuple[int, int] | None = None  # `, patron de la PJ,` after an inverted subject


@dataclass
class Cue:
    kind: CueKind
    cue_start: int
    cue_end: int
    mode: Mode
    speaker: Mention | None  # None: the speaker of the previous cue
    complement: Complement | None
    content_start: int
    content_end: int
    clause_start: int
    verb: str = ""
    channels: list[ChannelRef] = field(default_factory=list)
    relays: list[ChannelRef] = field(default_factory=list)  # outer speakers, nearest first
    tail_end: int = -1  # end of the second half of an interrupted quote
    source_chain: list[ChannelRef] = field(default_factory=list)  # a marker's source as channels

    @property
    def extent(self) -> tuple[int, int]:
        s = min(self.clause_start, self.content_start, self.cue_start,
                self.speaker.start if self.speaker else self.cue_start)
        e = max(self.content_end, self.cue_end, self.speaker.end if self.speaker else self.cue_end)
        return s, e


@dataclass(frozen=True)
class Context:
    text: str
    toks: Sequence[Tok]  # the unit's tokens
    quotes: Sequence[Quote]
    lex: Lexicon
    # The quotes sorted by start, and the furthest end reached up to each: asking
    # whether a word is quoted is a bisection, not a scan of every quote (a
    # sentence may hold thousands of them), so the rules stay n log n.
    _by_start: tuple[Quote, ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _reach: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _disjoint: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_start = sorted(self.quotes, key=lambda q: q.start)  # one pass when already in order
        reach: list[int] = []
        far, disjoint = -1, True
        for q in by_start:
            disjoint = disjoint and q.start >= far
            far = max(far, q.end)
            reach.append(far)
        object.__setattr__(self, "_by_start", tuple(by_start))
        object.__setattr__(self, "_starts", tuple(q.start for q in by_start))
        object.__setattr__(self, "_reach", tuple(reach))
        object.__setattr__(self, "_disjoint", disjoint)

    def in_quote(self, t: Tok) -> bool:
        """Some quote has `q.start <= t.start < q.end`."""
        i = bisect_right(self._starts, t.start)
        return i > 0 and self._reach[i - 1] > t.start

    def quote_around(self, pos: int) -> Quote | None:
        """The quote with `q.start < pos < q.end` (the first of them in `quotes` if they overlap)."""
        i = bisect_left(self._starts, pos)
        if i == 0 or self._reach[i - 1] <= pos:
            return None
        if self._disjoint:  # top-level quotes, as `find_quotes` gives them: only the last one can hold pos
            return self._by_start[i - 1]
        return next((q for q in self.quotes if q.start < pos < q.end), None)
