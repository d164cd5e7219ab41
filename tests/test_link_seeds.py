"""Claim linking on the four seed articles: what must link, and what must not."""

from __future__ import annotations

import pytest

from kg.link import LinkResult, link_store, read_statements
from kg.model import Claim
from kg.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(writable_examples_store: Store) -> Store:
    # The audit and the linker write a claims graph: never into the session's store.
    return writable_examples_store


@pytest.fixture(scope="module")
def linked(store: Store) -> LinkResult:
    return link_store(store)


def _claim_of(claims: tuple[Claim, ...], article: str, phrase: str) -> Claim:
    for c in claims:
        if any(s.article_id.startswith(article) and phrase in s.text for s in c.statements):
            return c
    # The statement is in the reference annotation; without it there is nothing to link.
    # Reported as an expected failure so an extractor regression shows without hiding this file's own checks.
    pytest.xfail(f"the extractor no longer finds the statement of {article} containing {phrase!r}")


# (article, phrase) pairs that are one claim, from the reference annotation's `claims:`.
SAME = [
    (("000", "discrètement coordonné"), ("001", "discrètement coordonnés")),
    (("000", "convergence d’intérêts"), ("001", "confluence d’intérêts")),
    (("000", "planification collaborative"), ("001", "planification collaborative")),
    (("000", "Franchement"), ("001", "Franchement")),
    (("002", "Wagner Group auraient été impliqués"), ("003", "mercenaires russes impliqués")),
]

# Same story, different claims: never one claim.
APART = [
    (("000", "violé l’espace aérien"), ("003", "divers engagements")),  # Gurinov vs Jeffrey
    (("000", "violé l’espace aérien"), ("000", "risques d’accidents aériens")),  # Gurinov vs Gurinov
    (("001", "se sont coordonnées dans le but"), ("001", "salle d’opérations commune")),  # leaked document
    (("000", "discrètement coordonné"), ("001", "coordination russo-iranienne non déclarée")),  # Al-Akhbar
    (("000", "convergence d’intérêts"), ("000", "planification collaborative")),
    (("000", "convergence d’intérêts"), ("000", "Franchement")),
    (("002", "Wagner Group auraient été impliqués"), ("002", "Plusieurs soldats américains")),
    (("002", "L’impasse tendue"), ("003", "se seraient battus")),
    (("003", "divers engagements"), ("003", "se sont engagées dans plusieurs affrontements")),
]


def test_every_statement_is_in_exactly_one_claim(store: Store, linked: LinkResult) -> None:
    statements = read_statements(store)
    members = [s for c in linked.claims for s in c.statements]
    assert len(members) == len(statements) == linked.statements
    assert set(members) == set(statements)


@pytest.mark.parametrize(("a", "b"), SAME, ids=[a[1] for a, _ in SAME])
def test_copies_across_articles_are_one_claim(linked: LinkResult, a: tuple[str, str], b: tuple[str, str]) -> None:
    assert _claim_of(linked.claims, *a) is _claim_of(linked.claims, *b)


@pytest.mark.parametrize(("a", "b"), APART, ids=[f"{a[1]}|{b[1]}" for a, b in APART])
def test_different_claims_stay_apart(linked: LinkResult, a: tuple[str, str], b: tuple[str, str]) -> None:
    assert _claim_of(linked.claims, *a) is not _claim_of(linked.claims, *b)


def test_the_five_reference_claims_are_five_claims(linked: LinkResult) -> None:
    assert len({_claim_of(linked.claims, *a).id for a, _ in SAME}) == 5
    assert len(linked.multi_article) == 5


def test_claims_are_written_to_their_own_graph(store: Store, linked: LinkResult) -> None:
    rows = store.query("""
        PREFIX cp: <https://w3id.org/claimprov#>
        SELECT ?g (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a cp:Claim } } GROUP BY ?g
    """).records()
    assert rows == [{"g": "https://w3id.org/claimprov/id/graph-claims", "n": str(len(linked.claims))}]


def test_relinking_gives_the_same_ids_and_replaces_the_graph(store: Store, linked: LinkResult) -> None:
    again = link_store(store)
    assert [c.id for c in again.claims] == [c.id for c in linked.claims]
    assert [c.summary for c in again.claims] == [c.summary for c in linked.claims]
    n = store.query("PREFIX cp: <https://w3id.org/claimprov#> SELECT ?c WHERE { ?c a cp:Claim }")
    assert len(n) == len(linked.claims)


def test_character_method_alone_misses_the_paraphrase(store: Store) -> None:
    result = link_store(store, method="char", write=False)
    # The Wagner claim is worded differently in 002 and 003: only the embedding rule links it.
    assert _claim_of(result.claims, "002", "Wagner Group") is not _claim_of(result.claims, "003", "Wagner Group")
    assert _claim_of(result.claims, "000", "Franchement") is _claim_of(result.claims, "001", "Franchement")
