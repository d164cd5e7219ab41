"""Article files (.txt, .html/.htm, .jsonl, .warc/.warc.gz) to `Article`s.

Two entry points over the same readers:

* `read_paths` takes files and folders and never raises for a bad input: each
  unusable file or JSONL line comes out as a `Skipped` in the stream, so a batch
  of ten thousand articles is not stopped by one broken file.
* `read_file` takes one file and is strict: the first problem raises
  `InputError` with a one-line message naming the file.

Article text is kept exactly as decoded (only CRLF becomes LF), because every
offset the extractor reports is computed against it.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.ingest.decode import (
    BINARY_SAMPLE,
    DEFAULT_MAX_BYTES,
    UTF16_BOMS,
    Unusable,
    binary_reason,
    check_not_blank,
    decode,
    is_invisible,
    read_bytes,
    too_large,
    utf16_without_bom,
)
from kg.ingest.html import codec_for_label, extract_html
from kg.ingest.langid import detect
from kg.model import Article

KNOWN_EXTENSIONS: tuple[str, ...] = (".html", ".htm", ".jsonl", ".txt", ".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, and why; `line` is set for a bad JSONL line.

    `notice` marks what was left out by design rather than broken: the records
    of a web archive that are not HTML pages (requests, images, redirects...),
    reported once per file. A notice is not an error: `read_file` does not
    raise for it and `kg ingest` does not fail on it.
    """

    path: str
    reason: str
    line: int | None = None
    notice: bool = False

    @property
    def message(self) -> str:
        """One line for the user, e.g. `a.jsonl: malformed JSONL line 3: not valid JSON (...)`."""
        return f"{self.path}: {self.reason}"


class _BadLine(Exception):
    """One JSONL line cannot be read; the text is the reason, without the line number."""


# An article plus the JSONL line it came from (None for one-article files).
_Found = tuple[Article, int | None]
_Reader = Callable[[Path, str, int], Iterator[_Found | Skipped]]


def read_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Read files and folders, yielding an `Article` per article and a `Skipped` per bad input.

    Folders are walked recursively in name order, skipping hidden files and
    folders; files of other extensions in them are reported as skipped rather
    than silently ignored. An article whose id was already seen is skipped.
    `max_bytes` bounds one article: a .txt/.html file, or one JSONL line.
    """
    _check_max_bytes(max_bytes)
    if isinstance(paths, str | Path):  # one path given bare would otherwise iterate its characters
        paths = [paths]
    return _read_all(paths, max_bytes)


def read_file(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Read the articles of one file; raise `InputError` naming the file on any problem.

    Strict on purpose: a JSONL file with one malformed line raises rather than
    returning the others (use `read_paths` to keep the good lines).
    """
    _check_max_bytes(max_bytes)
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{path}: is a directory; read_file reads one file (read_paths walks folders)")
    if not file.is_file():
        raise InputError(f"{path}: {_missing_reason(file)}")
    articles: list[Article] = []
    with closing(_unique(_read_one(file, str(path), max_bytes), {})) as items:
        for item in items:
            if isinstance(item, Skipped):
                if item.notice:
                    continue
                raise InputError(item.message)
            articles.append(item)
    return articles


# --- walking ------------------------------------------------------------------


def _check_max_bytes(max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive integer, got {max_bytes!r}")


def _read_all(paths: Iterable[Path | str], max_bytes: int) -> Iterator[Article | Skipped]:
    first_seen: dict[str, str] = {}
    for entry in _expand(paths):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from _unique(_read_one(entry, str(entry), max_bytes), first_seen)


def _expand(paths: Iterable[Path | str]) -> Iterator[Path | Skipped]:
    for given in paths:
        path = Path(given)
        try:
            kind = _kind(path)
        except OSError as err:  # a folder on the way that cannot be searched, say
            yield Skipped(str(given), f"cannot be read ({err.strerror or err})")
            continue
        if kind == "dir":
            yield from _walk(path, set())
        elif kind == "file":
            yield path  # named explicitly, so read even if hidden
        else:
            yield Skipped(str(given), kind)


def _kind(path: Path) -> str:
    """"file", "dir", or why the path is neither (a dangling link, a loop, a FIFO...)."""
    if path.is_dir():
        return "dir"
    if path.is_file():
        return "file"
    return _missing_reason(path)


def _missing_reason(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    if stat.S_ISLNK(mode):
        try:
            path.stat()
        except FileNotFoundError:
            return "is a dangling symbolic link (its target does not exist)"
        except OSError as err:
            if "loop" in str(err.strerror or "").lower() or err.errno == 40:
                return "is a symbolic link loop"
            return f"is a symbolic link that cannot be followed ({err.strerror or err})"
        mode = path.stat().st_mode
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"is not a regular file ({what})"
    return "is not a regular file"


def _walk(folder: Path, visited: set[Path]) -> Iterator[Path | Skipped]:
    real = folder.resolve()
    if real in visited:  # a symlink back up the tree
        return
    visited.add(real)
    try:
        # Sorted by name so that output (and which duplicate wins) does not depend on the filesystem.
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as err:
        yield Skipped(str(folder), f"cannot be listed ({err.strerror or err})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            kind = _kind(entry)
        except OSError as err:
            yield Skipped(str(entry), f"cannot be read ({err.strerror or err})")
            continue
        if kind == "dir":
            yield from _walk(entry, visited)
        elif kind == "file":
            yield entry
        else:  # reported, never silently passed over
            yield Skipped(str(entry), kind)


def _unique(
    items: Iterable[_Found | Skipped], first_seen: dict[str, str]
) -> Generator[Article | Skipped, None, None]:
    """Pass articles through once per id; later ones with a seen id become `Skipped`."""
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        article, line = item
        source = article.source or ""
        where = source if line is None else f"{source}:{line}"
        if article.id in first_seen:
            yield Skipped(
                source, f"duplicate article id {article.id!r} (first seen in {first_seen[article.id]})", line
            )
            continue
        first_seen[article.id] = where
        yield article


def _read_one(path: Path, shown: str, max_bytes: int) -> Iterator[_Found | Skipped]:
    extension = ".warc.gz" if path.name.lower().endswith(".warc.gz") else path.suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        what = repr(path.suffix) if path.suffix else "(none)"
        yield Skipped(shown, f"unknown extension {what}; known: {', '.join(KNOWN_EXTENSIONS)}")
        return
    try:
        yield from reader(path, shown, max_bytes)
    except Unusable as err:
        yield Skipped(shown, str(err))
    except OSError as err:
        yield Skipped(shown, f"cannot be read ({err.strerror or err})")


_DATE_PREFIX = re.compile(
    r"\s*(?i:date)(?:\s*:\s*|\s+)(\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?=\s|$)"
)


def date_prefix(text: str) -> str | None:
    """The ISO date (YYYY-MM or YYYY-MM-DD) of a leading `date ...` prefix, if any."""
    match = _DATE_PREFIX.match(text)
    return match.group(1) if match else None


def _read_txt(path: Path, shown: str, max_bytes: int) -> Iterator[_Found]:
    text = decode(read_bytes(path, max_bytes), html=False).replace("\r\n", "\n")
    check_not_blank(text)
    article = Article(id=path.stem, text=text, lang=detect(text), date=date_prefix(text), source=shown)
    yield article, None


# --- .html / .htm -------------------------------------------------------------


def _read_html(path: Path, shown: str, max_bytes: int) -> Iterator[_Found]:
    markup = decode(read_bytes(path, max_bytes), html=True)
    yield _html_article(markup, article_id=path.stem, source=shown), None


def _html_article(markup: str, *, article_id: str, source: str, url: str | None = None,
                  date: str | None = None) -> Article:
    """The article of a decoded page; `url` and `date` are what its container (a WARC record) says."""
    markup = markup.replace("\r\n", "\n")
    check_not_blank(markup)
    page = extract_html(markup, url=url)
    if not page.body.strip() or is_invisible(page.body):
        raise Unusable("has no article text (nothing left after removing markup and page furniture)")
    # `text` is handed over as is: it is the string whose offsets the extractor reports.
    return Article(
        id=article_id,
        text=page.text,
        lang=page.lang or detect(page.text),
        url=url or page.url,
        date=date or page.date,
        publisher=page.publisher,
        title=page.title,
        source=source,
    )


# --- .warc / .warc.gz -----------------------------------------------------------


def _read_warc(path: Path, shown: str, max_bytes: int) -> Iterator[_Found | Skipped]:
    from kg.ingest.warc import read_warc

    def page_article(payload: bytes, http_charset: str | None, fields: dict[str, str]) -> Article:
        try:
            markup = _decode_record(payload, http_charset)
            return _html_article(markup, article_id=fields["id"], source=fields["source"],
                                 url=fields["url"] or None, date=fields["date"] or None)
        except Unusable as err:
            # Counted by kind ("HTML page(s) that cannot be decoded"), without each page's detail.
            kind = str(err).split(":")[0].split(" (")[0]
            kind = kind.replace("is ", "are ", 1) if kind.startswith("is ") else kind.replace("has ", "with ", 1)
            raise ValueError(f"HTML page(s) {'' if kind.startswith('with ') else 'that '}{kind}") from err

    for item in read_warc(path, shown, max_bytes, page_article):
        if isinstance(item, Article):
            yield item, None
        else:
            yield Skipped(shown, item.reason, notice=not item.problem)


def _decode_record(payload: bytes, http_charset: str | None) -> str:
    """A page's bytes: the HTTP charset when it is known and fits, else as an .html file is decoded."""
    if not payload:
        raise Unusable("is empty")
    codec = codec_for_label(http_charset) if http_charset else None
    if codec is not None and not payload.startswith(UTF16_BOMS):
        try:
            return payload.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError:
            pass  # a wrong header is common; the bytes and the page's own declaration decide
    return decode(payload, html=True)


# --- .jsonl -------------------------------------------------------------------

_OPTIONAL_FIELDS = ("url", "date", "publisher", "lang", "title")


def _read_jsonl(path: Path, shown: str, max_bytes: int) -> Iterator[_Found | Skipped]:
    has_bytes = has_content = False
    with path.open("rb") as stream:
        head = stream.read(BINARY_SAMPLE)
        reason = "is UTF-16; JSONL must be UTF-8" if utf16_without_bom(head) or head.startswith(
            UTF16_BOMS) else binary_reason(head)
        if reason:
            raise Unusable(reason)
        stream.seek(0)
        for number, raw in _lines(stream, max_bytes):
            has_bytes = True
            if raw is None:
                has_content = True
                reason = f"article too large on line {number} (more than {too_large(max_bytes)})"
                yield Skipped(shown, reason, number)
                continue
            if not raw.strip():
                continue  # blank lines separate nothing in JSONL; tolerate them
            has_content = True
            try:
                yield _jsonl_article(raw, number, path, shown), number
            except _BadLine as err:
                yield Skipped(shown, f"malformed JSONL line {number}: {err}", number)
    if not has_content:
        raise Unusable("is empty (whitespace only)" if has_bytes else "is empty")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines split on b"\\n" only, None for a line over `max_bytes`.

    Splitting bytes on LF (not str.splitlines) matters: U+2028 and friends are
    legal inside JSON strings and must not end a record. Reading is bounded,
    so one enormous line never sits in memory whole.
    """
    number = 0
    while True:
        chunk = stream.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if chunk.endswith(b"\n") or len(chunk) <= max_bytes:
            yield number, chunk
            continue
        while True:  # discard the rest of the oversized line
            rest = stream.readline(1 << 16)
            if not rest or rest.endswith(b"\n"):
                break
        yield number, None


def _jsonl_article(raw: bytes, number: int, path: Path, shown: str) -> Article:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise _BadLine(f"not UTF-8 (byte 0x{raw[err.start]:02x} at column {err.start + 1})") from err
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as err:
        # Some of json's messages already end in "at" ("Unterminated string starting at").
        at = "" if err.msg.endswith(" at") else " at"
        raise _BadLine(f"not valid JSON ({err.msg}{at} column {err.colno})") from err
    except RecursionError as err:
        raise _BadLine("not valid JSON (nested too deeply)") from err
    if not isinstance(record, dict):
        raise _BadLine(f"not a JSON object (got {_json_type(record)})")

    text = record.get("text")
    if text is None:
        raise _BadLine("missing 'text'" if "text" not in record else "'text' must be a string (got null)")
    if not isinstance(text, str):
        raise _BadLine(f"'text' must be a string (got {_json_type(text)})")
    if not text.strip():
        raise _BadLine("empty 'text' (whitespace only)")
    if "\x00" in text:
        raise _BadLine("'text' holds a NUL character")
    if is_invisible(text):
        raise _BadLine("empty 'text' (only whitespace and invisible characters)")
    _check_unicode("text", text)
    text = text.replace("\r\n", "\n")

    raw_id = record.get("id")
    if raw_id is None:
        article_id = f"{path.stem}-{number}"
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)  # numeric ids are common in exports; they name the same article
    elif isinstance(raw_id, str) and raw_id.strip():
        _check_unicode("id", raw_id)
        article_id = raw_id
    elif isinstance(raw_id, str):
        raise _BadLine("'id' must be a non-empty string or an integer (got an empty string)")
    else:
        raise _BadLine(f"'id' must be a non-empty string or an integer (got {_json_type(raw_id)})")

    fields: dict[str, str | None] = {}
    for name in _OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise _BadLine(f"{name!r} must be a string (got {_json_type(value)})")
        if isinstance(value, str):
            _check_unicode(name, value)
        fields[name] = (value.strip() or None) if isinstance(value, str) else None
    if fields["url"] is not None and not is_web_url(fields["url"]):
        raise _BadLine(f"'url' must be an http(s) URL (got {_shown(fields['url'])})")
    if fields["date"] is not None and not is_iso_date(fields["date"]):
        raise _BadLine(f"'date' must be an ISO 8601 date such as 2023-07-14 (got {_shown(fields['date'])})")

    lang = fields["lang"]
    # Same rule as <html lang>: the first two letters ("fr-FR" -> "fr"); otherwise detect it.
    lang = lang[:2].lower() if lang and lang[:2].isascii() and lang[:2].isalpha() else None
    return Article(
        id=article_id,
        text=text,
        lang=lang or detect(text),
        url=fields["url"],
        date=fields["date"],
        publisher=fields["publisher"],
        title=fields["title"],
        source=shown,
    )


def _check_unicode(name: str, value: str) -> None:
    """JSON may escape half a surrogate pair (`"\\ud800"`); that is no character and cannot be stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise _BadLine(f"{name!r} holds a lone surrogate (U+{ord(value[err.start]):04X} at character "
                       f"{err.start + 1}), which is not Unicode text") from None


# What the web links to: no spaces, controls or markup characters (RFC 3986 excludes them all).
_URL_BAD = re.compile(r'[\x00-\x20\x7f<>"`{}|\\^]')
# ISO 8601 calendar dates, optionally with a time and offset: 2023, 2023-07, 2023-07-14, 2023-07-14T09:30:00+02:00.
_ISO_DATE = re.compile(
    r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2})"
    r"(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?)?)?"
)


def is_web_url(url: str) -> bool:
    """An absolute http or https URL with a host."""
    if _URL_BAD.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host, say
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def is_iso_date(value: str) -> bool:
    """An ISO 8601 date (year, year-month, or a full date with an optional time), on a real calendar day."""
    import calendar

    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = match.group(1, 2, 3)
    if day is None:
        return True
    return 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]


def _shown(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


_READERS: dict[str, _Reader] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
}
