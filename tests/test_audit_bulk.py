"""The audit's fast path says exactly what the readable queries and the full graphs say.

`run_audit` reads the store in bulk (the graphs' packed copies) and audits each
claim without building its networkx graph; `claim_graph` and the views read
through the readable queries and build the graph. Both must agree on every
record and every claim: on the example articles, on a synthetic corpus with
republication loops (synthetic_corpus.py), and on data with awkward texts.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal

from kg.audit import records
from kg.audit.changes import _HEDGE, hedge_of
from kg.audit.cycles import find_cycles, list_cycles
from kg.audit.graph import set_hops
from kg.audit.paths import Step
from kg.audit.records import StatementRow, fetch_statements, fetch_travel, read_all
from kg.audit.routes import Routes, _components, _condensed_levels
from kg.audit.run import _analyse, _audit, run_audit
from kg.link import link_store, read_copies
from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Extraction,
    Outlet,
    Speaker,
    SpeakerKind,
)
from kg.rdf.build import article_graph, graph_iri
from kg.rdf.namespaces import PROV, mint
from kg.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]


def _put(store: Store, x: Extraction) -> None:
    store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)


@pytest.fixture(scope="module")
def synthetic_store(linked_synthetic: Callable[..., Store]) -> Iterator[Store]:
    """300 synthetic articles over 60 claims: copies everywhere, chains that loop."""
    store = linked_synthetic(60, articles=300, seed=3)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def examples_linked(examples_store_path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("audit-bulk") / "kg-store"
    shutil.copytree(examples_store_path.path, folder)
    store = open_store(folder, create=False)
    link_store(store, method="char")
    try:
        yield store
    finally:
        store.close()


def _reference(store: Store) -> tuple[dict[str, list[StatementRow]], dict]:
    return fetch_statements(store), fetch_travel(store)


@pytest.mark.parametrize("which", ["synthetic_store", "examples_linked"])
def test_the_bulk_read_is_the_readable_read(which: str, request: pytest.FixtureRequest,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = request.getfixturevalue(which)
    expected = _reference(store)
    # And it is the bulk query that answered, not the fallback.
    monkeypatch.setattr(records, "fetch_statements", None)
    assert read_all(store) == expected
    assert expected[0] and expected[1]


@pytest.mark.parametrize("which", ["synthetic_store", "examples_linked"])
def test_every_claim_audits_as_its_full_graph_does(which: str, request: pytest.FixtureRequest) -> None:
    store = request.getfixturevalue(which)
    statements, travel = read_all(store)
    routes = Routes(travel)
    looped = 0
    for claim, members in statements.items():
        full = _analyse(claim, members, travel).audit
        assert _audit(claim, members, travel, routes) == full
        looped += bool(full.cycles)
    if which == "synthetic_store":
        assert looped > 0, "the corpus should exercise reporting loops"


def test_run_audit_orders_as_before(synthetic_store: Store) -> None:
    statements, travel = read_all(synthetic_store)
    copies = read_copies(synthetic_store)  # which articles copy which: the same for both paths
    audits = [_analyse(c, m, travel, copies).audit for c, m in statements.items()
              if len({s.article for s in m}) >= 2]
    expected = sorted(audits, key=lambda a: (-a.amplification, -a.single_source, -a.anonymous_root,
                                             -len(a.articles), a.id))
    assert run_audit(synthetic_store, min_articles=2, ensure=False, cache=False) == expected


# ---------------------------------------------------------------- awkward data

ODD = "A|b, c*-: d\n« e » 12,3|-*"


def _odd_article(article_id: str, speaker: str) -> Extraction:
    quote = f"Les convois {ODD} auraient été détournés vers le nord"
    text = f"« {quote} », a déclaré {speaker} à Radio {ODD}. Fin."
    article = Article(id=article_id, text=text, lang="fr", title=f"Titre {ODD}")
    start = text.index(quote)
    cue = text.index("a déclaré")
    said = Attribution(speaker=Speaker(name=speaker, kind=SpeakerKind.PERSON, anonymous=False),
                       kind=AttributionKind.DIRECT,
                       cue=article.span(cue, cue + len("a déclaré")), quote=article.span(start, start + len(quote)),
                       via=(Channel(f"Radio {ODD}", ChannelKind.OUTLET),))
    return Extraction(article=article, lang="fr", publisher=Outlet(f"Le {ODD}"),
                      republished_from=(Outlet("Agence | Presse"),), attributions=(said,))


def test_texts_holding_the_packing_characters_come_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(memory=True) as store:
        _put(store, _odd_article("odd-1", f"Jean {ODD}"))
        _put(store, _odd_article("odd-2", "Marie Curie"))
        link_store(store, method="char")
        expected = _reference(store)
        monkeypatch.setattr(records, "fetch_statements", None)
        got = read_all(store)
    assert got == expected
    assert any(ODD in s.text for members in got[0].values() for s in members)
    assert any(ODD in (s.speaker_label or "") for members in got[0].values() for s in members)


def test_a_literal_or_blank_node_where_an_iri_belongs_is_read_the_readable_way() -> None:
    x = _odd_article("odd-3", "Paul Martin")
    with open_store(memory=True) as store:
        g = article_graph(x)
        attribution = mint("attribution", "odd-3", "1")
        g.remove((attribution, PROV.agent, None))
        g.add((attribution, PROV.agent, Literal("un nom sans IRI")))
        store.replace_graph(str(graph_iri(x.article)), g, x.article.digest)
        link_store(store, method="char")
        expected = _reference(store)
        assert read_all(store) == expected
    (members,) = expected[0].values()
    assert members[0].speaker == "un nom sans IRI"


# ---------------------------------------------------------------- the pieces, against networkx

def _random_graph(rng: random.Random, n: int, p: float) -> nx.DiGraph:
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(f"n{i}", kind="outlet" if rng.random() < 0.8 else "person", label=f"L{rng.randrange(3 * n)}")
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < p:
                g.add_edge(f"n{i}", f"n{j}")
    return g


def _steps(g: nx.DiGraph) -> dict[str, Step]:
    return {n: Step(node=n, kind=d["kind"], label=d["label"], anonymous=False, role="via")
            for n, d in g.nodes(data=True)}


def _every_cycle(g: nx.DiGraph, max_length: int = 8) -> list[tuple[str, ...]]:
    """All loops among outlets by brute force (networkx), read from the smallest label, in the listed order."""
    sub = g.subgraph(n for n, k in g.nodes(data="kind") if k == "outlet")
    found = set()
    for cycle in nx.simple_cycles(sub, length_bound=max_length):
        labels = [sub.nodes[n]["label"] for n in cycle]
        first = labels.index(min(labels))
        found.add(tuple(labels[first:] + labels[:first]))
    return sorted(found, key=lambda c: (len(c), c))


@pytest.mark.parametrize("seed", range(40))
def test_components_levels_and_cycles_match_networkx(seed: int) -> None:
    rng = random.Random(seed)
    g = _random_graph(rng, rng.randint(1, 12), rng.choice([0.05, 0.15, 0.3]))
    succ = {u: dict.fromkeys(g.successors(u)) for u in g}
    assert sorted(map(sorted, _components(list(g), succ))) == sorted(map(sorted, nx.strongly_connected_components(g)))
    set_hops(g)
    assert _condensed_levels(_steps(g), succ) == dict(g.nodes(data="hop"))
    outlets = [n for n, k in g.nodes(data="kind") if k == "outlet"]
    among = {u: [v for v in succ[u] if v in outlets] for u in outlets}
    loops = [c for c in _components(outlets, among) if len(c) > 1]
    listed = list_cycles(loops, among, lambda n: g.nodes[n]["label"])
    assert listed == find_cycles(g) == _every_cycle(g)[:100]


@pytest.mark.parametrize("n", [6, 7, 9])
def test_a_dense_loop_lists_its_shortest_loops_first(n: int) -> None:
    complete = nx.complete_graph(n, create_using=nx.DiGraph)
    nx.set_node_attributes(complete, "outlet", "kind")
    nx.set_node_attributes(complete, {v: f"O{v}" for v in complete}, "label")
    everything = _every_cycle(complete)
    assert len(everything) > 100  # K6 already holds 409 loops
    assert find_cycles(complete) == everything[:100]
    # The same list whatever order the graph was built in.
    shuffled = nx.DiGraph()
    order = list(complete.nodes)
    random.Random(n).shuffle(order)
    shuffled.add_nodes_from((v, complete.nodes[v]) for v in order)
    shuffled.add_edges_from(sorted(complete.edges, key=lambda e: (order.index(e[1]), order.index(e[0]))))
    assert find_cycles(shuffled) == everything[:100]


def test_a_search_over_budget_stops_with_the_same_short_loops() -> None:
    complete = nx.complete_graph(12, create_using=nx.DiGraph)
    labels = {str(v): f"O{v:02d}" for v in complete}
    succ = {str(u): [str(v) for v in complete.successors(u)] for u in complete}
    small = list_cycles([list(succ)], succ, labels.__getitem__, budget=2_000)
    assert small == list_cycles([list(succ)], succ, labels.__getitem__, budget=2_000)
    assert small[:66] == [c for c in list_cycles([list(succ)], succ, labels.__getitem__) if len(c) == 2]


_WORDS = ["Ils", "auraient", "AURAIT", "serait", "pourraient", "semble-t-il", "selon des informations",
          "reportedly", "Allegedly", "is said to", "are said to", "would have", "vrai", "train", "ſerait",
          "aıraient", "AURAİT", "would\u212aave", "dit", "«", "»", "été", "Kiev", "\u212aiev", "wouldhave"]


@pytest.mark.parametrize("seed", range(30))
def test_the_hedge_prefilter_never_hides_a_hedge(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 6)))
        s = StatementRow(claim="c", claim_id="c", summary="s", statement="s", article="a", start=0,
                             end=len(text), text=text, hedge=None, attribution=None, speaker=None,
                             speaker_label=None, anonymous=False, speaker_kind=None, cue=None, kind=None)
        m = _HEDGE.search(text)
        assert hedge_of(s) == (m.group(0) if m else None), text
