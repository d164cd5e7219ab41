"""What the audit reads of a graph, packed into one literal of that graph.

The audit needs, for every statement of every article, its span, text,
speaker and channels, for every article how it travelled, and for every
claim its statements. Joining those out of a million triples costs Oxigraph
seconds, and the answer only changes when a graph is rewritten. So whenever
the store writes a graph (`replace_graph`), `packed` runs the audit's query
over that one graph and keeps the answer in it as JSON (`rdf:JSON`),
`{"format": …, "rows": […]}`:

- an article graph: `article_facts` rows on the article node (`cp:packedFacts`);
- the claims graph: `claim_members` rows on the graph's own node (`cp:packedClaims`).

The copy is computed from exactly the triples written beside it, in the same
transaction, so the two cannot drift apart through kg. The audit reads the
copies in two small queries and falls back to running the queries over the
whole store when a graph has none, or one of another format (written by an
older kg, or edited by a SPARQL update).

`article_facts` packs each row into one string (kind letter, space-separated
tokens, string lengths, then the strings end to end; see the query) because
that is what one SPARQL row over the whole store carries cheaply; `unpack`
turns one into (kind, tokens, strings), which is what the copy keeps.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg import queries
from kg.rdf.namespaces import CP, RDF, SCHEMA

FACTS_QUERY = "article_facts"
CLAIMS_QUERY = "claim_members"
_FORMAT = "1"  # bump with any change to how rows are kept in the literal

Row = tuple[str, list[str | None], list[str | None]]
ClaimRow = tuple[str | None, ...]  # claim, claimId, summary, statements (space-separated IRIs)

_PACKED_FACTS = ox.NamedNode(str(CP.packedFacts))
_PACKED_CLAIMS = ox.NamedNode(str(CP.packedClaims))
_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))
_CLAIM = ox.NamedNode(str(CP.Claim))
_JSON = ox.NamedNode(str(RDF.JSON))

# kind → (tokens, strings) of each packed row; see kg/queries/article_facts.rq.
_SHAPES = {"s": (7, 6), "h": (3, 4), "t": (4, 5)}


class Unpackable(ValueError):
    """A packed row without the shape its kind has: a blank node or a literal where an IRI belongs."""


@cache
def copy_format() -> str:
    """Names the queries and the storage together: a copy of another format is not read."""
    text = "\n".join([_FORMAT, queries.load(FACTS_QUERY), queries.load(CLAIMS_QUERY)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def unpack(row: str) -> Row:
    """One packed row → (kind, tokens, strings); None where a value is unbound."""
    head, bar, body = row.partition("|")
    shape = _SHAPES.get(head[:1])
    parts = head[1:].split(" ")
    if shape is None or not bar or len(parts) != shape[0] + 1 or "?" in parts:
        raise Unpackable(row[:200])  # "?": a blank node, which only the readable queries name
    lengths = parts.pop().split(",")
    if len(lengths) != shape[1]:
        raise Unpackable(row[:200])
    fields: list[str | None] = []
    i = 0
    for n in lengths:
        if n == "-":
            fields.append(None)
        elif n == "*":
            fields.append(body[i:])
            i = len(body)
        else:
            j = i + int(n)
            fields.append(body[i:j])
            i = j
    if i != len(body) or lengths[-1] not in ("*", "-"):
        raise Unpackable(row[:200])
    return head[0], [None if t == "-" else t for t in parts], fields


def unpack_all(rows: Iterable[str]) -> list[Row]:
    """Every row unpacked; `Unpackable` (a ValueError) on the first that cannot be."""
    try:
        return [unpack(r) for r in rows]
    except ValueError as err:  # int() of a damaged length, too
        raise Unpackable(str(err)) from err


def packed(triples: Iterable[ox.Triple], graph: str) -> list[ox.Triple]:
    """The triples of one graph with the packed copy the audit reads (a stale copy is dropped).

    An article graph (one article node) gets its `cp:packedFacts`, a graph of
    claims its `cp:packedClaims`; any other graph is returned as it is. No copy
    is added when some row cannot be packed: the audit then reads that store
    the slow way, as it would without the copy. (`stage` does the same without
    a list of the triples: what the stores write from.)
    """
    kept = [t for t in triples if t.predicate != _PACKED_FACTS and t.predicate != _PACKED_CLAIMS]
    store = _staging(kept, graph)
    extra = _packed_copy(store, graph)
    return kept if extra is None else [*kept, extra.triple]


def without_copies(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """The triples but any packed copy: a stale one is never written back."""
    return (t for t in triples if t.predicate != _PACKED_FACTS and t.predicate != _PACKED_CLAIMS)


def packed_copy(store: ox.Store, graph: str) -> ox.Quad | None:
    """The packed copy of one graph of `store`, computed over that graph alone, as a quad to add
    (None when it gets none, as in `packed`)."""
    return _packed_copy(store, graph, named_graphs=[ox.NamedNode(graph)])


def stage(triples: Iterable[ox.Triple], graph: str) -> ox.Store:
    """A throw-away in-memory store holding one graph's triples, each once, with their packed copy
    (as `packed`), named `graph`: what a store writes from.

    The triples are consumed as they come; the staging store keeps them in
    about a third of what a list of Python triples takes, and it is the store
    the copy's query runs on anyway.
    """
    store = _staging(without_copies(triples), graph)
    extra = _packed_copy(store, graph)
    if extra is not None:
        store.add(extra)
    return store


def _staging(triples: Iterable[ox.Triple], graph: str) -> ox.Store:
    store = ox.Store()
    name = ox.NamedNode(graph)
    # In memory, bulk_extend builds the indexes once at the end instead of per quad.
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return store


def _packed_copy(store: ox.Store, graph: str,
                 named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None) -> ox.Quad | None:
    """The quad that holds the graph's packed copy, or None (not an article or claims graph, or unpackable)."""
    name = ox.NamedNode(graph)
    articles = {q.subject for q in store.quads_for_pattern(None, _TYPE, _ARTICLE, name)}
    if len(articles) == 1:
        (article,) = articles
        copy = _copy(store, FACTS_QUERY, lambda row: unpack(row[0] or ""), named_graphs)
        return None if copy is None else ox.Quad(article, _PACKED_FACTS, copy, name)
    if not articles and next(store.quads_for_pattern(None, _TYPE, _CLAIM, name), None) is not None:
        copy = _copy(store, CLAIMS_QUERY, _claim_row, named_graphs)
        return None if copy is None else ox.Quad(name, _PACKED_CLAIMS, copy, name)
    return None


def _claim_row(row: ClaimRow) -> ClaimRow:
    # GROUP_CONCAT lists a claim's statements in the store's own order, which differs between
    # a staging store and the store the graph lands in; sorted, the copy is the same from either.
    claim, claim_id, summary, statements = row
    return claim, claim_id, summary, None if statements is None else " ".join(sorted(statements.split(" ")))


def _copy(store: ox.Store, query: str, keep: Callable[[tuple[str | None, ...]], Any],
          named_graphs: list[ox.NamedNode | ox.BlankNode] | None) -> ox.Literal | None:
    # `named_graphs`: in a store of many graphs, the query sees only the one being packed.
    solutions = store.query(queries.load(query), named_graphs=named_graphs)
    assert isinstance(solutions, ox.QuerySolutions)
    width = len(solutions.variables)
    try:
        rows = [keep(tuple(None if (t := s[i]) is None else t.value for i in range(width))) for s in solutions]
    except ValueError:  # Unpackable, or int() of a damaged length
        return None
    # Sorted: the same graph always packs to the same literal (stable exports).
    rows.sort(key=lambda r: json.dumps(r, ensure_ascii=False))
    text = json.dumps({"format": copy_format(), "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return ox.Literal(text, datatype=_JSON)


def read(value: str | None) -> list[Any] | None:
    """The rows of one stored copy; None when there is none or it has another format."""
    if not value:
        return None
    try:
        record = json.loads(value)
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("format") != copy_format():
        return None
    rows = record.get("rows")
    return rows if isinstance(rows, list) else None
