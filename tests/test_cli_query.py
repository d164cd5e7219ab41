"""`kg query`: inline, --file or --name; bound parameters; W3C result formats; clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kg.cli import app


def run(runner: CliRunner, store: Path, *args: str) -> Result:
    return runner.invoke(app, ["query", *args, "--store", str(store)], env={"COLUMNS": "200"})


def test_named_query_as_csv(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "--name", "quoted_via_outlet", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["via"], r["speaker"]) for r in rows] == [("Al-Monitor", "un responsable du Pentagone")]


def test_param_is_bound_not_pasted(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "--name", "quoted_via_outlet", "--param", "outlet=CNN", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [b["via"]["value"] for b in doc["results"]["bindings"]] == ["CNN"]
    assert doc["results"]["bindings"][0]["outlet"] == {"type": "literal", "value": "CNN"}


def test_iri_param_is_bound_as_an_iri(runner: CliRunner, store_dir: Path) -> None:
    speaker = "https://w3id.org/claimprov/id/agent/oleg-gurinov"
    q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?speaker ?label WHERE { ?speaker rdfs:label ?label }")
    result = run(runner, store_dir, q, "--param", f"speaker={speaker}", "-f", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["?speaker\t?label", f'<{speaker}>\t"Oleg Gurinov"']


def test_query_from_a_file(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    q = tmp_path / "count.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a <http://www.w3.org/ns/prov#Attribution> }")
    result = run(runner, store_dir, "--file", str(q), "-f", "csv")
    assert result.stdout.splitlines() == ["n", "4"]


def test_a_file_name_given_as_the_query_points_to_file(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "queries/count.rq")
    assert result.exit_code == 1
    assert "--file queries/count.rq" in result.output
    assert "syntax" not in result.output


def test_table_is_the_default(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "--name", "republication_chain")
    assert result.exit_code == 0, result.output
    assert "South Front" in result.stdout and "MIRASTNEWS" in result.stdout
    assert "2 rows" in result.stdout


def test_ask_and_construct_in_a_table(runner: CliRunner, store_dir: Path) -> None:
    assert run(runner, store_dir, "ASK { ?s ?p ?o }").stdout == "true\n"
    q = "CONSTRUCT { ?s <urn:x:said> ?o } WHERE { ?s <http://www.w3.org/ns/oa#exact> ?o } LIMIT 1"
    result = run(runner, store_dir, q)
    assert result.exit_code == 0 and "subject" in result.stdout and "1 row" in result.stdout


def test_list_shows_every_packaged_query_with_its_description(runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "--list"])
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert {"anonymous_statements", "quoted_via_outlet", "republication_chain", "stats"} <= set(names)


# ------------------------------------------------------------------ errors: one line, no traceback


def assert_one_error_line(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_syntax_error_prints_the_parsers_message(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "SELEC ?x WHERE { ?x ?p ?o }")
    assert_one_error_line(result, "SPARQL syntax error", "error at 1:")


def test_unknown_query_name_lists_the_known_ones(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "--name", "anonymous")
    assert_one_error_line(result, "unknown query 'anonymous'", "anonymous_statements", "republication_chain")


def test_a_param_the_query_does_not_return_is_one_line(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "--name", "quoted_via_outlet", "--param", "outlt=CNN")
    assert_one_error_line(result, "?outlt")


@pytest.mark.parametrize("param", ["outlet", "bad name=x"])
def test_malformed_params_are_one_line(runner: CliRunner, store_dir: Path, param: str) -> None:
    assert_one_error_line(run(runner, store_dir, "--name", "stats", "--param", param), "bad query parameter")


def test_exactly_one_query_source(runner: CliRunner, store_dir: Path) -> None:
    assert_one_error_line(run(runner, store_dir), "exactly one query")
    assert_one_error_line(run(runner, store_dir, "ASK {}", "--name", "stats"), "exactly one query", "got 2")


def test_a_missing_store_is_not_created_by_a_query(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path / "none", "--name", "stats")
    assert_one_error_line(result, "no store at", "kg ingest")
    assert not (tmp_path / "none").exists()


def test_a_missing_query_file_is_a_usage_error(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    result = run(runner, store_dir, "--file", str(tmp_path / "absent.rq"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_debug_shows_the_exception(runner: CliRunner, store_dir: Path) -> None:
    result = runner.invoke(app, ["--debug", "query", "SELEC ?x", "--store", str(store_dir)])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "QueryError"


def test_unexpected_errors_are_one_line_too(runner: CliRunner, store_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr("kg.store.oxigraph.OxigraphStore.query", boom)
    result = run(runner, store_dir, "ASK {}")
    assert_one_error_line(result, "unexpected RuntimeError", "disk on fire second line", "--debug")
