"""kg.ingest WARC reading: HTML responses become articles, other records are counted, damage ends the file."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kg.errors import InputError
from kg.ingest import Skipped, read_file, read_paths
from kg.ingest.html import extract_html
from kg.ingest.warc import warc_id
from kg.model import Article

STORY = (
    "<p>Le ministre de l’Intérieur a annoncé jeudi un renforcement des contrôles aux frontières, "
    "après une semaine de tensions dans plusieurs villes du sud du pays.</p>"
    "<p>« Nous ne laisserons pas la situation se dégrader », a déclaré le ministre devant les députés, "
    "en promettant des moyens supplémentaires pour les services de police.</p>"
)
PAGE = (f'<!DOCTYPE html><html lang="fr"><head><title>Contrôles renforcés</title>'
        f'<meta property="og:site_name" content="Exemple Info"></head>'
        f"<body><article><h1>Contrôles renforcés</h1>{STORY}</article></body></html>")
URI = "https://www.exemple-info.fr/politique/controles.html"


class Warc:
    """A WARC written record by record with warcio, as a crawler would."""

    def __init__(self, gzip: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gzip)

    def response(self, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                 status: str = "200 OK") -> Warc:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        self.writer.write_record(
            self.writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )
        return self

    def record(self, kind: str, uri: str, body: bytes = b"x") -> Warc:
        self.writer.write_record(self.writer.create_warc_record(uri, kind, payload=io.BytesIO(body)))
        return self

    def save(self, path: Path, cut: int = 0) -> Path:
        data = self.buffer.getvalue()
        path.write_bytes(data[: len(data) - cut] if cut else data)
        return path


def crawl(gzip: bool = True) -> Warc:
    return (
        Warc(gzip)
        .record("warcinfo", "urn:crawl", b"software: test-crawler\r\n")
        .response(URI, PAGE.encode())
        .record("request", URI, b"GET /politique/controles.html HTTP/1.1\r\n\r\n")
        .response("https://www.exemple-info.fr/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png")
        .response("https://www.exemple-info.fr/ancien", b"<html><body>Introuvable</body></html>",
                  status="404 Not Found")
        .response("https://www.exemple-info.fr/latin", PAGE.replace("Contrôles", "Sécurité").encode("cp1252"),
                  "text/html; charset=ISO-8859-1")
    )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_articles_and_the_rest_is_counted_once(tmp_path: Path, name: str) -> None:
    items = list(read_paths([crawl(gzip=name.endswith(".gz")).save(tmp_path / name)]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]

    assert [a.url for a in articles] == [URI, "https://www.exemple-info.fr/latin"]
    first, latin = articles
    assert first.id.startswith("exemple-info-fr-politique-controles-html-") and len(first.id.rsplit("-", 1)[1]) == 8
    assert first.date is not None and first.date[:4].isdigit() and "T" in first.date  # WARC-Date, ISO 8601
    assert first.publisher == "Exemple Info" and first.lang == "fr"
    assert first.source == f"{tmp_path / name}#{URI}"
    assert "a déclaré le ministre devant les députés" in first.text
    assert latin.text.startswith("Sécurité renforcés")  # decoded with the HTTP charset header (windows-1252)

    # One summary for the file, counting by kind; by design, so a notice and not an error.
    [summary] = skipped
    assert summary.notice
    assert summary.reason.startswith("4 of 6 WARC records not read as articles (2 read): ")
    for count in ("1 HTTP 404", "1 non-HTML response(s) (image/png)", "1 request record(s)", "1 warcinfo record(s)"):
        assert count in summary.reason
    assert [a.id for a in read_file(tmp_path / name)] == [a.id for a in articles]  # notices do not raise


def test_text_is_exactly_what_the_html_reader_renders(tmp_path: Path) -> None:
    [article] = [i for i in read_paths([Warc().response(URI, PAGE.encode()).save(tmp_path / "a.warc.gz")])
                 if isinstance(i, Article)]
    assert article.text == extract_html(PAGE, url=URI).text
    assert "\n\n« Nous ne laisserons pas la situation se dégrader », a déclaré le ministre" in article.text


def test_ids_are_short_stable_and_differ_by_content() -> None:
    a = warc_id(URI, "sha1:AAAA")
    assert a == warc_id(URI, "sha1:AAAA")
    assert a != warc_id(URI, "sha1:BBBB")  # the same page crawled again with new content
    assert a.startswith("exemple-info-fr-politique-controles-html-")
    assert len(warc_id("https://x.org/" + "a" * 500, "d")) <= 60 + 9


@pytest.mark.parametrize(("gzip", "cut"), [(True, 200), (False, 300)])
def test_a_truncated_record_ends_the_file_and_keeps_what_came_before(tmp_path: Path, gzip: bool, cut: int) -> None:
    warc = crawl(gzip).response("https://www.exemple-info.fr/dernier", PAGE.encode() * 3)
    path = warc.save(tmp_path / ("coupe.warc.gz" if gzip else "coupe.warc"), cut=cut)
    items = list(read_paths([path]))
    assert [i.url for i in items if isinstance(i, Article)] == [URI, "https://www.exemple-info.fr/latin"]
    stops = [i for i in items if isinstance(i, Skipped) and not i.notice]
    assert len(stops) == 1
    assert "record 7" in stops[0].reason and "truncated" in stops[0].reason
    assert stops[0].reason.endswith("stopped reading this file after 2 article(s)")
    with pytest.raises(InputError, match=r"coupe\.warc(\.gz)?: record 7 .*truncated"):
        read_file(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"this is not a web archive at all\n", "is not a WARC file"),
        (b"WARC/1.0\r\nnonsense\r\n\r\n", "record 1 cannot be read"),
    ],
)
def test_bad_archives_are_one_clear_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "mauvais.warc"
    path.write_bytes(content)
    [item] = list(read_paths([path]))
    assert isinstance(item, Skipped) and not item.notice
    assert reason in item.reason and "\n" not in item.reason


def test_records_over_max_bytes_are_counted_as_a_problem(tmp_path: Path) -> None:
    path = Warc().response(URI, PAGE.encode()).response(URI + "?p=2", PAGE.encode() * 50).save(tmp_path / "g.warc.gz")
    items = list(read_paths([path], max_bytes=5_000))
    assert sum(isinstance(i, Article) for i in items) == 1
    [summary] = [i for i in items if isinstance(i, Skipped)]
    assert not summary.notice and (
        "1 page(s) too large (over the limit of 5,000 bytes; raise it with --max-article-size)" in summary.reason)


def test_an_html_record_without_text_is_a_counted_problem(tmp_path: Path) -> None:
    empty = b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>"
    path = Warc().response(URI, PAGE.encode()).response(URI + "?vide", empty).save(tmp_path / "v.warc.gz")
    [article, summary] = list(read_paths([path]))
    assert isinstance(article, Article) and isinstance(summary, Skipped)
    assert not summary.notice and "1 HTML page(s) with no article text" in summary.reason


def test_ten_thousand_records_stream_in_constant_memory(tmp_path: Path) -> None:
    warc = Warc()
    warc.response(URI, PAGE.encode())
    for k in range(10_000):
        warc.response(f"https://www.exemple-info.fr/img/{k}.jpg", b"\xff\xd8\xff" + bytes(2_000), "image/jpeg")
    warc.response(URI + "?fin", PAGE.encode())
    path = warc.save(tmp_path / "gros.warc.gz")
    del warc
    tracemalloc.start()
    try:
        items = read_paths([path])
        first = next(items)
        count = 1 + sum(1 for _ in items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(first, Article) and count == 3  # two articles and one summary
    assert peak < 20_000_000  # the archive's records (20 MB of payload) never sit in memory together
