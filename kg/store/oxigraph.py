"""The embedded default store: Oxigraph in a folder on disk (or in memory for tests)."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import queries
from kg.errors import QueryError, StoreError
from kg.store.base import Binding, Capability, ExportFormat, PutOutcome, QueryResult, lexical
from kg.store.terms import Substitutions, substitutions, triples_to_ox

if TYPE_CHECKING:
    from kg.store.base import Triples

MEMORY = ":memory:"

# Above this many triples a changed graph is replaced in two transactions (drop, then add) rather
# than one SPARQL update: 20,000 is an article of about 200 KB, so every ordinary one keeps the
# one-transaction swap, and the update's cost stays under about 80 MB.
REPLACE_IN_ONE_UPDATE = 20_000

_DATASET_FORMATS = {ExportFormat.TRIG: ox.RdfFormat.TRIG, ExportFormat.NQUADS: ox.RdfFormat.N_QUADS}


def _prefixes() -> dict[str, str]:
    # Imported late: the namespaces module pulls in rdflib's vocabularies, which
    # `kg query` on a plain SELECT never needs.
    from kg.rdf.namespaces import PREFIXES

    return dict(PREFIXES)


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


class OxigraphStore:
    """A `kg.store.base.Store` on pyoxigraph; one named graph per article."""

    read_only = False

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.AUDIT_CACHE} | (set() if self.read_only else {Capability.WRITE}))

    def __init__(self, path: Path | None = None) -> None:
        self.location = str(path) if path is not None else MEMORY
        if path is None:
            self._store: ox.Store | None = ox.Store()
            return
        _check_folder(path)
        try:
            self._store = ox.Store(str(path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"store {path} is in use by another kg process (its lock is held)") from err
            raise StoreError(f"cannot open store {path}: {err}") from err

    @classmethod
    def open_read_only(cls, path: Path) -> OxigraphStore:
        """A reader of the store in `path` that takes no lock, so a writer (`kg ingest`) may open it meanwhile.

        It sees the store as it was when opened (reopen to see later writes);
        `replace_graph` raises StoreError.
        """
        if not (Path(path) / "CURRENT").exists():
            raise StoreError(f"no store at {path}: run `kg ingest PATH --store {path}` first")
        store = cls.__new__(cls)
        store.location, store.read_only = str(path), True
        try:
            store._store = ox.Store.read_only(str(path))
        except OSError as err:
            raise StoreError(f"cannot open store {path} read-only: {err}") from err
        return store

    @property
    def pyoxigraph(self) -> ox.Store:
        """The pyoxigraph store underneath, for what the protocol does not offer (a query's dataset)."""
        return self._open()

    # ------------------------------------------------------------------ writing

    def replace_graph(self, graph_iri: str, triples: Triples, digest: str) -> PutOutcome:
        store = self._open()
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only: cannot write graph {graph_iri}")
        old = self.article_digest(graph_iri)
        if old == digest:
            return "unchanged"
        graph = ox.NamedNode(str(graph_iri))
        existed = old is not None or store.contains_named_graph(graph)
        from kg.rdf import facts  # late, as in `_prefixes`

        # Nothing in between holds the triples as a whole (no list, text or parse of them): one
        # extend takes the stream, and only the transaction that makes it atomic grows with it.
        stream = facts.without_copies(triples_to_ox(triples))
        try:
            fresh = self._replace(store, graph, stream) if existed else stream
            if fresh is not None:
                # One `extend` is one transaction: the whole graph lands, or nothing.
                store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in fresh)
                # The audit's facts, packed from exactly the triples just written (`kg.rdf.facts`).
                # A crash before this leaves a graph without its copy, which the audit reads the
                # slow way, as it would a graph an older kg wrote.
                copy = facts.packed_copy(store, graph.value)
                if copy is not None:
                    store.add(copy)
        except OSError as err:
            raise StoreError(f"cannot write graph {graph_iri} to store {self.location}: {err}") from err
        return "replaced" if existed else "added"

    @staticmethod
    def _replace(store: ox.Store, graph: ox.NamedNode, fresh: Iterator[ox.Triple]) -> Iterator[ox.Triple] | None:
        """Swap a small graph in one SPARQL update (None: done), or drop a big one and give its triples
        back for `replace_graph` to add."""
        from kg.rdf import facts

        head = list(itertools.islice(fresh, REPLACE_IN_ONE_UPDATE + 1))
        if len(head) > REPLACE_IN_ONE_UPDATE:
            # An update this size costs about 4 KB a triple (its text, the parse, the transaction):
            # 2 GB for a 5 MB article. Two transactions instead: a reader (or a crash) between
            # them finds the article absent, never half of it, and the next ingest adds it back.
            store.update(f"DROP SILENT GRAPH {graph}")
            return itertools.chain(head, fresh)
        staged = facts.stage(head, graph.value)
        body = (staged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"").decode("utf-8")
        # pyoxigraph exposes no transaction object, but one SPARQL Update request is one
        # transaction: the drop and the insert land together or not at all. Every piece of
        # this text comes out of an RDF serialiser (NamedNode.__str__, N-Triples), never
        # from user input, so nothing here can inject SPARQL.
        store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")
        return None

    # ------------------------------------------------------------------ reading

    def article_digest(self, graph_iri: str) -> str | None:
        result = self.query(queries.load("article_digest"), {"graph": ox.NamedNode(str(graph_iri))})
        digests = sorted(d for d in result.column("digest") if d is not None)
        return digests[0] if digests else None

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        store = self._open()
        subs = substitutions(bindings)
        with self._evaluating(subs):
            # Queries without GRAPH see every article graph at once, which is what
            # someone writing `SELECT ?s WHERE { ?s a cp:Attribution }` expects.
            answer = store.query(sparql, substitutions=subs or None, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryTriples):
                return QueryResult.from_triples(tuple(answer))
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(answer), _json=b'{"head":{},"boolean":%s}'
                                   % (b"true" if answer else b"false"))
            return QueryResult.from_results_json(answer.serialize(format=ox.QueryResultsFormat.JSON) or b"")

    def values(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> list[tuple[str | None, ...]]:
        store = self._open()
        subs = substitutions(bindings)
        with self._evaluating(subs):
            answer = store.query(sparql, substitutions=subs or None, use_default_graph_as_union=True)
            if not isinstance(answer, ox.QuerySolutions):
                raise QueryError("only a SELECT query has rows of values")
            width = len(answer.variables)
            # Straight from the solutions: on a bulk read the W3C document would cost more than the query.
            return [tuple(None if (t := s[i]) is None else lexical(t) for i in range(width)) for s in answer]

    @contextmanager
    def _evaluating(self, subs: Substitutions) -> Iterator[None]:
        """Oxigraph's errors, as kg's (solutions are evaluated lazily: iterating them can fail too)."""
        try:
            yield
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from err
        except OSError as err:
            raise StoreError(f"cannot read store {self.location}: {err}") from err
        except RuntimeError as err:
            # Oxigraph reports evaluation failures (a bound variable the query does
            # not project, a failing SERVICE call) as RuntimeError.
            names = ", ".join(f"?{v.value}" for v in subs) or "none"
            raise QueryError(f"query failed: {err} (bound parameters: {names})") from err

    def export(self, fmt: ExportFormat | str) -> bytes:
        return _dataset_bytes(list(self._open()), ExportFormat.parse(fmt))

    def stats(self) -> dict[str, int]:
        row = self.query(queries.load("stats")).records()
        counts = {k: int(v or 0) for k, v in row[0].items()} if row else {}
        return {"triples": len(self), **counts}

    def __len__(self) -> int:
        return len(self._open())

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Flush and release the store; a failing flush (a full disk) is a StoreError with the OS's words."""
        if self._store is not None:
            try:
                if self.location != MEMORY and not self.read_only:
                    self._store.flush()
            except OSError as err:
                raise StoreError(f"cannot write store {self.location}: {err}") from err
            finally:
                # Dropping the last reference is what releases RocksDB's folder lock.
                self._store = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"OxigraphStore({self.location!r})"

    def _open(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.location} is closed")
        return self._store


def _check_folder(path: Path) -> None:
    """Refuse paths Oxigraph would misuse: a file, or a folder of someone else's files."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"store path {path} exists and is not a folder")
    # RocksDB writes its files into any folder it is given; `--store examples/articles`
    # must not scatter database files among the user's articles.
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise StoreError(f"store path {path} is a non-empty folder that holds no kg store")


def _dataset_bytes(quads: list[ox.Quad], fmt: ExportFormat) -> bytes:
    """Quads written as `fmt`, sorted so two exports of the same content are byte-identical (any store)."""
    quads = sorted(quads, key=_quad_key)
    prefixes = _prefixes()
    if fmt in _DATASET_FORMATS:
        return ox.serialize(quads, format=_DATASET_FORMATS[fmt], prefixes=prefixes) or b""
    if fmt is ExportFormat.TURTLE:
        triples = sorted({q.triple for q in quads}, key=_triple_key)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    return _jsonld(quads, prefixes)


def _jsonld(quads: list[ox.Quad], prefixes: dict[str, str]) -> bytes:
    # Oxigraph writes expanded JSON-LD on one line; rdflib compacts it against
    # the project's prefixes and indents it, which is what a person wants to read.
    import rdflib

    with warnings.catch_warnings():
        # rdflib's own JSON-LD and N-Quads plugins still call its deprecated Dataset API.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", format="nquads")
        text = dataset.serialize(format="json-ld", context=prefixes, indent=2, sort_keys=True)
    return text.encode("utf-8")
