"""The one place where terms cross from rdflib (or plain Python) into pyoxigraph.

`kg.rdf` builds graphs with rdflib; the store and its queries speak pyoxigraph.
Keeping every conversion here means a new term kind (RDF 1.2 directional
literals, quoted triples) is handled once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
import rdflib

from kg.errors import InputError
from kg.store.base import Binding, check_variable_name

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
# What pyoxigraph's `query(substitutions=)` takes (a dict is invariant, so spelt out as it is there).
Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
_BNODE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
# Only strings that are unmistakably IRIs become IRIs: `Al-Monitor` or `10:30` must stay literals.
_IRI_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)\S+$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def to_ox(term: rdflib.term.Node) -> OxTerm:
    """Convert one rdflib term; graph names and variables are not terms of a triple and are refused."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        ident = str(term)
        # rdflib accepts any string as a blank-node id, Oxigraph only N-Triples-safe ones.
        if not _BNODE_ID.match(ident):
            ident = "b" + hashlib.sha1(ident.encode("utf-8")).hexdigest()
        return ox.BlankNode(ident)
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store an rdflib {type(term).__name__} ({term!r}) as an RDF term")


_RdflibTriple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]


def triples_to_ox(graph: Iterable[_RdflibTriple]) -> Iterator[ox.Triple]:
    for s, p, o in graph:
        subject, predicate = to_ox(s), to_ox(p)
        # rdflib lets any term stand anywhere; RDF (and pyoxigraph) does not.
        if isinstance(subject, ox.Literal):
            raise TypeError(f"a literal cannot be the subject of a triple: {s!r}")
        if not isinstance(predicate, ox.NamedNode):
            raise TypeError(f"only an IRI can be the predicate of a triple: {p!r}")
        yield ox.Triple(subject, predicate, to_ox(o))


def binding_term(value: Binding | rdflib.term.Node) -> OxTerm:
    """Turn a caller's value into the term a query variable is bound to.

    Strings that look like IRIs (`https://…`, `urn:…`, or anything in `<…>`)
    become IRIs, `"…"` forces a literal, digits become xsd:integer, and
    everything else is a plain string literal.
    """
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if isinstance(value, rdflib.term.Node):
        return to_ox(value)
    if isinstance(value, bool | int | float):  # bool first: it is an int too
        return ox.Literal(value)
    if not isinstance(value, str):
        raise InputError(f"cannot bind a {type(value).__name__} ({value!r}) to a query variable")
    try:
        if len(value) >= 2 and value[0] == "<" and value[-1] == ">":
            return ox.NamedNode(value[1:-1])
        if len(value) >= 2 and value[0] == value[-1] == '"':
            return ox.Literal(value[1:-1])
        if _INTEGER.match(value):
            return ox.Literal(int(value))
        if _IRI_LIKE.match(value):
            return ox.NamedNode(value)
    except ValueError as err:
        raise InputError(f"bad query parameter value {value!r}: {err}") from err
    return ox.Literal(value)


def substitutions(bindings: Mapping[str, Binding] | None) -> Substitutions:
    """Bindings keyed by variable name, as pyoxigraph's `substitutions=` wants them."""
    return {ox.Variable(check_variable_name(k)): binding_term(v) for k, v in (bindings or {}).items()}


def parse_param(text: str) -> tuple[str, str]:
    """Split a command-line `name=value` parameter; the value is typed later by `binding_term`."""
    name, sep, value = text.partition("=")
    if not sep:
        raise InputError(f"bad query parameter {text!r}: expected NAME=VALUE, e.g. outlet=Al-Monitor")
    return check_variable_name(name.strip()), value
