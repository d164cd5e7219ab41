"""A remote store: any SPARQL 1.1 server, through the SPARQL 1.1 Protocol and the Graph Store Protocol.

`--store http://HOST:PORT/` (or `$KG_STORE` set to a URL) picks it. From that
base URL it reads with `BASE/query`, writes article graphs with the Graph Store
Protocol at `BASE/store` (one `PUT ?graph=IRI` per article: the server replaces
the graph atomically) and sends updates to `BASE/update`, which is how Oxigraph
server lays itself out (`oxigraph serve`); a URL ending in `/query` or `/sparql`
is taken as the query endpoint itself, the others beside it.

Queries without `GRAPH` must see every article graph, as on the embedded store:
the server has to answer over the union of its named graphs by default
(`oxigraph serve --union-default-graph`, Fuseki's `unionDefaultGraph`; Virtuoso
and GraphDB do so already). Bound parameters travel as a `VALUES` block at the
start of the query's outer group, never pasted into its text as strings.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import queries
from kg.errors import QueryError, StoreError
from kg.store.base import Binding, Capability, ExportFormat, PutOutcome, QueryResult, check_variable_name
from kg.store.oxigraph import _dataset_bytes
from kg.store.terms import binding_term, triples_to_ox

if TYPE_CHECKING:
    import httpx

    from kg.store.base import Triples

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9, text/plain;q=0.5"

_ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _ntriples(staged: ox.Store, graph: ox.NamedNode, chunk: int = 5_000) -> Iterator[bytes]:
    """One graph of `staged` as N-Triples, `chunk` triples a piece."""
    quads = staged.quads_for_pattern(None, None, None, graph)
    while batch := [q.triple for q in itertools.islice(quads, chunk)]:
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""


def is_url(location: object) -> bool:
    """Whether a `--store` value names a SPARQL server rather than a folder."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


class SparqlStore:
    """A `kg.store.base.Store` on a SPARQL 1.1 server; one named graph per article."""

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.AUDIT_CACHE} | (set() if self.read_only else {Capability.WRITE}))

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = 300.0) -> None:
        import httpx

        self.location = url
        self.read_only = read_only
        base = url.rstrip("/")
        if base.endswith(("/query", "/sparql")):
            self.query_url = base
            base = base.rsplit("/", 1)[0]
        else:
            self.query_url = f"{base}/query"
        self.update_url = f"{base}/update"
        self.store_url = f"{base}/store"
        self._client: httpx.Client | None = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))

    # ------------------------------------------------------------------ writing

    def replace_graph(self, graph_iri: str, triples: Triples, digest: str) -> PutOutcome:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only: cannot write graph {graph_iri}")
        old = self.article_digest(graph_iri)
        if old == digest:
            return "unchanged"
        from kg.rdf import facts  # late, as in the embedded store

        # The same triples the embedded store writes: the article's, and its facts packed for the audit.
        staged = facts.stage(triples_to_ox(triples), str(graph_iri))
        existed = old is not None or self._graph_exists(graph_iri)
        # Graph Store Protocol PUT: the server replaces the whole graph in one operation. The body
        # is streamed (chunked transfer encoding), so the N-Triples of a big article never sit
        # whole in memory here.
        self._send("PUT", self.store_url, what=f"write graph {graph_iri}", params={"graph": str(graph_iri)},
                   content=_ntriples(staged, ox.NamedNode(str(graph_iri))), headers={"Content-Type": N_TRIPLES})
        return "replaced" if existed else "added"

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request (one transaction on the server)."""
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only: cannot run an update")
        self._send("POST", self.update_url, what="update", data={"update": sparql})

    # ------------------------------------------------------------------ reading

    def article_digest(self, graph_iri: str) -> str | None:
        result = self.query(queries.load("article_digest"), {"graph": ox.NamedNode(str(graph_iri))})
        digests = sorted(d for d in result.column("digest") if d is not None)
        return digests[0] if digests else None

    def _graph_exists(self, graph_iri: str) -> bool:
        result = self.query("ASK { GRAPH ?graph { ?s ?p ?o } }", {"graph": ox.NamedNode(str(graph_iri))})
        return bool(result.boolean)

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        text = bind(sparql, bindings)
        response = self._send("POST", self.query_url, what="query", data={"query": text},
                              headers={"Accept": _ACCEPT})
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if kind in (RESULTS_JSON, "application/json"):
                return QueryResult.from_results_json(response.content)
            if kind in (N_TRIPLES, "text/plain"):
                parsed = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
                return QueryResult.from_triples(tuple(q.triple for q in parsed))
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"SPARQL server {self.location} sent an unreadable answer: {err}") from err
        raise StoreError(f"SPARQL server {self.location} answered in {kind or 'no format'}, "
                         f"expected {RESULTS_JSON} or {N_TRIPLES}")

    def values(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> list[tuple[str | None, ...]]:
        result = self.query(sparql, bindings)
        if result.kind != "select":
            raise QueryError("only a SELECT query has rows of values")
        return result.values()

    def export(self, fmt: ExportFormat | str) -> bytes:
        fmt = ExportFormat.parse(fmt)
        result = self.query(_ALL_QUADS)
        quads = [ox.Quad(s, p, o, g) for g, s, p, o in result.rows]  # type: ignore[arg-type]
        return _dataset_bytes(quads, fmt)

    def stats(self) -> dict[str, int]:
        row = self.query(queries.load("stats")).records()
        counts = {k: int(v or 0) for k, v in row[0].items()} if row else {}
        return {"triples": len(self), **counts}

    def __len__(self) -> int:
        (n,) = self.query(_COUNT_QUADS).values()[0]
        return int(n or 0)

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SparqlStore({self.location!r})"

    # ------------------------------------------------------------------ HTTP

    def _send(self, method: str, url: str, *, what: str, **kwargs: object) -> httpx.Response:
        import httpx

        if self._client is None:
            raise StoreError(f"store {self.location} is closed")
        try:
            response = self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as err:
            raise StoreError(f"SPARQL server {self.location} did not answer in time ({what}): {err}") from err
        except httpx.HTTPError as err:
            raise StoreError(f"cannot reach SPARQL server {self.location} ({what}): {err or type(err).__name__}") \
                from err
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300] or response.reason_phrase
            message = f"SPARQL server {self.location} refused the {what}: HTTP {response.status_code}: {detail}"
            if what == "query" and response.status_code == 400:
                raise QueryError(message)
            raise StoreError(message)
        return response


# ---------------------------------------------------------------------- bound parameters

# What may hide a brace: comments, strings (long and short), IRIs.
_TOKEN = re.compile(
    r"""#[^\n]*|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'"""
    r"""|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|[{}]|\bCONSTRUCT\b""",
    re.IGNORECASE,
)


def bind(sparql: str, bindings: Mapping[str, Binding] | None) -> str:
    """The query with `bindings` as a `VALUES` block opening its outer group (`WHERE {` of the query).

    Values are written by pyoxigraph's term serialiser (`<iri>`, `"text"^^<type>`), so a
    bound value can never change the query's structure.
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for name, value in bindings.items():
        term = binding_term(value)
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"cannot bind ?{check_variable_name(name)} to a blank node on a SPARQL server")
        names.append(f"?{check_variable_name(name)}")
        terms.append(str(term))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    at = _outer_group(sparql)
    return sparql[:at] + block + sparql[at:]


def _outer_group(sparql: str) -> int:
    """The offset just after the `{` that opens the query's WHERE group (skipping a CONSTRUCT template)."""
    depth, skip_template = 0, False
    for match in _TOKEN.finditer(sparql):
        token = match.group(0)
        if token.upper() == "CONSTRUCT":
            rest = sparql[match.end():].lstrip()
            skip_template = rest.startswith("{")
        elif token == "{":
            if depth == 0 and not skip_template:
                return match.end()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                skip_template = False
    raise QueryError("cannot bind parameters: the query has no WHERE group")
