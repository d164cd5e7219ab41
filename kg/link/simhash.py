"""Random-hyperplane LSH (SimHash bands) over sentence embeddings.

Each embedding is reduced to one bit per random hyperplane (which side it
lies on); two vectors at angle θ agree on a bit with probability 1 - θ/π.
Cutting the bits into bands and bucketing on whole bands finds pairs of high
cosine in time linear in the number of statements, instead of the n²/2 dot
products an exhaustive search needs.

The embeddings are centred on the corpus mean first: statements of one news
topic all point roughly the same way, and without centring that shared
direction makes every pair look alike to the hyperplanes.
"""

from __future__ import annotations

import numpy as np

from kg.link.buckets import Pairs, pairs_from_keys, unique_pairs
from kg.link.embed import Embeddings


def simhash_candidates(vectors: Embeddings, bands: int, rows: int, seed: int = 3,
                       max_bucket: int = 64) -> Pairs:
    """Pairs (i, j), i < j, whose sign bits agree on at least one whole band."""
    dim = vectors.shape[1]
    members = np.flatnonzero(np.abs(vectors).sum(axis=1) > 0).astype(np.int64)
    if members.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    centred = vectors[members] - vectors[members].mean(axis=0, keepdims=True)
    planes = np.random.default_rng(seed).standard_normal((dim, bands * rows)).astype(np.float32)
    bits = (centred @ planes) > 0
    weights = (np.uint64(1) << np.arange(rows, dtype=np.uint64))
    found = []
    for band in range(bands):
        keys = (bits[:, band * rows : (band + 1) * rows].astype(np.uint64) * weights).sum(
            axis=1, dtype=np.uint64)
        found.append(pairs_from_keys(keys, members, max_bucket))
    return unique_pairs(found)
