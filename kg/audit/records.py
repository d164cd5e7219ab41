"""What the audit reads from the store, as plain records.

`read_all` is the audit's bulk read: the copies the claims graph and each
article graph keep packed (`packed_claims`, `packed_facts`; see
`kg.rdf.facts`), so a store of a million triples costs two small queries
rather than a join over a million triples. A store whose graphs lack current
copies (written by an older kg, or edited by hand) has them computed by
`claim_members` and `article_facts` over the whole store.
`fetch_statements` and `fetch_travel` read the same facts through the
readable queries (`claim_statements`, `claim_channels`, `article_travel`),
narrowed by a bound parameter to one claim or article for `claim_graph`.
Both readers build their records with the same functions below, and a store
whose data cannot be packed (a blank node or literal where an IRI belongs)
is read through the readable queries instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from kg import queries
from kg.rdf import facts
from kg.rdf.namespaces import mint
from kg.store import Store

_KIND_SUFFIX = "#"  # cp:Direct → "direct"

# The audit's records are slotted dataclasses, built once and only read, and not frozen: a frozen
# dataclass costs twice as long to build, and auditing a million triples builds some two hundred
# thousand records (a tenth of the whole audit's time, measured). Nothing hashes them.


@dataclass(slots=True)
class Hop:
    """One channel between a speaker and the article ("à Al-Monitor", "aux journalistes")."""

    position: int  # 1 = nearest the speaker
    label: str
    kind: str  # outlet, audience, interview, document, relay
    target: str  # IRI of what the channel leads to
    target_label: str
    target_kind: str | None  # a relay who speaks elsewhere in the article has a speaker kind


@dataclass(slots=True)
class StatementRow:
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


@dataclass(slots=True)
class OutletNode:
    iri: str
    name: str


@dataclass(slots=True)
class ArticleTravel:
    """How one article reached the reader."""

    article: str
    title: str | None
    publisher: OutletNode | None
    translator: OutletNode | None
    upstream: tuple[OutletNode, ...]  # republished from, nearest first

    @property
    def origin(self) -> OutletNode | None:
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


def _hop(position: str | None, label: str | None, channel_kind: str | None, through: str,
         through_label: str | None, through_kind: str | None) -> Hop:
    return Hop(position=_int(position, 1), label=label or through_label or "", kind=channel_kind or "outlet",
               target=through, target_label=through_label or label or "", target_kind=through_kind)


@lru_cache(maxsize=256)
def _kind(kind: str) -> str:
    return kind.rsplit(_KIND_SUFFIX, 1)[-1].lower()


def _in_position_order(hops: dict[str, list[Hop]]) -> dict[str, tuple[Hop, ...]]:
    return {a: tuple(sorted(h, key=lambda h: h.position)) for a, h in hops.items()}


def _statement(claim: str, claim_id: str, summary: str, statement: str, article: str | None,
               start: str | None, end: str | None, text: str | None, hedge: str | None,
               attribution: str | None, speaker: str | None, speaker_label: str | None,
               anonymous: str | None, speaker_kind: str | None, cue: str | None, kind: str | None,
               via: dict[str, tuple[Hop, ...]]) -> StatementRow:
    return StatementRow(
        claim=claim, claim_id=claim_id, summary=summary, statement=statement, article=article or "",
        start=_int(start), end=_int(end), text=text or "", hedge=hedge, attribution=attribution,
        speaker=speaker, speaker_label=speaker_label, anonymous=anonymous == "true", speaker_kind=speaker_kind,
        cue=cue, kind=_kind(kind) if kind else None, via=via.get(attribution or "", ()),
    )


def _in_text_order(out: dict[str, list[StatementRow]]) -> dict[str, list[StatementRow]]:
    for members in out.values():
        members.sort(key=lambda s: (s.article, s.start, s.end, s.attribution or ""))
    return dict(out)


def fetch_statements(store: Store, claim: str | None = None) -> dict[str, list[StatementRow]]:
    """Claimed statements by claim IRI, each with its channels in order, in text order."""
    bindings = {"claim": ox.NamedNode(claim)} if claim else None
    hops: dict[str, list[Hop]] = defaultdict(list)
    for r in store.query(queries.load("claim_channels"), bindings).records():
        if r["attribution"] is None or r["through"] is None:
            continue
        hops[r["attribution"]].append(_hop(r["position"], r["label"], r["channelKind"], r["through"],
                                           r["throughLabel"], r["throughKind"]))
    via = _in_position_order(hops)
    out: dict[str, list[StatementRow]] = defaultdict(list)
    seen: set[tuple[str, str | None]] = set()
    for r in store.query(queries.load("claim_statements"), bindings).records():
        key = (r["statement"] or "", r["attribution"])
        if key in seen:
            continue  # an optional label or kind given twice: the first row speaks
        seen.add(key)
        out[r["claim"] or ""].append(_statement(
            r["claim"] or "", r["claimId"] or "", r["summary"] or "", r["statement"] or "", r["article"],
            r["start"], r["end"], r["text"], r["hedge"], r["attribution"], r["speaker"], r["speakerLabel"],
            r["anonymous"], r["speakerKind"], r["cue"], r["kind"], via))
    return _in_text_order(out)


@dataclass
class _TravelRows:
    """The rows of one article, gathered before they become a frozen `ArticleTravel`."""

    title: str | None = None
    publisher: OutletNode | None = None
    translator: OutletNode | None = None
    upstream: dict[int, OutletNode] = field(default_factory=dict)

    def add(self, title: str | None, publisher: str | None, publisher_name: str | None, translator: str | None,
            translator_name: str | None, position: str | None, upstream: str | None,
            upstream_name: str | None) -> None:
        self.title = self.title or title
        if publisher and publisher_name:
            self.publisher = OutletNode(publisher, publisher_name)
        if translator and translator_name:
            self.translator = OutletNode(translator, translator_name)
        if upstream and upstream_name:
            self.upstream[_int(position, 1)] = OutletNode(upstream, upstream_name)


def _travels(rows: dict[str, _TravelRows]) -> dict[str, ArticleTravel]:
    return {aid: ArticleTravel(article=aid, title=e.title, publisher=e.publisher, translator=e.translator,
                        upstream=tuple(e.upstream[k] for k in sorted(e.upstream)))
            for aid, e in rows.items()}


def fetch_travel(store: Store, article: str | None = None) -> dict[str, ArticleTravel]:
    """Publisher, translator and republication chain of every article (or of one)."""
    bindings = {"article": ox.Literal(article)} if article is not None else None
    rows: dict[str, _TravelRows] = defaultdict(_TravelRows)
    for r in store.query(queries.load("article_travel"), bindings).records():
        rows[r["article"] or ""].add(r["title"], r["publisher"], r["publisherName"], r["translator"],
                                    r["translatorName"], r["position"], r["upstream"], r["upstreamName"])
    return _travels(rows)


# ---------------------------------------------------------------- the bulk read

def _claims(store: Store) -> dict[str, list[tuple[str, str, str]]] | None:
    """Statement IRI → the claims it belongs to, as (claim IRI, id, summary); None when a claim's
    statements cannot be listed as IRIs (then only the readable queries can read the store)."""
    copies = [facts.read(value) for (value,) in store.values(queries.load("packed_claims"))]
    if copies and all(c is not None for c in copies):
        rows = [row for c in copies for row in c or ()]
    else:
        rows = store.values(queries.load(facts.CLAIMS_QUERY))
    of: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    seen: set[str] = set()
    for claim, claim_id, summary, members in rows:
        if claim is None or claim_id is None or summary is None or claim in seen:
            continue  # a claim needs its id and summary; a second id or summary: the first row speaks
        if members is None:
            return None
        seen.add(claim)
        named = (claim, claim_id, summary)
        for statement in members.split(" "):
            of[statement].append(named)
    return of


def _fact_rows(store: Store) -> list[facts.Row]:
    """Every article's fact rows: the copies packed in the graphs when all of them have a current
    one, else `article_facts` over the whole store. `Unpackable` when a row cannot be read."""
    rows: list[facts.Row] = []
    for _, value in store.values(queries.load("packed_facts")):
        stored = facts.read(value)
        if stored is None:
            return facts.unpack_all(r or "" for (r,) in store.values(queries.load(facts.FACTS_QUERY)))
        rows += stored
    return rows


def read_all(store: Store) -> tuple[dict[str, list[StatementRow]], dict[str, ArticleTravel]]:
    """Every claim's statements (as `fetch_statements(store)`) and every article's travel
    (as `fetch_travel(store)`), in two small queries when the article graphs carry their packed facts."""
    claims = _claims(store)
    try:
        if claims is None:
            raise facts.Unpackable("a claim's statements")
        rows = _fact_rows(store)
        statements: list[tuple[list[str | None], list[str | None]]] = []
        hops: dict[str, list[Hop]] = defaultdict(list)
        travel: dict[str, _TravelRows] = defaultdict(_TravelRows)
        for row_kind, t, f in rows:
            if row_kind == "s":
                statements.append((t, f))
            elif row_kind == "h":
                if t[0] is not None and t[1] is not None:
                    hops[t[0]].append(_hop(t[2], f[0], f[1], t[1], f[3], f[2]))
            else:
                travel[f[0] or ""].add(f[4], t[0], f[1], t[1], f[2], t[3], t[2], f[3])
    except (facts.Unpackable, ValueError, IndexError):
        return fetch_statements(store), fetch_travel(store)
    via = _in_position_order(hops)
    out: dict[str, list[StatementRow]] = defaultdict(list)
    seen: set[tuple[str, str | None, str]] = set()
    for (statement, attribution, speaker, kind, start, end, anonymous), f in statements:
        for claim, claim_id, summary in claims.get(statement or "", ()):
            key = (statement or "", attribution, claim)
            if key in seen:
                continue  # an optional label or kind given twice: the first row speaks
            seen.add(key)
            out[claim].append(_statement(claim, claim_id, summary, statement or "", f[0], start, end, f[5],
                                         f[1], attribution, speaker, f[2], anonymous, f[3], f[4], kind, via))
    return _in_text_order(out), _travels(travel)
