"""Articles that copy another one, credited or not: found once claims are linked, kept as
inferred derivations in the claims graph, and read by the audit, where their statements
inherit what they copy.

An outlet that takes another's text, word for word, reworded or translated,
adds no access of its own: when it says "Michelin" where the original said
"le groupe de pneumatiques", or hangs a quote on the wrong name, it is still
the original's source speaking. So a copy's statement that names no channel
of its own (no outlet the speaker spoke to) takes the origin of the
statement it copies, in the same claim: the original article's. A channel
the copy names is copied text too ("told the New York Post" in both); only a
copy whose speaker spoke to its own publisher ("told us") keeps its origin:
that is a second access, and independence is decided as usual.

Two kinds of evidence, both between two articles only:

- text reuse in one language (`kg.link.reuse`): most of the later article's
  sentences are in the earlier one;
- a translation: articles in two languages whose claims coincide, i.e. at
  least `MIN_SHARED` claims hold both and they cover at least `SHARE` of the
  later article's statements. Two articles on one event in two languages
  share a quote or two; a translation shares nearly everything it says.

The later article (by date, else the more covered one) is the copy. Two articles
on one event that are no copies of each other share a few quotes but few
sentences, so neither rule joins them, and each keeps its own sources.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import combinations

from kg import queries
from kg.link.reuse import COPY_SHARE, ReuseArticle, find_reuse
from kg.link.story import date_span, days_apart
from kg.model import InferredCopy
from kg.store import Store

MIN_SHARED = 3  # claims two articles in two languages share before one counts as the other's translation
SHARE = 0.5  # ... and the share of the later one's statements those claims hold


def read_articles(store: Store) -> tuple[dict[str, str], dict[str, str | None], dict[str, str | None]]:
    """Texts, dates and languages of the store's articles."""
    texts = {r["article"]: r["text"] or "" for r in store.query(queries.load("article_text")).records()
             if r["article"] is not None}
    dates: dict[str, str | None] = {}
    langs: dict[str, str | None] = {}
    for r in store.query(queries.load("article_dates")).records():
        if r["article"] is not None:
            dates[r["article"]] = r["date"]
            langs[r["article"]] = r["lang"]
    return texts, dates, langs


def find_copies(claims: Mapping[str, Collection[str]], texts: Mapping[str, str],
                dates: Mapping[str, str | None], langs: Mapping[str, str | None]) -> dict[str, InferredCopy]:
    """Each copying article → what it copies (its nearest original when it copies several).

    `claims` gives each claim's articles, one entry per statement (an article carrying two of
    a claim's statements is listed twice). Only articles that share a claim with another are
    looked at: a copy matters to the audit only where both it and its original carry one claim.
    """
    shared = _shared_claims(claims)
    wanted = sorted({a for pair in shared for a in pair} & set(texts))
    out: dict[str, InferredCopy] = {}
    # Only pairs that share a claim: a copy matters to the audit where both carry one.
    for r in find_reuse([ReuseArticle(a, texts[a], dates.get(a)) for a in wanted], share=COPY_SHARE,
                        only=shared.keys()):
        _keep(out, InferredCopy(copy=r.copy, original=r.original, how="text reuse", share=r.share))
    for found in _translations(claims, shared, dates, langs):
        _keep(out, found)
    return out


def _keep(out: dict[str, InferredCopy], found: InferredCopy) -> None:
    held = out.get(found.copy)
    if held is None or found.share > held.share:
        out[found.copy] = found


def _shared_claims(claims: Mapping[str, Collection[str]]) -> dict[tuple[str, str], int]:
    """Article pair → how many claims hold both."""
    counts: dict[tuple[str, str], int] = {}
    for members in claims.values():
        for pair in combinations(sorted(set(members)), 2):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def _translations(claims: Mapping[str, Collection[str]], shared: Mapping[tuple[str, str], int],
                  dates: Mapping[str, str | None], langs: Mapping[str, str | None]) -> list[InferredCopy]:
    statements: dict[str, int] = {}
    for members in claims.values():
        for article in members:
            statements[article] = statements.get(article, 0) + 1
    out = []
    for (a, b), n in sorted(shared.items()):
        if n < MIN_SHARED or not langs.get(a) or not langs.get(b) or langs[a] == langs[b]:
            continue
        share = {a: n / max(statements.get(a, 1), 1), b: n / max(statements.get(b, 1), 1)}
        copy = _later(a, b, dates) or max((a, b), key=lambda x: (share[x], x))
        if share[copy] >= SHARE:
            out.append(InferredCopy(copy=copy, original=b if copy == a else a, how="translation",
                            share=round(share[copy], 3)))
    return out


def _later(a: str, b: str, dates: Mapping[str, str | None]) -> str | None:
    """The later of two articles when their dates say so (the days they may mean do not overlap)."""
    sa, sb = date_span(dates.get(a)), date_span(dates.get(b))
    if sa is None or sb is None or days_apart(sa, sb) == 0:
        return None
    return b if sb[0] > sa[1] else a


def originals(copies: Mapping[str, InferredCopy], article: str, present: set[str]) -> list[InferredCopy]:
    """The chain of copies from `article` up to the furthest original among `present` articles."""
    chain: list[InferredCopy] = []
    seen = {article}
    while (c := copies.get(article)) is not None and c.original not in seen:
        seen.add(c.original)
        chain.append(c)
        article = c.original
    # Cut after the furthest original that carries the claim: beyond it the claim's words are not traced.
    while chain and chain[-1].original not in present:
        chain.pop()
    return chain
