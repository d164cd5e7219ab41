"""Folding, shingles and overlap: the character evidence claim linking rests on."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from kg.link.shingles import overlap, shingle_hashes
from kg.text import fold_words


@pytest.mark.parametrize(("a", "b"), [
    ("convergence d’intérêts", "Convergence d'interets"),
    ("« Il y a »", '"il y a"'),
    ("Franchement, [c’est] le même", "franchement c est le meme"),
    ("Les  États-Unis…", "les etats unis"),
    ("cœur", "coeur"),
])
def test_fold_erases_typography_accents_and_case(a: str, b: str) -> None:
    assert fold_words(a) == fold_words(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Russes", "Iraniens"),
    ("tués", "blessés"),
])
def test_fold_keeps_words_apart(a: str, b: str) -> None:
    assert fold_words(a) != fold_words(b)


def test_shingles_are_sorted_distinct_and_ignore_typography() -> None:
    a = shingle_hashes("Il y a une convergence d’intérêts", 4)
    b = shingle_hashes("« il y a une CONVERGENCE d'interets »", 4)
    assert np.array_equal(a, b)
    assert np.all(np.diff(a.astype(np.int64)) > 0)


def test_short_and_empty_texts() -> None:
    assert shingle_hashes("oui", 4).size == 1  # shorter than k: one shingle of its own
    assert shingle_hashes("  «» ", 4).size == 0


def test_shingle_hashes_are_the_same_in_another_process() -> None:
    # Claim ids and LSH buckets depend on these values: Python's salted hash() would differ.
    code = "from kg.link.shingles import shingle_hashes; print(shingle_hashes('Wagner Group', 4).tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(shingle_hashes("Wagner Group", 4).tolist())


@pytest.mark.parametrize(("a", "b", "jaccard", "containment"), [
    ("les forces russes", "les forces russes", 1.0, 1.0),
    ("abcdefgh", "zyxwvuts", 0.0, 0.0),
    ("", "quelque chose", 0.0, 0.0),
])
def test_overlap_table(a: str, b: str, jaccard: float, containment: float) -> None:
    j, c = overlap(shingle_hashes(a, 4), shingle_hashes(b, 4))
    assert (j, c) == pytest.approx((jaccard, containment))


def test_a_quote_inside_a_longer_statement_is_contained_but_not_similar() -> None:
    short = shingle_hashes("le même genre de choses que nous ferions avec nos partenaires", 4)
    long = shingle_hashes("Franchement, c'est le même genre de choses que nous ferions avec nos partenaires "
                          "face à quelque chose que nous essayions d'accomplir, a déclaré le responsable", 4)
    jaccard, containment = overlap(short, long)
    assert containment == 1.0
    assert jaccard < 0.5
