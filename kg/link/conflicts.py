"""Facts that veto a link however similar two statements read.

Similarity measures see shared words; two kinds of difference they miss make
two statements different claims whatever their overlap:

- different figures: "mis en délibéré au 12 décembre" and "au 14 mars" are
  two trials. When both statements carry numbers and share none, they are
  not one claim (a copy that drops a figure still links: it has none).
- first-person speech from two different people: "I will spend the rest of
  my life trying to pay this back" says one thing in a defendant's mouth and
  another in the next defendant's. When both are named speakers whose names
  share no word, and both speak in the first person, they are not one claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.link.normalize import fold
from kg.model import Statement

# Thousands written with spaces ("2 000", "2 000") are one number.
_GROUPED = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Case-insensitive, except "US"/"U.S." in capitals, which is the country ("US Navy divers").
_FIRST_PERSON = re.compile(
    r"\b(?:(?i:je|j'|j’|me|m'|m’|moi|mon|ma|mes|nous|notre|nos|i|i'm|i’m|my|mine|we|our|ours)|[Uu]s)\b")
_NAME_WORD = 4  # shorter words ("de", "al", "Mme") say nothing about who it is


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, with decimal commas and grouped thousands normalised."""
    return frozenset(n.replace(",", ".") for n in _NUMBER.findall(_GROUPED.sub("", text)))


def _name_words(name: str) -> set[str]:
    return {w for w in fold(name).split() if len(w) >= _NAME_WORD}


class Conflicts:
    """What each statement states and who says it in the first person, read once."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.numbers = [numbers(s.text) for s in statements]
        # The words of a named speaker who speaks in the first person; None otherwise.
        self.first_person: list[set[str] | None] = [
            _name_words(s.speaker) if s.speaker and not s.anonymous and _FIRST_PERSON.search(s.text) else None
            for s in statements]

    def between(self, i: int, j: int) -> str | None:
        """Why statements i and j cannot be one claim, or None."""
        ni, nj = self.numbers[i], self.numbers[j]
        if ni and nj and not ni & nj:
            return "different figures"
        fi, fj = self.first_person[i], self.first_person[j]
        if fi is not None and fj is not None and not fi & fj:
            return "first person from two different speakers"
        return None


def conflict(a: Statement, b: Statement) -> str | None:
    """Why a and b cannot be one claim, or None."""
    return Conflicts([a, b]).between(0, 1)
