"""`kg serve` queried by the clients people use: SPARQLWrapper and rdflib's SPARQLStore.

Every answer is compared with `kg query` (the CLI, or `Store.query` behind it) on the same store.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg import queries
from kg.cli import app
from kg.store import Store

SELECT = queries.load("anonymous_statements")
ASK_TRUE = "PREFIX cp: <https://w3id.org/claimprov#> ASK { ?a a cp:Attribution }"
ASK_FALSE = "ASK { <urn:kg:nothing> ?p ?o }"
CONSTRUCT = ("PREFIX cp: <https://w3id.org/claimprov#> PREFIX prov: <http://www.w3.org/ns/prov#> "
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "CONSTRUCT { ?a prov:agent ?s . ?s rdfs:label ?name } "
             "WHERE { ?a a cp:Attribution ; prov:agent ?s . ?s rdfs:label ?name }")


@pytest.fixture(scope="module")
def store(served_store: Store) -> Store:
    return served_store


@pytest.fixture(scope="module")
def endpoint(served_examples) -> str:  # type: ignore[no-untyped-def]
    return served_examples.url + "/sparql"


def wrapper(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def expected_graph(store: Store, query: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=store.query(query).serialize("tsv").decode("utf-8"), format="nt")


def test_the_select_has_rows(store: Store) -> None:
    assert len(store.query(SELECT)) >= 5


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint: str, store: Store, method: str) -> None:
    answer = wrapper(endpoint, SELECT, JSON, method).queryAndConvert()
    rows = [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]
    expected = [{k: v for k, v in r.items() if v is not None} for r in store.query(SELECT).records()]
    assert rows == expected


def test_sparqlwrapper_select_xml(endpoint: str, store: Store) -> None:
    document = wrapper(endpoint, SELECT, XML).queryAndConvert()  # an xml.dom Document
    results = document.getElementsByTagName("result")
    assert len(results) == len(store.query(SELECT))


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_select_csv_tsv(endpoint: str, store: Store, fmt: str, delimiter: str) -> None:
    text = wrapper(endpoint, SELECT, fmt).queryAndConvert().decode("utf-8")
    expected = store.query(SELECT).serialize(fmt).decode("utf-8")
    assert text == expected
    assert len(list(csv.reader(io.StringIO(text), delimiter=delimiter))) == len(store.query(SELECT)) + 1


@pytest.mark.parametrize(("query", "expected"), [(ASK_TRUE, True), (ASK_FALSE, False)])
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(endpoint: str, store: Store, query: str, expected: bool, fmt: str) -> None:
    answer = wrapper(endpoint, query, fmt).query()
    if fmt == JSON:
        assert answer.convert()["boolean"] is expected
    else:
        assert answer.convert().getElementsByTagName("boolean")[0].firstChild.data == str(expected).lower()
    assert store.query(query).boolean is expected


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_construct(endpoint: str, store: Store, fmt: str, method: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser
        answer = wrapper(endpoint, CONSTRUCT, fmt, method).queryAndConvert()
        if not isinstance(answer, rdflib.Graph):  # SPARQLWrapper hands Turtle and N3 back as bytes
            answer = rdflib.Graph().parse(data=answer, format="turtle")
    expected = expected_graph(store, CONSTRUCT)
    assert len(expected) > 10
    assert isomorphic(answer, expected)


@pytest.fixture
def sparql_store(endpoint: str) -> Iterator[rdflib.Graph]:
    graph = rdflib.Graph(store="SPARQLStore")
    graph.open(endpoint)
    yield graph
    graph.close()


def test_rdflib_sparqlstore_select(sparql_store: rdflib.Graph, store: Store) -> None:
    rows = [tuple(None if v is None else str(v) for v in row) for row in sparql_store.query(SELECT)]
    assert rows == store.query(SELECT).values()


def test_rdflib_sparqlstore_ask(sparql_store: rdflib.Graph) -> None:
    assert sparql_store.query(ASK_TRUE).askAnswer is True
    assert sparql_store.query(ASK_FALSE).askAnswer is False


def test_rdflib_sparqlstore_construct(sparql_store: rdflib.Graph, store: Store) -> None:
    answer = sparql_store.query(CONSTRUCT).graph
    assert isomorphic(answer, expected_graph(store, CONSTRUCT))


def test_rdflib_sparqlstore_triples(sparql_store: rdflib.Graph, store: Store) -> None:
    cp = rdflib.Namespace("https://w3id.org/claimprov#")
    attributions = set(sparql_store.subjects(rdflib.RDF.type, cp.Attribution))
    expected = store.query("SELECT DISTINCT ?a WHERE { ?a a <https://w3id.org/claimprov#Attribution> }")
    assert {str(a) for a in attributions} == set(expected.column("a"))


def test_rdflib_sparqlstore_cannot_write(sparql_store: rdflib.Graph) -> None:
    with pytest.raises(TypeError):
        sparql_store.add((rdflib.URIRef("urn:a"), rdflib.URIRef("urn:b"), rdflib.URIRef("urn:c")))


# ------------------------------------------------------------------ named queries equal `kg query --name`


@pytest.mark.parametrize(("name", "params"), [
    ("quoted_via_outlet", {"outlet": "CNN"}),
    ("quoted_via_outlet", {}),
    ("anonymous_statements", {"article": "000_fee7a79d059e0f4e"}),
    ("republication_chain", {}),
])
@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_named_query_equals_kg_query(served_examples, audited_examples_path: Path, name: str,  # type: ignore[no-untyped-def]
                                     params: dict[str, str], fmt: str) -> None:
    from urllib.parse import urlencode

    status, _, body = served_examples.request("GET", f"/query/{name}?" + urlencode({**params, "format": fmt}))
    assert status == 200, body
    args = ["query", "--name", name, "--format", fmt, "--store", str(audited_examples_path)]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    cli = CliRunner().invoke(app, args)
    assert cli.exit_code == 0, cli.output
    if fmt == "json":
        assert json.loads(body) == json.loads(cli.stdout)
    else:
        # Same rows, same order; line ends aside (the W3C CSV format ends lines with CRLF).
        assert body.decode("utf-8").splitlines() == cli.stdout.strip("\n").splitlines()
    assert len(body.decode("utf-8").strip().splitlines()) > (1 if fmt != "json" else 0)


def test_named_query_values_are_bound_not_pasted(served_examples) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import urlencode

    hostile = 'CNN")) } } SELECT * WHERE { ?s ?p ?o } #'
    status, _, body = served_examples.request("GET", "/query/quoted_via_outlet?" + urlencode(
        {"outlet": hostile, "format": "json"}))
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []


def test_named_query_errors(served_examples) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served_examples.request("GET", "/query/no_such_query?format=json")
    assert status == 404 and b"quoted_via_outlet" in body  # the miss lists the names
    status, _, body = served_examples.request("GET", "/query/quoted_via_outlet?format=json&bad-name=1")
    assert status == 400 and b"bad-name" in body
