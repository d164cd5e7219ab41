"""`kg serve` under abuse: runaway queries, huge bodies, updates, SERVICE, origins, hosts.

The server here has tight limits (1.5 s, 5 rows, 1 MB bodies) and one allowed CORS origin.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.serve.endpoint import is_update, operation, uses_service
from kg.store.oxigraph import OxigraphStore

TIMEOUT = 1.5
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ALLOWED = "https://allowed.example"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def served(start_server, audited_examples_path: Path):  # type: ignore[no-untyped-def]
    return start_server(audited_examples_path, timeout=TIMEOUT, max_rows=5, max_body=1_000_000, workers=2,
                        cors=(ALLOWED,))


def count(served) -> str:  # type: ignore[no-untyped-def]
    status, _, body = served.request("GET", "/sparql?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
    assert status == 200
    return body.decode()


def test_a_runaway_query_is_stopped_and_the_server_keeps_answering(served) -> None:  # type: ignore[no-untyped-def]
    answer: dict[str, object] = {}

    def runaway() -> None:
        start = time.monotonic()
        answer["status"], _, answer["body"] = served.request("GET", "/sparql?" + urlencode({"query": CROSS_JOIN}))
        answer["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    # Meanwhile another client is answered at once, by the other worker.
    start = time.monotonic()
    status, _, body = served.request("GET", "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}))
    other = time.monotonic() - start
    assert status == 200 and b"true" in body
    assert thread.is_alive(), "the cross join should still be running"
    thread.join(60)
    assert answer["status"] == 503
    assert b"time limit" in answer["body"]  # type: ignore[operator]
    assert TIMEOUT <= answer["seconds"] < TIMEOUT + 5  # type: ignore[operator]
    assert other < 1.0
    # The killed worker is replaced: the server answers (and keeps answering) after it.
    for _ in range(4):
        assert count(served).startswith("n")


def test_runaway_pages_do_not_block_queries_either(served) -> None:  # type: ignore[no-untyped-def]
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(
        served.request("GET", "/sparql?" + urlencode({"query": CROSS_JOIN}))[0])) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert statuses == [503, 503]
    deadline = time.monotonic() + 60  # both workers were killed: wait for their replacements
    while True:
        status, _, _ = served.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}))
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 200


def test_rows_are_cut_at_the_limit_and_the_cut_is_said(served) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = served.request("GET", "/sparql?" + urlencode({"query": "SELECT * { ?s ?p ?o }"}),
                                           headers={"Accept": "text/csv"})
    assert status == 200
    assert len(body.decode().strip().splitlines()) == 1 + 5
    assert headers["x-sparql-maxrows"] == "5"
    status, headers, body = served.request("GET", "/sparql?" + urlencode({"query": "SELECT * { ?s ?p ?o } LIMIT 3"}))
    assert "x-sparql-maxrows" not in headers
    status, headers, body = served.request("GET", "/sparql?" + urlencode(
        {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}), headers={"Accept": "application/n-triples"})
    assert len(body.decode().strip().splitlines()) == 5 and headers["x-sparql-maxrows"] == "5"


@pytest.mark.parametrize("ctype", ["application/x-www-form-urlencoded", "application/sparql-query"])
def test_a_10_mb_body_is_refused(served, ctype: str) -> None:  # type: ignore[no-untyped-def]
    body = b"query=" + b"A" * 10_000_000 if "form" in ctype else b"#" * 10_000_000
    status, _, answer = served.request("POST", "/sparql", body, {"Content-Type": ctype})
    assert status == 413 and b"limit" in answer
    assert count(served).startswith("n")


STORE_CHANGES = [
    "INSERT DATA { GRAPH <urn:kg:evil> { <urn:a> <urn:b> <urn:c> } }",
    "DROP ALL",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
    "CLEAR DEFAULT",
    "PREFIX cp: <https://w3id.org/claimprov#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CREATE GRAPH <urn:kg:new>",
]


@pytest.mark.parametrize("update", STORE_CHANGES)
def test_updates_are_refused_and_leave_the_store_unchanged(served, audited_examples_path: Path,  # type: ignore[no-untyped-def]
                                                           update: str) -> None:
    before = count(served)
    with OxigraphStore.open_read_only(audited_examples_path) as st:
        triples = len(st)
    for method, path, body, headers in [
        ("GET", "/sparql?" + urlencode({"query": update}), None, {}),
        ("POST", "/sparql", urlencode({"query": update}).encode(), {"Content-Type": FORM}),
        ("POST", "/sparql", urlencode({"update": update}).encode(), {"Content-Type": FORM}),
        ("POST", "/sparql", update.encode(), {"Content-Type": "application/sparql-query"}),
        ("POST", "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
    ]:
        status, _, answer = served.request(method, path, body, headers)
        assert status == 403, (method, body)
        assert b"read-only" in answer
    assert count(served) == before
    with OxigraphStore.open_read_only(audited_examples_path) as st:
        assert len(st) == triples
        assert not st.query("ASK { GRAPH <urn:kg:evil> { ?s ?p ?o } }").boolean


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y \"a\" . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_is_refused(served, query: str) -> None:  # type: ignore[no-untyped-def]
    status, _, body = served.request("GET", "/sparql?" + urlencode({"query": query}))
    assert status == 403 and b"--allow-service" in body


@pytest.mark.parametrize(("text", "op", "service"), [
    ("SELECT * WHERE { ?s ?p ?o }", "select", False),
    ("PREFIX ex: <http://ex.org/ns#> BASE <http://b/> ASK { ?s ex:p ?o }", "ask", False),
    ("# INSERT DATA\nCONSTRUCT WHERE { ?s ?p ?o }", "construct", False),
    ("PREFIX : <http://x#> INSERT DATA { :a :b :c }", "insert", False),
    ("SELECT ?service WHERE { ?service <http://x/SERVICE> \"SERVICE\" } # SERVICE", "select", False),
    ("SELECT * WHERE { ?s ex:SERVICE ?o }", "select", False),
    ("SELECT * WHERE { ?s ?p ?o . SERVICE<http://x/>{ ?a ?b ?c } }", "select", True),
    ("SELECT * WHERE { ?s ?p \"unterminated SERVICE <http://x/> { }", "select", True),
    ("SELECT * WHERE { ?s ?p '''a\nb''' . SeRvIcE <http://x/> { } }", "select", True),
])
def test_the_query_text_is_read_as_sparql_tokens(text: str, op: str, service: bool) -> None:
    assert operation(text) == op
    assert uses_service(text) is service
    assert is_update(text) is (op == "insert")


def test_cors_is_off_but_for_the_allowed_origin(served) -> None:  # type: ignore[no-untyped-def]
    path = "/sparql?" + urlencode({"query": "ASK {}"})
    _, headers, _ = served.request("GET", path, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in headers
    _, headers, _ = served.request("GET", path, headers={"Origin": ALLOWED})
    assert headers["access-control-allow-origin"] == ALLOWED


def test_the_default_server_allows_no_origin(served_examples) -> None:  # type: ignore[no-untyped-def]
    _, headers, _ = served_examples.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}),
                                            headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in headers
    assert headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------ the command


def test_serve_warns_when_listening_beyond_this_machine(monkeypatch: pytest.MonkeyPatch,
                                                       audited_examples_path: Path) -> None:
    import kg.serve

    seen = []
    monkeypatch.setattr(kg.serve, "run", seen.append)
    runner = CliRunner()
    result = runner.invoke(app, ["serve", "--store", str(audited_examples_path), "--host", "0.0.0.0",
                                 "--port", "8123", "--timeout", "5", "--max-rows", "7"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.stderr
    config = seen[0]
    assert (config.host, config.port, config.timeout, config.max_rows) == ("0.0.0.0", 8123, 5.0, 7)
    result = runner.invoke(app, ["serve", "--store", str(audited_examples_path)])
    assert "warning" not in result.stderr
    assert seen[1].host == "127.0.0.1" and not seen[1].allow_service and not seen[1].cors


def test_serve_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no store at") and result.stderr.count("\n") == 1
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path), "--cors", "evil"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_serve_help_teaches() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for words in ("/sparql", "--timeout", "--max-rows", "--allow-service", "--cors", "127.0.0.1", "Example"):
        assert words in result.output
