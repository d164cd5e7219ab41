"""The packaged query registry, and what every .rq file must respect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import queries
from kg.errors import UnknownNameError
from kg.rdf.namespaces import PREFIXES
from kg.store import Store

EXAMPLE_QUERIES = Path(__file__).resolve().parents[1] / "examples" / "queries"
EXAMPLES = ["anonymous_statements", "quoted_via_outlet", "republication_chain"]
_PREFIX = re.compile(r"^\s*PREFIX\s+(\w*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def test_names_lists_every_packaged_query() -> None:
    assert {*EXAMPLES, "stats", "article_digest"} <= set(queries.names())
    assert queries.names() == sorted(queries.names())


def test_load_accepts_the_name_with_or_without_suffix() -> None:
    assert queries.load("stats") == queries.load("stats.rq")
    assert "SELECT" in queries.load("stats")


@pytest.mark.parametrize("name", ["nope", "", "../cli", "stats.txt"])
def test_unknown_name_lists_the_known_ones(name: str) -> None:
    with pytest.raises(UnknownNameError) as info:
        queries.load(name)
    message = str(info.value)
    assert f"unknown query {name!r}" in message
    for known in EXAMPLES:
        assert known in message


@pytest.mark.parametrize("name", queries.names())
def test_every_query_declares_the_projects_prefixes_exactly(name: str) -> None:
    # The .rq files stand alone for any SPARQL client, so they spell their PREFIXes;
    # this keeps them in step with kg.rdf.namespaces, the one home of IRIs.
    for prefix, iri in _PREFIX.findall(queries.load(name)):
        assert PREFIXES.get(prefix) == iri, f"{name}.rq: PREFIX {prefix}: <{iri}>"


@pytest.mark.parametrize("name", queries.names())
def test_every_query_parses_and_runs_on_an_empty_store(name: str, memory_store: Store) -> None:
    result = memory_store.query(queries.load(name))
    assert result.kind == "select"


@pytest.mark.parametrize("name", queries.names())
def test_every_query_says_what_it_answers(name: str) -> None:
    assert len(queries.describe(name)) > 20


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLE_QUERIES.glob("*.rq")))
def test_example_queries_are_the_packaged_ones(name: str) -> None:
    # examples/queries is what people read and copy; `kg query --name` runs the
    # packaged copy. They must not drift apart, so every example file is checked.
    assert (EXAMPLE_QUERIES / f"{name}.rq").read_text(encoding="utf-8") == queries.load(name)


def test_the_examples_folder_holds_queries() -> None:
    assert set(EXAMPLES) <= {p.stem for p in EXAMPLE_QUERIES.glob("*.rq")}
