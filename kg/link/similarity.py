"""Measure candidate pairs: shingle overlap, and embedding cosine when available."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from kg.link.buckets import Pairs
from kg.link.conflicts import Conflicts
from kg.link.embed import Embeddings
from kg.link.shingles import SHINGLE_SIZE, Shingles, overlap, shingle_hashes
from kg.link.verify import Evidence
from kg.model import Statement


def shingle_sets(texts: Sequence[str], k: int = SHINGLE_SIZE) -> list[Shingles]:
    return [shingle_hashes(t, k) for t in texts]


def measure(pairs: Pairs, sets: Sequence[Shingles], vectors: Embeddings | None) -> list[Evidence]:
    """Evidence for each row (i, j) of `pairs`."""
    cosines = None
    if vectors is not None and len(pairs):
        # Row-wise dot products of unit vectors, in one pass.
        cosines = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    out = []
    for row, (i, j) in enumerate(pairs.tolist()):
        jac, con = overlap(sets[i], sets[j])
        cos = None if cosines is None else float(cosines[row])
        out.append(Evidence(jaccard=jac, containment=con, shorter=min(sets[i].size, sets[j].size),
                            cosine=cos))
    return out


def text_pair_evidence(pairs: Sequence[tuple[str, str]], vectors: bool = True) -> list[Evidence]:
    """Evidence for pairs of texts given directly (the tuning table, tests)."""
    from kg.link import embed

    texts = [t for pair in pairs for t in pair]
    index = np.arange(len(texts), dtype=np.int64).reshape(-1, 2)
    emb = embed.encode(texts) if vectors and embed.available() else None
    vetoes = Conflicts([Statement(article_id=str(k), start=0, end=len(t), text=t) for k, t in enumerate(texts)])
    return [replace(e, conflict=vetoes.between(2 * k, 2 * k + 1))
            for k, e in enumerate(measure(index, shingle_sets(texts), emb))]
