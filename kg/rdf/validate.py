"""Check a graph against the claimprov SHACL shapes with pySHACL.

pySHACL is a test/QA dependency, not a runtime one, so it is imported only
when `validate` is called; a missing install is reported as a `KgError`
that says how to get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.rdf.namespaces import ID, SH, XSD, bind_prefixes

__all__ = ["ONTOLOGY_PACKAGE", "ValidationReport", "ValidationSetupError", "validate"]

# The repository's ontology/ folder (the published ontology, its only copy), installed as
# this package by pyproject.toml's package-dir, so an installed wheel validates too.
ONTOLOGY_PACKAGE = "kg.ontology"


class ValidationSetupError(KgError):
    """Validation cannot run: pySHACL is not installed, or a shapes/ontology file is unusable."""


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    results: tuple[str, ...]  # one readable line per SHACL result, sorted
    text: str  # pySHACL's full report


def validate(
    graph: Graph,
    *,
    shapes_path: Path | None = None,
    ontology_path: Path | None = None,
) -> ValidationReport:
    """Validate `graph` against `ontology/shapes.ttl`, with `ontology/claimprov.ttl` as ontology.

    Both are read from the installed package (`kg.ontology`) unless paths are
    given. The ontology is mixed in so `sh:class` constraints see its subclass
    axioms (a cp:UnattributedStatement is a cp:Statement); `graph` itself is
    not changed.
    """
    try:
        import pyshacl
    except ModuleNotFoundError as err:
        raise ValidationSetupError(
            "SHACL validation needs pyshacl, which is not installed; install it with "
            "`pip install 'kg[test]'` or `pip install pyshacl`"
        ) from err

    shapes = _load(shapes_path) if shapes_path else _packaged("shapes.ttl")
    ontology = _load(ontology_path) if ontology_path else _packaged("claimprov.ttl")
    conforms, results_graph, results_text = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=False,
    )
    bind_prefixes(results_graph)
    lines = tuple(sorted(_describe(results_graph, r) for r in results_graph.subjects(SH.resultSeverity)))
    return ValidationReport(conforms=bool(conforms), results=lines, text=str(results_text))


def _packaged(name: str) -> Graph:
    try:
        resource = files(ONTOLOGY_PACKAGE) / name
    except ModuleNotFoundError as err:
        raise ValidationSetupError(
            f"the claimprov ontology ({ONTOLOGY_PACKAGE}) is not installed: install kg (`pip install -e .` "
            f"in a checkout) or pass shapes_path=/ontology_path="
        ) from err
    # A real file for an installed or editable package; a temporary copy only from a zip import.
    with as_file(resource) as path:
        return _load(path)


def _load(path: Path) -> Graph:
    path = path.resolve()
    if not path.is_file():
        raise ValidationSetupError(
            f"SHACL validation file not found: {path}; pass shapes_path=/ontology_path= "
            f"pointing at the claimprov ontology directory"
        )
    return _parse(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _parse(path: Path, mtime_ns: int) -> Graph:
    # Keyed on mtime so an edited shapes file is re-read within one process.
    try:
        return Graph().parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        raise ValidationSetupError(f"cannot parse {path}: {err}") from err


def _describe(results: Graph, result: Node) -> str:
    """`Violation on article/x/attribution/1 prov:agent: <message> [value: …]`."""
    severity = _short(results, results.value(result, SH.resultSeverity)).removeprefix("sh:")
    focus = _short(results, results.value(result, SH.focusNode))
    path = _path(results, results.value(result, SH.resultPath))
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    message = "; ".join(messages) or "constraint violated"
    value = results.value(result, SH.value)
    where = f"{focus} {path}" if path else focus
    line = f"{severity} on {where}: {message}"
    if value is not None and value != results.value(result, SH.focusNode):
        line += f" [value: {_short(results, value)}]"
    return line


def _path(results: Graph, path: Node | None) -> str:
    if path is None:
        return ""
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        return f"^{_short(results, inverse)}" if inverse is not None else "(path)"
    return _short(results, path)


def _short(results: Graph, node: Node | None) -> str:
    if node is None:
        return "?"
    if isinstance(node, URIRef) and str(node).startswith(str(ID)):
        # Instance IRIs read best as their path: article/000_x/attribution/1.
        return str(node)[len(str(ID)):]
    if isinstance(node, URIRef):
        return node.n3(results.namespace_manager)
    if isinstance(node, Literal) and node.datatype not in (None, XSD.string):
        return str(node)  # numbers and booleans read best bare: 10000, true
    text = str(node)
    return repr(text if len(text) <= 60 else text[:57] + "...")
