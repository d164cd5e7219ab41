"""The whole pipeline on the bundled example articles: ingest, query, re-ingest, validate.

The answers asserted here are what the articles really say (see
shared/seeds/gold.yaml), so they test the extractor, the RDF mapping, the
store and the example queries together.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from typer.testing import CliRunner

from kg import queries
from kg.cli import app
from kg.pipeline import ingest_paths, stored_digest
from kg.store import Store, open_store

if TYPE_CHECKING:
    from conftest import IngestedStore

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
PENTAGON = "000_fee7a79d059e0f4e"
CRADLE = "001_282cfb784bc3f909"
ALL_IDS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))

ATTRIBUTIONS_OF = """
PREFIX cp: <https://w3id.org/claimprov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?article ?end WHERE {
  GRAPH ?g { ?a a cp:Attribution ; cp:reportedIn/dcterms:identifier ?article ;
                cp:statement/oa:hasSelector/oa:end ?end }
}
"""


def test_every_example_article_is_ingested(examples_store_path: IngestedStore, examples_store: Store) -> None:
    assert sorted(examples_store_path.added) == ALL_IDS
    assert examples_store_path.skipped == 0
    stats = examples_store.stats()
    assert stats["articles"] == stats["graphs"] == len(ALL_IDS)
    assert stats["triples"] == examples_store_path.triples == len(examples_store)
    assert stats["attributions"] >= 20  # gold.yaml has 59 across the four articles


# ------------------------------------------------------------------ the example queries


def test_anonymous_pentagon_official_speaks_through_al_monitor(examples_store: Store) -> None:
    rows = examples_store.query(queries.load("anonymous_statements"), {"article": PENTAGON}).records()
    via_al_monitor = [r for r in rows if "Al-Monitor" in (r["channels"] or "")]
    assert via_al_monitor, rows
    assert all("responsable" in r["speaker"] for r in via_al_monitor)
    quotes = [r["quote"] for r in via_al_monitor]
    assert any(q.startswith("Il y a une convergence d’intérêts") for q in quotes), quotes


def test_anonymous_statements_span_several_articles_and_channels(examples_store: Store) -> None:
    rows = examples_store.query(queries.load("anonymous_statements")).records()
    assert {PENTAGON, CRADLE} <= {r["article"] for r in rows}
    channels = " ".join(r["channels"] or "" for r in rows if r["article"] == PENTAGON)
    assert "Al-Monitor" in channels and "CNN" in channels


def test_quoted_via_al_monitor_by_default(examples_store: Store) -> None:
    rows = examples_store.query(queries.load("quoted_via_outlet")).records()
    by_article = {(r["article"], r["speaker"]) for r in rows}
    assert (PENTAGON, "un responsable du Pentagone") in by_article
    assert any(a == CRADLE and "haut responsable militaire américain" in s for a, s in by_article), by_article
    assert all(r["via"] == "Al-Monitor" for r in rows)
    assert len(rows) == len({(r["article"], r["quote"]) for r in rows})  # one row per statement


def test_quoted_via_cnn(examples_store: Store) -> None:
    rows = examples_store.query(queries.load("quoted_via_outlet"), {"outlet": "CNN"}).records()
    assert any(r["article"] == PENTAGON and r["quote"].startswith("Ils continuent d’entreprendre")
               for r in rows), rows


def test_republication_chains(examples_store: Store) -> None:
    rows = examples_store.query(queries.load("republication_chain")).records()
    chain = {a: [(r["role"], r["outlet"]) for r in rows if r["article"] == a] for a in (PENTAGON, CRADLE)}
    taken = {a: [o for role, o in c if role == "taken from"] for a, c in chain.items()}
    assert taken[CRADLE] == ["Aube Digitale", "The Cradle"]  # nearest first
    assert taken[PENTAGON] == ["South Front"]
    assert ("translated by", "MIRASTNEWS") in chain[PENTAGON]


def test_named_speakers_are_found(examples_store: Store) -> None:
    # What `kg link` reads: every statement, with its speaker when it has one.
    rows = examples_store.query(queries.load("statements"), {"article": PENTAGON}).records()
    assert "Oleg Gurinov" in {r["speaker"] for r in rows}
    assert {r["article"] for r in rows} == {PENTAGON}


def test_the_cli_answers_from_the_same_store(examples_store_path: IngestedStore) -> None:
    args = ["query", "--name", "quoted_via_outlet", "-p", "outlet=CNN", "-f", "json",
            "--store", str(examples_store_path.path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert bindings and all(b["via"]["value"] == "CNN" for b in bindings)


# ------------------------------------------------------------------ re-ingest


@pytest.fixture
def articles_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    for f in folder.iterdir():
        f.chmod(0o644)  # the bundled copies are read-only
    return folder


def test_reingesting_unchanged_articles_changes_nothing(articles_copy: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "kg-store") as store:
        first = ingest_paths([articles_copy], store)
        export_before = store.export("nquads")
        second = ingest_paths([articles_copy], store)
        assert sorted(second.unchanged) == ALL_IDS
        assert second.added == second.replaced == [] and second.attributions == 0
        assert second.triples == first.triples == len(store)
        assert store.export("nquads") == export_before


def test_a_new_extractor_re_reads_unchanged_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored digest folds in the extractor's fingerprint: after an upgrade, re-ingesting
    the same files re-extracts them instead of keeping what the old rules found."""
    import kg.extract
    from kg.extract import fingerprint

    with open_store(tmp_path / "kg-store") as store:
        first = ingest_paths([EXAMPLES], store)
        assert sorted(first.added) == ALL_IDS
        assert sorted(ingest_paths([EXAMPLES], store).unchanged) == ALL_IDS
        monkeypatch.setattr(kg.extract, "fingerprint", lambda: fingerprint() + "-next")
        assert sorted(ingest_paths([EXAMPLES], store).replaced) == ALL_IDS


def test_a_new_rdf_mapping_rewrites_unchanged_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """So does the RDF mapping's version (which covers the packed copies the audit reads): a store
    written by an older mapping gets today's graphs on the next ingest."""
    import kg.rdf.build
    from kg.rdf.build import mapping_version

    with open_store(tmp_path / "kg-store") as store:
        ingest_paths([EXAMPLES], store)
        assert sorted(ingest_paths([EXAMPLES], store).unchanged) == ALL_IDS
        monkeypatch.setattr(kg.rdf.build, "mapping_version", lambda: mapping_version() + "-next")
        assert sorted(ingest_paths([EXAMPLES], store).replaced) == ALL_IDS


def test_a_changed_article_replaces_its_graph(articles_copy: Path, tmp_path: Path) -> None:
    from kg.extract import extract
    from kg.ingest import read_file

    path = articles_copy / f"{PENTAGON}.txt"
    with open_store(tmp_path / "kg-store") as store:
        ingest_paths([articles_copy], store)
        before = [r for r in store.query(ATTRIBUTIONS_OF).records() if r["article"] == PENTAGON]

        # Keep the first three paragraphs only: most of the official's statements go away.
        shorter = "\n\n".join(path.read_text(encoding="utf-8").split("\n\n")[:3]) + "\n"
        path.write_text(shorter, encoding="utf-8")
        summary = ingest_paths([articles_copy], store)
        assert summary.replaced == [PENTAGON]
        assert sorted(summary.unchanged) == [i for i in ALL_IDS if i != PENTAGON]

        after = [r for r in store.query(ATTRIBUTIONS_OF).records() if r["article"] == PENTAGON]
        [article] = read_file(path)
        assert len(after) == len(extract(article).attributions) < len(before)
        assert all(int(r["end"]) <= len(article.text) for r in after)  # nothing left of the old text
        assert store.article_digest(f"https://w3id.org/claimprov/id/graph/{PENTAGON}") == stored_digest(article)


# ------------------------------------------------------------------ SHACL


def test_the_whole_store_conforms_to_the_shapes(examples_store: Store) -> None:
    from kg.rdf.validate import validate

    graph = rdflib.Graph()
    dataset = rdflib.Dataset()
    dataset.parse(data=examples_store.export("nquads"), format="nquads")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    assert len(graph) > 0
    report = validate(graph)
    assert report.conforms, "\n".join(report.results[:20])
