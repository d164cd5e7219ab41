"""The extractor against careful human readings, scored by the evaluation kit's scorer.

Three sets: the four seed articles (../shared/seeds), and the held-out French and
English articles of tests/data, written apart from the extractor. The floors are
below today's figures so that a regression fails while noise does not.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest
import yaml

from kg.contract import extraction_json
from kg.extract import extract_all
from kg.ingest import read_paths
from kg.model import Article

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = [
    ("seeds", ROOT / "examples" / "articles", ROOT.parent / "shared" / "seeds" / "gold.yaml", 0.95),
    ("fr", ROOT / "tests" / "data" / "articles" / "fr", ROOT / "tests" / "data" / "gold_fr.yaml", 0.90),
    ("en", ROOT / "tests" / "data" / "articles" / "en", ROOT / "tests" / "data" / "gold_en.yaml", 0.85),
    ("fr2", ROOT / "tests" / "data" / "articles" / "fr2", ROOT / "tests" / "data" / "gold_fr2.yaml", 0.83),
    ("en2", ROOT / "tests" / "data" / "articles" / "en2", ROOT / "tests" / "data" / "gold_en2.yaml", 0.80),
]


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"the evaluation kit's scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("kg_eval_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "folder", "gold_path", "floor"), SETS, ids=[s[0] for s in SETS])
def test_attribution_f1_floor(name: str, folder: Path, gold_path: Path, floor: float, tmp_path: Path) -> None:
    if not gold_path.exists():
        pytest.skip(f"no reading at {gold_path}")
    score = _scorer()
    articles = [a for a in read_paths([folder]) if isinstance(a, Article)]
    predictions = [extraction_json(x) for x in extract_all(articles)]
    out = tmp_path / "extracted.json"
    out.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        f1 = score.score(gold, score.load_predictions(str(out)), None, verbose=True)
    assert f1 >= floor, report.getvalue()
    lines = report.getvalue().splitlines()
    publisher = next(line for line in lines if line.startswith("publisher right"))
    right, total = (int(x) for x in publisher.split()[2].split("/"))
    assert right >= total - 1, report.getvalue()  # at most one page without its outlet's name


def test_every_span_slices_back() -> None:
    folders = [s[1] for s in SETS]
    articles = [a for a in read_paths([f for f in folders if f.exists()]) if isinstance(a, Article)]
    for x in extract_all(articles):
        for a in x.attributions:
            assert x.article.text[a.quote.start:a.quote.end] == a.quote.text
            assert a.quote.text.strip(), (x.article.id, a)
            assert a.speaker.name.strip() and a.speaker.name.lower() not in {"il", "elle", "-il", "qui", "he", "she"}
        for u in x.unattributed:
            assert x.article.text[u.span.start:u.span.end] == u.span.text
