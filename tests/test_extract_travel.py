"""How the text travelled: footers, bylines, wire credits, translators."""

from __future__ import annotations

import pytest

from kg.extract.layout import layout
from kg.extract.lexicon import load
from kg.extract.travel import find_travel

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
