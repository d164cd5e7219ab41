"""Read statements from a store, and write the claims back as their own named graph."""

from __future__ import annotations

from collections.abc import Sequence

from kg import queries
from kg.model import Claim, InferredCopy, Statement
from kg.rdf.build import claims_graph
from kg.rdf.namespaces import mint
from kg.store import Store


def claims_graph_iri() -> str:
    return str(mint("claims-graph"))


def read_statements(store: Store) -> list[Statement]:
    """Every statement in the store, attributed or not, in article and text order."""
    seen: dict[str, Statement] = {}
    for row in store.query(queries.load("statements")).records():
        iri = row["statement"]
        if iri is None or iri in seen:
            continue  # one row per attribution and label: the first speaker names it
        seen[iri] = Statement(
            article_id=row["article"] or "",
            start=int(row["start"] or 0),
            end=int(row["end"] or 0),
            text=row["text"] or "",
            speaker=row["speaker"],
            anonymous=row["anonymous"] == "true",
        )
    return sorted(seen.values(), key=lambda s: (s.article_id, s.start, s.end))


def read_dates(store: Store) -> dict[str, str | None]:
    """Each article's publication date as stored (ISO, or free text), None when it has none."""
    return {row["article"]: row["date"] for row in store.query(queries.load("article_dates")).records()
            if row["article"] is not None}


def write_claims(store: Store, claims: Sequence[Claim], copies: Sequence[InferredCopy] | None = None) -> None:
    """Replace the claims graph with `claims` (and the uncredited `copies` found between their
    articles, when looked for), in one transaction.

    Claims are derived data, recomputed whole on every run: replacing the
    graph means a claim dissolved by a re-ingest leaves nothing behind.
    """
    # The store's protocol replaces a named graph atomically through
    # replace_graph; the claims graph carries no content digest, so it is
    # always rewritten.
    store.replace_graph(claims_graph_iri(), claims_graph(claims, copies), digest="")


def read_copies(store: Store) -> dict[str, InferredCopy]:
    """The uncredited copies `kg link` found: copying article → what it copies."""
    out: dict[str, InferredCopy] = {}
    for row in store.query(queries.load("inferred_copies")).records():
        if row["copy"] is not None and row["original"] is not None:
            out[row["copy"]] = InferredCopy(copy=row["copy"], original=row["original"], how=row["method"] or "",
                                            share=float(row["share"] or 0))
    return out
