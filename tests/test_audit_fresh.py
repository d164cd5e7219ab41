"""The audit never runs on stale claims: new or changed articles are linked first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg import queries
from kg.audit import claims_are_current, ensure_claims, run_audit
from kg.model import Article, Extraction, Unattributed
from kg.rdf.build import article_graph, graph_iri
from kg.store import Store, open_store

SENTENCE = "Des mercenaires russes auraient été tués lors de l'assaut de février contre la base"


def _put(store: Store, article_id: str, text: str) -> None:
    article = Article(id=article_id, text=text, lang="fr")
    start = text.index(SENTENCE)
    x = Extraction(article=article, lang="fr",
                   unattributed=(Unattributed(article.span(start, start + len(SENTENCE)), "auraient été"),))
    store.replace_graph(str(graph_iri(article)), article_graph(x), article.digest)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    _put(s, "a", SENTENCE + ".")
    try:
        yield s
    finally:
        s.close()


def test_an_empty_store_has_current_claims_and_no_audit() -> None:
    with open_store(memory=True) as s:
        assert claims_are_current(s)
        assert run_audit(s) == []


def test_audit_links_first_when_no_claims_exist(store: Store) -> None:
    assert not claims_are_current(store)
    (audit,) = run_audit(store)
    assert audit.articles == ("a",) and claims_are_current(store)
    assert not ensure_claims(store)  # nothing left to do


def test_a_new_article_is_linked_before_the_next_audit(store: Store) -> None:
    run_audit(store)
    _put(store, "b", "Selon nos informations. " + SENTENCE + " !")
    assert not claims_are_current(store)
    (audit,) = run_audit(store, min_articles=2)
    assert audit.articles == ("a", "b")
    # b prints a's text word for word and names no channel: a copy adds no source of its own.
    assert audit.independent_sources == 1 and audit.single_source
    assert any("copies" in r and "text reuse" in r for r in audit.reasons)


def test_a_claimed_statement_gone_from_its_article_is_noticed(store: Store) -> None:
    run_audit(store)
    # Article "a" again, with new text: its old statement (and span) is gone.
    _put(store, "a", "Plus tôt dans la journée. " + SENTENCE + ".")
    row = store.query(queries.load("claims_status")).records()[0]
    assert (row["unclaimed"], row["missing"]) == ("1", "1")
    assert not claims_are_current(store)
    (audit,) = run_audit(store)
    assert audit.statements[0].start == len("Plus tôt dans la journée. ") and claims_are_current(store)
