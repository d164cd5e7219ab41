"""Bytes to article text: size limits, binary and UTF-16 detection, decoding, blank checks.

Every reader goes through here, so one rule decides what is text: a file that
cannot be decoded or holds nothing visible is `Unusable`, with a reason that
tells the user what to do.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kg.ingest.html import codec_for_label, declared_charset

DEFAULT_MAX_BYTES = 5_000_000
# How the limit is set from the command line; messages about it name the option.
MAX_BYTES_OPTION = "--max-article-size"


class Unusable(Exception):
    """A whole file cannot be read; the text is the reason, without the file name."""


# Bytes found in text: printable ASCII, the usual whitespace, ESC, and every byte
# >= 0x80 (any of them may belong to a legacy 8-bit encoding).
_TEXT_BYTES = bytes(sorted({7, 8, 9, 10, 11, 12, 13, 27} | set(range(0x20, 0x100)) - {0x7F}))
BINARY_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.10
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def binary_reason(sample: bytes) -> str | None:
    if b"\x00" in sample:
        return "is binary (contains NUL bytes)"
    return control_reason(sample)


def control_reason(sample: bytes) -> str | None:
    controls = len(sample.translate(None, _TEXT_BYTES))
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        return "is binary (mostly non-text bytes)"
    return None


def read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:  # checked before reading, so a huge file is never loaded
        raise Unusable(f"article too large ({size:,} bytes > {too_large(max_bytes)})")
    data = path.read_bytes()
    if not data:
        raise Unusable("is empty")
    return data


def too_large(max_bytes: int) -> str:
    """The limit, said so that the user knows how to raise it."""
    return f"the limit of {max_bytes:,} bytes; raise it with {MAX_BYTES_OPTION}"


def utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes look like BOM-less UTF-16 text.

    Latin-script UTF-16 has a NUL in every other byte (the high byte of each
    ASCII character) and almost never in the other half; binary formats do not.
    """
    n = len(sample) - len(sample) % 2
    if n < 4:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    even_nul, odd_nul = even.count(0), odd.count(0)
    half = n // 2
    if odd_nul >= 0.3 * half and even_nul <= 0.02 * half:
        return "utf-16-le"
    if even_nul >= 0.3 * half and odd_nul <= 0.02 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, *, html: bool) -> str:
    """UTF-8 (BOM or not); UTF-16 with a BOM or recognisably without; for HTML, then the declared charset."""
    # UTF-16 is full of NULs, so it must be recognised before the binary check.
    codec = "utf-16" if data.startswith(UTF16_BOMS) else utf16_without_bom(data[:BINARY_SAMPLE])
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            if codec == "utf-16":
                raise Unusable(f"cannot be decoded: invalid UTF-16 ({err.reason})") from err
        else:
            if "\x00" in text:
                raise Unusable("is binary (contains NUL characters)")
            return text
    # A NUL byte anywhere, not only in the sample: no text file holds one.
    if b"\x00" in data:
        raise Unusable("is binary (contains NUL bytes)")
    reason = control_reason(data[:BINARY_SAMPLE])
    if reason:
        raise Unusable(reason)
    try:
        return data.decode("utf-8-sig")  # strips a BOM if there is one, so offsets start at the text
    except UnicodeDecodeError as err:
        utf8_error = err
    problem = f"not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
    if not html:
        raise Unusable(f"cannot be decoded: {problem}; save it as UTF-8") from utf8_error
    label = declared_charset(data)
    if label is None:
        raise Unusable(f"cannot be decoded: {problem} and no <meta charset> declared") from utf8_error
    codec = codec_for_label(label)
    if codec is None:
        reason = f"cannot be decoded: {problem} and unknown declared charset {label!r}"
        raise Unusable(reason) from utf8_error
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        if codec == "cp1252":
            # Browsers map cp1252's five undefined bytes to C1 controls, which is what latin-1 gives.
            return data.decode("latin-1")
        raise Unusable(f"cannot be decoded: {problem} nor as its declared charset {label!r}") from err


def check_not_blank(text: str) -> None:
    if not text.strip():
        raise Unusable("is empty (whitespace only)")
    if is_invisible(text):
        raise Unusable("is empty (only whitespace and invisible characters)")


def is_invisible(text: str) -> bool:
    """True when nothing in `text` would show: whitespace, zero-width and other format characters.

    Stops at the first visible character, so a real article costs a few steps."""
    return not any(not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Zs", "Zl", "Zp")
                   for c in text)


# --- .txt ---------------------------------------------------------------------

# Scraped articles may open with " date 2023-07 " or "date: 2023-07-14" before the title.
