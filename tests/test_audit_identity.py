"""Source identity and earned independence (kg.audit.identity), as tables of root descriptions,
and the reasons each verdict carries. Descriptions are composed for these tests."""

from __future__ import annotations

import pytest

from kg.audit.identity import RootView, compatible_unnamed, independent, same_named
from kg.store import Store

SAME_NAMED = [
    ("Carlos Ghosn", "Ghosn", True),
    ("Michelin", "groupe Michelin", True),
    ("Michelin", "la direction de Michelin", True),
    ("Roberto De Zerbi", "De Zerbi", True),
    ("Laure Beccuau", "Fabrice Gardon", False),
    ("Mette Frederiksen", "Maria Zakharova", False),
    # one name transliterated two ways; the same first name with another surname is another person
    ("Mykhailo Podolyak", "Mychajlo Podoljak", True),
    ("Volodymyr Zelensky", "Wolodymyr Selenskyj", False),  # the initials differ: not told apart safely
    ("Carlos Ghosn", "Carlos Tavares", False),
    ("Mykhailo Podolyak", "Mykhailo Fedorov", False),
    ("Marc Martin", "Marc Martinez", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME_NAMED)
def test_named_sources_by_normalised_name(a: str, b: str, same: bool) -> None:
    assert same_named(a, b) is same
    assert same_named(b, a) is same


UNNAMED = [
    ("a U.S. official", "one US official", True),
    ("a U.S. official", "an American official", True),
    ("la direction", "la direction de l'entreprise", True),
    ("une source proche du dossier", "a source familiar with the matter", True),
    ("un responsable du Pentagone", "un autre responsable du Pentagone", False),
    ("a U.S. official", "a second official", False),
    ("un responsable du Pentagone", "un responsable du Kremlin", False),
]


@pytest.mark.parametrize(("a", "b", "same"), UNNAMED)
def test_unnamed_sources_by_compatible_description(a: str, b: str, same: bool) -> None:
    assert compatible_unnamed(a, b) is same


def _named(label: str, kind: str = "person", first: str | None = None) -> RootView:
    return RootView(label=label, named=True, anonymous=False, access=None, first=first, kind=kind)


def _unnamed(label: str, access: str | None, explicit: bool = True) -> RootView:
    return RootView(label=label, named=False, anonymous=True, access=access, first=access, kind="anonymous",
                    explicit=explicit, access_name=access)


INDEPENDENCE = [
    # two identified people: independent
    (_named("Laure Beccuau"), _named("Fabrice Gardon"), True),
    # one person, two spellings
    (_named("Carlos Ghosn"), _named("Ghosn"), False),
    # a chief executive and the company: he may speak for it
    (_named("Florent Menegaux"), _named("Michelin", "organization"), False),
    # one description through one outlet
    (_unnamed("a U.S. official", "Reuters"), _unnamed("one US official", "Reuters"), False),
    # one description, one copy without its channel: no evidence of a second source
    (_unnamed("a U.S. official", "Reuters"), _unnamed("an American official", None), False),
    # two outlets, each saying its source spoke to it
    (_unnamed("a source familiar with the matter", "Reuters"), _unnamed("people familiar", "WSJ"), True),
    # same description, second outlet's access only inferred from its own article
    (_unnamed("une source", "AFP"), _unnamed("une source", "Le Monde", explicit=False), False),
    # an unnamed source through the outlet that carries the named speaker may be that speaker
    (_named("Mike Turner", first="CNN"), _unnamed("a congressional source", "CNN"), False),
    (_named("Mike Turner", first="CNN"), _unnamed("three sources familiar", "NBC News"), True),
    # several unnamed people cannot be one identified person, whatever the outlets
    (_named("James Jeffrey"), _unnamed("médias", None), True),
    (_named("James Jeffrey"), _unnamed("le responsable", None), False),
]


@pytest.mark.parametrize(("a", "b", "apart"), INDEPENDENCE)
def test_independence_must_be_earned(a: RootView, b: RootView, apart: bool) -> None:
    assert (independent(a, b) is not None) is apart
    assert (independent(b, a) is not None) is apart


def test_every_verdict_is_explained(writable_examples_store: Store) -> None:
    from kg.audit import audit_json, audit_markdown, run_audit

    audits = [a for a in run_audit(writable_examples_store, cache=False) if len(a.articles) > 1]
    assert audits
    for a in audits:
        assert a.reasons[0].startswith(f"{len(a.articles)} article(s)")
        assert a.reasons[-1] == ("verdict: one source" if a.single_source
                                 else f"verdict: {a.independent_sources} independent sources")
        if not a.single_source:
            # a multi-source verdict names the evidence that set the sources apart
            evidence = ("identified speakers", "own access", "on its own", "several")
            assert any(k in r for r in a.reasons for k in evidence)
    assert all(row["reasons"] for row in audit_json(audits))
    assert "- why:" in audit_markdown(audits)
