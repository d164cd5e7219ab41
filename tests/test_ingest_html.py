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
    # The story's own header (standfirst, byline) and footer (credit) are the story's.
    assert paragraphs[1].startswith("Le Pentagone affirme que des avions russes")
    assert "Par Claire Moreau, avec AFP — 15 juillet 2023 à 9 h 42" in paragraphs
    assert paragraphs[-1] == "Source : AFP"
    # Runs of spaces and newlines inside a paragraph collapse; <br> stays a line break.
    assert "de multiplier les survols « dangereux et non professionnels » au-dessus" in article.text
    assert (
        "les appareils russes «\xa0opéraient dans le cadre des accords existants\xa0».\n"
        "Moscou n’a pas souhaité commenter davantage."
    ) in article.text
    assert "Un F-16 américain au-dessus de la Syrie. Photo : US Air Force" in paragraphs


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


# --- extraction rules on small pages ------------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Un.</p><p>Deux.</p>", "Un.\n\nDeux."),
        ("<p>Ligne un<br>ligne deux</p>", "Ligne un\nligne deux"),
        ("<p>Avant<br><br>après</p>", "Avant\n\naprès"),  # double <br> used as a paragraph break
        ("<div>Un <b>mot</b> en gras<div>bloc</div>suite</div>", "Un mot en gras\n\nbloc\n\nsuite"),
        ("<p>x &amp; y &laquo;&nbsp;z&nbsp;&raquo; &#8217; &eacute;</p>", "x & y «\xa0z\xa0» ’ é"),
        ("<p>  un   deux\n\t trois  </p>", "un deux trois"),
        ("<p>Premier<p>Second<div>Bloc</div>", "Premier\n\nSecond\n\nBloc"),  # unclosed <p>
        ("<ul><li>un<li>deux</ul>", "un\n\ndeux"),  # unclosed <li>
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<main><p>Dans main.</p></main><p>Dehors.</p>", "Dans main."),
        ("<main><p>Intro.</p><article><p>Le récit.</p></article></main>", "Le récit."),
        (
            "<article><p>Court.</p></article><article><p>Le récit, bien plus long.</p></article>",
            "Le récit, bien plus long.",
        ),
        ('<div class="siteNav">Menu</div><p>Texte.</p>', "Texte."),  # camelCase class
        ('<div class="lire-aussi">Voir</div><p>Texte.</p>', "Texte."),
        ('<div id="commentaires"><p>Avis</p></div><p>Texte.</p>', "Texte."),
        ('<div role="navigation">Liens</div><p>Texte.</p>', "Texte."),
        ("<p hidden>Caché</p><p>Visible.</p>", "Visible."),
        ("<header>Le site</header><p>Texte.</p><footer>© Le site</footer>", "Texte."),
        ("<article><header><p>Chapô.</p></header><p>Texte.</p><footer>Source : AFP</footer></article>",
         "Chapô.\n\nTexte.\n\nSource : AFP"),
        # Everything sits in a wrapper whose class says "sidebar": keep the text rather than nothing.
        ('<body><div class="has-sidebar"><p>Le texte.</p></div></body>', "Le texte."),
        (
            "<p>Avant</p><!-- commentaire HTML --><noscript>Activez JS</noscript><p>Après</p>",
            "Avant\n\nAprès",
        ),
        ("<p>Un <span>mot</span><span>collé</span></p>", "Un motcollé"),  # inline elements do not add spaces
    ],
)
def test_extraction_rules(markup: str, text: str) -> None:
    assert extract_html(markup).body == text


def test_title_falls_back_to_title_tag_then_h1() -> None:
    page = extract_html("<title> Le  titre </title><p>Texte.</p>")
    assert page.title == "Le titre"
    assert page.text == "Le titre\n\nTexte."
    page = extract_html("<div class='logo'>X</div><h1>Le titre du récit</h1><p>Texte.</p>")
    assert page.title == "Le titre du récit"
    assert page.text == "X\n\nLe titre du récit\n\nTexte."  # the <h1> is already a leading paragraph
    assert extract_html("<p>Texte.</p>").title is None


def test_metadata_fallbacks() -> None:
    page = extract_html(
        '<html lang="EN-us"><head><meta property="og:url" content="https://ex.org/a"></head>'
        '<body><article><time datetime="2023-07-14">14 July</time><p>The minister said.</p></article></body>'
    )
    assert (page.url, page.date, page.lang, page.publisher) == ("https://ex.org/a", "2023-07-14", "en", None)


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


def test_deeply_nested_page_does_not_hit_the_recursion_limit() -> None:
    markup = "<div>" * 5000 + "<p>Au fond.</p>" + "</b>" * 100 + "</div>" * 5000
    assert extract_html(markup).body == "Au fond."
