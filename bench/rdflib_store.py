"""The audit's queries over rdflib's in-memory Dataset: the baseline for the embedded store.

Implements just what `kg.audit` calls on a `Store` (`query` with bound
parameters, and `location`), so the very same audit code runs on both.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import pyoxigraph as ox
import rdflib
from rdflib.term import Variable

from kg.store import Capability
from kg.store.base import Binding, QueryResult


def _term(value: Binding) -> rdflib.term.Node:
    if isinstance(value, ox.NamedNode):
        return rdflib.URIRef(value.value)
    if isinstance(value, ox.Literal):
        return rdflib.Literal(value.value, datatype=rdflib.URIRef(value.datatype.value)
                              if value.language is None and value.datatype.value.split("#")[-1] != "string"
                              else None, lang=value.language)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return rdflib.URIRef(value)
    return rdflib.Literal(value)


class RdflibStore:
    """Quads parsed into `rdflib.Dataset`, queried with `initBindings`."""

    location = "rdflib in-memory Dataset"
    # It answers queries and nothing else: no writes, no audit cache.
    capabilities: frozenset[Capability] = frozenset()

    def __init__(self, nquads: bytes) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            # default_union: a pattern outside GRAPH sees every graph, as the embedded store does.
            self.dataset = rdflib.Dataset(default_union=True)
            self.dataset.parse(data=nquads, format="nquads")

    def __len__(self) -> int:
        return len(self.dataset)

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        init = {Variable(k): _term(v) for k, v in (bindings or {}).items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            result = self.dataset.query(sparql, initBindings=init)
            document = result.serialize(format="json")
        return QueryResult.from_results_json(document if isinstance(document, bytes) else document.encode())

    def values(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> list[tuple[str | None, ...]]:
        return self.query(sparql, bindings).values()
