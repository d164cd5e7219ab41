"""kg.ingest on the project's seed articles: real scraped French text, read unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import Skipped, read_file, read_paths
from kg.model import Article

EXAMPLES = Path(__file__).parent.parent / "examples" / "articles"

# id -> date found in the " date YYYY-MM " prefix (None where the scrape has none)
EXPECTED = {
    "000_fee7a79d059e0f4e": "2023-07",
    "001_282cfb784bc3f909": None,
    "002_095f39fa1b858fcf": "2023-06",
    "003_9168ca618f93b0e1": None,
}


def test_example_folder_reads_all_four_in_order() -> None:
    items = list(read_paths([EXAMPLES]))
    assert not [item for item in items if isinstance(item, Skipped)]
    assert [item.id for item in items if isinstance(item, Article)] == sorted(EXPECTED)


@pytest.mark.parametrize(("article_id", "date"), sorted(EXPECTED.items()))
def test_example_text_is_the_raw_file(article_id: str, date: str | None) -> None:
    path = EXAMPLES / f"{article_id}.txt"
    [article] = read_file(path)
    assert article.id == article_id
    assert article.text == path.read_bytes().decode("utf-8")  # byte for byte: offsets depend on it
    assert article.date == date
    assert article.lang == "fr"
    assert article.source == str(path)
