"""Run the audit over a store: claims → routes → roots → findings.

`run_audit` reads everything it needs in bulk (`records.read_all`: the packed
copies each graph keeps), audits each claim in memory without building its
graph (`routes`) and keeps the answer in the store (`cache`), so asking again
before the claims or the articles change costs two small queries. `claim_graph` and `outlet_graph`
return the networkx projections the views draw.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import networkx as nx

from kg import queries
from kg.audit import cache as audit_cache
from kg.audit.changes import find_changes
from kg.audit.cycles import find_cycles
from kg.audit.graph import add_inferred_copies, outlet_projection, provenance_graph
from kg.audit.paths import Step, statement_path
from kg.audit.records import ArticleTravel, StatementRow, claim_iri, fetch_statements, fetch_travel, read_all
from kg.audit.roots import Roots, find_roots
from kg.audit.routes import Routes
from kg.audit.verdict import ClaimAudit, ClaimOccurrence
from kg.errors import InputError, StoreError
from kg.link.storage import read_copies, read_dates
from kg.model import InferredCopy
from kg.store import Capability, Store


@dataclass(frozen=True)
class _Analysis:
    audit: ClaimAudit
    graph: nx.DiGraph
    paths: tuple[tuple[Step, ...], ...]
    statements: tuple[StatementRow, ...]


def claims_are_current(store: Store) -> bool:
    """True when every statement is in a claim, every claimed statement still exists, and the
    uncredited copies between the claims' articles were looked for (`kg.link.copies`)."""
    rows = store.query(queries.load("claims_status")).records()
    row = rows[0] if rows else {}
    checked = int(row.get("statements") or 0) == 0 or int(row.get("copies_checked") or 0) > 0
    return int(row.get("unclaimed") or 0) == 0 and int(row.get("missing") or 0) == 0 and checked


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


@contextmanager
def _no_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector out of the way while hundreds of thousands of records are built.

    They hold no reference cycles, but every burst of allocations makes the
    collector walk all young objects again: on a million-triple store that
    cost the audit more than its own work in Python. Reference counting frees
    everything as usual meanwhile. What survives (the answer) then joins the
    oldest generation as it is (`freeze` + `unfreeze`), rather than being walked
    once more by the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _claim_audit(statements: Sequence[StatementRow], roots: Roots, outlet_labels: Sequence[str],
                 longest: int, cycles: Sequence[tuple[str, ...]]) -> ClaimAudit:
    first = statements[0]
    independent = max(roots.independent, 1)
    articles = tuple(sorted({s.article for s in statements}))
    return ClaimAudit(
        id=first.claim_id,
        summary=first.summary,
        articles=articles,
        outlets=tuple(dict.fromkeys(outlet_labels)),
        root_sources=roots.sources,
        independent_sources=roots.independent,
        single_source=roots.independent == 1,
        anonymous_root=any(r.anonymous for r in roots.sources),
        longest_chain=longest,
        amplification=round(len(outlet_labels) / independent, 3),
        changes=tuple(find_changes(statements)),
        cycles=tuple(cycles),
        statements=tuple(ClaimOccurrence(article=s.article, start=s.start, end=s.end, text=s.text,
                                      speaker=s.speaker_label, anonymous=s.anonymous, hedge=s.hedge)
                         for s in statements),
        reasons=explain(statements, roots, articles),
    )


def explain(statements: Sequence[StatementRow], roots: Roots,
            articles: Sequence[str] | None = None) -> tuple[str, ...]:
    """The verdict in sentences a reader can check against the articles: how many copies, whose
    words, which outlets they credit, and why the sources count as one or as several."""
    if articles is None:  # the claim's articles, sorted (the caller usually has them already)
        articles = sorted({s.article for s in statements})
    lines = [f"{len(articles)} article(s): {', '.join(articles)}"]
    words = [f"«{r.speaker}»" + (" (unnamed)" if r.anonymous else "") + f" in {', '.join(r.articles)}"
             for r in roots.sources]
    lines.append("the words come from " + "; ".join(words))
    credit: dict[str, set[str]] = {}
    for s, o in zip(statements, roots.origins, strict=True):
        credit.setdefault(o.first_reported_by.name if o.first_reported_by else "", set()).add(s.article)
    parts = [f"{len(arts)} credit {name}" if name else f"{len(arts)} credit no outlet"
             for name, arts in sorted(credit.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    lines.append("first outlet on the way: " + ", ".join(parts))
    lines += roots.reasons
    n = roots.independent
    lines.append("verdict: one source" if n == 1 else f"verdict: {n} independent sources")
    return tuple(lines)


def _analyse(claim: str, statements: Sequence[StatementRow], travel: Mapping[str, ArticleTravel],
             copies: Mapping[str, InferredCopy] | None = None) -> _Analysis:
    """One claim's audit and its full provenance graph (what the views draw)."""
    first = statements[0]
    roots: Roots = find_roots(claim, statements, travel, copies=copies)
    paths = tuple(tuple(statement_path(s, o, travel.get(s.article)))
                  for s, o in zip(statements, roots.origins, strict=True))
    graph = provenance_graph(first.claim_id, first.summary, statements, paths, roots, travel)
    cycles = find_cycles(graph)
    if cycles:
        # Outlets citing each other in a loop are one upstream: recount independence.
        roots = find_roots(claim, statements, travel, _loop_groups(graph), again=roots)
        graph.graph["single_source"] = roots.independent == 1
    outlets = sorted((n for n, k in graph.nodes(data="kind") if k == "outlet"),
                     key=lambda n: (graph.nodes[n]["hop"], graph.nodes[n]["label"]))
    longest = max((graph.nodes[n]["hop"] for n, k in graph.nodes(data="kind") if k == "article"), default=0)
    audit = _claim_audit(statements, roots, [graph.nodes[n]["label"] for n in outlets], longest, cycles)
    # Drawn once the audit is read off the routes: an inferred copy is no hop of a credited chain.
    add_inferred_copies(graph, (copies or {}).values())
    return _Analysis(audit=audit, graph=graph, paths=paths, statements=tuple(statements))


def _audit(claim: str, statements: Sequence[StatementRow], travel: Mapping[str, ArticleTravel],
           routes: Routes, copies: Mapping[str, InferredCopy] | None = None) -> ClaimAudit:
    """What `_analyse(...).audit` says, read off the routes without building the graph (`routes`)."""
    roots = find_roots(claim, statements, travel, copies=copies)
    summary = routes.summary(statements, roots.origins)
    if summary.cycles:
        # Outlets citing each other in a loop are one upstream: recount independence.
        roots = find_roots(claim, statements, travel, summary.loop_groups, again=roots)
    return _claim_audit(statements, roots, summary.outlets, summary.longest, summary.cycles)


def _loop_groups(graph: nx.DiGraph) -> dict[str, str]:
    """Each outlet on a reporting loop → one representative outlet of its loop."""
    outlets = graph.subgraph(n for n, k in graph.nodes(data="kind") if k == "outlet")
    groups = {}
    for component in nx.strongly_connected_components(outlets):
        if len(component) > 1:
            head = min(component)
            groups.update(dict.fromkeys(component, head))
    return groups


def _check(min_articles: int) -> None:
    if min_articles < 1:
        raise InputError(f"min_articles must be at least 1, got {min_articles}")


def _suspicious_first(audits: list[ClaimAudit]) -> list[ClaimAudit]:
    return sorted(audits, key=lambda a: (*(-x for x in a.suspicion), a.id))


def run_audit(store: Store, *, min_articles: int = 1, ensure: bool = True, cache: bool = True) -> list[ClaimAudit]:
    """Every claim with at least `min_articles` articles, most suspicious first.

    Most suspicious: most outlets per independent source, then single-source,
    then resting on an unnamed source, then carried by more articles. With
    `ensure` (the default) the store's statements are linked into claims first
    when its claims graph is missing or stale. With `cache` (the default) the
    audit of every claim is kept in the store and reused until the claims or
    the articles change (`kg.audit.cache`); `cache=False` neither reads nor
    writes it.

    >>> with kg.open_store(memory=True) as store:
    ...     _ = kg.ingest_paths(["examples/articles"], store, jobs=1)
    ...     audits = kg.run_audit(store, min_articles=2)
    >>> first = audits[0]
    >>> first.single_source, first.independent_sources, len(first.articles)
    (True, 1, 2)
    >>> first.outlets[0]
    'Al-Monitor'
    """
    _check(min_articles)
    if ensure:
        ensure_claims(store)
    with _no_gc():
        audits = _audits(store, min_articles, cache and Capability.AUDIT_CACHE in store.capabilities)
    return [a for a in audits if len(a.articles) >= min_articles]


def _audits(store: Store, min_articles: int, cache: bool) -> list[ClaimAudit]:
    # A function of its own, so everything but the answer is freed before the collector is back.
    key = audits = None
    if cache:
        key, audits = audit_cache.load(store)
    if audits is None:
        statements, travel = read_all(store)
        routes = Routes(travel)
        copies = read_copies(store)
        # What is cached is every claim's audit; otherwise only what was asked for.
        audits = _suspicious_first([_audit(claim, members, travel, routes, copies)
                                    for claim, members in statements.items()
                                    if key is not None or len({s.article for s in members}) >= min_articles])
        if key is not None and Capability.WRITE in store.capabilities:
            # A write that fails (a full disk) still leaves the audit answered, just not kept.
            with suppress(StoreError):
                audit_cache.save(store, key, audits)
    return audits


def claim_graph(store: Store, claim_id: str) -> nx.DiGraph:
    """The provenance graph of one claim (schema in `kg.audit.graph`)."""
    iri = claim_iri(claim_id)
    statements = fetch_statements(store, iri).get(iri)
    if not statements:
        raise InputError(f"no claim {claim_id!r} in store {store.location}: run `kg audit` to list "
                         "claim ids (and `kg link` after ingesting new articles)")
    travel: dict[str, ArticleTravel] = {}
    for aid in sorted({s.article for s in statements}):
        travel.update(fetch_travel(store, aid))
    graph = _analyse(iri, statements, travel, read_copies(store)).graph
    label_articles(graph, travel, read_dates(store))
    return graph


def label_articles(graph: nx.DiGraph, travel: Mapping[str, ArticleTravel], dates: Mapping[str, str | None]) -> None:
    """Name each article node as a reader knows it, by publisher and date (`RT France · 2023-02-10`);
    its file id stays in `article_id` and in its tooltip."""
    for _, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "article":
            continue
        aid = attrs["article_id"]
        t = travel.get(aid)
        parts = [t.publisher.name if t is not None and t.publisher is not None else aid, dates.get(aid) or ""]
        attrs["label"] = " · ".join(p for p in parts if p)


def outlet_graph(store: Store, *, min_articles: int = 1, ensure: bool = True) -> nx.DiGraph:
    """Outlets linked along the routes of every claim (weights: shared claims).

    `single_source_claims` on an outlet counts the claims it carried that all
    lead back to one independent source.
    """
    _check(min_articles)
    if ensure:
        ensure_claims(store)
    with _no_gc():
        return _outlets(store, min_articles)


def _outlets(store: Store, min_articles: int) -> nx.DiGraph:
    statements, travel = read_all(store)
    copies = read_copies(store)
    analyses = (_analyse(claim, members, travel, copies) for claim, members in statements.items()
                if len({s.article for s in members}) >= min_articles)
    return outlet_projection((a.audit.id, a.paths, a.statements, a.audit.single_source) for a in analyses)
