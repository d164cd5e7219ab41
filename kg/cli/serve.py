"""`kg serve`: the SPARQL endpoint and the live views.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:


    pass

from kg.cli.app import StoreOption, _fail, app


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
