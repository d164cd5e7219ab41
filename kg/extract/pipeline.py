"""Placeholder pipeline; replaced by the rule pipeline in this package."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.model import Article, Extraction


def extract(article: Article) -> Extraction:
    return Extraction(article=article, lang=article.lang or "fr")


def extract_all(articles: Iterable[Article], jobs: int = 1) -> Iterator[Extraction]:
    for a in articles:
        yield extract(a)
