"""One exception tree for the whole package.

    KgError
    ├── InputError(ValueError)      an article file or option the user gave is unusable
    │   └── UnknownNameError        a format, query or extractor name not in its registry
    ├── QueryError                  a SPARQL query failed to parse or run
    ├── StoreError                  the store cannot be opened, read or written
    └── ExtractionError             the language model or lexicon is missing or broken

Every message names the bad value and, where there is a closed set, the valid ones,
so the CLI can print it as one line without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable


class KgError(Exception):
    """Base of every error `kg` raises on purpose."""


class InputError(KgError, ValueError):
    """An input the user supplied cannot be used (file, option, parameter)."""


class UnknownNameError(InputError):
    """A name was looked up in a registry that does not hold it."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = sorted(known)
        options = ", ".join(self.known) or "none"
        super().__init__(f"unknown {kind} {name!r}; known: {options}")


class QueryError(KgError):
    """A SPARQL query could not be parsed or evaluated."""


class StoreError(KgError):
    """The store could not be opened, read or written."""


class ExtractionError(KgError):
    """The extraction pipeline cannot run (missing model, broken lexicon)."""
