"""`kg export` and `kg stats` over a store on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld"),
])
def test_export_to_stdout_parses(runner: CliRunner, store_dir: Path, fmt: str, rdflib_format: str) -> None:
    result = runner.invoke(app, ["export", "--format", fmt, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=result.stdout, format=rdflib_format)
    assert (None, rdflib.DCTERMS.identifier, rdflib.Literal("000_fee7a79d059e0f4e")) in ds


def test_export_to_a_file(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.trig"
    result = runner.invoke(app, ["export", "-o", str(out), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_bytes().startswith(b"@prefix")
    assert "wrote" in result.stderr


def test_export_without_a_store_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no store at") and result.stderr.count("\n") == 1


def test_stats_as_json(runner: CliRunner, store_dir: Path) -> None:
    result = runner.invoke(app, ["stats", "--format", "json", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles"] == 1 and stats["attributions"] == 4 and stats["triples"] > 0


def test_stats_as_a_table(runner: CliRunner, store_dir: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    for word in ("triples", "articles", "attributions", "speakers", "outlets"):
        assert word in result.stdout
