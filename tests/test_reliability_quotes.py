"""Quote handling grows n log n with the number of quotes, counted in steps rather than timed.

The steps are the lines of the `kg/extract/cues/` package that run (a tracer counts them; C code
such as `bisect` costs nothing here, which is fair: it is O(log n)). A rule that checks
every quote for every word takes 100x the steps for 10x the quotes; the tracer stops it
at a budget well below that, so the test fails fast instead of hanging.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from kg.extract import cues
from kg.extract.cues import Context
from kg.extract.cues.verbs import inner_incises
from kg.extract.layout import Unit
from kg.extract.lexicon import load
from kg.extract.nlp import Tok
from kg.extract.quotes import Quote, find_quotes


class _TooManySteps(Exception):
    pass


def _count_steps(fn: Callable[[], Any], budget: int) -> int:
    steps = 0
    target = str(Path(cues.__file__).parent)

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal steps
        if not frame.f_code.co_filename.startswith(target):
            return None
        if event == "line":
            steps += 1
            if steps > budget:
                raise _TooManySteps
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return steps


def _sentence(n: int) -> tuple[str, list[Tok], list[Quote]]:
    """One sentence of n short quotes, each with an incise inside: `« mot, dit-il, fin » `."""
    parts: list[str] = []
    toks: list[Tok] = []
    pos = 0
    words = [("«", "PUNCT"), ("mot", "NOUN"), (",", "PUNCT"), ("dit", "VERB"), ("-il", "PRON"), (",", "PUNCT"),
             ("fin", "NOUN"), ("»", "PUNCT")]
    for _ in range(n):
        for w, pos_tag in words:
            toks.append(Tok(len(toks), w, pos, pos + len(w), w, w, pos_tag, "", None, None, True))
            parts.append(w + " ")
            pos += len(w) + 1
    text = "".join(parts)
    return text, toks, find_quotes(text)


def _work(n: int) -> Callable[[], None]:
    text, toks, quotes = _sentence(n)
    assert len(quotes) == n
    lex = load("fr")
    unit = Unit(0, len(text), 0, True)

    def run() -> None:
        ctx = Context(text, toks, quotes, lex)
        assert sum(ctx.in_quote(t) for t in toks) == len(toks)
        inner_incises(ctx, [], unit)

    return run


def test_quote_checks_grow_n_log_n_with_the_number_of_quotes() -> None:
    small = _count_steps(_work(1_000), budget=10**7)
    # n log n allows about 13x for 10x the quotes; a scan per word would be 100x.
    large = _count_steps(_work(10_000), budget=20 * small)
    assert large <= 15 * small, (small, large)


def test_in_quote_and_quote_around_agree_with_a_scan() -> None:
    quotes = [Quote(0, 5, True), Quote(7, 12, True), Quote(12, 20, False)]
    overlapping = [Quote(10, 30, True), Quote(0, 15, True), Quote(20, 22, True)]
    for qs in (quotes, overlapping, []):
        ctx = Context("x" * 40, [], qs, load("fr"))
        for p in range(40):
            tok = Tok(0, "x", p, p + 1, "x", "x", "X", "", None, None, False)
            assert ctx.in_quote(tok) == any(q.start <= p < q.end for q in qs)
            assert ctx.quote_around(p) == next((q for q in qs if q.start < p < q.end), None)


@pytest.mark.parametrize("n", [3])
def test_an_incise_inside_marks_is_still_found(n: int) -> None:
    text, toks, quotes = _sentence(n)
    ctx = Context(text, toks, quotes, load("fr"))
    [cue] = inner_incises(ctx, [], Unit(0, len(text), 0, True))
    assert (cue.content_start, cue.content_end) == (quotes[0].start, quotes[0].end)
