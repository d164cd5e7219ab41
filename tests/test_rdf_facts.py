"""Packed copies (`kg.rdf.facts`): each graph keeps what the audit reads of it in one literal.

The copy must say exactly what the graph's triples say: when the store writes
a graph, after any edit, on real articles and on a synthetic corpus. When a
copy is missing or of another format, the audit reads the triples instead and
still gives the same answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kg import queries
from kg.audit import run_audit
from kg.audit.records import fetch_statements, fetch_travel, read_all
from kg.link import link_store
from kg.model import Extraction
from kg.rdf import facts
from kg.rdf.build import article_graph, graph_iri
from kg.rdf.namespaces import CP, PROV, RDF, RDFS, mint
from kg.rdf.validate import validate
from kg.store import Store, open_store
from kg.store.terms import triples_to_ox

ROOT = Path(__file__).resolve().parents[1]
PACKED = (str(CP.packedFacts), str(CP.packedClaims))


class Spy:
    """A store that remembers which packaged queries were asked of it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.location = store.location
        self.asked: list[str] = []

    def _note(self, sparql: str) -> None:
        self.asked += [name for name in queries.names() if queries.load(name) == sparql]

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        self._note(sparql)
        return self.store.query(sparql, bindings)

    def values(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        self._note(sparql)
        return self.store.values(sparql, bindings)


def _put(store: Store, x: Extraction) -> None:
    store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)


def _copy_of(store: Store, article_id: str) -> str | None:
    rows = store.values(queries.load("packed_facts"))
    return next((value for aid, value in rows if aid == article_id), None)


def _quads_without_copies(store: Store) -> list[ox.Quad]:
    quads = ox.parse(store.export("nquads"), format=ox.RdfFormat.N_QUADS)
    return [q for q in quads if q.predicate.value not in PACKED]


def _raw_store(path: Path, quads: list[ox.Quad]) -> Store:
    """A store written without kg's replace_graph, as an older kg or a bulk load leaves it."""
    raw = ox.Store(str(path))
    raw.bulk_extend(quads)
    raw.flush()
    del raw  # releases the folder's lock
    return open_store(path, create=False)


def _readable(store: Store) -> tuple[dict, dict]:
    return fetch_statements(store), fetch_travel(store)


@pytest.fixture(scope="module")
def synthetic(linked_synthetic: Callable[..., Store]) -> Iterator[Store]:
    """120 synthetic articles over 30 claims, written through replace_graph and linked."""
    store = linked_synthetic(30, articles=120, seed=5)
    try:
        yield store
    finally:
        store.close()


# ---------------------------------------------------------------- what a copy holds

def test_a_written_article_keeps_its_facts_as_its_own_triples_give_them(pentagon_extraction: Extraction) -> None:
    with open_store(memory=True) as store:
        _put(store, pentagon_extraction)
        copy = _copy_of(store, pentagon_extraction.article.id)
        stored = facts.read(copy)
        assert stored is not None
        # Over a store of one article, the query over every graph is the query over that graph.
        live = facts.unpack_all(r or "" for (r,) in store.values(queries.load(facts.FACTS_QUERY)))
    assert sorted(map(json.dumps, stored)) == sorted(json.dumps(list(r)) for r in live)
    kinds = {row[0] for row in stored}
    assert kinds == {"s", "h", "t"}  # statements, channels, travel
    texts = {row[2][5] for row in stored if row[0] == "s"}
    assert any("Al-Monitor" in (row[2][0] or "") for row in stored if row[0] == "h")
    assert all(t and t in pentagon_extraction.article.text for t in texts)


def test_the_same_graph_packs_to_the_same_literal(pentagon_extraction: Extraction) -> None:
    g = article_graph(pentagon_extraction)
    one = facts.packed(triples_to_ox(g), str(g.identifier))
    two = facts.packed(reversed(list(triples_to_ox(g))), str(g.identifier))
    assert sorted(map(str, one)) == sorted(map(str, two))
    assert sum(t.predicate.value == str(CP.packedFacts) for t in one) == 1


def test_an_edited_graph_is_written_with_a_fresh_copy(pentagon_extraction: Extraction) -> None:
    x = pentagon_extraction
    with open_store(memory=True) as store:
        _put(store, x)
        before = _copy_of(store, x.article.id)
        g = article_graph(x)
        speaker = next(iter(g.objects(mint("attribution", x.article.id, "1"), PROV.agent)))
        g.remove((speaker, RDFS.label, None))
        g.add((speaker, RDFS.label, Literal("un porte-parole renommé")))
        store.replace_graph(str(graph_iri(x.article)), g, "0" * 64)
        after = _copy_of(store, x.article.id)
        assert before != after
        assert "un porte-parole renommé" in (after or "")
        link_store(store, method="char")
        labels = {s.speaker_label for members in read_all(store)[0].values() for s in members}
    assert "un porte-parole renommé" in labels


def test_a_graph_that_cannot_be_packed_gets_no_copy_and_is_read_from_its_triples(
        pentagon_extraction: Extraction) -> None:
    x = pentagon_extraction
    g = article_graph(x)
    attribution = mint("attribution", x.article.id, "1")
    g.remove((attribution, PROV.agent, None))
    g.add((attribution, PROV.agent, BNode("someone")))  # no IRI: no packed row can name it
    with open_store(memory=True) as store:
        store.replace_graph(str(graph_iri(x.article)), g, x.article.digest)
        assert _copy_of(store, x.article.id) is None
        link_store(store, method="char")
        assert read_all(store) == _readable(store)


def test_a_claims_graph_keeps_its_claims_packed(synthetic: Store) -> None:
    (copy,) = synthetic.values(queries.load("packed_claims"))
    rows = facts.read(copy[0])
    assert rows is not None
    live = synthetic.values(queries.load(facts.CLAIMS_QUERY))

    def members(rows: list) -> dict[str, tuple[str, str, list[str]]]:  # GROUP_CONCAT has no order
        return {r[0]: (r[1], r[2], sorted(r[3].split())) for r in rows}

    assert members(rows) == members(live)
    assert len(rows) == len(live) > 10


def test_graphs_with_copies_conform_to_the_shapes(pentagon_extraction: Extraction) -> None:
    pytest.importorskip("pyshacl")
    with open_store(memory=True) as store:
        _put(store, pentagon_extraction)
        link_store(store, method="char")
        dataset = Dataset()
        dataset.parse(data=store.export("nquads"), format="nquads")
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    assert any(g.triples((None, CP.packedFacts, None)))
    assert any(g.triples((None, CP.packedClaims, None)))
    report = validate(g)
    assert report.conforms, report.text
    node = next(iter(g.subjects(CP.packedFacts, None)))
    g.add((node, CP.packedFacts, Literal("[]")))  # a second copy, and a plain string
    broken = validate(g)
    assert not broken.conforms
    assert "cp:packedFacts" in broken.text


# ---------------------------------------------------------------- the audit reads them, or the triples

@pytest.mark.parametrize("which", ["synthetic", "examples"])
def test_the_audit_reads_the_copies_and_they_say_what_the_triples_say(
        which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if which == "synthetic":
        store = request.getfixturevalue("synthetic")
    else:
        store = request.getfixturevalue("writable_examples_store")
        link_store(store, method="char")
    spy = Spy(store)
    packed = read_all(spy)  # type: ignore[arg-type]
    assert facts.FACTS_QUERY not in spy.asked and facts.CLAIMS_QUERY not in spy.asked
    assert {"packed_facts", "packed_claims"} <= set(spy.asked)
    with _raw_store(tmp_path / "no-copies", _quads_without_copies(store)) as bare:
        spy = Spy(bare)
        from_triples = read_all(spy)  # type: ignore[arg-type]
        assert {facts.FACTS_QUERY, facts.CLAIMS_QUERY} <= set(spy.asked)
        assert from_triples == packed == _readable(bare)
        assert run_audit(bare, ensure=False, cache=False) == run_audit(store, ensure=False, cache=False)
    assert packed[0] and packed[1]


def test_one_graph_without_a_current_copy_sends_the_audit_to_the_triples(synthetic: Store, tmp_path: Path) -> None:
    quads = [q for q in ox.parse(synthetic.export("nquads"), format=ox.RdfFormat.N_QUADS)]
    copies = [i for i, q in enumerate(quads) if q.predicate.value == str(CP.packedFacts)]
    stale = quads[copies[0]]
    record = json.loads(stale.object.value)
    record["format"] = "an older kg"
    quads[copies[0]] = ox.Quad(stale.subject, stale.predicate, ox.Literal(json.dumps(record), datatype=
                               ox.NamedNode(str(RDF.JSON))), stale.graph_name)
    del quads[copies[1]]  # and one graph with no copy at all
    with _raw_store(tmp_path / "stale", quads) as store:
        spy = Spy(store)
        assert read_all(spy) == read_all(synthetic)  # type: ignore[arg-type]
        assert facts.FACTS_QUERY in spy.asked


def test_a_copy_that_is_not_json_is_not_read() -> None:
    assert facts.read("{not json") is None
    assert facts.read(json.dumps({"format": facts.copy_format(), "rows": "nope"})) is None
    assert facts.read(json.dumps([1, 2])) is None
    assert facts.read(None) is None


@pytest.mark.parametrize("row", ["", "x|", "s a b|", "sa b c d e f g 1,2|abc", "h a b 1 1,1,1,*|",
                                 "t - - - - 2,-,-,-,*|a"])
def test_a_row_of_the_wrong_shape_is_unpackable(row: str) -> None:
    with pytest.raises(facts.Unpackable):
        facts.unpack_all([row])


def test_only_article_and_claims_graphs_get_copies() -> None:
    g = Graph(identifier=URIRef("https://example.org/other"))
    g.add((URIRef("https://example.org/a"), RDFS.label, Literal("a")))
    triples = list(triples_to_ox(g))
    assert facts.packed(triples, str(g.identifier)) == triples
