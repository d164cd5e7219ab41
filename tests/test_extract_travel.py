"""How the text travelled: footers, bylines, wire credits, translators."""

from __future__ import annotations

import pytest

from kg.extract.layout import layout
from kg.extract.lexicon import load
from kg.extract.travel import find_travel
from kg.model import PublisherEvidence

FR = load("fr")
EN = load("en")
BODY = "Un titre\nLe ministre a déclaré que tout allait bien, selon son entourage.\n"


@pytest.mark.parametrize(
    ("footer", "publisher", "chain", "translator"),
    [
        ("source : The Cradle via Aube Digitale\nSource : Lire l'article complet par Réseau International",
         "Réseau International", ["Aube Digitale", "The Cradle"], None),
        ("Traduction : MIRASTNEWS\n\nSource : South Front", "MIRASTNEWS", ["South Front"], "MIRASTNEWS"),
        ("Source : Le Monde", None, ["Le Monde"], None),
        ("", None, [], None),
    ],
)
def test_footers(footer: str, publisher: str | None, chain: list[str], translator: str | None) -> None:
    text = BODY + footer
    t = find_travel(layout(text, FR), FR)
    assert (t.publisher.name if t.publisher else None) == publisher
    assert [o.name for o in t.republished_from] == chain
    assert (t.translated_by.name if t.translated_by else None) == translator


def test_outlet_byline_joins_the_chain_once_and_person_byline_does_not() -> None:
    text = "Un titre\npar The Cradle\n" + BODY + "source : The Cradle via Aube Digitale\n"
    t = find_travel(layout(text, FR), FR)
    assert [o.name for o in t.republished_from] == ["Aube Digitale", "The Cradle"]
    text = "Un titre\nPar Marie Dupont\n" + BODY
    assert find_travel(layout(text, FR), FR).republished_from == ()


def test_wire_credit_and_gazetteer_canonical_names() -> None:
    text = "Un titre\nPARIS (AFP) - Le ministre a déclaré que tout allait bien hier soir.\n"
    lay = layout(text, FR)
    t = find_travel(lay, FR)
    # A dateline credit with no other outlet named: the agency's own copy.
    assert t.publisher is not None and t.publisher.name == "AFP"
    assert t.republished_from == ()
    # With the site's own name on the page, the agency is where the text came from.
    t = find_travel(layout("LE PETIT JOURNAL\n" + text[len("Un titre\n"):], FR), FR)
    assert t.publisher is not None and t.publisher.name == "Le Petit Journal"
    assert [o.name for o in t.republished_from] == ["AFP"]
    # The dateline paragraph is still article text.
    assert any("Le ministre" in text[u.start:u.end] for u in lay.units)
    t = find_travel(layout("A title\nThe minister said all was well.\nFirst published by the Guardian.\n", EN), EN)
    assert [o.name for o in t.republished_from] == ["The Guardian"]


def test_declared_publisher_wins() -> None:
    t = find_travel(layout(BODY, FR), FR, declared_publisher="Le Figaro")
    assert t.publisher is not None and t.publisher.name == "Le Figaro"


# --- the publisher's evidence: metadata, then the URL's site, then the text ----------


def _travel(text: str, lex=FR, declared: str | None = None, url: str | None = None):  # type: ignore[no-untyped-def]
    return find_travel(layout(text, lex), lex, declared, url)


def test_url_names_the_publisher_and_a_text_credit_becomes_the_chain() -> None:
    text = "Un titre\nPARIS (AFP) - Le ministre a déclaré que tout allait bien hier soir.\n"
    t = _travel(text, url="https://www.lapresse.ca/affaires/x.php")
    assert t.publisher is not None and t.publisher.name == "La Presse"
    assert t.publisher_evidence is PublisherEvidence.DOMAIN
    # Without the address the lone wire credit would have made AFP the publisher.
    assert [o.name for o in t.republished_from] == ["AFP"]
    assert _travel(text).publisher_evidence is PublisherEvidence.TEXT


def test_declared_metadata_beats_the_url() -> None:
    t = _travel(BODY, declared="Le Figaro", url="https://www.lemonde.fr/x")
    assert t.publisher is not None and t.publisher.name == "Le Figaro"
    assert t.publisher_evidence is PublisherEvidence.METADATA


def test_unknown_site_named_by_its_domain_or_by_the_name_it_spells() -> None:
    t = _travel(BODY, url="https://www.exemple-info.fr/x")
    assert t.publisher is not None and t.publisher.name == "exemple-info.fr"
    t = _travel("LES OBSERVATEURS\n" + BODY, url="https://lesobservateurs.ch/x")
    assert t.publisher is not None and t.publisher.name == "Les Observateurs"
    # A masthead naming another site than the address: the text came from it.
    t = _travel("LE MONDE\n" + BODY, url="https://www.exemple-info.fr/x")
    assert t.publisher is not None and t.publisher.name == "exemple-info.fr"
    assert [o.name for o in t.republished_from] == ["Le Monde"]


def test_no_evidence_no_publisher() -> None:
    t = _travel("Un titre\nLe ministre a déclaré que tout allait bien.\n")
    assert t.publisher is None and t.publisher_evidence is None


@pytest.mark.parametrize(
    ("head", "chain"),
    [
        ("Un titre\nCGTN 2023-02-10 17:55:57\n", ["CGTN"]),  # name and time on one line
        ("Un titre\nFrance 24\n\n·8 février 2026\n", ["France 24"]),  # the date on the next line
        ("A title\nReuters\nFeb. 8, 2026\n", ["Reuters"]),
        ("Un titre\nMarie Dupont 2023-02-10\n", []),  # a person before a date is an author
        ("Un titre\nFrance 24\nLe ministre a parlé hier.\n", []),  # no date: a name alone proves nothing
        ("Un titre\nEn partenariat avec\nLe Monde\n", []),
    ],
)
def test_source_stamps_in_the_page_head(head: str, chain: list[str]) -> None:
    lex = EN if head.startswith("A title") else FR
    t = _travel(head + BODY, lex, url="https://www.exemple-info.fr/x")
    assert [o.name for o in t.republished_from] == chain


@pytest.mark.parametrize(
    ("lead", "chain"),
    [
        ("REUTERS: French luxury group LVMH is nearing a deal, a source said.", ["Reuters"]),
        ("AFP - Le ministre a déclaré que tout allait bien.", ["AFP"]),
        ("Reuters reported earlier this week that LVMH had raised its bid.", []),  # a speaker, not a credit
    ],
)
def test_agency_dateline_credits(lead: str, chain: list[str]) -> None:
    lex = EN if lead.startswith(("REUTERS", "Reuters")) else FR
    t = _travel("A title\n" + lead + "\n", lex, url="https://www.exemple-info.fr/x")
    assert [o.name for o in t.republished_from] == chain
