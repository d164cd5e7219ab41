"""`kg query`, `kg export`, `kg stats`: reading the store.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import InputError
from kg.store.base import ExportFormat

if TYPE_CHECKING:

    import pyoxigraph as ox

    from kg.store import QueryResult

from kg.cli.app import StoreOption, _out_console, app


class QueryFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"


@app.command(
    help="Run a SPARQL query over the store.\n\n"
    "Give the query inline, as a file (--file) or by the name of a packaged query (--name; "
    "--list shows them). --param NAME=VALUE binds ?NAME to an IRI if VALUE looks like one "
    "(https://…, urn:…, <…>), to an integer if it is digits, else to a string; values are "
    "bound, never pasted into the query. json, csv and tsv are the W3C SPARQL results formats.",
    epilog="Examples: kg query --name quoted_via_outlet --param outlet=CNN · "
    "kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv",
)
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query text.", show_default=False)] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", exists=True, dir_okay=False, readable=True, help="Read the query from a .rq file."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a packaged query by name.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a variable: NAME=VALUE (repeatable).")
    ] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.TABLE,
    list_queries: Annotated[bool, typer.Option("--list", help="List the packaged queries and exit.")] = False,
    store: StoreOption = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let the query use SERVICE (kg then sends requests to other hosts).")
    ] = False,
) -> None:
    from kg import queries
    from kg.store import open_store
    from kg.store.terms import parse_param

    if list_queries:
        for n in queries.names():
            typer.echo(f"{n}\t{queries.describe(n)}")
        return
    given = [x for x in (sparql, file, name) if x is not None]
    if len(given) != 1:
        raise InputError("give exactly one query: SPARQL text, --file FILE or --name NAME "
                         f"(got {len(given)}); `kg query --list` shows the packaged names")
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif name is not None:
        text = queries.load(name)
    else:
        text = str(sparql)
        if not any(ch.isspace() for ch in text.strip()) and text.strip().endswith(".rq"):
            # A query has at least two words; a lone `something.rq` is a file meant for --file.
            raise InputError(f"{text!r} looks like a query file, not SPARQL text: give it as --file {text}")
    bindings = dict(parse_param(p) for p in (param or []))
    if not allow_service:
        from kg.serve.endpoint import uses_service

        if uses_service(text):
            raise InputError("the query uses SERVICE, which would make kg send requests to other hosts; "
                             "add --allow-service to allow it")
    st = open_store(store, read_only=True)
    try:
        result = st.query(text, bindings)
    finally:
        st.close()
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: QueryFormat) -> None:
    from kg.rdf.namespaces import PREFIXES

    if fmt is not QueryFormat.TABLE:
        text = result.serialize(fmt.value, prefixes=PREFIXES).decode("utf-8")
        typer.echo(text, nl=not text.endswith("\n"))
        return
    if result.kind == "ask":
        typer.echo("true" if result.boolean else "false")
        return
    from rich.table import Table

    rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]]
    if result.kind == "construct":
        header: tuple[str, ...] = ("subject", "predicate", "object")
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        header, rows = result.variables, list(result.rows)
    table = Table(caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    for name in header:
        # Fold rather than cut with "…": a table of evidence must show every character.
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(term) for term in row))
    _out_console().print(table)


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    import pyoxigraph as ox
    from rich.markup import escape

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return escape(_compact(term.value))
    if isinstance(term, ox.Literal):
        return escape(term.value)
    return escape(str(term))


def _compact(iri: str) -> str:
    from kg.rdf.namespaces import ID, PREFIXES

    for prefix, base in (("id", str(ID)), *PREFIXES.items()):
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


# ---------------------------------------------------------------------- export / stats


@app.command(
    help="Write the whole store as RDF (sorted, so two exports of the same data are identical).\n\n"
    "trig and nquads keep one named graph per article; turtle merges them; jsonld is compacted "
    "with the project's prefixes.",
    epilog="Example: kg export --format trig -o out/kg.trig",
)
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF format.")] = ExportFormat.TRIG,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", dir_okay=False, writable=True, help="File to write. [default: stdout]"
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    from kg.store import open_store

    st = open_store(store, read_only=True)
    try:
        data = st.export(fmt)
    finally:
        st.close()
    if output is None:
        sys.stdout.flush()
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        output.write_bytes(data)
        typer.echo(f"wrote {len(data)} bytes of {fmt.value} to {output}", err=True)


class StatsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command(
    help="Count what the store holds: triples, article graphs, attributions, speakers, outlets.",
    epilog="Example: kg stats --store out/kg-store --format json",
)
def stats(
    fmt: Annotated[StatsFormat, typer.Option("--format", "-f", help="Output format.")] = StatsFormat.TABLE,
    store: StoreOption = None,
) -> None:
    from kg.store import open_store

    st = open_store(store, read_only=True)
    try:
        counts = st.stats()
        location = st.location
    finally:
        st.close()
    if fmt is StatsFormat.JSON:
        typer.echo(json.dumps(counts, indent=2))
        return
    from rich.table import Table

    table = Table("what", "count", title=f"kg store {location}")
    for key, value in counts.items():
        table.add_row(key, str(value))
    _out_console().print(table)


# ---------------------------------------------------------------------- claims
