"""kg.view on what kg.audit really produces for the four example articles.

The other view tests use hand-made graphs; this one checks that the audit's
graphs (IRIs as node ids, its own details and hops) render as linked pages,
with every statement span it reports marked in its article.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import Store, open_store
from kg.view import write_site

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def store(examples_store_path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    # Our own copy of the session's ingested examples: the audit writes a claims graph into it.
    folder = tmp_path_factory.mktemp("view-audit") / "kg-store"
    shutil.copytree(examples_store_path.path, folder)
    s = open_store(folder, create=False)
    try:
        yield s
    finally:
        s.close()


def _data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_audit_of_the_examples_renders_as_a_linked_site(store: Store, tmp_path: Path) -> None:
    from kg.audit import audit_json, claim_graph, outlet_graph, run_audit

    audits = run_audit(store)
    assert audits
    graphs = {a.id: claim_graph(store, a.id) for a in audits}
    texts = {p.stem: p.read_text("utf-8") for p in EXAMPLES.glob("*.txt")}
    index = write_site(tmp_path / "site", audit_json(audits), graphs, outlet_graph(store), articles=texts)

    html = index.read_text("utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"', html)
    assert len(hrefs) == len(graphs) + 1
    for href in hrefs:
        page = (index.parent / href).read_text("utf-8")
        assert 'src="http' not in page and 'href="http' not in page
    for claim_id, graph in graphs.items():
        [href] = [h for h in hrefs if h.startswith("claims/") and claim_id in h]
        page = (index.parent / href).read_text("utf-8")
        data = _data(page)
        assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
        # Every edge carrying words of an article we hold points at a <mark> that exists in the page.
        worded = [e for _, _, e in graph.edges(data=True)
                  if e.get("start", -1) >= 0 and e["article_id"] in graph_articles(graph)]
        marks = [e["mark"] for e in data["edges"] if "mark" in e]
        assert len(marks) == len(worded), claim_id
        assert all(f'<mark id="{m}"' in page for m in marks)


def graph_articles(graph) -> set[str]:
    return {a["article_id"] for _, a in graph.nodes(data=True) if a.get("kind") == "article"}
