"""A run of words shared verbatim: the same quote, cut differently (composed statements)."""

from __future__ import annotations

import pytest

from kg.link import link_statements
from kg.link.verbatim import COMMON, verbatim_pairs
from kg.model import Statement

WHOLE = ("I am now in Lebanon and will no longer be held hostage by a rigged Japanese justice system "
         "where guilt is presumed.")


def _st(article: str, text: str, start: int = 0) -> Statement:
    return Statement(article, start, start + len(text), text, "Carlos Ghosn")


@pytest.mark.parametrize(("fragment", "shared"), [
    # a fragment inside the outlet's own paraphrase: nine words of the quote
    ("He said he would “no longer be held hostage by a rigged Japanese justice system”.", True),
    # punctuation, case and accents aside
    ("WILL NO LONGER — be held, hostage by a RIGGED Japanese justice!", True),
    # a phrase of the trade, seven words, is no quote
    ("Officials said the suspect will no longer be held hostage, officials said.", False),
    # the same words out of order
    ("A justice system that is rigged held him hostage, no longer.", False),
], ids=["fragment", "folded", "seven-words", "reordered"])
def test_a_shared_run_of_eight_words_is_the_same_quote(fragment: str, shared: bool) -> None:
    pairs = verbatim_pairs([_st("a", WHOLE), _st("b", fragment)])
    assert (pairs == [(0, 1)]) is shared


def test_two_statements_of_one_article_are_no_pair() -> None:
    assert verbatim_pairs([_st("a", WHOLE), _st("a", WHOLE, start=200)]) == []


def test_a_run_in_many_statements_is_boilerplate() -> None:
    formula = "the company said in a statement on its own website"
    many = [_st(f"a{k}", f"{formula}, item {k}") for k in range(COMMON + 1)]
    assert verbatim_pairs(many) == []
    assert verbatim_pairs(many[:2]) == [(0, 1)]


def test_the_linker_joins_a_quoted_fragment_to_the_whole_quote() -> None:
    statements = [_st("a", WHOLE), _st("b", "Ghosn said he would “no longer be held hostage by a rigged "
                                              "Japanese justice system”, adding he would speak to reporters."),
                  _st("c", "Nissan shares fell three percent in Tokyo trading on Tuesday.")]
    claims = link_statements(statements, method="char").claims
    together = [c for c in claims if len(c.article_ids) == 2]
    assert [c.article_ids for c in together] == [["a", "b"]]
