"""Limits: peak memory against article size, and time against quote count, as ratios.

- Memory: one article of about 100 KB, 1 MB and 5 MB (French paragraphs from the
  bundled and test articles, shuffled), each ingested by `kg ingest` in a fresh
  process into a fresh store; peak resident memory and time of that process. The
  baseline is the smallest article: memory should stay about flat (windows), time
  grow in proportion to size.
- Quotes: one sentence holding 1,000, 10,000, then 40,000 quotes (`« mot », … a-t-il dit`),
  extracted in one process; time per quote count, the ratio against 1,000 quotes
  (10 for a linear rule, 100 for a quadratic one).

    python bench/bench_limits.py [--sizes 100000 1000000 5000000] [--quotes 1000 10000 40000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def article_text(size: int, seed: int = 7) -> str:
    from kg.ingest import read_paths
    from kg.model import Article

    sources = [ROOT / "examples" / "articles", ROOT / "tests" / "data" / "articles" / "fr"]
    paragraphs = [p for item in read_paths([s for s in sources if s.exists()])
                  if isinstance(item, Article) and (item.lang or "fr") == "fr"
                  for p in item.text.split("\n") if len(p.split()) > 15]
    rng = random.Random(seed)
    parts, n = ["Titre"], 0
    while n < size:
        p = rng.choice(paragraphs)
        parts.append(p)
        n += len(p.encode()) + 2
    return "\n\n".join(parts)


def measure_ingest(size: int) -> dict[str, float]:
    """`kg ingest` of one article of `size` bytes in a child process: its peak memory and time."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article-{size}.txt"
        path.write_text(article_text(size), encoding="utf-8")
        code = ("import resource, sys, time; from kg.cli import main; t = time.perf_counter()\n"
                "sys.argv = ['kg', 'ingest', sys.argv[1], '--store', sys.argv[2]]\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                "print('RESULT', time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                "file=sys.stderr)")
        done = subprocess.run([sys.executable, "-c", code, str(path), str(Path(tmp) / "store")],
                              capture_output=True, text=True, check=True)
        line = next(x for x in done.stderr.splitlines() if x.startswith("RESULT"))
        _, seconds, kb = line.split()
        return {"bytes": path.stat().st_size, "seconds": round(float(seconds), 1), "peak_mb": int(kb) // 1024}


def measure_quotes(counts: list[int]) -> list[dict[str, float]]:
    from kg.extract import extract, nlp
    from kg.model import Article

    nlp.model("fr")
    extract(Article(id="warm", text="Il a dit « oui ».", lang="fr"))  # first-call costs out of the figures
    out = []
    for n in counts:
        text = "Il a cité " + "« mot », " * n + "a-t-il dit.\n"
        t = time.perf_counter()
        extract(Article(id=f"q{n}", text=text, lang="fr"))
        out.append({"quotes": n, "seconds": round(time.perf_counter() - t, 2)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    ap.add_argument("--quotes", type=int, nargs="+", default=[1_000, 10_000, 40_000])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "limits.json")
    args = ap.parse_args()
    sizes = [measure_ingest(s) for s in args.sizes]
    base = sizes[0]
    for s in sizes:
        s["size_ratio"] = round(s["bytes"] / base["bytes"], 1)
        s["peak_ratio"] = round(s["peak_mb"] / base["peak_mb"], 2)
        s["time_ratio"] = round(s["seconds"] / base["seconds"], 1)
    quotes = measure_quotes(args.quotes)
    for q in quotes:
        q["count_ratio"] = round(q["quotes"] / quotes[0]["quotes"], 1)
        q["time_ratio"] = round(q["seconds"] / max(quotes[0]["seconds"], 1e-9), 1)
    result = {"ingest_by_size": sizes, "extract_by_quote_count": quotes,
              "peak_mb_of_this_process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
