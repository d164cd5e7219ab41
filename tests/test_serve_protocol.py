"""`kg serve`'s /sparql against the SPARQL 1.1 Protocol, case by case.

The cases are those of the W3C protocol test suite (rdf-tests, sparql11/protocol) that apply
to a read-only endpoint: query by GET, by URL-encoded POST and by direct POST; content types
for SELECT, ASK, CONSTRUCT and DESCRIBE; the dataset parameters; and the bad requests. The
suite's own data is not used: each case runs on the example articles, against `kg query`'s
answer on the same store.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import Store

ARTICLE_0 = "https://w3id.org/claimprov/id/graph/000_fee7a79d059e0f4e"
ARTICLE_1 = "https://w3id.org/claimprov/id/graph/001_282cfb784bc3f909"
SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
ATTRIBUTIONS = ("PREFIX cp: <https://w3id.org/claimprov#> PREFIX oa: <http://www.w3.org/ns/oa#> "
                "SELECT ?a ?quote WHERE { ?a a cp:Attribution ; cp:statement/oa:hasSelector/oa:exact ?quote } "
                "ORDER BY ?a ?quote")
CONSTRUCT = ("PREFIX cp: <https://w3id.org/claimprov#> PREFIX oa: <http://www.w3.org/ns/oa#> "
             "CONSTRUCT { ?a cp:cue ?cue ; oa:exact ?q } "
             "WHERE { ?a a cp:Attribution ; cp:cue ?cue ; cp:statement/oa:hasSelector/oa:exact ?q }")


@pytest.fixture(scope="module")
def store(served_store: Store) -> Store:
    return served_store


@pytest.fixture(scope="module")
def served(served_examples):  # type: ignore[no-untyped-def]
    return served_examples


def get(served, query: str, accept: str = "", **params: str):  # type: ignore[no-untyped-def]
    pairs = [("query", query), *params.items()]
    return served.request("GET", "/sparql?" + urlencode(pairs), headers={"Accept": accept} if accept else {})


def results(body: bytes) -> list[dict[str, str]]:
    document = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in document["results"]["bindings"]]


def test_the_cases_run_on_a_store_with_attributions(store: Store) -> None:
    assert len(store.query(ATTRIBUTIONS)) > 10
    assert int(store.query(COUNT).records()[0]["n"] or 0) > 1000


# ------------------------------------------------------------------ query_get, query_post_form, query_post_direct


def test_query_get(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(served, ATTRIBUTIONS)
    assert status == 200
    assert headers["content-type"].startswith(SPARQL_JSON)
    assert results(body) == store.query(ATTRIBUTIONS).records()


def test_query_post_form(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("POST", "/sparql", urlencode({"query": ATTRIBUTIONS}).encode(),
                                     {"Content-Type": FORM})
    assert status == 200
    assert results(body) == store.query(ATTRIBUTIONS).records()


def test_query_post_direct(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("POST", "/sparql", ATTRIBUTIONS.encode(),
                                     {"Content-Type": f"{DIRECT}; charset=UTF-8"})
    assert status == 200
    assert results(body) == store.query(ATTRIBUTIONS).records()


# ------------------------------------------------------------------ query_content_type_*


@pytest.mark.parametrize(("accept", "media"), [
    (SPARQL_JSON, SPARQL_JSON), (SPARQL_XML, SPARQL_XML), ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"), ("", SPARQL_JSON), ("*/*", SPARQL_JSON),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
])
def test_query_content_type_select(served, store: Store, accept: str, media: str) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(served, ATTRIBUTIONS, accept)
    assert status == 200, body
    assert headers["content-type"].split(";")[0] == media
    expected = store.query(ATTRIBUTIONS)
    if media == "text/csv":
        assert list(csv.DictReader(io.StringIO(body.decode("utf-8")))) == expected.records()
    elif media == SPARQL_XML:
        parsed = rdflib.query.Result.parse(io.BytesIO(body), format="xml")
        assert [(str(a), str(q)) for a, q in parsed] == expected.values()
    elif media == SPARQL_JSON:
        assert results(body) == expected.records()
    else:
        assert body.decode("utf-8").splitlines()[0] == "?a\t?quote"
        assert len(body.decode("utf-8").splitlines()) == len(expected) + 1


@pytest.mark.parametrize(("accept", "expected"), [
    (SPARQL_JSON, b'"boolean":true'), (SPARQL_XML, b"<boolean>true</boolean>"), ("text/csv", b"true"),
])
def test_query_content_type_ask(served, accept: str, expected: bytes) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(served, f"ASK {{ GRAPH <{ARTICLE_0}> {{ ?s ?p ?o }} }}", accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == accept
    assert expected in body
    _, _, body = get(served, "ASK { GRAPH <urn:kg:no-such-graph> { ?s ?p ?o } }", SPARQL_JSON)
    assert json.loads(body)["boolean"] is False


GRAPH_TYPES = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
               ("application/rdf+xml", "xml")]


def _expected_graph(store: Store, query: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=store.query(query).serialize("tsv").decode("utf-8"), format="nt")
    return g


@pytest.mark.parametrize(("accept", "rdflib_format"), GRAPH_TYPES)
def test_query_content_type_construct(served, store: Store, accept: str, rdflib_format: str) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(served, CONSTRUCT, accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == accept
    got = rdflib.Graph().parse(data=body, format=rdflib_format)
    expected = _expected_graph(store, CONSTRUCT)
    assert len(got) == len(expected) > 10
    assert isomorphic(got, expected)


@pytest.mark.parametrize(("accept", "rdflib_format"), GRAPH_TYPES)
def test_query_content_type_describe(served, store: Store, accept: str, rdflib_format: str) -> None:  # type: ignore[no-untyped-def]
    subject = store.query(ATTRIBUTIONS).records()[0]["a"]
    query = f"DESCRIBE <{subject}>"
    status, headers, body = get(served, query, accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == accept
    got = rdflib.Graph().parse(data=body, format=rdflib_format)
    assert isomorphic(got, _expected_graph(store, query))
    assert (rdflib.URIRef(subject), None, None) in got


def test_a_format_the_answer_cannot_take_is_406(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = get(served, CONSTRUCT, "text/csv")
    assert status == 406
    assert b"text/turtle" in body
    status, _, _ = get(served, ATTRIBUTIONS, "image/png")
    assert status == 406


def test_format_parameter_overrides_accept(served) -> None:  # type: ignore[no-untyped-def]
    status, headers, _ = get(served, ATTRIBUTIONS, SPARQL_JSON, format="csv")
    assert (status, headers["content-type"].split(";")[0]) == (200, "text/csv")
    status, headers, _ = get(served, CONSTRUCT, "", output="json-ld")
    assert (status, headers["content-type"].split(";")[0]) == (200, "application/ld+json")
    status, _, body = get(served, ATTRIBUTIONS, "", format="pdf")
    assert status == 400 and b"unknown format" in body


# ------------------------------------------------------------------ query_dataset_*


def _graphs_of(body: bytes) -> list[str]:
    return [r["g"] for r in results(body)]


def test_query_dataset_default_graphs_get(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    # default-graph-uri makes that graph the default one: no GRAPH needed, and nothing else seen.
    status, _, body = get(served, COUNT, SPARQL_JSON, **{"default-graph-uri": ARTICLE_0})
    assert status == 200
    expected = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ARTICLE_0}> {{ ?s ?p ?o }} }}").records()
    assert results(body) == expected
    assert results(body) != store.query(COUNT).records()


def test_query_dataset_default_graphs_post(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } }"
    form = urlencode([("query", distinct), ("default-graph-uri", ARTICLE_0), ("default-graph-uri", ARTICLE_1)])
    status, _, body = served.request("POST", "/sparql", form.encode(), {"Content-Type": FORM})
    assert status == 200
    both = store.query("SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?p ?o WHERE { "
                       f"VALUES ?g {{ <{ARTICLE_0}> <{ARTICLE_1}> }} GRAPH ?g {{ ?s ?p ?o }} }} }} }}").records()
    assert results(body) == both


def test_query_dataset_named_graphs_get(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("GET", "/sparql?" + urlencode(
        [("query", GRAPHS), ("named-graph-uri", ARTICLE_1), ("named-graph-uri", ARTICLE_0)]))
    assert status == 200
    assert _graphs_of(body) == [ARTICLE_0, ARTICLE_1]


def test_query_dataset_named_graphs_post_direct(served) -> None:  # type: ignore[no-untyped-def]
    # With a direct POST the dataset parameters travel in the URL.
    status, _, body = served.request("POST", "/sparql?" + urlencode({"named-graph-uri": ARTICLE_1}),
                                     GRAPHS.encode(), {"Content-Type": DIRECT})
    assert status == 200
    assert _graphs_of(body) == [ARTICLE_1]


def test_query_dataset_full(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o BIND(\"default\" AS ?g) } "
             "UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g ORDER BY ?g")
    status, _, body = served.request("GET", "/sparql?" + urlencode(
        [("query", query), ("default-graph-uri", ARTICLE_0), ("named-graph-uri", ARTICLE_1)]))
    assert status == 200
    counts = {r["g"]: int(r["n"]) for r in results(body)}
    size = {g: int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}").records()[0]["n"]
                   or 0) for g in (ARTICLE_0, ARTICLE_1)}
    assert counts == {"default": size[ARTICLE_0], ARTICLE_1: size[ARTICLE_1]}


def test_query_multiple_dataset(served) -> None:  # type: ignore[no-untyped-def]
    # The protocol's dataset replaces the one the query names with FROM NAMED.
    query = f"SELECT DISTINCT ?g FROM NAMED <{ARTICLE_0}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    _, _, body = served.request("GET", "/sparql?" + urlencode({"query": query}))
    assert _graphs_of(body) == [ARTICLE_0]
    _, _, body = served.request("GET", "/sparql?" + urlencode({"query": query, "named-graph-uri": ARTICLE_1}))
    assert _graphs_of(body) == [ARTICLE_1]


def test_without_a_dataset_the_default_graph_is_every_article(served, store: Store) -> None:  # type: ignore[no-untyped-def]
    _, _, body = get(served, COUNT)
    assert results(body) == store.query(COUNT).records()


def test_a_bad_graph_iri_is_400(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = get(served, COUNT, **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"default-graph-uri" in body


# ------------------------------------------------------------------ bad requests


def test_bad_query_method(served) -> None:  # type: ignore[no-untyped-def]
    for method in ("PUT", "DELETE", "PATCH"):
        status, _, _ = served.request(method, "/sparql?" + urlencode({"query": "ASK {}"}))
        assert status == 405


def test_bad_multiple_queries(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("query", "SELECT * {}")]))
    assert status == 400 and b"2 queries" in body
    status, _, _ = served.request("POST", "/sparql?" + urlencode({"query": "ASK {}"}), b"SELECT * {}",
                                  {"Content-Type": DIRECT})
    assert status == 400


def test_bad_query_wrong_media_type(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"})
    assert status == 415 and b"text/plain" in body


@pytest.mark.parametrize("body", [b"query=ASK%20%7B%7D", b"ASK {}"])
def test_bad_query_missing_form_or_direct_type(served, body: bytes) -> None:  # type: ignore[no-untyped-def]
    status, _, answer = served.request("POST", "/sparql", body, {})
    assert status == 400 and b"Content-Type" in answer


def test_bad_query_non_utf8(served) -> None:  # type: ignore[no-untyped-def]
    status, _, _ = served.request("POST", "/sparql", "ASK {}".encode("utf-16"),
                                  {"Content-Type": f"{DIRECT}; charset=UTF-16"})
    assert status == 415
    status, _, body = served.request("POST", "/sparql", "ASK { ?s ?p \"é\" }".encode("latin-1"),
                                     {"Content-Type": DIRECT})
    assert status == 400 and b"UTF-8" in body


def test_bad_query_syntax(served) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(served, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    # The parser's own message, with its position.
    assert body.decode().startswith("SPARQL syntax error: error at 1:")


def test_missing_query(served) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("POST", "/sparql", b"", {"Content-Type": FORM})
    assert status == 400 and b"missing query" in body
    status, _, _ = served.request("GET", "/sparql?" + urlencode({"default-graph-uri": ARTICLE_0}))
    assert status == 400


@pytest.mark.parametrize(("path", "body", "ctype"), [
    ("/sparql?" + urlencode({"update": "CLEAR ALL"}), None, None),
    ("/sparql", urlencode({"update": "DROP ALL"}).encode(), FORM),
    ("/sparql", b"DROP ALL", "application/sparql-update"),
])
def test_update_operations_are_refused(served, path: str, body: bytes | None, ctype: str | None) -> None:  # type: ignore[no-untyped-def]
    status, _, answer = served.request("POST" if body else "GET", path, body, {"Content-Type": ctype} if ctype else {})
    assert status == 403 and b"read-only" in answer


# ------------------------------------------------------------------ service description


def test_service_description(served) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = served.request("GET", "/sparql")
    assert status == 200
    assert headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = g.value(None, rdflib.RDF.type, sd.Service)
    assert service is not None
    assert g.value(service, sd.endpoint) == rdflib.URIRef(served.url + "/sparql")
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.feature, sd.UnionDefaultGraph) in g
    formats = {str(o) for o in g.objects(service, sd.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    status, headers, body = served.request("GET", "/sparql", headers={"Accept": "application/n-triples"})
    assert headers["content-type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=body, format="nt")) == len(g)
