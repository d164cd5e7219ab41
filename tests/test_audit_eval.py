"""The audit on real stories: the development corpus's claims, scored by the evaluation kit's scorer.

../shared/eval/dev holds 41 third-party pages in 10 stories (read from there, never copied
here). The floors are today's figures: how many reference claims one audit claim links
across their articles, and how many of those carry the reference's single-source verdict.
Many claims are not linked because the extractor finds no statement at one of their
articles (the scorer needs a statement matching the reference quote there).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.audit import audit_json, run_audit
from kg.pipeline import ingest_paths
from kg.store import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
PARTS = ("a", "b", "c")
# (linked, single-source flag right) per part, out of 13, 14 and 12 reference claims
FLOORS = {"a": (7, 7), "b": (9, 7), "c": (4, 4)}
STORIES = {"a": (1, 6, 10, 14), "b": (1, 5, 9, 12, 15), "c": (1, 6, 11, 15)}  # first article of each story


def _story(article: str) -> str:
    part, n = article[0], int(article[2:])
    return part + str(sum(n >= first for first in STORIES[part]))


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    if not (EVAL / "score.py").exists() or not all((EVAL / "dev" / p / "gold.yaml").exists() for p in PARTS):
        pytest.skip(f"the development corpus is not at {EVAL / 'dev'}")
    folder = tmp_path_factory.mktemp("dev")
    # The kit's own converter: JSON Lines with each page's date and language from its header.
    lines = subprocess.run([sys.executable, str(EVAL / "dev" / "jsonl.py"), *PARTS], cwd=EVAL / "dev",
                           check=True, capture_output=True, text=True).stdout
    (folder / "dev.jsonl").write_text(lines, encoding="utf-8")
    store = open_store(folder / "store")
    try:
        ingest_paths([folder / "dev.jsonl"], store, jobs=1)
        return audit_json(run_audit(store, min_articles=2, cache=False))
    finally:
        store.close()


def _scorer():
    spec = importlib.util.spec_from_file_location("kg_eval_score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("part", PARTS)
def test_claims_linked_and_flagged(audit: list[dict], part: str, tmp_path: Path) -> None:
    gold = yaml.safe_load((EVAL / "dev" / part / "gold.yaml").read_text(encoding="utf-8"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _scorer().score(gold, {}, audit, False)
    found = re.search(r"claims linked: (\d+)/\d+\s+single-source flag right: (\d+)/", out.getvalue())
    assert found, out.getvalue()
    linked, right = int(found[1]), int(found[2])
    (tmp_path / "audit.json").write_text(json.dumps(audit, ensure_ascii=False), encoding="utf-8")
    assert (linked, right) >= FLOORS[part] and linked >= FLOORS[part][0] and right >= FLOORS[part][1], \
        out.getvalue()


def test_no_claim_mixes_two_stories(audit: list[dict]) -> None:
    mixed = [c["articles"] for c in audit if len({_story(a) for a in c["articles"]}) > 1]
    assert not mixed
