"""What the audit reads from the store, as plain records.

`read_all` is the audit's bulk read: one query (`audit_input`) for every
claim, statement, channel and article, one packed string per row, so a store
of a million triples costs one round trip and a few tens of thousands of
strings rather than a hundred thousand queries or a million terms.
`fetch_statements` and `fetch_travel` read the same facts through the
readable queries (`claim_statements`, `claim_channels`, `article_travel`),
narrowed by a bound parameter to one claim or article for `claim_graph`.
Both readers build their records with the same functions below, and a store
whose data `audit_input` cannot pack (a blank node or literal where an IRI
belongs) is read through the readable queries instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import queries
from kg.rdf.namespaces import mint
from kg.store import Store

_KIND_SUFFIX = "#"  # cp:Direct → "direct"


@dataclass(frozen=True, slots=True)
class Hop:
    """One channel between a speaker and the article ("à Al-Monitor", "aux journalistes")."""

    position: int  # 1 = nearest the speaker
    label: str
    kind: str  # outlet, audience, interview, document, relay
    target: str  # IRI of what the channel leads to
    target_label: str
    target_kind: str | None  # a relay who speaks elsewhere in the article has a speaker kind


@dataclass(frozen=True, slots=True)
class ClaimedStatement:
    """One statement of one claim, as one article carries it."""

    claim: str  # claim IRI
    claim_id: str
    summary: str
    statement: str  # statement IRI
    article: str  # article id
    start: int
    end: int
    text: str
    hedge: str | None  # the extractor's hedge marker (unattributed statements)
    attribution: str | None  # None: nobody is credited
    speaker: str | None  # speaker IRI
    speaker_label: str | None
    anonymous: bool
    speaker_kind: str | None  # person, organization, outlet, document, anonymous
    cue: str | None
    kind: str | None  # direct, indirect, mixed
    via: tuple[Hop, ...] = ()

    @property
    def attributed(self) -> bool:
        return self.attribution is not None


@dataclass(frozen=True, slots=True)
class Outlet:
    iri: str
    name: str


@dataclass(frozen=True, slots=True)
class Travel:
    """How one article reached the reader."""

    article: str
    title: str | None
    publisher: Outlet | None
    translator: Outlet | None
    upstream: tuple[Outlet, ...]  # republished from, nearest first

    @property
    def origin(self) -> Outlet | None:
        """The furthest outlet the text credits: where its words were first printed."""
        if self.upstream:
            return self.upstream[-1]
        return self.publisher


def claim_iri(claim_id: str) -> str:
    return str(mint("claim", claim_id))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def fetch_statements(store: Store, claim: str | None = None) -> dict[str, list[ClaimedStatement]]:
    """Claimed statements by claim IRI, each with its channels in order, in text order."""
    bindings = {"claim": ox.NamedNode(claim)} if claim else None
    hops: dict[str, list[Hop]] = defaultdict(list)
    for r in store.query(queries.load("claim_channels"), bindings).records():
        if r["attribution"] is None or r["through"] is None:
            continue
        hops[r["attribution"]].append(Hop(
            position=_int(r["position"], 1),
            label=r["label"] or r["throughLabel"] or "",
            kind=r["channelKind"] or "outlet",
            target=r["through"],
            target_label=r["throughLabel"] or r["label"] or "",
            target_kind=r["throughKind"],
        ))
    out: dict[str, list[ClaimedStatement]] = defaultdict(list)
    seen: set[tuple[str, str | None]] = set()
    for r in store.query(queries.load("claim_statements"), bindings).records():
        key = (r["statement"] or "", r["attribution"])
        if key in seen:
            continue  # an optional label or kind given twice: the first row speaks
        seen.add(key)
        attribution = r["attribution"]
        kind = r["kind"]
        out[r["claim"] or ""].append(ClaimedStatement(
            claim=r["claim"] or "",
            claim_id=r["claimId"] or "",
            summary=r["summary"] or "",
            statement=r["statement"] or "",
            article=r["article"] or "",
            start=_int(r["start"]),
            end=_int(r["end"]),
            text=r["text"] or "",
            hedge=r["hedge"],
            attribution=attribution,
            speaker=r["speaker"],
            speaker_label=r["speakerLabel"],
            anonymous=r["anonymous"] == "true",
            speaker_kind=r["speakerKind"],
            cue=r["cue"],
            kind=kind.rsplit(_KIND_SUFFIX, 1)[-1].lower() if kind else None,
            via=tuple(sorted(hops.get(attribution or "", ()), key=lambda h: h.position)),
        ))
    for members in out.values():
        members.sort(key=lambda s: (s.article, s.start, s.end, s.attribution or ""))
    return dict(out)


@dataclass
class _TravelRows:
    """The rows of one article, gathered before they become a frozen `Travel`."""

    title: str | None = None
    publisher: Outlet | None = None
    translator: Outlet | None = None
    upstream: dict[int, Outlet] = field(default_factory=dict)


def fetch_travel(store: Store, article: str | None = None) -> dict[str, Travel]:
    """Publisher, translator and republication chain of every article (or of one)."""
    bindings = {"article": ox.Literal(article)} if article is not None else None
    rows: dict[str, _TravelRows] = defaultdict(_TravelRows)
    for r in store.query(queries.load("article_travel"), bindings).records():
        entry = rows[r["article"] or ""]
        entry.title = entry.title or r["title"]
        if r["publisher"] and r["publisherName"]:
            entry.publisher = Outlet(r["publisher"], r["publisherName"])
        if r["translator"] and r["translatorName"]:
            entry.translator = Outlet(r["translator"], r["translatorName"])
        if r["upstream"] and r["upstreamName"]:
            entry.upstream[_int(r["position"], 1)] = Outlet(r["upstream"], r["upstreamName"])
    return {aid: Travel(article=aid, title=e.title, publisher=e.publisher, translator=e.translator,
                        upstream=tuple(e.upstream[k] for k in sorted(e.upstream)))
            for aid, e in rows.items()}
