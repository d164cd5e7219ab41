"""`kg link`, `kg audit`, `kg view`, `kg demo`: claims, their sources, their pages.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from kg.store import Store

from kg.cli.app import StoreOption, _KgGroup, _out_console, app
from kg.cli.ingest import _print_ingest_summary, _ProgressBar


class LinkMethod(StrEnum):
    AUTO = "auto"
    CHAR = "char"
    EMBEDDING = "embedding"


@app.command(
    help="Link the same claim across articles, outlets and languages.\n\n"
    "Statements are compared by character n-grams (near copies) and multilingual sentence "
    "embeddings (paraphrases, translations); candidates come from locality-sensitive hashing, "
    "so the cost grows about linearly. Articles sharing claims are then compared for uncredited "
    "copies (most sentences reused, or a translation), kept as inferred prov:wasDerivedFrom. "
    "The claims and copies replace the store's claims graph.",
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
               f"{len(result.multi_article)} across several articles, {len(result.copies)} uncredited "
               f"cop{'y' if len(result.copies) == 1 else 'ies'} "
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
