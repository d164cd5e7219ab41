"""Candidate search: MinHash and SimHash LSH find near pairs without comparing all pairs."""

from __future__ import annotations

import numpy as np
import pytest

from kg.link.buckets import pairs_from_keys, unique_pairs
from kg.link.minhash import estimated_jaccard, lsh_candidates, signatures
from kg.link.search import exhaustive_cosine_pairs
from kg.link.shingles import shingle_hashes
from kg.link.simhash import simhash_candidates

SYLLABLES = [c + v for c in "bdfklmnrstvz" for v in "aeiou"]


def _vocabulary(n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    return ["".join(rng.choice(SYLLABLES, size=rng.integers(2, 5))) for _ in range(n)]


WORDS = _vocabulary(3000)


def _sentences(n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=14)) for _ in range(n)]


def _pairs(p: np.ndarray) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in p}


def test_minhash_estimates_jaccard() -> None:
    a = shingle_hashes("les forces russes et iraniennes se sont coordonnées en Syrie", 4)
    b = shingle_hashes("les forces russes et iraniennes se seraient coordonnées en Syrie", 4)
    exact = np.intersect1d(a, b).size / np.union1d(a, b).size
    sig = signatures([a, b], n_perm=256)
    est = estimated_jaccard(sig, np.array([0]), np.array([1]))[0]
    assert est == pytest.approx(exact, abs=0.1)


def test_minhash_lsh_finds_copies_among_unrelated_text() -> None:
    texts = _sentences(1500)
    # Every 10th sentence gets an edited copy at the end of the corpus.
    copies = {i: len(texts) + k for k, i in enumerate(range(0, 1500, 10))}
    # An edited copy: one word swapped, a credit added.
    texts += [texts[i].split(' ', 1)[1] + " selon l'agence" for i in copies]
    sig = signatures([shingle_hashes(t, 4) for t in texts])
    found = _pairs(lsh_candidates(sig, bands=42, rows=3))
    recall = sum((i, j) in found for i, j in copies.items()) / len(copies)
    assert recall >= 0.95
    n = len(texts)
    assert len(found) < 0.01 * n * (n - 1) / 2


def test_empty_statements_never_become_candidates() -> None:
    sig = signatures([shingle_hashes("", 4), shingle_hashes("", 4), shingle_hashes("du texte", 4)])
    assert len(lsh_candidates(sig, bands=42, rows=3)) == 0


def test_simhash_finds_close_vectors_and_few_far_ones() -> None:
    rng = np.random.default_rng(1)
    base = rng.standard_normal((3000, 512)).astype(np.float32)
    near = base[:300] + 0.35 * rng.standard_normal((300, 512)).astype(np.float32)  # cosine ≈ 0.94
    vectors = np.concatenate([base, near])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    found = _pairs(simhash_candidates(vectors, bands=32, rows=12))
    recall = sum((i, 3000 + i) in found for i in range(300)) / 300
    assert recall >= 0.95
    n = len(vectors)
    assert len(found) < 0.01 * n * (n - 1) / 2


def test_exhaustive_search_is_exact() -> None:
    rng = np.random.default_rng(2)
    v = rng.standard_normal((200, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    found = _pairs(exhaustive_cosine_pairs(v, 0.5, block=37))
    sims = v @ v.T
    expected = {(i, j) for i in range(200) for j in range(i + 1, 200) if sims[i, j] >= 0.5}
    assert found == expected


def test_a_huge_bucket_yields_a_star_and_a_chain_not_all_pairs() -> None:
    keys = np.zeros(1000, dtype=np.uint64)
    pairs = pairs_from_keys(keys, np.arange(1000, dtype=np.int64), max_bucket=64)
    assert len(pairs) < 2 * 1000
    # Still one connected group for union-find.
    from kg.link.group import UnionFind
    uf = UnionFind(1000)
    for a, b in pairs:
        uf.union(int(a), int(b))
    assert len(uf.components()) == 1


def test_small_buckets_yield_every_pair_once() -> None:
    keys = np.array([5, 7, 5, 5, 7, 9], dtype=np.uint64)
    pairs = unique_pairs([pairs_from_keys(keys, np.arange(6, dtype=np.int64))])
    assert _pairs(pairs) == {(0, 2), (0, 3), (2, 3), (1, 4)}
