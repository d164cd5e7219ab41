"""A second, story-aware pass: the same claim told in other words by articles on one story.

The first pass links statements on their own merits, with thresholds that
hold across a whole corpus, where two statements with a cosine of 0.55 are
usually two different things said about one topic. Between two articles
already shown to tell one story (at least one statement pair linked on
strong evidence, a copy or a close translation), the same cosine means
something else: a second outlet rendering the same quote in its own words,
or a translator rendering it differently. So, within such a pair of
articles only, a statement is linked to its counterpart in the other
article when each is the other's most similar statement there (a mutual
best match: each statement is paired at most once per article pair) and
their similarity clears a lower bar. The vetoes of `kg.link.conflicts`
still apply.

Two articles tell one story when a statement pair between them was linked
by the first pass, or when several of their statements (`support`) are
mutual best matches at the lower bar: one shared topic gives one such pair,
one story several. Never through chains of articles: two stories on one
subject (the same pipeline, the same company) are not merged because an
article of each shares one quote with a third.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from kg.link.buckets import Pairs
from kg.link.conflicts import Conflicts
from kg.link.embed import Embeddings
from kg.link.normalize import fold
from kg.link.shingles import Shingles, overlap
from kg.model import Statement

_NAME_WORD = 4  # shorter words ("de", "al", "Mme") say nothing about who it is


@dataclass(frozen=True, slots=True)
class StoryThresholds:
    """The lower bar between two articles on one story."""

    cosine: float = 0.60  # embedding cosine of a mutual best match that links on its own
    joint_cosine: float = 0.40  # a weaker cosine that links ...
    joint_containment: float = 0.35  # ... when the wording overlaps this much (shorter side's n-grams)
    char_containment: float = 0.60  # without embeddings: n-gram containment of a mutual best match
    # Two articles with no direct link still tell one story when this many of their
    # statements are mutual best matches at `support_cosine` or more: one shared topic
    # gives one such pair, one shared story gives several.
    support: int = 2
    support_cosine: float = 0.60  # ... and this close


STORY = StoryThresholds()


def story_pairs(statements: Sequence[Statement], edges: Iterable[tuple[int, int]]) -> set[tuple[str, str]]:
    """Article pairs with at least one directly linked statement pair."""
    pairs: set[tuple[str, str]] = set()
    for i, j in edges:
        a, b = statements[i].article_id, statements[j].article_id
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    return pairs


def _similarity(ia: Sequence[int], ib: Sequence[int], sets: Sequence[Shingles],
                vectors: Embeddings | None) -> tuple[np.ndarray, np.ndarray]:
    """Cosine (zeros without embeddings) and n-gram containment of every cross pair."""
    con = np.array([[overlap(sets[i], sets[j])[1] for j in ib] for i in ia], dtype=np.float64)
    if vectors is None:
        return np.zeros_like(con), con
    return vectors[list(ia)] @ vectors[list(ib)].T, con


def story_links(statements: Sequence[Statement], edges: Sequence[tuple[int, int]], sets: Sequence[Shingles],
                vectors: Embeddings | None, vetoes: Conflicts, pairs: Pairs, cos: np.ndarray | None,
                t: StoryThresholds = STORY) -> list[tuple[int, int]]:
    """Links between mutual best matches of article pairs on one story (see the module docstring).

    `pairs` are the search's candidate pairs and `cos` their cosines (None without embeddings).
    """
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(statements):
        by_article.setdefault(s.article_id, []).append(k)
    linked = story_pairs(statements, edges)
    out: list[tuple[int, int]] = []
    for a, b in _candidate_pairs(statements, linked, pairs, cos, t):
        ia, ib = by_article[a], by_article[b]
        cos, con = _similarity(ia, ib, sets, vectors)
        score = cos if vectors is not None else con
        best_row = score.argmax(axis=1)
        best_col = score.argmax(axis=0)
        found = []
        for r, c in enumerate(best_row.tolist()):
            if best_col[c] != r:
                continue  # not mutual: the other statement has a closer match here
            if vectors is not None:
                ok = cos[r, c] >= t.cosine or (cos[r, c] >= t.joint_cosine and con[r, c] >= t.joint_containment)
            else:
                ok = con[r, c] >= t.char_containment
            i, j = ia[r], ib[c]
            if ok and vetoes.between(i, j) is None and _same_voice(statements[i], statements[j]):
                bar = t.support_cosine if vectors is not None else t.char_containment
                found.append((i, j, bool(score[r, c] >= bar)))
        if (a, b) in linked or sum(strong for _, _, strong in found) >= t.support:
            out += [(i, j) for i, j, _ in found]
    return out


def _name_words(name: str) -> set[str]:
    return {w for w in fold(name).split() if len(w) >= _NAME_WORD}


def _same_voice(a: Statement, b: Statement) -> bool:
    """Whether the two could be one speaker's words: at the lower bar, similar words from two
    different named speakers are two things said on one story (the seeds' officials and
    ministers), not one claim. An unnamed or missing speaker is compatible with anyone."""
    if not a.speaker or not b.speaker or a.anonymous or b.anonymous:
        return True
    return bool(_name_words(a.speaker) & _name_words(b.speaker))


def _candidate_pairs(statements: Sequence[Statement], linked: set[tuple[str, str]], pairs: Pairs,
                     cos: np.ndarray | None, t: StoryThresholds = STORY) -> list[tuple[str, str]]:
    """Article pairs worth a look: the linked ones, and those the search found `support`
    statement pairs at the lower bar for (whether they are mutual best matches is checked after)."""
    out = set(linked)
    if cos is not None and len(pairs):
        counts: dict[tuple[str, str], int] = {}
        for row in np.flatnonzero(cos >= t.support_cosine).tolist():
            a, b = statements[int(pairs[row, 0])].article_id, statements[int(pairs[row, 1])].article_id
            if a != b:
                key = (a, b) if a < b else (b, a)
                counts[key] = counts.get(key, 0) + 1
        out |= {key for key, n in counts.items() if n >= t.support}
    return sorted(out)
