"""Extraction throughput beside spaCy's own parsing throughput, measured in one run.

The floor of `kg extract` is the language model. This benchmark times, on the
same ~700-word French articles:

- baseline: `nlp.pipe` of the full `fr_core_news_md` pipeline (with its parser),
- kg: `kg.extract.extract_all` (model without the parser + every rule, resolution
  and output), on one process and on `--jobs 2`.

It prints articles per second for each and the ratio kg / baseline (the target is
>= 0.75: rules may cost at most a third on top of parsing). Machines here are
noisy, so only ratios measured in the same run mean anything.

    python bench/bench_extract.py [--articles 120] [--words 700]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from kg.extract import extract_all, nlp
from kg.ingest import read_paths
from kg.model import Article

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int, words: int, seed: int = 7) -> list[Article]:
    """n articles of about `words` words, stitched from real paragraphs."""
    sources = [ROOT / "examples" / "articles", ROOT / "tests" / "data" / "articles" / "fr"]
    paragraphs: list[str] = []
    for item in read_paths([p for p in sources if p.exists()]):
        if isinstance(item, Article) and (item.lang or "fr") == "fr":
            paragraphs += [p for p in item.text.split("\n") if len(p.split()) > 15]
    rng = random.Random(seed)
    out = []
    for k in range(n):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(paragraphs))
        out.append(Article(id=f"bench-{k}", text="Titre\n" + "\n\n".join(body), lang="fr"))
    return out


def rate(fn, n: int) -> float:
    t = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--words", type=int, default=700)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "extract.json")
    args = ap.parse_args()
    arts = corpus(args.articles, args.words)
    n_words = sum(len(a.text.split()) for a in arts)

    import spacy

    full = spacy.load(nlp.MODELS["fr"])
    list(full.pipe([a.text for a in arts[:4]]))  # warm up
    nlp.model("fr")
    list(extract_all(arts[:4]))

    base = rate(lambda: list(full.pipe([a.text for a in arts], batch_size=16)), len(arts))
    ours = rate(lambda: list(extract_all(arts, jobs=1)), len(arts))
    t = time.perf_counter()
    list(extract_all(arts, jobs=2))
    two = len(arts) / (time.perf_counter() - t)  # includes loading the model in each worker
    result = {
        "articles": len(arts),
        "words_per_article": round(n_words / len(arts)),
        "baseline_spacy_pipe_articles_per_s": round(base, 2),
        "baseline_words_per_s": round(base * n_words / len(arts)),
        "kg_extract_articles_per_s": round(ours, 2),
        "kg_extract_jobs2_articles_per_s": round(two, 2),
        "ratio_kg_over_baseline": round(ours / base, 3),
        "speedup_jobs2_over_jobs1": round(two / ours, 3),
    }
    print(json.dumps(result, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
