"""Quotation-mark spans: typographic, straight, nested, mixed and over paragraphs."""

from __future__ import annotations

import pytest

from kg.extract.quotes import find_quotes, inside


def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit « bonjour » puis « au revoir ».", ["« bonjour »", "« au revoir »"]),
        ("“Yes,” he said. “No.”", ["“Yes,”", "“No.”"]),
        ('Il a dit "non" et "oui".', ['"non"', '"oui"']),
        # Nested marks stay inside the outer quote.
        ("« Il a parlé d’une “ligne rouge” hier », dit-il.", ["« Il a parlé d’une “ligne rouge” hier »"]),
        # Real pages mix their marks: an opening « closed by a straight ".
        ('«Nous ne commentons pas. C\'est tout. " a-t-il dit.', ['«Nous ne commentons pas. C\'est tout. "']),
        # A straight quote after a word is a closer, not an opener.
        ('Il a dit "non", a-t-il ajouté.', ['"non"']),
        ("Aucune citation ici.", []),
    ],
)
def test_find_quotes_table(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quote_continues_when_next_paragraph_reopens() -> None:
    text = "« Premier paragraphe.\n« Second paragraphe », a-t-il dit."
    (q,) = find_quotes(text)
    assert text[q.start:q.end] == "« Premier paragraphe.\n« Second paragraphe »"
    assert q.closed


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "« Jamais fermée\nUn autre paragraphe sans citation."
    (q,) = find_quotes(text)
    assert not q.closed
    assert text[q.start:q.end] == "« Jamais fermée"


def test_inner_offsets_drop_the_marks_and_inside_lookup() -> None:
    text = "Il a dit «oui» hier."
    quotes = find_quotes(text)
    s, e = quotes[0].inner
    assert text[s:e] == "oui"
    assert inside(quotes, text.index("oui")) is quotes[0]
    assert inside(quotes, text.index("hier")) is None
