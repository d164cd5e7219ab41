"""Decide whether a candidate pair of statements carries the same claim.

Candidates come from LSH and are cheap to over-produce; this module is the
precision step. Two methods, so their gain can be measured on the same pairs
(`tests/data/link_pairs.yaml`):

- `CHAR`: character n-grams only. Links near-copies (Jaccard) and a quote
  reused inside a longer statement (containment), for any language pair that
  shares a script, but no translation and little paraphrase.
- `EMBEDDING`: the character rules, plus a multilingual sentence-embedding
  cosine: high enough on its own (translations, paraphrases), or moderate
  when the wording also overlaps moderately (two signals that agree).

Embedding links are weaker evidence than near-copies, and claims are
connected components, so one wrong link merges two claims and a few chain a
topic into one blob. In a corpus, an embedding link therefore also needs one
end to be the other's nearest candidate (`Evidence.nearest`): a statement
with copies of its own has its nearest neighbour among them, so only
statements with no closer match reach out, and each reaches out once.

Either way, a conflict (different figures, first-person words of two
different people: `kg.link.conflicts`) vetoes the link.

Thresholds were tuned on the pairs file by `bench/tune_link.py`, which
prints the grid and the cross-validated precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Method(StrEnum):
    """Which evidence links two statements."""

    CHAR = "char"
    EMBEDDING = "embedding"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where each rule starts to link; the defaults are `bench/tune_link.py`'s pick."""

    jaccard: float = 0.50  # char n-gram Jaccard of a near-copy
    containment: float = 0.80  # share of the shorter statement's n-grams found in the longer
    min_shingles: int = 40  # containment counts only for statements this long (~40 characters):
    #                         a short phrase is "contained" in any long text on its topic
    cosine: float = 0.74  # embedding cosine that links on its own
    joint_cosine: float = 0.62  # a weaker cosine that links ...
    joint_jaccard: float = 0.25  # ... when the wording overlaps at least this much


DEFAULT = Thresholds()


@dataclass(frozen=True, slots=True)
class Evidence:
    """The measured similarity of one pair."""

    jaccard: float
    containment: float
    shorter: int  # shingles in the shorter statement
    cosine: float | None = None  # None when embeddings were not used
    nearest: bool = True  # one end is the other's most similar candidate (see the module docstring)
    conflict: str | None = None  # a fact that vetoes the link whatever the similarity (kg.link.conflicts)


def char_link(e: Evidence, t: Thresholds = DEFAULT) -> bool:
    if e.jaccard >= t.jaccard:
        return True
    return e.shorter >= t.min_shingles and e.containment >= t.containment


def linked(e: Evidence, method: Method, t: Thresholds = DEFAULT) -> bool:
    """The decision for one pair under `method`."""
    if e.conflict is not None:
        return False
    if char_link(e, t):
        return True
    if method is Method.CHAR or e.cosine is None or not e.nearest:
        return False
    if e.cosine >= t.cosine:
        return True
    return e.cosine >= t.joint_cosine and e.jaccard >= t.joint_jaccard
