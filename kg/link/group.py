"""Group verified pairs into claims: connected components, stable ids, a summary.

A claim is a connected component of the "same claim" relation; union-find
builds them in near-linear time. A claim's id is a hash of its members'
statement IRIs, so the same statements always make the same id, in any
order, in any process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from kg.link.minhash import Signatures
from kg.model import Claim, Statement
from kg.rdf.build import statement_iri


class UnionFind:
    """Disjoint sets over 0..n-1, with path halving and union by size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Join the sets of a and b; False when they already were one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def components(self) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            groups.setdefault(self.find(x), []).append(x)
        return list(groups.values())


def claim_id(statements: Iterable[Statement]) -> str:
    """16 hex digits of SHA-256 over the sorted statement IRIs of the claim."""
    iris = sorted(str(statement_iri(s.article_id, s.start, s.end)) for s in statements)
    return hashlib.sha256("\n".join(iris).encode("utf-8")).hexdigest()[:16]


# Members compared when picking a claim's summary; a larger claim is sampled
# (its first members in text order) so the pick stays linear in claim size.
_SUMMARY_SAMPLE = 200


def _representative(members: Sequence[int], statements: Sequence[Statement], sig: Signatures | None) -> int:
    """The medoid: the member whose wording agrees best with the others'.

    Agreement is the MinHash estimate of Jaccard similarity, which depends on
    the members only, so the summary does not depend on the order pairs were
    verified in. Ties go to an attributed statement (it says who), then the
    shorter, then text order.
    """
    sample = list(members[:_SUMMARY_SAMPLE])
    if sig is not None and len(sample) > 2:
        rows = sig[sample]
        agreement = (rows[:, None, :] == rows[None, :, :]).mean(axis=2).sum(axis=1)
    else:
        agreement = np.zeros(len(sample))
    return min(range(len(sample)), key=lambda k: (-round(float(agreement[k]), 9),
                                                  statements[sample[k]].speaker is None,
                                                  len(statements[sample[k]].text),
                                                  statements[sample[k]].article_id,
                                                  statements[sample[k]].start))


def build_claims(statements: Sequence[Statement], edges: Iterable[tuple[int, int]],
                 sig: Signatures | None = None) -> list[Claim]:
    """One claim per connected component (singletons included), sorted by id.

    `sig` (MinHash signatures, one row per statement) lets the summary be the
    claim's medoid; without it the summary is the first attributed, shortest member.
    """
    uf = UnionFind(len(statements))
    for a, b in edges:
        uf.union(a, b)
    claims = []
    for members in uf.components():
        ordered = sorted(members, key=lambda i: (statements[i].article_id, statements[i].start,
                                                 statements[i].end))
        group = tuple(statements[i] for i in ordered)
        summary = statements[ordered[_representative(ordered, statements, sig)]].text
        claims.append(Claim(id=claim_id(group), summary=summary, statements=group))
    return sorted(claims, key=lambda c: c.id)
