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
from functools import lru_cache

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
               via: dict[str, tuple[Hop, ...]]) -> ClaimedStatement:
    return ClaimedStatement(
        claim=claim, claim_id=claim_id, summary=summary, statement=statement, article=article or "",
        start=_int(start), end=_int(end), text=text or "", hedge=hedge, attribution=attribution,
        speaker=speaker, speaker_label=speaker_label, anonymous=anonymous == "true", speaker_kind=speaker_kind,
        cue=cue, kind=_kind(kind) if kind else None, via=via.get(attribution or "", ()),
    )


def _in_text_order(out: dict[str, list[ClaimedStatement]]) -> dict[str, list[ClaimedStatement]]:
    for members in out.values():
        members.sort(key=lambda s: (s.article, s.start, s.end, s.attribution or ""))
    return dict(out)


def fetch_statements(store: Store, claim: str | None = None) -> dict[str, list[ClaimedStatement]]:
    """Claimed statements by claim IRI, each with its channels in order, in text order."""
    bindings = {"claim": ox.NamedNode(claim)} if claim else None
    hops: dict[str, list[Hop]] = defaultdict(list)
    for r in store.query(queries.load("claim_channels"), bindings).records():
        if r["attribution"] is None or r["through"] is None:
            continue
        hops[r["attribution"]].append(_hop(r["position"], r["label"], r["channelKind"], r["through"],
                                           r["throughLabel"], r["throughKind"]))
    via = _in_position_order(hops)
    out: dict[str, list[ClaimedStatement]] = defaultdict(list)
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
    """The rows of one article, gathered before they become a frozen `Travel`."""

    title: str | None = None
    publisher: Outlet | None = None
    translator: Outlet | None = None
    upstream: dict[int, Outlet] = field(default_factory=dict)

    def add(self, title: str | None, publisher: str | None, publisher_name: str | None, translator: str | None,
            translator_name: str | None, position: str | None, upstream: str | None,
            upstream_name: str | None) -> None:
        self.title = self.title or title
        if publisher and publisher_name:
            self.publisher = Outlet(publisher, publisher_name)
        if translator and translator_name:
            self.translator = Outlet(translator, translator_name)
        if upstream and upstream_name:
            self.upstream[_int(position, 1)] = Outlet(upstream, upstream_name)


def _travels(rows: dict[str, _TravelRows]) -> dict[str, Travel]:
    return {aid: Travel(article=aid, title=e.title, publisher=e.publisher, translator=e.translator,
                        upstream=tuple(e.upstream[k] for k in sorted(e.upstream)))
            for aid, e in rows.items()}


def fetch_travel(store: Store, article: str | None = None) -> dict[str, Travel]:
    """Publisher, translator and republication chain of every article (or of one)."""
    bindings = {"article": ox.Literal(article)} if article is not None else None
    rows: dict[str, _TravelRows] = defaultdict(_TravelRows)
    for r in store.query(queries.load("article_travel"), bindings).records():
        rows[r["article"] or ""].add(r["title"], r["publisher"], r["publisherName"], r["translator"],
                                    r["translatorName"], r["position"], r["upstream"], r["upstreamName"])
    return _travels(rows)


# ---------------------------------------------------------------- the bulk read

class _Unpackable(ValueError):
    """A row of `audit_input` that does not have the shape the query gives it."""


# kind → (tokens, strings) in each packed row; see kg/queries/audit_input.rq.
_SHAPES = {"c": (1, 2), "s": (8, 6), "h": (3, 4), "t": (4, 5)}


def _unpack(row: str) -> tuple[str, list[str | None], list[str | None]]:
    """One packed row → (kind, tokens, strings); None where a value is unbound."""
    head, bar, body = row.partition("|")
    shape = _SHAPES.get(head[:1])
    parts = head[1:].split(" ")
    if shape is None or not bar or len(parts) != shape[0] + 1 or "?" in parts:
        raise _Unpackable(row[:200])  # "?": a blank node, which only the readable queries name
    lengths = parts.pop().split(",")
    if len(lengths) != shape[1]:
        raise _Unpackable(row[:200])
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
        raise _Unpackable(row[:200])
    return head[0], [None if t == "-" else t for t in parts], fields


def read_all(store: Store) -> tuple[dict[str, list[ClaimedStatement]], dict[str, Travel]]:
    """Every claim's statements (as `fetch_statements(store)`) and every article's travel
    (as `fetch_travel(store)`), in one query."""
    rows = [r[0].value if r[0] is not None else "" for r in store.query(queries.load("audit_input")).rows]
    try:
        claims: dict[str, tuple[str, str]] = {}
        statements: list[tuple[list[str | None], list[str | None]]] = []
        hops: dict[str, list[Hop]] = defaultdict(list)
        travel: dict[str, _TravelRows] = defaultdict(_TravelRows)
        for row in rows:
            kind, t, f = _unpack(row)
            if kind == "s":
                statements.append((t, f))
            elif kind == "h":
                if t[0] is not None and t[1] is not None:
                    hops[t[0]].append(_hop(t[2], f[0], f[1], t[1], f[3], f[2]))
            elif kind == "t":
                travel[f[0] or ""].add(f[4], t[0], f[1], t[1], f[2], t[3], t[2], f[3])
            elif t[0] is not None and f[0] is not None and f[1] is not None:
                claims.setdefault(t[0], (f[0], f[1]))  # kind c: a claim needs its id and summary
    except (_Unpackable, ValueError):
        return fetch_statements(store), fetch_travel(store)
    via = _in_position_order(hops)
    out: dict[str, list[ClaimedStatement]] = defaultdict(list)
    seen: set[tuple[str, str | None]] = set()
    for (claim, statement, attribution, speaker, kind, start, end, anonymous), f in statements:
        named = claims.get(claim or "")
        if named is None or statement is None:
            continue
        key = (statement, attribution)
        if key in seen:
            continue  # an optional label or kind given twice: the first row speaks
        seen.add(key)
        out[claim or ""].append(_statement(claim or "", named[0], named[1], statement, f[0], start, end, f[5],
                                           f[1], attribution, speaker, f[2], anonymous, f[3], f[4], kind, via))
    return _in_text_order(out), _travels(travel)
