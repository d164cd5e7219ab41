"""Find candidate pairs without comparing every statement with every other.

Two searches, their candidates pooled:
- MinHash LSH over character 4-grams finds copies and near-copies. Each
  sentence of a multi-sentence statement is indexed too, on behalf of its
  statement: a quote reused inside a longer statement has a low Jaccard
  similarity with the whole (which LSH misses) but a high one with the
  sentence it matches;
- over sentence embeddings, random-hyperplane LSH (SimHash bands) finds
  translations and paraphrases. Below `EXACT_LIMIT` statements the embedding
  search is exhaustive instead: n²/2 dot products in blocks cost less than
  the hashing, and are exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kg.link.buckets import Pairs, unique_pairs
from kg.link.embed import Embeddings
from kg.link.minhash import lsh_candidates, signatures
from kg.link.shingles import SHINGLE_SIZE, Shingles, shingle_hashes
from kg.link.simhash import simhash_candidates


@dataclass(frozen=True, slots=True)
class SearchParams:
    n_perm: int = 128
    # 32 bands of 4: a pair of Jaccard 0.5 (the near-copy rule) is found with
    # p≈0.87, 0.6 with p≈0.98; text sharing only its topic's words (Jaccard ≈ 0.1)
    # with p≈0.003. Paraphrases with less overlap come from the embedding search.
    minhash_bands: int = 32
    minhash_rows: int = 4
    # 32 bands of 12 bits: a centred cosine of 0.85 is found with p≈0.96, 0.7
    # with p≈0.6; an unrelated pair (cosine ≈ 0) with p≈0.008.
    simhash_bands: int = 32
    simhash_rows: int = 12
    exact_limit: int = 3000
    exact_min_cosine: float = 0.60  # below this no rule can link a pair
    max_bucket: int = 16


DEFAULT_SEARCH = SearchParams()


def exhaustive_cosine_pairs(vectors: Embeddings, min_cosine: float, block: int = 1024) -> Pairs:
    """Every pair (i < j) with cosine ≥ min_cosine, by blocked matrix products."""
    n = vectors.shape[0]
    found = []
    for start in range(0, n, block):
        sims = vectors[start : start + block] @ vectors.T
        rows, cols = np.nonzero(sims >= min_cosine)
        rows = rows + start
        keep = rows < cols
        found.append(np.stack((rows[keep], cols[keep]), axis=1).astype(np.int64))
    return unique_pairs(found)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MIN_SENTENCE = 30  # characters; shorter pieces are too generic to stand for their statement


def sentence_units(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The sentences of every multi-sentence text, and the index of the text each belongs to."""
    units: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        parts = [p for p in _SENTENCE_END.split(text) if len(p) >= _MIN_SENTENCE]
        if len(parts) > 1:
            units += parts
            owners += [i] * len(parts)
    return units, owners


def candidates(sets: Sequence[Shingles], vectors: Embeddings | None, texts: Sequence[str] = (),
               params: SearchParams = DEFAULT_SEARCH) -> tuple[Pairs, np.ndarray]:
    """Candidate pairs, and the statements' MinHash signatures (reused to pre-filter them)."""
    units, owners = sentence_units(texts)
    unit_sets = [shingle_hashes(u, SHINGLE_SIZE) for u in units]
    all_sig = signatures([*sets, *unit_sets], params.n_perm)
    owner = np.concatenate((np.arange(len(sets)), np.array(owners, dtype=np.int64))).astype(np.int64)
    hits = lsh_candidates(all_sig, params.minhash_bands, params.minhash_rows, params.max_bucket)
    hits = np.sort(owner[hits], axis=1) if len(hits) else hits
    found = [hits[hits[:, 0] != hits[:, 1]] if len(hits) else hits]
    sig = all_sig[: len(sets)]
    if vectors is not None:
        if vectors.shape[0] <= params.exact_limit:
            found.append(exhaustive_cosine_pairs(vectors, params.exact_min_cosine))
        else:
            found.append(simhash_candidates(vectors, params.simhash_bands, params.simhash_rows,
                                            max_bucket=params.max_bucket))
    return unique_pairs(found), sig
