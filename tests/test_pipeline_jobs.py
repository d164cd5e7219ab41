"""Every core by default, the same answer whatever the number of processes, and a streamed corpus."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg import pipeline
from kg.cli import app
from kg.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def test_the_default_is_every_core_this_process_may_use() -> None:
    assert pipeline.default_jobs() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_help_says_all_cores(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "default: all cores" in " ".join(result.stdout.split())


def _fake_batch(articles: list[Article]) -> Iterator[Article]:
    yield from articles  # runs in the forked workers: no model, only the plumbing


def test_the_corpus_is_streamed_with_a_bounded_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract import extractor as xp
    from kg.extract import nlp

    monkeypatch.setattr(xp, "_batch", _fake_batch)
    monkeypatch.setattr(nlp, "model", lambda lang: None)
    pulled = 0

    def corpus() -> Iterator[Article]:
        nonlocal pulled
        for k in range(2000):
            pulled += 1
            yield Article(id=f"a{k}", text="Le ministre a parlé.", lang="fr")

    ahead = []
    out: list[Any] = []
    for x in pipeline.extract_stream(corpus(), jobs=2):
        out.append(x)
        ahead.append(pulled - len(out))
    assert [a.id for a in out] == [f"a{k}" for k in range(2000)]  # input order kept
    # Never more than the tasks in flight (plus the chunk being cut) is held, whatever the corpus size.
    assert max(ahead) <= pipeline.CHUNK * (pipeline.IN_FLIGHT * 2 + 1)


@pytest.mark.slow
def test_one_or_two_processes_give_the_same_extraction_and_store(runner: CliRunner, tmp_path: Path) -> None:
    answers, exports = [], []
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["extract", str(EXAMPLES), "--format", "json", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        answers.append(json.loads(result.stdout))
        store = tmp_path / f"st{jobs}"
        result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        assert "articles/s" in result.stderr
        result = runner.invoke(app, ["export", "--format", "nquads", "--store", str(store)])
        assert result.exit_code == 0, result.output
        exports.append(result.stdout)
    assert answers[0] == answers[1] and len(answers[0]) > 1
    assert exports[0] == exports[1] and exports[0]
