"""Vetoes: different figures, or first-person words of two different people, are never one claim."""

from __future__ import annotations

import pytest

from kg.link.conflicts import conflict, numbers, one_person
from kg.model import Statement


def _s(text: str, speaker: str | None = None, anonymous: bool = False) -> Statement:
    return Statement(article_id="a", start=0, end=len(text), text=text, speaker=speaker, anonymous=anonymous)


@pytest.mark.parametrize(("text", "expected"), [
    ("1,45 degré", {"1.45"}),
    ("1.45 degrees", {"1.45"}),
    ("2 000 morts et 90 % des sites", {"2000", "90"}),
    ("le 14 juillet 2023", {"14", "2023"}),
    ("aucun chiffre", set()),
])
def test_numbers(text: str, expected: set[str]) -> None:
    assert numbers(text) == expected


@pytest.mark.parametrize(("a", "b", "reason"), [
    (_s("Le jugement a été mis en délibéré au 12 décembre"), _s("Le jugement a été mis en délibéré au 14 mars"),
     "different figures"),
    (_s("Trois soldats blessés en 2020"), _s("Three soldiers injured in 2020"), None),  # a shared figure
    (_s("Le jugement a été mis en délibéré"), _s("Le jugement a été mis en délibéré au 14 mars"), None),
    (_s("I will spend the rest of my life trying to pay this back", "Denise Kovach"),
     _s("I am ashamed, and I will spend the rest of my life trying to repay them", "Victor Lang"),
     "first person from two different speakers"),
    (_s("Every indicator we track is flashing red", "Ana Lucía Ferreira"),
     _s("Chaque indicateur que nous suivons clignote au rouge", "Mme Ferreira"), None),  # one person
    (_s("We will not comment", "un porte-parole", anonymous=True), _s("We will not comment", "Jane Doe"), None),
    (_s("Les négociations ont échoué", "Jean Martin"), _s("Les négociations ont échoué", "Paul Durand"), None),
])
def test_conflicts(a: Statement, b: Statement, reason: str | None) -> None:
    assert conflict(a, b) == reason
    assert conflict(b, a) == reason


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Carlos Ghosn", "Ghosn", True),
    ("Roberto De Zerbi", "De Zerbi", True),
    ("Mykhailo Podolyak", "Mychajlo Podoljak", True),  # one name from another alphabet
    ("Carlos Ghosn", "Carlos Tavares", False),  # a shared first name is no shared person
    ("Mykhailo Podolyak", "Mykhailo Fedorov", False),
    ("Marc Martin", "Marc Martinez", False),
])
def test_one_person_is_stricter_than_a_shared_word(a: str, b: str, same: bool) -> None:
    assert one_person(a, b) is same
    assert one_person(b, a) is same
