"""What every store offers, whatever keeps the triples.

The pipeline and the CLI only see `Store`; which implementation sits behind it
is decided once, by `kg.store.open_store`, so tests can inject the embedded
store in a temporary folder (or in memory) and a deployment can swap in a
remote one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import pyoxigraph as ox

from kg.errors import InputError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rdflib.term import Node

    # What `replace_graph` takes: an rdflib graph, or any stream of its triples (`kg.rdf.build.article_triples`).
    Triples = Iterable[tuple[Node, Node, Node]]

PutOutcome = Literal["added", "replaced", "unchanged"]

# A value a caller may bind to a query variable: Python scalars are turned into
# typed literals (or IRIs, for strings that look like one) by `kg.store.terms`.
Binding = str | int | float | bool | ox.NamedNode | ox.Literal | ox.BlankNode


class Capability(StrEnum):
    """What a store can do beyond answering queries; callers ask, never probe types."""

    WRITE = "write"  # articles, claims and the audit's cache can be written
    AUDIT_CACHE = "audit-cache"  # keeps the audit's cache graph beside the claims (read it; written with WRITE)


class ExportFormat(StrEnum):
    """Serialisations `Store.export` can write."""

    TRIG = "trig"
    NQUADS = "nquads"
    TURTLE = "turtle"  # the union of every graph, so named-graph boundaries are lost
    JSONLD = "jsonld"

    @classmethod
    def parse(cls, value: ExportFormat | str) -> ExportFormat:
        try:
            return cls(value)
        except ValueError:
            raise UnknownNameError("export format", str(value), [f.value for f in cls]) from None


class ResultFormat(StrEnum):
    """W3C SPARQL 1.1 results formats (and, for CONSTRUCT, RDF ones)."""

    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    XML = "xml"


_RESULTS_FORMATS = {
    ResultFormat.JSON: ox.QueryResultsFormat.JSON,
    ResultFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultFormat.TSV: ox.QueryResultsFormat.TSV,
    ResultFormat.XML: ox.QueryResultsFormat.XML,
}
_GRAPH_FORMATS = {
    ResultFormat.JSON: ox.RdfFormat.JSON_LD,
    ResultFormat.CSV: ox.RdfFormat.N_TRIPLES,  # no CSV for graphs: one triple a line is the nearest
    ResultFormat.TSV: ox.RdfFormat.N_TRIPLES,
    ResultFormat.XML: ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class QueryResult:
    """The answer to one SPARQL query, detached from the store that produced it.

    SELECT answers keep the W3C JSON results document they were read from, so
    any backend (embedded or remote) produces the same object and every W3C
    format can be written from it without running the query again.
    """

    kind: Literal["select", "ask", "construct"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    _json: bytes = field(default=b"", repr=False)

    @classmethod
    def from_results_json(cls, document: bytes) -> QueryResult:
        """Build a SELECT or ASK result from a W3C SPARQL JSON results document."""
        parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return cls(kind="ask", boolean=bool(parsed), _json=document)
        variables = tuple(v.value for v in parsed.variables)
        rows = tuple(tuple(solution[v] for v in variables) for solution in parsed)
        return cls(kind="select", variables=variables, rows=rows, _json=document)

    @classmethod
    def from_triples(cls, triples: tuple[ox.Triple, ...]) -> QueryResult:
        return cls(kind="construct", triples=triples)

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "construct" else len(self.rows)

    def records(self) -> list[dict[str, str | None]]:
        """SELECT rows as plain dicts of lexical values: what most callers and tests want."""
        return [
            {var: None if t is None else lexical(t) for var, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def values(self) -> list[tuple[str | None, ...]]:
        """SELECT rows as tuples of lexical values, in the order of `variables`."""
        return [tuple(None if t is None else lexical(t) for t in row) for row in self.rows]

    def column(self, name: str) -> list[str | None]:
        """One variable's values, row by row; a name the query does not project is an input error."""
        if name not in self.variables:
            raise UnknownNameError("result variable", name, self.variables)
        return [r[name] for r in self.records()]

    def serialize(self, fmt: ResultFormat | str, prefixes: Mapping[str, str] | None = None) -> bytes:
        """Write the result in a W3C format: SPARQL results for SELECT/ASK, RDF for CONSTRUCT."""
        try:
            fmt = ResultFormat(fmt)
        except ValueError:
            raise UnknownNameError("result format", str(fmt), [f.value for f in ResultFormat]) from None
        if self.kind == "construct":
            out = ox.serialize(list(self.triples), format=_GRAPH_FORMATS[fmt], prefixes=dict(prefixes or {}))
            return out or b""
        if fmt is ResultFormat.JSON:
            return self._json
        if self.kind == "ask" and fmt in (ResultFormat.CSV, ResultFormat.TSV):
            # The W3C CSV/TSV formats define no boolean answer; one word is the usual convention.
            return b"true\n" if self.boolean else b"false\n"
        parsed = ox.parse_query_results(self._json, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_RESULTS_FORMATS[fmt]) or b""


def lexical(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per article.

    Implementations: `kg.store.oxigraph.OxigraphStore` (embedded, the default) and
    `kg.store.sparql.SparqlStore` (a remote SPARQL 1.1 server: `replace_graph` is one
    Graph Store Protocol PUT, `query` a POST whose JSON answer feeds
    `QueryResult.from_results_json`).
    """

    location: str

    @property
    def capabilities(self) -> frozenset[Capability]:
        """What this store can do (`Capability`); a read-only store lacks `WRITE`."""
        ...

    def replace_graph(self, graph_iri: str, triples: Triples, digest: str) -> PutOutcome:
        """Replace one named graph (an article's, the claims graph, the kept audit), streamed:
        `triples` (a graph, or a stream of triples, repeats allowed) is read once and never held
        as a whole. Every writer of the store goes through here.

        An unchanged digest writes nothing (a graph written with an empty digest, as derived data is,
        is rewritten every time); a changed one replaces
        the whole named graph, and a reader never sees half of it: a new graph lands
        in one transaction, a replaced one too (on the embedded store, up to
        `kg.store.oxigraph.REPLACE_IN_ONE_UPDATE` triples; a bigger one is
        dropped, then added, so it is absent in between). An article graph is
        written with its facts packed for the audit (`kg.rdf.facts.packed`),
        computed from the very triples written.
        """
        ...

    def article_digest(self, graph_iri: str) -> str | None:
        """The content digest recorded for an article's graph, or None if it is not stored."""
        ...

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` are bound as values, never pasted into the text."""
        ...

    def values(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> list[tuple[str | None, ...]]:
        """A SELECT's rows as tuples of lexical values (as `query(...).values()`), for bulk readers:
        a backend may skip building the W3C results document."""
        ...

    def export(self, fmt: ExportFormat | str) -> bytes:
        """The whole store, deterministically ordered, as TriG, N-Quads, Turtle or JSON-LD."""
        ...

    def stats(self) -> dict[str, int]:
        """Counts of triples, article graphs, attributions, speakers and outlets."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None:
        """Release the store (for the embedded one, its folder lock); later calls raise StoreError."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_variable_name(name: str) -> str:
    """Accept `speaker`, `?speaker` or `$speaker`; anything else is not a SPARQL variable."""
    bare = name[1:] if name[:1] in "?$" else name
    if not _VARIABLE.match(bare):
        raise InputError(f"bad query parameter name {name!r}: expected a SPARQL variable name "
                         "such as 'speaker'")
    return bare
