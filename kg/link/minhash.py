"""MinHash signatures and LSH banding: candidate pairs without comparing all pairs.

Each statement's shingle set is summarised by `n_perm` minimum hash values;
two sets agree on one value with probability equal to their Jaccard
similarity. Signatures are cut into bands of `rows` values and statements
sharing one whole band land in one bucket, so a pair with Jaccard s becomes a
candidate with probability 1 - (1 - s^rows)^bands: an S-curve that keeps
near-copies and drops unrelated text, in time linear in the number of
statements (plus the candidates found).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kg.link.buckets import Pairs, pairs_from_keys, unique_pairs
from kg.link.shingles import Shingles

Signatures = npt.NDArray[np.uint32]

_EMPTY = np.uint32(0xFFFFFFFF)
# Statements per block when hashing: bounds the (shingles × n_perm) matrix to ~100 MB.
_BLOCK_SHINGLES = 100_000


def _permutations(n_perm: int, seed: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(seed)
    # Multiply-shift hashing (Dietzfelbinger): (a·x + b) >> 32 with a odd is a
    # universal family, and needs nothing but wrapping uint64 arithmetic.
    a = rng.integers(1, 2**63, size=n_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=n_perm, dtype=np.uint64)
    return a, b


def signatures(sets: Sequence[Shingles], n_perm: int = 128, seed: int = 1) -> Signatures:
    """One row of `n_perm` minima per shingle set (an empty set gets a row of 0xFFFFFFFF)."""
    a, b = _permutations(n_perm, seed)
    out = np.full((len(sets), n_perm), _EMPTY, dtype=np.uint32)
    i = 0
    while i < len(sets):
        # Gather a block of statements whose shingles fit the working-set budget.
        j, total = i, 0
        while j < len(sets) and (total == 0 or total + sets[j].size <= _BLOCK_SHINGLES):
            total += sets[j].size
            j += 1
        block = list(sets[i:j])
        sizes = np.array([s.size for s in block])
        nonempty = np.flatnonzero(sizes)
        if nonempty.size:
            flat = np.concatenate([block[k] for k in nonempty]).astype(np.uint64)
            hashed = ((flat[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).astype(np.uint32)
            starts = np.concatenate(([0], np.cumsum(sizes[nonempty])[:-1]))
            out[i + nonempty] = np.minimum.reduceat(hashed, starts, axis=0)
        i = j
    return out


def estimated_jaccard(sig: Signatures, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[
        np.float64]:
    """The share of agreeing minima for each (left[i], right[i]) pair: an unbiased Jaccard estimate."""
    return (sig[left] == sig[right]).mean(axis=1)


def lsh_candidates(sig: Signatures, bands: int, rows: int, max_bucket: int = 64) -> Pairs:
    """Pairs (i, j), i < j, that share at least one whole band of their signatures."""
    if bands * rows > sig.shape[1]:
        raise ValueError(f"{bands} bands × {rows} rows need {bands * rows} hash values, "
                         f"signatures have {sig.shape[1]}")
    # A statement with no shingles has no evidence to share: it takes part in no band.
    members = np.flatnonzero(~(sig == _EMPTY).all(axis=1)).astype(np.int64)
    mult = np.random.default_rng(7).integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    found = []
    for band in range(bands):
        chunk = sig[members, band * rows : (band + 1) * rows].astype(np.uint64)
        keys = (chunk * mult[None, :]).sum(axis=1, dtype=np.uint64)
        found.append(pairs_from_keys(keys, members, max_bucket))
    return unique_pairs(found)
