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

One person quoted once in each of two articles of one week (or of one story) is a
third case: each outlet carries that person's reaction, translated or cut its own
way, so the two quotes link at a bar lower still (`sole_voice_cosine`), provided the
name is the same (transliterations included) and neither article quotes that person
twice (then which quote is the reaction is not known).

Dates. A story is covered over a few days; the same subject comes back weeks
later as another story (the pipeline blown up in February, the saboteurs named
in March), with the same names and words. So, when both articles are dated,
only articles published within `window_days` of each other can be a story
pair on support alone, and every such pair is compared in full, not only the
statement pairs the search proposed: the search is tuned for near-copies and
translations, and misses the paraphrases a story pair is looked at for.
Undated articles keep the search's pairs. A date given as a month spans it
("2023-02" is any day of February); a year alone counts as no date. Within the
window, the date is evidence of one story in its own right: one mutual best match
at the dated bar is support enough (`dated_support`), where undated articles need
`support` of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kg.link.buckets import Pairs
from kg.link.conflicts import Conflicts, is_name, name_words, one_person, same_name
from kg.link.embed import Embeddings
from kg.link.shingles import Shingles, overlap
from kg.model import Statement


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
    window_days: int = 7  # dated articles further apart are two stories, whatever their words
    # Articles dated within the window of each other: the date is evidence of one story too, so
    # one mutual best match at the dated bar is support enough.
    dated_support: int = 1
    # Dated articles within the window: support counts statement pairs this close.
    dated_support_cosine: float = 0.50
    # One named speaker quoted once in each article of a story pair: the cosine that links them.
    # On the development stories one person's one reaction, rendered in two languages, read 0.48;
    # one person's two statements on one subject four weeks apart, 0.40.
    sole_voice_cosine: float = 0.45
    # An article compared in full with more statements than this (a busy week) keeps the search's pairs.
    dense_limit: int = 20000


STORY = StoryThresholds()
_PRECISE_DAYS = 31  # a date as precise as a month at least
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_span(date: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an ISO date (or month, or year) may mean; None when it is not ISO."""
    m = _ISO.match(date or "")
    if m is None:
        return None
    try:
        year = int(m[1])
        if m[2] is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(m[2])
        if m[3] is None:
            first = dt.date(year, month, 1)
            return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        day = dt.date(year, month, int(m[3]))
    except ValueError:
        return None
    return day, day


def days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """The fewest days between two spans (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


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
                t: StoryThresholds = STORY, dates: Mapping[str, str | None] | None = None
                ) -> list[tuple[int, int]]:
    """Links between mutual best matches of article pairs on one story (see the module docstring).

    `pairs` are the search's candidate pairs and `cos` their cosines (None without embeddings);
    `dates` the articles' publication dates (ISO), where known.
    """
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(statements):
        by_article.setdefault(s.article_id, []).append(k)
    linked = story_pairs(statements, edges)
    out: list[tuple[int, int]] = []
    # A year alone ("2023") places an article among a year of stories: no evidence either way.
    spans = {a: span for a, d in (dates or {}).items()
             if (span := date_span(d)) is not None and (span[1] - span[0]).days <= _PRECISE_DAYS}
    for a, b in _candidate_pairs(statements, linked, pairs, cos, t, spans, vectors):
        ia, ib = by_article[a], by_article[b]
        cos, con = _similarity(ia, ib, sets, vectors)
        score = cos if vectors is not None else con
        best_row = score.argmax(axis=1)
        best_col = score.argmax(axis=0)
        found = []
        topic = 0  # mutual best matches at the bar, linked or not: the two articles share a topic
        # Articles dated within days of each other are judged at the dated bar: the date is evidence too.
        dated = _dated_pair(a, b, spans, t)
        bar, need = (t.dated_support_cosine, t.dated_support) if dated else (t.support_cosine, t.support)
        for r, c in enumerate(best_row.tolist()):
            if best_col[c] != r:
                continue  # not mutual: the other statement has a closer match here
            topic += bool(score[r, c] >= bar)
            if vectors is not None:
                ok = cos[r, c] >= t.cosine or (cos[r, c] >= t.joint_cosine and con[r, c] >= t.joint_containment)
            else:
                ok = con[r, c] >= t.char_containment
            i, j = ia[r], ib[c]
            if ok and vetoes.between(i, j) is None and _same_voice(statements[i], statements[j]):
                strong = score[r, c] >= (bar if vectors is not None else t.char_containment)
                found.append((i, j, bool(strong)))
        one_story = (a, b) in linked or sum(strong for _, _, strong in found) >= need
        if one_story:
            out += [(i, j) for i, j, _ in found]
        if vectors is not None and (one_story or (dated and topic)):
            # One person quoted in two articles of one week on one topic is evidence of one story.
            out += _sole_voices(statements, ia, ib, cos, vetoes, t)
    return out


def _sole_voices(statements: Sequence[Statement], ia: Sequence[int], ib: Sequence[int], cos: np.ndarray,
                 vetoes: Conflicts, t: StoryThresholds) -> list[tuple[int, int]]:
    """A named speaker quoted once in each of two articles on one story: each outlet carries that
    person's one reaction, in its own words or language (`Kiev n'était « absolument pas
    impliqué »`, `Ukraine "of course had nothing to do with the attacks"`), so a lower bar holds."""
    def sole(idx: Sequence[int]) -> dict[int, str]:
        named = {r: s.speaker for r, k in enumerate(idx)
                 if (s := statements[k]).speaker and not s.anonymous and is_name(s.speaker)}
        return {r: n for r, n in named.items() if sum(one_person(n, x) for x in named.values()) == 1}

    left, right = sole(ia), sole(ib)
    out = []
    for r, wr in left.items():
        for c, wc in right.items():
            if one_person(wr, wc) and cos[r, c] >= t.sole_voice_cosine and vetoes.between(ia[r], ib[c]) is None:
                out.append((ia[r], ib[c]))
    return out


def _same_voice(a: Statement, b: Statement) -> bool:
    """Whether the two could be one speaker's words: at the lower bar, similar words from two
    different named speakers are two things said on one story (the seeds' officials and
    ministers), not one claim. An unnamed or missing speaker is compatible with anyone."""
    if not a.speaker or not b.speaker or a.anonymous or b.anonymous:
        return True
    if not is_name(a.speaker) or not is_name(b.speaker):
        return True  # a description ("the statement") tells no speaker apart
    return same_name(name_words(a.speaker), name_words(b.speaker))


def _dated_pair(a: str, b: str, spans: Mapping[str, tuple[dt.date, dt.date]], t: StoryThresholds) -> bool:
    return a in spans and b in spans and days_apart(spans[a], spans[b]) <= t.window_days


def _candidate_pairs(statements: Sequence[Statement], linked: set[tuple[str, str]], pairs: Pairs,
                     cos: np.ndarray | None, t: StoryThresholds = STORY,
                     spans: Mapping[str, tuple[dt.date, dt.date]] | None = None,
                     vectors: Embeddings | None = None) -> list[tuple[str, str]]:
    """Article pairs worth a look: the linked ones, those the search found `support` statement
    pairs at the lower bar for, and dated ones within the window with `dated_support` statement pairs
    at the dated bar (whether they are mutual best matches is checked after). Dated articles further
    apart than the window are never a pair on support alone."""
    spans = spans or {}
    out = set(linked)
    counts: dict[tuple[str, str], int] = {}
    if cos is not None and len(pairs):
        for row in np.flatnonzero(cos >= t.support_cosine).tolist():
            a, b = statements[int(pairs[row, 0])].article_id, statements[int(pairs[row, 1])].article_id
            if a != b:
                key = (a, b) if a < b else (b, a)
                counts[key] = counts.get(key, 0) + 1
    if vectors is not None and spans:
        for key, n in _dated_counts(statements, spans, vectors, t).items():
            counts[key] = max(counts.get(key, 0), n)
    for (a, b), n in counts.items():
        both = a in spans and b in spans
        near = both and _dated_pair(a, b, spans, t)
        if n >= (t.dated_support if near else t.support) and not (both and not near):
            out.add((a, b))
    return sorted(out)


def _dated_counts(statements: Sequence[Statement], spans: Mapping[str, tuple[dt.date, dt.date]],
                  vectors: Embeddings, t: StoryThresholds) -> dict[tuple[str, str], int]:
    """For dated articles within the window of each other: how many of their statement pairs
    reach the dated bar. One product per article against the later ones in its window."""
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(statements):
        if s.article_id in spans:
            by_article.setdefault(s.article_id, []).append(k)
    order = sorted(by_article, key=lambda a: (spans[a][0], a))
    counts: dict[tuple[str, str], int] = {}
    for x, a in enumerate(order):
        near = []
        for b in order[x + 1:]:
            if (spans[b][0] - spans[a][1]).days > t.window_days:
                break  # sorted by first day: every later article starts later still
            if days_apart(spans[a], spans[b]) <= t.window_days:
                near.append(b)
        rows = [k for b in near for k in by_article[b]]
        if not rows or len(rows) > t.dense_limit:
            continue
        owners = np.repeat(np.arange(len(near)), [len(by_article[b]) for b in near])
        hits = (vectors[by_article[a]] @ vectors[rows].T >= t.dated_support_cosine).sum(axis=0)
        per = np.bincount(owners, weights=hits, minlength=len(near))
        for b, n in zip(near, per.tolist(), strict=True):
            if n:
                counts[(a, b) if a < b else (b, a)] = int(n)
    return counts
