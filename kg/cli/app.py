"""The `kg` application: consoles, errors as one line, the shared options, `main`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from kg.errors import KgError

if TYPE_CHECKING:

    from rich.console import Console



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



def main() -> None:
    """Console-script entry point: the app, with a last guard so no traceback escapes."""
    try:
        app(prog_name="kg")
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
