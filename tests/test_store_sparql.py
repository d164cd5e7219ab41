"""A SPARQL 1.1 server as the store: Oxigraph server (PyPI `oxigraph`), started on 127.0.0.1 per test.

Every command gives the same answers on the server as on the embedded store; a re-ingest
leaves an unchanged article alone and replaces a changed one's graph; a server that is down
or answers an error is one `error:` line.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.store.sparql import SparqlStore, bind

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"  # installed by the test extra into this virtualenv
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Starts Oxigraph servers on free ports of 127.0.0.1, each on its own folder; all stopped at the end."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the Oxigraph server binary was not found (pip install oxigraph, part of the test extra)")
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> str:
        port = _free_port()
        folder = tmp_path / f"oxigraph-{port}"
        proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                 "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(proc)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {proc.stderr.read().decode(errors='replace')}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                raise RuntimeError("oxigraph serve did not answer within 60 s")
            time.sleep(0.1)

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# ---------------------------------------------------------------------- the same answers


@pytest.mark.slow
def test_every_command_answers_as_on_the_embedded_store(runner: CliRunner, tmp_path: Path,
                                                         oxigraph_server: Callable[[], str]) -> None:
    url = oxigraph_server()
    local = str(tmp_path / "kg-store")
    for store in (local, url):
        _ok(runner, "ingest", str(EXAMPLES), "--store", store, "--jobs", "1")
    # The very same quads, article graphs and packed copies for the audit included.
    assert _ok(runner, "export", "--format", "nquads", "--store", url) == \
        _ok(runner, "export", "--format", "nquads", "--store", local)
    assert json.loads(_ok(runner, "stats", "--format", "json", "--store", url)) == \
        json.loads(_ok(runner, "stats", "--format", "json", "--store", local))
    names = [line.split()[0] for line in _ok(runner, "query", "--list").splitlines() if line.strip()]
    assert "anonymous_statements" in names
    for name, params in [("anonymous_statements", []), ("republication_chain", []),
                         ("quoted_via_outlet", ["--param", "outlet=Al-Monitor"]),
                         ("anonymous_statements", ["--param", "article=000_fee7a79d059e0f4e"])]:
        answers = [json.loads(_ok(runner, "query", "--name", name, *params, "--format", "json", "--store", s))
                   for s in (local, url)]
        assert answers[0] == answers[1], name
    assert answers[0]["results"]["bindings"]  # the bound parameter selected something
    _ok(runner, "link", "--store", local)
    _ok(runner, "link", "--store", url)
    audits = [json.loads(_ok(runner, "audit", "--format", "json", "--min-articles", "1", "--store", s))
              for s in (local, url)]
    assert audits[0] == audits[1] and audits[0]
    assert _ok(runner, "export", "--format", "nquads", "--store", url) == \
        _ok(runner, "export", "--format", "nquads", "--store", local)


@pytest.mark.slow
def test_reingest_leaves_an_unchanged_article_and_replaces_a_changed_one(
        runner: CliRunner, tmp_path: Path, oxigraph_server: Callable[[], str]) -> None:
    url = oxigraph_server()
    article = tmp_path / "one.txt"
    article.write_text("« Nous ne céderons pas », a déclaré le ministre à l'AFP.\n", encoding="utf-8")
    other = tmp_path / "two.txt"
    other.write_text("Selon le porte-parole, la situation est calme.\n", encoding="utf-8")
    _ok(runner, "ingest", str(article), str(other), "--store", url, "--jobs", "1")
    before = _ok(runner, "export", "--format", "nquads", "--store", url)
    with SparqlStore(url) as store:
        assert store.stats()["articles"] == 2
    out = _ok(runner, "ingest", str(article), str(other), "--store", url, "--jobs", "1")
    assert re.search(r"articles unchanged\s*│\s*2\s*│", out) and re.search(r"articles added\s*│\s*0\s*│", out)
    assert _ok(runner, "export", "--format", "nquads", "--store", url) == before
    article.write_text("« Nous ne reculerons pas », a déclaré la ministre à Reuters.\n", encoding="utf-8")
    _ok(runner, "ingest", str(article), str(other), "--store", url, "--jobs", "1")
    after = _ok(runner, "export", "--format", "nquads", "--store", url)
    assert "reculerons" in after and "céderons" not in after  # the graph replaced, not added to
    assert "Reuters" in after and [ln for ln in before.splitlines() if "two" in ln and "porte-parole" in ln] \
        == [ln for ln in after.splitlines() if "two" in ln and "porte-parole" in ln]
    with SparqlStore(url) as store:
        assert store.stats()["articles"] == 2
        graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").column("g")
        assert len(graphs) == 2


# ---------------------------------------------------------------------- errors


def test_a_server_that_is_down_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/"
    article = tmp_path / "a.txt"
    article.write_text("Le ministre a déclaré que tout allait bien.\n", encoding="utf-8")
    for args in (["stats"], ["query", "ASK {}"], ["export"], ["ingest", str(article), "--jobs", "1"]):
        result = runner.invoke(app, [*args, "--store", url])
        assert result.exit_code == 1, args
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and f"cannot reach SPARQL server {url}" in errors[0], (args, result.stderr)
        assert "Traceback" not in result.output + result.stderr


def test_the_store_url_may_come_from_the_environment(runner: CliRunner) -> None:
    url = f"http://127.0.0.1:{_free_port()}/"
    result = runner.invoke(app, ["stats"], env={"KG_STORE": url})
    assert result.exit_code == 1 and f"cannot reach SPARQL server {url}" in result.stderr


def test_an_error_from_the_server_is_one_error_line(runner: CliRunner, oxigraph_server: Callable[[], str]) -> None:
    url = oxigraph_server()
    result = runner.invoke(app, ["stats", "--store", url + "no/such/path/"])
    assert result.exit_code == 1 and "HTTP 404" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with SparqlStore(url) as store, pytest.raises(QueryError, match="HTTP 400"):
        store.query("SELECT ?x WHERE { ?x <urn:p> ?y } GROUP BY")


# ---------------------------------------------------------------------- bound parameters


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?a WHERE { ?a ?p ?o }", 'SELECT ?a WHERE { VALUES (?o) { ("x } ; DROP ALL ; {") } ?a ?p ?o }'),
    ('PREFIX e: <http://e/x#>\n# a { comment <http://e/\nSELECT ?a WHERE { ?a e:p "{" }',
     'PREFIX e: <http://e/x#>\n# a { comment <http://e/\n'
     'SELECT ?a WHERE { VALUES (?o) { ("x } ; DROP ALL ; {") } ?a e:p "{" }'),
    ("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }",
     'CONSTRUCT { ?a ?p ?o } WHERE { VALUES (?o) { ("x } ; DROP ALL ; {") } ?a ?p ?o }'),
])
def test_bound_values_open_the_outer_group_and_stay_values(query: str, expected: str) -> None:
    assert " ".join(bind(query, {"o": '"x } ; DROP ALL ; {"'}).split()) == " ".join(expected.split())
