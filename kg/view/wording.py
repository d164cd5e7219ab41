"""Values put into words on the pages, so every page counts, lists and clips alike."""

from __future__ import annotations


def text(value: object) -> str:
    """A graph attribute as display text; a missing one (None) reads as nothing, not 'None'."""
    return "" if value is None else str(value)


def clip(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis, so a long label cannot widen its box or cell."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def some(names: list[str], limit: int = 4) -> str:
    """A list for a sentence, cut after `limit` names: a banner must stay one or two lines."""
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the noun in the number that agrees with it ('1 article', '3 copies')."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
