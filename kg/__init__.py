"""kg: a claim-provenance knowledge graph built from news articles.

The data flows one way: `ingest` reads article files, `extract` finds who said
what and through whom, `model` holds those facts, `rdf` maps them onto the
`claimprov` ontology, `store` keeps them, `audit` and `queries` answer
questions over them, and `view` and `cli` show the answers.

Importing the package loads nothing heavy: the spaCy model is loaded lazily,
once per process, the first time an article is extracted.
"""

__version__ = "0.1.0"
