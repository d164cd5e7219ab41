"""Circular reporting: outlets that cite each other in a loop."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest

from kg.audit import find_cycles, outlet_graph, run_audit
from kg.model import Article, Attribution, AttributionKind, Extraction, Outlet, Speaker, SpeakerKind
from kg.rdf.build import article_graph, graph_iri
from kg.store import Store, open_store


def _graph(edges: list[tuple[str, str]]) -> nx.DiGraph:
    g = nx.DiGraph()
    for a, b in edges:
        g.add_node(a, kind="outlet", label=a)
        g.add_node(b, kind="outlet", label=b)
        g.add_edge(a, b)
    return g


@pytest.mark.parametrize(("edges", "cycles"), [
    ([("A", "B"), ("B", "A")], [("A", "B")]),  # A cites B cites A
    ([("B", "C"), ("C", "A"), ("A", "B")], [("A", "B", "C")]),  # read from the smallest label
    ([("A", "B"), ("B", "C"), ("A", "C")], []),  # a diamond is no loop
    ([("A", "B"), ("B", "A"), ("B", "C"), ("C", "B")], [("A", "B"), ("B", "C")]),
    ([], []),
])
def test_cycles_table(edges: list[tuple[str, str]], cycles: list[tuple[str, ...]]) -> None:
    assert find_cycles(_graph(edges)) == cycles


def test_only_outlets_make_a_reporting_loop() -> None:
    g = _graph([("A", "B")])
    g.add_node("speaker", kind="person", label="speaker")
    g.add_edges_from([("B", "speaker"), ("speaker", "A")])
    assert find_cycles(g) == []


def test_the_count_of_cycles_is_capped() -> None:
    complete = nx.complete_graph(9, create_using=nx.DiGraph)
    nx.set_node_attributes(complete, "outlet", "kind")
    assert len(find_cycles(complete, limit=50)) <= 50


# ------------------------------------------------------------------ through the store

TEXT = "« Les négociations ont échoué », a déclaré un diplomate. Plus tard, rien."
QUOTE = "Les négociations ont échoué"


def _extraction(article_id: str, publisher: str, taken_from: str) -> Extraction:
    article = Article(id=article_id, text=TEXT, lang="fr")
    start = TEXT.index(QUOTE)
    cue = TEXT.index("a déclaré")
    diplomat = Speaker(name="un diplomate", kind=SpeakerKind.ANONYMOUS, anonymous=True)
    attribution = Attribution(speaker=diplomat, kind=AttributionKind.DIRECT,
                              cue=article.span(cue, cue + len("a déclaré")),
                              quote=article.span(start, start + len(QUOTE)))
    return Extraction(article=article, lang="fr", publisher=Outlet(publisher),
                      republished_from=(Outlet(taken_from),), attributions=(attribution,))


@pytest.fixture
def loop_store() -> Iterator[Store]:
    """Two copies of one quote: Le Relais takes it from L'Écho, L'Écho from Le Relais."""
    store = open_store(memory=True)
    for x in (_extraction("x1", "Le Relais", "L'Écho"), _extraction("x2", "L'Écho", "Le Relais")):
        store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    try:
        yield store
    finally:
        store.close()


def test_a_loop_between_two_outlets_is_reported_and_counts_as_one_upstream(loop_store: Store) -> None:
    (audit,) = run_audit(loop_store, min_articles=2)
    assert audit.cycles == (("L'Écho", "Le Relais"),)
    # Each article credits the other: the two unnamed diplomats are one source.
    assert audit.independent_sources == 1 and audit.single_source


def test_the_outlet_graph_shows_the_loop(loop_store: Store) -> None:
    g = outlet_graph(loop_store)
    assert find_cycles(g) == [("L'Écho", "Le Relais")]
    assert {d["weight"] for _, _, d in g.edges(data=True)} == {1}
    # The one claim both outlets carried has a single source: both are flagged for it.
    assert {d["label"]: d["single_source_claims"] for _, d in g.nodes(data=True)} == {"L'Écho": 1, "Le Relais": 1}
