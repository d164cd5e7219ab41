"""Root sources, merged unnamed sources and independence, on hand-made records."""

from __future__ import annotations

import pytest

from kg.audit.records import ArticleTravel, Hop, OutletNode, StatementRow
from kg.audit.roots import find_roots, first_outlet

CLAIM = "https://w3id.org/claimprov/id/claim/c1"
ID = "https://w3id.org/claimprov/id/"
AL_MONITOR = OutletNode(ID + "outlet/al-monitor", "Al-Monitor")
REUTERS = OutletNode(ID + "outlet/reuters", "Reuters")


def st(article: str, speaker: str | None, *, anonymous: bool = False, kind: str = "person",
       via: tuple[OutletNode, ...] = (), label: str | None = None, start: int = 0) -> StatementRow:
    hops = tuple(Hop(position=i, label=o.name, kind="outlet", target=o.iri, target_label=o.name, target_kind=None)
                 for i, o in enumerate(via, start=1))
    if speaker is None:
        return StatementRow(claim=CLAIM, claim_id="c1", summary="s", statement=f"{ID}{article}/s{start}",
                                article=article, start=start, end=start + 5, text="texte", hedge=None,
                                attribution=None, speaker=None, speaker_label=None, anonymous=False,
                                speaker_kind=None, cue=None, kind=None)
    iri = f"{ID}article/{article}/source/{speaker}" if anonymous else f"{ID}agent/{speaker}"
    if kind == "outlet":
        iri = f"{ID}outlet/{speaker}"
    return StatementRow(claim=CLAIM, claim_id="c1", summary="s", statement=f"{ID}{article}/s{start}",
                            article=article, start=start, end=start + 5, text="texte", hedge=None,
                            attribution=f"{ID}{article}/a{start}", speaker=iri, speaker_label=label or speaker,
                            anonymous=anonymous, speaker_kind="anonymous" if anonymous else kind, cue="a déclaré",
                            kind="direct", via=hops)


def travel(article: str, publisher: OutletNode | None = None, *upstream: OutletNode) -> ArticleTravel:
    return ArticleTravel(article=article, title=None, publisher=publisher, translator=None, upstream=tuple(upstream))


def test_unnamed_sources_through_one_outlet_are_one_probable_source() -> None:
    statements = [st("a", "un-responsable", anonymous=True, via=(AL_MONITOR,), label="un responsable du Pentagone"),
                  st("b", "un-haut-responsable", anonymous=True, via=(AL_MONITOR,),
                     label="un haut responsable militaire américain")]
    roots = find_roots(CLAIM, statements, {})
    assert roots.independent == 1
    (root,) = roots.sources
    assert root.anonymous and root.first_reported_by == "Al-Monitor"
    assert root.descriptions == ("un responsable du Pentagone", "un haut responsable militaire américain")
    assert root.evidence is not None and "un haut responsable militaire américain" in root.evidence
    assert root.articles == ("a", "b")


def test_unnamed_sources_through_different_outlets_stay_apart() -> None:
    statements = [st("a", "x", anonymous=True, via=(AL_MONITOR,)), st("b", "y", anonymous=True, via=(REUTERS,))]
    roots = find_roots(CLAIM, statements, {})
    assert roots.independent == 2
    assert all(r.evidence is None for r in roots.sources)


def test_unnamed_sources_with_no_outlet_are_kept_apart_but_not_counted_twice() -> None:
    # Nothing shows two sources (no outlet with access of its own): two roots, one independent
    # source, and the reasons say it was a doubt.
    statements = [st("a", "x", anonymous=True), st("b", "x", anonymous=True)]
    roots = find_roots(CLAIM, statements, {})
    assert len(roots.sources) == 2 and roots.independent == 1
    assert roots.reasons == ("no copy shows a source of its own: counted as one source",)


@pytest.mark.parametrize(("statements", "independent"), [
    # A named speaker quoted in two articles is one source.
    ([st("a", "james-jeffrey"), st("b", "james-jeffrey", via=(REUTERS,))], 1),
    # Two named people confirming to one outlet are two sources (a name has a capital).
    ([st("a", "x", via=(REUTERS,), label="Xavier Roy"), st("b", "y", via=(REUTERS,), label="Yann Bris")], 2),
    # An unnamed source through Reuters could be the named one Reuters quotes.
    ([st("a", "x", via=(REUTERS,)), st("b", "u", anonymous=True, via=(REUTERS,))], 1),
    # "Selon Reuters" and a speaker Reuters first reported share Reuters.
    ([st("a", "reuters", kind="outlet"), st("b", "x", via=(REUTERS,))], 1),
    # An outlet and an unrelated named speaker do not.
    ([st("a", "reuters", kind="outlet"), st("b", "x", label="Xavier Roy")], 2),
])
def test_independence_table(statements: list[StatementRow], independent: int) -> None:
    assert find_roots(CLAIM, statements, {}).independent == independent


def test_an_unattributed_copy_is_its_outlets_own_claim() -> None:
    # Article b states it with no source; it was taken from Reuters, which a names as the source.
    statements = [st("a", "reuters", kind="outlet"), st("b", None)]
    roots = find_roots(CLAIM, statements, {"b": travel("b", AL_MONITOR, REUTERS)})
    assert roots.independent == 1
    # One node: the outlet quoted as a speaker in a is the outlet b's text came from.
    assert [(r.node, r.statements, r.articles) for r in roots.sources] == [(REUTERS.iri, 2, ("a", "b"))]


def test_an_unattributed_copy_with_no_outlet_is_a_source_of_its_own() -> None:
    statements = [st("a", "military-times", kind="outlet", label="Military Times"), st("b", None)]
    roots = find_roots(CLAIM, statements, {})
    assert roots.independent == 2
    assert roots.sources[1].kind == "article" and roots.sources[1].speaker == "b"


@pytest.mark.parametrize(("statement", "trav", "expected"), [
    (st("a", "x", via=(AL_MONITOR, REUTERS)), None, "Al-Monitor"),  # the channel nearest the speaker
    (st("a", "x"), travel("a", REUTERS, AL_MONITOR), "Al-Monitor"),  # else the furthest upstream copy
    (st("a", "x"), travel("a", REUTERS), "Reuters"),  # else the publisher
    (st("a", "reuters", kind="outlet", label="Reuters"), travel("a", AL_MONITOR), "Reuters"),  # an outlet itself
    (st("a", "x"), None, None),
])
def test_first_reported_by(statement: StatementRow, trav: ArticleTravel | None, expected: str | None) -> None:
    found = first_outlet(statement, trav)
    assert (found.name if found else None) == expected
