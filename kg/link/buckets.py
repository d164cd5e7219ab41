"""Turn LSH bucket keys into candidate pairs, vectorised and bounded.

Shared by the MinHash (characters) and SimHash (embeddings) searches. A bucket
of m statements yields all m(m-1)/2 pairs only while m is small; a larger
bucket (a boilerplate sentence repeated by hundreds of articles) yields a star
and a chain instead, which still connects every member for union-find while
keeping the candidate count linear in m.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Pairs = npt.NDArray[np.int64]  # shape (n, 2), first column < second


def pairs_from_keys(keys: npt.NDArray[np.uint64], members: npt.NDArray[np.int64],
                    max_bucket: int = 64) -> Pairs:
    """Pairs of `members` whose `keys` are equal (members[i] has key keys[i])."""
    if keys.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    sorted_members = members[order]
    cuts = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    sizes = np.diff(np.concatenate((starts, [keys.size])))
    out: list[Pairs] = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_bucket)]):
        # Every bucket of this size at once: a (buckets × size) matrix of members.
        group = sorted_members[starts[sizes == size][:, None] + np.arange(size)[None, :]]
        left, right = np.triu_indices(int(size), k=1)
        out.append(np.stack((group[:, left].ravel(), group[:, right].ravel()), axis=1))
    for start, size in zip(starts[sizes > max_bucket], sizes[sizes > max_bucket], strict=True):
        group = sorted_members[start : start + size]
        star = np.stack((np.full(size - 1, group[0]), group[1:]), axis=1)
        chain = np.stack((group[1:-1], group[2:]), axis=1)
        out.append(np.concatenate((star, chain)))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    return np.sort(pairs, axis=1)


def unique_pairs(chunks: list[Pairs]) -> Pairs:
    """Concatenate pair arrays and drop duplicates (pairs are sorted within each row)."""
    chunks = [c for c in chunks if c.size]
    if not chunks:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(chunks)
    n = int(pairs.max()) + 1
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)
