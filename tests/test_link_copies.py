"""Uncredited copies, end to end: `kg link` finds them, keeps them in the claims graph as inferred
derivations, and the audit and its views read them from there (composed articles).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.audit import audit_json, run_audit
from kg.audit.run import claim_graph, claims_are_current
from kg.link import claims_graph_iri, link_store, read_copies
from kg.pipeline import ingest_paths
from kg.rdf.namespaces import CP, PROV, mint
from kg.store import Store, open_store

pytestmark = pytest.mark.slow

ORIGINAL = ("Tyremaker will close its plants in Cholet and Vannes by 2026, the company said on Tuesday. "
            "About twelve hundred employees work at the two sites, according to the unions. "
            "The decision became inevitable because of competition from Asian manufacturers, management said.")
# The same dispatch a day later, one sentence reworded, no credit.
COPY = ("Tyremaker will shut its plants in Cholet and Vannes by 2026, the company said on Tuesday. "
        "About twelve hundred employees work at the two sites, according to the unions. "
        "The decision became inevitable because of competition from Asian manufacturers, management said.")
# The same event, told apart: one quote in common, its own sentences.
OWN = ("Workers gathered outside the Cholet gates at dawn, many learning the news from their phones. "
       "Tyremaker will close its plants in Cholet and Vannes by 2026, the company said on Tuesday. "
       "The regional council said it would examine every option to keep jobs in the area.")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("copies")
    lines = [{"id": "wire", "text": ORIGINAL, "date": "2024-11-05", "lang": "en"},
             {"id": "copier", "text": COPY, "date": "2024-11-06", "lang": "en"},
             {"id": "own", "text": OWN, "date": "2024-11-05", "lang": "en"}]
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    st = open_store(folder / "store")
    ingest_paths([Path(path)], st, jobs=1)
    yield st
    st.close()


def test_link_finds_the_copy_and_keeps_it_in_the_claims_graph(store: Store) -> None:
    result = link_store(store)
    assert [(c.copy, c.original, c.how) for c in result.copies] == [("copier", "wire", "text reuse")]
    assert result.copies[0].share >= 0.6
    assert read_copies(store) == {"copier": result.copies[0]}
    rows = store.query(f"ASK {{ GRAPH <{claims_graph_iri()}> {{ <{mint('article', 'copier')}> "
                       f"<{PROV.wasDerivedFrom}> <{mint('article', 'wire')}> ; "
                       f"<{PROV.qualifiedDerivation}> [ a <{CP.InferredDerivation}> ] }} }}")
    assert rows.boolean
    assert claims_are_current(store)


def test_the_audit_reads_the_copy_and_says_so(store: Store) -> None:
    link_store(store)
    audits = audit_json(run_audit(store, min_articles=2, cache=False))
    claim = next(a for a in audits if {"wire", "copier"} <= set(a["articles"]))
    assert any("copier copies wire (text reuse" in r for r in claim["reasons"]), claim["reasons"]
    # The article on the same event is no copy: it keeps its own reading of the source.
    assert not any(r.startswith("own copies") for a in audits for r in a["reasons"])


def test_the_claim_view_draws_the_copy_apart_from_credited_routes(store: Store) -> None:
    link_store(store)
    audits = run_audit(store, min_articles=2, cache=False)
    claim = next(a for a in audits if {"wire", "copier"} <= set(a.articles))
    g = claim_graph(store, claim.id)
    edge = g.edges[str(mint("article", "wire")), str(mint("article", "copier"))]
    assert edge["relation"] == "reused"
    assert "copies wire without credit" in g.nodes[str(mint("article", "copier"))]["detail"]
    # Articles are named as a reader knows them: publisher (here the id: none is known) and date.
    assert g.nodes[str(mint("article", "copier"))]["label"] == "copier · 2024-11-06"
    assert g.nodes[str(mint("article", "copier"))]["article_id"] == "copier"


def test_a_claims_graph_from_before_copies_were_kept_is_stale(store: Store) -> None:
    from kg.link import read_statements, write_claims
    from kg.link.linker import link_statements

    write_claims(store, link_statements(read_statements(store)).claims)  # no copies looked for
    assert not claims_are_current(store)
    link_store(store)
    assert claims_are_current(store)
