"""Run the audit over a store: claims → routes → roots → findings.

`run_audit` reads everything it needs in three bulk queries and analyses
each claim in memory; `claim_graph` and `outlet_graph` return the networkx
projections the views draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from kg import queries
from kg.audit.changes import find_changes
from kg.audit.cycles import find_cycles
from kg.audit.graph import outlet_projection, provenance_graph
from kg.audit.model import ClaimAudit, StatementRef
from kg.audit.paths import Step, statement_path
from kg.audit.records import ClaimedStatement, Travel, claim_iri, fetch_statements, fetch_travel
from kg.audit.roots import Roots, find_roots
from kg.errors import InputError
from kg.store import Store


@dataclass(frozen=True)
class _Analysis:
    audit: ClaimAudit
    graph: nx.DiGraph
    paths: tuple[tuple[Step, ...], ...]
    statements: tuple[ClaimedStatement, ...]


def claims_are_current(store: Store) -> bool:
    """True when every statement is in a claim and every claimed statement still exists."""
    rows = store.query(queries.load("claims_status")).records()
    row = rows[0] if rows else {}
    return int(row.get("unclaimed") or 0) == 0 and int(row.get("missing") or 0) == 0


def ensure_claims(store: Store) -> bool:
    """Link the store's statements into claims if the claims graph is missing or stale.

    Returns whether it linked. Claims are derived data: an audit over stale
    ones would silently leave out the articles ingested since.
    """
    if claims_are_current(store):
        return False
    from kg.link import link_store

    link_store(store)
    return True


def _analyse(claim: str, statements: Sequence[ClaimedStatement], travel: dict[str, Travel]) -> _Analysis:
    first = statements[0]
    roots: Roots = find_roots(claim, statements, travel)
    paths = tuple(tuple(statement_path(s, o, travel.get(s.article)))
                  for s, o in zip(statements, roots.origins, strict=True))
    graph = provenance_graph(first.claim_id, first.summary, statements, paths, roots, travel)
    cycles = find_cycles(graph)
    if cycles:
        # Outlets citing each other in a loop are one upstream: recount independence.
        roots = find_roots(claim, statements, travel, _loop_groups(graph))
        graph.graph["single_source"] = roots.independent == 1
    outlets = sorted((n for n, k in graph.nodes(data="kind") if k == "outlet"),
                     key=lambda n: (graph.nodes[n]["hop"], graph.nodes[n]["label"]))
    articles = tuple(sorted({s.article for s in statements}))
    longest = max((graph.nodes[n]["hop"] for n, k in graph.nodes(data="kind") if k == "article"), default=0)
    independent = max(roots.independent, 1)
    audit = ClaimAudit(
        id=first.claim_id,
        summary=first.summary,
        articles=articles,
        outlets=tuple(dict.fromkeys(graph.nodes[n]["label"] for n in outlets)),
        root_sources=roots.sources,
        independent_sources=roots.independent,
        single_source=roots.independent == 1,
        anonymous_root=any(r.anonymous for r in roots.sources),
        longest_chain=longest,
        amplification=round(len(outlets) / independent, 3),
        changes=tuple(find_changes(statements)),
        cycles=tuple(cycles),
        statements=tuple(StatementRef(article=s.article, start=s.start, end=s.end, text=s.text,
                                      speaker=s.speaker_label, anonymous=s.anonymous, hedge=s.hedge)
                         for s in statements),
    )
    return _Analysis(audit=audit, graph=graph, paths=paths, statements=tuple(statements))


def _loop_groups(graph: nx.DiGraph) -> dict[str, str]:
    """Each outlet on a reporting loop → one representative outlet of its loop."""
    outlets = graph.subgraph(n for n, k in graph.nodes(data="kind") if k == "outlet")
    groups = {}
    for component in nx.strongly_connected_components(outlets):
        if len(component) > 1:
            head = min(component)
            groups.update(dict.fromkeys(component, head))
    return groups


def _all(store: Store, min_articles: int, ensure: bool) -> list[_Analysis]:
    if min_articles < 1:
        raise InputError(f"min_articles must be at least 1, got {min_articles}")
    if ensure:
        ensure_claims(store)
    travel = fetch_travel(store)
    out = []
    for claim, statements in fetch_statements(store).items():
        if len({s.article for s in statements}) >= min_articles:
            out.append(_analyse(claim, statements, travel))
    return out


def run_audit(store: Store, *, min_articles: int = 1, ensure: bool = True) -> list[ClaimAudit]:
    """Every claim with at least `min_articles` articles, most suspicious first.

    Most suspicious: most outlets per independent source, then single-source,
    then resting on an unnamed source, then carried by more articles. With
    `ensure` (the default) the store's statements are linked into claims first
    when its claims graph is missing or stale.
    """
    audits = [a.audit for a in _all(store, min_articles, ensure)]
    return sorted(audits, key=lambda a: (*(-x for x in a.suspicion), a.id))


def claim_graph(store: Store, claim_id: str) -> nx.DiGraph:
    """The provenance graph of one claim (schema in `kg.audit.graph`)."""
    iri = claim_iri(claim_id)
    statements = fetch_statements(store, iri).get(iri)
    if not statements:
        raise InputError(f"no claim {claim_id!r} in store {store.location}: run `kg audit` to list "
                         "claim ids (and `kg link` after ingesting new articles)")
    travel: dict[str, Travel] = {}
    for aid in sorted({s.article for s in statements}):
        travel.update(fetch_travel(store, aid))
    return _analyse(iri, statements, travel).graph


def outlet_graph(store: Store, *, min_articles: int = 1, ensure: bool = True) -> nx.DiGraph:
    """Outlets linked along the routes of every claim (weights: shared claims)."""
    return outlet_projection((a.audit.id, a.paths, a.statements) for a in _all(store, min_articles, ensure))
