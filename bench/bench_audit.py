"""The single-source audit on a million triples, embedded Oxigraph beside rdflib; linking at scale.

    .venv/bin/python bench/bench_audit.py [--triples 1000000] [--rdflib-triples 150000]
                                          [--link-sizes 10000,20000,40000,100000] [--part all|audit|link]

Part `audit`: a synthetic corpus (bench/synthetic.py: realistic French
statements reused across articles, outlets, republication chains) is mapped
to RDF with kg's own builder and bulk-loaded into an on-disk Oxigraph store;
its statements are linked into claims (`--link-method`, characters by
default: this part measures the audit, not the linker); then `run_audit`
runs on the embedded store and, in the same run, on the same quads parsed
into rdflib's in-memory Dataset. Both answers must agree. Printed: load and
audit times, the query part alone, and the rdflib / Oxigraph ratios. rdflib
needs minutes per hundred thousand triples, so by default the side-by-side
runs on the corpus's first 150k triples (`--rdflib-triples 0`: on all of
them), and Oxigraph alone on the full million.

Part `link`: claim linking on synthetic statements at growing sizes (the
character method up to 100k, embeddings up to `--embed-max`, 40k). The
embeddings are computed once for the largest size (their cost is linear,
~200 statements/s on two cores) and sliced for the smaller ones, so the times show
how search, verification and grouping grow: doubling n should cost well under
4× (quadratic) — the growth exponent log2(t(2n)/t(n)) is printed.

Results go to bench/results/audit.json and bench/results/link_scaling.json.
Machines are noisy: compare ratios measured in one run, not absolute times.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rdflib_store import RdflibStore
from synthetic import Corpus

from kg.audit import run_audit
from kg.audit.records import fetch_statements, fetch_travel
from kg.link import embed, link_statements, link_store
from kg.model import Claim, Statement
from kg.rdf.build import article_graph, graph_iri
from kg.store import open_store
from kg.store.terms import triples_to_ox

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
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples_to_ox(article_graph(x))]
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


def _timed_audit(store: Any) -> tuple[float, float, list[Any]]:
    """(seconds for the audit's three queries alone, seconds for the whole run_audit, its answer)."""
    t = _clock()
    fetch_statements(store)
    fetch_travel(store)
    queries = _clock() - t
    t = _clock()
    audits = run_audit(store, ensure=False)
    return queries, _clock() - t, audits


def _answer(audits: list[Any]) -> list[tuple[Any, ...]]:
    return [(a.id, a.independent_sources, a.articles, a.outlets) for a in audits]


def _side_by_side(store: Any, n_triples: int) -> dict[str, Any]:
    """The audit on the embedded store and on rdflib, over the same quads."""
    q_ox, a_ox, audits_ox = _timed_audit(store)
    t = _clock()
    rdf = RdflibStore(store.export("nquads"))
    load = _clock() - t
    print(f"  rdflib parsed {n_triples:,} triples in {load:.1f} s; auditing…", flush=True)
    t = _clock()
    audits_rdf = run_audit(rdf, ensure=False)
    a_rdf = _clock() - t
    # run_audit is the queries plus Python analysis; the analysis costs the same on both.
    q_rdf = max(a_rdf - (a_ox - q_ox), 1e-9)
    out = {"triples": n_triples, "oxigraph_queries_s": round(q_ox, 2), "oxigraph_audit_s": round(a_ox, 2),
           "rdflib_load_s": round(load, 2), "rdflib_audit_s": round(a_rdf, 2),
           "rdflib_queries_s": round(q_rdf, 2), "same_answer": _answer(audits_ox) == _answer(audits_rdf),
           "ratio_audit": round(a_rdf / a_ox, 1), "ratio_queries": round(q_rdf / q_ox, 1)}
    print(f"  oxigraph: run_audit {a_ox:.2f} s (queries {q_ox:.2f} s) | rdflib: run_audit {a_rdf:.2f} s "
          f"(queries ≈{q_rdf:.2f} s) | same answer: {out['same_answer']}")
    print(f"  ratio rdflib / oxigraph: whole audit ×{out['ratio_audit']}, queries ×{out['ratio_queries']}",
          flush=True)
    return out


def audit_part(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    t = _clock()
    quads, ends = _quads(args.triples, claims=max(200, args.triples // 200))
    out["generate_s"] = round(_clock() - t, 2)
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        out["oxigraph_bulk_load_s"] = round(_load(folder / "full", quads), 2)
        with open_store(folder / "full", create=False) as store:
            t = _clock()
            linked = link_store(store, method=args.link_method)
            out["link_s"] = round(_clock() - t, 2)
            out.update(link_method=linked.method.value, articles=len(ends), statements=linked.statements,
                       claims=len(linked.claims), claims_in_2plus_articles=len(linked.multi_article),
                       triples=len(store))
            print(f"{out['triples']:,} triples: {len(ends):,} articles, {linked.statements:,} statements, "
                  f"{len(linked.claims):,} claims ({len(linked.multi_article):,} in 2+ articles); generated in "
                  f"{out['generate_s']} s, bulk-loaded in {out['oxigraph_bulk_load_s']} s, linked "
                  f"({linked.method.value}) in {out['link_s']} s", flush=True)
            if args.rdflib_triples <= 0 or args.rdflib_triples >= out["triples"]:
                out["side_by_side"] = _side_by_side(store, out["triples"])
                return out
            q_ox, a_ox, audits = _timed_audit(store)
            out["oxigraph_full"] = {"queries_s": round(q_ox, 2), "audit_s": round(a_ox, 2),
                                    "claims_audited": len(audits)}
            print(f"oxigraph alone: run_audit {a_ox:.2f} s (queries {q_ox:.2f} s), "
                  f"{len(audits):,} claims audited", flush=True)
        # rdflib needs minutes per 100k triples here: compare both engines on the corpus's first articles.
        cut = next(i for i, end in enumerate(ends) if end >= args.rdflib_triples) + 1
        _load(folder / "part", quads[: ends[cut - 1]])
        with open_store(folder / "part", create=False) as store:
            link_store(store, method=args.link_method)
            print(f"side by side on the first {cut:,} articles ({len(store):,} triples):", flush=True)
            out["side_by_side"] = _side_by_side(store, len(store))
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
    ap.add_argument("--rdflib-triples", type=int, default=150_000,
                    help="run the side-by-side comparison on this many triples (0: on all of them)")
    ap.add_argument("--link-method", default="char", choices=["char", "embedding", "auto"])
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
