"""kg.rdf.build: one extraction → the triples of one named graph.

The sample is a French article in the style of the seeds: an anonymous
Pentagon official quoted directly through Al-Monitor and through journalists
then CNN, a named officer with a role and organisation, two statements passed
on by relays (one of them quoted elsewhere in the article), a hedged claim,
and a footer crediting The Cradle via Aube Digitale. Offsets are found with
`str.find`, so every span is what the text says.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.term import Node

from kg import queries
from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Claim,
    Extraction,
    Outlet,
    OutletKind,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    Unattributed,
)
from kg.rdf.build import article_graph, claims_graph, graph_iri, statement_iri
from kg.rdf.namespaces import CP, DCTERMS, OA, PROV, RDF, SCHEMA, XSD, mint
from kg.store import Store

GOLDEN = Path(__file__).parent / "golden" / "rdf_small.ttl"

TEXT = (
    "Syrie : Moscou et Téhéran accentuent la pression sur Washington\n\n"
    "Le groupe militaire russe en Syrie s’est discrètement coordonné avec les Gardiens de la révolution "
    "iraniens, a déclaré un responsable du Pentagone le 14 juillet.\n\n"
    "« Il y a une convergence d’intérêts entre ces trois groupes », a déclaré le responsable "
    "à Al-Monitor.\n\n"
    "« Ils continuent d’entreprendre des activités qui nous préoccupent beaucoup », a déclaré le responsable "
    "aux journalistes, selon CNN.\n\n"
    "Le contre-amiral Oleg Gurinov a affirmé que la situation restait « sous contrôle » dans la zone de "
    "désescalade.\n\n"
    "Selon Oleg Gurinov, un officier syrien a affirmé que les convois avaient été retardés. Le général "
    "Douglas Sims a reconnu, selon le sénateur Jack Reed, que les patrouilles seraient renforcées.\n\n"
    "Plusieurs soldats américains auraient été blessés lors d’un incident en août.\n\n"
    "Source : The Cradle via Aube Digitale\n"
    "Traduction : Aube Digitale\n"
)
ARTICLE = Article(
    id="000_fee7a79d059e0f4e",
    text=TEXT,
    lang="fr",
    date="2023-07",
    title="Syrie : Moscou et Téhéran accentuent la pression sur Washington",
    url="https://reseauinternational.net/syrie-moscou-et-teheran/",
)

SELECT_CHANNELS = """
    PREFIX cp: <https://w3id.org/claimprov#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?attribution ?position ?label ?kind ?target WHERE {
        ?attribution cp:channel ?channel .
        ?channel cp:position ?position ; rdfs:label ?label ; cp:channelKind ?kind ; cp:through ?target .
    } ORDER BY ?position
"""

def span(article: Article, needle: str, after: int = 0) -> Span:
    start = article.text.find(needle, after)
    assert start >= 0, f"{needle!r} not in the sample text"
    return article.span(start, start + len(needle))


def pentagon_official(article: Article, mention: str, after: int = 0) -> Speaker:
    return Speaker(
        name="un responsable du Pentagone",
        kind=SpeakerKind.ANONYMOUS,
        anonymous=True,
        org="Pentagone",
        institution="Pentagone",
        mention=span(article, mention, after),
    )


def sample_extraction() -> Extraction:
    a = ARTICLE
    second = a.text.find("« Il y a")
    third = a.text.find("« Ils continuent")
    fourth = a.text.find("Le contre-amiral")
    fifth = a.text.find("Selon Oleg Gurinov")
    gurinov = Speaker(
        name="Oleg Gurinov",
        kind=SpeakerKind.PERSON,
        anonymous=False,
        org="Centre russe pour la réconciliation en Syrie",
        role="contre-amiral",
        mention=span(a, "Le contre-amiral Oleg Gurinov"),
    )
    return Extraction(
        article=a,
        lang="fr",
        publisher=Outlet("Réseau International", OutletKind.WEBSITE),
        republished_from=(Outlet("Aube Digitale", OutletKind.BLOG), Outlet("The Cradle", OutletKind.WEBSITE)),
        translated_by=Outlet("Aube Digitale"),
        attributions=(
            Attribution(
                speaker=pentagon_official(a, "un responsable du Pentagone"),
                kind=AttributionKind.INDIRECT,
                cue=span(a, "a déclaré"),
                quote=span(a, "Le groupe militaire russe en Syrie s’est discrètement coordonné avec les "
                              "Gardiens de la révolution iraniens"),
            ),
            Attribution(
                speaker=pentagon_official(a, "le responsable", second),
                kind=AttributionKind.DIRECT,
                cue=span(a, "a déclaré", second),
                quote=span(a, "Il y a une convergence d’intérêts entre ces trois groupes"),
                via=(Channel("Al-Monitor", ChannelKind.OUTLET, span(a, "Al-Monitor")),),
            ),
            Attribution(
                speaker=pentagon_official(a, "le responsable", third),
                kind=AttributionKind.DIRECT,
                cue=span(a, "a déclaré", third),
                quote=span(a, "Ils continuent d’entreprendre des activités qui nous préoccupent beaucoup"),
                via=(
                    Channel("journalistes", ChannelKind.AUDIENCE, span(a, "journalistes")),
                    Channel("CNN", ChannelKind.OUTLET, span(a, "CNN")),
                ),
            ),
            Attribution(
                speaker=gurinov,
                kind=AttributionKind.MIXED,
                cue=span(a, "a affirmé", fourth),
                quote=span(a, "la situation restait « sous contrôle » dans la zone de désescalade"),
            ),
            Attribution(
                speaker=Speaker("un officier syrien", SpeakerKind.ANONYMOUS, anonymous=True,
                                mention=span(a, "un officier syrien")),
                kind=AttributionKind.INDIRECT,
                cue=span(a, "a affirmé", fifth),
                quote=span(a, "les convois avaient été retardés"),
                via=(Channel("Oleg Gurinov", ChannelKind.RELAY, span(a, "Oleg Gurinov", fifth)),),
            ),
            Attribution(
                speaker=Speaker("Douglas Sims", SpeakerKind.PERSON, anonymous=False, role="général",
                                mention=span(a, "Le général Douglas Sims")),
                kind=AttributionKind.INDIRECT,
                cue=span(a, "a reconnu"),
                quote=span(a, "les patrouilles seraient renforcées"),
                via=(Channel("Jack Reed", ChannelKind.RELAY, span(a, "Jack Reed")),),
            ),
        ),
        unattributed=(
            Unattributed(
                span(a, "Plusieurs soldats américains auraient été blessés lors d’un incident en août"),
                "auraient été",
            ),
        ),
    )


def other_extraction() -> Extraction:
    """A second article quoting the same outlet (spelt differently) and an unnamed official."""
    a = Article(
        id="001_282cfb784bc3f909",
        text="« Nous restons vigilants », a déclaré un responsable du Pentagone à AL-MONITOR mardi.",
        lang="fr",
    )
    return Extraction(
        article=a,
        lang="fr",
        attributions=(
            Attribution(
                speaker=pentagon_official(a, "un responsable du Pentagone"),
                kind=AttributionKind.DIRECT,
                cue=span(a, "a déclaré"),
                quote=span(a, "Nous restons vigilants"),
                via=(Channel("AL-MONITOR", ChannelKind.OUTLET, span(a, "AL-MONITOR")),),
            ),
        ),
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return article_graph(sample_extraction())


def attribution(n: int, article_id: str = ARTICLE.id) -> URIRef:
    return mint("attribution", article_id, str(n))


# ---------------------------------------------------------------- the article


def test_graph_is_named_after_the_article(graph: Graph) -> None:
    assert graph.identifier == graph_iri(ARTICLE) == mint("graph", ARTICLE.id)
    assert str(graph.identifier).endswith("/graph/000_fee7a79d059e0f4e")


def test_article_carries_text_metadata_and_digest(graph: Graph) -> None:
    node = mint("article", ARTICLE.id)
    assert (node, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(node, DCTERMS.identifier) == Literal(ARTICLE.id)
    assert graph.value(node, SCHEMA.text) == Literal(TEXT)
    assert graph.value(node, SCHEMA.headline) == Literal(ARTICLE.title)
    assert graph.value(node, DCTERMS.language) == Literal("fr")
    assert graph.value(node, SCHEMA.url) == Literal(ARTICLE.url, datatype=XSD.anyURI)
    assert graph.value(node, CP.contentDigest) == Literal(ARTICLE.digest)
    assert graph.value(node, SCHEMA.publisher) == mint("outlet", "Réseau International")
    assert graph.value(node, SCHEMA.translator) == mint("outlet", "Aube Digitale")


@pytest.mark.parametrize(
    ("date", "datatype"),
    [
        ("2023-07-14T08:30:00Z", XSD.dateTime),
        ("2023-07-14", XSD.date),
        ("2023-07", XSD.gYearMonth),
        ("2023", XSD.gYear),
        ("14 juillet 2023", None),  # free-form: kept as written, not guessed at
    ],
)
def test_article_date_is_typed_by_its_form(date: str, datatype: URIRef | None) -> None:
    x = Extraction(article=Article(id="d", text="Texte.", date=date), lang="fr")
    g = article_graph(x)
    expected = Literal(date, datatype=datatype)
    assert g.value(mint("article", "d"), DCTERMS.date) == expected
    assert g.value(mint("article", "d"), SCHEMA.datePublished) == expected


def test_publisher_declared_by_the_container_is_used_when_the_text_names_none() -> None:
    x = Extraction(article=Article(id="j1", text="Texte.", publisher="Le Monde"), lang="fr")
    g = article_graph(x)
    assert g.value(mint("article", "j1"), SCHEMA.publisher) == mint("outlet", "le monde")


def test_outlet_kind_from_any_mention_fills_an_unknown_one(graph: Graph) -> None:
    # Aube Digitale is met first as translator (kind unknown), then in the chain as a blog.
    assert graph.value(mint("outlet", "Aube Digitale"), CP.outletKind) == Literal("blog")
    assert graph.value(mint("outlet", "CNN"), CP.outletKind) == Literal("unknown")


# ---------------------------------------------------------------- attributions and speakers


def test_attribution_links_speaker_statement_kind_cue_and_article(graph: Graph) -> None:
    node = attribution(2)
    source = mint("source", ARTICLE.id, "un responsable du Pentagone")
    statement = graph.value(node, CP.statement)
    assert statement == statement_iri(ARTICLE.id, *_offsets("Il y a une convergence"))
    assert graph.value(node, PROV.agent) == source
    assert graph.value(node, CP.kind) == CP.Direct
    assert graph.value(node, CP.cue) == Literal("a déclaré")
    assert graph.value(node, CP.reportedIn) == mint("article", ARTICLE.id)
    # PROV's qualified pattern, both ways, so plain PROV queries work too.
    assert (statement, PROV.qualifiedAttribution, node) in graph
    assert (statement, PROV.wasAttributedTo, source) in graph
    assert {graph.value(node, CP.mention), graph.value(graph.value(node, CP.mentionSelector), OA.exact)} == {
        Literal("le responsable")
    }


def test_cue_selector_points_at_the_cue_of_its_own_sentence(graph: Graph) -> None:
    selector = graph.value(attribution(3), CP.cueSelector)
    start = TEXT.find("a déclaré", TEXT.find("« Ils continuent"))
    assert graph.value(selector, OA.start) == Literal(start)
    assert graph.value(selector, OA.end) == Literal(start + len("a déclaré"))


def test_only_direct_quotes_are_schema_quotations(graph: Graph) -> None:
    quotations = {graph.value(attribution(n), CP.statement) for n in (2, 3)}
    assert set(graph.subjects(RDF.type, SCHEMA.Quotation)) == quotations


def test_named_speaker_keeps_role_and_organisation(graph: Graph) -> None:
    person = mint("agent", "Oleg Gurinov")
    assert str(person).endswith("/agent/oleg-gurinov")
    assert (person, RDF.type, SCHEMA.Person) in graph
    assert (person, RDF.type, PROV.Agent) in graph
    assert graph.value(person, SCHEMA.name) == Literal("Oleg Gurinov")
    assert graph.value(person, SCHEMA.jobTitle) == Literal("contre-amiral")
    assert graph.value(person, CP.anonymous) == Literal(False)
    assert graph.value(person, CP.speakerKind) == Literal("person")
    org = graph.value(person, SCHEMA.memberOf)
    assert org == mint("organization", "Centre russe pour la réconciliation en Syrie")
    assert (org, RDF.type, SCHEMA.Organization) in graph


def test_anonymous_source_keeps_its_description_institution_and_org(graph: Graph) -> None:
    source = mint("source", ARTICLE.id, "un responsable du Pentagone")
    assert (source, RDF.type, CP.AnonymousSource) in graph
    assert graph.value(source, CP.anonymous) == Literal(True)
    assert graph.value(source, CP.institution) == Literal("Pentagone")
    assert graph.value(source, SCHEMA.memberOf) == mint("organization", "Pentagone")
    assert graph.value(source, SCHEMA.name) is None  # a description is not a name


def test_an_outlet_speaking_as_itself_is_not_its_own_member() -> None:
    text = "Selon Al-Monitor, les tensions augmentent."
    a = Article(id="o1", text=text)
    s = Speaker("Al-Monitor", SpeakerKind.OUTLET, anonymous=False, org="Al-Monitor")
    x = Extraction(article=a, lang="fr", attributions=(
        Attribution(s, AttributionKind.INDIRECT, span(a, "Selon"), span(a, "les tensions augmentent")),))
    g = article_graph(x)
    outlet = mint("outlet", "Al-Monitor")
    assert g.value(mint("attribution", "o1", "1"), PROV.agent) == outlet
    assert (outlet, RDF.type, SCHEMA.NewsMediaOrganization) in g
    assert g.value(outlet, SCHEMA.memberOf) is None


def test_anonymous_document_is_scoped_to_its_article() -> None:
    text = "Une fuite d’un document du Pentagone a révélé que des forces étaient présentes."
    a = Article(id="d1", text=text)
    s = Speaker("une fuite d’un document du Pentagone", SpeakerKind.DOCUMENT, anonymous=True, org="Pentagone")
    quote = span(a, "des forces étaient présentes")
    x = Extraction(article=a, lang="fr",
                   attributions=(Attribution(s, AttributionKind.INDIRECT, span(a, "a révélé"), quote),))
    g = article_graph(x)
    node = g.value(mint("attribution", "d1", "1"), PROV.agent)
    assert node == mint("source", "d1", "une fuite d’un document du Pentagone")
    assert {CP.AnonymousSource, CP.Document, PROV.Agent} <= set(g.objects(node, RDF.type))


def test_same_outlet_in_two_articles_is_one_node_anonymous_sources_are_not() -> None:
    first, second = article_graph(sample_extraction()), article_graph(other_extraction())
    other_id = other_extraction().article.id
    # "Al-Monitor" here and "AL-MONITOR" there fold to one outlet node.
    outlet = mint("outlet", "Al-Monitor")
    assert first.value(first.value(attribution(2), CP.channel), CP.through) == outlet
    assert second.value(second.value(attribution(1, other_id), CP.channel), CP.through) == outlet
    # The same description of an unnamed official in two articles gives two sources...
    here = first.value(attribution(1), PROV.agent)
    there = second.value(attribution(1, other_id), PROV.agent)
    assert here != there
    assert str(here).endswith(f"/article/{ARTICLE.id}/source/un-responsable-du-pentagone")
    assert str(there).endswith(f"/article/{other_id}/source/un-responsable-du-pentagone")
    # ...which still meet on one Pentagon organisation node.
    assert first.value(here, SCHEMA.memberOf) == second.value(there, SCHEMA.memberOf)


# ---------------------------------------------------------------- channels and the republication chain


def test_channels_come_back_in_order_nearest_the_speaker_first(graph: Graph) -> None:
    rows = list(graph.query(SELECT_CHANNELS, initBindings={"attribution": attribution(3)}))
    assert [(int(r.position), str(r.label), str(r.kind)) for r in rows] == [
        (1, "journalistes", "audience"),
        (2, "CNN", "outlet"),
    ]
    assert rows[0].target == mint("audience", ARTICLE.id, "journalistes")
    assert (rows[0].target, RDF.type, SCHEMA.Audience) in graph
    assert rows[1].target == mint("outlet", "CNN")


def test_interview_channel_is_an_article_scoped_audience() -> None:
    # The extractor emits INTERVIEW for "lors d’un entretien avec des journalistes russes";
    # an interview given to a named outlet comes as an OUTLET channel instead.
    text = "Il a reconnu ces affrontements lors d’un entretien avec des journalistes russes."
    a = Article(id="i1", text=text)
    s = Speaker("James Jeffrey", SpeakerKind.PERSON, anonymous=False)
    via = (Channel("interview with journalists", ChannelKind.INTERVIEW, span(a, "des journalistes russes")),)
    x = Extraction(article=a, lang="fr", attributions=(
        Attribution(s, AttributionKind.INDIRECT, span(a, "a reconnu"), span(a, "ces affrontements"), via),))
    g = article_graph(x)
    target = g.value(g.value(mint("attribution", "i1", "1"), CP.channel), CP.through)
    assert target == mint("audience", "i1", "interview with journalists")
    assert (target, RDF.type, SCHEMA.Audience) in g


def test_attribution_without_channels_has_none(graph: Graph) -> None:
    assert list(graph.query(SELECT_CHANNELS, initBindings={"attribution": attribution(1)})) == []


# The example questions, asked with the shipped queries (kg/queries, copied to examples/queries)
# over the graphs as a store holds them.


def _stored(store: Store, *extractions: Extraction) -> Store:
    for x in extractions:
        store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    return store


def test_query_a_anonymous_statements_with_channels_in_order(memory_store: Store) -> None:
    rows = _stored(memory_store, sample_extraction()).query(queries.load("anonymous_statements")).records()
    assert [(r["speaker"], r["quote"][:20], r["channels"]) for r in rows] == [
        ("un responsable du Pentagone", "Le groupe militaire ", None),
        ("un responsable du Pentagone", "Il y a une convergen", "Al-Monitor"),
        ("un responsable du Pentagone", "Ils continuent d’ent", "journalistes → CNN"),  # nearest the speaker first
        ("un officier syrien", "les convois avaient ", "Oleg Gurinov"),
    ]
    assert {r["article"] for r in rows} == {ARTICLE.id}


def test_query_b_republication_chain_in_order(memory_store: Store) -> None:
    rows = _stored(memory_store, sample_extraction()).query(queries.load("republication_chain"),
                                                            {"article": ARTICLE.id}).records()
    assert [(r["position"], r["outlet"], r["role"]) for r in rows] == [
        ("0", "Réseau International", "publisher"),
        ("1", "Aube Digitale", "taken from"),
        ("2", "The Cradle", "taken from"),
        (None, "Aube Digitale", "translated by"),
    ]


def test_republication_chain_is_also_a_prov_derivation_path(graph: Graph) -> None:
    article = mint("article", ARTICLE.id)
    first, second = mint("copy", ARTICLE.id, "1"), mint("copy", ARTICLE.id, "2")
    assert graph.value(article, PROV.wasDerivedFrom) == first
    assert graph.value(first, PROV.wasDerivedFrom) == second
    reached = graph.query(
        "SELECT ?copy WHERE { ?article <http://www.w3.org/ns/prov#wasDerivedFrom>+ ?copy }",
        initBindings={"article": article},
    )
    assert {r.copy for r in reached} == {first, second}


def test_query_c_speakers_quoted_through_an_outlet(memory_store: Store) -> None:
    store = _stored(memory_store, sample_extraction(), other_extraction())
    q = queries.load("quoted_via_outlet")
    rows = store.query(q, {"outlet": "Al-Monitor"}).records()  # spelt AL-MONITOR in the second article
    assert [(r["article"], r["speaker"], r["anonymous"], r["quote"][:20]) for r in rows] == [
        (ARTICLE.id, "un responsable du Pentagone", "true", "Il y a une convergen"),
        ("001_282cfb784bc3f909", "un responsable du Pentagone", "true", "Nous restons vigilan"),
    ]
    assert store.query(q, {"outlet": "Le Monde"}).rows == ()


def test_relay_quoted_in_the_article_is_that_speaker(graph: Graph) -> None:
    channel = graph.value(attribution(5), CP.channel)
    assert graph.value(channel, CP.channelKind) == Literal("relay")
    assert graph.value(channel, CP.through) == mint("agent", "Oleg Gurinov")


def test_relay_known_only_as_a_relay_stays_in_its_article(graph: Graph) -> None:
    relay = graph.value(graph.value(attribution(6), CP.channel), CP.through)
    assert relay == mint("relay", ARTICLE.id, "Jack Reed")
    assert {CP.Relay, PROV.Agent} <= set(graph.objects(relay, RDF.type))
    assert graph.value(relay, SCHEMA.name) is None  # its kind is unknown, so no claim it is a name


# ---------------------------------------------------------------- statements and spans


def test_unattributed_statement_carries_its_hedge(graph: Graph) -> None:
    node = statement_iri(ARTICLE.id, *_offsets("Plusieurs soldats américains"))
    assert {CP.Statement, CP.UnattributedStatement} <= set(graph.objects(node, RDF.type))
    assert graph.value(node, CP.hedge) == Literal("auraient été")
    assert graph.value(node, PROV.wasAttributedTo) is None


def test_every_span_becomes_one_selector_with_its_offsets_and_words() -> None:
    x = sample_extraction()
    spans = [u.span for u in x.unattributed]
    for a in x.attributions:
        spans += [a.quote, a.cue, *(c.span for c in a.via)]
        spans += [a.speaker.mention] if a.speaker.mention else []
    wanted = {(s.start, s.end, s.text) for s in spans if s is not None}
    graph = article_graph(x)
    selectors = set(graph.subjects(RDF.type, OA.TextPositionSelector))
    written = {(graph.value(s, OA.start).toPython(), graph.value(s, OA.end).toPython(), str(graph.value(s, OA.exact)))
               for s in selectors}
    assert len(selectors) == 7 + 6 + 6 + 5  # statements, cues, speaker mentions, channel mentions
    assert written == wanted  # none lost, none moved, none made up


def test_statement_iri_depends_only_on_article_and_offsets() -> None:
    assert statement_iri("a", 3, 9) == mint("statement", "a", "3", "9")
    assert str(statement_iri("a", 3, 9)).endswith("/article/a/statement/3-9")


# ---------------------------------------------------------------- determinism


def test_build_is_deterministic_and_has_no_blank_nodes() -> None:
    one, two = article_graph(sample_extraction()), article_graph(sample_extraction())
    assert isomorphic(one, two)
    assert set(one) == set(two)
    assert not any(isinstance(term, BNode) for triple in one for term in triple)


def test_golden_graph() -> None:
    g = article_graph(sample_extraction())
    if os.environ.get("KG_REGEN_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(g.serialize(format="turtle"), encoding="utf-8")
    golden = Graph().parse(GOLDEN, format="turtle")
    assert isomorphic(g, golden), _diff(g, golden)


# ---------------------------------------------------------------- claims


def test_claims_graph_points_at_the_article_statements() -> None:
    quote = span(ARTICLE, "Il y a une convergence d’intérêts entre ces trois groupes")
    claim = Claim(
        id="c-convergence",
        summary="Convergence d’intérêts entre Iraniens, Russes et Syriens",
        statements=(
            Statement(ARTICLE.id, quote.start, quote.end, quote.text, "un responsable du Pentagone", True),
        ),
    )
    g = claims_graph([claim])
    node = mint("claim", "c-convergence")
    assert {CP.Claim, SCHEMA.Claim} <= set(g.objects(node, RDF.type))
    assert g.value(node, DCTERMS.identifier) == Literal("c-convergence")
    assert g.value(node, SCHEMA.appearance) == mint("article", ARTICLE.id)
    statement = g.value(node, CP.hasStatement)
    # The claim reaches the very node the article graph built for that quote.
    assert statement in set(article_graph(sample_extraction()).subjects(RDF.type, CP.Statement))
    assert isomorphic(g, claims_graph([claim]))


def _offsets(prefix: str) -> tuple[int, int]:
    """Offsets of the statement starting with `prefix` in the sample extraction."""
    for a in sample_extraction().attributions:
        if a.quote.text.startswith(prefix):
            return a.quote.start, a.quote.end
    for u in sample_extraction().unattributed:
        if u.span.text.startswith(prefix):
            return u.span.start, u.span.end
    raise AssertionError(prefix)


def _diff(got: Graph, want: Graph) -> str:
    a, b = to_isomorphic(got), to_isomorphic(want)

    def lines(triples: set[tuple[Node, Node, Node]]) -> str:
        shown = sorted(" ".join(term.n3()[:80] for term in t) for t in triples)
        return "\n  ".join(shown[:15]) + (f"\n  … {len(shown) - 15} more" if len(shown) > 15 else "")

    return (f"graph differs from {GOLDEN.name} (KG_REGEN_GOLDEN=1 pytest … to regenerate, then review it)\n"
            f"only built:\n  {lines(set(a) - set(b))}\nonly golden:\n  {lines(set(b) - set(a))}")
