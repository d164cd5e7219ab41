"""Text reuse between articles: copies printed word for word or reworded, credited or not.

A copy shares sentences with its original, not just a story: two articles on
one event share names, numbers and quotes, but few whole sentences in the
same words. So reuse is measured per sentence of the later article: a
sentence is reused when most of its character 4-grams (`shingles`) are in one
sentence of the earlier article (containment; a reworded sentence keeps most
of its grams, a sentence written apart keeps few), and an article is a copy
when a large share of its sentences are reused.

Candidates come from the linker's machinery: every sentence gets a MinHash
signature (`minhash`), and LSH bands (`buckets`) pair sentences of different
articles that may be alike, so the exact check runs on few article pairs,
not on all of them.

Which article is the original follows the publication dates when both are
known and differ; otherwise the direction is unknown (`ordered` is False),
and nothing downstream should treat either as deriving from the other. A date
given as a month ("2024-11") is not before a day of that month ("2024-11-05"):
dates order two articles only when the days they may mean do not overlap.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from kg.link.minhash import lsh_candidates, signatures
from kg.link.shingles import SHINGLE_SIZE, Shingles, shingle_hashes
from kg.link.story import date_span, days_apart

# A sentence ends at . ! ? or a closing quote mark, before white space.
_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+")
# Shorter sentences ("Il a démenti.") recur in unrelated articles: they are no evidence of copying.
MIN_SENTENCE_CHARS = 40
# A sentence is reused when this share of its grams is in one sentence of the other article:
# a reworded sentence (a synonym, a changed order) keeps ~0.6–0.9, one written apart ~0.2–0.5.
SENTENCE_CONTAINMENT = 0.6
# An article is a copy when this share of its (long enough) sentences is reused.
COPY_SHARE = 0.5
# LSH over 64 hash values in 16 bands of 4 rows: sentence pairs with a Jaccard of ~0.4 meet
# in a band with probability ~0.34, pairs of 0.6 with ~0.9; the exact check decides.
_N_PERM, _BANDS, _ROWS = 64, 16, 4


@dataclass(frozen=True, slots=True)
class ReuseArticle:
    id: str
    text: str
    date: str | None = None  # ISO date (or datetime): ISO strings sort in time order


@dataclass(frozen=True, slots=True)
class Reuse:
    """`copy` reuses the text of `original`."""

    copy: str
    original: str
    share: float  # share of the copy's sentences found in the original
    reused: int  # how many of its sentences
    sentences: int  # its sentences long enough to count
    ordered: bool  # the dates say which came first (otherwise the direction is a guess)
    verbatim: float  # share of the reused sentences found word for word (containment 1.0)


def sentences(text: str) -> list[str]:
    """The sentences long enough to be evidence of copying."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= MIN_SENTENCE_CHARS]


def find_reuse(articles: Sequence[ReuseArticle], *, share: float = COPY_SHARE,
               containment: float = SENTENCE_CONTAINMENT,
               only: Collection[tuple[str, str]] | None = None) -> list[Reuse]:
    """Every pair of articles where one reuses the other's text, copy first, by copy then original.

    `only` (pairs of article ids, each sorted) limits the comparison to those pairs: the ones
    whose reuse matters to the caller, as two articles that share a claim."""
    owner: list[int] = []
    grams: list[Shingles] = []
    per_article: list[list[int]] = [[] for _ in articles]
    for k, a in enumerate(articles):
        for s in sentences(a.text):
            per_article[k].append(len(grams))
            owner.append(k)
            grams.append(shingle_hashes(s, SHINGLE_SIZE))
    if not grams:
        return []
    pairs = lsh_candidates(signatures(grams, n_perm=_N_PERM), _BANDS, _ROWS)
    candidates = {tuple(sorted((owner[i], owner[j]))) for i, j in pairs.tolist() if owner[i] != owner[j]}
    if only is not None:
        wanted = {tuple(sorted(p)) for p in only}
        candidates = {(a, b) for a, b in candidates
                      if tuple(sorted((articles[a].id, articles[b].id))) in wanted}
    indexes: dict[int, _SentenceIndex] = {}

    def index(k: int) -> _SentenceIndex:
        if k not in indexes:  # an article meets many others: its index is built once
            indexes[k] = _SentenceIndex(per_article[k], grams)
        return indexes[k]

    out: list[Reuse] = []
    for a, b in sorted(candidates):
        found = _direction(articles[a], articles[b], index(a), index(b), containment)
        if found is not None and found.share >= share:
            out.append(found)
    return sorted(out, key=lambda r: (r.copy, r.original))


def _direction(a: ReuseArticle, b: ReuseArticle, ia: _SentenceIndex, ib: _SentenceIndex,
               containment: float) -> Reuse | None:
    """The reuse between a and b, the later one as the copy (by date, else the more covered one)."""
    if not ia.n or not ib.n:
        return None
    sa_days, sb_days = date_span(a.date), date_span(b.date)
    ordered = bool(sa_days and sb_days and days_apart(sa_days, sb_days) > 0)
    if ordered:
        later_is_b = str(b.date) > str(a.date)
        return _measure(b, a, ib, ia, containment, True) if later_is_b \
            else _measure(a, b, ia, ib, containment, True)
    # No dates to go by: the article more of whose sentences are in the other is the likelier copy
    # (an original rarely consists of another's sentences), but the direction stays unknown.
    ab = _measure(b, a, ib, ia, containment, False)
    ba = _measure(a, b, ia, ib, containment, False)
    return ab if (ab.share, b.id) >= (ba.share, a.id) else ba


class _SentenceIndex:
    """An article's sentences as one sorted array of grams, each with its sentence: how
    much of each sentence of one article the closest sentence of another holds is then
    a few vectorised searches per pair of articles, not a scan of every pair of
    sentences (which made auditing a few hundred copies take minutes)."""

    def __init__(self, sentence_ids: list[int], grams: Sequence[Shingles]) -> None:
        parts = [grams[i] for i in sentence_ids]
        self.n = len(parts)
        self.sizes = np.array([len(g) for g in parts], dtype=np.int64)
        self.concat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        self.sentence_of = np.repeat(np.arange(self.n, dtype=np.int64), self.sizes)
        order = np.argsort(self.concat, kind="stable")
        self.sorted_grams = self.concat[order]
        self.sorted_sentence = self.sentence_of[order]

    def held_in(self, other: _SentenceIndex) -> np.ndarray:
        """Per sentence of this article, the largest share of its grams one sentence of `other` holds."""
        best = np.zeros(self.n)
        if self.concat.size == 0 or other.concat.size == 0:
            return best
        lo = np.searchsorted(other.sorted_grams, self.concat, side="left")
        hi = np.searchsorted(other.sorted_grams, self.concat, side="right")
        hits = hi - lo
        total = int(hits.sum())
        if total == 0:
            return best
        # Every (sentence here, sentence there) pair that shares a gram, once per shared gram.
        mine = np.repeat(self.sentence_of, hits)
        at = np.repeat(lo - np.cumsum(hits) + hits, hits) + np.arange(total)
        pairs, shared = np.unique(mine * other.n + other.sorted_sentence[at], return_counts=True)
        np.maximum.at(best, pairs // other.n, shared)
        return np.where(self.sizes > 0, best / np.maximum(self.sizes, 1), 0.0)


def _measure(copy: ReuseArticle, original: ReuseArticle, copy_index: _SentenceIndex,
             original_index: _SentenceIndex, containment: float, ordered: bool) -> Reuse:
    held = copy_index.held_in(original_index)
    n = len(held)
    reused = int((held >= containment).sum())
    verbatim = int((held >= 1.0).sum())
    return Reuse(copy=copy.id, original=original.id, share=round(reused / n, 3), reused=reused,
                 sentences=n, ordered=ordered, verbatim=round(verbatim / reused, 3) if reused else 0.0)
