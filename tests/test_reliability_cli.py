"""The command line under failure: limits, skipped inputs, and what the user is told."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

GOOD = "Le ministre a déclaré que la situation était sous contrôle, selon l'AFP."


def test_max_article_size_is_an_option_and_the_message_names_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gros.txt").write_text(GOOD * 3, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "gros.txt"), "--max-article-size", "100"])
    assert result.exit_code == 1
    assert "article too large (" in result.stderr and "raise it with --max-article-size" in result.stderr
    result = runner.invoke(app, ["ingest", str(tmp_path / "gros.txt"), "--max-article-size", "100",
                                 "--store", str(tmp_path / "st")])
    assert result.exit_code == 1 and "skipped: " in result.stdout and "--max-article-size" in result.stdout
    for command in ("ingest", "extract"):
        assert "--max-article-size" in runner.invoke(app, [command, "--help"]).stdout
