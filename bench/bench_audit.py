"""The single-source audit on a million triples, embedded Oxigraph beside rdflib; linking at scale.

    .venv/bin/python bench/bench_audit.py [--triples 1000000] [--rdflib-triples 20000]
                                          [--baseline-rev 5cebf07] [--repeat 3]
                                          [--link-sizes 10000,20000,40000,100000] [--part all|audit|link]

Part `audit`: a synthetic corpus (tests/synthetic_corpus.py: realistic French
statements reused across articles, outlets, republication chains) is mapped
to RDF with kg's own builder and bulk-loaded into an on-disk Oxigraph store;
its statements are linked into claims (`--link-method`, characters by
default: this part measures the audit, not the linker). Then, on the embedded
store (best and median of `--repeat` runs each):

- cold: `run_audit(store, ensure=False, cache=False)`, split into the bulk
  read (`records.read_all`: the packed copies each graph keeps, two small
  queries; see `kg.rdf.facts`) and the analysis in Python; beside it, the
  same bulk read from the triples (`article_facts` and `claim_members` over
  the whole store), as a store without the copies would be read;
- first: the first `run_audit(store)` (checks the claims are current, finds no
  kept audit, computes it and keeps it in the store);
- warm: `run_audit(store)` again, as a second `kg audit` runs it (the claims
  check, the key check and reading the kept audit back);
- with `--baseline-rev`, the audit of that git revision (say, the one before
  this code) on the very same store, in a subprocess: its time, and whether its
  answer (the full JSON report) is the same as this tree's, in full and leaving
  out the loop lists of claims with 100 loops or more (both computed with
  PYTHONHASHSEED=0: before `list_cycles`, which 100 of them were listed
  depended on networkx's enumeration, and so on the hash seed).

Last, the side-by-side: the same quads parsed into rdflib's in-memory Dataset
and audited by the same code (`cache=False`, rdflib has nothing to keep it
in), beside the embedded store's cold audit; both answers must agree. Both
read the packed copies; on up to 100k triples rdflib also times the readable
queries (`fetch_statements`, `fetch_travel`), which join the triples. Parsing into rdflib takes about a minute
per million triples, so by default the side-by-side runs on the corpus's
first 20k triples (`--rdflib-triples`; 0: the whole store).

Part `link`: claim linking on synthetic statements at growing sizes (the
character method up to 100k, embeddings up to `--embed-max`, 40k). The
embeddings are computed once for the largest size (their cost is linear,
~200 statements/s on two cores) and sliced for the smaller ones, so the times show
how search, verification and grouping grow: doubling n should cost well under
4× (quadratic) — the growth exponent log2(t(2n)/t(n)) is printed.

Results go to bench/results/audit.json and bench/results/link_scaling.json.
Machines are noisy, so compare figures measured in one run, not absolute times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The synthetic corpus is a fixture the tests share: it lives in tests/ with the others.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from rdflib_store import RdflibStore

from kg.audit import audit_json, claims_are_current, run_audit
from kg.audit.records import fetch_statements, fetch_travel, read_all
from kg.link import embed, link_statements, link_store
from kg.model import Claim, Statement
from kg.rdf import facts
from kg.rdf.build import article_graph, graph_iri
from kg.store import open_store
from kg.store.terms import triples_to_ox
from synthetic_corpus import Corpus

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _clock() -> float:
    return time.perf_counter()


def _quads(triples: int, claims: int, seed: int = 11) -> tuple[list[ox.Quad], list[int]]:
    """Quads of synthetic articles until `triples` are reached; and the quad count after each article."""
    quads: list[ox.Quad] = []
    ends: list[int] = []
    for x in Corpus(claims, seed=seed).articles():
        graph = ox.NamedNode(str(graph_iri(x.article)))
        # As `replace_graph` writes it: with the facts the audit reads packed beside the triples.
        written = facts.packed(triples_to_ox(article_graph(x)), graph.value)
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in written]
        ends.append(len(quads))
        if len(quads) >= triples:
            return quads, ends
    raise AssertionError("unreachable: the corpus is endless")


def _load(folder: Path, quads: list[ox.Quad]) -> float:
    t = _clock()
    raw = ox.Store(str(folder))
    raw.bulk_extend(quads)
    raw.flush()
    del raw  # releases the folder for open_store
    return _clock() - t


def _times(f: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    """Best and median seconds of `repeat` calls, and the last answer."""
    seconds = []
    answer = None
    for _ in range(repeat):
        t = _clock()
        answer = f()
        seconds.append(_clock() - t)
    return {"best_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3)}, answer


def _digest(audits: Sequence[Any]) -> str:
    """The full JSON report, hashed: two audits agree when their reports are the same bytes."""
    return hashlib.sha256(json.dumps(audit_json(audits), ensure_ascii=False).encode()).hexdigest()


def _cold(store: Any, repeat: int) -> tuple[dict[str, Any], list[Any]]:
    """`run_audit` without its kept copy, and how much of it was the bulk read."""
    import kg.audit.run as audit_run

    reads: list[float] = []

    def timed_read(s: Any) -> Any:
        t = _clock()
        try:
            return read_all(s)
        finally:
            reads.append(_clock() - t)

    audit_run.read_all = timed_read  # type: ignore[assignment]
    try:
        audit, audits = _times(lambda: run_audit(store, ensure=False, cache=False), repeat)
    finally:
        audit_run.read_all = read_all  # type: ignore[assignment]
    read = {"best_s": round(min(reads), 3), "median_s": round(statistics.median(reads), 3)}
    return {"read_all": read, "analysis": {k: round(audit[k] - read[k], 3) for k in audit}, "audit": audit}, audits


def _from_triples(store: Any, repeat: int) -> dict[str, float]:
    """`read_all` ignoring the packed copies: what a store without them costs (same answer)."""
    read = facts.read
    facts.read = lambda value: None  # type: ignore[assignment]
    try:
        times, answer = _times(lambda: read_all(store), repeat)
    finally:
        facts.read = read  # type: ignore[assignment]
    assert answer == read_all(store), "the copies and the triples disagree"
    return times


# Run in a subprocess with a fixed PYTHONHASHSEED: before `list_cycles`, which 100 loops a claim with
# more listed depended on networkx's enumeration, so on the hash seed. The second digest leaves those
# capped lists out: it compares everything else with a revision from before.
_AUDIT_IN_A_PROCESS = """
import hashlib, json, sys, time
sys.path.insert(0, sys.argv[1])
from kg.audit import audit_json, run_audit
from kg.store import open_store
try:
    run = lambda store: run_audit(store, ensure=False, cache=False)
    import inspect; inspect.signature(run_audit).bind(None, ensure=False, cache=False)
except TypeError:  # before the audit was kept in the store
    run = lambda store: run_audit(store, ensure=False)
with open_store(sys.argv[2], create=False) as store:
    seconds = []
    for _ in range(int(sys.argv[3])):
        t = time.perf_counter()
        audits = run(store)
        seconds.append(time.perf_counter() - t)
report = audit_json(audits)
digest = hashlib.sha256(json.dumps(report, ensure_ascii=False).encode()).hexdigest()
for claim in report:
    if len(claim.get("cycles", ())) >= 100:
        claim["cycles"] = "capped"
uncapped = hashlib.sha256(json.dumps(report, ensure_ascii=False).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "digest": digest, "uncapped": uncapped, "claims": len(audits)}))
"""


def _audit_in_a_process(code: Path, folder: Path, repeat: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, "-c", _AUDIT_IN_A_PROCESS, str(code), str(folder), str(repeat)],
                         check=True, capture_output=True, text=True, env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    seconds = result["seconds"]
    return {"best_s": round(min(seconds), 3), "median_s": round(statistics.median(seconds), 3),
            "claims": result["claims"], "digest": result["digest"], "uncapped": result["uncapped"]}


def _baseline(rev: str, folder: Path, repeat: int) -> dict[str, Any]:
    """`run_audit` of git revision `rev` and of this tree, on the store in `folder` (which must be closed)."""
    code = Path(tempfile.mkdtemp(prefix="kg-baseline-"))
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kg"], check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(code, filter="data")
        # Both trees timed alike (a fresh process each, same repeat), in turns, so that a busy
        # machine slows both the same: the ratio is the figure, not the seconds.
        bases, nows = [], []
        for _ in range(2):
            bases.append(_audit_in_a_process(code, folder, repeat))
            nows.append(_audit_in_a_process(ROOT, folder, repeat))
        base = min(bases, key=lambda r: r["best_s"])
        now = min(nows, key=lambda r: r["best_s"])
        return {"rev": rev, **{k: base[k] for k in ("best_s", "median_s", "claims")},
                "this_tree_in_a_process": {k: now[k] for k in ("best_s", "median_s")},
                "ratio_in_processes": round(base["best_s"] / now["best_s"], 2),
                "same_answer": base["digest"] == now["digest"],
                "same_answer_but_capped_loop_lists": base["uncapped"] == now["uncapped"]}
    finally:
        shutil.rmtree(code, ignore_errors=True)


_READABLE_MAX = 100_000  # rdflib's joins for the readable queries take minutes beyond


def _side_by_side(store: Any, n_triples: int, repeat: int) -> dict[str, Any]:
    """The audit (without kept copy) on the embedded store and on rdflib, over the same quads."""
    ox_times, audits_ox = _cold(store, repeat)
    t = _clock()
    rdf = RdflibStore(store.export("nquads"))
    load = _clock() - t
    print(f"  rdflib parsed {n_triples:,} triples in {load:.1f} s; auditing…", flush=True)
    rdf_times, audits_rdf = _cold(rdf, 1)
    readable = None
    if n_triples <= _READABLE_MAX:
        t = _clock()
        readable = fetch_statements(rdf), fetch_travel(rdf)
        rdf_times["readable_queries_s"] = round(_clock() - t, 3)
    a_ox, a_rdf = ox_times["audit"]["best_s"], rdf_times["audit"]["best_s"]
    q_ox, q_rdf = ox_times["read_all"]["best_s"], rdf_times["read_all"]["best_s"]
    out = {"triples": n_triples, "oxigraph": ox_times, "rdflib_load_s": round(load, 2), "rdflib": rdf_times,
           "same_answer": _digest(audits_ox) == _digest(audits_rdf) and readable in (None, read_all(store)),
           "ratio_audit": round(a_rdf / a_ox, 1), "ratio_read": round(q_rdf / q_ox, 1)}
    print(f"  oxigraph: run_audit {a_ox:.2f} s (bulk read {q_ox:.2f} s) | rdflib: run_audit {a_rdf:.2f} s "
          f"(bulk read {q_rdf:.2f} s; the readable queries: {rdf_times.get('readable_queries_s', '-')} s) "
          f"| same answer: {out['same_answer']}")
    print(f"  ratio rdflib / oxigraph: whole audit ×{out['ratio_audit']}, bulk read ×{out['ratio_read']}",
          flush=True)
    return out


def audit_part(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    t = _clock()
    quads, ends = _quads(args.triples, claims=max(200, args.triples // 200))
    out["generate_s"] = round(_clock() - t, 2)
    # --store keeps the built (and linked) store between runs: building a million triples takes minutes.
    kept = Path(args.store) if args.store else None
    folder = kept or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    note = folder / "full.linked.json"  # beside the store, not inside its folder
    reuse = kept is not None and note.exists() and (folder / "full").exists()
    try:
        if not reuse:
            shutil.rmtree(folder / "full", ignore_errors=True)
            out["oxigraph_bulk_load_s"] = round(_load(folder / "full", quads), 2)
        else:
            out["oxigraph_bulk_load_s"] = "reused"
        with open_store(folder / "full", create=False) as store:
            t = _clock()
            if reuse:
                linked = _Linked(json.loads(note.read_text()))
            else:
                linked = link_store(store, method=args.link_method)
                note.write_text(json.dumps(
                    {"statements": linked.statements, "claims": len(linked.claims),
                     "multi_article": len(linked.multi_article), "method": linked.method.value}))
            out["link_s"] = round(_clock() - t, 2)
            out.update(link_method=linked.method.value, articles=len(ends), statements=linked.statements,
                       claims=len(linked.claims), claims_in_2plus_articles=len(linked.multi_article),
                       triples=len(store))
            print(f"{out['triples']:,} triples: {len(ends):,} articles, {linked.statements:,} statements, "
                  f"{len(linked.claims):,} claims ({len(linked.multi_article):,} in 2+ articles); generated in "
                  f"{out['generate_s']} s, bulk-loaded in {out['oxigraph_bulk_load_s']} s, linked "
                  f"({linked.method.value}) in {out['link_s']} s", flush=True)
            full: dict[str, Any] = {}
            cold, audits = _cold(store, args.repeat)
            full.update(cold)
            # The same bulk read from the triples, as on a store whose graphs keep no packed copies.
            full["read_all_from_triples"] = _from_triples(store, args.repeat)
            t = _clock()
            claims_are_current(store)
            full["claims_check_s"] = round(_clock() - t, 3)
            t = _clock()
            first = run_audit(store)
            full["first_s"] = round(_clock() - t, 3)
            full["warm"], warm = _times(lambda: run_audit(store), args.repeat)
            full["claims_audited"] = len(audits)
            full["kept_is_computed"] = first == warm == audits
            out["oxigraph_full"] = full
            print(f"oxigraph alone, {len(audits):,} claims: cold run_audit {cold['audit']['best_s']:.2f} s "
                  f"(bulk read {cold['read_all']['best_s']:.2f} s from the packed copies, "
                  f"{full['read_all_from_triples']['best_s']:.2f} s from the triples; "
                  f"analysis {cold['analysis']['best_s']:.2f} s); "
                  f"first (computes and keeps) {full['first_s']:.2f} s; warm {full['warm']['best_s']:.2f} s; "
                  f"kept = computed: {full['kept_is_computed']}", flush=True)
        if args.baseline_rev:
            base = _baseline(args.baseline_rev, folder / "full", args.repeat)
            base["ratio_cold"] = round(base["best_s"] / out["oxigraph_full"]["audit"]["best_s"], 1)
            base["ratio_warm"] = round(base["best_s"] / out["oxigraph_full"]["warm"]["best_s"], 1)
            out["baseline"] = base
            print(f"baseline {base['rev']}: run_audit {base['best_s']:.2f} s (×{base['ratio_cold']} the cold "
                  f"audit, ×{base['ratio_warm']} the warm one); same answer: {base['same_answer']}", flush=True)
            print(f"  in fresh processes, in turns: baseline {base['best_s']:.2f} s, this tree "
                  f"{base['this_tree_in_a_process']['best_s']:.2f} s (baseline / this tree: "
                  f"×{base['ratio_in_processes']})", flush=True)
        if args.rdflib_triples <= 0 or args.rdflib_triples >= out["triples"]:
            with open_store(folder / "full", create=False) as store:
                print(f"side by side on the whole store ({len(store):,} triples):", flush=True)
                out["side_by_side"] = _side_by_side(store, len(store), args.repeat)
            return out
        # Parsing into rdflib costs about a minute per million triples: by default, compare both
        # engines on the corpus's first articles.
        cut = next(i for i, end in enumerate(ends) if end >= args.rdflib_triples) + 1
        _load(folder / "part", quads[: ends[cut - 1]])
        with open_store(folder / "part", create=False) as store:
            link_store(store, method=args.link_method)
            print(f"side by side on the first {cut:,} articles ({len(store):,} triples):", flush=True)
            out["side_by_side"] = _side_by_side(store, len(store), args.repeat)
        return out
    finally:
        if kept is None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            shutil.rmtree(folder / "part", ignore_errors=True)


class _Linked:
    """What the report says of the linking, read back from a kept store's note."""

    def __init__(self, note: dict[str, Any]) -> None:
        self.statements = note["statements"]
        self.claims = range(note["claims"])
        self.multi_article = range(note["multi_article"])
        self.method = type("Method", (), {"value": note["method"]})()


def _quality(claims: Sequence[Claim], statements: Sequence[Statement], truth: Sequence[int]) -> tuple[int, int]:
    """Statements outside their claim's majority true claim; true claims spread over extra found claims."""
    index = {s: i for i, s in enumerate(statements)}
    misplaced = 0
    found_in: dict[int, set[int]] = {}
    for k, claim in enumerate(claims):
        members = [truth[index[s]] for s in claim.statements]
        misplaced += len(members) - Counter(members).most_common(1)[0][1]
        for t in members:
            found_in.setdefault(t, set()).add(k)
    return misplaced, sum(len(v) - 1 for v in found_in.values())


def link_part(args: argparse.Namespace) -> dict[str, Any]:
    sizes = sorted(int(s) for s in args.link_sizes.split(","))
    corpus = Corpus(max(sizes) // 4, seed=5)
    statements, truth = corpus.statements(max(sizes))
    out: dict[str, Any] = {"sizes": sizes, "runs": []}
    methods = ["char"]
    vectors = None
    embedded = [n for n in sizes if n <= args.embed_max]
    if embed.available() and not args.no_embeddings and embedded:
        t = _clock()
        vectors = embed.encode([s.text for s in statements[: max(embedded)]])
        out["embedding_s"] = round(_clock() - t, 2)
        out["embedding_per_s"] = round(len(vectors) / out["embedding_s"])
        print(f"embedded {len(vectors):,} statements in {out['embedding_s']} s "
              f"({out['embedding_per_s']:,}/s, linear by construction)", flush=True)
        methods.append("embedding")
    for method in methods:
        previous: tuple[int, float] | None = None
        for n in sizes if method == "char" else embedded:
            t = _clock()
            result = link_statements(statements[:n], method=method,
                                     vectors=None if vectors is None or method == "char" else vectors[:n])
            seconds = _clock() - t - result.seconds.get("embeddings", 0.0)
            misplaced, split = _quality(result.claims, statements[:n], truth[:n])
            run = {"method": method, "n": n, "seconds": round(seconds, 2), "candidates": result.candidates,
                   "checked": result.checked, "claims": len(result.claims), "true_claims": len(set(truth[:n])),
                   "misplaced": misplaced, "split": split, "stages": result.seconds}
            growth = ""
            if previous is not None:
                exponent = math.log(seconds / previous[1]) / math.log(n / previous[0])
                run["growth_exponent"] = round(exponent, 2)
                growth = f", growth exponent {exponent:.2f} (2 = quadratic)"
            previous = (n, seconds)
            out["runs"].append(run)
            print(f"link {method:9s} n={n:>7,}: {seconds:6.2f} s, {result.candidates:,} candidates "
                  f"({result.candidates / n:.1f} per statement), {len(result.claims):,} claims for "
                  f"{run['true_claims']:,} true ({misplaced / n:.1%} of statements in a wrong claim, "
                  f"{split:,} splits){growth}", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["all", "audit", "link"], default="all")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-triples", type=int, default=20_000,
                    help="run the side-by-side comparison on this many triples (0: on all of them)")
    ap.add_argument("--link-method", default="char", choices=["char", "embedding", "auto"])
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (best and median are kept)")
    ap.add_argument("--baseline-rev", default="",
                    help="also time the audit of this git revision on the same store (e.g. d69d85e)")
    ap.add_argument("--store", default="",
                    help="build the store in this folder and reuse it on the next runs (kept, not deleted)")
    ap.add_argument("--link-sizes", default="10000,20000,40000,100000")
    ap.add_argument("--no-embeddings", action="store_true", help="time the character method only")
    ap.add_argument("--embed-max", type=int, default=40_000,
                    help="largest size timed with embeddings (encoding runs at ~200 statements/s here)")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "pyoxigraph": ox.__version__}
    if args.part in ("all", "audit"):
        result = {"machine": machine, **audit_part(args)}
        (RESULTS / "audit.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.part in ("all", "link"):
        result = {"machine": machine, **link_part(args)}
        (RESULTS / "link_scaling.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
