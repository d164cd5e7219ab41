"""The `kg` command line: a thin typer layer over library functions.

Every command parses its options, calls one library function (`ingest_paths`,
`iter_extractions`, `Store.query`, `Store.export`, `Store.stats`) and prints the
answer. Errors `kg` raises on purpose (`KgError`) end as one `error: …` line on
stderr and exit status 1; `kg --debug COMMAND` shows the traceback instead.
Heavy modules (spaCy, rdflib) are imported inside the commands, so `kg --help`
stays instant.
"""

from importlib import import_module

from kg.cli.app import app, main

# The commands register on `app` as their modules load, in the order `kg --help` lists them.
for _commands in ("ingest", "query", "audit", "serve"):
    import_module(f"kg.cli.{_commands}")

__all__ = ["app", "main"]
