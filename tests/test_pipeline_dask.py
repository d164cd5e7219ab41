"""Extraction on a Dask cluster: one pure function over partitions, one writer, the same store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

pytest.importorskip("distributed", reason="Dask's distributed package is not installed (part of the test extra)")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.mark.slow
def test_extract_partition_is_the_local_extraction() -> None:
    from kg.extract import extract_all
    from kg.pipeline import extract_partition, read_articles

    articles, _ = read_articles([EXAMPLES])
    assert extract_partition(articles) == list(extract_all(articles, jobs=1))
    assert extract_partition([]) == []


@pytest.mark.slow
def test_ingest_on_a_local_dask_cluster_gives_the_same_store(runner: CliRunner, tmp_path: Path) -> None:
    exports = []
    for name, args in (("local", ["--jobs", "1"]), ("dask", ["--engine", "dask", "--jobs", "2"])):
        store = str(tmp_path / name)
        result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", store, *args])
        assert result.exit_code == 0, result.output
        result = runner.invoke(app, ["export", "--format", "nquads", "--store", store])
        assert result.exit_code == 0, result.output
        exports.append(result.stdout)
    assert exports[0] == exports[1] and exports[0]


def test_a_scheduler_that_is_down_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text("Le ministre a déclaré que tout allait bien.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--store", str(tmp_path / "st"), "--engine", "dask",
                                 "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot reach the Dask scheduler" in errors[0], result.stderr
