"""Map extractions onto the claimprov ontology (`ontology/claimprov.ttl`) as RDF.

`namespaces` holds every IRI (closed vocabularies and `mint` for instances),
`build` turns one `Extraction` into the triples of one named graph, and
`validate` checks a graph against the SHACL shapes (needs pyshacl, imported lazily).
"""

from kg.rdf.build import article_graph, article_iri, claims_graph, graph_iri, statement_iri
from kg.rdf.namespaces import mint
from kg.rdf.validate import ValidationReport, ValidationSetupError, validate

__all__ = [
    "ValidationReport",
    "ValidationSetupError",
    "article_graph",
    "article_iri",
    "claims_graph",
    "graph_iri",
    "mint",
    "statement_iri",
    "validate",
]
