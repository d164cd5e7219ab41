"""A statement's route from its source to the reader, and the relation of each hop."""

from __future__ import annotations

from itertools import pairwise

from kg.audit.paths import relation, statement_path
from kg.audit.records import ArticleTravel, Hop, OutletNode, StatementRow
from kg.audit.roots import find_roots

ID = "https://w3id.org/claimprov/id/"
CLAIM = ID + "claim/c"


def _o(name: str) -> OutletNode:
    return OutletNode(ID + "outlet/" + name.lower().replace(" ", "-"), name)


def _statement(article: str, via: list[tuple[str, str]], *, attributed: bool = True) -> StatementRow:
    hops = tuple(Hop(position=i, label=name, kind=kind, target=(_o(name).iri if kind == "outlet"
                                                                   else f"{ID}article/{article}/audience/x"),
                     target_label=name, target_kind=None) for i, (name, kind) in enumerate(via, start=1))
    return StatementRow(
        claim=CLAIM, claim_id="c", summary="s", statement=f"{ID}article/{article}/statement/0-9", article=article,
        start=0, end=9, text="Il y a une convergence", hedge=None,
        attribution=f"{ID}article/{article}/attribution/1" if attributed else None,
        speaker=f"{ID}article/{article}/source/un-responsable" if attributed else None,
        speaker_label="un responsable" if attributed else None, anonymous=attributed,
        speaker_kind="person" if attributed else None, cue="a déclaré" if attributed else None,
        kind="direct", via=hops)


def _route(s: StatementRow, t: ArticleTravel) -> list[tuple[str, str]]:
    roots = find_roots(CLAIM, [s], {s.article: t})
    steps = statement_path(s, roots.origins[0], t)
    return [(a.label, relation(a, b)) for a, b in pairwise(steps)] + [(steps[-1].label, "")]


def test_translated_republication_of_an_outlet_interview() -> None:
    # 000: « … », a déclaré un responsable à Al-Monitor. Source : South Front. Traduction : MIRASTNEWS.
    s = _statement("000", [("Al-Monitor", "outlet")])
    t = ArticleTravel("000", None, publisher=_o("MIRASTNEWS"), translator=_o("MIRASTNEWS"),
                      upstream=(_o("South Front"),))
    assert _route(s, t) == [("un responsable", "told"), ("Al-Monitor", "cited"), ("South Front", "translated"),
                            ("MIRASTNEWS", "published"), ("000", "")]


def test_two_step_republication_chain() -> None:
    # 001: source : The Cradle via Aube Digitale, on Réseau International.
    s = _statement("001", [("Al-Monitor", "outlet")])
    t = ArticleTravel("001", None, publisher=_o("Réseau International"), translator=None,
               upstream=(_o("Aube Digitale"), _o("The Cradle")))
    assert [r for _, r in _route(s, t)] == ["told", "cited", "republished", "republished", "published", ""]
    assert [n for n, _ in _route(s, t)][1:5] == ["Al-Monitor", "The Cradle", "Aube Digitale", "Réseau International"]


def test_words_told_to_journalists_are_reported() -> None:
    s = _statement("a", [("journalistes", "audience")])
    t = ArticleTravel("a", None, publisher=_o("CNN"), translator=None, upstream=())
    assert _route(s, t) == [("un responsable", "told"), ("journalistes", "reported"), ("CNN", "published"),
                            ("a", "")]


def test_the_same_outlet_twice_in_a_row_is_one_step() -> None:
    # "selon The Cradle" in an article taken from The Cradle.
    s = _statement("a", [("The Cradle", "outlet")])
    t = ArticleTravel("a", None, publisher=_o("Aube Digitale"), translator=None, upstream=(_o("The Cradle"),))
    assert [n for n, _ in _route(s, t)] == ["un responsable", "The Cradle", "Aube Digitale", "a"]


def test_an_unattributed_statement_starts_at_the_text_s_first_outlet() -> None:
    s = _statement("a", [], attributed=False)
    t = ArticleTravel("a", None, publisher=_o("Aube Digitale"), translator=None, upstream=(_o("The Cradle"),))
    assert _route(s, t) == [("The Cradle", "republished"), ("Aube Digitale", "published"), ("a", "")]


def test_a_bare_article_is_its_own_root() -> None:
    s = _statement("a", [], attributed=False)
    assert _route(s, ArticleTravel("a", None, None, None, ())) == [("a", "")]
