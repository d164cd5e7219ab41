"""Fold statement text to the form every similarity measure compares.

Two copies of one quote differ in ways that carry no meaning: typographic
quotes and apostrophes (« » “ ” ’ vs " '), accents dropped by one outlet's
CMS ("Etats-Unis"), editorial brackets ("[c’est]"), ellipses, case, spacing.
Folding them away first means the n-gram measures only see differences of
wording.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# Everything that is not a letter or digit separates words; apostrophes too,
# so "d’intérêts" and "d'intérêts" and "d intérêts" agree.
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", text).strip()

