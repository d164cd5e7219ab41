"""Python and rdflib values → pyoxigraph terms, and `--param NAME=VALUE` parsing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import InputError
from kg.store.terms import binding_term, parse_param, substitutions, to_ox

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://w3id.org/claimprov/id/outlet/al-monitor", ox.NamedNode("https://w3id.org/claimprov/id/outlet/al-monitor")),
        ("urn:kg:x", ox.NamedNode("urn:kg:x")),
        ("<tag:x>", ox.NamedNode("tag:x")),  # angle brackets force an IRI
        ("Al-Monitor", ox.Literal("Al-Monitor")),
        ("un responsable du Pentagone", ox.Literal("un responsable du Pentagone")),
        ("10:30", ox.Literal("10:30")),  # a colon alone does not make an IRI
        ("Note: https://x.org", ox.Literal("Note: https://x.org")),
        ("42", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
        ("-7", ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer"))),
        ('"42"', ox.Literal("42")),  # quotes force a string
        ('"https://x.org"', ox.Literal("https://x.org")),
        ("", ox.Literal("")),
        (42, ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
        (True, ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
        (1.5, ox.Literal("1.5", datatype=ox.NamedNode(XSD + "double"))),
        (rdflib.Literal("fr", lang="fr"), ox.Literal("fr", language="fr")),
    ],
)
def test_binding_term(value: object, expected: object) -> None:
    assert binding_term(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["<not an iri>", [1, 2], None])
def test_unusable_binding_values_are_input_errors(value: object) -> None:
    with pytest.raises(InputError):
        binding_term(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("outlet=Al-Monitor", ("outlet", "Al-Monitor")),
        ("?outlet=CNN", ("outlet", "CNN")),
        ("$n=3", ("n", "3")),
        ("q=a=b", ("q", "a=b")),  # only the first = splits
        ("empty=", ("empty", "")),
    ],
)
def test_parse_param(text: str, expected: tuple[str, str]) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("outlet", "expected NAME=VALUE"),
        ("=x", "bad query parameter name"),
        ("two words=x", "bad query parameter name"),
    ],
)
def test_parse_param_errors_name_the_bad_input(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_param(text)


def test_substitutions_are_keyed_by_variable() -> None:
    assert substitutions({"?speaker": "https://x.org/a", "n": 2}) == {
        ox.Variable("speaker"): ox.NamedNode("https://x.org/a"),
        ox.Variable("n"): ox.Literal(2),
    }
    assert substitutions(None) == {}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (rdflib.URIRef("https://x.org/a"), ox.NamedNode("https://x.org/a")),
        (rdflib.Literal("texte", lang="fr"), ox.Literal("texte", language="fr")),
        (rdflib.Literal(3), ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))),
        (rdflib.Literal("2023-07", datatype=rdflib.XSD.gYearMonth),
         ox.Literal("2023-07", datatype=ox.NamedNode(XSD + "gYearMonth"))),
        (rdflib.Literal("plain"), ox.Literal("plain")),
        (rdflib.BNode("b1"), ox.BlankNode("b1")),
    ],
)
def test_to_ox(term: rdflib.term.Node, expected: object) -> None:
    assert to_ox(term) == expected


def test_odd_blank_node_ids_become_stable_valid_ones() -> None:
    a, b = to_ox(rdflib.BNode("has space!")), to_ox(rdflib.BNode("has space!"))
    assert isinstance(a, ox.BlankNode) and a == b


def test_variables_are_not_storable_terms() -> None:
    with pytest.raises(TypeError, match="Variable"):
        to_ox(rdflib.Variable("x"))
