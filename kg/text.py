"""Folding text so that spellings that mean the same compare equal: one home for every fold.

- `fold`: case and accents (`Émirats` → `emirats`), typographic apostrophes made
  plain. Every lexicon comparison uses it, so a word list matches however an
  outlet's CMS wrote the word.
- `fold_words`: `fold`, plus ligatures and every run of punctuation made one
  separator. The linker compares statements in this form (two copies of a quote
  differ by « » or “ ” and brackets, never by meaning) and IRIs name outlets and
  people with it (`Al-Monitor`, `AL MONITOR` and `al-monitor` meet on one node).
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"})
# Everything that is not a letter or digit separates words; apostrophes too,
# so "d’intérêts" and "d'intérêts" and "d intérêts" agree.
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Case- and accent-folded text, typographic apostrophes made plain, ends stripped.

    >>> fold(" L’Élysée ")
    "l'elysee"
    """
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def fold_words(text: str, sep: str = " ") -> str:
    """Lower-case, accent- and ligature-free words joined by `sep`, punctuation gone.

    >>> fold_words("« Cœur d’Alene » [sic]…")
    'coeur d alene sic'
    >>> fold_words("Al-Monitor", sep="-")
    'al-monitor'
    """
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(sep, text).strip(sep)
