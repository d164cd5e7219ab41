"""`kg demo`, `kg link`, `kg audit` and `kg view` on the example articles, through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
POINTS_ELSEWHERE = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """`kg demo examples/articles` once: the store, the site folder and what it printed."""
    root = tmp_path_factory.mktemp("demo")
    store, out = root / "store", root / "site"
    result = CliRunner().invoke(app, ["demo", str(ROOT / "examples" / "articles"), "--store", str(store),
                                      "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return store, out, result.stdout


def _audit(runner: CliRunner, store: Path) -> list[dict]:
    result = runner.invoke(app, ["audit", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_demo_writes_a_linked_offline_site(demo: tuple[Path, Path, str]) -> None:
    _, out, printed = demo
    index = (out / "index.html").read_text(encoding="utf-8")
    pages = sorted((out / "claims").glob("*.html"))
    assert (out / "outlets.html").exists() and pages
    for page in pages:
        assert f'claims/{page.name}' in index
    for page in [out / "index.html", out / "outlets.html", *pages]:
        assert not POINTS_ELSEWHERE.search(page.read_text(encoding="utf-8")), page
    assert "single" in printed.lower() and "Al-Monitor" in printed


def test_audit_finds_the_single_anonymous_source_behind_six_outlets(runner: CliRunner,
                                                                   demo: tuple[Path, Path, str]) -> None:
    claims = _audit(runner, demo[0])
    pentagon = [c for c in claims if set(c["articles"]) == {"000_fee7a79d059e0f4e", "001_282cfb784bc3f909"}]
    assert len(pentagon) >= 4
    for claim in pentagon:
        assert claim["single_source"] is True and claim["independent_sources"] == 1
        assert {"Al-Monitor", "South Front", "MIRASTNEWS", "The Cradle", "Aube Digitale",
                "Réseau International"} <= set(claim["outlets"])
        (root,) = claim["root_sources"]
        assert root["anonymous"] is True and root["first_reported_by"] == "Al-Monitor"
    wagner = [c for c in claims if set(c["articles"]) == {"002_095f39fa1b858fcf", "003_9168ca618f93b0e1"}]
    assert wagner and all(c["single_source"] is False for c in wagner)


def test_audit_formats(runner: CliRunner, demo: tuple[Path, Path, str]) -> None:
    store = str(demo[0])
    md = runner.invoke(app, ["audit", "--format", "markdown", "--store", store])
    assert md.exit_code == 0 and md.stdout.lstrip().startswith(("|", "#"))
    table = runner.invoke(app, ["audit", "--store", store], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Al-Monitor" in table.stdout


def test_link_reports_what_it_linked(runner: CliRunner, demo: tuple[Path, Path, str]) -> None:
    result = runner.invoke(app, ["link", "--store", str(demo[0]), "--method", "char"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ statements, \d+ claims, [1-9]\d* across several articles", result.stdout)


def test_view_commands_write_pages(runner: CliRunner, demo: tuple[Path, Path, str], tmp_path: Path) -> None:
    store = str(demo[0])
    claim_id = _audit(runner, demo[0])[0]["id"]
    for args, name in [(["claim", claim_id], "c.html"), (["outlets"], "o.html"),
                       (["article", "000_fee7a79d059e0f4e"], "a.html")]:
        out = tmp_path / name
        result = runner.invoke(app, ["view", *args, "-o", str(out), "--store", store])
        assert result.exit_code == 0, result.output
        html = out.read_text(encoding="utf-8")
        assert "<html" in html.lower() and not POINTS_ELSEWHERE.search(html)
    assert "Al-Monitor" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_unknown_claim_and_article_are_one_line_errors(runner: CliRunner, demo: tuple[Path, Path, str],
                                                        tmp_path: Path) -> None:
    store = str(demo[0])
    for args in (["claim", "nope"], ["article", "nope"]):
        result = runner.invoke(app, ["view", *args, "-o", str(tmp_path / "x.html"), "--store", store])
        assert result.exit_code == 1
        assert result.stderr.startswith("error: ") and "Traceback" not in result.output
        assert "nope" in result.stderr


def test_audit_on_a_missing_store_says_so(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "no store" in result.stderr
