"""The whole journey of an article: file → extraction → RDF → store.

These are the functions behind `kg ingest` and `kg extract`; the CLI only adds
a progress bar and tables. Each step comes from its own package (`ingest`,
`extract`, `rdf`, `store`) and is imported when first needed, so importing this
module costs nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.errors import ExtractionError, UnknownNameError

if TYPE_CHECKING:
    from kg.ingest import Skipped
    from kg.model import Article, Extraction
    from kg.store import PutOutcome, Store


class ExtractFormat(StrEnum):
    """What `kg extract` prints."""

    JSON = "json"  # the public contract (shared/eval/CONTRACT.md)
    TURTLE = "turtle"  # every article's triples in one graph
    TRIG = "trig"  # one named graph per article, as the store keeps them


class Progress(Protocol):
    """What `ingest_paths` reports as it goes; the CLI draws a bar with it."""

    def start(self, total: int) -> None: ...

    def advance(self, article_id: str, outcome: PutOutcome) -> None: ...


@dataclass
class IngestSummary:
    """What one `kg ingest` run did."""

    added: list[str] = field(default_factory=list)  # article ids
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    attributions: int = 0  # in the articles written by this run
    triples: int = 0  # in the whole store afterwards
    skipped: list[Skipped] = field(default_factory=list)
    # Why the run stopped before the end (a full disk, a worker that died), in the OS's words.
    failure: str | None = None
    not_ingested: int = 0  # articles left out by that failure

    @property
    def articles(self) -> int:
        return len(self.added) + len(self.replaced) + len(self.unchanged)

    @property
    def ok(self) -> bool:
        """Nothing failed, and nothing was skipped but by design (a `notice`: a web archive's non-HTML records)."""
        return self.failure is None and all(s.notice for s in self.skipped)

    def record(self, article_id: str, outcome: PutOutcome) -> None:
        lists = {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged}
        lists[outcome].append(article_id)


@dataclass
class ExtractResult:
    extractions: list[Extraction]
    skipped: list[Skipped]


def read_articles(paths: Iterable[Path | str], max_bytes: int | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every article under `paths`, in order, and every file or record that could not be read.

    `read_paths` already skips a second article with an id seen before, which
    matters here: two articles with one id would share one named graph.
    """
    from kg.ingest import DEFAULT_MAX_BYTES, read_paths
    from kg.model import Article

    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_paths(paths, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes):
        if isinstance(item, Article):
            articles.append(item)
        else:
            skipped.append(item)
    return articles, skipped


def extract_paths(paths: Iterable[Path | str], jobs: int = 1, max_bytes: int | None = None) -> ExtractResult:
    """Extraction only, no store: what `kg extract` prints."""
    from kg.extract import extract_all

    articles, skipped = read_articles(paths, max_bytes)
    try:
        return ExtractResult(extractions=list(extract_all(articles, jobs=jobs)), skipped=skipped)
    except BrokenProcessPool as err:
        raise ExtractionError(worker_died(err)) from err


def worker_died(err: BaseException) -> str:
    return ("an extraction worker process died (killed, or out of memory); "
            f"the articles it held were not extracted ({err})")


def render_extractions(extractions: Sequence[Extraction], fmt: ExtractFormat | str) -> str:
    """`kg extract` output: the JSON contract, or the RDF the store would hold."""
    try:
        fmt = ExtractFormat(fmt)
    except ValueError:
        raise UnknownNameError("extract format", str(fmt), [f.value for f in ExtractFormat]) from None
    if fmt is ExtractFormat.JSON:
        from kg.contract import extraction_json

        return json.dumps([extraction_json(x) for x in extractions], ensure_ascii=False, indent=2) + "\n"
    # Going through a throw-away store gives exactly the triples, graph names and
    # deterministic ordering that `kg export` would give after an ingest.
    from kg.rdf.build import article_graph, graph_iri
    from kg.store import open_store

    store = open_store(memory=True)
    try:
        for x in extractions:
            store.put_article(str(graph_iri(x.article)), article_graph(x), x.article.digest)
        return store.export(fmt.value).decode("utf-8")
    finally:
        store.close()


def stored_digest(article: Article) -> str:
    """The article's content digest with the extractor's and the RDF mapping's versions folded in."""
    from kg.extract import fingerprint
    from kg.rdf.build import mapping_version

    return hashlib.sha256(f"{article.digest}:{fingerprint()}:{mapping_version()}".encode()).hexdigest()


def ingest_paths(paths: Iterable[Path | str], store: Store, jobs: int = 1,
                 progress: Progress | None = None, max_bytes: int | None = None) -> IngestSummary:
    """Read, extract and store every article under `paths`, one transaction per article.

    Articles whose digest the store already holds are not even extracted, so
    re-ingesting a corpus costs only the reading. Unreadable files are listed
    in the summary, and everything else is still ingested. A failure that ends
    the run (the store cannot be written, a worker died) does not raise: it is
    `summary.failure`, beside what was done before it.
    """
    from kg.errors import StoreError
    from kg.extract import extract_all
    from kg.rdf.build import article_graph, graph_iri

    summary = IngestSummary()
    articles, summary.skipped = read_articles(paths, max_bytes)
    if progress is not None:
        progress.start(len(articles))
    todo: list[Article] = []
    for article in articles:
        if store.article_digest(str(graph_iri(article))) == stored_digest(article):
            summary.record(article.id, "unchanged")
            if progress is not None:
                progress.advance(article.id, "unchanged")
        else:
            todo.append(article)
    done = 0
    try:
        for x in extract_all(todo, jobs=jobs):
            digest = stored_digest(x.article)
            outcome = store.put_article(str(graph_iri(x.article)), article_graph(x, digest=digest), digest)
            done += 1
            summary.record(x.article.id, outcome)
            if outcome != "unchanged":
                summary.attributions += len(x.attributions)
            if progress is not None:
                progress.advance(x.article.id, outcome)
    except StoreError as err:
        summary.failure = str(err)
    except BrokenProcessPool as err:
        summary.failure = worker_died(err)
    if summary.failure is not None:
        summary.not_ingested = len(todo) - done
    try:
        summary.triples = len(store)
    except StoreError:
        summary.triples = -1
    return summary
