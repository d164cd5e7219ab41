"""`kg extract --format json` is streamed: the same bytes as the whole list, written an article at a time."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator

import pytest

from kg.errors import UnknownNameError
from kg.model import Extraction
from kg.pipeline import render_extractions, write_extractions
from synthetic_corpus import Corpus


def _extractions(n: int) -> list[Extraction]:
    # Real extractions with quotes, non-ASCII text and travel, without loading spaCy.
    return list(itertools.islice(Corpus(30, seed=3).articles(), n))


@pytest.mark.parametrize("n", [0, 1, 7])
def test_streamed_json_is_byte_for_byte_the_whole_list(n: int) -> None:
    out = io.StringIO()
    assert write_extractions(iter(_extractions(n)), "json", out) == n
    assert out.getvalue() == render_extractions(_extractions(n), "json")
    assert len(json.loads(out.getvalue())) == n


def test_each_article_is_written_before_the_next_is_extracted() -> None:
    items = _extractions(4)
    out = io.StringIO()
    seen: list[str] = []

    def extract() -> Iterator[Extraction]:
        for x in items:
            seen.append(out.getvalue())  # what a reader had when this article was still being extracted
            yield x

    write_extractions(extract(), "json", out)
    assert seen[0] == ""
    for k in range(1, len(items)):
        assert seen[k].count('"id": ') == k  # every article before this one is out already
        assert f'"id": "{items[k - 1].article.id}"' in seen[k]


def test_a_stream_that_fails_midway_leaves_a_list_that_does_not_parse() -> None:
    items = _extractions(3)
    out = io.StringIO()

    def extract() -> Iterator[Extraction]:
        yield from items[:2]
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        write_extractions(extract(), "json", out)
    with pytest.raises(json.JSONDecodeError):
        json.loads(out.getvalue())  # never mistaken for a complete answer


def test_rdf_formats_are_written_whole_as_before() -> None:
    out = io.StringIO()
    write_extractions(iter(_extractions(2)), "trig", out)
    assert out.getvalue() == render_extractions(_extractions(2), "trig")
    with pytest.raises(UnknownNameError):
        write_extractions(iter(()), "yaml", io.StringIO())
