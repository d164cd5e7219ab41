"""What changed between copies: a hedge or an attribution lost, a source unnamed."""

from __future__ import annotations

from dataclasses import replace

from kg.audit.changes import find_changes, hedge_of
from kg.audit.records import StatementRow

BASE = StatementRow(
    claim="c", claim_id="c", summary="s", statement="s", article="a", start=0, end=10,
    text="les mercenaires russes étaient des employés de Wagner", hedge=None, attribution="att",
    speaker="mt", speaker_label="Military Times", anonymous=False, speaker_kind="outlet", cue="selon",
    kind="indirect")


def test_hedge_of_reads_the_marker_or_the_conditional() -> None:
    assert hedge_of(replace(BASE, hedge="auraient été")) == "auraient été"
    assert hedge_of(replace(BASE, text="des mercenaires auraient participé à l'assaut")) == "auraient"
    assert hedge_of(replace(BASE, text="Russian mercenaries reportedly took part")) == "reportedly"
    assert hedge_of(BASE) is None


def test_a_hedge_and_a_selon_lost_between_two_articles() -> None:
    hedged = replace(BASE, article="002", attribution=None, speaker=None, speaker_label=None, cue=None,
                     hedge="auraient été", text="des combattants auraient été impliqués")
    stated = replace(BASE, article="003")
    changes = {c.kind: c for c in find_changes([hedged, stated])}
    assert set(changes) == {"hedge_dropped", "attribution_dropped"}
    assert "«auraient été»" in changes["hedge_dropped"].detail
    assert changes["attribution_dropped"].detail.startswith("«selon …» dropped")
    assert changes["attribution_dropped"].articles == ("002", "003")


def test_differences_inside_one_article_are_not_changes() -> None:
    hedged = replace(BASE, hedge="auraient été", attribution=None)
    assert find_changes([hedged, BASE]) == []


def test_a_named_source_unnamed_elsewhere() -> None:
    unnamed = replace(BASE, article="b", anonymous=True, speaker_label="un responsable")
    (change,) = find_changes([BASE, unnamed])
    assert change.kind == "source_anonymised"
    assert "Military Times" in change.detail and "un responsable" in change.detail


def test_identical_copies_have_no_changes() -> None:
    assert find_changes([BASE, replace(BASE, article="b")]) == []
