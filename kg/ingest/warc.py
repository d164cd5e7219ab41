"""Web archives (.warc, .warc.gz) to articles, read with warcio.

Every HTML `response` record with HTTP status 200 becomes an article: its page
read by `kg.ingest.html`, its `url` the record's WARC-Target-URI, its `date` the
WARC-Date, its id a slug of host and path plus 8 hex digits of a hash of the URI
and the payload digest (short, readable, and stable across re-crawls of the same
bytes). Records are iterated, never listed: memory stays constant whatever the
number of records, and one record is read only up to `max_bytes`.

The other records (requests, warcinfo, metadata, revisits, images, scripts,
redirects, errors...) are counted and reported once per file. A truncated or
corrupt record ends that file with its reason; the articles read before it stay.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.model import Article

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([-\w.:]+)""", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 60
_DRAIN = 1 << 16


class WarcStop(Exception):
    """The archive cannot be read past this point (truncated or corrupt record)."""


@dataclass(frozen=True, slots=True)
class WarcNote:
    """What a file's records came to besides articles; `problem` unless every count is by design."""

    reason: str
    problem: bool


class _Problem(str):
    """A reason for a record not to be an article that is a failure (the page was HTML), not a choice."""


def warc_id(uri: str, digest: str) -> str:
    """`lemonde-fr-international-article-2023-07-15-syrie-1a2b3c4d`: host and path, then a hash."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    slug = _SLUG.sub("-", f"{host}{parts.path}".lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rstrip("-")
    tag = hashlib.sha256(f"{uri}\n{digest}".encode()).hexdigest()[:8]
    return f"{slug or 'page'}-{tag}"


def read_warc(
    path: Path, shown: str, max_bytes: int, page_article: Callable[[bytes, str | None, dict[str, str]], Article]
) -> Iterator[Article | WarcNote]:
    """Articles of the archive in order, then at most two notes: the counts of the rest, the stop reason.

    `page_article(payload, http_charset, fields)` turns one HTML payload into an
    `Article` (the caller's HTML reader) or raises ValueError with the reason.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    problems = False
    records = articles = 0
    stop: str | None = None
    with path.open("rb") as stream:
        head = stream.read(5)
        stream.seek(0)
        if not head:
            yield WarcNote("is empty", True)
            return
        if not head.startswith((b"\x1f\x8b", b"WARC/")):
            yield WarcNote("is not a WARC file (it starts with neither a WARC/1.x record nor gzip data)", True)
            return
        iterator = ArchiveIterator(stream)
        unfinished = _watch_last_gzip_member(iterator)
        try:
            for record in iterator:
                records += 1
                if not record.rec_type:
                    raise WarcStop(f"record {records} cannot be read (no WARC-Type: not a WARC record)")
                try:
                    outcome = _record(record, shown, max_bytes, page_article)
                except ValueError as err:
                    outcome = _Problem(err)
                _check_complete(record, records)
                if isinstance(outcome, Article):
                    articles += 1
                    yield outcome
                else:
                    skipped[outcome] += 1
                    problems = problems or isinstance(outcome, _Problem)
        except WarcStop as err:
            stop = str(err)
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as err:
            stop = f"record {records + 1} cannot be read ({_reason(err)})"
    if stop is None and unfinished():
        stop = f"record {records + 1} is truncated (the archive ends inside a gzip member)"
    if records == 0 and stop is None:
        stop = "has no WARC records (empty archive)"
    if skipped:
        counts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        summary = f"{sum(skipped.values())} of {records} WARC records not read as articles ({articles} read): {counts}"
        yield WarcNote(summary, problems)
    if stop is not None:
        yield WarcNote(f"{stop}; stopped reading this file after {articles} article(s)", True)


def _record(
    record: Any, shown: str, max_bytes: int, page_article: Callable[[bytes, str | None, dict[str, str]], Article]
) -> Article | str:
    """The record's article, or a short reason it is not one (counted, not reported one by one)."""
    if record.rec_type != "response":
        return f"{record.rec_type} record(s)"
    http = record.http_headers
    if http is None:
        return "response(s) without HTTP headers"
    status = http.get_statuscode() or "?"
    media = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media not in _HTML_TYPES:
        return f"non-HTML response(s) ({media or 'no Content-Type'})" if status == "200" else f"HTTP {status}"
    if status != "200":
        return f"HTTP {status}"
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return _Problem(f"page(s) too large (over the limit of {max_bytes:,} bytes; raise it with "
                        "--max-article-size)")
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or "sha256:" + hashlib.sha256(payload).hexdigest()
    match = _CHARSET.search(http.get_header("Content-Type") or "")
    fields = {
        "id": warc_id(uri, digest),
        "url": uri,
        "date": record.rec_headers.get_header("WARC-Date") or "",
        "source": f"{shown}#{uri}" if uri else shown,
    }
    return page_article(payload, match.group(1) if match else None, fields)


def _check_complete(record: Any, number: int) -> None:
    """Read what is left of the record (bounded chunks) and stop if it ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        uri = record.rec_headers.get_header("WARC-Target-URI")
        where = f" ({uri})" if uri else ""
        raise WarcStop(f"record {number}{where} is truncated ({missing:,} bytes missing)")


def _watch_last_gzip_member(iterator: Any) -> Callable[[], bool]:
    """Whether the archive ended inside a gzip member, which warcio takes for a clean end.

    warcio drops a last record whose gzip member is cut short; the member's
    decompressor, checked as warcio closes it, tells whether it reached its end.
    """
    reader = getattr(iterator, "reader", None)
    close = getattr(reader, "close_decompressor", None)
    seen = {"unfinished": False}
    if reader is None or close is None:
        return lambda: False

    def close_and_check() -> None:
        decompressor = reader.decompressor
        if decompressor is not None and getattr(decompressor, "eof", True) is False:
            seen["unfinished"] = True
        close()

    reader.close_decompressor = close_and_check
    return lambda: seen["unfinished"]


def _reason(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text[:120]}" if text else type(err).__name__
