"""kg.ingest.langid: the French/English stopword guesser."""

from __future__ import annotations

import pytest

from kg.ingest.langid import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("« Il y a une convergence d’intérêts », a déclaré un responsable du Pentagone.", "fr"),
        ("Selon l'agence TASS, les appareils opéraient dans le cadre des accords.", "fr"),
        ("Le ministre n'a pas souhaité commenter.", "fr"),
        ("The Pentagon said on Friday that Russian jets had flown over US positions.", "en"),
        ("A senior official, who spoke on condition of anonymity, told reporters it was unsafe.", "en"),
        ("THE UN SAID IT WAS CONCERNED BY THE REPORTS", "en"),  # "un" is not counted as French
        ("Damas, Moscou, Washington", "fr"),  # no function word at all: French by default
        ("", "fr"),
        ("the le", "fr"),  # a tie goes to French
        ("Le Monde reported that the talks were over.", "en"),  # a French name in English prose
        ("Le New York Times a rapporté que les discussions étaient terminées.", "fr"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang
