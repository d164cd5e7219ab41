"""kg.rdf.namespaces: closed vocabularies and the one function that mints instance IRIs."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.errors import InputError, UnknownNameError
from kg.rdf.namespaces import CP, DCTERMS, ID, MINT_KINDS, OA, PROV, SCHEMA, XSD, bind_prefixes, mint, slug

BASE = "https://w3id.org/claimprov/id/"


@pytest.mark.parametrize(
    ("namespace", "typo"),
    [
        (CP, "Attributon"),
        (CP, "republishedfrom"),
        (OA, "hasSelecter"),
        (PROV, "wasAttributedBy"),
        (SCHEMA, "NewsMediaOrganisation"),
        (DCTERMS, "identifer"),
        (XSD, "integr"),
    ],
)
def test_a_typo_on_a_closed_namespace_raises(namespace: type, typo: str) -> None:
    with pytest.raises(AttributeError, match=typo):
        getattr(namespace, typo)


def test_closed_namespaces_give_the_expected_iris() -> None:
    assert CP.Attribution == URIRef("https://w3id.org/claimprov#Attribution")
    assert OA.TextPositionSelector == URIRef("http://www.w3.org/ns/oa#TextPositionSelector")
    assert SCHEMA.NewsArticle == URIRef("https://schema.org/NewsArticle")
    assert PROV.qualifiedAttribution == URIRef("http://www.w3.org/ns/prov#qualifiedAttribution")
    assert DCTERMS.identifier == URIRef("http://purl.org/dc/terms/identifier")
    assert str(ID) == BASE


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Al-Monitor", "al-monitor"),
        ("AL MONITOR", "al-monitor"),
        ("  al--monitor  ", "al-monitor"),
        ("Réseau International", "reseau-international"),
        ("L’Orient-Le Jour", "l-orient-le-jour"),
        ("Œuvre d'Orient", "oeuvre-d-orient"),
        ("Agence France-Presse (AFP)", "agence-france-presse-afp"),
        ("Oleg Gurinov", "oleg-gurinov"),
        ("Олег Гуринов", "олег-гуринов"),  # scripts with no Latin form keep their letters
        ("الميادين", "الميادين"),
    ],
)
def test_slug_folds_case_accents_and_punctuation(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_a_name_with_no_letters_is_a_hash_and_still_distinct() -> None:
    assert slug("???").startswith("h-")
    assert slug("???") != slug("!!!")


def test_slug_of_a_long_name_is_bounded_and_keeps_distinct_names_apart() -> None:
    long_a = "Centre " + "très " * 30 + "long A"
    long_b = "Centre " + "très " * 30 + "long B"
    assert len(slug(long_a)) <= 80 + 13
    assert slug(long_a) != slug(long_b)
    assert slug(long_a) == slug(long_a.upper())


@pytest.mark.parametrize(
    ("kind", "parts", "path"),
    [
        ("outlet", ("Al-Monitor",), "outlet/al-monitor"),
        ("agent", ("Oleg Gurinov",), "agent/oleg-gurinov"),
        ("organization", ("Pentagone",), "organization/pentagone"),
        ("document", ("Assad : le triomphe de la tyrannie",), "document/assad-le-triomphe-de-la-tyrannie"),
        ("article", ("000_fee7a79d059e0f4e",), "article/000_fee7a79d059e0f4e"),
        ("graph", ("000_fee7a79d059e0f4e",), "graph/000_fee7a79d059e0f4e"),
        ("claim", ("c1",), "claim/c1"),
        ("claims-graph", (), "graph-claims"),
        ("source", ("000_x", "un responsable"), "article/000_x/source/un-responsable"),
        ("audience", ("000_x", "journalistes"), "article/000_x/audience/journalistes"),
        ("relay", ("000_x", "Jack Reed"), "article/000_x/relay/jack-reed"),
        ("copy", ("000_x", "2"), "article/000_x/copy/2"),
        ("derivation", ("000_y", "000_x"), "article/000_y/derived-from/000_x"),
        ("attribution", ("000_x", "3"), "article/000_x/attribution/3"),
        ("channel", ("000_x", "3", "1"), "article/000_x/attribution/3/channel/1"),
        ("statement", ("000_x", "65", "172"), "article/000_x/statement/65-172"),
        ("selector", ("000_x", "65", "172"), "article/000_x/selector/65-172"),
    ],
)
def test_mint_builds_readable_paths_under_one_base(kind: str, parts: tuple[str, ...], path: str) -> None:
    assert mint(kind, *parts) == URIRef(BASE + path)


def test_mint_covers_every_kind_in_the_table() -> None:
    assert set(MINT_KINDS) == {
        "article", "attribution", "audience", "channel", "claim", "claims-graph", "copy", "derivation",
        "document", "graph", "organization", "outlet", "agent", "relay", "selector", "source", "statement",
    }


def test_names_fold_to_one_iri_but_article_ids_stay_distinct() -> None:
    assert mint("outlet", "Al-Monitor") == mint("outlet", "al monitor")
    # Two files whose ids differ only in case or punctuation are two articles.
    ids = ["Article 1", "article-1", "article_1", "article/1", "Article%201"]
    assert len({mint("article", i) for i in ids}) == len(ids)
    assert mint("article", "article/1") == URIRef(BASE + "article/article%2F1")


def test_article_scoped_iris_differ_across_articles() -> None:
    assert mint("source", "a1", "un responsable") != mint("source", "a2", "un responsable")
    assert mint("statement", "a1", "0", "5") != mint("statement", "a2", "0", "5")


def test_mint_unknown_kind_names_the_valid_ones() -> None:
    with pytest.raises(UnknownNameError) as caught:
        mint("person", "Oleg Gurinov")
    assert "'person'" in str(caught.value)
    assert "agent" in str(caught.value) and "outlet" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "parts", "fragment"),
    [
        ("outlet", (), "takes 1 part"),
        ("statement", ("a1", "3"), "takes 3 part"),
        ("statement", ("a1", "3", "-9"), "'-9'"),
        ("copy", ("a1", "first"), "'first'"),
        ("article", ("",), "must not be empty"),
    ],
)
def test_mint_rejects_bad_parts(kind: str, parts: tuple[str, ...], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        mint(kind, *parts)


def test_bind_prefixes_binds_the_project_prefixes() -> None:
    g = bind_prefixes(Graph(bind_namespaces="none"))
    bound = {prefix: str(iri) for prefix, iri in g.namespaces()}
    assert bound["cp"] == "https://w3id.org/claimprov#"
    assert bound["schema"] == "https://schema.org/"
    assert bound["oa"] == "http://www.w3.org/ns/oa#"
    assert bound["prov"] == "http://www.w3.org/ns/prov#"
    assert bound["dcterms"] == "http://purl.org/dc/terms/"
