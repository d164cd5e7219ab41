"""Long articles are read in windows: spaCy never sees more than a window, offsets stay exact,
and what is found is what the whole text gives.

The window sizes are made small here so that a few example articles make a "long" one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extractor as xp
from kg.extract import nlp
from kg.ingest import read_paths
from kg.model import Article, Extraction

pytestmark = pytest.mark.slow  # runs the extractor

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _long_article() -> Article:
    texts = [a.text for a in read_paths([EXAMPLES]) if isinstance(a, Article) and a.lang == "fr"]
    return Article(id="long", text="\n\n".join(texts), lang="fr")


def _keys(x: Extraction) -> set[tuple[int, int, str]]:
    return {(a.quote.start, a.quote.end, a.speaker.name) for a in x.attributions}


def _check_offsets(x: Extraction) -> None:
    text = x.article.text
    for a in x.attributions:
        for span in (a.quote, a.cue, a.speaker.mention, *(c.span for c in a.via)):
            if span is not None:
                assert text[span.start:span.end] == span.text
    for u in x.unattributed:
        assert text[u.span.start:u.span.end] == u.span.text
    for b in x.boilerplate:
        assert text[b.start:b.end] == b.text


@given(st.lists(st.sampled_from(["Un mot. ", "« Cité, dit-il. »", "\n", "\n\n", "Phrase longue ici ", "“x” "]),
                max_size=200), st.integers(20, 200), st.integers(1, 30))
@settings(max_examples=200, deadline=None)
def test_windows_tile_the_text(pieces: list[str], size: int, marks: int) -> None:
    text = "".join(pieces)
    spans = xp.windows(text, size=size, marks=marks, context=50)
    assert [s for _, s, _ in spans] == ([0] + [e for _, _, e in spans[:-1]] if text else [])
    assert (spans[-1][2] if spans else 0) == len(text)
    for ctx, s, e in spans:
        assert ctx <= s < e and e - s <= size and s - ctx <= 50
        assert sum(map(text[s:e].count, nlp.QUOTE_CHARS)) <= marks


def test_a_window_ends_after_a_paragraph_outside_quotes() -> None:
    text = "Intro.\n\n« Début de citation\n« suite de la même citation »\n\nFin." + " x" * 40
    [(_, _, end), *_] = xp.windows(text, size=70, marks=100, context=0)
    assert text[:end].endswith("\n\n") and "suite" in text[:end]


def test_windowed_extraction_matches_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _long_article()
    whole = xp.extract_tokens(article, "fr", nlp.analyse(article.text, "fr"))
    seen: list[int] = []
    real = nlp.analyse

    def analyse(text: str, lang: str) -> tuple[nlp.Tok, ...]:
        seen.append(len(text))
        return real(text, lang)

    monkeypatch.setattr(nlp, "analyse", analyse)
    monkeypatch.setattr(xp, "WINDOW_CHARS", 4_000)
    monkeypatch.setattr(xp, "CONTEXT_CHARS", 800)
    windowed = xp.extract(article)
    assert len(seen) >= len(article.text) // 4_000 and max(seen) <= 4_800  # spaCy never sees the whole
    _check_offsets(windowed)
    found, expected = _keys(windowed), _keys(whole)
    assert len(found & expected) >= 0.9 * len(expected), (len(found & expected), len(expected))


def test_travel_of_a_long_article_comes_from_its_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    [first] = [a for a in read_paths([EXAMPLES / "000_fee7a79d059e0f4e.txt"]) if isinstance(a, Article)]
    paragraphs = first.text.split("\n\n")
    filler = ["La journée a été calme dans la région, sans incident notable signalé. " * 4] * 40
    text = "\n\n".join([*paragraphs[:3], *filler, *paragraphs[3:]])
    article = Article(id="long", text=text, lang="fr")
    whole = xp.extract_tokens(article, "fr", nlp.analyse(text, "fr"))
    monkeypatch.setattr(xp, "WINDOW_CHARS", 4_000)
    windowed = xp.extract(article)
    assert (windowed.publisher, windowed.republished_from, windowed.translated_by) == (
        whole.publisher, whole.republished_from, whole.translated_by)
    assert whole.republished_from  # the example's footer names its chain


def test_quote_dense_text_is_windowed_by_its_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "« Nous partirons », a déclaré le ministre. " * 700  # 1,400 marks in 30 KB
    seen: list[int] = []
    real = nlp.analyse
    monkeypatch.setattr(nlp, "analyse", lambda t, lang: seen.append(len(t)) or real(t, lang))
    x = xp.extract(Article(id="q", text=text, lang="fr"))
    assert len(seen) >= 2
    _check_offsets(x)
    assert len(x.attributions) == 700
