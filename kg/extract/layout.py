"""The page's layout: which lines are article, which are page furniture.

Scraped articles carry donation banners, navigation, photo credits, comment
sections and footers around the article itself. `layout` sorts every line
into one of those roles so that only article lines are read for claims, and
footer and byline lines go to `travel`. It also cuts article lines into
units: sentences that never break inside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from kg.extract.lexicon import Lexicon
from kg.extract.quotes import Quote, find_quotes


class Role(str, Enum):
    TITLE = "title"
    CONTENT = "content"
    BOILERPLATE = "boilerplate"
    TRAVEL = "travel"  # footer, byline or credit that says where the text came from
    COMMENTS = "comments"
    BANNER = "banner"


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    role: Role


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence of article text, whole even when a quote inside it runs on."""

    start: int
    end: int
    line: int  # index of its line in Layout.lines
    first_in_line: bool


@dataclass(frozen=True)
class Layout:
    text: str
    lines: tuple[Line, ...]
    quotes: tuple[Quote, ...]
    units: tuple[Unit, ...]
    content_start: int  # after a metadata prefix such as `date 2023-07`

    def of(self, role: Role) -> list[Line]:
        return [ln for ln in self.lines if ln.role is role]


_META_PREFIX = re.compile(r"^\s*date:?\s+\d{4}-\d{2}(?:-\d{2})?\s+", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?…]+")
_ABBREV = {"m", "mm", "mme", "dr", "st", "etc", "cf", "p", "n°", "no", "vol", "art", "gen", "gén",
           "col", "lt", "sgt", "mr", "mrs", "ms", "jr", "sr", "u.s", "u.n", "vs", "av", "env", "sen", "rep",
           "gov", "capt", "adm", "maj", "prof", "pres", "supt", "dept", "inc", "ltd", "co", "corp", "gouv",
           "me", "pr", "mgr", "cie", "ste", "sté", "messrs", "rev", "fr", "ave", "blvd"}


def _is_banner(line: str) -> bool:
    """Short all-capital lines are section banners and site names, not sentences."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line) < 60 and all(c.isupper() for c in letters) and len(letters) > 3


def _classify(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[Role]:
    roles: list[Role] = []
    in_comments = False
    title_done = False
    # Wire credits sit inside the first paragraph (`PARIS (AFP) - …`): the line stays content.
    travel_patterns = [p for k, ps in lex.travel.items() if k != "wire" for p in ps]
    for start, end in spans:
        line = text[start:end].strip()
        if in_comments:
            # The page's own footer (`© 2023 Site`) still follows the reader comments.
            footer = len(line) < 120 and any(p.search(line) for k in ("copyright", "publisher")
                                             for p in lex.travel.get(k, ()))
            roles.append(Role.TRAVEL if footer else Role.COMMENTS)
            continue
        if any(p.search(line) for p in lex.comment_openers):
            in_comments = True
            roles.append(Role.COMMENTS)
            continue
        if any(p.search(line) for p in lex.boilerplate):
            roles.append(Role.BOILERPLATE)
            continue
        if len(line) < 200 and any(p.search(line) for p in travel_patterns):
            roles.append(Role.TRAVEL)
            continue
        if _is_banner(line) or len(line) < 3:
            roles.append(Role.BANNER)
            continue
        if not title_done:
            title_done = True
            # A title is a short first line with no closing full stop (it may end on a
            # quote: `Topic: "We are losing…"`).
            ends_on_quote = line.endswith(("»", '"', "”")) and not line[:-1].rstrip().endswith(".")
            if len(line) < 220 and (not line.endswith((".", "»", '"', "”")) or (ends_on_quote and ":" in line)):
                roles.append(Role.TITLE)
                continue
        roles.append(Role.CONTENT)
    # Lines repeated verbatim (photo captions, pull heads) are read once: the
    # first copy is kept, later copies are furniture.
    seen: set[str] = set()
    for k, (start, end) in enumerate(spans):
        key = text[start:end].strip()
        if roles[k] in (Role.CONTENT, Role.TITLE):
            if key in seen:
                roles[k] = Role.BOILERPLATE
            seen.add(key)
    return roles


def _line_spans(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for raw in text[start:].split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        # Trim surrounding whitespace so spans begin and end on words.
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


# A wire dateline opening a paragraph: `PARIS, 24 novembre (Reuters) -`, `WASHINGTON (AFP) —`,
# `(Reuters) –`. Typography, not words of a language: a place in capitals or capitalised words,
# an optional date, the agency in brackets, a dash.
_DATELINE = re.compile(r"(?:[A-ZÀ-Ý][\w'’.-]*(?:[ /-][A-ZÀ-Ý][\w'’.-]*){0,3}(?:,[^()\n]{1,30}?)?\s+)?"
                       r"\([A-Z][\w .&'’-]{1,30}\)\s*[-–—]\s+")


def _units(text: str, line: Line, idx: int, quotes: list[Quote]) -> list[Unit]:
    """Split one line into sentences, never inside a quote; a wire dateline opening the
    line is no part of its first sentence (the credit it gives is read apart: `travel`)."""
    out: list[Unit] = []
    s = line.start
    if (dateline := _DATELINE.match(text, s, line.end)) is not None and dateline.end() < line.end:
        s = dateline.end()
    for m in _SENT_END.finditer(text, line.start, line.end):
        e = m.end()
        # Closing marks right after the full stop belong to the sentence, with the (thin) space
        # French typography puts before a closing guillemet (`pourquoi. » De Zerbi …`).
        while e < line.end:
            if text[e] in "»”\"’)":
                e += 1
                continue
            k = e
            while k < line.end and text[k] in " \u00a0\u202f":
                k += 1
            if k == e or k >= line.end or text[k] not in "»”":
                break
            e = k + 1
        if e >= line.end:
            continue
        if not text[e].isspace() and not _glued_sentence(text, s, m.start(), e):
            continue
        nxt = e
        while nxt < line.end and text[nxt].isspace():
            nxt += 1
        if nxt >= line.end:
            continue
        # A full stop inside a quote ends nothing, unless the quote closes right after it
        # (`… "extremely low." "You would …`, English style).
        if any(q.start < m.start() < q.end - 1 and text[m.end():q.end - 1].strip()
               for q in quotes if q.end > line.start and q.start < line.end):
            continue
        word = re.findall(r"[\w.]+$", text[s:m.start()].lower())
        if m.group() == "." and word and (word[0] in _ABBREV or len(word[0]) == 1):
            continue
        c = text[nxt]
        if not (c.isalpha() or c.isdigit() or c in "«“\"„([—–-"):
            continue
        out.append(Unit(s, e, idx, not out))
        s = nxt
    if s < line.end:
        out.append(Unit(s, line.end, idx, not out))
    return out


def _glued_sentence(text: str, s: int, stop: int, nxt: int) -> bool:
    """A sentence end whose space the scraper lost: `… Renault Nissan.« Je suis …`,
    `… écrit Die Zeit.Le NYT …`. Only after a lower-case word of two letters or
    more and before a capital or an opening quote, so `U.S.Army`, `lemonde.fr`,
    `3.5` and `M.Dupont` stay whole.
    """
    if text[stop] != "." or not (text[nxt].isupper() or text[nxt] in "«“"):
        return False
    if stop > s and text[stop - 1] in "»”":
        return True  # `… la semaine prochaine ».L'hypothèse …`: a quote closed the sentence
    word = re.findall(r"\w+$", text[s:stop])
    return bool(word) and len(word[0]) >= 2 and word[0].isalpha() and word[0][-1].islower() \
        and word[0].lower() not in _ABBREV


def layout(text: str, lex: Lexicon) -> Layout:
    m = _META_PREFIX.match(text)
    content_start = m.end() if m else 0
    spans = _line_spans(text, content_start)
    roles = _classify(text, spans, lex)
    lines = tuple(Line(s, e, r) for (s, e), r in zip(spans, roles, strict=True))
    quotes = find_quotes(text, content_start)
    units: list[Unit] = []
    for k, ln in enumerate(lines):
        if ln.role in (Role.CONTENT, Role.TITLE):
            units.extend(_units(text, ln, k, quotes))
    return Layout(text, lines, tuple(quotes), tuple(_join_across_lines(units, quotes)), content_start)


def _join_across_lines(units: list[Unit], quotes: list[Quote]) -> list[Unit]:
    """A quote over several paragraphs makes one sentence of the units it spans, so
    the cue after it (`« …\n« … », a-t-elle dit`) reaches its first paragraph."""
    out: list[Unit] = []
    for u in units:
        if out and any(q.start < out[-1].end and q.end > u.start and q.start >= out[-1].start
                       for q in quotes if q.closed):
            prev = out.pop()
            out.append(Unit(prev.start, u.end, prev.line, prev.first_in_line))
        else:
            out.append(u)
    return out
