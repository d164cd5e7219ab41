"""An article's text as HTML, with the statements a view points at wrapped in `<mark>`.

Every piece of the text is escaped here; the only markup in the result is the
`<mark>` elements this module writes, so hostile article text stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class SpanNote:
    """A stretch `text[start:end]` to mark, and what to say about it on hover."""

    start: int
    end: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class MarkedText:
    html: Markup
    # every span that was marked → the id of the <mark> holding it (overlapping spans share one)
    mark_ids: dict[tuple[int, int], str]
    # spans whose offsets do not fit the text: shown as a warning, never guessed at
    skipped: tuple[tuple[int, int], ...]


def mark_text(text: str, spans: Iterable[SpanNote], *, id_prefix: str) -> MarkedText:
    """Escape `text` and wrap each span in `<mark id="{id_prefix}-{start}-{end}">`.

    Overlapping spans are merged into one mark (nested marks would need a tree,
    and a reader only needs to see which words are attributed). The mark's
    `title` lists the notes of every span it holds.
    """
    valid: list[SpanNote] = []
    skipped: list[tuple[int, int]] = []
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            valid.append(span)
        else:
            skipped.append((span.start, span.end))
    valid.sort(key=lambda s: (s.start, -s.end))

    groups: list[list[SpanNote]] = []
    for span in valid:
        if groups and span.start < max(s.end for s in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])

    pieces: list[Markup] = []
    mark_ids: dict[tuple[int, int], str] = {}
    position = 0
    for group in groups:
        start, end = group[0].start, max(s.end for s in group)
        mark_id = f"{id_prefix}-{start}-{end}"
        notes = list(dict.fromkeys(s.note for s in group if s.note))  # unique, in text order
        pieces.append(escape(text[position:start]))
        pieces.append(Markup('<mark id="{}" title="{}">{}</mark>').format(
            mark_id, "\n".join(notes), text[start:end]))
        for span in group:
            mark_ids[(span.start, span.end)] = mark_id
        position = end
    pieces.append(escape(text[position:]))
    return MarkedText(html=Markup("").join(pieces), mark_ids=mark_ids, skipped=tuple(sorted(set(skipped))))
