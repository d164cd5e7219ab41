"""The HTML views of a store: the audit, each claim's chain, the outlet network.

The views themselves (`kg.view`) only draw networkx graphs; this module reads
what they need from the store (`kg.audit` graphs, article texts) and writes
the pages. It is what `kg view` and `kg demo` call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg import queries
from kg.audit import audit_json, claim_graph, outlet_graph, run_audit
from kg.audit.verdict import ClaimAudit
from kg.errors import InputError
from kg.store import Store
from kg.view import render_article, render_claim, render_outlets, write_site


def article_texts(store: Store, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Article id → full text, for the given ids (all when None)."""
    wanted = None if ids is None else set(ids)
    rows = store.query(queries.load("article_text")).records()
    return {str(r["article"]): str(r["text"]) for r in rows if wanted is None or str(r["article"]) in wanted}


def _article_ids(graph: nx.DiGraph) -> set[str]:
    return {str(a["article_id"]) for _, a in graph.nodes(data=True) if a.get("article_id")}


def claim_page(store: Store, claim_id: str) -> str:
    graph = claim_graph(store, claim_id)
    return render_claim(graph, articles=article_texts(store, _article_ids(graph)))


def outlets_page(store: Store, *, min_articles: int = 1, ensure: bool = True) -> str:
    """The outlet network; `ensure=False` draws the claims as last linked (for a store that cannot be written)."""
    return render_outlets(outlet_graph(store, min_articles=min_articles, ensure=ensure))


def article_page(store: Store, article_id: str, *, ensure: bool = True) -> str:
    """One article's statements and where each came from: the chains of every claim it carries.

    `ensure=False` uses the claims as last linked, for a store that cannot be written.
    """
    texts = article_texts(store, [article_id])
    if article_id not in texts:
        known = sorted(article_texts(store))
        raise InputError(f"no article {article_id!r} in store {store.location}; "
                         f"known: {', '.join(known[:10])}{' …' if len(known) > 10 else ''}")
    graphs = [claim_graph(store, a.id) for a in run_audit(store, min_articles=1, ensure=ensure)
              if article_id in a.articles]
    graph = nx.compose_all(graphs) if graphs else nx.DiGraph()
    graph.graph.update(claim_id="", summary=f"article {article_id}", single_source=False)
    return render_article(graph, article_id, texts[article_id])


@dataclass(frozen=True)
class Site:
    index: Path
    claims: int
    audits: list[ClaimAudit]


def build_site(store: Store, out_dir: Path | str, *, min_articles: int = 2) -> Site:
    """`index.html` (the audit table), one page per claim and `outlets.html`, in `out_dir`.

    >>> import tempfile
    >>> with kg.open_store(memory=True) as store, tempfile.TemporaryDirectory() as out:
    ...     _ = kg.ingest_paths(["examples/articles"], store, jobs=1)
    ...     site = kg.build_site(store, out)
    ...     site.index.name, site.claims == len(site.audits) > 0, (site.index.parent / "outlets.html").is_file()
    ('index.html', True, True)
    """
    audits = run_audit(store, min_articles=min_articles)
    graphs = {a.id: claim_graph(store, a.id) for a in audits}
    ids: set[str] = set()
    for g in graphs.values():
        ids |= _article_ids(g)
    index = write_site(Path(out_dir), audit_json(audits), graphs, outlet_graph(store, min_articles=min_articles),
                       articles=article_texts(store, ids))
    return Site(index, len(graphs), audits)
