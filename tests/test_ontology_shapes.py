"""ontology/claimprov.ttl and ontology/shapes.ttl, and kg.rdf.validate over built graphs.

Each broken graph below is a correct one with one fact removed or bent, and
the test checks that the report names that fact, not merely that it fails.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Claim,
    Extraction,
    InferredCopy,
    Outlet,
    OutletKind,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    Unattributed,
)
from kg.rdf.build import article_graph, claims_graph
from kg.rdf.namespaces import CP, DCTERMS, OA, PROV, SCHEMA, mint
from kg.rdf.validate import ValidationSetupError, validate

pytest.importorskip("pyshacl")

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
CP_NS = "https://w3id.org/claimprov#"

TEXT = (
    "Des combattants russes auraient été impliqués dans l’assaut de février 2018. "
    "« Nous ne cherchons pas l’affrontement », a déclaré un haut responsable militaire américain "
    "à Al-Monitor, selon Aube Digitale. Le général Douglas Sims a estimé, selon le sénateur Jack Reed, "
    "que la base restait exposée.\n"
    "Source : The Cradle via Aube Digitale"
)
ARTICLE = Article(id="001_282cfb784bc3f909", text=TEXT, lang="fr", date="2023-06-02")


def span(needle: str) -> Span:
    start = TEXT.find(needle)
    assert start >= 0, needle
    return ARTICLE.span(start, start + len(needle))


def extraction() -> Extraction:
    official = Speaker("un haut responsable militaire américain", SpeakerKind.ANONYMOUS, anonymous=True,
                       org="armée américaine", institution="armée américaine", rank="haut",
                       mention=span("un haut responsable militaire américain"))
    sims = Speaker("Douglas Sims", SpeakerKind.PERSON, anonymous=False, org="US Army", role="général",
                   mention=span("Le général Douglas Sims"))
    return Extraction(
        article=ARTICLE,
        lang="fr",
        publisher=Outlet("Réseau International", OutletKind.WEBSITE),
        republished_from=(Outlet("Aube Digitale", OutletKind.BLOG), Outlet("The Cradle")),
        translated_by=Outlet("Aube Digitale"),
        attributions=(
            Attribution(official, AttributionKind.DIRECT, span("a déclaré"),
                        span("Nous ne cherchons pas l’affrontement"),
                        via=(Channel("Al-Monitor", ChannelKind.OUTLET, span("Al-Monitor")),
                             Channel("Aube Digitale", ChannelKind.OUTLET))),
            Attribution(sims, AttributionKind.INDIRECT, span("a estimé"), span("la base restait exposée"),
                        via=(Channel("Jack Reed", ChannelKind.RELAY, span("Jack Reed")),)),
        ),
        unattributed=(Unattributed(span("Des combattants russes auraient été impliqués dans l’assaut de "
                                        "février 2018"), "auraient été"),),
    )


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "claimprov.ttl", format="turtle")


def declared_cp_terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    subjects = {s for k in kinds for s in g.subjects(RDF.type, k)}
    return {s for s in subjects if isinstance(s, URIRef) and s.startswith(CP_NS)}


def cp_terms_used(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(CP_NS)}


# ---------------------------------------------------------------- the ontology


def test_ontology_is_owl_with_a_described_header() -> None:
    g = ontology()
    header = URIRef("https://w3id.org/claimprov")
    assert (header, RDF.type, OWL.Ontology) in g
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert g.value(header, prop) is not None, prop


def test_every_term_is_labelled_commented_and_typed() -> None:
    g = ontology()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(CP_NS)}
    assert terms == declared_cp_terms(g), "every cp: subject must be an OWL class, property or individual"
    for term in terms:
        assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert g.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_python_namespace_and_ontology_declare_the_same_terms() -> None:
    in_python = {CP[name] for name in CP.__annotations__}
    assert in_python == declared_cp_terms(ontology())


def test_cp_classes_hang_off_reused_vocabularies() -> None:
    g = ontology()
    assert (CP.Attribution, RDFS.subClassOf, PROV.Attribution) in g
    assert (CP.Claim, RDFS.subClassOf, SCHEMA.Claim) in g
    assert (CP.AnonymousSource, RDFS.subClassOf, PROV.Agent) in g
    assert (CP.UnattributedStatement, RDFS.subClassOf, CP.Statement) in g
    assert (CP.statement, OWL.inverseOf, PROV.qualifiedAttribution) in g
    assert set(g.subjects(RDF.type, CP.AttributionKind)) == {CP.Direct, CP.Indirect, CP.Mixed}


def test_every_cp_term_the_builder_writes_is_declared() -> None:
    used = cp_terms_used(article_graph(extraction()))
    claim = Claim("c1", "Résumé", (Statement(ARTICLE.id, 0, 5, TEXT[:5]),))
    used |= cp_terms_used(claims_graph([claim]))
    assert used, "the sample should exercise the vocabulary"
    assert used - declared_cp_terms(ontology()) == set()


def test_every_shape_constraint_carries_a_message() -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    property_shapes = set(shapes.subjects(SH.path, None)) - set(shapes.subjects(SH.sparql, None))
    # Shapes nested inside sh:or speak through their parent's message.
    nested = {n for lst in shapes.objects(None, SH["or"]) for n in shapes.items(lst)}
    for shape in property_shapes - nested:
        assert shapes.value(shape, SH.message) is not None, shape
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None


# ---------------------------------------------------------------- conforming graphs


def test_built_graph_conforms() -> None:
    report = validate(article_graph(extraction()))
    assert report.conforms, report.text
    assert report.results == ()


def test_continuation_quote_without_cue_conforms() -> None:
    # « … », a déclaré X. « … »  — the second quote has no cue; the extractor gives an empty span.
    text = "« Nous restons prudents », a déclaré le ministre. « La situation évolue vite. »"
    a = Article(id="c1", text=text)
    minister = Speaker("le ministre", SpeakerKind.ANONYMOUS, anonymous=True)
    first, cue, second = text.find("Nous"), text.find("a déclaré"), text.find("La situation")
    x = Extraction(article=a, lang="fr", attributions=(
        Attribution(minister, AttributionKind.DIRECT, a.span(cue, cue + 9), a.span(first, first + 22)),
        Attribution(minister, AttributionKind.DIRECT, a.span(second, second), a.span(second, second + 24)),
    ))
    g = article_graph(x)
    assert g.value(mint("attribution", "c1", "2"), CP.cue) is None
    report = validate(g)
    assert report.conforms, report.text


def test_union_with_claims_graph_conforms() -> None:
    quote = span("Nous ne cherchons pas l’affrontement")
    claim = Claim("c1", "Washington ne cherche pas l’affrontement",
                  (Statement(ARTICLE.id, quote.start, quote.end, quote.text),))
    report = validate(article_graph(extraction()) + claims_graph([claim]))
    assert report.conforms, report.text


def test_inferred_copies_conform_and_stay_apart_from_credited_ones() -> None:
    claim = Claim("c1", "Résumé", (Statement(ARTICLE.id, 0, 5, TEXT[:5]),))
    copy = InferredCopy(copy="later", original=ARTICLE.id, how="text reuse", share=0.83)
    g = claims_graph([claim], [copy])
    report = validate(article_graph(extraction()) + g)
    assert report.conforms, report.text
    node = g.value(mint("article", "later"), PROV.qualifiedDerivation)
    assert (node, RDF.type, CP.InferredDerivation) in g
    assert g.value(node, CP.reusedShare).toPython() == Decimal("0.83")
    assert (mint("article", "later"), PROV.wasDerivedFrom, mint("article", ARTICLE.id)) in g
    assert not list(g.subjects(RDF.type, CP.Copy))  # credited copies are cp:Copy nodes, never these
    assert cp_terms_used(g) - declared_cp_terms(ontology()) == set()


def test_an_inferred_copy_without_its_evidence_does_not_conform() -> None:
    claim = Claim("c1", "Résumé", (Statement(ARTICLE.id, 0, 5, TEXT[:5]),))
    g = claims_graph([claim], [InferredCopy(copy="later", original=ARTICLE.id, how="text reuse", share=0.83)])
    node = g.value(mint("article", "later"), PROV.qualifiedDerivation)
    g.remove((node, CP.reusedShare, None))
    report = validate(article_graph(extraction()) + g)
    assert not report.conforms
    assert any("cp:reusedShare" in r for r in report.results), report.text


def test_the_readme_example_conforms() -> None:
    readme = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    example = readme.split("```turtle\n", 1)[1].split("```", 1)[0]
    report = validate(Graph().parse(data=example, format="turtle"))
    assert report.conforms, report.text


# ---------------------------------------------------------------- broken graphs

ATTRIBUTION = mint("attribution", ARTICLE.id, "1")
QUOTE_SELECTOR = mint("selector", ARTICLE.id, str(span("Nous ne").start), str(span("Nous ne").start + 36))
STATEMENT = mint("statement", ARTICLE.id, str(span("Nous ne").start), str(span("Nous ne").start + 36))
HEDGED = mint("statement", ARTICLE.id, "0", str(len("Des combattants russes auraient été impliqués dans "
                                                     "l’assaut de février 2018")))
ARTICLE_NODE = mint("article", ARTICLE.id)


def _remove(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def _set(s: URIRef, p: URIRef, o: URIRef | Literal) -> Callable[[Graph], None]:
    return lambda g: g.set((s, p, o))


def _add(s: URIRef, p: URIRef, o: URIRef | Literal) -> Callable[[Graph], None]:
    return lambda g: g.add((s, p, o))


def _retype_person_as_anonymous(g: Graph) -> None:
    g.add((mint("agent", "Douglas Sims"), RDF.type, CP.AnonymousSource))


def _drop_text(g: Graph) -> None:
    g.remove((ARTICLE_NODE, SCHEMA.text, None))


BROKEN: list[tuple[str, Callable[[Graph], None], str, str]] = [
    ("attribution without speaker", _remove(ATTRIBUTION, PROV.agent),
     "attribution/1 prov:agent", "exactly one speaker (prov:agent)"),
    ("selector with start > end", _set(QUOTE_SELECTOR, OA.start, Literal(10_000)),
     "oa:start", "oa:start must be less than its oa:end"),
    ("kind outside the allowed set", _set(ATTRIBUTION, CP.kind, Literal("direct")),
     "cp:kind", "one of cp:Direct, cp:Indirect, cp:Mixed"),
    ("cue without its selector", _remove(ATTRIBUTION, CP.cueSelector), "attribution/1",
     "a cue (cp:cue) and a cue selector (cp:cueSelector) together, or neither"),
    ("empty cue", _set(ATTRIBUTION, CP.cue, Literal("")), "cp:cue", "a non-empty string"),
    ("cue differing from its selector", _set(ATTRIBUTION, CP.cue, Literal("a dit")),
     "attribution/1", "exact text its cue selector points at"),
    ("statement with two selectors", _add(STATEMENT, OA.hasSelector, mint("selector", ARTICLE.id, "0", "3")),
     "oa:hasSelector", "exactly one selector"),
    ("exact text not at its offsets", _set(QUOTE_SELECTOR, OA.exact, Literal("x" * 36)),
     "statement/", "does not slice back"),
    ("exact text of the wrong length", _set(QUOTE_SELECTOR, OA.exact, Literal("Nous")),
     "selector/", "oa:end - oa:start characters long"),
    ("two channels at one position", _set(mint("channel", ARTICLE.id, "1", "2"), CP.position, Literal(1)),
     "attribution/1", "share position 1"),
    ("channel position 0", _set(mint("channel", ARTICLE.id, "1", "1"), CP.position, Literal(0)),
     "channel/1 cp:position", "integer cp:position, from 1"),
    ("statement not pointing back", _remove(STATEMENT, PROV.qualifiedAttribution),
     "^prov:qualifiedAttribution", "point back to it"),
    ("article without identifier", _remove(ARTICLE_NODE, DCTERMS.identifier),
     "dcterms:identifier", "dcterms:identifier"),
    ("article without text or url", _drop_text, ARTICLE.id, "text (schema:text) or a URL"),
    ("outlet without a name", _remove(mint("outlet", "Al-Monitor"), SCHEMA.name),
     "outlet/al-monitor schema:name", "exactly one non-empty schema:name"),
    ("copies at one position", _set(mint("copy", ARTICLE.id, "2"), CP.position, Literal(1)),
     ARTICLE.id, "share position 1"),
    ("hedged statement without hedge", _remove(HEDGED, CP.hedge), "cp:hedge", "hedge marker"),
    ("anonymous source with a global IRI", _retype_person_as_anonymous,
     "agent/douglas-sims", "scoped to its article"),
]


@pytest.mark.parametrize(("name", "breakage", "where", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_graph_does_not_conform_and_the_report_names_the_problem(
    name: str, breakage: Callable[[Graph], None], where: str, message: str
) -> None:
    g = article_graph(extraction())
    original = set(g)
    breakage(g)
    assert set(g) != original, f"{name}: the breakage changed nothing"
    report = validate(g)
    assert not report.conforms
    matching = [r for r in report.results if message in r]
    assert matching, f"no result says {message!r}:\n" + "\n".join(report.results)
    assert any(where in r for r in matching), f"no result about {where!r}:\n" + "\n".join(matching)
    assert message in report.text


# ---------------------------------------------------------------- validate() itself


def test_validate_accepts_explicit_paths(tmp_path: Path) -> None:
    for name in ("shapes.ttl", "claimprov.ttl"):
        shutil.copy(ONTOLOGY / name, tmp_path / name)
    report = validate(article_graph(extraction()), shapes_path=tmp_path / "shapes.ttl",
                      ontology_path=tmp_path / "claimprov.ttl")
    assert report.conforms, report.text


def test_validate_names_a_missing_shapes_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "shapes.ttl"
    with pytest.raises(ValidationSetupError, match=r"shapes\.ttl") as caught:
        validate(Graph(), shapes_path=missing)
    assert str(missing) in str(caught.value)


def test_validate_names_a_broken_shapes_file(tmp_path: Path) -> None:
    bad = tmp_path / "shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle", encoding="utf-8")
    with pytest.raises(ValidationSetupError, match="cannot parse"):
        validate(Graph(), shapes_path=bad)


def test_validate_without_pyshacl_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyshacl", None)  # makes `import pyshacl` fail
    with pytest.raises(ValidationSetupError, match="pip install"):
        validate(Graph())
