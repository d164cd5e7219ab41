"""The audit, kept in the store next to the claims it was computed from.

`run_audit` computes every claim's audit once and stores it in a named graph
of its own (`cache_graph_iri`), as a `schema:Dataset` whose `schema:text` is
the audit (JSON, zlib-compressed, base64) and whose `schema:version` is the
key it was computed under. The key is a SHA-256 over

- the audit's own code and queries (`code_version`), so a new kg recomputes;
- the claims: every claim's statements, id and summary (`kg link` rewrites them, and
  the uncredited copies between their articles, which follow from the claims, the
  texts and `kg.link.copies`);
- every article graph's content digest, which `kg ingest` changes whenever it
  rewrites an article.

The fingerprints are computed by the store (`audit_cache` query), so checking
the key costs one query, not a read of the claims. A store that cannot be
written to (the rdflib baseline of the benchmark) is simply not cached.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import queries
from kg.audit.changes import Change
from kg.audit.roots import RootSource
from kg.audit.verdict import ClaimAudit, ClaimOccurrence
from kg.link.storage import claims_graph_iri
from kg.store import Store

ENCODING = "application/json; zlib; base64"
_FORMAT = "2"  # bump with any change to `_encode`
_QUERIES = ("article_facts", "packed_facts", "claim_members", "packed_claims", "audit_cache", "claim_statements",
            "claim_channels", "article_travel", "inferred_copies")


def cache_graph_iri() -> str:
    """The named graph that keeps the audit: it hangs off the claims graph's IRI."""
    return f"{claims_graph_iri()}/audit"


@cache
def code_version() -> str:
    """A digest of everything that decides the audit's answer besides the store: its code and queries."""
    h = hashlib.sha256(_FORMAT.encode())
    root = Path(__file__).resolve().parents[1]
    for path in sorted([*root.joinpath("audit").glob("*.py"), root / "rdf" / "namespaces.py",
                        root / "rdf" / "build.py", root / "rdf" / "facts.py",
                        root / "link" / "group.py", root / "link" / "copies.py", root / "link" / "reuse.py"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())  # a file gone is an install broken, not a digest of nothing
    for name in _QUERIES:
        h.update(queries.load(name).encode())
    return h.hexdigest()


def load(store: Store) -> tuple[str | None, list[ClaimAudit] | None]:
    """(the key of the store's current state, the audit cached under it if any).

    The key is None when the store cannot say what it holds; then nothing may be cached.
    """
    rows = store.query(queries.load("audit_cache"), {"cache": ox.NamedNode(cache_graph_iri())}).records()
    row = rows[0] if rows else {}
    if not row.get("claims") or not row.get("articles"):
        return None, None
    key = hashlib.sha256(f"{code_version()} {row['claims']} {row['articles']}".encode()).hexdigest()
    if row.get("cachedKey") != key or not row.get("cached"):
        return key, None
    try:
        return key, _decode(str(row["cached"]))
    except (ValueError, TypeError, KeyError, IndexError, zlib.error):
        return key, None  # written by something else: recompute and overwrite


def save(store: Store, key: str, audits: Sequence[ClaimAudit]) -> None:
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.namespaces import PROV, RDF, SCHEMA

    node = URIRef(cache_graph_iri())
    g = Graph(identifier=node)
    g.add((node, RDF.type, SCHEMA.Dataset))
    g.add((node, PROV.wasDerivedFrom, URIRef(claims_graph_iri())))
    g.add((node, SCHEMA.version, Literal(key)))
    g.add((node, SCHEMA.encodingFormat, Literal(ENCODING)))
    g.add((node, SCHEMA.text, Literal(_encode(audits))))
    store.replace_graph(str(node), g, digest=key)


# ---------------------------------------------------------------- the payload
# Positional JSON arrays: half the size of the contract's objects, and quick to read back.

def _encode(audits: Sequence[ClaimAudit]) -> str:
    rows = [[a.id, a.summary, a.articles, a.outlets,
             [[r.node, r.speaker, r.anonymous, r.first_reported_by, r.kind, r.articles, r.statements,
               r.descriptions, r.evidence, r.group] for r in a.root_sources],
             a.independent_sources, a.single_source, a.anonymous_root, a.longest_chain, a.amplification,
             [[c.kind, c.detail, c.articles] for c in a.changes], a.cycles,
             [[s.article, s.start, s.end, s.text, s.speaker, s.anonymous, s.hedge] for s in a.statements],
             a.reasons]
            for a in audits]
    text = json.dumps([_FORMAT, rows], ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def _decode(payload: str) -> list[ClaimAudit]:
    version, rows = json.loads(zlib.decompress(base64.b64decode(payload, validate=True)))
    if version != _FORMAT:
        raise ValueError(f"audit cache format {version!r}")
    return [_audit(r) for r in rows]


def _audit(r: list[Any]) -> ClaimAudit:
    return ClaimAudit(
        id=r[0], summary=r[1], articles=tuple(r[2]), outlets=tuple(r[3]),
        root_sources=tuple(RootSource(node=x[0], speaker=x[1], anonymous=x[2], first_reported_by=x[3], kind=x[4],
                                      articles=tuple(x[5]), statements=x[6], descriptions=tuple(x[7]),
                                      evidence=x[8], group=x[9]) for x in r[4]),
        independent_sources=r[5], single_source=r[6], anonymous_root=r[7], longest_chain=r[8],
        amplification=r[9], changes=tuple(Change(kind=c[0], detail=c[1], articles=tuple(c[2])) for c in r[10]),
        cycles=tuple(tuple(c) for c in r[11]),
        statements=tuple(ClaimOccurrence(article=s[0], start=s[1], end=s[2], text=s[3], speaker=s[4],
                                      anonymous=s[5], hedge=s[6]) for s in r[12]),
        reasons=tuple(r[13]),
    )
