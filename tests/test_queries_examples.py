"""The example queries answer their questions, on a hand-made extraction of article 000.

These do not depend on the extractor: tests/test_e2e.py runs the same queries
over what the extractor really finds in the example articles.
"""

from __future__ import annotations

from kg import queries
from kg.model import Extraction
from kg.store import Store

PENTAGON = "un responsable du Pentagone"


def test_anonymous_statements_lists_the_officials_words_with_their_channels(pentagon_store: Store) -> None:
    rows = pentagon_store.query(queries.load("anonymous_statements")).records()
    assert [r["speaker"] for r in rows] == [PENTAGON] * 3  # Gurinov is named: not listed
    assert [r["channels"] for r in rows] == ["Al-Monitor", "journalistes", "CNN"]
    assert rows[0]["quote"].startswith("Il y a une convergence d’intérêts")
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)


def test_anonymous_statements_joins_channels_nearest_first(memory_store: Store,
                                                          pentagon_extraction: Extraction) -> None:
    from dataclasses import replace

    from kg.model import Channel, ChannelKind
    from kg.rdf.build import article_graph, graph_iri

    first = pentagon_extraction.attributions[0]
    via = (Channel("CNN", ChannelKind.OUTLET), Channel("Al-Monitor", ChannelKind.OUTLET))
    chained = replace(first, via=via)
    x = replace(pentagon_extraction, attributions=(chained,))
    memory_store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    rows = memory_store.query(queries.load("anonymous_statements")).records()
    assert [r["channels"] for r in rows] == ["CNN → Al-Monitor"]


def test_anonymous_statements_can_be_limited_to_one_article(pentagon_store: Store) -> None:
    q = queries.load("anonymous_statements")
    assert len(pentagon_store.query(q, {"article": "000_fee7a79d059e0f4e"})) == 3
    assert len(pentagon_store.query(q, {"article": "another"})) == 0


def test_quoted_via_outlet_defaults_to_al_monitor(pentagon_store: Store) -> None:
    rows = pentagon_store.query(queries.load("quoted_via_outlet")).records()
    assert [(r["via"], r["speaker"], r["anonymous"]) for r in rows] == [("Al-Monitor", PENTAGON, "true")]


def test_quoted_via_outlet_takes_the_outlet_as_a_bound_parameter(pentagon_store: Store) -> None:
    q = queries.load("quoted_via_outlet")
    rows = pentagon_store.query(q, {"outlet": "cnn"}).records()  # case does not matter
    assert [(r["via"], r["outlet"]) for r in rows] == [("CNN", "cnn")]
    assert rows[0]["quote"].startswith("Ils continuent")
    assert pentagon_store.query(q, {"outlet": "Le Monde"}).rows == ()


def test_republication_chain_lists_the_outlets_in_order(pentagon_store: Store) -> None:
    rows = pentagon_store.query(queries.load("republication_chain")).records()
    assert [(r["position"], r["outlet"], r["role"]) for r in rows] == [
        ("1", "South Front", "taken from"),
        (None, "MIRASTNEWS", "translated by"),
    ]


def test_republication_chain_of_a_longer_chain(memory_store: Store, pentagon_extraction: Extraction) -> None:
    from dataclasses import replace

    from kg.model import Outlet
    from kg.rdf.build import article_graph, graph_iri

    x = replace(pentagon_extraction, publisher=Outlet("Réseau International"), translated_by=None,
                republished_from=(Outlet("Aube Digitale"), Outlet("The Cradle")))
    memory_store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    rows = memory_store.query(queries.load("republication_chain")).records()
    assert [r["outlet"] for r in rows] == ["Réseau International", "Aube Digitale", "The Cradle"]
    assert [r["role"] for r in rows] == ["publisher", "taken from", "taken from"]


def test_an_outlet_named_in_two_articles_gives_one_row_per_statement(memory_store: Store,
                                                                     pentagon_extraction: Extraction) -> None:
    # Al-Monitor's node carries its name in both article graphs; a query over the
    # merged default graph would see that name twice and double every row.
    from dataclasses import replace

    from kg.rdf.build import article_graph, graph_iri

    twin = replace(pentagon_extraction, article=replace(pentagon_extraction.article, id="twin"))
    for x in (pentagon_extraction, twin):
        memory_store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    rows = memory_store.query(queries.load("quoted_via_outlet")).records()
    assert sorted(r["article"] for r in rows) == ["000_fee7a79d059e0f4e", "twin"]
    chain = memory_store.query(queries.load("republication_chain")).records()
    assert [(r["article"], r["outlet"]) for r in chain] == [
        ("000_fee7a79d059e0f4e", "South Front"), ("000_fee7a79d059e0f4e", "MIRASTNEWS"),
        ("twin", "South Front"), ("twin", "MIRASTNEWS"),
    ]
    assert len(memory_store.query(queries.load("anonymous_statements")).rows) == 6
