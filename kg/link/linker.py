"""Link statements into claims: shingle, embed, search, verify, group.

Pure computation over `Statement` records; reading them from a store and
writing the claims back is `kg.link.storage`'s job.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kg.errors import InputError, UnknownNameError
from kg.link import embed
from kg.link.conflicts import Conflicts
from kg.link.embed import Embeddings
from kg.link.group import UnionFind, build_claims
from kg.link.minhash import estimated_jaccard
from kg.link.search import DEFAULT_SEARCH, SearchParams, candidates
from kg.link.shingles import overlap
from kg.link.similarity import shingle_sets
from kg.link.story import story_links
from kg.link.verbatim import verbatim_pairs
from kg.link.verify import DEFAULT, Evidence, Method, Thresholds, linked
from kg.model import Claim, InferredCopy, Statement

# MinHash estimates carry noise (σ ≈ 0.04 at 128 values): a pair whose estimate is
# three σ below the near-copy rule, and whose cosine no embedding rule accepts,
# is dropped before the exact, per-pair measure.
_PREFILTER_MARGIN = 0.12


@dataclass(frozen=True)
class LinkResult:
    """The claims, and what it took to find them."""

    claims: tuple[Claim, ...]
    method: Method
    statements: int
    candidates: int  # pairs the LSH searches proposed
    checked: int  # pairs measured exactly
    links: int  # pairs that joined two claims
    seconds: dict[str, float] = field(default_factory=dict)
    copies: tuple[InferredCopy, ...] = ()  # uncredited copies between the claims' articles (`link_store`)

    @property
    def multi_article(self) -> list[Claim]:
        return [c for c in self.claims if len(c.article_ids) > 1]


def resolve_method(method: Method | str) -> Method:
    """`auto` means embeddings when the model is installed, else characters only."""
    if method == "auto":
        return Method.EMBEDDING if embed.available() else Method.CHAR
    try:
        chosen = Method(method)
    except ValueError:
        raise UnknownNameError("link method", str(method), [*(m.value for m in Method), "auto"]) from None
    if chosen is Method.EMBEDDING and not embed.available():
        raise UnknownNameError("link method (the embedding model is not installed)", chosen.value,
                               [Method.CHAR.value, "auto"])
    return chosen


def _nearest(n: int, left: np.ndarray, right: np.ndarray, cos: np.ndarray) -> np.ndarray:
    """For each candidate pair: is one end the other's most similar candidate?"""
    best = np.full(n, -np.inf, dtype=np.float64)
    np.maximum.at(best, left, cos)
    np.maximum.at(best, right, cos)
    return (cos >= best[left]) | (cos >= best[right])


def link_statements(statements: Sequence[Statement], *, method: Method | str = "auto",
                    thresholds: Thresholds = DEFAULT, search: SearchParams = DEFAULT_SEARCH,
                    vectors: Embeddings | None = None, story: bool = True,
                    dates: Mapping[str, str | None] | None = None) -> LinkResult:
    """Group statements that carry the same claim; every statement ends in exactly one claim.

    `vectors` may bring the statements' embeddings (one row each, from
    `kg.link.embed.encode`) when the caller already has them. `story` adds the
    second pass of `kg.link.story` (paraphrases between articles on one story), which
    `dates` (article id → ISO publication date) lets tell one story from one subject.
    """
    chosen = resolve_method(method)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 4)
        clock = now

    texts = [s.text for s in statements]
    sets = shingle_sets(texts)
    lap("shingles")
    if chosen is Method.CHAR:
        vectors = None
    elif vectors is None:
        vectors = embed.encode(texts)
    elif vectors.shape[0] != len(texts):
        raise InputError(f"{vectors.shape[0]} embeddings given for {len(texts)} statements")
    lap("embeddings")
    pairs, sig = candidates(sets, vectors, texts, search)
    lap("search")

    checked = links = 0
    vetoes = Conflicts(statements)
    uf = UnionFind(len(statements))
    edges: list[tuple[int, int]] = []
    cos = nearest = None
    if len(pairs):
        left, right = pairs[:, 0], pairs[:, 1]
        est = estimated_jaccard(sig, left, right)
        sizes = np.array([s.size for s in sets])
        small = np.minimum(sizes[left], sizes[right])
        # |A∩B| = J/(1+J)·(|A|+|B|): the containment the estimate implies.
        est_con = est / (1 + est) * (sizes[left] + sizes[right]) / np.maximum(small, 1)
        keep = (est >= thresholds.jaccard - _PREFILTER_MARGIN) | (
            est_con >= thresholds.containment - 2 * _PREFILTER_MARGIN)
        if vectors is not None:
            cos = np.einsum("ij,ij->i", vectors[left], vectors[right])
            keep |= cos >= min(thresholds.cosine, thresholds.joint_cosine)
            nearest = _nearest(len(statements), left, right, cos)
        for row in np.flatnonzero(keep).tolist():
            i, j = int(left[row]), int(right[row])
            if uf.find(i) == uf.find(j):
                continue  # already one claim through other links: nothing to decide
            jac, con = overlap(sets[i], sets[j])
            evidence = Evidence(jaccard=jac, containment=con, shorter=min(sets[i].size, sets[j].size),
                                cosine=None if cos is None else float(cos[row]),
                                nearest=True if nearest is None else bool(nearest[row]),
                                conflict=vetoes.between(i, j))
            checked += 1
            if linked(evidence, chosen, thresholds):
                uf.union(i, j)
                edges.append((i, j))
                links += 1
    lap("verify")
    # The passes below never put two statements of one article into one claim: a claim is
    # told once per article, and a second statement joining through a shared fragment or a
    # paraphrase is how a story's several quotes of one speaker would chain into one blob.
    articles = {k: {s.article_id} for k, s in enumerate(statements)}
    for i, j in sorted(edges):
        ri, rj = uf.find(i), uf.find(j)
        articles[ri] = articles[ri] | articles.get(rj, set())
    for k in range(len(statements)):
        articles[uf.find(k)] = articles[uf.find(k)] | {statements[k].article_id}

    def join(found: Iterable[tuple[int, int]]) -> int:
        joined = 0
        for i, j in found:
            ri, rj = uf.find(i), uf.find(j)
            if ri == rj or articles[ri] & articles[rj] or vetoes.between(i, j) is not None:
                continue
            uf.union(i, j)
            articles[uf.find(i)] = articles[ri] | articles[rj]
            edges.append((i, j))
            joined += 1
        return joined

    # The same quote cut differently: a run of words shared verbatim (`kg.link.verbatim`).
    links += join(verbatim_pairs(statements))
    lap("verbatim")
    if story:
        links += join(story_links(statements, edges, sets, vectors, vetoes, pairs, cos, dates=dates))
        lap("story")
    claims = build_claims(statements, edges, sig)
    lap("group")
    return LinkResult(claims=tuple(claims), method=chosen, statements=len(statements),
                      candidates=len(pairs), checked=checked, links=links, seconds=seconds)
