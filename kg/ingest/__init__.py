"""Reading article files into `Article`s: .txt, .html/.htm and .jsonl.

    read_paths(paths, max_bytes=...)  files and folders -> Article | Skipped, never raises per file
    read_file(path, max_bytes=...)    one file -> list[Article], raises InputError naming the file
    detect(text)                      "fr" or "en", for articles that declare no language
"""

from __future__ import annotations

from kg.ingest.langid import detect
from kg.ingest.readers import (
    DEFAULT_MAX_BYTES,
    KNOWN_EXTENSIONS,
    Skipped,
    date_prefix,
    read_file,
    read_paths,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KNOWN_EXTENSIONS",
    "Skipped",
    "date_prefix",
    "detect",
    "read_file",
    "read_paths",
]
