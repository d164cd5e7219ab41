"""HTML generation time and file size of the views, beside two baselines measured in the same run.

For claim graphs (with one article text per article node) and outlet networks of
100, 500 and 2,000 nodes, it times (best of `--repeat`):

- json: `json.dumps(nx.node_link_data(graph))` — the floor: serialising the graph at all;
- pyvis: `Network.from_nx(graph)` + `generate_html()` with pyvis' own template
  (`cdn_resources="in_line"`) — what a page straight out of pyvis costs (and it
  still loads Bootstrap from a CDN, and runs physics in the browser);
- kg: `kg.view.render_claim` / `render_outlets` — layout, escaping, inlined vis-network;

and prints seconds, megabytes and the ratio kg / json. With `--browser`, it
also opens each kg page in headless Chromium and times load-to-first-draw.
Machines here are noisy, so only ratios measured in the same run mean anything.

    python bench/bench_view.py [--sizes 100 500 2000] [--repeat 3] [--browser]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.view import render_claim, render_outlets, write

ROOT = Path(__file__).resolve().parents[1]
# The sample graphs are test fixtures, kept in tests/ with the tests that read them.
sys.path.insert(0, str(ROOT / "tests"))
from view_samples import synthetic_claim, synthetic_outlets  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def best(fn: Callable[[], str], repeat: int) -> tuple[float, str]:
    """Fastest of `repeat` runs, and the output of the last one."""
    times = []
    out = ""
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def pyvis_default(graph: nx.DiGraph) -> str:
    net = Network(directed=True, cdn_resources="in_line")
    # from_nx copies every attribute; keep only what a plain pyvis page would show.
    plain = nx.DiGraph()
    plain.add_nodes_from((n, {"label": str(a.get("label", n)), "title": str(a.get("detail", ""))})
                         for n, a in graph.nodes(data=True))
    plain.add_edges_from((u, v, {"title": str(e.get("quote", ""))}) for u, v, e in graph.edges(data=True))
    net.from_nx(plain)
    return net.generate_html()


def browser_load(pages: dict[str, Path]) -> dict[str, float]:
    """Seconds from navigation to the network's first frame (and end of any physics), per page."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        print("--browser: chromium not found, skipped")
        return {}
    from playwright.sync_api import sync_playwright

    ready = "() => !!(window.kgView && window.kgView.drawn && window.kgView.stabilized)"
    out: dict[str, float] = {}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for name, file in pages.items():
            page = chromium.new_page(viewport={"width": 1400, "height": 850})
            t = time.perf_counter()
            page.goto(file.as_uri())
            while not page.evaluate(ready):  # polled through CDP: the page's CSP forbids eval
                time.sleep(0.02)
            out[name] = time.perf_counter() - t
            page.close()
        chromium.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="also time page loads in headless Chromium")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "view.json")
    args = ap.parse_args()

    rows: list[dict[str, Any]] = []
    pages: dict[str, Path] = {}
    scratch = Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    for n in args.sizes:
        claim, texts = synthetic_claim(n)
        outlets = synthetic_outlets(n)
        for view, graph, render in [
            ("claim", claim, lambda g=claim, t=texts: render_claim(g, articles=t)),
            ("outlets", outlets, lambda g=outlets: render_outlets(g)),
        ]:
            t_json, out_json = best(lambda g=graph: json.dumps(nx.node_link_data(g, edges="edges")), args.repeat)
            t_pyvis, out_pyvis = best(lambda g=graph: pyvis_default(g), args.repeat)
            t_kg, out_kg = best(render, args.repeat)
            name = f"{view}-{n}"
            pages[name] = write(out_kg, scratch / f"{name}.html")
            rows.append({
                "view": view, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                "articles_embedded": len(texts) if view == "claim" else 0,
                "json_s": round(t_json, 4), "json_mb": round(len(out_json.encode()) / 1e6, 3),
                "pyvis_s": round(t_pyvis, 4), "pyvis_mb": round(len(out_pyvis.encode()) / 1e6, 3),
                "kg_s": round(t_kg, 4), "kg_mb": round(len(out_kg.encode()) / 1e6, 3),
                "kg_over_json_s": round(t_kg / t_json, 1),
            })
    loads = browser_load(pages) if args.browser else {}
    for row in rows:
        if loads:
            row["browser_load_s"] = round(loads[f"{row['view']}-{row['nodes']}"], 2)

    header = (f"{'view':8} {'nodes':>6} {'edges':>6} | {'json s':>7} {'MB':>6} | {'pyvis s':>7} {'MB':>6} | "
              f"{'kg s':>7} {'MB':>6} {'kg/json':>8}" + (f" | {'load s':>6}" if loads else ""))
    print(header)
    print("-" * len(header))
    for r in rows:
        line = (f"{r['view']:8} {r['nodes']:6d} {r['edges']:6d} | {r['json_s']:7.3f} {r['json_mb']:6.2f} | "
                f"{r['pyvis_s']:7.3f} {r['pyvis_mb']:6.2f} | {r['kg_s']:7.3f} {r['kg_mb']:6.2f} "
                f"{r['kg_over_json_s']:7.1f}x")
        if loads:
            line += f" | {r['browser_load_s']:6.2f}"
        print(line)
    print("kg pages embed vis-network (~0.47 MB) and, for claims, the text of every article node;")
    print("pyvis pages also embed vis-network but load Bootstrap from a CDN and lay out by physics in the browser.")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "repeat": args.repeat, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
