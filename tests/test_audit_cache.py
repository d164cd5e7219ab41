"""The audit kept in the store: reused while nothing changed, recomputed when anything did."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg import queries
from kg.audit import cache, run_audit
from kg.audit.cache import cache_graph_iri
from kg.link import link_store
from kg.model import Article, Attribution, AttributionKind, Extraction, Outlet, Speaker, SpeakerKind, Unattributed
from kg.rdf.build import article_graph, graph_iri
from kg.store import Capability, Store, open_store

SENTENCE = "Des mercenaires russes auraient été tués lors de l'assaut de février contre la base"


def _unattributed(article_id: str, text: str, publisher: str | None = None) -> Extraction:
    article = Article(id=article_id, text=text, lang="fr")
    start = text.index(SENTENCE)
    return Extraction(article=article, lang="fr", publisher=Outlet(publisher) if publisher else None,
                      unattributed=(Unattributed(article.span(start, start + len(SENTENCE)), "auraient été"),))


def _said(article_id: str, publisher: str) -> Extraction:
    text = f"« {SENTENCE} », a déclaré un officier. Fin."
    article = Article(id=article_id, text=text, lang="fr")
    start, cue = text.index(SENTENCE), text.index("a déclaré")
    officer = Speaker(name="un officier", kind=SpeakerKind.ANONYMOUS, anonymous=True)
    said = Attribution(speaker=officer, kind=AttributionKind.DIRECT, cue=article.span(cue, cue + len("a déclaré")),
                       quote=article.span(start, start + len(SENTENCE)))
    return Extraction(article=article, lang="fr", publisher=Outlet(publisher), attributions=(said,))


def _put(store: Store, x: Extraction) -> None:
    store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(memory=True)
    _put(s, _said("a", "Le Relais"))
    _put(s, _unattributed("b", "Selon nos informations. " + SENTENCE + " !", "L'Écho"))
    try:
        yield s
    finally:
        s.close()


def _cached_key(store: Store) -> str | None:
    rows = store.query(queries.load("audit_cache"), {"cache": cache_graph_iri()}).records()
    return rows[0]["cachedKey"] if rows else None


def _no_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(store: Store) -> None:
        raise AssertionError("the audit was recomputed")

    monkeypatch.setattr("kg.audit.run.read_all", fail)


def test_a_second_audit_reads_the_kept_one(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_audit(store)
    assert _cached_key(store) is not None
    _no_read(monkeypatch)
    assert run_audit(store) == first
    assert run_audit(store, min_articles=2) == [a for a in first if len(a.articles) >= 2]


def test_the_kept_audit_is_the_computed_one(store: Store) -> None:
    computed = run_audit(store, cache=False)
    assert run_audit(store) == computed  # computes and keeps
    assert run_audit(store) == computed  # reads back
    assert cache._decode(cache._encode(computed)) == computed


def test_cache_false_neither_reads_nor_writes(store: Store) -> None:
    run_audit(store, cache=False)
    assert _cached_key(store) is None
    run_audit(store)
    key = _cached_key(store)
    run_audit(store, cache=False)
    assert _cached_key(store) == key


def test_a_new_article_makes_a_new_audit(store: Store) -> None:
    before = run_audit(store, min_articles=2)
    key = _cached_key(store)
    _put(store, _unattributed("c", SENTENCE + ".", "Le Phare"))
    (after,) = run_audit(store, min_articles=2)  # linked again, then audited again
    assert _cached_key(store) != key
    assert after.articles == ("a", "b", "c") and before[0].articles == ("a", "b")


def test_a_changed_article_with_the_same_statements_makes_a_new_audit(store: Store) -> None:
    (before,) = run_audit(store, min_articles=2)
    assert "L'Écho" in before.outlets
    # Same text, same spans, so the same claims: only the publisher (and so the digest) changed.
    x = _unattributed("b", "Selon nos informations. " + SENTENCE + " !", "La Vigie")
    article = Article(id="b", text=x.article.text, lang="fr", publisher="La Vigie")
    _put(store, Extraction(article=article, lang="fr", publisher=x.publisher, unattributed=x.unattributed))
    (after,) = run_audit(store, min_articles=2)
    assert "La Vigie" in after.outlets and "L'Écho" not in after.outlets


def test_new_claims_make_a_new_audit(store: Store) -> None:
    run_audit(store)
    key = _cached_key(store)
    link_store(store, method="char", write=True)  # the same claims again: the same key
    assert run_audit(store) and _cached_key(store) == key
    # A claims graph with other summaries is other claims.
    from kg.link.storage import write_claims
    from kg.model import Claim, Statement

    claims = [Claim(id="x", summary="autre résumé", statements=(Statement("a", 2, 2 + len(SENTENCE), SENTENCE),))]
    write_claims(store, claims)
    (only,) = run_audit(store, ensure=False)
    assert only.id == "x" and only.summary == "autre résumé"
    assert _cached_key(store) != key


def test_a_damaged_cache_is_recomputed(store: Store) -> None:
    first = run_audit(store)
    key = _cached_key(store)
    assert key is not None
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.namespaces import SCHEMA

    node = URIRef(cache_graph_iri())
    g = Graph()
    g.add((node, SCHEMA.version, Literal(key)))
    g.add((node, SCHEMA.text, Literal("not an audit")))
    store.replace_graph(str(node), g, digest="")
    assert run_audit(store) == first
    assert run_audit(store) == first


def test_a_store_that_cannot_be_written_is_audited_without_cache(store: Store) -> None:
    class ReadOnly:  # what the benchmark's rdflib store offers: query, values and location
        location = "read-only"
        capabilities: frozenset[Capability] = frozenset()  # says so: no writes, no audit cache

        def query(self, sparql, bindings=None):  # type: ignore[no-untyped-def]
            return store.query(sparql, bindings)

        def values(self, sparql, bindings=None):  # type: ignore[no-untyped-def]
            return store.query(sparql, bindings).values()

    expected = run_audit(store, cache=False)
    assert run_audit(ReadOnly(), ensure=False) == expected  # type: ignore[arg-type]
    assert _cached_key(store) is None


def test_an_audit_that_cannot_be_kept_is_still_answered(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import StoreError

    def refuse(*args: object) -> None:
        raise StoreError("read-only")

    expected = run_audit(store, cache=False)
    monkeypatch.setattr(cache, "save", refuse)
    assert run_audit(store) == expected
    assert _cached_key(store) is None
