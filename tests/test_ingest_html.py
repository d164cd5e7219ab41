"""kg.ingest HTML reading: main-text extraction, page furniture, metadata, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import Skipped, read_file, read_paths
from kg.ingest.html import codec_for_label, declared_charset, extract_html

PAGE = Path(__file__).parent / "data" / "ingest" / "syrie_frappes.html"


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


# --- a realistic French news page ---------------------------------------------


def test_news_page_keeps_the_story() -> None:
    [article] = read_file(PAGE)
    paragraphs = article.text.split("\n\n")

    assert article.id == "syrie_frappes"
    assert paragraphs[0] == "Syrie : Washington accuse Moscou d’avoir violé l’accord de déconfliction"
    assert article.text.count("Washington accuse Moscou") == 1  # the <h1> is not repeated after the title
    assert (
        "« Il y a une convergence d’intérêts entre ces trois groupes, les Iraniens, les Russes et le régime "
        "syrien, pour nous pousser hors de Syrie », a déclaré un responsable du Pentagone aux journalistes, "
        "sous couvert d'anonymat."
    ) in paragraphs
    # The standfirst stays in place; the byline and the story's own footer credit, which trafilatura
    # files as metadata, are kept after the story: they carry attributions (`avec AFP`, `Source : AFP`).
    assert paragraphs[1].startswith("Le Pentagone affirme que des avions russes")
    assert paragraphs[-2:] == ["Par Claire Moreau, avec AFP — 15 juillet 2023 à 9 h 42", "Source : AFP"]
    # Runs of spaces and newlines inside a paragraph collapse; <br> stays a line break.
    assert "de multiplier les survols « dangereux et non professionnels » au-dessus" in article.text
    assert (
        "les appareils russes « opéraient dans le cadre des accords existants ».\n"
        "Moscou n’a pas souhaité commenter davantage."
    ) in article.text
    # A photo caption is not the story's prose (nor an attribution of a statement): dropped with the figure.
    assert "Photo : US Air Force" not in article.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Rubriques", "Politique",  # nav
        "dataLayer", "querySelectorAll", "font-family",  # script, style
        "cookies", "Tout accepter",  # cookie banner
        "Partager sur Facebook",  # share buttons
        "À lire aussi", "retrait américain",  # related articles
        "propagande", "Jean-Pierre", "commentaires", "Votre commentaire",  # comment section
        "Publicité",  # ad slot
        "Les plus lus", "barre latérale",  # sidebar
        "lettre d’information",  # newsletter
        "Mentions légales", "Accueil",  # page footer, breadcrumb
        "Le Quotidien du Levant",  # the logo in the page header (the name is metadata)
    ],
)
def test_news_page_drops_furniture(furniture: str) -> None:
    [article] = read_file(PAGE)
    assert furniture not in article.text


def test_news_page_metadata() -> None:
    [article] = read_file(PAGE)
    assert article.title == "Syrie : Washington accuse Moscou d’avoir violé l’accord de déconfliction"
    assert article.url == "https://www.quotidien-levant.example/monde/syrie-washington-moscou"  # canonical
    assert article.date == "2023-07-15T09:42:00+02:00"
    assert article.publisher == "Le Quotidien du Levant"
    assert article.lang == "fr"
    assert article.source == str(PAGE)


# --- pages written for these tests ---------------------------------------------

STORY = (
    "<p>Le ministre de l’Intérieur a annoncé jeudi un renforcement des contrôles aux frontières, "
    "après une semaine de tensions dans plusieurs villes du sud du pays.</p>"
    "<p>« Nous ne laisserons pas la situation se dégrader », a déclaré le ministre devant les députés, "
    "en promettant des moyens supplémentaires pour les services de police.</p>"
    "<p>Selon la préfecture, plus de deux cents personnes ont été interpellées depuis lundi, "
    "dont une majorité de mineurs, a précisé un porte-parole à l’AFP.</p>"
)


def page(body: str, head: str = "", lang: str = "fr") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def test_reader_comments_are_dropped(tmp_path: Path) -> None:
    markup = page(
        f"<article><h1>Contrôles renforcés aux frontières</h1>{STORY}</article>"
        '<section id="comments" class="comments"><h2>12 commentaires</h2>'
        '<div class="comment"><p class="comment-author">Marcel</p>'
        "<p>« Le ministre ment depuis le début », a écrit un lecteur en colère sous l’article.</p></div>"
        '<div class="comment"><p>Enfin une décision courageuse, a réagi un autre lecteur.</p></div></section>'
    )
    [article] = read_file(write(tmp_path, "commentaires.html", markup.encode()))
    assert "a déclaré le ministre devant les députés" in article.text
    assert "Marcel" not in article.text
    assert "ment depuis le début" not in article.text
    assert "décision courageuse" not in article.text
    assert article.text.startswith("Contrôles renforcés aux frontières\n\n")


@pytest.mark.parametrize(
    "furniture",
    [
        '<nav class="main-menu"><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav>',
        '<div class="share-buttons"><a href="#">Partager sur Facebook</a></div>',
        '<div class="newsletter-box"><p>Inscrivez-vous à notre lettre d’information quotidienne</p></div>',
        '<aside class="sidebar"><h3>Les plus lus</h3><ol><li>Un article très populaire</li></ol></aside>',
        '<footer class="site-footer"><p>© 2024 Le Journal — Mentions légales — Contact</p></footer>',
        "<script>window.dataLayer = []; function gtag(){dataLayer.push(arguments);}</script>",
    ],
)
def test_page_furniture_is_dropped(tmp_path: Path, furniture: str) -> None:
    markup = page(f"<header><a href='/'>Le Journal</a></header><main><article>{STORY}</article>"
                  f"{furniture}</main>")
    [article] = read_file(write(tmp_path, "meubles.html", markup.encode()))
    assert "a déclaré le ministre devant les députés" in article.text
    for word in ("Accueil", "Facebook", "lettre d’information", "Les plus lus", "Mentions légales", "dataLayer"):
        assert word not in article.text


def test_jsonld_publisher_when_there_is_no_og_site_name() -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "WebSite", "name": "exemple-info.fr"},'
          '{"@type": "NewsArticle", "headline": "Contrôles renforcés", "datePublished": "2024-03-07T18:00:00+01:00",'
          '"author": [{"@type": "Person", "name": "Léa Martin"}, {"@type": "Person", "name": "Hugo Bernard"}],'
          '"publisher": {"@type": "Organization", "name": "Exemple Info"}}]}</script>')
    result = extract_html(page(f"<article>{STORY}</article>", head=ld))
    assert result.publisher == "Exemple Info"
    assert result.authors == ("Léa Martin", "Hugo Bernard")
    assert result.date is not None and result.date.startswith("2024-03-07")
    # og:site_name, when there is one, is what the page declares first.
    og = '<meta property="og:site_name" content="Exemple Info Quotidien">'
    assert extract_html(page(f"<article>{STORY}</article>", head=og + ld)).publisher == "Exemple Info Quotidien"
    # A JSON-LD publisher outside an article (a WebSite, an Organization) is not the article's.
    site_only = '<script type="application/ld+json">{"@type": "WebSite", "publisher": {"name": "X"}}</script>'
    assert extract_html(page(f"<article>{STORY}</article>", head=site_only)).publisher is None


def test_amp_page() -> None:
    markup = (
        '<!doctype html><html ⚡ lang="fr"><head><meta charset="utf-8">'
        '<link rel="canonical" href="https://www.exemple-info.fr/politique/controles.html">'
        '<meta property="og:site_name" content="Exemple Info">'
        "<script async src=\"https://cdn.ampproject.org/v0.js\"></script>"
        "<style amp-custom>body { color: #222; }</style></head><body>"
        '<amp-sidebar id="menu" layout="nodisplay"><ul><li>Accueil</li><li>Politique</li></ul></amp-sidebar>'
        f"<article><h1>Contrôles renforcés aux frontières</h1>"
        '<amp-img src="/photo.jpg" width="800" height="450" layout="responsive"></amp-img>'
        f"{STORY}"
        '<amp-social-share type="twitter"></amp-social-share>'
        '<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/pub"></amp-ad>'
        "</article></body></html>"
    )
    result = extract_html(markup, url="https://amp.exemple-info.fr/politique/controles.html")
    assert result.url == "https://www.exemple-info.fr/politique/controles.html"  # the canonical page
    assert result.publisher == "Exemple Info"
    assert result.lang == "fr"
    assert "a déclaré le ministre devant les députés" in result.text
    assert "Accueil" not in result.text


def test_two_articles_keep_the_story_not_the_teaser() -> None:
    teaser = ('<article class="teaser"><h2><a href="/autre">Inondations : la décrue s’amorce</a></h2>'
              "<p>Lire la suite</p></article>")
    result = extract_html(page(f"<main><article><h1>Contrôles renforcés</h1>{STORY}</article>"
                               f'<section class="related">{teaser}</section></main>'))
    assert "a déclaré le ministre devant les députés" in result.text
    assert "décrue" not in result.text


def test_text_is_exactly_what_the_extractor_reads(tmp_path: Path) -> None:
    # Offsets are stored against Article.text: the reader hands over the very string it rendered,
    # paragraphs separated by one blank line, a quote in one piece.
    markup = page(f"<article><h1>Contrôles renforcés</h1>{STORY}</article>")
    [article] = read_file(write(tmp_path, "offsets.html", markup.encode()))
    assert article.text == extract_html(markup).text
    assert article.text.split("\n\n")[0] == "Contrôles renforcés"
    assert "\n\n\n" not in article.text and article.text == article.text.strip()
    assert "\n\n« Nous ne laisserons pas la situation se dégrader », a déclaré le ministre" in article.text


def test_title_comes_from_the_page_and_leads_the_text_once() -> None:
    result = extract_html(page(STORY, head="<title>Contrôles renforcés | Le Journal</title>"))
    assert result.title is not None and result.title.startswith("Contrôles renforcés")
    assert result.text.startswith(f"{result.title}\n\n")
    with_h1 = extract_html(page(f"<article><h1>Contrôles renforcés</h1>{STORY}</article>"))
    assert with_h1.text.count("Contrôles renforcés") == 1  # the <h1> is not repeated after the title


def test_metadata_fallbacks() -> None:
    result = extract_html(
        page(f"<article><time datetime='2023-07-14'>14 July</time>{STORY}</article>",
             head='<meta property="og:url" content="https://ex.org/a">', lang="EN-us")
    )
    assert (result.url, result.date, result.lang, result.publisher) == ("https://ex.org/a", "2023-07-14", "en", None)


def test_undeclared_language_is_detected(tmp_path: Path) -> None:
    html = b"<p>The Pentagon said on Friday that the strikes were not aimed at Russian forces.</p>"
    [article] = read_file(write(tmp_path, "sans-langue.htm", html))
    assert article.id == "sans-langue"
    assert article.lang == "en"


# --- charsets -----------------------------------------------------------------

FRENCH_1252 = "<p>« L’Élysée n’a pas commenté », a indiqué l’AFP — œuvre.</p>"


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1252">',
        "<meta charset=windows-1252>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<META CHARSET="ISO-8859-1">',  # browsers read Latin-1 labels as windows-1252
        '<meta charset="latin1">',
    ],
)
def test_declared_windows_1252_is_honoured(tmp_path: Path, head: str) -> None:
    page = f"<html><head>{head}</head><body>{FRENCH_1252}</body></html>"
    path = write(tmp_path, "cp1252.html", page.encode("cp1252"))
    [article] = read_file(path)
    assert article.text == "« L’Élysée n’a pas commenté », a indiqué l’AFP — œuvre."


def test_real_latin1_declared_page_decodes(tmp_path: Path) -> None:
    # 0x81 is undefined in windows-1252; the page still decodes, as in a browser.
    content = '<meta charset="iso-8859-1"><p>Le président a déclaré.</p>'.encode("latin-1") + b"\x81"
    [article] = read_file(write(tmp_path, "latin1.html", content))
    assert article.text.startswith("Le président a déclaré.")


def test_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    content = '<meta charset="windows-1252"><p>Le président a déclaré.</p>'.encode()
    [article] = read_file(write(tmp_path, "utf8.html", content))
    assert article.text == "Le président a déclaré."


def test_bytes_that_fail_the_declared_charset_are_reported(tmp_path: Path) -> None:
    content = '<meta charset="shift_jis"><p>déclaré</p>'.encode("latin-1") + b"\xff\xff"
    path = write(tmp_path, "sjis.html", content)
    [item] = list(read_paths([path]))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("cannot be decoded: not UTF-8")
    assert item.reason.endswith("nor as its declared charset 'shift_jis'")
    with pytest.raises(InputError, match=r"sjis\.html: cannot be decoded"):
        read_file(path)


@pytest.mark.parametrize(
    ("head", "label", "codec"),
    [
        (b'<meta charset="utf-8">', "utf-8", "utf-8"),
        (b"<meta charset='Windows-1252'>", "Windows-1252", "cp1252"),
        (
            b'<meta http-equiv="content-type" content="text/html;charset=ISO-8859-15">',
            "ISO-8859-15",
            "iso8859-15",
        ),
        (b"<meta charset=us-ascii>", "us-ascii", "cp1252"),
        (b'<meta charset="nonsense">', "nonsense", None),
        (b"<meta name=description content=x>", None, None),
    ],
)
def test_charset_labels(head: bytes, label: str | None, codec: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == label
    if label is not None:
        assert codec_for_label(label) == codec


def test_deeply_nested_page_is_one_clear_line(tmp_path: Path) -> None:
    # lxml stops building the tree at its depth limit: no crash, no recursion error, one reason.
    markup = "<html><body>" + "<div>" * 5000 + "<p>Au fond.</p>" + "</b>" * 100 + "</div>" * 5000 + "</body></html>"
    [item] = list(read_paths([write(tmp_path, "profond.html", markup.encode())]))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("has no article text")
