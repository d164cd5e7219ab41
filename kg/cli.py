"""The `kg` command line: a thin typer layer over library functions.

Every command parses its options, calls one library function (`ingest_paths`,
`iter_extractions`, `Store.query`, `Store.export`, `Store.stats`) and prints the
answer. Errors `kg` raises on purpose (`KgError`) end as one `error: …` line on
stderr and exit status 1; `kg --debug COMMAND` shows the traceback instead.
Heavy modules (spaCy, rdflib) are imported inside the commands, so `kg --help`
stays instant.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from kg.errors import InputError, KgError
from kg.pipeline import Engine, ExtractFormat
from kg.store.base import ExportFormat

if TYPE_CHECKING:
    from collections.abc import Callable

    import pyoxigraph as ox
    from rich.console import Console

    from kg.ingest import Skipped
    from kg.pipeline import IngestSummary
    from kg.store import QueryResult, Store

# Exceptions typer itself uses to end a command (usage errors, --help, Exit);
# they must reach typer untouched. Found through the MRO because recent typer
# vendors click and no longer exports ClickException.
_CLI_EXCEPTIONS: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
)


def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _fail(message: str) -> NoReturn:
    # One line, whatever the message holds: a traceback-free answer is the contract.
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(1)


class _KgGroup(TyperGroup):
    """Turns errors into one stderr line unless `--debug` was given."""

    # Typed with typer's public Context: the base class names the click Context that typer
    # vendors privately (typer._click), of which typer.Context is a subclass; only `.obj` is read.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except _CLI_EXCEPTIONS:
            raise
        except KgError as err:
            if _debugging(ctx):
                raise
            _fail(str(err))
        except Exception as err:
            if _debugging(ctx):
                raise
            _fail(f"unexpected {type(err).__name__}: {err} (run `kg --debug …` to see the traceback)")


def _debugging(ctx: typer.Context) -> bool:
    return bool(isinstance(ctx.obj, dict) and ctx.obj.get("debug"))


app = typer.Typer(
    cls=_KgGroup,
    name="kg",
    help="Who actually said this, and through whom did it reach me?\n\n"
    "kg reads news articles (French first, English too), finds every statement they attribute "
    "to someone and the outlets it passed through, stores that as RDF and answers SPARQL queries.",
    epilog="Example: kg ingest examples/articles && kg query --name anonymous_statements",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

MaxArticleSizeOption = Annotated[
    int,
    typer.Option(
        "--max-article-size",
        min=1,
        metavar="BYTES",
        help="Largest article read, in bytes: a .txt or .html file, a JSONL line, a WARC page. "
        "Larger ones are skipped with their size. Long articles are read in windows, so memory "
        "stays about the same whatever the size.",
    ),
]

JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Extraction processes. \\[default: all cores, the CPUs this process may use]",
        show_default=False,
    ),
]

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="DIR|URL",
        help="Store folder, or the URL of a SPARQL 1.1 server (http://HOST:PORT/). "
        "\\[default: $KG_STORE, else ./kg-store]",
        show_default=False,
    ),
]


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="KG_DEBUG", help="Show full tracebacks on errors.")
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}


# ---------------------------------------------------------------------- ingest


@app.command(
    help="Extract attributions from article files and store them, one named graph per article.\n\n"
    "Folders are read recursively (.txt, .html, .jsonl, .warc, .warc.gz). Each article is written in its own "
    "transaction: an unchanged article is left alone, a changed one has its graph replaced. "
    "Exits 1 if any file was skipped, after ingesting everything else.",
    epilog="Example: kg ingest examples/articles --store out/kg-store --jobs 2",
)
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.", show_default=False)],
    store: StoreOption = None,
    jobs: JobsOption = None,
    max_article_size: MaxArticleSizeOption = 5_000_000,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local: processes on this machine; dask: a Dask cluster (--scheduler, "
        "else a local one on 127.0.0.1 with --jobs workers).")] = Engine.LOCAL,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT", help="A running Dask scheduler, with --engine dask.")] = None,
) -> None:
    from kg.pipeline import ingest_paths
    from kg.store import open_store

    if scheduler is not None and engine is not Engine.DASK:
        raise InputError("--scheduler goes with --engine dask")
    st = open_store(store)
    try:
        with _ProgressBar() as bar:
            summary = ingest_paths(paths, st, jobs=jobs, progress=bar, max_bytes=max_article_size,
                                   engine=engine, scheduler=scheduler)
        stats = _stats_if_readable(st)
    except BaseException:
        with suppress(KgError):  # the error in flight is the one to show
            st.close()
        raise
    _close_into(st, summary)
    _print_ingest_summary(summary, stats, st.location)
    if not summary.ok:
        raise typer.Exit(1)


def _stats_if_readable(st: Store) -> dict[str, int]:
    from kg.errors import StoreError

    try:
        return st.stats()
    except StoreError:
        return {}


def _close_into(st: Store, summary: IngestSummary) -> None:
    """Close the store; a failure to flush it (a full disk) is the run's failure, in the OS's words."""
    from kg.errors import StoreError

    try:
        st.close()
    except StoreError as err:
        summary.failure = summary.failure or str(err)


class _ProgressBar:
    """A rich progress bar fed by `ingest_paths` (see `kg.pipeline.Progress`): articles done, and articles/s."""

    def __enter__(self) -> _ProgressBar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), _rate_column(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=_err_console(), transient=False,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("", total=None)
        return self

    def start(self, total: int | None) -> None:
        self._progress.update(self._task, total=total)

    def advance(self, article_id: str, outcome: str) -> None:
        self._progress.update(self._task, advance=1, description=f"{article_id} ({outcome})")

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)


def _rate_column() -> Any:
    """A progress column with articles per second over the run so far (rich is imported late)."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            elapsed = task.finished_time if task.finished else task.elapsed
            if not elapsed or not task.completed:
                return Text("– articles/s")
            return Text(f"{task.completed / elapsed:.1f} articles/s")

    return RateColumn()


def _print_ingest_summary(summary: IngestSummary, stats: dict[str, int], location: str) -> None:
    from rich.table import Table

    table = Table(title=f"kg ingest → {location}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles added", str(len(summary.added)))
    table.add_row("articles replaced", str(len(summary.replaced)))
    table.add_row("articles unchanged", str(len(summary.unchanged)))
    table.add_row("attributions written", str(summary.attributions))
    table.add_row("attributions in store", str(stats.get("attributions", 0)))
    table.add_row("triples in store", str(summary.triples))
    table.add_row("files skipped", str(sum(not s.notice for s in summary.skipped)))
    if summary.failure is not None:
        table.add_row("articles not ingested (run stopped)", str(summary.not_ingested))
    _out_console().print(table)
    for s in summary.skipped:
        # Plain lines, never wrapped, so they can be grepped and copied. A notice is not an error.
        typer.echo(f"{'note' if s.notice else 'skipped'}: {s.message}")
    if summary.failure is not None:
        typer.echo(f"error: {' '.join(summary.failure.split())}", err=True)


# ---------------------------------------------------------------------- extract


@app.command(
    help="Extract attributions and print them, without touching the store.\n\n"
    "--format json prints the public contract: a JSON list, one object per article, in file order. "
    "Unreadable files are reported on stderr, one line each; the others are still printed (exit 1).",
    epilog="Example: kg extract examples/articles/000_fee7a79d059e0f4e.txt --format json",
)
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders.", show_default=False)],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.JSON,
    jobs: JobsOption = None,
    max_article_size: MaxArticleSizeOption = 5_000_000,
) -> None:
    from kg.pipeline import iter_extractions, write_extractions

    # Streamed: each article is printed once extracted, so memory does not grow with the corpus.
    skipped: list[Skipped] = []
    try:
        write_extractions(iter_extractions(files, skipped, jobs=jobs, max_bytes=max_article_size), fmt, sys.stdout)
    finally:
        for s in skipped:
            typer.echo(f"{'note' if s.notice else 'error'}: {s.message}", err=True)
    if not all(s.notice for s in skipped):
        raise typer.Exit(1)


# ---------------------------------------------------------------------- query


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


class LinkMethod(StrEnum):
    AUTO = "auto"
    CHAR = "char"
    EMBEDDING = "embedding"


@app.command(
    help="Link the same claim across articles, outlets and languages.\n\n"
    "Statements are compared by character n-grams (near copies) and multilingual sentence "
    "embeddings (paraphrases, translations); candidates come from locality-sensitive hashing, "
    "so the cost grows about linearly. The claims replace the store's claims graph.",
    epilog="Example: kg link --store out/kg-store",
)
def link(
    store: StoreOption = None,
    method: Annotated[LinkMethod, typer.Option("--method", help="Similarity to link by.")] = LinkMethod.AUTO,
) -> None:
    from kg.link import link_store
    from kg.store import open_store

    st = open_store(store, create=False)
    try:
        result = link_store(st, method=method.value)
    finally:
        st.close()
    seconds = sum(result.seconds.values())
    method_name = getattr(result.method, "value", result.method)
    typer.echo(f"{result.statements} statements, {len(result.claims)} claims, "
               f"{len(result.multi_article)} across several articles "
               f"({method_name}; {result.candidates} candidate pairs, {result.links} links; {seconds:.1f} s)")


def _audit_is_current(st: Store) -> bool:
    from kg.audit import cache as audit_cache
    from kg.audit import claims_are_current

    return claims_are_current(st) and audit_cache.load(st)[1] is not None


class AuditFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command(
    help="For each claim: its articles and outlets, its root sources, how many are independent, "
    "and whether every copy leads back to a single source.\n\n"
    "Most suspicious first (outlets per independent source). Links claims first when the store "
    "has changed since the last `kg link`.",
    epilog="Example: kg audit --format json --min-articles 2",
)
def audit(
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Output format.")] = AuditFormat.TABLE,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only claims carried by at least this many articles.")
    ] = 2,
    store: StoreOption = None,
) -> None:
    from kg.audit import audit_json, audit_markdown, audit_table, run_audit
    from kg.store import open_store

    # Read-only when the claims and their cached audit are current (nothing to write:
    # the store folder is left as it was); otherwise open it to link and cache.
    st = open_store(store, read_only=True)
    try:
        current = _audit_is_current(st)
        if current:
            audits = run_audit(st, min_articles=min_articles)
    finally:
        st.close()
    if not current:
        st = open_store(store, create=False)
        try:
            audits = run_audit(st, min_articles=min_articles)
        finally:
            st.close()
    if fmt is AuditFormat.JSON:
        typer.echo(json.dumps(audit_json(audits), ensure_ascii=False, indent=2))
    elif fmt is AuditFormat.MARKDOWN:
        typer.echo(audit_markdown(audits))
    else:
        _out_console().print(audit_table(audits))


view_app = typer.Typer(
    cls=_KgGroup, no_args_is_help=True, rich_markup_mode="rich",
    help="Write self-contained HTML views (they work offline, from file://).",
)
app.add_typer(view_app, name="view")

OutOption = Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="HTML file to write.")]


def _write_view(store: str | None, output: Path, page: Callable[[Store], str]) -> None:
    """Open the store, render one page from it, write it: the body of every `kg view`."""
    from kg.store import open_store
    from kg.view import write

    st = open_store(store, create=False)
    try:
        html = page(st)
    finally:
        st.close()
    typer.echo(f"wrote {write(html, output)}", err=True)


@view_app.command("claim", help="The chain of one claim: root source → channels → outlets → articles.",
                  epilog="Example: kg view claim 3f2a9c… -o claim.html  (ids: kg audit)")
def view_claim(claim_id: Annotated[str, typer.Argument(help="A claim id from `kg audit`.")],
               output: OutOption = Path("claim.html"), store: StoreOption = None) -> None:
    from kg.site import claim_page

    _write_view(store, output, lambda st: claim_page(st, claim_id))


@view_app.command("outlets", help="The repetition network: outlets sized by the claims they carry.",
                  epilog="Example: kg view outlets -o outlets.html")
def view_outlets(output: OutOption = Path("outlets.html"), store: StoreOption = None,
                 min_articles: Annotated[int, typer.Option("--min-articles", min=1)] = 1) -> None:
    from kg.site import outlets_page

    _write_view(store, output, lambda st: outlets_page(st, min_articles=min_articles))


@view_app.command("article", help="One article's attributions and where each came from.",
                  epilog="Example: kg view article 000_fee7a79d059e0f4e -o article.html")
def view_article(article_id: Annotated[str, typer.Argument(help="An article id (its file name).")],
                 output: OutOption = Path("article.html"), store: StoreOption = None) -> None:
    from kg.site import article_page

    _write_view(store, output, lambda st: article_page(st, article_id))


@app.command(
    help="The whole job on a folder of articles: ingest, link, audit, and write the HTML views.\n\n"
    "Prints the audit table and writes OUT/index.html (the audit, each claim linking to its "
    "chain) with OUT/outlets.html and OUT/claims/.",
    epilog="Example: kg demo examples/articles --store out/kg-store --out out",
)
def demo(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders.")] = None,
    store: StoreOption = None,
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Folder for the HTML views.")] = Path("out"),
    min_articles: Annotated[int, typer.Option("--min-articles", min=1)] = 2,
) -> None:
    from kg.audit import audit_table
    from kg.pipeline import ingest_paths
    from kg.site import build_site
    from kg.store import open_store

    paths = paths or [Path("examples/articles")]
    st = open_store(store)
    try:
        with _ProgressBar() as bar:
            summary = ingest_paths(paths, st, jobs=1, progress=bar)
        site = build_site(st, out, min_articles=min_articles)
        stats = st.stats()
    finally:
        st.close()
    _print_ingest_summary(summary, stats, st.location)
    _out_console().print(audit_table(site.audits))
    typer.echo(f"wrote {site.index} ({site.claims} claim pages, outlets.html)")
    if not summary.ok:
        raise typer.Exit(1)


# ---------------------------------------------------------------------- serve


@app.command(
    help="Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint and the views, live.\n\n"
    "/sparql answers SELECT, ASK, CONSTRUCT and DESCRIBE by GET or POST (JSON, XML, CSV, TSV results; "
    "Turtle, N-Triples, JSON-LD graphs) and describes itself on a plain GET. / is the audit, "
    "/claim/ID, /article/ID, /outlets and /outlet/NAME the pages `kg view` writes, /query the "
    "packaged queries (/query/NAME?param=value binds ?param).\n\n"
    "Safe by default: listens on 127.0.0.1 only; read-only (updates get 403, and the store is "
    "opened without its lock, so `kg ingest` can run meanwhile and is picked up); each query is "
    "stopped after --timeout seconds (503) in a worker process that is then replaced; answers are "
    "cut at --max-rows (header X-SPARQL-MaxRows); bodies over --max-body bytes get 413; SERVICE is "
    "refused unless --allow-service; no CORS unless --cors ORIGIN.",
    epilog="Example: kg serve --store out/kg-store --port 8000, then in Python: "
    "SPARQLWrapper('http://127.0.0.1:8000/sparql') or rdflib.Graph(store='SPARQLStore', "
    "identifier=None).open('http://127.0.0.1:8000/sparql')",
)
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query or page may take.")] = 20.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Rows (or triples) an answer may hold.")]
    = 10_000,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Bytes a request body may hold.")]
    = 1_000_000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes answering queries at once.")] = 2,
    cors: Annotated[
        list[str] | None, typer.Option("--cors", help="Let pages from this origin query the server (repeatable).")
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let queries use SERVICE (the server then calls other hosts).")
    ] = False,
) -> None:
    from kg.serve import ServeConfig, check_store, run
    from kg.serve.app import is_loopback
    from kg.store import store_path
    from kg.store.sparql import is_url

    if is_url(store) or (store is None and is_url(os.environ.get("KG_STORE", "").strip())):
        _fail("kg serve serves a store folder; a SPARQL server store already has its own endpoint")
    config = ServeConfig(store=store_path(store), host=host, port=port, timeout=timeout, max_rows=max_rows,
                         max_body=max_body, workers=workers, cors=tuple(cors or ()), allow_service=allow_service)
    status = check_store(config.store)
    if not is_loopback(host):
        typer.echo(f"warning: listening on {host}: anyone who can reach this machine can query the store "
                   "(read-only); use --host 127.0.0.1 to keep it local", err=True)
    if not status["claims_current"]:
        typer.echo("warning: articles were ingested since the claims were last linked: the audit pages show "
                   "the claims as they were; run `kg link` (the server picks the change up)", err=True)
    typer.echo(f"kg serve: {config.store} on http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    run(config)


def main() -> None:
    """Console-script entry point: the app, with a last guard so no traceback escapes."""
    try:
        app(prog_name="kg")
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
