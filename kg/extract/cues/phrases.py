"""Token predicates and noun-phrase bounds the cue rules read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kg.extract.cues.cue import OPEN, Context
from kg.extract.lexicon import Lexicon, fold
from kg.extract.nlp import Tok, is_quote_char

_NP_POS = {"DET", "NOUN", "PROPN", "ADJ", "NUM"}


PAST_PARTICIPLE = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues")


PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "u", "ue", "us", "it", "ite", "ant", "ing")


# French imperfect forms end like participles (`considérait`, `disait`) but make a clause.
_IMPERFECT_ENDINGS = ("ait", "aient")




def is_np_tok(t: Tok, prev: Tok | None, lex: Lexicon) -> bool:
    if is_quote_char(t.text) or t.text in (".", "!", "?", ";", "…"):
        return False  # the tagger sometimes calls a full stop after a link a proper noun
    if t.pos in _NP_POS:
        return True
    if t.low in lex.g("np_linkers") or t.low in lex.g("np_articles") or t.low in lex.g("possessives"):
        return True  # `in its article`: English possessives are tagged as pronouns
    if prev is not None and not prev.ws and (t.text == "-" or prev.text == "-"):
        return True  # glued hyphen inside a name: Al-Monitor
    # Names the tagger misreads (`FSR` as a pronoun, `Olenine` as a verb).
    return t.is_cap and t.pos in ("X", "VERB", "ADV", "INTJ", "PRON", "ADJ", "AUX")


def is_infinitive(t: Tok, lex: Lexicon) -> bool:
    if lex.lang == "fr":
        return t.low.endswith(("er", "ir", "re"))
    return t.pos in ("VERB", "AUX")


def date_len(ctx: Context, j: int) -> int:
    """Length in tokens of a time expression starting at j (`le 14 juillet`), else 0."""
    toks, lex = ctx.toks, ctx.lex
    n = len(toks)
    k = j
    if k + 1 < n and toks[k].low in lex.g("date_approx") and toks[k + 1].low in lex.g("date_approx_2"):
        k += 2
    if k < n and toks[k].low in lex.g("date_openers"):
        k += 1
        if k + 1 < n and toks[k].low in lex.g("date_articles") and (
                toks[k + 1].low in lex.time_nouns or toks[k + 1].low in lex.months):
            k += 1  # `dans la soirée`, `in the morning`
    if k < n and toks[k].pos == "NUM" and not toks[k].is_cap:
        k += 1
    if k < n and (toks[k].low in lex.months or toks[k].low in lex.time_nouns):
        k += 1
        while k < n and (toks[k].pos == "NUM" or toks[k].low in lex.g("date_followers") or toks[k].low in lex.months):
            k += 1
        return k - j
    if k > j and k - 1 < n and toks[k - 1].pos == "NUM" and toks[j].low in lex.g("year_openers"):
        return k - j  # en 2017
    return 0


def np_right(ctx: Context, j: int, stop: int | None = None) -> int:
    """Exclusive end of the noun phrase starting at j (0-length when none)."""
    toks = ctx.toks
    stop = len(toks) if stop is None else stop
    k = j
    while k < stop:
        if k > j and date_len(ctx, k):
            break
        t = toks[k]
        in_name = t.pos == "CCONJ" and k > j and toks[k - 1].is_cap and k + 1 < stop and toks[k + 1].is_cap
        if in_name:  # `the Food and Drug Administration`
            k += 1
            continue
        if t.pos in ("VERB", "ADJ") and k > j and toks[k - 1].pos in ("NOUN", "ADJ") and \
                t.text.lower().endswith(PARTICIPLE_ENDINGS[:4]) and k + 1 < stop and toks[k + 1].low in \
                ctx.lex.g("np_linkers"):
            k += 1  # `l'adjoint chargé des finances`
            continue
        if not is_np_tok(t, toks[k - 1] if k > j else None, ctx.lex) or ctx.in_quote(t):
            break
        if t.pos == "ADJ" and k > j and toks[k - 1].low in ctx.lex.g("np_linkers"):
            break
        if t.pos == "DET" and k > j and toks[k - 1].pos in ("NOUN", "PROPN", "ADJ") and \
                toks[k - 1].low not in ctx.lex.g("np_linkers") and not (
                    t.is_cap and k + 1 < stop and toks[k + 1].is_cap):  # `le quotidien Le Monde`
            break  # `au Monde un diplomate européen`: two phrases side by side
        k += 1
    while k > j and (toks[k - 1].low in ctx.lex.g("np_linkers") or toks[k - 1].pos == "DET" or toks[k - 1].text == "-"):
        k -= 1
    # An apposed proper name: `le chef du service…, Sergey Naryshkin,`
    if k > j and k + 1 < stop and toks[k].text == ",":
        m = k + 1
        while m < stop and ((toks[m].is_cap and toks[m].pos in ("PROPN", "NOUN", "X"))
                            or (toks[m].text == "-" and not toks[m - 1].ws)):
            m += 1
        if m > k + 1 and (m >= stop or toks[m].text in (",", ".", ";") or (
                toks[m].pos == "ADV" and toks[m].low not in ctx.lex.g("negations"))):
            k = m
    return k


def np_left(ctx: Context, end: int, floor: int = 0) -> int:
    """Start of the noun phrase ending just before `end`."""
    toks, lex = ctx.toks, ctx.lex
    k = end
    while k > floor:
        t = toks[k - 1]
        prev = toks[k - 2] if k - 2 >= floor else None
        if t.text == ")":
            o = next((i for i in range(k - 2, max(floor - 1, k - 9), -1) if toks[i].text == "("), None)
            if o is not None and o > floor:
                k = o  # `the World Meteorological Organization (WMO)`
                continue
        if t.low in ctx.lex.g("possessive_clitics") and prev is not None:
            k -= 1  # `China's commerce ministry`
            continue
        if t.text == "." and prev is not None and prev.is_cap and len(prev.text) <= 4 and not prev.ws:
            k -= 1  # `Sen. Margaret Hale`, `Gen. Sims`: the dot of a title
            continue
        if t.low in lex.clause_boundaries and t.pos not in ("NOUN", "PROPN", "ADJ"):
            break
        participle = t.pos == "VERB" and t.text.lower().endswith(PARTICIPLE_ENDINGS[:4]) and prev is not None \
            and prev.pos in ("NOUN", "PROPN")  # `un rapport de l'OMS publié jeudi`
        if not (is_np_tok(t, prev, lex) or participle or ((prev is not None and not prev.ws and t.text != ",")
                and t.pos not in ("PUNCT", "VERB", "AUX"))):
            break
        if ctx.in_quote(t):
            break
        k -= 1
    # `une source au sein du ministère`, `des sources proches de l'enquête`: a prepositional
    # modifier belongs to the phrase when a determined noun stands before it.
    if floor < k - 1 < end and toks[k - 1].low in lex.g("np_prepositions") and toks[k - 2].pos in (
            "NOUN", "ADJ", "PROPN"):
        outer = np_left(ctx, k - 1, floor)
        # Determined (`des sources`), counted (`two sources`) or a bare plural of sources
        # (`people familiar with the matter`, `sources close to the talks`).
        if outer < k - 1 and (toks[outer].pos in ("DET", "PROPN", "NUM") or toks[outer].low in lex.anonymous_heads):
            k = outer
    while k < end and toks[k].pos == "ADP":  # `des` as an article stays
        k += 1
    return k


def time_phrase_ending_at(ctx: Context, end: int, longest: int = 4) -> int:
    """Length of a time expression that ends just before `end` (`on Tuesday`, `mardi`), else 0."""
    for n in range(min(longest, end), 0, -1):
        if date_len(ctx, end - n) == n:
            return n
    return 0


def is_aux(t: Tok) -> bool:
    """An auxiliary, even where the tagger calls it a verb (`a de son côté dénoncé`)."""
    return t.pos == "AUX" or (t.pos == "VERB" and t.lemma in ("avoir", "être", "have", "be") and not t.is_cap)


def phrase_before(ctx: Context, end: int, phrases: Sequence[str], max_len: int = 5) -> int:
    """Number of tokens ending just before `end` that spell one of `phrases`, else 0."""
    toks = ctx.toks
    for n in range(min(max_len, end), 0, -1):
        s = " ".join(fold(ctx.text[toks[end - n].start:toks[end - 1].end]).split())
        if s in phrases:
            return n
    return 0


@cache
def _phrase_set(phrases: tuple[str, ...] | frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The phrases as a set, and the first letters they start with (most words start none)."""
    return frozenset(phrases), frozenset(p[:1] for p in phrases)


def match_phrase(ctx: Context, k: int, phrases: Sequence[str] | frozenset[str], max_len: int = 6) -> int:
    """Number of tokens from k spelling one of `phrases` (folded), else 0."""
    toks = ctx.toks
    if k >= len(toks):
        return 0
    wanted, firsts = _phrase_set(phrases if isinstance(phrases, tuple | frozenset) else tuple(phrases))
    if toks[k].low[:1] not in firsts:
        return 0
    best = 0
    # The tokens' folded forms, joined as the text joins them (`d'` + `après` is `d'après`).
    spelled = ""
    for n in range(1, min(max_len, len(toks) - k) + 1):
        t = toks[k + n - 1]
        spelled += (" " if n > 1 and toks[k + n - 2].ws else "") + t.low
        if spelled in wanted:
            best = n
    return best


def is_finite(t: Tok) -> bool:
    """A verb form that makes a clause (`a survolé`), not a participle in an apposition (`daté`)."""
    low = t.text.lower()
    # The endings of participles also end some present forms (`croit`, `doit`): the
    # tagger's reading of the form settles those.
    return t.pos == "AUX" or (t.pos == "VERB" and not t.is_cap and (
        not low.endswith(PARTICIPLE_ENDINGS) or low.endswith(_IMPERFECT_ENDINGS) or t.finite))


def in_compound(ctx: Context, k: int) -> bool:
    """A word glued by a hyphen to the next or previous one (`would-be partners`,
    `so-called`): part of one compound word, never a verb of its own."""
    toks = ctx.toks
    glued_after = k + 1 < len(toks) and not toks[k].ws and toks[k + 1].text == "-"
    glued_before = k > 0 and toks[k - 1].text == "-" and not toks[k - 1].ws
    return glued_after or glued_before


def determiner_that(ctx: Context, j: int) -> bool:
    """English `that` pointing at a noun (`rejected that characterization.`), not opening a
    clause: no verb follows before the clause ends."""
    toks = ctx.toks
    if ctx.lex.lang != "en" or toks[j].low != "that":
        return False
    for t in toks[j + 1:j + 15]:
        if t.text in ".;:!?" or t.text in OPEN:
            return True
        if t.pos in ("VERB", "AUX"):
            return False
    return False
