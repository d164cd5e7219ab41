"""Hostile and unlucky input files: each is skipped with its reason, and the rest of the batch is read.

A fixed corpus of bad files built here (nothing third-party), plus Hypothesis for the
text invariants: whatever a JSONL line holds, reading it either gives an article whose
digest can be computed or one `Skipped` naming the file and the line.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import Skipped, read_paths
from kg.ingest.readers import is_iso_date, is_web_url
from kg.model import Article

GOOD = "Le ministre a déclaré que la situation était sous contrôle, selon l'AFP."


def _read(*paths: Path) -> tuple[list[Article], list[Skipped]]:
    items = list(read_paths(list(paths)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def _jsonl(tmp_path: Path, *records: object, raw: str = "") -> Path:
    path = tmp_path / "lot.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n" + raw, encoding="utf-8")
    return path


# --- 3. a lone surrogate is one skipped line -------------------------------------


def test_lone_surrogate_is_a_skipped_line_naming_file_line_and_reason(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"id": "a", "text": GOOD}, '{"id": "b", "text": "avant \\ud800 après"}',
                  {"id": "c", "text": GOOD + " Encore."})
    arts, skipped = _read(path)
    assert [a.id for a in arts] == ["a", "c"]
    [bad] = skipped
    assert bad.path == str(path) and bad.line == 2
    assert bad.message == (f"{path}: malformed JSONL line 2: 'text' holds a lone surrogate "
                           "(U+D800 at character 7), which is not Unicode text")


@pytest.mark.parametrize("field", ["id", "title", "publisher"])
def test_lone_surrogate_in_metadata_is_a_skipped_line(tmp_path: Path, field: str) -> None:
    record = json.dumps({"id": "x", "text": GOOD, field: "@"}).replace('"@"', '"\\udfff"')
    _, [bad] = _read(_jsonl(tmp_path, record))
    assert f"'{field}' holds a lone surrogate" in bad.reason


def test_digest_of_an_article_with_a_lone_surrogate_does_not_raise() -> None:
    a = Article(id="x", text="a\ud800b")
    assert len(a.digest) == 64
    # For real text the digest is what it always was (UTF-8 bytes).
    assert Article(id="x", text="é").digest == Article(id="x", text="é").digest


@pytest.mark.slow
def test_extract_command_survives_a_lone_surrogate(tmp_path: Path, runner: CliRunner) -> None:
    path = _jsonl(tmp_path, '{"id": "b", "text": "\\ud800"}', {"id": "a", "text": GOOD})
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert [x["id"] for x in json.loads(result.stdout)] == ["a"]
    assert "malformed JSONL line 1: 'text' holds a lone surrogate" in result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_any_json_string_gives_an_article_or_a_skipped_line(tmp_path: Path, text: str) -> None:
    """Hypothesis: every JSON string (lone surrogates included) is read or skipped, never raised."""
    path = tmp_path / "fuzz.jsonl"
    path.write_text(json.dumps({"id": "f", "text": text, "title": text}) + "\n" + json.dumps(
        {"id": "g", "text": GOOD}) + "\n", encoding="ascii")
    arts, skipped = _read(path)
    assert "g" in [a.id for a in arts]
    assert len(arts) + len(skipped) == 2
    for a in arts:
        assert len(a.digest) == 64
        a.text.encode("utf-8")  # storable
    for s in skipped:
        assert s.line == 1 and s.path == str(path) and s.reason


# --- 8. unreadable files and odd folder entries ---------------------------------


def test_unreadable_file_named_on_the_command_line_is_skipped_and_the_rest_ingested(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, bad = tmp_path / "ok.txt", tmp_path / "secret" / "x.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad.parent.mkdir()
    bad.write_text(GOOD, encoding="utf-8")
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == bad:  # what a folder without search permission gives a non-root user
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    arts, [skip] = _read(bad, good)
    assert [a.id for a in arts] == ["ok"]
    assert skip.message == f"{bad}: cannot be read (Permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_unreadable_file_for_real(tmp_path: Path) -> None:  # pragma: no cover - not root in CI only
    good, bad = tmp_path / "ok.txt", tmp_path / "x.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD, encoding="utf-8")
    bad.chmod(0)
    arts, [skip] = _read(bad, good)
    assert [a.id for a in arts] == ["ok"] and "cannot be read" in skip.reason


def test_symlink_loops_dangling_links_and_fifos_in_folders_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "boucle.txt").symlink_to(folder / "boucle.txt")
    (folder / "orphelin.txt").symlink_to(tmp_path / "nulle-part.txt")
    os.mkfifo(folder / "tube.txt")
    arts, skipped = _read(folder)
    assert [a.id for a in arts] == ["a"]
    assert sorted(s.message for s in skipped) == [
        f"{folder / 'boucle.txt'}: is a symbolic link loop",
        f"{folder / 'orphelin.txt'}: is a dangling symbolic link (its target does not exist)",
        f"{folder / 'tube.txt'}: is not a regular file (a FIFO)",
    ]


def test_a_fifo_named_on_the_command_line_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.txt")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    arts, [skip] = _read(tmp_path / "tube.txt", tmp_path / "a.txt")
    assert [a.id for a in arts] == ["a"] and skip.reason == "is not a regular file (a FIFO)"


# --- 9. odd text ------------------------------------------------------------------

# (file name, content, start of the reason or None when it is an article)
ODD = [
    ("nul-loin.txt", GOOD.encode() * 400 + b"\x00" + GOOD.encode(), "is binary (contains NUL bytes)"),
    ("nul-loin.html", b"<p>" + GOOD.encode() * 400 + b"\x00</p>", "is binary (contains NUL bytes)"),
    ("invisible.txt", "\u200b\u200c\u200d\ufeff\u2060 \n\u200b".encode(), "is empty (only whitespace"),
    ("invisible.html", "<p>\u200b\u200b</p>".encode(), "has no article text"),
    ("utf16le.txt", GOOD.encode("utf-16-le"), None),
    ("utf16be.txt", GOOD.encode("utf-16-be"), None),
    ("utf16le-nul.txt", (GOOD + "\x00").encode("utf-16-le"), "is binary (contains NUL characters)"),
    ("utf16le.jsonl", json.dumps({"text": GOOD}).encode("utf-16-le"), "is UTF-16; JSONL must be UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "reason"), ODD, ids=[c[0] for c in ODD])
def test_odd_text(tmp_path: Path, name: str, content: bytes, reason: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    arts, skipped = _read(path)
    if reason is None:
        assert [a.text for a in arts] == [GOOD] and not skipped
    else:
        assert not arts and len(skipped) == 1 and skipped[0].reason.startswith(reason), skipped


def test_invisible_jsonl_text_and_nul_are_skipped_lines(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"id": "z", "text": "\u200b\u2060"}, {"id": "n", "text": "a\x00b"},
                  {"id": "ok", "text": GOOD})
    arts, skipped = _read(path)
    assert [a.id for a in arts] == ["ok"]
    assert [(s.line, s.reason) for s in skipped] == [
        (1, "malformed JSONL line 1: empty 'text' (only whitespace and invisible characters)"),
        (2, "malformed JSONL line 2: 'text' holds a NUL character"),
    ]


# --- 11. JSONL metadata ------------------------------------------------------------

BAD_METADATA = [
    ({"url": "javascript:alert(1)"}, "'url' must be an http(s) URL (got 'javascript:alert(1)')"),
    ({"url": "ftp://example.org/a"}, "'url' must be an http(s) URL"),
    ({"url": "https://"}, "'url' must be an http(s) URL"),
    ({"url": 'https://example.org/"><script>'}, "'url' must be an http(s) URL"),
    ({"url": "https://exa mple.org/"}, "'url' must be an http(s) URL"),
    ({"date": "<b>2023</b>"}, "'date' must be an ISO 8601 date such as 2023-07-14 (got '<b>2023</b>')"),
    ({"date": "14/07/2023"}, "'date' must be an ISO 8601 date"),
    ({"date": "2023-02-30"}, "'date' must be an ISO 8601 date"),
    ({"date": "2023-13"}, "'date' must be an ISO 8601 date"),
]


@pytest.mark.parametrize(("fields", "reason"), BAD_METADATA, ids=[str(f) for f, _ in BAD_METADATA])
def test_bad_metadata_is_a_skipped_line(tmp_path: Path, fields: dict[str, str], reason: str) -> None:
    arts, [bad] = _read(_jsonl(tmp_path, {"id": "x", "text": GOOD, **fields}, {"id": "y", "text": GOOD}))
    assert [a.id for a in arts] == ["y"]
    assert bad.line == 1 and bad.reason.startswith(f"malformed JSONL line 1: {reason}")


@pytest.mark.parametrize("date", ["2023", "2023-07", "2023-07-14", "2024-02-29", "2023-07-14T09:30",
                                  "2023-07-14T09:30:00Z", "2023-07-14T09:30:00.5+02:00", "2023-07-14 09:30:00"])
def test_iso_dates_are_accepted(date: str) -> None:
    assert is_iso_date(date)


@pytest.mark.parametrize("url", ["http://example.org", "https://example.org/a?b=c#d", "https://fr.wikipedia.org/wiki/Élysée"])
def test_web_urls_are_accepted(url: str) -> None:
    assert is_web_url(url)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable, max_size=30))
def test_accepted_urls_are_http_and_carry_no_markup(url: str) -> None:
    if is_web_url(url):
        assert url.lower().startswith(("http://", "https://")) and not set('<>" \n') & set(url)


# --- 12. messages ------------------------------------------------------------------

MESSAGES = [
    ('{"id": "a", "text": "non terminé', "not valid JSON (Unterminated string starting at column 21)"),
    ('{"id": "", "text": "x"}', "'id' must be a non-empty string or an integer (got an empty string)"),
    ('{"id": "a", "text": "ligne\u0001"}', "not valid JSON (Invalid control character at column 27)"),
    ('{"id": "a", "text": 12}', "'text' must be a string (got number)"),
    ('{"id": "a", "text": ["x"]}', "'text' must be a string (got array)"),
    ('{"id": "a", "text": null}', "'text' must be a string (got null)"),
    ('{"id": "a"}', "missing 'text'"),
    ('{"id": "a", "text": " "}', "empty 'text' (whitespace only)"),
]


@pytest.mark.parametrize(("line", "reason"), MESSAGES, ids=[m[1][:30] for m in MESSAGES])
def test_jsonl_messages_say_what_is_wrong(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "un.jsonl"
    path.write_text(line, encoding="utf-8")  # no final newline: a string can run to the end of the file
    _, [bad] = _read(path)
    assert bad.reason == f"malformed JSONL line 1: {reason}"
    assert "at at" not in bad.reason


def test_size_messages_name_the_option(tmp_path: Path) -> None:
    (tmp_path / "gros.txt").write_text(GOOD, encoding="utf-8")
    _jsonl(tmp_path, {"text": GOOD})
    items = list(read_paths([tmp_path], max_bytes=20))
    reasons = sorted(i.reason for i in items if isinstance(i, Skipped))
    assert reasons == [
        f"article too large ({len(GOOD.encode()):,} bytes > the limit of 20 bytes; raise it with --max-article-size)",
        "article too large on line 1 (more than the limit of 20 bytes; raise it with --max-article-size)",
    ]
