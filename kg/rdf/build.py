"""Map one article's `Extraction` onto the claimprov ontology (`ontology/claimprov.ttl`).

The output is a plain set of triples with no blank nodes: every node has an IRI
from `namespaces.mint`, so building the same extraction twice gives the very
same triples, and goldens can be compared exactly. PROV's qualification
pattern is written out in both directions (shortcut and qualified node)
because the stores we query have no reasoner to infer one from the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Claim,
    Extraction,
    InferredCopy,
    Outlet,
    OutletKind,
    PublisherEvidence,
    Span,
    Speaker,
    SpeakerKind,
    Unattributed,
)
from kg.rdf import facts
from kg.rdf.namespaces import CP, DCTERMS, OA, PROV, RDF, RDFS, SCHEMA, XSD, bind_prefixes, mint, slug

__all__ = ["article_graph", "article_iri", "article_triples", "claims_graph", "graph_iri", "statement_iri"]

Triple = tuple[Node, Node, Node]

_KIND_INDIVIDUAL: dict[AttributionKind, URIRef] = {
    AttributionKind.DIRECT: CP.Direct,
    AttributionKind.INDIRECT: CP.Indirect,
    AttributionKind.MIXED: CP.Mixed,
}

# Classes beside prov:Agent for a named speaker of each kind; anonymous ones are
# typed in `_anonymous_types`, because their identity rules differ.
_NAMED_SPEAKER_CLASS: dict[SpeakerKind, URIRef] = {
    SpeakerKind.PERSON: SCHEMA.Person,
    SpeakerKind.ORGANIZATION: SCHEMA.Organization,
    SpeakerKind.OUTLET: SCHEMA.NewsMediaOrganization,
    SpeakerKind.DOCUMENT: CP.Document,
}

_NAMED_SPEAKER_IRI_KIND: dict[SpeakerKind, str] = {
    SpeakerKind.PERSON: "agent",
    SpeakerKind.ORGANIZATION: "organization",
    SpeakerKind.DOCUMENT: "document",
}

# Most specific first: a date the container gives as "2023-07" is a month, not a day.
_DATE_FORMS: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"), XSD.dateTime),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


@cache
def mapping_version() -> str:
    """A digest of the mapping itself (this module, the vocabulary, the packed facts): the
    pipeline stores it with each article, so an upgraded mapping rewrites unchanged articles."""
    h = hashlib.sha256(facts.copy_format().encode())
    # What writes the graphs, not what checks them (`validate`): a new validator rewrites nothing.
    for name in ("build.py", "facts.py", "namespaces.py"):
        path = Path(__file__).resolve().parent / name
        h.update(name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def graph_iri(article: Article) -> URIRef:
    """The named graph that holds everything said about `article`; stable across re-ingests."""
    return mint("graph", article.id)


def article_iri(article_id: str) -> URIRef:
    return mint("article", article_id)


def statement_iri(article_id: str, start: int, end: int) -> URIRef:
    """Statements are keyed by their offsets so claim linking can point at them later."""
    return mint("statement", article_id, str(start), str(end))


def _new_graph(identifier: URIRef) -> Graph:
    # "core" keeps rdflib from binding two dozen unrelated prefixes into every dump.
    return bind_prefixes(Graph(identifier=identifier, bind_namespaces="core"))


class _Triples:
    """Where the mapping puts an article's triples: handed on as they come, not kept.

    An rdflib graph of a 5 MB article holds half a million triples (about 1 KB
    each); only the little the mapping asks back is kept here: which nodes are
    named already (`_name_once`) and each outlet's kind, written at the end
    because a later mention may know it better (`_outlet`). A triple may come
    twice (a speaker met in two attributions): every reader takes them as a set.
    """

    def __init__(self) -> None:
        self.pending: list[Triple] = []
        self.named: set[tuple[URIRef, URIRef]] = set()
        self.outlet_kinds: dict[URIRef, OutletKind] = {}

    def add(self, triple: Triple) -> None:
        self.pending.append(triple)

    def drain(self) -> list[Triple]:
        out, self.pending = self.pending, []
        return out


def article_triples(x: Extraction, *, digest: str | None = None) -> Iterator[Triple]:
    """The triples of `article_graph(x)`, streamed attribution by attribution (repeats possible).

    What the pipeline writes: memory holds one attribution's triples at a time,
    whatever the article's size. `digest` is what the store compares on
    re-ingest (default: the article's content digest); the pipeline folds the
    extractor's version into it, so an improved extractor re-reads articles
    whose text has not changed.
    """
    g = _Triples()
    article = _article(g, x, digest or x.article.digest)
    yield from g.drain()
    # A relay ("X, cité par Y") who also speaks in this article is that speaker's node.
    speakers: dict[str, URIRef] = {}
    for a in x.attributions:
        speakers.setdefault(slug(a.speaker.name), _speaker_iri(x.article, a.speaker))
    for n, attribution in enumerate(x.attributions, start=1):
        _attribution(g, x.article, article, n, attribution, speakers)
        yield from g.drain()
    for hedged in x.unattributed:
        _unattributed(g, x.article, hedged)
        yield from g.drain()
    for node, kind in g.outlet_kinds.items():
        yield (node, CP.outletKind, Literal(kind.value))


def article_graph(x: Extraction, *, digest: str | None = None) -> Graph:
    """All triples describing one article's extraction, in a graph named `graph_iri(x.article)`.

    `digest` as in `article_triples`, which gives the same triples without holding them.
    """
    g = _new_graph(graph_iri(x.article))
    for triple in article_triples(x, digest=digest):
        g.add(triple)
    return g


def claims_graph(claims: Iterable[Claim], copies: Iterable[InferredCopy] | None = None) -> Graph:
    """Claims and the statements they group (the statements themselves live in article graphs),
    and, when `copies` is given, the uncredited copies found between their articles."""
    g = _new_graph(mint("claims-graph"))
    for claim in claims:
        node = mint("claim", claim.id)
        g.add((node, RDF.type, CP.Claim))
        g.add((node, RDF.type, SCHEMA.Claim))
        g.add((node, DCTERMS.identifier, Literal(claim.id)))
        g.add((node, RDFS.label, Literal(claim.summary)))
        for s in claim.statements:
            g.add((node, CP.hasStatement, statement_iri(s.article_id, s.start, s.end)))
            g.add((node, SCHEMA.appearance, article_iri(s.article_id)))
    if copies is not None:
        g.add((mint("claims-graph"), CP.copiesChecked, Literal(True)))
        for c in copies:
            _inferred_copy(g, c)
    return g


def _inferred_copy(g: Graph, c: InferredCopy) -> None:
    """`copy` prov:wasDerivedFrom `original`, qualified by how it was found and on what share."""
    copy, original = article_iri(c.copy), article_iri(c.original)
    node = mint("derivation", c.copy, c.original)
    g.add((copy, PROV.wasDerivedFrom, original))
    g.add((copy, PROV.qualifiedDerivation, node))
    g.add((node, RDF.type, PROV.Derivation))
    g.add((node, RDF.type, CP.InferredDerivation))
    g.add((node, PROV.entity, original))
    g.add((node, CP.derivationMethod, Literal(c.how)))
    g.add((node, CP.reusedShare, Literal(Decimal(str(round(c.share, 3))), datatype=XSD.decimal)))


# ---------------------------------------------------------------- article and its travel


def _article(g: _Triples, x: Extraction, digest: str) -> URIRef:
    a = x.article
    node = article_iri(a.id)
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.identifier, Literal(a.id)))
    g.add((node, SCHEMA.text, Literal(a.text)))
    g.add((node, CP.contentDigest, Literal(digest)))
    lang = x.lang or a.lang
    if lang:
        g.add((node, DCTERMS.language, Literal(lang)))
    if a.title:
        g.add((node, SCHEMA.headline, Literal(a.title)))
    if a.url:
        # A literal, not an IRI: container URLs are not always valid IRIs, and a bad
        # one must not make the whole article unserialisable.
        g.add((node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
    if a.date:
        date = _date_literal(a.date)
        g.add((node, DCTERMS.date, date))
        g.add((node, SCHEMA.datePublished, date))

    publisher = x.publisher or (Outlet(a.publisher) if a.publisher else None)
    if publisher:
        g.add((node, SCHEMA.publisher, _outlet(g, publisher)))
        evidence = x.publisher_evidence or (PublisherEvidence.METADATA if not x.publisher else None)
        if evidence is not None:
            g.add((node, CP.publisherEvidence, Literal(evidence.value)))
    if x.translated_by:
        g.add((node, SCHEMA.translator, _outlet(g, x.translated_by)))
    _republication_chain(g, a.id, node, x.republished_from)
    return node


def _republication_chain(g: _Triples, article_id: str, article: URIRef, chain: tuple[Outlet, ...]) -> None:
    """Each outlet in the chain published a copy we only know by its credit line.

    The copies are linked hop by hop with prov:wasDerivedFrom (nearest first), so
    property paths can walk the chain, and each also hangs off the article by
    cp:republishedFrom with its cp:position, so one ORDER BY lists it.
    """
    derived = article
    for position, outlet in enumerate(chain, start=1):
        copy = mint("copy", article_id, str(position))
        g.add((copy, RDF.type, CP.Copy))
        g.add((copy, RDF.type, PROV.Entity))
        g.add((copy, SCHEMA.publisher, _outlet(g, outlet)))
        g.add((copy, CP.position, Literal(position)))
        g.add((article, CP.republishedFrom, copy))
        g.add((derived, PROV.wasDerivedFrom, copy))
        derived = copy


def _outlet(g: _Triples, outlet: Outlet) -> URIRef:
    node = mint("outlet", outlet.name)
    g.add((node, RDF.type, SCHEMA.NewsMediaOrganization))
    g.add((node, RDF.type, PROV.Agent))
    _name_once(g, node, outlet.name)
    current = g.outlet_kinds.get(node)
    # The same outlet may come as a channel (kind unknown) before the gazetteer's kind.
    unknown = OutletKind.UNKNOWN
    if current is None or (current is unknown and outlet.kind is not unknown):
        g.outlet_kinds[node] = outlet.kind
    return node


def _name_once(g: _Triples, node: URIRef, name: str, *, label_only: bool = False) -> None:
    # Names fold to one IRI ("Al-Monitor", "AL-MONITOR"); the first spelling met in
    # this article names the node, so each graph gives a node exactly one name.
    if (node, RDFS.label) not in g.named:
        g.named.add((node, RDFS.label))
        g.add((node, RDFS.label, Literal(name)))
    if not label_only and (node, SCHEMA.name) not in g.named:
        g.named.add((node, SCHEMA.name))
        g.add((node, SCHEMA.name, Literal(name)))


# ---------------------------------------------------------------- attributions


def _attribution(
    g: _Triples, article: Article, article_node: URIRef, n: int, a: Attribution, speakers: dict[str, URIRef]
) -> None:
    node = mint("attribution", article.id, str(n))
    speaker = _speaker(g, article, a.speaker)
    statement = _statement(g, article, a.quote)
    if a.kind is AttributionKind.DIRECT:
        g.add((statement, RDF.type, SCHEMA.Quotation))

    g.add((node, RDF.type, CP.Attribution))
    g.add((node, RDF.type, PROV.Attribution))
    g.add((node, PROV.agent, speaker))
    g.add((node, CP.statement, statement))
    g.add((statement, PROV.qualifiedAttribution, node))
    g.add((statement, PROV.wasAttributedTo, speaker))
    g.add((node, CP.kind, _KIND_INDIVIDUAL[a.kind]))
    g.add((node, CP.reportedIn, article_node))
    if a.cue.text:
        # A continuation quote has no cue of its own (the extractor gives an empty
        # span); an absent cp:cue says so, where "" would claim a zero-width word.
        g.add((node, CP.cue, Literal(a.cue.text)))
        g.add((node, CP.cueSelector, _selector(g, article, a.cue)))
    mention = a.speaker.mention
    if mention is not None and mention.text:
        # On the attribution, not the speaker: a named speaker's node is shared by
        # every article, but each mention belongs to one sentence of one article.
        g.add((node, CP.mention, Literal(mention.text)))
        g.add((node, CP.mentionSelector, _selector(g, article, mention)))
    for position, channel in enumerate(a.via, start=1):
        g.add((node, CP.channel, _channel(g, article, n, position, channel, speakers)))


def _is_anonymous(s: Speaker) -> bool:
    return s.anonymous or s.kind is SpeakerKind.ANONYMOUS


def _speaker_iri(article: Article, s: Speaker) -> URIRef:
    if _is_anonymous(s):
        # An unnamed "responsable du Pentagone" in two articles may be two people:
        # the node is scoped to the article that describes them.
        return mint("source", article.id, s.name)
    if s.kind is SpeakerKind.OUTLET:
        return mint("outlet", s.name)
    return mint(_NAMED_SPEAKER_IRI_KIND[s.kind], s.name)


def _speaker(g: _Triples, article: Article, s: Speaker) -> URIRef:
    anonymous = _is_anonymous(s)
    if anonymous:
        node = _speaker_iri(article, s)
        for cls in _anonymous_types(s.kind):
            g.add((node, RDF.type, cls))
        _name_once(g, node, s.name, label_only=True)
    elif s.kind is SpeakerKind.OUTLET:
        node = _outlet(g, Outlet(s.name))
    else:
        node = _speaker_iri(article, s)
        g.add((node, RDF.type, _NAMED_SPEAKER_CLASS[s.kind]))
        _name_once(g, node, s.name)
    g.add((node, RDF.type, PROV.Agent))
    g.add((node, CP.anonymous, Literal(anonymous)))
    g.add((node, CP.speakerKind, Literal(s.kind.value)))
    if s.role:
        g.add((node, SCHEMA.jobTitle, Literal(s.role)))
    if s.institution:
        g.add((node, CP.institution, Literal(s.institution)))
    if s.rank:
        g.add((node, CP.rank, Literal(s.rank)))
    # An outlet speaking as itself lists itself as its org; it is not its own member.
    if s.org and slug(s.org) != slug(s.name):
        g.add((node, SCHEMA.memberOf, _organization(g, s.org)))
    return node


def _anonymous_types(kind: SpeakerKind) -> tuple[URIRef, ...]:
    # An unnamed outlet ("des médias") is kept out of schema:NewsMediaOrganization,
    # which is reserved for named outlets with an outlet/ IRI.
    extra = {
        SpeakerKind.PERSON: (SCHEMA.Person,),
        SpeakerKind.ORGANIZATION: (SCHEMA.Organization,),
        SpeakerKind.OUTLET: (SCHEMA.Organization,),
        SpeakerKind.DOCUMENT: (CP.Document,),
        SpeakerKind.ANONYMOUS: (),
    }[kind]
    return (CP.AnonymousSource, *extra)


def _organization(g: _Triples, name: str) -> URIRef:
    node = mint("organization", name)
    g.add((node, RDF.type, SCHEMA.Organization))
    g.add((node, RDF.type, PROV.Agent))
    _name_once(g, node, name)
    return node


def _channel(
    g: _Triples, article: Article, n: int, position: int, channel: Channel, speakers: dict[str, URIRef]
) -> URIRef:
    node = mint("channel", article.id, str(n), str(position))
    g.add((node, RDF.type, CP.Channel))
    g.add((node, CP.position, Literal(position)))
    g.add((node, CP.channelKind, Literal(channel.kind.value)))
    g.add((node, RDFS.label, Literal(channel.label)))
    g.add((node, CP.through, _channel_target(g, article, channel, speakers)))
    if channel.span is not None and channel.span.text:
        g.add((node, CP.mentionSelector, _selector(g, article, channel.span)))
    return node


def _channel_target(g: _Triples, article: Article, channel: Channel, speakers: dict[str, URIRef]) -> URIRef:
    if channel.kind is ChannelKind.RELAY:
        known = speakers.get(slug(channel.label))
        if known is not None:
            return known
        # A relay carries no kind (person? body? unnamed?), so it cannot safely share
        # a global node; it stays in its article, like an anonymous source.
        node = mint("relay", article.id, channel.label)
        g.add((node, RDF.type, CP.Relay))
        g.add((node, RDF.type, PROV.Agent))
        _name_once(g, node, channel.label, label_only=True)
        return node
    if channel.kind is ChannelKind.OUTLET:
        return _outlet(g, Outlet(channel.label))
    if channel.kind is ChannelKind.DOCUMENT:
        node = mint("document", channel.label)
        g.add((node, RDF.type, CP.Document))
        _name_once(g, node, channel.label)
        return node
    # Audiences and interviews: "aux journalistes" in one article is not the same
    # journalists as in another. (An interview given to a named outlet arrives as
    # an OUTLET channel; INTERVIEW means one given to an audience.)
    node = mint("audience", article.id, channel.label)
    g.add((node, RDF.type, SCHEMA.Audience))
    _name_once(g, node, channel.label, label_only=True)
    return node


# ---------------------------------------------------------------- statements and spans


def _statement(g: _Triples, article: Article, span: Span) -> URIRef:
    node = statement_iri(article.id, span.start, span.end)
    g.add((node, RDF.type, CP.Statement))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, article_iri(article.id)))
    g.add((node, OA.hasSelector, _selector(g, article, span)))
    return node


def _unattributed(g: _Triples, article: Article, u: Unattributed) -> None:
    node = _statement(g, article, u.span)
    g.add((node, RDF.type, CP.UnattributedStatement))
    g.add((node, CP.hedge, Literal(u.marker)))


def _selector(g: _Triples, article: Article, span: Span) -> URIRef:
    """One node that is both a position and a quote selector.

    Offsets alone break silently if the text is re-cleaned; the exact text alone
    is ambiguous when a phrase repeats. Carrying both lets a reader re-anchor.
    Offsets are Python string indices, i.e. Unicode code points, as Web
    Annotation's TextPositionSelector specifies.
    """
    node = mint("selector", article.id, str(span.start), str(span.end))
    g.add((node, RDF.type, OA.TextPositionSelector))
    g.add((node, RDF.type, OA.TextQuoteSelector))
    g.add((node, OA.start, Literal(span.start)))
    g.add((node, OA.end, Literal(span.end)))
    g.add((node, OA.exact, Literal(span.text)))
    return node


def _date_literal(value: str) -> Literal:
    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    # Free-form dates ("14 juillet 2023") stay plain strings rather than being guessed at.
    return Literal(value)
