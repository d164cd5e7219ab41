"""Facts that veto a link however similar two statements read.

Similarity measures see shared words; two kinds of difference they miss make
two statements different claims whatever their overlap:

- different figures: "mis en délibéré au 12 décembre" and "au 14 mars" are
  two trials. When both statements carry numbers and share none, they are
  not one claim (a copy that drops a figure still links: it has none). An
  amount given with decimals is a measure that outlets round and update
  ("about $16.3 billion", "more than $16 billion", "$16.7 billion"): two
  figures within `_ROUNDING` of each other, one of them with decimals, are
  one figure. Counts, days and years are exact: 12 and 14 stay two.
- first-person speech from two different people: "I will spend the rest of
  my life trying to pay this back" says one thing in a defendant's mouth and
  another in the next defendant's. When both are named speakers whose names
  are not one name, and both speak in the first person, they are not one claim.
  A speaker written without a capital ("the statement", "le responsable") is
  a description, not a name: it tells no person apart.

Two names are one when they share a word, or a word of one begins like a word
of the other for `_TRANSLITERATED` letters, at most one letter longer or shorter:
a name spelt from another alphabet varies in its endings ("Podolyak",
"Podoljak"; "Zelensky", "Zelenskyy"), where another name grows ("Martin", "Martinez").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.model import Statement
from kg.text import fold_words

# Thousands written with spaces ("2 000", "2 000") are one number.
_GROUPED = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Case-insensitive, except "US"/"U.S." in capitals, which is the country ("US Navy divers").
_FIRST_PERSON = re.compile(
    r"\b(?:(?i:je|j'|j’|me|m'|m’|moi|mon|ma|mes|nous|notre|nos|i|i'm|i’m|my|mine|we|our|ours)|[Uu]s)\b")
_NAME_WORD = 4  # shorter words ("de", "al", "Mme") say nothing about who it is
_TRANSLITERATED = 5  # letters two spellings of one transliterated name share at the start
_ROUNDING = 0.05  # relative gap between a rounded amount and the precise one


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, with decimal commas and grouped thousands normalised."""
    return frozenset(n.replace(",", ".") for n in _NUMBER.findall(_GROUPED.sub("", text)))


def same_figure(a: str, b: str) -> bool:
    """One figure, written alike, or an amount with decimals and its rounding (see the module docstring)."""
    if a == b:
        return True
    if "." not in a and "." not in b:
        return False
    x, y = float(a), float(b)
    return abs(x - y) <= _ROUNDING * max(abs(x), abs(y))


def shared_figure(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b) or any(same_figure(x, y) for x in a for y in b)


def is_name(speaker: str) -> bool:
    """A proper name has a capitalised word; "the statement" or "le responsable" describes."""
    return any(w[:1].isupper() for w in speaker.split())


def name_words(name: str) -> set[str]:
    """The words that tell a named speaker apart (folded, short particles left out)."""
    return {w for w in fold_words(name).split() if len(w) >= _NAME_WORD}


def same_word(x: str, y: str) -> bool:
    """One name word, spelt alike or transliterated (`podolyak`, `podoljak`; see the module docstring)."""
    return x == y or (len(x) >= _TRANSLITERATED and len(y) >= _TRANSLITERATED and abs(len(x) - len(y)) <= 1
                      and x[:_TRANSLITERATED] == y[:_TRANSLITERATED])


def transliterated(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names' words in order are one name spelt from another alphabet two ways: the surnames
    differ but are one word (`same_word`), and the first names share their initial
    (`Mykhailo Podolyak`, `Mychajlo Podoljak`); never one surname with another first name."""
    return bool(a and b) and a[-1] != b[-1] and same_word(a[-1], b[-1]) and a[0][0] == b[0][0]


def one_person(a: str, b: str) -> bool:
    """Two named speakers who are one person: the words of one name are all in the other
    (`Ghosn`, `Carlos Ghosn`), or one name transliterated two ways. Stricter than `same_name`,
    which one shared word satisfies (`Carlos Ghosn`, `Carlos Tavares`)."""
    wa = [w for w in fold_words(a).split() if len(w) >= _NAME_WORD]
    wb = [w for w in fold_words(b).split() if len(w) >= _NAME_WORD]
    if not wa or not wb:
        return False
    return set(wa) <= set(wb) or set(wb) <= set(wa) or transliterated(wa, wb)


def same_name(a: set[str], b: set[str]) -> bool:
    """Two names' words (`name_words`) name one person: a shared word, or one transliterated."""
    return bool(a & b) or any(same_word(x, y) for x in a for y in b)


class Conflicts:
    """What each statement states and who says it in the first person, read once."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.numbers = [numbers(s.text) for s in statements]
        # The words of a named speaker who speaks in the first person; None otherwise.
        self.first_person: list[set[str] | None] = [
            name_words(s.speaker) if s.speaker and not s.anonymous and is_name(s.speaker)
            and _FIRST_PERSON.search(s.text) else None
            for s in statements]

    def between(self, i: int, j: int) -> str | None:
        """Why statements i and j cannot be one claim, or None."""
        ni, nj = self.numbers[i], self.numbers[j]
        if ni and nj and not shared_figure(ni, nj):
            return "different figures"
        fi, fj = self.first_person[i], self.first_person[j]
        if fi is not None and fj is not None and not same_name(fi, fj):
            return "first person from two different speakers"
        return None


def conflict(a: Statement, b: Statement) -> str | None:
    """Why a and b cannot be one claim, or None."""
    return Conflicts([a, b]).between(0, 1)
