"""Character n-gram shingles of folded text, hashed to 32-bit integers.

Character n-grams rather than words: they survive the small edits copies go
through (inflection, "d'intérêts" vs "d intérêts", a changed article) and need
no tokeniser per language. The hash is a polynomial rolling hash computed
with numpy, so it is fast and, unlike Python's salted `hash`, identical in
every process: claim ids depend on it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kg.text import fold_words

Shingles = npt.NDArray[np.uint32]

# 4-grams: long enough to carry word stems, short enough that inflection
# ("coordonné"/"coordonnés") and elision leave most of a word's grams intact.
SHINGLE_SIZE = 4

_BASE = np.uint64(1_000_003)
# Knuth's multiplicative constant spreads the 64-bit polynomial over 32 bits.
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(text: str, k: int) -> Shingles:
    """The sorted, distinct hashes of the k-grams of `fold_words(text)`.

    A text shorter than k is one shingle on its own, so "Nous parlons" still
    has a signature; an empty text has none.
    """
    folded = fold_words(text)
    if not folded:
        return np.empty(0, dtype=np.uint32)
    codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size < k:
        k = int(codes.size)
    n = codes.size - k + 1
    h = np.zeros(n, dtype=np.uint64)
    # Horner's rule over the window, vectorised across every window at once;
    # uint64 arithmetic wraps, which is what a rolling hash wants.
    for j in range(k):
        h = h * _BASE + codes[j : j + n]
    mixed = (h * _MIX) >> np.uint64(32)
    return np.unique(mixed.astype(np.uint32))


def overlap(a: Shingles, b: Shingles) -> tuple[float, float]:
    """Jaccard similarity and containment (overlap over the smaller set) of two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union, inter / min(a.size, b.size)
