"""Choose link thresholds on labelled pairs, and score a method on them.

The pairs file (`tests/data/link_pairs.yaml`) holds statements a person judged
same-claim or not. `score` gives precision and recall of a method at given
thresholds; `grid_search` picks thresholds by F0.5, then precision, then the
middle of the tied plateau (its edge would be one unlucky pair away from a
different answer). F0.5 because the two errors do not cost the same in an
audit: a false link merges a claim with one from another source and makes a
single-source claim look corroborated, which is the very mistake the audit
exists to catch; a missed link only undercounts how far a claim spread. `cross_validate` reports how well that
choice holds on pairs it did not see.

This is the harness of `tests/test_link_pairs.py` and `bench/tune_link.py`, so it lives with
the pair table: kg itself only reads the thresholds it picked (`kg.link.verify.DEFAULT`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from kg.link.verify import DEFAULT, Evidence, Method, Thresholds, linked


@dataclass(frozen=True, slots=True)
class LabelledPair:
    a: str
    b: str
    link: bool
    kind: str


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return self.f_beta(1.0)

    def f_beta(self, beta: float) -> float:
        p, r = self.precision, self.recall
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)


def load_pairs(path: Path | str) -> list[LabelledPair]:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [LabelledPair(a=str(p["a"]), b=str(p["b"]), link=bool(p["link"]), kind=str(p["kind"]))
            for p in doc["pairs"]]


def score(pairs: Sequence[LabelledPair], evidence: Sequence[Evidence], method: Method,
          t: Thresholds = DEFAULT) -> Score:
    tp = fp = fn = tn = 0
    for pair, e in zip(pairs, evidence, strict=True):
        said = linked(e, method, t)
        tp += said and pair.link
        fp += said and not pair.link
        fn += (not said) and pair.link
        tn += (not said) and not pair.link
    return Score(tp, fp, fn, tn)


def _steps(lo: float, hi: float, step: float) -> list[float]:
    n = round((hi - lo) / step)
    return [round(lo + i * step, 4) for i in range(n + 1)]


BETA = 0.5

# One list of candidate values per threshold, in the order `_decisions` unpacks them.
CHAR_GRID: dict[str, list[float]] = {
    "jaccard": _steps(0.20, 0.70, 0.05),
    "containment": _steps(0.40, 0.95, 0.05),
    "min_shingles": [20, 30, 40, 60],
}
EMBEDDING_GRID: dict[str, list[float]] = {
    "cosine": _steps(0.60, 0.94, 0.02),
    "joint_cosine": _steps(0.50, 0.76, 0.02),
    "joint_jaccard": _steps(0.10, 0.40, 0.05),
}


def _decisions(evidence: Sequence[Evidence]) -> tuple[npt.NDArray[np.bool_], list[tuple[float, ...]],
                                                      npt.NDArray[np.bool_], list[tuple[float, ...]]]:
    """Every grid point's decision on every pair: char rules and embedding rules separately."""
    jac = np.array([e.jaccard for e in evidence])
    con = np.array([e.containment for e in evidence])
    short = np.array([e.shorter for e in evidence])
    cos = np.array([-1.0 if e.cosine is None else e.cosine for e in evidence])
    char_grid = list(itertools.product(*CHAR_GRID.values()))
    char = np.array([(jac >= j) | ((short >= m) & (con >= c)) for j, c, m in char_grid]).reshape(
        len(char_grid), len(evidence))
    emb_grid = [g for g in itertools.product(*EMBEDDING_GRID.values()) if g[1] <= g[0]]
    emb = np.array([(cos >= c) | ((cos >= jc) & (jac >= jj)) for c, jc, jj in emb_grid]).reshape(
        len(emb_grid), len(evidence))
    return char, char_grid, emb, emb_grid


def _objective(said: npt.NDArray[np.bool_], truth: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """F-beta, then precision as a tie-break, for a stack of decision vectors (last axis = pairs)."""
    tp = (said & truth).sum(axis=-1)
    fp = (said & ~truth).sum(axis=-1)
    fn = (~said & truth).sum(axis=-1)
    b2 = BETA * BETA
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 1.0)
        f = np.where(tp > 0, (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp), 0.0)
    return f + 1e-6 * precision


def _middle(mask: npt.NDArray[np.bool_], grid: Sequence[tuple[float, ...]]) -> int:
    """The tied grid point nearest the centre of the tied plateau, dimension by dimension.

    The plateau's edge is one unlucky pair away from another answer; its centre is not.
    """
    tied = np.flatnonzero(mask)
    points = np.array([grid[int(i)] for i in tied], dtype=np.float64)
    # Rank each dimension's values, so dimensions with different units weigh alike.
    ranks = np.stack([np.unique(points[:, d], return_inverse=True)[1] for d in range(points.shape[1])], axis=1)
    centre = np.median(ranks, axis=0)
    return int(tied[np.argmin(np.abs(ranks - centre).sum(axis=1))])


def grid_search(pairs: Sequence[LabelledPair], evidence: Sequence[Evidence]) -> Thresholds:
    """All six thresholds at once, for the embedding method (the char rules are part of it).

    Tuning the char rules on the char method alone would push them down to
    catch paraphrases that the embedding rules catch more safely.
    """
    truth = np.array([p.link for p in pairs])
    char, char_grid, emb, emb_grid = _decisions(evidence)
    # (char points × embedding points × pairs): ~2 M decisions a pair, a few hundred MB at most.
    score_grid = np.stack([_objective(char[i][None, :] | emb, truth) for i in range(len(char_grid))])
    best = score_grid.max()
    tied_char = np.isclose(score_grid, best).any(axis=1)
    ci = _middle(tied_char, char_grid)
    ei = _middle(np.isclose(score_grid[ci], best), emb_grid)
    j, c, m = char_grid[ci]
    cos, jc, jj = emb_grid[ei]
    return Thresholds(jaccard=j, containment=c, min_shingles=int(m), cosine=cos, joint_cosine=jc,
                      joint_jaccard=jj)


def grid_search_char(pairs: Sequence[LabelledPair], evidence: Sequence[Evidence]) -> Thresholds:
    """The character rules tuned for the character method alone: the fairest baseline.

    Without embeddings to catch paraphrases, the best char thresholds sit lower
    than the ones the embedding method uses.
    """
    truth = np.array([p.link for p in pairs])
    char, char_grid, _, _ = _decisions(evidence)
    scores = _objective(char, truth)
    j, c, m = char_grid[_middle(np.isclose(scores, scores.max()), char_grid)]
    return Thresholds(jaccard=j, containment=c, min_shingles=int(m))


def cross_validate(pairs: Sequence[LabelledPair], evidence: Sequence[Evidence], folds: int = 5) -> dict[
        Method, Score]:
    """Held-out scores: tune on all folds but one, score the one left out, add up."""
    # Deterministic, stratified by kind: pair i of each kind goes to fold i mod folds.
    fold_of: list[int] = []
    seen: dict[str, int] = {}
    for p in pairs:
        fold_of.append(seen.get(p.kind, 0) % folds)
        seen[p.kind] = seen.get(p.kind, 0) + 1
    totals = {m: Score(0, 0, 0, 0) for m in Method}
    for f in range(folds):
        train = [i for i, k in enumerate(fold_of) if k != f]
        test = [i for i, k in enumerate(fold_of) if k == f]
        t = grid_search([pairs[i] for i in train], [evidence[i] for i in train])
        for m in Method:
            totals[m] = totals[m] + score([pairs[i] for i in test], [evidence[i] for i in test], m, t)
    return totals
