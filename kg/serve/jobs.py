"""What a worker process does with the store: protocol queries, named queries and pages.

Runs in the worker processes of `kg.serve.workers` only. Every job reads the
store through a read-only handle (`OxigraphStore.open_read_only`), so nothing
here can write, whatever the request says. Answers go back to the server as
plain Python values (bytes, str, dicts): they cross a pipe.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kg import queries
from kg.errors import InputError, KgError, QueryError, StoreError
from kg.store.oxigraph import OxigraphStore

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_PREFIXED = {"turtle", "rdfxml"}  # the formats that can write the project's prefixes
# Files RocksDB rewrites without the data changing (its own log, and the lock a writer takes).
_NOT_DATA = ("LOG", "LOCK")


class NotFound(Exception):
    """A page or named query for something the store does not hold."""


class NotAcceptable(Exception):
    """The client accepts no format the answer can be written in."""


def failure(err: BaseException) -> tuple[str, str]:
    """(kind, one-line message) of an exception raised by a job, for the server to map to a status."""
    message = " ".join(str(err).split())
    if isinstance(err, SyntaxError):
        return "syntax", f"SPARQL syntax error: {message}"
    if isinstance(err, NotFound):
        return "notfound", message
    if isinstance(err, NotAcceptable):
        return "notacceptable", message
    if isinstance(err, QueryError | RuntimeError):
        return "query", message
    if isinstance(err, InputError):
        return "input", message
    if isinstance(err, StoreError | OSError):
        return "store", message
    if isinstance(err, KgError):
        return "input", message
    return "internal", f"{type(err).__name__}: {message}"


def _signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes in the store's folder when something writes to it."""
    entries = []
    for entry in os.scandir(path):
        if entry.name.startswith(_NOT_DATA) or not entry.is_file():
            continue
        st = entry.stat()
        entries.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


class WorkerState:
    """The worker's read-only store, reopened when the folder changed, and what it computed from it."""

    def __init__(self, path: Path, settings: dict[str, Any]) -> None:
        self.path = path
        self.settings = settings
        self.store: OxigraphStore | None = None
        self.signature: tuple[tuple[str, int, int], ...] = ()
        self.memo: dict[tuple[Any, ...], Any] = {}

    def open(self) -> None:
        # Imported now, not at the first request: that would count against its time limit.
        import kg.audit
        import kg.rdf.namespaces
        import kg.site  # noqa: F401

        self.reopen()

    def reopen(self) -> None:
        if self.store is not None:
            self.store.close()
        self.signature = _signature(self.path)
        self.store = OxigraphStore.open_read_only(self.path)
        self.memo.clear()

    def current(self) -> OxigraphStore:
        if self.store is None or _signature(self.path) != self.signature:
            self.reopen()
        assert self.store is not None
        return self.store


def run(state: WorkerState, kind: str, args: dict[str, Any]) -> Any:
    """Run one job; if a writer replaced the files under the reader meanwhile, reopen and run it again."""
    try:
        return _run(state, kind, dict(args))
    except (OSError, RuntimeError, KgError) as err:
        if not any(word in str(err) for word in _STALE_FILES):
            raise
    state.reopen()
    return _run(state, kind, dict(args))


# What RocksDB says when a writer compacted away the files a read-only reader had open.
_STALE_FILES = ("Corruption", "IO error", "No such file")


def _run(state: WorkerState, kind: str, args: dict[str, Any]) -> Any:
    if kind == "sparql":
        return _sparql(state, **args)
    if kind == "named":
        name = args.pop("name")
        try:
            text = queries.load(name)
        except InputError as err:
            raise NotFound(str(err)) from err
        return _sparql(state, query=text, **args)
    if kind == "page":
        return _page(state, **args)
    if kind == "status":
        from kg.audit import claims_are_current

        store = state.current()
        return {"stats": store.stats(), "claims_current": claims_are_current(store)}
    raise ValueError(f"unknown job {kind!r}")


# ---------------------------------------------------------------------- SPARQL


def _sparql(state: WorkerState, *, query: str, results_format: str | None, graph_format: str | None,
            max_rows: int, bindings: dict[str, str] | None = None, default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None) -> dict[str, Any]:
    """Run a query; answer {kind, media_type, body, rows, truncated} with at most `max_rows` rows or triples."""
    from kg.rdf.namespaces import PREFIXES
    from kg.store.terms import substitutions

    store = state.current().pyoxigraph
    options: dict[str, Any] = {"substitutions": substitutions(bindings) or None}
    if default_graphs is not None or named_graphs is not None:
        # The protocol's dataset replaces the store's (and any FROM in the query): exactly these graphs.
        options["default_graph"] = _graphs(default_graphs or [], "default-graph-uri")
        options["named_graphs"] = _graphs(named_graphs or [], "named-graph-uri")
    else:
        # As `kg query`: without GRAPH, a query sees every article graph at once.
        options["use_default_graph_as_union"] = True
    answer = store.query(query, **options)
    if isinstance(answer, ox.QueryBoolean):
        fmt = _pick(results_format, RESULTS_FORMATS, "an ASK answer")
        body = answer.serialize(format=fmt) or b""
        return _answer("ask", fmt.media_type, body, 1, truncated=False)
    if isinstance(answer, ox.QueryTriples):
        gfmt = _pick(graph_format, GRAPH_FORMATS, "a graph (CONSTRUCT or DESCRIBE)")
        triples, truncated = _first(answer, max_rows)
        prefixes = dict(PREFIXES) if graph_format in _PREFIXED else None
        graph = ox.serialize(triples, format=gfmt, prefixes=prefixes) if prefixes else ox.serialize(
            triples, format=gfmt)
        return _answer("graph", gfmt.media_type, graph or b"", len(triples), truncated=truncated)
    fmt = _pick(results_format, RESULTS_FORMATS, "SELECT results")
    names = [v.value for v in answer.variables]
    width = len(names)
    solutions, truncated = _first(answer, max_rows)
    rows = [tuple(s[i] for i in range(width)) for s in solutions]
    document = solutions_json(names, rows)
    if fmt == ox.QueryResultsFormat.JSON:
        body = document
    else:
        body = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON).serialize(format=fmt) or b""
    return _answer("select", fmt.media_type, body, len(rows), truncated=truncated)


def _answer(kind: str, media_type: str, body: bytes, rows: int, *, truncated: bool) -> dict[str, Any]:
    return {"kind": kind, "media_type": media_type, "body": body, "rows": rows, "truncated": truncated}


def _pick(name: str | None, formats: dict[str, Any], what: str) -> Any:
    if name is None or name not in formats:
        raise NotAcceptable(f"the query's answer is {what}, and the request accepts none of its formats "
                            f"({', '.join(f.media_type.split(';')[0] for f in formats.values())})")
    return formats[name]


def _first(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def _graphs(iris: list[str], parameter: str) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(i) for i in iris]
    except ValueError as err:
        raise InputError(f"bad {parameter} value: {err}") from err


def solutions_json(variables: list[str], rows: Iterable[tuple[Any, ...]]) -> bytes:
    """A W3C SPARQL 1.1 JSON results document for these rows (unbound values left out)."""
    bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


# ---------------------------------------------------------------------- pages


def claim_href(claim_id: str) -> str:
    """The audit page's link to a claim page, relative so `kg.view.render_index` accepts it."""
    return "claim/" + quote(claim_id, safe="")


def _page(state: WorkerState, *, page: str, ident: str = "", min_articles: int = 1) -> str:
    from kg import site
    from kg.audit import audit_json, outlet_graph, run_audit
    from kg.view import render_index, render_outlets

    store = state.current()
    # The server's store cannot be written: the pages show the claims as last linked (`kg link`).
    try:
        if page == "index":
            key = ("audit", min_articles)
            if key not in state.memo:
                state.memo[key] = run_audit(store, min_articles=min_articles, ensure=False)
            audits = state.memo[key]
            return render_index(audit_json(audits), {a.id: claim_href(a.id) for a in audits}, "outlets")
        if page == "claim":
            return site.claim_page(store, ident)
        if page == "article":
            return site.article_page(store, ident, ensure=False)
        if page == "outlets":
            return site.outlets_page(store, min_articles=min_articles, ensure=False)
        if page == "outlet":
            return render_outlets(_outlet_neighbourhood(outlet_graph(store, min_articles=1, ensure=False), ident))
    except InputError as err:
        raise NotFound(str(err)) from err
    raise ValueError(f"unknown page {page!r}")


def _outlet_neighbourhood(graph: Any, name: str) -> Any:
    """One outlet and the outlets it took claims from or passed them to."""
    import networkx as nx

    wanted = name.casefold()
    node = next((n for n, a in graph.nodes(data=True)
                 if str(a.get("label", "")).casefold() == wanted or str(n) == name), None)
    if node is None:
        known = sorted(str(a.get("label", n)) for n, a in graph.nodes(data=True))
        raise NotFound(f"no outlet {name!r} in the store's claims; known: {', '.join(known[:12])}"
                       f"{' …' if len(known) > 12 else ''}")
    sub = nx.ego_graph(graph, node, radius=1, undirected=True).copy()
    sub.graph.update(graph.graph)
    return sub
