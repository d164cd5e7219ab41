"""kg: a claim-provenance knowledge graph built from news articles.

The data flows one way: `ingest` reads article files, `extract` finds who said
what and through whom, `model` holds those facts, `rdf` maps them onto the
`claimprov` ontology, `store` keeps them, `audit` and `queries` answer
questions over them, and `view` and `cli` show the answers.

From Python, the whole journey is seven functions, each defined once in its own
module and reachable here:

    read_articles(paths)          articles from files and folders, and what was skipped
    extract_stream(articles)      who said what, through whom, article by article
    open_store(path)              the store (a folder, a SPARQL server's URL, or memory=True)
    ingest_paths(paths, store)    read, extract and store, one named graph per article
    link_store(store)             the same claim across articles, outlets and languages
    run_audit(store)              each claim's root sources, most suspicious first
    build_site(store, out_dir)    the HTML views: index.html, one page per claim, outlets.html

Importing the package loads nothing heavy: each of them is imported on first
use, and the spaCy model is loaded lazily, once per process, the first time an
article is extracted.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # What type checkers and editors see; at run time `__getattr__` imports each on first use.
    from kg.audit.run import run_audit
    from kg.link import link_store
    from kg.pipeline import extract_stream, ingest_paths, read_articles
    from kg.site import build_site
    from kg.store import open_store

__version__ = "0.1.0"

__all__ = [
    "build_site",
    "extract_stream",
    "ingest_paths",
    "link_store",
    "open_store",
    "read_articles",
    "run_audit",
]

# Each public name's home module. Importing them here would load rdflib, networkx
# and numpy with the package; a CLI that only prints its help has no use for them.
_HOMES = {
    "build_site": "kg.site",
    "extract_stream": "kg.pipeline",
    "ingest_paths": "kg.pipeline",
    "link_store": "kg.link",
    "open_store": "kg.store",
    "read_articles": "kg.pipeline",
    "run_audit": "kg.audit.run",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
