"""Fixtures shared by the store, query, CLI and end-to-end tests.

The examples are ingested once per session (spaCy loads once, ~4 s); tests
that need a store they can change get their own in `tmp_path`. A hand-made
extraction of the first example article lets the query tests run without the
extractor, so they test the queries and not the extractor's current recall.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.model import (
    Article,
    Attribution,
    AttributionKind,
    Channel,
    ChannelKind,
    Extraction,
    Outlet,
    Span,
    Speaker,
    SpeakerKind,
)
from kg.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
EXAMPLE_QUERIES = ROOT / "examples" / "queries"
PENTAGON_ARTICLE = "000_fee7a79d059e0f4e"


@dataclass(frozen=True)
class IngestedStore:
    """A store folder holding the example articles, and what the ingest reported."""

    path: Path
    added: tuple[str, ...]
    skipped: int
    triples: int


@pytest.fixture(scope="session")
def examples_store_path(tmp_path_factory: pytest.TempPathFactory) -> IngestedStore:
    """`examples/articles` ingested once into a temporary store folder (closed afterwards).

    Tests open it with `examples_store`; it is never written again, so tests
    that change a store build their own.
    """
    from kg.pipeline import ingest_paths

    path = tmp_path_factory.mktemp("examples") / "kg-store"
    store = open_store(path)
    try:
        summary = ingest_paths([EXAMPLES], store)
    finally:
        store.close()
    return IngestedStore(path=path, added=tuple(summary.added), skipped=len(summary.skipped),
                         triples=summary.triples)


@pytest.fixture
def examples_store(examples_store_path: IngestedStore) -> Iterator[Store]:
    """The session's example store, opened for one test (Oxigraph allows one opener per folder)."""
    store = open_store(examples_store_path.path, create=False)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def writable_examples_store(examples_store_path: IngestedStore,
                            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A module's own copy of the ingested examples, for tests that link or audit (both write)."""
    import shutil

    folder = tmp_path_factory.mktemp("examples-copy") / "kg-store"
    shutil.copytree(examples_store_path.path, folder)
    store = open_store(folder, create=False)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    store = open_store(memory=True)
    try:
        yield store
    finally:
        store.close()


def _span_finder(article: Article) -> Callable[..., Span]:
    def span(words: str, after: int = 0) -> Span:
        start = article.text.index(words, after)
        return article.span(start, start + len(words))

    return span


@pytest.fixture(scope="session")
def pentagon_extraction() -> Extraction:
    """What article 000 says, written by hand: an anonymous Pentagon official via Al-Monitor and CNN,
    a named Russian officer, and the article's own travel (South Front, translated by MIRASTNEWS)."""
    article = Article(id=PENTAGON_ARTICLE, text=(EXAMPLES / f"{PENTAGON_ARTICLE}.txt").read_text("utf-8"),
                      lang="fr", source=str(EXAMPLES / f"{PENTAGON_ARTICLE}.txt"))
    span = _span_finder(article)
    official = Speaker(name="un responsable du Pentagone", kind=SpeakerKind.ANONYMOUS, anonymous=True,
                       org="Pentagone", institution="Pentagone")
    gurinov = Speaker(name="Oleg Gurinov", kind=SpeakerKind.PERSON, anonymous=False, role="contre-amiral")
    attributions = (
        Attribution(
            speaker=official, kind=AttributionKind.DIRECT,
            cue=span("a déclaré le responsable anonyme à Al-Monitor"),
            quote=span("Il y a une convergence d’intérêts entre ces trois groupes, les Iraniens, "
                       "les Russes et les Syriens"),
            via=(Channel("Al-Monitor", ChannelKind.OUTLET, span("Al-Monitor")),),
        ),
        Attribution(
            speaker=official, kind=AttributionKind.INDIRECT,
            cue=span("a déclaré aux journalistes"),
            quote=span("un avion de surveillance russe a volé « pendant une période prolongée »"),
            via=(Channel("journalistes", ChannelKind.AUDIENCE, span("journalistes")),),
        ),
        Attribution(
            speaker=official, kind=AttributionKind.DIRECT,
            cue=span("a déclaré le responsable à CNN"),
            quote=span("Ils continuent d’entreprendre des activités qui nous préoccupent beaucoup"),
            via=(Channel("CNN", ChannelKind.OUTLET, span("CNN")),),
        ),
        Attribution(
            speaker=gurinov, kind=AttributionKind.DIRECT,
            cue=span("a-t-il ajouté"),
            quote=span("Une paire d’avions de chasse F-16 de la coalition"),
        ),
    )
    return Extraction(article=article, lang="fr", publisher=None,
                      republished_from=(Outlet("South Front"),), translated_by=Outlet("MIRASTNEWS"),
                      attributions=attributions)


@pytest.fixture
def pentagon_store(memory_store: Store, pentagon_extraction: Extraction) -> Store:
    """An in-memory store holding only the hand-made extraction of article 000."""
    from kg.rdf.build import article_graph, graph_iri

    x = pentagon_extraction
    memory_store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    return memory_store


# ------------------------------------------------------------------ CLI


@pytest.fixture
def store_dir(tmp_path: Path, pentagon_extraction: Extraction) -> Path:
    """A store on disk holding the hand-made extraction of article 000."""
    from kg.rdf.build import article_graph, graph_iri

    path = tmp_path / "kg-store"
    x = pentagon_extraction
    with open_store(path) as store:
        store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@dataclass(frozen=True)
class BadInputs:
    """One folder of article files, each unusable in its own way, plus one good article."""

    folder: Path
    good: Path
    # file name -> words the one-line error must contain
    expected: dict[str, str]

    def bad_paths(self) -> list[Path]:
        return [self.folder / name for name in self.expected]


@pytest.fixture
def bad_inputs(tmp_path: Path) -> BadInputs:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "feed.jsonl").write_text(
        '{"id": "feed-1", "text": "Le ministre a déclaré que tout allait bien.", "lang": "fr"}\n'
        '{"id": "feed-2", "text": \n', encoding="utf-8")
    good = folder / "zz_good.txt"
    good.write_text("« Nous ne commentons pas », a déclaré le porte-parole du ministère.\n", encoding="utf-8")
    return BadInputs(folder=folder, good=good, expected={
        "empty.txt": "empty",
        "binary.txt": "binary",
        "notes.pdf": "unknown extension",
        "feed.jsonl": "line 2",
    })


@pytest.fixture(scope="session")
def linked_synthetic() -> Callable[..., Store]:
    """Makes synthetic stores (see `_linked_synthetic_store`)."""
    return _linked_synthetic_store


def _linked_synthetic_store(claims: int, articles: int, seed: int) -> Store:
    """An in-memory store of `articles` synthetic articles over `claims` claims (synthetic_corpus.py:
    copies everywhere, chains that loop), written through replace_graph and linked. Close it after use."""
    from kg.link import link_store
    from kg.rdf.build import article_graph, graph_iri
    from synthetic_corpus import Corpus

    store = open_store(memory=True)
    corpus = Corpus(claims, seed=seed).articles()
    for _ in range(articles):
        x = next(corpus)
        store.replace_graph(str(graph_iri(x.article)), article_graph(x), x.article.digest)
    link_store(store, method="char")
    return store


# ------------------------------------------------------------------ kg serve


@pytest.fixture(scope="session")
def audited_examples_path(examples_store_path: IngestedStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the ingested examples with its claims linked and audited (a server cannot write them)."""
    import shutil

    from kg.audit import run_audit

    folder = tmp_path_factory.mktemp("examples-audited") / "kg-store"
    shutil.copytree(examples_store_path.path, folder)
    with open_store(folder, create=False) as store:
        run_audit(store, min_articles=1)
    return folder


@dataclass
class Served:
    """A `kg serve` app running under uvicorn on 127.0.0.1, in a thread of the test process."""

    url: str
    store: Path
    server: object
    thread: object

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60.0) -> tuple[int, dict[str, str], bytes]:
        """(status, headers with lower-case names, body), whatever the status."""
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(self.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def stop(self) -> None:
        self.server.should_exit = True  # type: ignore[attr-defined]
        self.thread.join(30)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def start_server() -> Iterator[Callable[..., Served]]:
    """Starts `kg serve` apps on free ports of 127.0.0.1 (stopped at the end of the session)."""
    import socket
    import threading
    import time

    import uvicorn

    from kg.serve import ServeConfig, build_app

    started: list[Served] = []

    def start(store: Path, **config: object) -> Served:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))  # the port is ours from here on: no race with other tests
        port = sock.getsockname()[1]
        app = build_app(ServeConfig(store=store, port=port, **config))  # type: ignore[arg-type]
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 120
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("kg serve did not start")
            time.sleep(0.05)
        served = Served(f"http://127.0.0.1:{port}", store, server, thread)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="session")
def served_examples(start_server: Callable[..., Served], audited_examples_path: Path) -> Served:
    """The audited examples behind a server with the default limits."""
    return start_server(audited_examples_path)


@pytest.fixture(scope="module")
def served_store(audited_examples_path: Path) -> Iterator[Store]:
    """The served store as `kg query` reads it (read-only: the server reads it too)."""
    from kg.store.oxigraph import OxigraphStore

    with OxigraphStore.open_read_only(audited_examples_path) as st:
        yield st
