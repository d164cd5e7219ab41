"""Page layout: boilerplate, comment sections, titles, travel lines and sentence units."""

from __future__ import annotations

import pytest

from kg.extract.layout import Role, layout
from kg.extract.lexicon import load

FR = load("fr")


def _roles(text: str) -> dict[str, Role]:
    lay = layout(text, FR)
    return {text[ln.start:ln.end]: ln.role for ln in lay.lines}


def test_page_furniture_is_not_content() -> None:
    text = (
        "Campagne de dons Mai-Juin 2023\n"
        "Le gouvernement a annoncé une réforme des retraites\n"
        "La ministre a déclaré que la réforme serait présentée mardi.\n"
        "Lire aussi : les syndicats appellent à la grève\n"
        "Source : Le Monde\n"
        "Laisser un commentaire\n"
        "Jean a dit que cet article était faux.\n"
    )
    roles = _roles(text)
    assert roles["Campagne de dons Mai-Juin 2023"] is Role.BOILERPLATE
    assert roles["Le gouvernement a annoncé une réforme des retraites"] is Role.TITLE
    assert roles["La ministre a déclaré que la réforme serait présentée mardi."] is Role.CONTENT
    assert roles["Lire aussi : les syndicats appellent à la grève"] is Role.BOILERPLATE
    assert roles["Source : Le Monde"] is Role.TRAVEL
    # Everything after the comment-section opener is reader comments.
    assert roles["Jean a dit que cet article était faux."] is Role.COMMENTS


def test_banner_and_metadata_prefix() -> None:
    text = " date 2023-07 ANTI GUERRE\nLe texte commence ici et il est long, très long.\n"
    lay = layout(text, FR)
    assert lay.content_start == text.index("ANTI")
    assert lay.lines[0].role is Role.BANNER


def test_byline_is_travel_but_par_ailleurs_is_content() -> None:
    roles = _roles("Un titre\npar The Cradle\nPar ailleurs, le ministre a démissionné.\n")
    assert roles["par The Cradle"] is Role.TRAVEL
    assert roles["Par ailleurs, le ministre a démissionné."] is Role.CONTENT


def test_units_never_break_inside_a_quote() -> None:
    text = ("Un titre\n« Nous partons. Nous reviendrons », a déclaré le ministre. "
            "Le porte-parole a confirmé. M. Dupont est parti.")
    lay = layout(text, FR)
    units = [text[u.start:u.end] for u in lay.units if lay.lines[u.line].role is Role.CONTENT]
    assert units == [
        "« Nous partons. Nous reviendrons », a déclaré le ministre.",
        "Le porte-parole a confirmé.",
        "M. Dupont est parti.",
    ]


def test_repeated_caption_is_read_once() -> None:
    caption = "Le président rencontre son homologue en juillet 2018."
    text = f"Un titre\n{caption}\n{caption}\nSuite de l'article, qui est longue.\n"
    lay = layout(text, FR)
    roles = [ln.role for ln in lay.lines]
    assert roles[1] is Role.CONTENT and roles[2] is Role.BOILERPLATE


@pytest.mark.parametrize(
    ("line", "sentences"),
    [
        # Scraped pages lose the space between paragraphs: the sentence still ends.
        ("Il dirigeait le groupe Renault Nissan.« Je suis à présent au Liban », écrit-il.",
         ["Il dirigeait le groupe Renault Nissan.", "« Je suis à présent au Liban », écrit-il."]),
        ("Le yacht a été loué, écrit Die Zeit.Le NYT parle d'un groupe.",
         ["Le yacht a été loué, écrit Die Zeit.", "Le NYT parle d'un groupe."]),
        ("« Je parlerai la semaine prochaine ».L'avocat est surpris.",
         ["« Je parlerai la semaine prochaine ».", "L'avocat est surpris."]),
        # Not sentence ends: initials, domains, decimals, abbreviated titles.
        ("Les U.S.Army Rangers sont arrivés.", ["Les U.S.Army Rangers sont arrivés."]),
        ("Il cite lemonde.fr et un taux de 3.5 pour cent.", ["Il cite lemonde.fr et un taux de 3.5 pour cent."]),
        ("Selon M.Dupont tout va bien.", ["Selon M.Dupont tout va bien."]),
    ],
)
def test_glued_sentences_are_split(line: str, sentences: list[str]) -> None:
    text = "Un titre\n" + line + "\n"
    lay = layout(text, FR)
    assert [text[u.start:u.end] for u in lay.units if lay.lines[u.line].role is Role.CONTENT] == sentences
