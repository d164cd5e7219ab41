"""kg.ingest readers: .txt and .jsonl reading, every kind of unusable input, folder walking."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import KNOWN_EXTENSIONS, Skipped, date_prefix, read_file, read_paths
from kg.ingest.decode import is_invisible
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"

FRENCH = "« Il y a une convergence d’intérêts », a déclaré un responsable du Pentagone le 14 juillet.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))  # write_text would translate newlines on Windows
    else:
        path.write_bytes(content)
    return path


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def skipped(items: list[Article | Skipped]) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


# --- .txt ---------------------------------------------------------------------


def test_txt_text_is_kept_exactly_except_crlf(tmp_path: Path) -> None:
    raw = "  \n Titre\r\n\r\n« Citation »,   a-t-il dit.\r\nFin sans retour\t "
    [article] = read_file(write(tmp_path, "depeche.txt", raw))
    assert article.id == "depeche"
    assert article.text == raw.replace("\r\n", "\n")  # leading/trailing blanks and inner runs kept
    assert article.source == str(tmp_path / "depeche.txt")
    assert article.lang == "fr"
    assert article.url is None and article.title is None and article.publisher is None


def test_txt_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + FRENCH.encode("utf-8")))
    assert article.text == FRENCH


def test_txt_utf16_with_bom_is_decoded_not_called_binary(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "utf16.txt", FRENCH.encode("utf-16")))
    assert article.text == FRENCH


def test_english_txt_is_detected_as_english(tmp_path: Path) -> None:
    text = "The Pentagon said on Friday that Russian jets had flown over US positions, according to aides."
    [article] = read_file(write(tmp_path, "en.txt", text))
    assert article.lang == "en"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (" date 2023-07 Le groupe militaire russe en Syrie", "2023-07"),
        ("date: 2023-07-14\nLe titre", "2023-07-14"),
        ("Date : 2023-06-01 Le titre", "2023-06-01"),
        ("\n\n  date 2023-12\n", "2023-12"),
        ("date 2023-07", "2023-07"),
        ("Le date 2023-07 est dans le texte", None),  # not a prefix
        ("update 2023-07 x", None),
        ("dates 2023-07 x", None),
        ("date 2023-13 x", None),  # no month 13
        ("date 2023-07-32 x", None),
        ("date 2023-07x", None),
        ("date 23-07 x", None),
        ("date2023-07 x", None),
        ("Campagne de dons Mai-Juin 2023", None),
    ],
)
def test_txt_date_prefix(tmp_path: Path, text: str, date: str | None) -> None:
    assert date_prefix(text) == date
    [article] = read_file(write(tmp_path, "a.txt", text + " suite de l'article"))
    assert article.date == date
    assert article.text == text + " suite de l'article"  # the prefix stays in the text


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(exclude_categories=("Cs", "Cc")),
            st.sampled_from("\n\r\t «»’"),
        ),
        min_size=1,
        max_size=300,
    )
)
def test_txt_round_trips_any_text(text: str) -> None:
    # A leading U+FEFF is indistinguishable from a byte-order mark once encoded.
    assume(text.strip() and not text.startswith("\ufeff"))
    assume(not is_invisible(text))  # only zero-width or format characters: an empty file
    with tempfile.TemporaryDirectory() as folder:
        [article] = read_file(write(Path(folder), "x.txt", text))
    assert article.text == text.replace("\r\n", "\n")


# --- .jsonl -------------------------------------------------------------------


def test_jsonl_ids_and_metadata() -> None:
    items = list(read_paths([DATA / "depeches.jsonl"]))
    assert skipped(items) == []
    first, second, third = articles(items)

    assert first.id == "afp-001"
    assert (first.url, first.date, first.publisher, first.title) == (
        "https://example.org/afp-001", "2023-07-14", "AFP", "Le Pentagone reste en Syrie",
    )
    assert first.lang == "fr"  # "fr-FR" cut to its language
    assert first.text.startswith("« Nous ne quitterons pas la Syrie »")

    assert second.id == "depeches-2"  # no id: stem and line number
    assert second.lang == "en"  # not declared: detected
    assert second.publisher == "Reuters" and second.url is None and second.title is None

    assert third.id == "42"  # line 3 is blank, so this is line 4 but carries its own id
    assert third.lang == "fr"
    assert all(a.source == str(DATA / "depeches.jsonl") for a in (first, second, third))


def test_jsonl_default_id_counts_lines_including_blank_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "lot.jsonl", '\n{"text": "Premier texte."}\n\n{"text": "Deuxième texte."}\n')
    assert [a.id for a in read_file(path)] == ["lot-2", "lot-4"]


MALFORMED = "\n".join([
    '{"id": "ok-1", "text": "Le ministre a déclaré que la situation était sous contrôle."}',
    '{"id": "bad-json", "text": "virgule manquante" "x": 1}',
    "",
    '["une", "liste"]',
    '{"id": "no-text", "title": "Sans texte"}',
    '{"id": "blank-text", "text": "   "}',
    '{"id": "ok-7", "text": "Selon l\'AFP, les négociations reprendront lundi."}',
    '{"id": "text-not-string", "text": 12}',
    '{"id": ["x"], "text": "Un identifiant invalide."}',
    '{"text": "Une URL invalide.", "url": 3}',
    '"juste une chaîne"',
    "{tronqué",
])


def test_jsonl_malformed_lines_are_skipped_with_their_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "lot.jsonl", MALFORMED)
    items = list(read_paths([path]))
    assert [a.id for a in articles(items)] == ["ok-1", "ok-7"]
    found = [(s.line, s.reason) for s in skipped(items)]
    expected = [
        (2, "malformed JSONL line 2: not valid JSON"),
        (4, "malformed JSONL line 4: not a JSON object (got array)"),
        (5, "malformed JSONL line 5: missing 'text'"),
        (6, "malformed JSONL line 6: empty 'text' (whitespace only)"),
        (8, "malformed JSONL line 8: 'text' must be a string (got number)"),
        (9, "malformed JSONL line 9: 'id' must be a non-empty string or an integer (got array)"),
        (10, "malformed JSONL line 10: 'url' must be a string (got number)"),
        (11, "malformed JSONL line 11: not a JSON object (got string)"),
        (12, "malformed JSONL line 12: not valid JSON"),
    ]
    assert [line for line, _ in found] == [line for line, _ in expected]
    for (_, reason), (_, start) in zip(found, expected, strict=True):
        assert reason.startswith(start)
    assert all(s.path == str(path) for s in skipped(items))


def test_read_file_is_strict_about_a_malformed_jsonl_line(tmp_path: Path) -> None:
    path = write(tmp_path, "lot.jsonl", MALFORMED)
    with pytest.raises(InputError, match=r"lot\.jsonl: malformed JSONL line 2: not valid JSON"):
        read_file(path)


def test_jsonl_undecodable_line_is_skipped_alone(tmp_path: Path) -> None:
    content = (
        '{"id": "a", "text": "Texte en UTF-8 : élysée."}\n'.encode()
        + '{"id": "b", "text": "Texte en Latin-1 : élysée."}\n'.encode("latin-1")
        + b'{"id": "c", "text": "Encore du texte."}\n'
    )
    items = list(read_paths([write(tmp_path, "mixte.jsonl", content)]))
    assert [a.id for a in articles(items)] == ["a", "c"]
    [bad] = skipped(items)
    assert bad.line == 2 and bad.reason.startswith("malformed JSONL line 2: not UTF-8 (byte 0xe9")


def test_jsonl_oversized_line_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    long_text = "mot " * 100
    content = (
        '{"id": "court", "text": "Bref."}\n'
        f'{{"id": "long", "text": "{long_text}"}}\n'
        '{"id": "apres", "text": "Après."}\n'
    )
    items = list(read_paths([write(tmp_path, "lot.jsonl", content)], max_bytes=100))
    assert [a.id for a in articles(items)] == ["court", "apres"]
    [big] = skipped(items)
    assert big.line == 2 and "article too large on line 2" in big.reason


# --- unusable inputs ----------------------------------------------------------

# (file name, content, max_bytes, start of the reason)
BAD_INPUTS = [
    ("vide.txt", b"", None, "is empty"),
    ("blancs.txt", b"  \n\t\r\n  ", None, "is empty (whitespace only)"),
    ("vide.jsonl", b"", None, "is empty"),
    ("blancs.jsonl", b"\n\n   \n", None, "is empty (whitespace only)"),
    ("blancs.html", b"\n   \n", None, "is empty (whitespace only)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None, "is binary (contains NUL bytes)"),
    ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", None, "is binary (contains NUL bytes)"),
    ("bruit.html", bytes(range(1, 32)) * 40 + b"<p>x</p>", None, "is binary (mostly non-text bytes)"),
    ("latin1.txt", "Le président a déclaré.".encode("latin-1"), None,
     "cannot be decoded: not UTF-8 (byte 0xe9 at offset 5); save it as UTF-8"),
    ("latin1.html", "<p>Le président a déclaré.</p>".encode("latin-1"), None,
     "cannot be decoded: not UTF-8 (byte 0xe9 at offset 8) and no <meta charset> declared"),
    ("inconnu.html", '<meta charset="x-martien"><p>déclaré</p>'.encode("latin-1"), None,
     "cannot be decoded: not UTF-8 (byte 0xe9 at offset 30) and unknown declared charset 'x-martien'"),
    ("menu.html", b"<html><body><nav><a href='/'>Accueil</a></nav><script>x()</script></body></html>", None,
     "has no article text"),
    ("rapport.pdf", b"%PDF-1.7", None, "unknown extension '.pdf'; known: .html, .htm, .jsonl, .txt, .warc, .warc.gz"),
    ("LISEZMOI", b"du texte", None, "unknown extension (none); known: .html, .htm, .jsonl, .txt, .warc, .warc.gz"),
    ("gros.txt", FRENCH.encode(), 20, "article too large ("),
    ("gros.html", b"<p>" + b"x" * 100 + b"</p>", 50,
     "article too large (107 bytes > the limit of 50 bytes; raise it with --max-article-size)"),
]


@pytest.mark.parametrize(
    ("name", "content", "max_bytes", "reason"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_unusable_input_is_skipped_then_raised_by_read_file(
    tmp_path: Path, name: str, content: bytes, max_bytes: int | None, reason: str
) -> None:
    path = write(tmp_path, name, content)
    limit = {} if max_bytes is None else {"max_bytes": max_bytes}

    [item] = list(read_paths([path], **limit))
    assert isinstance(item, Skipped)
    assert item.path == str(path)
    assert item.reason.startswith(reason)
    assert item.line is None

    with pytest.raises(InputError) as raised:
        read_file(path, **limit)
    message = str(raised.value)
    assert message == item.message == f"{path}: {item.reason}"
    assert "\n" not in message


def test_known_extensions_are_matched_case_insensitively(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, "MAJUSCULES.TXT", FRENCH))
    assert article.id == "MAJUSCULES"
    assert set(KNOWN_EXTENSIONS) == {".html", ".htm", ".jsonl", ".txt", ".warc", ".warc.gz"}


def test_missing_path_is_skipped_and_reading_carries_on(tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    good = write(tmp_path, "present.txt", FRENCH)
    items = list(read_paths([missing, good]))
    assert items[0] == Skipped(str(missing), "does not exist")
    assert isinstance(items[1], Article) and items[1].id == "present"
    with pytest.raises(InputError, match=r"absent\.txt: does not exist$"):
        read_file(missing)


def test_read_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_max_bytes_must_be_a_positive_integer(tmp_path: Path, bad: object) -> None:
    with pytest.raises(InputError, match="max_bytes must be a positive integer"):
        read_paths([tmp_path], max_bytes=bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="max_bytes must be a positive integer"):
        read_file(tmp_path, max_bytes=bad)  # type: ignore[arg-type]


# --- folders and duplicates ---------------------------------------------------


def test_folders_are_walked_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["z.txt", "a/c/d.txt", "a/b.txt", "B.txt", ".cache/e.txt", ".brouillon.txt", "m/lot.jsonl"]:
        content = '{"text": "un"}\n{"text": "deux"}\n' if name.endswith(".jsonl") else FRENCH
        write(tmp_path, name, content)
    write(tmp_path, "a/notes.md", "# notes")

    items = list(read_paths([tmp_path]))
    # Code-point order: upper case sorts before lower case, "b.txt" before the "c" folder.
    assert [a.id for a in articles(items)] == ["B", "b", "d", "lot-1", "lot-2", "z"]
    assert [Path(a.source or "").relative_to(tmp_path).as_posix() for a in articles(items)] == [
        "B.txt", "a/b.txt", "a/c/d.txt", "m/lot.jsonl", "m/lot.jsonl", "z.txt",
    ]
    # Files of other kinds inside a folder are reported, not silently dropped.
    assert [(Path(s.path).name, s.reason.split(";")[0]) for s in skipped(items)] == [
        ("notes.md", "unknown extension '.md'"),
    ]


def test_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    [article] = read_file(write(tmp_path, ".cache.txt", FRENCH))
    assert article.id == ".cache"


def test_a_bare_string_path_is_one_path(tmp_path: Path) -> None:
    write(tmp_path, "un.txt", FRENCH)
    assert [a.id for a in articles(list(read_paths(str(tmp_path))))] == ["un"]  # type: ignore[arg-type]


def test_duplicate_ids_keep_the_first_and_name_it(tmp_path: Path) -> None:
    first = write(tmp_path, "a/meme.txt", FRENCH)
    second = write(tmp_path, "b/meme.txt", FRENCH + "autre version")
    lot = write(tmp_path, "c.jsonl", '{"id": "meme", "text": "trois"}\n{"id": "x", "text": "quatre"}\n')

    items = list(read_paths([tmp_path]))
    assert [(a.id, a.source) for a in articles(items)] == [("meme", str(first)), ("x", str(lot))]
    assert skipped(items) == [
        Skipped(str(second), f"duplicate article id 'meme' (first seen in {first})"),
        Skipped(str(lot), f"duplicate article id 'meme' (first seen in {first})", 1),
    ]


def test_duplicate_ids_inside_one_jsonl_name_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "lot.jsonl", '{"id": "d", "text": "un"}\n{"id": "d", "text": "deux"}\n')
    [dup] = skipped(list(read_paths([path])))
    assert dup == Skipped(str(path), f"duplicate article id 'd' (first seen in {path}:1)", 2)
    with pytest.raises(InputError, match="duplicate article id 'd'"):
        read_file(path)


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "un.txt", FRENCH)
    items = list(read_paths([path, path]))
    assert len(articles(items)) == 1 and len(skipped(items)) == 1
