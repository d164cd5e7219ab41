"""`kg ingest` and `kg extract`: articles in, facts out.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.errors import InputError, KgError
from kg.pipeline import Engine, ExtractFormat

if TYPE_CHECKING:


    from kg.ingest import Skipped
    from kg.pipeline import IngestSummary
    from kg.store import Store

from kg.cli.app import JobsOption, MaxArticleSizeOption, StoreOption, _err_console, _out_console, app

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
