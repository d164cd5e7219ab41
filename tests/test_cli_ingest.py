"""`kg ingest`: articles into the store, a summary, exit 1 when something was skipped."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

if TYPE_CHECKING:
    from conftest import BadInputs

pytestmark = pytest.mark.slow  # runs the extractor

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _summary(stdout: str) -> dict[str, str]:
    """The summary table's rows as {label: count}."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃|").split("│") if c.strip()]
        if len(cells) == 2 and cells[1].isdigit():
            rows[cells[0]] = cells[1]
    return rows


def test_ingest_then_reingest_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    store = tmp_path / "kg-store"
    first = runner.invoke(app, ["ingest", str(articles), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert _summary(first.stdout)["articles added"] == "4"
    second = runner.invoke(app, ["ingest", str(articles), "--store", str(store)])
    assert second.exit_code == 0, second.output
    s1, s2 = _summary(first.stdout), _summary(second.stdout)
    assert s2["articles unchanged"] == "4" and s2["articles added"] == "0" and s2["articles replaced"] == "0"
    assert s1["triples in store"] == s2["triples in store"]


def test_store_comes_from_the_environment_when_not_given(runner: CliRunner, tmp_path: Path,
                                                         bad_inputs: BadInputs) -> None:
    store = tmp_path / "from-env"
    result = runner.invoke(app, ["ingest", str(bad_inputs.good)], env={"KG_STORE": str(store)})
    assert result.exit_code == 0, result.output
    with open_store(store, create=False) as st:
        assert st.stats()["articles"] == 1


def test_skipped_files_are_listed_and_exit_1_but_the_rest_is_ingested(
    runner: CliRunner, tmp_path: Path, bad_inputs: BadInputs
) -> None:
    store = tmp_path / "kg-store"
    result = runner.invoke(app, ["ingest", str(bad_inputs.folder), "--store", str(store)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    summary = _summary(result.stdout)
    assert summary["articles added"] == "2"  # the good file and the good JSONL line
    assert summary["files skipped"] == str(len(bad_inputs.expected))
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == len(bad_inputs.expected)
    for name, words in bad_inputs.expected.items():
        assert any(name in line and words in line for line in skipped), (name, skipped)
    with open_store(store, create=False) as st:
        assert st.stats()["articles"] == 2


def test_a_store_path_that_is_a_file_is_one_error_line(runner: CliRunner, tmp_path: Path,
                                                       bad_inputs: BadInputs) -> None:
    not_a_store = tmp_path / "file"
    not_a_store.write_text("x")
    result = runner.invoke(app, ["ingest", str(bad_inputs.good), "--store", str(not_a_store)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_jobs_must_be_positive(runner: CliRunner, bad_inputs: BadInputs, tmp_path: Path) -> None:
    args = ["ingest", str(bad_inputs.good), "--jobs", "0", "--store", str(tmp_path / "s")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
