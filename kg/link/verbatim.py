"""Statements that share a run of words verbatim: the same quote, cut differently.

Outlets quoting one speaker cut the quote where they like: one gives the whole
sentence, another a fragment inside its own paraphrase (`would "no longer be held
hostage by a rigged Japanese justice system"`). Character n-gram overlap and
sentence embeddings measure the whole statements and see a short fragment in a
long one as weakly similar; the words themselves say it is the same quote. Two
statements of different articles that share `RUN` consecutive words (folded:
case, accents, punctuation aside) carry the same words. On the development
stories, no two statements of different claims shared more than five words in a
row, while the statements of one claim often share eight or more; the news
formulas that recur across unrelated stories are shorter (`dans la nuit de mardi
à mercredi`, seven words, in a shipwreck and in a strike on power plants).

Found through an inverted index of word `RUN`-grams, so the cost is linear in the
text. A run that recurs in many statements (`COMMON`) is a formula of the trade,
not a quote, and is no evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import combinations

from kg.model import Statement
from kg.text import fold_words

RUN = 8  # consecutive words two statements must share
COMMON = 8  # a run found in more statements than this is boilerplate


def _runs(text: str, n: int = RUN) -> set[int]:
    words = fold_words(text).split()
    return {int.from_bytes(hashlib.blake2b(" ".join(words[k:k + n]).encode(), digest_size=8).digest(), "big")
            for k in range(len(words) - n + 1)}


def verbatim_pairs(statements: Sequence[Statement], n: int = RUN, common: int = COMMON) -> list[tuple[int, int]]:
    """Pairs (i < j) of statements in different articles that share `n` consecutive words."""
    index: dict[int, list[int]] = {}
    for k, s in enumerate(statements):
        for h in _runs(s.text, n):
            index.setdefault(h, []).append(k)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2 or len(members) > common:
            continue
        for i, j in combinations(members, 2):
            if statements[i].article_id != statements[j].article_id:
                pairs.add((i, j))
    return sorted(pairs)
