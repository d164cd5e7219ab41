"""Quotation-mark spans: « … », “ … ”, " … ", nested, over several paragraphs.

A pure function of the text. Typographic marks open and close unambiguously;
a straight `"` opens when it stands before a word and after a space or the
start of a line, and closes otherwise. Any closing mark closes the innermost
open quote, because real pages mix their marks (`«… ?"`). A quote left open at
the end of a paragraph continues when the next paragraph opens with a mark
(the convention for quotes over several paragraphs); otherwise it ends there.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = "«“„"
CLOSERS = "»”"
STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks and their padding."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return (before.isspace() or before in "([{—–-'’:") and not after.isspace()


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Top-level quotes in `text[start:end]`, in order; nested quotes stay inside them."""
    end = len(text) if end is None else end
    quotes: list[Quote] = []
    stack: list[str] = []
    q_start = -1
    i = start
    while i < end:
        c = text[i]
        if c == "\n" and stack:
            # Paragraph end inside a quote: continue only if the next paragraph
            # reopens the quote; then the reopening mark belongs to this quote.
            j = i
            while j < end and text[j].isspace():
                j += 1
            if j < end and (text[j] in OPENERS or text[j] == STRAIGHT) and len(stack) == 1:
                i = j + 1
                continue
            quotes.append(Quote(q_start, i, closed=False))
            stack.clear()
        elif c in OPENERS or (c == STRAIGHT and _straight_opens(text, i)
                              and not (stack and stack[-1] == STRAIGHT)):
            if not stack:
                q_start = i
            stack.append(c)
        elif (c in CLOSERS or c == STRAIGHT) and stack:
            stack.pop()
            if not stack:
                quotes.append(Quote(q_start, i + 1, closed=True))
        i += 1
    if stack:
        quotes.append(Quote(q_start, end, closed=False))
    return quotes


def inside(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote whose marks enclose `pos`, if any."""
    for q in quotes:
        if q.start <= pos < q.end:
            return q
        if q.start > pos:
            break
    return None
