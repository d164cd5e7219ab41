"""Grouping verified pairs into claims: components, stable ids, summaries."""

from __future__ import annotations

import random

from kg.link import link_statements
from kg.link.group import UnionFind, build_claims, claim_id
from kg.link.minhash import signatures
from kg.link.shingles import shingle_hashes
from kg.model import Statement


def _s(article: str, start: int, text: str, speaker: str | None = "X") -> Statement:
    return Statement(article_id=article, start=start, end=start + len(text), text=text, speaker=speaker)


STATEMENTS = [
    _s("a", 0, "Il y a une convergence d'intérêts entre ces trois groupes, les Iraniens, les Russes et les Syriens"),
    _s("b", 10, "« Il y a une convergence d’intérêts entre ces trois groupes : les Iraniens, les Russes et les "
                "Syriens », a-t-il dit"),
    _s("c", 5, "Il y a une convergence d'intérêts entre ces trois groupes, les Iraniens, les Russes et les Syriens."),
    _s("a", 200, "Le Pentagone a démenti toute présence de troupes américaines près de la frontière irakienne",
       speaker="Pentagone"),
    _s("d", 0, "Des combattants auraient été blessés lors d'une attaque de drone contre un convoi", speaker=None),
]


def test_union_find_components() -> None:
    uf = UnionFind(6)
    assert uf.union(0, 1) and uf.union(1, 2) and uf.union(4, 5)
    assert not uf.union(0, 2)
    assert sorted(sorted(c) for c in uf.components()) == [[0, 1, 2], [3], [4, 5]]


def test_every_statement_lands_in_exactly_one_claim() -> None:
    claims = build_claims(STATEMENTS, [(0, 1), (1, 2)])
    assert sorted(len(c.statements) for c in claims) == [1, 1, 3]
    assert sum(len(c.statements) for c in claims) == len(STATEMENTS)
    big = next(c for c in claims if len(c.statements) == 3)
    assert big.article_ids == ["a", "b", "c"]


def test_claim_ids_depend_on_members_not_on_order() -> None:
    ids = {c.id for c in build_claims(STATEMENTS, [(0, 1), (1, 2)])}
    shuffled = STATEMENTS[:]
    random.Random(4).shuffle(shuffled)
    index = {s: i for i, s in enumerate(shuffled)}
    edges = [(index[STATEMENTS[1]], index[STATEMENTS[0]]), (index[STATEMENTS[2]], index[STATEMENTS[1]])]
    assert {c.id for c in build_claims(shuffled, edges)} == ids
    assert claim_id(STATEMENTS[:3]) == claim_id(reversed(STATEMENTS[:3]))
    assert claim_id(STATEMENTS[:3]) != claim_id(STATEMENTS[:2])


def test_summary_is_the_member_closest_to_the_others() -> None:
    sig = signatures([shingle_hashes(s.text, 4) for s in STATEMENTS])
    claims = build_claims(STATEMENTS, [(0, 1), (1, 2)], sig)
    big = next(c for c in claims if len(c.statements) == 3)
    # 0 and 2 fold to the same text, closer to each other than to 1 (which adds "a-t-il dit");
    # of the two, the shorter.
    assert big.summary == STATEMENTS[0].text


def test_linking_end_to_end_is_deterministic() -> None:
    for method in ("char", "embedding"):
        first = link_statements(STATEMENTS, method=method)
        again = link_statements(list(reversed(STATEMENTS)), method=method)
        assert [(c.id, c.summary) for c in first.claims] == [(c.id, c.summary) for c in again.claims]
        assert sorted(len(c.statements) for c in first.claims) == [1, 1, 3]
