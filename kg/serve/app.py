"""Building the ASGI app and running it under uvicorn.

The app owns a `WorkerPool` (started and stopped with it) and never opens the
store itself: every read happens in a worker, read-only, within the time limit.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import InputError, StoreError
from kg.serve import pages
from kg.serve.endpoint import Limits, sparql_endpoint
from kg.serve.workers import WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 1_000_000
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class ServeConfig:
    """Everything `kg serve` can be told; the defaults are the safe ones."""

    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    workers: int = DEFAULT_WORKERS
    cors: Sequence[str] = field(default_factory=tuple)
    allow_service: bool = False

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise InputError(f"bad --timeout {self.timeout}: expected a number of seconds above 0")
        for name, value in (("--max-rows", self.max_rows), ("--max-body", self.max_body),
                            ("--workers", self.workers)):
            if value < 1:
                raise InputError(f"bad {name} {value}: expected 1 or more")
        for origin in self.cors:
            if origin != "*" and not origin.startswith(("http://", "https://")):
                raise InputError(f"bad --cors origin {origin!r}: expected e.g. https://example.org (or *)")

    @property
    def limits(self) -> Limits:
        return Limits(timeout=self.timeout, max_rows=self.max_rows, max_body=self.max_body,
                      allow_service=self.allow_service)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _SecurityHeaders:
    """Headers every answer carries: no MIME sniffing, no referrer leaking a query to other sites."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")):
                    if key not in names:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def build_app(config: ServeConfig, pool: WorkerPool | None = None) -> Starlette:
    """The Starlette app: `/sparql`, the live views and the packaged queries, over a worker pool."""
    pool = pool or WorkerPool(Path(config.store), size=config.workers, timeout=config.timeout)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/", pages.audit_page, methods=["GET"]),
        Route("/claim/{claim_id:path}", pages.claim_page, methods=["GET"]),
        Route("/article/{article_id:path}", pages.article_page, methods=["GET"]),
        Route("/outlets", pages.outlets_page, methods=["GET"]),
        Route("/outlet/{name:path}", pages.outlet_page, methods=["GET"]),
        Route("/query", pages.queries_page, methods=["GET"]),
        Route("/query/{name}", pages.named_query, methods=["GET"]),
    ]
    middleware = [Middleware(_SecurityHeaders)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"], expose_headers=["X-SPARQL-MaxRows"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: pages.not_found})
    app.state.limits = config.limits
    app.state.pool = pool
    return app


def check_store(path: Path) -> dict[str, object]:
    """Open the store read-only once, before serving: a missing or broken store is a one-line error."""
    from kg.audit import claims_are_current
    from kg.store.oxigraph import OxigraphStore

    if not path.is_dir():
        raise StoreError(f"no store at {path}: run `kg ingest PATH --store {path}` first, "
                         "or point --store / $KG_STORE at an existing one")
    store = OxigraphStore.open_read_only(path)
    try:
        return {"stats": store.stats(), "claims_current": claims_are_current(store)}
    finally:
        store.close()


def run(config: ServeConfig) -> None:
    """Serve until interrupted (uvicorn handles Ctrl-C)."""
    import uvicorn

    app = build_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level="info", server_header=False,
                timeout_graceful_shutdown=5)
