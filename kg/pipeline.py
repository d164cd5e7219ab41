"""The whole journey of an article: file → extraction → RDF → store.

These are the functions behind `kg ingest` and `kg extract`; the CLI only adds
a progress bar and tables. Each step comes from its own package (`ingest`,
`extract`, `rdf`, `store`) and is imported when first needed, so importing this
module costs nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

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
    """What `ingest_paths` reports as it goes; the CLI draws a bar with it.

    Articles are streamed, so the total is not known up front: `start(None)`.
    """

    def start(self, total: int | None) -> None: ...

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


def default_jobs() -> int:
    """Every core this process may run on: its CPU affinity where the OS has one, else the CPU count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# Articles per task sent to a worker, and tasks in flight per worker: what bounds memory
# whatever the corpus size (about CHUNK * IN_FLIGHT * jobs articles held at once).
CHUNK = 8
IN_FLIGHT = 2


def iter_articles(paths: Iterable[Path | str], skipped: list[Skipped],
                  max_bytes: int | None = None) -> Iterator[Article]:
    """Every article under `paths`, in order, one at a time; unreadable files and records go to `skipped`.

    `read_paths` already skips a second article with an id seen before, which
    matters here: two articles with one id would share one named graph.
    """
    from kg.ingest import DEFAULT_MAX_BYTES, read_paths
    from kg.model import Article

    for item in read_paths(paths, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes):
        if isinstance(item, Article):
            yield item
        else:
            skipped.append(item)


def read_articles(paths: Iterable[Path | str], max_bytes: int | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every article under `paths` as a list (small inputs and tests; the pipeline streams `iter_articles`).

    Folders are read recursively (.txt, .html, .jsonl, .warc, .warc.gz); what
    cannot be read is listed in the second item, never raised.

    >>> articles, skipped = kg.read_articles(["examples/articles"])
    >>> len(articles), skipped
    (4, [])
    >>> articles[0].id
    '000_fee7a79d059e0f4e'
    """
    skipped: list[Skipped] = []
    articles = list(iter_articles(paths, skipped, max_bytes))
    return articles, skipped


def extract_stream(articles: Iterable[Article], jobs: int | None = None) -> Iterator[Extraction]:
    """Extract articles in input order, streamed: at most `IN_FLIGHT` chunks per worker are read ahead.

    `jobs=None` uses every core. Workers are forked after the models of the first
    articles' languages are loaded, so they share them; each worker dies with its
    parent (`kg.extract.extractor._die_with_parent`: PDEATHSIG and a parent watch).

    >>> from kg.model import Article
    >>> text = "« Nous ne céderons pas », a déclaré le ministre de l'Intérieur à France Inter."
    >>> [extraction] = kg.extract_stream([Article(id="demo", text=text)], jobs=1)
    >>> said = extraction.attributions[0]
    >>> said.quote.text, said.speaker.name, [channel.label for channel in said.via]
    ('Nous ne céderons pas', "le ministre de l'Intérieur", ['France Inter'])
    """
    from kg.extract import extract_all
    from kg.extract import extractor as xp

    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1:
        yield from extract_all(articles, jobs=1)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.extract import nlp

    source = iter(articles)
    chunks = iter(lambda: list(itertools.islice(source, CHUNK)), [])
    window = jobs * IN_FLIGHT
    first = list(itertools.islice(chunks, window))
    if not first:
        return
    for lang in sorted({xp._language(a) for chunk in first for a in chunk}):
        nlp.model(lang)  # loaded once here: the forked workers share it
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=xp._die_with_parent, initargs=(os.getpid(),))
    try:
        yield from _in_order(itertools.chain(first, chunks), lambda c: pool.submit(xp._extract_chunk, c), window)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Pending(Protocol):
    def result(self) -> list[Extraction]: ...


def _in_order(chunks: Iterable[list[Article]], submit: Callable[[list[Article]], _Pending],
              window: int) -> Iterator[Extraction]:
    """Submit chunks as results come back, at most `window` in flight, and yield the results in input order."""
    pending: deque[_Pending] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def extract_partition(articles: Iterable[Article]) -> list[Extraction]:
    """One partition of articles to their extractions, in order: the unit of work of a cluster.

    Pure: no store, no files, nothing printed; the spaCy models are loaded once per
    process and kept. Dask maps it over partitions (`kg ingest --engine dask`), and it
    fits Spark's `rdd.mapPartitions(extract_partition)` as it is.
    """
    from kg.extract import extract_all

    return list(extract_all(articles, jobs=1))


class Engine(StrEnum):
    """What spreads extraction: processes on this machine, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


def extract_dask(articles: Iterable[Article], scheduler: str | None = None,
                 jobs: int | None = None) -> Iterator[Extraction]:
    """`extract_partition` over a Dask cluster, in input order, streamed (at most two partitions per worker ahead).

    `scheduler` is a running scheduler's address (`tcp://HOST:8786`); without one a
    `LocalCluster` of `jobs` single-threaded worker processes is started on 127.0.0.1
    and closed at the end. The caller stays the one writer of the store.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ExtractionError("--engine dask needs Dask's `distributed` package: pip install distributed") from err
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=default_jobs() if jobs is None else jobs, threads_per_worker=1,
                                   processes=True, host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=10)
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise ExtractionError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {err}") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        source = iter(articles)
        chunks = iter(lambda: list(itertools.islice(source, CHUNK)), [])
        yield from _in_order(chunks, lambda c: client.submit(extract_partition, c, pure=False),
                             workers * IN_FLIGHT)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_paths(paths: Iterable[Path | str], jobs: int | None = None, max_bytes: int | None = None) -> ExtractResult:
    """Extraction only, no store, as one list (small inputs; `kg extract` streams `iter_extractions`)."""
    skipped: list[Skipped] = []
    extractions = list(iter_extractions(paths, skipped, jobs=jobs, max_bytes=max_bytes))
    return ExtractResult(extractions=extractions, skipped=skipped)


def iter_extractions(paths: Iterable[Path | str], skipped: list[Skipped], jobs: int | None = None,
                     max_bytes: int | None = None) -> Iterator[Extraction]:
    """Every article under `paths` extracted, in order, as it comes; unreadable inputs go to `skipped`."""
    try:
        yield from extract_stream(iter_articles(paths, skipped, max_bytes), jobs=jobs)
    except BrokenProcessPool as err:
        raise ExtractionError(worker_died(err)) from err


def worker_died(err: BaseException) -> str:
    return ("an extraction worker process died (killed, or out of memory); "
            f"the articles it held were not extracted ({err})")


def _extract_format(fmt: ExtractFormat | str) -> ExtractFormat:
    try:
        return ExtractFormat(fmt)
    except ValueError:
        raise UnknownNameError("extract format", str(fmt), [f.value for f in ExtractFormat]) from None


def write_extractions(extractions: Iterable[Extraction], fmt: ExtractFormat | str, out: TextIO) -> int:
    """`kg extract` output written to `out`, the same text as `render_extractions`; returns the article count.

    JSON is written one article at a time, each flushed as soon as it is
    extracted, so memory stays flat on any corpus and a reader sees the first
    articles long before the last. If the stream fails midway the list is left
    unclosed: a truncated output must not parse as a complete one. The RDF
    formats are sorted across all articles, so they are still built whole.
    """
    fmt = _extract_format(fmt)
    if fmt is not ExtractFormat.JSON:
        items = list(extractions)
        out.write(render_extractions(items, fmt))
        return len(items)
    from kg.contract import extraction_json

    n = 0
    for x in extractions:
        # json.dumps(list, indent=2) indents each item one level: the same bytes, an item at a time.
        # JSON strings never hold a raw newline, so every newline here is indentation.
        item = json.dumps(extraction_json(x), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if n == 0 else ",\n  ") + item)
        out.flush()
        n += 1
    out.write("\n]\n" if n else "[]\n")
    out.flush()
    return n


def render_extractions(extractions: Sequence[Extraction], fmt: ExtractFormat | str) -> str:
    """`kg extract` output: the JSON contract, or the RDF the store would hold."""
    fmt = _extract_format(fmt)
    if fmt is ExtractFormat.JSON:
        from kg.contract import extraction_json

        return json.dumps([extraction_json(x) for x in extractions], ensure_ascii=False, indent=2) + "\n"
    # Going through a throw-away store gives exactly the triples, graph names and
    # deterministic ordering that `kg export` would give after an ingest.
    from kg.rdf.build import article_triples, graph_iri
    from kg.store import open_store

    store = open_store(memory=True)
    try:
        for x in extractions:
            store.replace_graph(str(graph_iri(x.article)), article_triples(x), x.article.digest)
        return store.export(fmt.value).decode("utf-8")
    finally:
        store.close()


def stored_digest(article: Article) -> str:
    """The article's content digest with the extractor's and the RDF mapping's versions folded in."""
    from kg.extract import fingerprint
    from kg.rdf.build import mapping_version

    return hashlib.sha256(f"{article.digest}:{fingerprint()}:{mapping_version()}".encode()).hexdigest()


def ingest_paths(paths: Iterable[Path | str], store: Store, jobs: int | None = None,
                 progress: Progress | None = None, max_bytes: int | None = None,
                 engine: Engine | str = Engine.LOCAL, scheduler: str | None = None) -> IngestSummary:
    """Read, extract and store every article under `paths`, one transaction per article.

    Streamed: articles are read, extracted and written as they come, so memory
    does not grow with the corpus. `jobs=None` uses every core. Articles whose
    digest the store already holds are not even extracted, so re-ingesting a
    corpus costs only the reading. Unreadable files are listed in the summary,
    and everything else is still ingested. A failure that ends the run (the
    store cannot be written, a worker died) does not raise: it is
    `summary.failure`, beside what was done before it.

    >>> with kg.open_store(memory=True) as store:
    ...     summary = kg.ingest_paths(["examples/articles"], store, jobs=1)
    ...     again = kg.ingest_paths(["examples/articles"], store, jobs=1)
    >>> len(summary.added), summary.ok, len(again.unchanged)
    (4, True, 4)
    """
    from kg.errors import StoreError
    from kg.rdf.build import article_triples, graph_iri

    summary = IngestSummary()
    if progress is not None:
        progress.start(None)
    articles = iter_articles(paths, summary.skipped, max_bytes)
    sent = 0

    def todo() -> Iterator[Article]:
        nonlocal sent
        for article in articles:
            if store.article_digest(str(graph_iri(article))) == stored_digest(article):
                summary.record(article.id, "unchanged")
                if progress is not None:
                    progress.advance(article.id, "unchanged")
            else:
                sent += 1
                yield article

    done = 0
    try:
        extractions = (extract_dask(todo(), scheduler=scheduler, jobs=jobs) if Engine(engine) is Engine.DASK
                       else extract_stream(todo(), jobs=jobs))
        for x in extractions:
            digest = stored_digest(x.article)
            # Streamed: the article's triples are never all in memory at once (`article_triples`).
            outcome = store.replace_graph(str(graph_iri(x.article)), article_triples(x, digest=digest), digest)
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
    except ExtractionError as err:
        summary.failure = str(err)
    if summary.failure is not None:
        # The articles read but not written, and those never read: reading them costs no extraction.
        summary.not_ingested = sent - done + sum(1 for _ in articles)
    try:
        summary.triples = len(store)
    except StoreError:
        summary.triples = -1
    return summary
