"""Scale: extraction, ingest (embedded and server store), memory, store size, link and audit, by corpus size.

The corpus is tests/news_corpus.py: generated French and English news articles
(quotes, `selon`, anonymous sources, wire datelines, republication credits,
uncredited copies, claims repeated across outlets), written to JSONL. The
generator is a reproducible stream, so the first N articles of every size are
the same texts.

Ratios, measured on the same `--sample` texts (the first N articles), every
command in a fresh process as a user runs it, model loading included:

- extraction: `kg extract --format json` (all cores) against spaCy's full
  pipelines on the same texts, both cores (`nlp.pipe(texts, n_process=2)`,
  `fr_core_news_md` for the French texts, the English model kg uses for the
  English ones); target >= 1.0;
- ingest: `kg ingest` into the embedded store against extraction alone; target >= 0.85;
- remote: `kg ingest --store http://…` into an Oxigraph server on 127.0.0.1
  (the `oxigraph` binary of the test extra) against the embedded store; target >= 0.5.

Per size (all articles): `kg extract` and `kg ingest` articles/s and peak
memory of the process tree, polled every 0.2 s: `peak_mb` sums RSS, so the
model pages forked workers share count once per process (an upper bound),
`peak_pss_mb` sums PSS, which splits them (the real footprint)), the store's
size on disk and triples, `kg link` time, the first `kg audit` (computes and
keeps the audit), a second one (reads it back), and a cold `run_audit(ensure=False,
cache=False)` in a fresh process. Memory growth is each size's peak over the
previous size's. Targets: flat memory, under 2 GB at 100k; audit of 10M triples < 10 s cold.

Machines here are noisy and shared: compare ratios measured in one run.

    python bench/bench_scale.py [--sizes 1000 10000] [--sample 1000] [--link-method auto]
                                [--no-remote] [--remote-full] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the corpus generator lives beside the tests that use it

from news_corpus import write_jsonl  # noqa: E402

KG = [str(Path(sys.executable).parent / "kg")]  # the console script, as a user runs it

SPACY_BASELINE = """
import json, sys, time
t0 = time.perf_counter()
import spacy
from kg.extract.nlp import MODELS
texts = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        texts.setdefault(r.get("lang") or "fr", []).append(r["text"])
pipe = 0.0
for lang, group in sorted(texts.items()):
    nlp = spacy.load(MODELS[lang])  # the full pipeline, parser included
    t = time.perf_counter()
    for _ in nlp.pipe(group, n_process=2, batch_size=32):
        pass
    pipe += time.perf_counter() - t
print(json.dumps({"seconds": time.perf_counter() - t0, "pipe_seconds": pipe}))
"""

COLD_AUDIT = """
import json, sys, time
from kg.audit import run_audit
from kg.store import open_store
st = open_store(sys.argv[1], read_only=True)
t = time.perf_counter()
audits = run_audit(st, ensure=False, cache=False)
print(json.dumps({"seconds": time.perf_counter() - t, "claims": len(audits)}))
st.close()
"""


def run(cmd: list[str], stdout: Any = subprocess.DEVNULL, watch: psutil.Process | None = None) -> dict[str, Any]:
    """Run `cmd`; its wall time and the peak summed RSS of it and its children (and of `watch`, a server)."""
    t = time.perf_counter()
    # stderr to a file, not a pipe: a progress bar filling an unread pipe would block the child.
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=errors, text=True)
        parent = psutil.Process(proc.pid)
        peak = peak_pss = server_peak = 0
        while proc.poll() is None:
            try:
                tree = [p.memory_full_info() for p in [parent, *parent.children(recursive=True)]]
                peak = max(peak, sum(m.rss for m in tree))
                # PSS splits pages shared by forked workers (the models) among them: the tree's real footprint.
                peak_pss = max(peak_pss, sum(m.pss for m in tree))
                if watch is not None:
                    server_peak = max(server_peak, watch.memory_info().rss)
            except psutil.Error:  # a worker ended between listing and reading it
                pass
            time.sleep(0.2)
        seconds = time.perf_counter() - t
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err[-2000:]}")
    out: dict[str, Any] = {"seconds": round(seconds, 1), "peak_mb": peak // 2**20, "peak_pss_mb": peak_pss // 2**20}
    if watch is not None:
        out["server_peak_mb"] = server_peak // 2**20
    return out


def rate(n: int, m: dict[str, Any]) -> float:
    return round(n / m["seconds"], 2)


def disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


class OxigraphServer:
    """`oxigraph serve` on a free port of 127.0.0.1, on its own folder, as tests/test_store_sparql.py runs it."""

    def __init__(self, folder: Path) -> None:
        binary = Path(sys.executable).parent / "oxigraph"
        found = str(binary) if binary.exists() else shutil.which("oxigraph")
        if found is None:
            raise FileNotFoundError("oxigraph")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.folder = folder
        self.proc = subprocess.Popen([found, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                      "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sample_ratios(corpus: Path, n: int, work: Path, remote: bool) -> dict[str, Any]:
    """spaCy, extract, ingest embedded and (server) ingest on the same n texts: the ratios."""
    out: dict[str, Any] = {"articles": n}
    done = subprocess.run([sys.executable, "-c", SPACY_BASELINE, str(corpus)], capture_output=True, text=True,
                          check=True)
    spacy_run = json.loads(done.stdout.strip().splitlines()[-1])
    out["spacy_full_pipe_2proc"] = {"seconds": round(spacy_run["seconds"], 1),
                                    "pipe_seconds": round(spacy_run["pipe_seconds"], 1),
                                    "articles_per_s": round(n / spacy_run["seconds"], 2)}
    log(f"sample: spaCy full pipe {out['spacy_full_pipe_2proc']}")
    with (work / "sample-extract.json").open("w") as sink:
        m = run([*KG, "extract", str(corpus), "--format", "json"], stdout=sink)
    out["kg_extract"] = {**m, "articles_per_s": rate(n, m)}
    log(f"sample: kg extract {out['kg_extract']}")
    m = run([*KG, "ingest", str(corpus), "--store", str(work / "sample-store")])
    out["kg_ingest_embedded"] = {**m, "articles_per_s": rate(n, m)}
    log(f"sample: kg ingest (embedded) {out['kg_ingest_embedded']}")
    out["ratio_extract_over_spacy"] = round(out["kg_extract"]["articles_per_s"]
                                            / out["spacy_full_pipe_2proc"]["articles_per_s"], 3)
    out["ratio_ingest_over_extract"] = round(out["kg_ingest_embedded"]["articles_per_s"]
                                             / out["kg_extract"]["articles_per_s"], 3)
    if remote:
        out["kg_ingest_remote"] = ingest_remote(corpus, n, work / "sample-oxigraph")
        out["ratio_remote_over_embedded"] = round(out["kg_ingest_remote"]["articles_per_s"]
                                                  / out["kg_ingest_embedded"]["articles_per_s"], 3)
    return out


def ingest_remote(corpus: Path, n: int, folder: Path) -> dict[str, Any]:
    server = OxigraphServer(folder)
    try:
        m = run([*KG, "ingest", str(corpus), "--store", server.url], watch=psutil.Process(server.proc.pid))
    finally:
        server.stop()
    result = {**m, "articles_per_s": rate(n, m), "server_disk_mb": disk_mb(folder)}
    log(f"kg ingest (Oxigraph server) {result}")
    return result


def one_size(n: int, work: Path, args: argparse.Namespace, sample: dict[str, Any] | None,
             out: dict[str, Any], save: Callable[[], None]) -> None:
    """Everything measured on all n articles, into `out`, saved after each step (a 100k run takes hours)."""
    corpus = work / f"corpus-{n}.jsonl"
    t = time.perf_counter()
    write_jsonl(corpus, n, seed=args.seed)
    out.update({"articles": n, "corpus_mb": round(corpus.stat().st_size / 2**20, 1),
                "generate_seconds": round(time.perf_counter() - t, 1)})
    store = work / f"store-{n}"
    reuse = sample is not None and sample["articles"] == n  # the sample is this size: measured already
    if reuse and sample is not None:
        out["kg_ingest_embedded"] = sample["kg_ingest_embedded"]
        shutil.move(work / "sample-store", store)
    else:
        # Ingest first: the store, its size, link and audit matter most if a long run is stopped.
        m = run([*KG, "ingest", str(corpus), "--store", str(store)])
        out["kg_ingest_embedded"] = {**m, "articles_per_s": rate(n, m)}
    log(f"{n}: kg ingest (embedded) {out['kg_ingest_embedded']}")
    stats = json.loads(subprocess.run([*KG, "stats", "--format", "json", "--store", str(store)],
                                      capture_output=True, text=True, check=True).stdout)
    out["triples"] = stats.get("triples")
    out["store_disk_mb"] = disk_mb(store)
    save()
    out["kg_link"] = run([*KG, "link", "--store", str(store), "--method", args.link_method])
    log(f"{n}: kg link {out['kg_link']} ({out['triples']} triples, {out['store_disk_mb']} MB)")
    out["kg_audit_first"] = run([*KG, "audit", "--format", "json", "--store", str(store)])
    out["kg_audit_again"] = run([*KG, "audit", "--format", "json", "--store", str(store)])
    done = subprocess.run([sys.executable, "-c", COLD_AUDIT, str(store)], capture_output=True, text=True, check=True)
    cold = json.loads(done.stdout.strip().splitlines()[-1])
    out["run_audit_cold"] = {"seconds": round(cold["seconds"], 2), "claims": cold["claims"]}
    log(f"{n}: audit first {out['kg_audit_first']}, again {out['kg_audit_again']}, cold {out['run_audit_cold']}")
    save()
    if reuse and sample is not None:
        out["kg_extract"] = sample["kg_extract"]
    else:
        m = run([*KG, "extract", str(corpus), "--format", "json"])
        out["kg_extract"] = {**m, "articles_per_s": rate(n, m)}
        log(f"{n}: kg extract {out['kg_extract']}")
    save()
    if args.remote and args.remote_full and not reuse:
        out["kg_ingest_remote"] = ingest_remote(corpus, n, work / f"oxigraph-{n}")
    if not args.keep:
        shutil.rmtree(store, ignore_errors=True)
        corpus.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--sample", type=int, default=1000, help="articles the ratios are measured on")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--link-method", default="auto", choices=["auto", "char", "embedding"])
    ap.add_argument("--no-remote", dest="remote", action="store_false", help="skip the Oxigraph server")
    ap.add_argument("--remote-full", action="store_true", help="also ingest every size into the server")
    ap.add_argument("--work", type=Path, help="folder for corpora and stores [default: a temporary one]")
    ap.add_argument("--keep", action="store_true", help="keep each size's corpus and store")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = ap.parse_args()
    if args.remote and not (Path(sys.executable).parent / "oxigraph").exists() and not shutil.which("oxigraph"):
        log("no oxigraph binary (pip install oxigraph, in the test extra): the server store is skipped")
        args.remote = False
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"cpus": psutil.cpu_count(), "sizes": []}

    def save() -> None:  # after every step: a long run that is stopped still leaves its figures
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    n_sample = min(args.sample, *args.sizes)
    sample_file = write_jsonl(work / f"sample-{n_sample}.jsonl", n_sample, seed=args.seed)
    result["same_texts"] = sample = sample_ratios(sample_file, n_sample, work, args.remote)
    save()
    previous: dict[str, Any] | None = None
    for n in sorted(args.sizes):
        size: dict[str, Any] = {}
        result["sizes"].append(size)
        one_size(n, work, args, sample, size, save)
        if previous is not None:
            for what in ("kg_extract", "kg_ingest_embedded"):
                size[f"{what}_pss_growth"] = round(size[what]["peak_pss_mb"]
                                                   / max(previous[what]["peak_pss_mb"], 1), 2)
            size["articles_growth"] = round(n / previous["articles"], 1)
        previous = size
        save()
    if args.work is None and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
