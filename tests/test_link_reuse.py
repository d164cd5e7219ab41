"""Text reuse between articles (`kg.link.reuse`), on composed texts (written for these tests)."""

from __future__ import annotations

from kg.link.reuse import ReuseArticle, find_reuse, sentences

# Composed: a wire dispatch about an invented event.
ORIGINAL = (
    "Le conseil municipal de Valbourg a voté mardi soir la fermeture de la piscine Jean-Moulin pour travaux. "
    "Selon le maire, Paul Ferrand, le bâtiment ne respecte plus les normes de sécurité depuis l'an dernier. "
    "« Nous n'avions pas le choix, la charpente menace de céder », a-t-il déclaré à l'issue de la séance. "
    "Les travaux devraient durer dix-huit mois et coûter environ quatre millions d'euros à la commune. "
    "Les clubs de natation seront accueillis pendant ce temps dans le bassin intercommunal de Saint-Rémy."
)
# Composed: the same dispatch printed word for word under another headline, with no credit.
COPIED = "Valbourg : la piscine ferme. " + ORIGINAL
# Composed: the dispatch reworded (synonyms, clauses moved), no credit either.
REWORDED = (
    "Mardi soir, le conseil municipal de Valbourg a voté la fermeture pour travaux de la piscine Jean-Moulin. "
    "D'après le maire, Paul Ferrand, le bâtiment ne respecte plus les normes de sécurité depuis l'année dernière. "
    "« Nous n'avions pas le choix, la charpente menace de céder », a déclaré l'élu à l'issue de la séance. "
    "Les travaux devraient durer dix-huit mois et coûter près de quatre millions d'euros à la ville. "
    "Pendant ce temps, les clubs de natation seront accueillis dans le bassin intercommunal de Saint-Rémy."
)
# Composed: another outlet's own report of the same event (same facts, same quote, its own sentences).
OWN_REPORT = (
    "Les nageurs de Valbourg devront se passer de leur piscine pendant un an et demi. "
    "Réunis mardi, les élus ont approuvé à la majorité la fermeture de l'équipement, jugé dangereux. "
    "« Nous n'avions pas le choix, la charpente menace de céder », a justifié Paul Ferrand devant la presse. "
    "Une association d'usagers regrette une décision prise sans concertation et réclame un calendrier précis. "
    "La facture, estimée à quatre millions d'euros, pèsera sur le budget de la commune jusqu'en 2027."
)
# Composed: a second event in the same town, unrelated.
OTHER_EVENT = (
    "La médiathèque de Valbourg prolonge ses horaires d'ouverture le samedi à partir du mois prochain. "
    "La direction explique vouloir attirer les étudiants qui révisent leurs examens pendant le week-end. "
    "Deux bibliothécaires supplémentaires seront recrutés pour assurer l'accueil du public le soir."
)


def _articles(*pairs: tuple[str, str, str | None]) -> list[ReuseArticle]:
    return [ReuseArticle(id=i, text=t, date=d) for i, t, d in pairs]


def test_sentences_leave_out_short_ones() -> None:
    assert sentences("Il a démenti. " + ORIGINAL)[0].startswith("Le conseil municipal")


def test_a_word_for_word_copy_is_found_and_ordered_by_date() -> None:
    found = find_reuse(_articles(("orig", ORIGINAL, "2024-03-05"), ("copy", COPIED, "2024-03-06")))
    assert [(r.copy, r.original, r.ordered) for r in found] == [("copy", "orig", True)]
    assert found[0].share == 1.0 and found[0].verbatim == 1.0


def test_a_reworded_copy_is_found_and_says_it_is_not_verbatim() -> None:
    found = find_reuse(_articles(("orig", ORIGINAL, "2024-03-05"), ("rew", REWORDED, "2024-03-06")))
    assert [(r.copy, r.original) for r in found] == [("rew", "orig")]
    assert found[0].share >= 0.6 and found[0].verbatim < 1.0


def test_the_earlier_article_is_the_original_whatever_the_order_given() -> None:
    found = find_reuse(_articles(("copy", COPIED, "2024-03-04"), ("orig", ORIGINAL, "2024-03-05")))
    assert [(r.copy, r.original) for r in found] == [("orig", "copy")]


def test_without_dates_the_direction_is_unknown() -> None:
    found = find_reuse(_articles(("orig", ORIGINAL, None), ("copy", COPIED, None)))
    assert len(found) == 1 and not found[0].ordered


def test_two_reports_of_one_event_are_not_copies() -> None:
    found = find_reuse(_articles(("orig", ORIGINAL, "2024-03-05"), ("own", OWN_REPORT, "2024-03-05"),
                                 ("other", OTHER_EVENT, "2024-03-06")))
    assert found == []


def test_all_together() -> None:
    found = find_reuse(_articles(("orig", ORIGINAL, "2024-03-05"), ("copy", COPIED, "2024-03-06"),
                                 ("rew", REWORDED, "2024-03-07"), ("own", OWN_REPORT, "2024-03-05"),
                                 ("other", OTHER_EVENT, "2024-03-06")))
    pairs = {(r.copy, r.original) for r in found}
    assert {("copy", "orig"), ("rew", "orig")} <= pairs
    assert not {p for p in pairs if "own" in p or "other" in p}


def test_the_sentence_index_gives_each_sentence_its_closest_sentence_share() -> None:
    """The vectorised measure is the plain one: for each sentence, the largest share of its
    grams that one sentence of the other article holds."""
    import numpy as np

    from kg.link.reuse import _SentenceIndex

    rng = np.random.default_rng(7)
    for _ in range(30):
        mine = [np.unique(rng.integers(0, 60, rng.integers(1, 25))).astype(np.uint64)
                for _ in range(rng.integers(1, 6))]
        theirs = [np.unique(rng.integers(0, 60, rng.integers(1, 25))).astype(np.uint64)
                  for _ in range(rng.integers(1, 6))]
        grams = [*mine, *theirs]
        here = _SentenceIndex(list(range(len(mine))), grams)
        there = _SentenceIndex(list(range(len(mine), len(grams))), grams)
        plain = [max(len(set(m.tolist()) & set(t.tolist())) / len(m) for t in theirs) for m in mine]
        assert np.allclose(here.held_in(there), plain)
