"""Main text of real web pages: kg's HTML reader beside the previous one, in one run.

The pages are trafilatura's public evaluation set (../shared/eval/html/, see its
README): for each page, snippets that belong to the main text (`with`) and
snippets of page furniture that must not appear (`without`). They are unpacked
into a temporary folder for the run and never kept in the repository. Scoring
is the one of trafilatura's own evaluate.py: whitespace-normalised substring
matching; a `with` snippet found is a true positive and missed a false negative,
a `without` snippet found is a false positive.

Both readers get the same decoded markup (kg's own decoding, outside the timed
part) and are timed on `extract_html` alone. The previous reader is
`kg/ingest/html.py` at the given git revision, loaded into a temporary module.

    python bench/bench_html.py [--baseline-rev c4c7893] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "eval" / "html" / "trafilatura-eval.tgz"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    empty: int = 0

    def add(self, item: dict, text: str) -> None:
        found = _norm(text)
        tp = sum(1 for s in item["with"] if _norm(s) in found)
        fp = sum(1 for s in item["without"] if _norm(s) in found)
        self.tp += tp
        self.fn += len(item["with"]) - tp
        self.fp += fp
        self.tn += len(item["without"]) - fp
        self.empty += not text.strip()

    def figures(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        return {
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "with_found": self.tp, "with_missed": self.fn, "without_leaked": self.fp, "without_dropped": self.tn,
            "empty_pages": self.empty, "pages_per_s": round(self.pages / self.seconds, 1) if self.seconds else 0.0,
        }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def previous_reader(rev: str) -> types.ModuleType:
    """`kg/ingest/html.py` as it was at `rev`, as a module of its own (never written to the repo)."""
    source = subprocess.run(
        ["git", "show", f"{rev}:kg/ingest/html.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType(f"kg_html_{rev}")
    module.__file__ = f"<git {rev}:kg/ingest/html.py>"
    sys.modules[module.__name__] = module  # dataclasses look their module up by name
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def pages(folder: Path, limit: int | None) -> list[tuple[dict, str]]:
    """(annotation, decoded markup) per page, decoded as kg decodes an .html file."""
    from kg.ingest.decode import Unusable, decode

    data = json.loads((folder / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    out: list[tuple[dict, str]] = []
    undecodable = 0
    for item in data.values():
        path = next((p for p in (folder / "tests" / d / item["file"] for d in ("cache", "eval")) if p.is_file()), None)
        if path is None:
            continue
        try:
            markup = decode(path.read_bytes(), html=True).replace("\r\n", "\n")
        except Unusable:
            undecodable += 1
            markup = ""  # scored as a page with nothing found, for both readers
        out.append((item, markup))
        if limit and len(out) >= limit:
            break
    if undecodable:
        print(f"({undecodable} pages kg cannot decode: scored as empty for both readers)")
    return out


def run(reader: Callable[[str], str], corpus: list[tuple[dict, str]]) -> Score:
    score = Score()
    for item, markup in corpus:
        text = ""
        start = time.perf_counter()
        try:
            text = reader(markup) if markup else ""
        except Exception as err:  # a crash is a page with nothing found, as in evaluate.py
            print(f"  error on {item['file']}: {type(err).__name__}: {err}")
        score.seconds += time.perf_counter() - start
        score.pages += 1
        score.add(item, text)
    return score


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--baseline-rev", default="c4c7893")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (a quick look)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "html.json")
    args = ap.parse_args()
    if not args.archive.is_file():
        print(f"skipped: {args.archive} is absent (trafilatura's evaluation pages live in ../shared/eval/html/)")
        return 0

    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every discarded page
    from kg.ingest.html import extract_html

    old = previous_reader(args.baseline_rev)
    with tempfile.TemporaryDirectory(prefix="kg-bench-html-") as tmp:
        with tarfile.open(args.archive) as tar:
            tar.extractall(tmp, filter="data")
        corpus = pages(Path(tmp), args.limit)
    print(f"{len(corpus)} pages")
    extract_html("<html><body><p>Échauffement.</p></body></html>")  # lazy imports out of the timing
    old.extract_html("<p>Échauffement.</p>")

    new_score = run(lambda m: extract_html(m).text, corpus)
    old_score = run(lambda m: old.extract_html(m).text, corpus)
    new, prev = new_score.figures(), old_score.figures()
    result = {
        "pages": len(corpus),
        "new": new,
        f"previous_{args.baseline_rev}": prev,
        "f1_ratio": round(new["f1"] / prev["f1"], 3) if prev["f1"] else None,
        "speed_ratio": round(new["pages_per_s"] / prev["pages_per_s"], 3) if prev["pages_per_s"] else None,
        "target_f1": 0.90,
    }
    print(f"{'reader':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'pages/s':>9}{'empty':>7}")
    for name, fig in (("new (trafilatura)", new), (f"previous ({args.baseline_rev})", prev)):
        print(f"{name:<22}{fig['precision']:>10.3f}{fig['recall']:>8.3f}{fig['f1']:>7.3f}"
              f"{fig['pages_per_s']:>9.1f}{fig['empty_pages']:>7}")
    print(f"F1 ratio new/previous: {result['f1_ratio']}; speed ratio: {result['speed_ratio']}"
          f" (target F1 >= 0.90: {'met' if new['f1'] >= 0.90 else 'NOT met'})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
