"""The embedded store: one transaction per article, bound queries, exports, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError, QueryError, StoreError, UnknownNameError
from kg.store import ExportFormat, Store, open_store, store_path

EX = rdflib.Namespace("https://example.org/")
CP_DIGEST = rdflib.URIRef("https://w3id.org/claimprov#contentDigest")
GRAPH = "https://example.org/graph/a"


def article(digest: str, *facts: tuple[str, str]) -> rdflib.Graph:
    """A minimal article graph: its digest plus `(predicate, object)` facts about EX.a."""
    g = rdflib.Graph()
    g.add((EX.a, CP_DIGEST, rdflib.Literal(digest)))
    for p, o in facts:
        g.add((EX.a, EX[p], rdflib.Literal(o)))
    return g


def values(store: Store, sparql: str, var: str, **bindings: object) -> list[str | None]:
    return store.query(sparql, bindings or None).column(var)  # type: ignore[arg-type]


# ------------------------------------------------------------------ replace_graph


def test_replace_graph_reports_added_then_unchanged_then_replaced(memory_store: Store) -> None:
    assert memory_store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1") == "added"
    assert memory_store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1") == "unchanged"
    assert memory_store.replace_graph(GRAPH, article("d2", ("says", "two")), "d2") == "replaced"
    assert memory_store.article_digest(GRAPH) == "d2"


def test_unchanged_digest_writes_nothing_even_if_the_triples_differ(memory_store: Store) -> None:
    memory_store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1")
    memory_store.replace_graph(GRAPH, article("d1", ("says", "other")), "d1")
    assert values(memory_store, "SELECT ?o WHERE { ?s <https://example.org/says> ?o }", "o") == ["one"]


def test_changed_article_replaces_its_graph_instead_of_merging(memory_store: Store) -> None:
    memory_store.replace_graph(GRAPH, article("d1", ("says", "one"), ("also", "x")), "d1")
    memory_store.replace_graph(GRAPH, article("d2", ("says", "two")), "d2")
    q = "SELECT ?p ?o WHERE { GRAPH ?g { <https://example.org/a> ?p ?o } } ORDER BY ?o"
    assert values(memory_store, q, "o") == ["d2", "two"]
    assert len(memory_store) == 2


def test_other_articles_graphs_are_untouched_by_a_replace(memory_store: Store) -> None:
    memory_store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1")
    memory_store.replace_graph("https://example.org/graph/b", article("e1", ("says", "b")), "e1")
    memory_store.replace_graph(GRAPH, article("d2", ("says", "two")), "d2")
    q = "SELECT ?o WHERE { ?s <https://example.org/says> ?o } ORDER BY ?o"
    assert values(memory_store, q, "o") == ["b", "two"]


def test_a_graph_that_cannot_be_converted_leaves_the_old_one_in_place(memory_store: Store) -> None:
    memory_store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1")
    bad = article("d2")
    bad.add((EX.a, EX.says, rdflib.Variable("not_a_term")))  # no RDF term: conversion must fail
    with pytest.raises(TypeError):
        memory_store.replace_graph(GRAPH, bad, "d2")
    assert memory_store.article_digest(GRAPH) == "d1"
    assert values(memory_store, "SELECT ?o WHERE { ?s <https://example.org/says> ?o }", "o") == ["one"]


@settings(max_examples=60, deadline=None, database=None)
@given(text=st.text(max_size=200), lang=st.sampled_from([None, "fr", "en"]))
def test_any_text_survives_the_round_trip_through_the_store(text: str, lang: str | None) -> None:
    # replace_graph goes through a SPARQL Update, so quotes, backslashes, braces and
    # control characters in article text must all come back exactly.
    store = open_store(memory=True)
    g = article("d")
    g.add((EX.a, EX.text, rdflib.Literal(text, lang=lang)))
    store.replace_graph(GRAPH, g, "d")
    [row] = store.query("SELECT ?t WHERE { ?s <https://example.org/text> ?t }").rows
    assert row[0] is not None and row[0].value == text
    assert (row[0].language if lang else None) == lang


# ------------------------------------------------------------------ query


@pytest.fixture
def people(memory_store: Store) -> Store:
    g = article("d", ("name", "Oleg Gurinov"))
    g.add((EX.a, EX.age, rdflib.Literal(57)))
    g.add((EX.a, EX.knows, EX.b))
    g.add((EX.b, EX.name, rdflib.Literal("Al-Monitor")))
    memory_store.replace_graph(GRAPH, g, "d")
    return memory_store


def test_select_gives_variables_in_order_and_rows(people: Store) -> None:
    r = people.query("SELECT ?name ?s WHERE { ?s <https://example.org/name> ?name } ORDER BY ?name")
    assert r.kind == "select"
    assert r.variables == ("name", "s")
    assert r.records() == [
        {"name": "Al-Monitor", "s": "https://example.org/b"},
        {"name": "Oleg Gurinov", "s": "https://example.org/a"},
    ]


def test_values_are_the_rows_lexical_values_with_none_for_unbound(people: Store) -> None:
    sparql = ("SELECT ?name ?age WHERE { ?s <https://example.org/name> ?name "
              "OPTIONAL { ?s <https://example.org/age> ?age } } ORDER BY ?name")
    assert people.values(sparql) == [("Al-Monitor", None), ("Oleg Gurinov", "57")]
    assert people.values(sparql) == people.query(sparql).values()
    assert people.values("SELECT ?s ?age WHERE { ?s <https://example.org/age> ?age }", {"age": 57}) == [
        ("https://example.org/a", "57")]


@pytest.mark.parametrize("sparql", ["ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                    "SELEC ?x WHERE { ?x ?p ?o }"])
def test_values_of_anything_but_a_select_is_a_query_error(people: Store, sparql: str) -> None:
    with pytest.raises(QueryError):
        people.values(sparql)


def test_ask_gives_a_boolean(people: Store) -> None:
    assert people.query("ASK { ?s <https://example.org/age> 57 }").boolean is True
    assert people.query("ASK { ?s <https://example.org/age> 58 }").boolean is False


def test_construct_gives_triples(people: Store) -> None:
    r = people.query("CONSTRUCT { ?s <https://example.org/label> ?n } "
                     "WHERE { ?s <https://example.org/name> ?n }")
    assert r.kind == "construct"
    assert len(r) == 2
    assert {t.object.value for t in r.triples} == {"Oleg Gurinov", "Al-Monitor"}


@pytest.mark.parametrize(
    ("binding", "expected"),
    [
        ({"s": "https://example.org/a"}, ["Oleg Gurinov"]),  # looks like an IRI: bound as one
        ({"name": "Al-Monitor"}, ["Al-Monitor"]),  # a plain string literal
        ({"s": ox.NamedNode("https://example.org/b")}, ["Al-Monitor"]),  # a pyoxigraph term as is
        ({"s": rdflib.URIRef("https://example.org/b")}, ["Al-Monitor"]),  # an rdflib term, converted
        ({"name": "nobody"}, []),
    ],
)
def test_bindings_are_bound_as_typed_terms(people: Store, binding: dict[str, object],
                                           expected: list[str]) -> None:
    q = "SELECT ?s ?name WHERE { ?s <https://example.org/name> ?name }"
    assert people.query(q, binding).column("name") == expected  # type: ignore[arg-type]


def test_integer_bindings_are_xsd_integers(people: Store) -> None:
    q = "SELECT ?s ?age WHERE { ?s <https://example.org/age> ?age }"
    assert people.query(q, {"age": 57}).column("s") == ["https://example.org/a"]
    assert people.query(q, {"age": "57"}).column("s") == ["https://example.org/a"]


def test_a_binding_cannot_inject_sparql(people: Store) -> None:
    q = "SELECT ?s ?name WHERE { ?s <https://example.org/name> ?name }"
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { "'
    assert people.query(q, {"name": hostile}).rows == ()
    assert len(people) == 5


def test_syntax_error_is_a_query_error_with_the_parsers_message(memory_store: Store) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax error: error at 1:\d+"):
        memory_store.query("SELEC ?x WHERE { ?x ?p ?o }")


def test_binding_a_variable_the_query_does_not_return_is_a_query_error(people: Store) -> None:
    with pytest.raises(QueryError, match=r"\?age"):
        people.query("SELECT ?s WHERE { ?s <https://example.org/age> ?age }", {"age": 57})


@pytest.mark.parametrize("name", ["x y", "1abc", "", "?", "a-b"])
def test_bad_parameter_names_are_input_errors(memory_store: Store, name: str) -> None:
    with pytest.raises(InputError, match="bad query parameter name"):
        memory_store.query("SELECT ?x WHERE { ?x ?p ?o }", {name: "1"})


def test_result_serialises_to_w3c_formats(people: Store) -> None:
    r = people.query("SELECT ?name WHERE { ?s <https://example.org/name> ?name } ORDER BY ?name")
    doc = json.loads(r.serialize("json"))
    assert doc["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in doc["results"]["bindings"]] == ["Al-Monitor", "Oleg Gurinov"]
    assert r.serialize("csv").decode().splitlines() == ["name", "Al-Monitor", "Oleg Gurinov"]
    assert r.serialize("tsv").decode().splitlines() == ["?name", '"Al-Monitor"', '"Oleg Gurinov"']
    with pytest.raises(UnknownNameError, match="known: csv, json, tsv, xml"):
        r.serialize("yaml")


def test_unknown_result_variable_lists_the_known_ones(people: Store) -> None:
    r = people.query("SELECT ?name WHERE { ?s <https://example.org/name> ?name }")
    with pytest.raises(UnknownNameError, match="known: name"):
        r.column("nmae")


# ------------------------------------------------------------------ export and stats


def test_exports_parse_back_to_the_same_quads(pentagon_store: Store) -> None:
    n = len(pentagon_store)
    for fmt, rdflib_format in [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]:
        ds = rdflib.Dataset()
        ds.parse(data=pentagon_store.export(fmt), format=rdflib_format)
        assert len(ds) == n, fmt
        assert {str(c.identifier) for c in ds.graphs() if len(c)} == {
            "https://w3id.org/claimprov/id/graph/000_fee7a79d059e0f4e"
        }, fmt
    merged = rdflib.Graph().parse(data=pentagon_store.export(ExportFormat.TURTLE), format="turtle")
    assert len(merged) == n


def test_exports_are_deterministic(pentagon_store: Store, pentagon_extraction: object) -> None:
    for fmt in ExportFormat:
        assert pentagon_store.export(fmt) == pentagon_store.export(fmt), fmt


def test_unknown_export_format_lists_the_known_ones(memory_store: Store) -> None:
    with pytest.raises(UnknownNameError, match="known: jsonld, nquads, trig, turtle"):
        memory_store.export("rdfxml")


def test_stats_counts_what_the_store_holds(pentagon_store: Store) -> None:
    stats = pentagon_store.stats()
    assert stats["triples"] == len(pentagon_store) > 0
    assert stats["graphs"] == stats["articles"] == 1
    assert stats["attributions"] == 4
    assert stats["speakers"] == 2
    assert stats["outlets"] >= 3  # Al-Monitor, CNN, South Front, MIRASTNEWS


def test_empty_store_stats_are_zero(memory_store: Store) -> None:
    assert memory_store.stats() == {"triples": 0, "graphs": 0, "articles": 0, "attributions": 0,
                                    "speakers": 0, "outlets": 0, "unattributed": 0}


# ------------------------------------------------------------------ opening and closing


def test_memory_store_satisfies_the_protocol(memory_store: Store) -> None:
    assert isinstance(memory_store, Store)
    assert len(memory_store) == 0


def test_on_disk_store_keeps_its_content_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "kg-store"
    with open_store(path) as store:
        store.replace_graph(GRAPH, article("d1", ("says", "one")), "d1")
    store = open_store(path, create=False)
    try:
        assert store.article_digest(GRAPH) == "d1"
        assert store.location == str(path)
    finally:
        store.close()


def test_a_store_in_use_is_a_store_error_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "kg-store"
    first = open_store(path)
    try:
        with pytest.raises(StoreError, match=f"{path}.*in use"):
            open_store(path)
    finally:
        first.close()


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(tmp_path / "file")


def test_a_folder_of_other_files_is_not_turned_into_a_store(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("x")
    with pytest.raises(StoreError, match="holds no kg store"):
        open_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_reading_commands_do_not_create_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*kg ingest"):
        open_store(tmp_path / "nowhere", create=False)
    assert not (tmp_path / "nowhere").exists()


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        ("mine", "from-env", "mine"),
        (None, "from-env", "from-env"),
        (None, None, "kg-store"),
        (None, "  ", "kg-store"),
    ],
)
def test_store_location_comes_from_option_then_env_then_default(
    monkeypatch: pytest.MonkeyPatch, given: str | None, env: str | None, expected: str
) -> None:
    if env is None:
        monkeypatch.delenv("KG_STORE", raising=False)
    else:
        monkeypatch.setenv("KG_STORE", env)
    assert store_path(given) == Path(expected)


def test_a_store_says_what_it_can_do(tmp_path: Path) -> None:
    from kg.store import Capability
    from kg.store.oxigraph import OxigraphStore

    with OxigraphStore(tmp_path / "s") as store:
        assert store.capabilities == {Capability.WRITE, Capability.AUDIT_CACHE}
    reader = OxigraphStore.open_read_only(tmp_path / "s")
    try:
        assert Capability.WRITE not in reader.capabilities
        assert Capability.AUDIT_CACHE in reader.capabilities
    finally:
        reader.close()
