"""Every command teaches itself: `--help` explains it and shows an example."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app

COMMANDS = ["ingest", "extract", "query", "export", "stats", "link", "audit", "demo"]


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert "--debug" in result.stdout
    assert "Example" in result.stdout


def test_no_arguments_shows_help_instead_of_failing_silently(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_has_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"kg {command}" in result.stdout


@pytest.mark.parametrize(("command", "formats"), [
    ("extract", ["json", "turtle", "trig"]),
    ("query", ["table", "json", "csv", "tsv"]),
    ("export", ["trig", "nquads", "turtle", "jsonld"]),
    ("audit", ["table", "json", "markdown"]),
])
def test_help_lists_the_valid_formats(runner: CliRunner, command: str, formats: list[str]) -> None:
    out = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    for fmt in formats:
        assert fmt in out


@pytest.mark.parametrize("view", ["claim", "outlets", "article"])
def test_each_view_help_has_an_example(runner: CliRunner, view: str) -> None:
    result = runner.invoke(app, ["view", view, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"kg view {view}" in result.stdout


def test_unknown_format_is_a_usage_error_naming_the_choices(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--format", "rdfxml"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "rdfxml" in result.stderr and "trig" in result.stderr
    assert "Traceback" not in result.output


def test_importing_the_cli_loads_no_language_model() -> None:
    # `kg --help` must be instant: spaCy and the extractor load only when a command needs them.
    code = ("import sys, kg.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
