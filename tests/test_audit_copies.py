"""Copies inherit the source of what they copy; articles on one event that are no copies keep theirs.

Hand-made records and texts written for this test: who copies whom (text reuse, translation),
and what a copy's statement inherits in a claim's roots.
"""

from __future__ import annotations

import pytest

from kg.audit.identity import RootView, independent
from kg.audit.records import ArticleTravel, Hop, OutletNode, StatementRow
from kg.audit.roots import find_roots
from kg.link.conflicts import is_name, same_figure, same_name
from kg.link.copies import find_copies, originals
from kg.model import InferredCopy

ID = "https://w3id.org/claimprov/id/"
CLAIM = ID + "claim/c1"
WIRE = OutletNode(ID + "outlet/wire", "Wire Agency")
DAILY = OutletNode(ID + "outlet/daily", "The Daily")
COPIER = OutletNode(ID + "outlet/copier", "Copier News")


def st(article: str, speaker: str, *, claim: str = CLAIM, kind: str = "organization", anonymous: bool = False,
       via: tuple[OutletNode, ...] = (), start: int = 0) -> StatementRow:
    hops = tuple(Hop(position=i, label=o.name, kind="outlet", target=o.iri, target_label=o.name, target_kind=None)
                 for i, o in enumerate(via, start=1))
    iri = f"{ID}article/{article}/source/{speaker}" if anonymous else f"{ID}agent/{speaker}"
    return StatementRow(claim=claim, claim_id=claim[-2:], summary="s", statement=f"{ID}{article}/s{start}",
                            article=article, start=start, end=start + 5, text="texte", hedge=None,
                            attribution=f"{ID}{article}/a{start}", speaker=iri, speaker_label=speaker,
                            anonymous=anonymous, speaker_kind="anonymous" if anonymous else kind, cue="a dit",
                            kind="indirect", via=hops)


def travel(article: str, publisher: OutletNode) -> ArticleTravel:
    return ArticleTravel(article=article, title=None, publisher=publisher, translator=None, upstream=())


TRAVEL = {"orig": travel("orig", DAILY), "copy": travel("copy", COPIER), "other": travel("other", COPIER)}
COPIES = {"copy": InferredCopy(copy="copy", original="orig", how="text reuse", share=1.0)}


# (copy's statement, whether it takes the original's source)
@pytest.mark.parametrize(("copied", "inherits"), [
    # the copy names the company differently: still the original's source
    (st("copy", "Tyremaker"), True),
    # the copy hangs the quote on the wrong name: still the original's source
    (st("copy", "Someone Else", kind="person"), True),
    # a channel the copy names is copied text too
    (st("copy", "Tyremaker", via=(WIRE,)), True),
    # the speaker spoke to the copy's own publisher: an access of its own
    (st("copy", "Someone Else", kind="person", via=(COPIER,)), False),
], ids=["renamed", "misattributed", "copied channel", "own channel"])
def test_copies_without_a_channel_of_their_own_inherit(copied: StatementRow, inherits: bool) -> None:
    statements = [st("orig", "groupe Tyremaker"), copied]
    roots = find_roots(CLAIM, statements, TRAVEL, copies=COPIES)
    assert (roots.origins[1].node == roots.origins[0].node) is inherits
    assert any("copy copies orig" in r for r in roots.reasons) is inherits


def test_two_articles_on_one_event_that_are_no_copies_keep_their_sources() -> None:
    statements = [st("orig", "Ana Ferreira", kind="person"), st("other", "Paul Durand", kind="person")]
    roots = find_roots(CLAIM, statements, TRAVEL, copies=COPIES)
    assert roots.independent == 2


@pytest.mark.parametrize(("chain", "article", "present", "expected"), [
    ({"c": "b", "b": "a"}, "c", {"a", "b", "c"}, ["b", "a"]),  # a copy of a copy leads to the first text
    ({"c": "b", "b": "a"}, "c", {"b", "c"}, ["b"]),  # ... as far as the claim is carried
    ({"c": "b"}, "c", {"c"}, []),  # the original does not carry the claim: nothing to inherit
    ({"a": "b", "b": "a"}, "a", {"a", "b"}, ["b"]),  # a loop stops
])
def test_originals(chain: dict[str, str], article: str, present: set[str], expected: list[str]) -> None:
    copies = {c: InferredCopy(copy=c, original=o, how="text reuse", share=1.0) for c, o in chain.items()}
    assert [c.original for c in originals(copies, article, present)] == expected


ORIGINAL = ("The tyre maker will close its two western plants by 2026, the company said on Tuesday. "
            "About twelve hundred employees work at the two sites, according to the unions. "
            "The decision became inevitable because of competition from Asian manufacturers, management said.")
REWORDED = ("The tyre maker will close its two western plants by 2026, the company said on Tuesday. "
            "About twelve hundred employees work at the two sites, according to the unions. "
            "The decision became inevitable because of competition from Asian manufacturers, management said.")
OWN_STORY = ("Workers gathered outside the gates at dawn, many learning the news from their phones. "
             "Local officials called for talks with the company before the end of the month. "
             "The regional council said it would examine every option to keep jobs in the area.")


def _claims(*groups: tuple[str, ...]) -> dict[str, list[str]]:
    return {f"{ID}claim/k{k}": list(articles) for k, articles in enumerate(groups)}


def test_text_reuse_is_a_copy_and_the_later_article_copies() -> None:
    texts = {"early": ORIGINAL, "late": REWORDED, "own": OWN_STORY}
    dates = {"early": "2024-11-05", "late": "2024-11-06", "own": "2024-11-05"}
    langs = dict.fromkeys(texts, "en")
    copies = find_copies(_claims(("early", "late", "own")), texts, dates, langs)
    assert set(copies) == {"late"}
    assert copies["late"].original == "early" and copies["late"].how == "text reuse"


def test_a_month_does_not_come_before_its_days() -> None:
    # "2024-11" may be any day of November: the dates do not order the two, so the more covered
    # article (all its sentences are in the other) is the copy.
    texts = {"month": ORIGINAL[:180], "day": ORIGINAL + " " + OWN_STORY}
    copies = find_copies(_claims(("month", "day")), texts, {"month": "2024-11", "day": "2024-11-05"},
                         dict.fromkeys(texts, "en"))
    assert set(copies) == {"month"}


@pytest.mark.parametrize(("shared", "langs", "translated"), [
    (3, ("en", "fr"), True),  # nearly everything the later one says, in another language
    (2, ("en", "fr"), False),  # a quote or two in common: two articles on one event
    (3, ("fr", "fr"), False),  # one language: text reuse decides, not shared claims
])
def test_translations_share_nearly_every_claim(shared: int, langs: tuple[str, str], translated: bool) -> None:
    groups = [("en1", "fr1")] * shared + [("en1",), ("en1",), ("en1",), ("fr1",)]
    copies = find_copies(_claims(*groups), {"en1": "", "fr1": ""}, {"en1": "2023-02-08", "fr1": "2023-02-11"},
                         {"en1": langs[0], "fr1": langs[1]})
    assert ("fr1" in copies) is translated
    if translated:
        assert copies["fr1"].original == "en1" and copies["fr1"].how == "translation"


def _root(label: str, kind: str = "person", *, anonymous: bool = False, access: str | None = None) -> RootView:
    return RootView(label=label, named=not anonymous and kind != "outlet", anonymous=anonymous, access=access,
                    first=access, kind=kind, explicit=access is not None, access_name=access)


# (root a, root b, independent): source identity across the ways articles name one source
@pytest.mark.parametrize(("a", "b", "apart"), [
    (_root("Seymour Hersh", "outlet", access="hersh-blog"), _root("Seymour Hersh"), False),  # a blog is its author
    (_root("Carlos Ghosn"), _root("Ghosn"), False),
    (_root("Carlos Ghosn"), _root("Carlos Tavares"), True),
    (_root("The Daily", "outlet", access="daily"), _root("Carlos Tavares"), True),
])
def test_one_name_is_one_source_whatever_its_kind(a: RootView, b: RootView, apart: bool) -> None:
    assert (independent(a, b) is not None) is apart
    assert (independent(b, a) is not None) is apart


def test_a_described_speaker_is_no_identified_one() -> None:
    # «le groupe de pneumatiques» and «groupe Tyremaker»: a description identifies no one apart.
    statements = [st("orig", "groupe de pneumatiques"), st("other", "groupe Tyremaker")]
    assert find_roots(CLAIM, statements, TRAVEL).independent == 1


@pytest.mark.parametrize(("a", "b", "same"), [
    ("16.3", "16", True),  # "more than $16 billion", "about $16.3 billion"
    ("16.3", "16.7", True),
    ("12", "14", False),  # days and counts are exact
    ("2019", "2018", False),
    ("16.3", "19", False),
])
def test_rounded_amounts_are_one_figure(a: str, b: str, same: bool) -> None:
    assert same_figure(a, b) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    ({"mykhailo", "podolyak"}, {"mychajlo", "podoljak"}, True),  # two transliterations
    ({"zelensky"}, {"zelenskyy"}, True),
    ({"denise", "kovach"}, {"victor", "lang"}, False),
    ({"martin"}, {"martinez"}, False),  # another name grows, a transliteration varies
])
def test_transliterated_names(a: set[str], b: set[str], same: bool) -> None:
    assert same_name(a, b) is same


@pytest.mark.parametrize(("speaker", "named"), [
    ("Carlos Ghosn", True), ("the statement", False), ("le responsable policier", False), ("Fim-Cisl", True),
])
def test_names_have_a_capital(speaker: str, named: bool) -> None:
    assert is_name(speaker) is named
