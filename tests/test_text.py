"""The one text fold the lexicons, the linker and the IRIs share."""

from __future__ import annotations

import doctest

import pytest

import kg.text
from kg.rdf.namespaces import slug
from kg.text import fold, fold_words


def test_docstring_examples() -> None:
    assert doctest.testmod(kg.text).failed == 0


@pytest.mark.parametrize(("a", "b"), [
    ("Émirats", "emirats"), ("L’Élysée", "l'elysee"), ("  ÉTATS-UNIS ", "etats-unis"),
])
def test_fold_is_case_and_accents(a: str, b: str) -> None:
    assert fold(a) == b


@pytest.mark.parametrize(("a", "b"), [
    ("« d’intérêts »", "d'intérêts"), ("Cœur", "coeur"), ("[c’est] …", "c'est"), ("Ørsted", "orsted"),
])
def test_spellings_of_one_text_fold_alike(a: str, b: str) -> None:
    assert fold_words(a) == fold_words(b)


def test_slugs_are_the_same_fold_with_hyphens() -> None:
    assert slug("AL MONITOR") == slug("Al-Monitor") == fold_words("al monitor", sep="-") == "al-monitor"
    assert slug("Œuvre d’Orient") == "oeuvre-d-orient"
