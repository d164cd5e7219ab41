"""Where the triples live: a small `Store` protocol and the stores behind it.

- `base`      the protocol, `QueryResult`, export and result formats
- `terms`     rdflib / Python values → pyoxigraph terms, query parameters
- `oxigraph`  the embedded default (a folder, `./kg-store` unless told otherwise)

- `sparql`    a remote SPARQL 1.1 server (`--store http://HOST:PORT/`), same protocol

`open_store` is the one place that picks the implementation.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Binding, Capability, ExportFormat, PutOutcome, QueryResult, ResultFormat, Store

__all__ = [
    "DEFAULT_STORE",
    "ENV_VAR",
    "Binding",
    "Capability",
    "ExportFormat",
    "PutOutcome",
    "QueryResult",
    "ResultFormat",
    "Store",
    "open_store",
    "store_path",
]

DEFAULT_STORE = Path("kg-store")
ENV_VAR = "KG_STORE"


def store_path(path: Path | str | None = None) -> Path:
    """The store folder: the given path, else `$KG_STORE`, else `./kg-store`."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env) if env else DEFAULT_STORE


def store_location(path: Path | str | None = None) -> Path | str:
    """The store: the given folder or URL, else `$KG_STORE`, else `./kg-store`; a URL stays a string."""
    from kg.store.sparql import is_url

    if path is not None and str(path) != "":
        return path if is_url(path) else Path(path)
    env = os.environ.get(ENV_VAR, "").strip()
    if is_url(env):
        return env
    return Path(env) if env else DEFAULT_STORE


def open_store(path: Path | str | None = None, *, memory: bool = False, create: bool = True,
               read_only: bool = False) -> Store:
    """Open (or create) the store: the embedded one in a folder, or a SPARQL server given by its URL.

    `memory=True` gives a throw-away store for tests. `create=False` is for
    commands that only read: they fail with a hint instead of creating an empty
    store in the wrong folder. `read_only=True` (implies `create=False`) opens it
    without its lock and without writing a byte: the folder is left as it was
    found (no log rotated), and it works on a full disk or beside a running ingest.

    >>> with kg.open_store(memory=True) as store:
    ...     store.stats()["articles"]
    0
    """
    from kg.store.oxigraph import OxigraphStore

    if memory:
        return OxigraphStore(None)
    location = store_location(path)
    if isinstance(location, str):
        from kg.store.sparql import SparqlStore

        return SparqlStore(location, read_only=read_only)
    folder = location
    if read_only:
        create = False
    if not create and not folder.exists():
        raise StoreError(f"no store at {folder}: run `kg ingest PATH --store {folder}` first, "
                         f"or point --store / ${ENV_VAR} at an existing one")
    if create and not folder.exists():
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)  # `--store out/kg-store` on a fresh clone
        except OSError as err:
            raise StoreError(f"cannot create the folder for store {folder}: {err.strerror}") from err
    if read_only:
        return OxigraphStore.open_read_only(folder)
    return OxigraphStore(folder)
