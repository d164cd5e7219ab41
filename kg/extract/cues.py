"""Cues: where a sentence attributes words to someone, and which words.

`find_cues(ctx, unit)` reads one sentence (a `layout.Unit`) and returns its
cues, each with the speaker phrase, the channels and the content it governs:

- a reporting verb with its subject before it and the content after it:
  `X a déclaré (aux journalistes) que …`, `X a déclaré : « … »`, `X a décrit Y comme …`;
- the same verb inverted after its content: `« … », a déclaré X (à Al-Monitor).`,
  `« … », a-t-il ajouté.`;
- a source marker: `Selon X, …` / `…, selon X.` / `d'après X`;
- a participle that continues the speaker's words: `…, ajoutant que …`;
- a passive citation: `X a été cité comme déclarant que …`;
- a headline credit: `Claim – médias`.

Cues nested in another cue's content are then settled: a cue that is the whole
content of another (`Selon X, Y a dit que …`, `Y a déclaré que « … », a écrit X`)
carries the inner statement through X, which becomes a channel; any other cue
inside reported content is part of that content, not a statement of its own.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.channels import ChannelRef, channel, from_mention_chain
from kg.extract.layout import Unit
from kg.extract.lexicon import Lexicon, fold, lookup_outlet
from kg.extract.nlp import Tok, is_quote_char
from kg.extract.quotes import Quote
from kg.extract.speakers import Mention, describe
from kg.model import ChannelKind, SpeakerKind

_NP_POS = {"DET", "NOUN", "PROPN", "ADJ", "NUM"}
_OPEN = "«“„"
_CLOSE = "»”"
_PAST_PARTICIPLE = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues")
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "u", "ue", "us", "it", "ite", "ant", "ing")
# French imperfect forms end like participles (`considérait`, `disait`) but make a clause.
_IMPERFECT_ENDINGS = ("ait", "aient")
_CLITICS = {"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on"}


@dataclass
class Cue:
    kind: str  # verb | marker | participle | passive | headline
    cue_start: int
    cue_end: int
    mode: str  # "after": content follows the cue; "before": content precedes it
    speaker: Mention | None  # None: the speaker of the previous cue
    complement: str | None  # que | colon | quote | inf | object | marker | None
    content_start: int
    content_end: int
    clause_start: int
    verb: str = ""
    channels: list[ChannelRef] = field(default_factory=list)
    relays: list[ChannelRef] = field(default_factory=list)  # outer speakers, nearest first
    alive: bool = True
    tail_end: int = -1  # end of the second half of an interrupted quote
    source_chain: list[ChannelRef] = field(default_factory=list)  # a marker's source as channels

    @property
    def extent(self) -> tuple[int, int]:
        s = min(self.clause_start, self.content_start, self.cue_start,
                self.speaker.start if self.speaker else self.cue_start)
        e = max(self.content_end, self.cue_end, self.speaker.end if self.speaker else self.cue_end)
        return s, e


@dataclass(frozen=True)
class Context:
    text: str
    toks: Sequence[Tok]  # the unit's tokens
    quotes: Sequence[Quote]
    lex: Lexicon
    # The quotes sorted by start, and the furthest end reached up to each: asking
    # whether a word is quoted is a bisection, not a scan of every quote (a
    # sentence may hold thousands of them), so the rules stay n log n.
    _by_start: tuple[Quote, ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _reach: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _disjoint: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_start = sorted(self.quotes, key=lambda q: q.start)  # one pass when already in order
        reach: list[int] = []
        far, disjoint = -1, True
        for q in by_start:
            disjoint = disjoint and q.start >= far
            far = max(far, q.end)
            reach.append(far)
        object.__setattr__(self, "_by_start", tuple(by_start))
        object.__setattr__(self, "_starts", tuple(q.start for q in by_start))
        object.__setattr__(self, "_reach", tuple(reach))
        object.__setattr__(self, "_disjoint", disjoint)

    def in_quote(self, t: Tok) -> bool:
        """Some quote has `q.start <= t.start < q.end`."""
        i = bisect_right(self._starts, t.start)
        return i > 0 and self._reach[i - 1] > t.start

    def quote_around(self, pos: int) -> Quote | None:
        """The quote with `q.start < pos < q.end` (the first of them in `quotes` if they overlap)."""
        i = bisect_left(self._starts, pos)
        if i == 0 or self._reach[i - 1] <= pos:
            return None
        if self._disjoint:  # top-level quotes, as `find_quotes` gives them: only the last one can hold pos
            return self._by_start[i - 1]
        return next((q for q in self.quotes if q.start < pos < q.end), None)


# ---------------------------------------------------------------- noun phrases

def _is_np_tok(t: Tok, prev: Tok | None, lex: Lexicon) -> bool:
    if is_quote_char(t.text):
        return False
    if t.pos in _NP_POS:
        return True
    if t.low in lex.g("np_linkers") or t.low in lex.g("np_articles") or t.low in lex.g("possessives"):
        return True  # `in its article`: English possessives are tagged as pronouns
    if prev is not None and not prev.ws and (t.text == "-" or prev.text == "-"):
        return True  # glued hyphen inside a name: Al-Monitor
    # Names the tagger misreads (`FSR` as a pronoun, `Olenine` as a verb).
    return t.is_cap and t.pos in ("X", "VERB", "ADV", "INTJ", "PRON", "ADJ", "AUX")


def _infinitive(t: Tok, lex: Lexicon) -> bool:
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
                t.text.lower().endswith(_PARTICIPLE_ENDINGS[:4]) and k + 1 < stop and toks[k + 1].low in \
                ctx.lex.g("np_linkers"):
            k += 1  # `l'adjoint chargé des finances`
            continue
        if not _is_np_tok(t, toks[k - 1] if k > j else None, ctx.lex) or ctx.in_quote(t):
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
        if t.low in ("'s", "’s") and prev is not None:
            k -= 1  # `China's commerce ministry`
            continue
        if t.text == "." and prev is not None and prev.is_cap and len(prev.text) <= 4 and not prev.ws:
            k -= 1  # `Sen. Margaret Hale`, `Gen. Sims`: the dot of a title
            continue
        if t.low in lex.clause_boundaries and t.pos not in ("NOUN", "PROPN", "ADJ"):
            break
        participle = t.pos == "VERB" and t.text.lower().endswith(_PARTICIPLE_ENDINGS[:4]) and prev is not None \
            and prev.pos in ("NOUN", "PROPN")  # `un rapport de l'OMS publié jeudi`
        if not (_is_np_tok(t, prev, lex) or participle or ((prev is not None and not prev.ws and t.text != ",")
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
        if outer < k - 1 and toks[outer].pos in ("DET", "PROPN"):
            k = outer
    while k < end and toks[k].pos == "ADP":  # `des` as an article stays
        k += 1
    return k


# ---------------------------------------------------------------- verb groups

def _is_reporting_verb(ctx: Context, k: int) -> str | None:
    t = ctx.toks[k]
    verb = ctx.lex.verb(t.text)
    if verb is None or ctx.in_quote(t):
        return None
    prev = ctx.toks[k - 1] if k else None
    after_aux = prev is not None and (_is_aux(prev) or prev.low in _CLITICS or prev.low == "-t")
    nxt = ctx.toks[k + 1] if k + 1 < len(ctx.toks) else None
    # The tagger sometimes misses a verb (`Al-Monitor suggère que` as a preposition);
    # a form of a reporting verb directly before `que` or `:` is one all the same.
    clause_next = nxt is not None and (nxt.low in ctx.lex.g("complementizers") or nxt.text == ":") and (
        prev is None or prev.pos != "DET")
    # Right after a quote and a comma, a reporting verb is an incise whatever its tag
    # (`», soupire Nadia Ferhat`).
    b = k - 1
    while b > 0 and (ctx.toks[b].low in ("se", "s'", "s’") or ctx.toks[b].pos == "AUX"):
        b -= 1
    incise = b >= 1 and ctx.toks[b].text == "," and (
        ctx.toks[b - 1].text in _CLOSE or (ctx.toks[b - 1].text == '"' and ctx.in_quote(ctx.toks[b - 1])))
    # `…, avance Seymour Hersh.`: after a comma, a form of a reporting verb followed by a
    # name that ends the sentence is an inverted incise, whatever its tag (`avance` as a noun).
    if not incise and b >= 1 and ctx.toks[b].text == "," and nxt is not None and nxt.pos == "PROPN" \
            and nxt.is_cap:
        e = k + 1
        while e < len(ctx.toks) and ctx.toks[e].is_cap and ctx.toks[e].pos == "PROPN":
            e += 1
        incise = e >= len(ctx.toks) or ctx.toks[e].text in ".,;!?"
    if t.pos not in ("VERB", "AUX") and not after_aux and not clause_next and not (
            incise and t.pos not in ("DET", "ADP", "PRON")):
        return None
    if ctx.lex.lang == "fr" and not after_aux and not incise and (prev is None or t.is_cap) and \
            t.text.lower().endswith(_PAST_PARTICIPLE):
        return None  # `Interrogé sur le sujet, le joueur …`: a participle phrase, not a verb
    reflexive = k >= 2 and ctx.toks[k - 2].low in ("se", "s'", "s’")
    if prev is not None and prev.low in ctx.lex.g("passive_auxiliaries") and not reflexive:
        return None  # passive voice: `ont été accusés de …` names no speaker (but `s'est interrogé` does)
    modal = ctx.lex.lang == "fr" and _modal_before(ctx, k) is not None
    if ctx.lex.lang == "fr" and fold(t.text) == verb and not after_aux and not modal:
        return None  # a bare infinitive is the complement of another verb
    if prev is not None and prev.low in ctx.lex.g("infinitive_markers") and ctx.lex.lang != "fr":
        return None  # `to say`
    if t.low.endswith(("ant", "ing")) and not t.low.endswith(("ment",)):
        return None  # participles are handled as their own cue
    if nxt is not None and nxt.low == "par" and not after_aux:
        return None  # `les violations signalées par X`: a passive participle
    return verb


def _modal_before(ctx: Context, k: int) -> int | None:
    """`a tenu à préciser`, `a voulu rappeler`: the index of the modal verb before an
    infinitive reporting verb, which then heads the verb group."""
    toks, lex = ctx.toks, ctx.lex
    j = k - 1
    if j >= 0 and toks[j].low in ("a", "à", "de", "d'", "d’") and toks[j].pos == "ADP":
        j -= 1
    if j >= 0 and fold(toks[j].lemma) in lex.g("modal_verbs") and toks[j].pos in ("VERB", "AUX"):
        return j
    return None


def _group_left(ctx: Context, k: int) -> tuple[int, str | None]:
    """Start of the verb group ending at k, and an inverted clitic subject if any."""
    toks, lex = ctx.toks, ctx.lex
    g = k
    pron = None
    modal = _modal_before(ctx, k) if lex.lang == "fr" else None
    if modal is not None:
        g = modal  # the group runs through the modal: `a tenu à préciser`

    def after_aux(i: int) -> bool:
        if i > 0 and (_is_aux(toks[i - 1]) or toks[i - 1].low in _CLITICS):
            return True
        n = _phrase_before(ctx, i, lex.group_adverbials) if i > 0 else 0
        return bool(n) and i - n > 0 and _is_aux(toks[i - n - 1])  # `ont de leur côté fermement démenti`

    while g > 0:
        t = toks[g - 1]
        if t.text == "," and g > 2:
            o = next((i for i in range(g - 2, max(0, g - 7), -1) if toks[i].text == ","), None)
            if o is not None and o > 0 and _is_aux(toks[o - 1]):
                g = o  # `a, de son côté, assuré`: an aside inside the verb group
                continue
        n = _phrase_before(ctx, g, lex.group_adverbials)
        if n and after_aux(g - n):
            g -= n  # `a pour sa part reconnu`
            continue
        if t.low in _CLITICS or t.low == "-t" or _is_aux(t) or t.low in lex.g("negations"):
            g -= 1
        elif t.low in ("se", "s'", "s’") and t.pos == "PRON":
            g -= 1  # pronominal verbs: `s'est interrogé`, `s'agace`
        elif (t.pos == "ADV" or t.low in lex.skippable) and after_aux(g - 1):
            g -= 1  # `a également signalé`, `a récemment déclaré`
        elif t.low in lex.g("object_clitics") and t.pos == "PRON" and g > 1 and \
                toks[g - 2].pos in ("PRON", "NOUN", "PROPN"):
            g -= 1
        elif (n := _time_phrase_ending_at(ctx, g)) and g - n > 0:
            g -= n  # `Ghosn, who …, on Tuesday said`: a time phrase between subject and verb
        elif lex.lang == "en" and t.pos == "ADV" and t.low not in lex.g("negations") and g > 1 and \
                toks[g - 2].pos in ("NOUN", "PROPN", "PRON"):
            g -= 1  # `The Financial Times earlier reported`: English puts adverbs before the verb
        else:
            break
    # The clitic of `a-t-il` sits between the auxiliary and the participle.
    for t in toks[g:k]:
        if t.low in _CLITICS:
            pron = t.low.lstrip("-").removeprefix("t-")
    return g, pron


def _time_phrase_ending_at(ctx: Context, end: int, longest: int = 4) -> int:
    """Length of a time expression that ends just before `end` (`on Tuesday`, `mardi`), else 0."""
    for n in range(min(longest, end), 0, -1):
        if date_len(ctx, end - n) == n:
            return n
    return 0


def _is_aux(t: Tok) -> bool:
    """An auxiliary, even where the tagger calls it a verb (`a de son côté dénoncé`)."""
    return t.pos == "AUX" or (t.pos == "VERB" and t.lemma in ("avoir", "être", "have", "be") and not t.is_cap)


def _phrase_before(ctx: Context, end: int, phrases: Sequence[str], max_len: int = 5) -> int:
    """Number of tokens ending just before `end` that spell one of `phrases`, else 0."""
    toks = ctx.toks
    for n in range(min(max_len, end), 0, -1):
        s = " ".join(fold(ctx.text[toks[end - n].start:toks[end - 1].end]).split())
        if s in phrases:
            return n
    return 0


def _match_phrase(ctx: Context, k: int, phrases: Sequence[str], max_len: int = 6) -> int:
    """Number of tokens from k spelling one of `phrases` (folded), else 0."""
    toks = ctx.toks
    best = 0
    for n in range(1, min(max_len, len(toks) - k) + 1):
        s = fold(ctx.text[toks[k].start:toks[k + n - 1].end])
        s = " ".join(s.split())
        if s in phrases:
            best = n
    return best


# ---------------------------------------------------------------- the scanner

def _left_is_boundary(ctx: Context, g: int) -> bool:
    """Whether the verb group at g opens an incise after its content (`…, a déclaré X`).

    A comma counts only after a clause (a verb or a quote before it): in
    `Le maire de Lyon, Grégoire Dubois, a annoncé …` the comma closes an apposition.
    """
    if g == 0:
        return True
    t = ctx.toks[g - 1]
    if t.text in ("–", "—") and _closes_dash_apposition(ctx, g - 1):
        return False  # `Seymour Hersh – célèbre journaliste … – écrit que`
    if t.text in _CLOSE or (t.text == '"' and ctx.in_quote(t)) or t.text in ("?", "!", ";", "(", "–", "—"):
        return True
    if t.text in (",", ":"):
        before = ctx.toks[:g - 1]
        if t.text == "," and _closes_relative_apposition(ctx, g - 1):
            return False  # `Ghosn, who was barred from leaving Japan, said …`
        return any(is_quote_char(u.text) or _finite(u) for u in before)
    return False


def _dash_opener(ctx: Context, dash: int) -> int | None:
    """The dash that opens the aside the dash at `dash` closes, within one clause."""
    toks = ctx.toks
    for p in range(dash - 1, max(-1, dash - 40), -1):
        if toks[p].text == toks[dash].text and not ctx.in_quote(toks[p]):
            return p
        if toks[p].text in ".;:" or toks[p].text in _CLOSE:
            return None
    return None


def _closes_dash_apposition(ctx: Context, dash: int) -> bool:
    """Whether the dash at `dash` closes an aside set off after the subject:
    `NP – description –` with no clause before the NP."""
    p = _dash_opener(ctx, dash)
    return p is not None and p > 0 and not any(
        is_quote_char(u.text) or _finite(u) for u in ctx.toks[:p])


def _closes_relative_apposition(ctx: Context, comma: int) -> bool:
    """Whether the comma at `comma` ends an aside set off after the subject: a relative
    clause (`NP, who/qui …,`) with no clause before the NP, or, after a quote, a
    description of a named speaker (`"…," Sen. Margaret Hale, one of the negotiators, told`)."""
    toks = ctx.toks
    p = comma - 1
    while p >= 0 and (toks[p].text != "," or ctx.in_quote(toks[p])) and toks[p].text not in ".;:":
        p -= 1
    if p < 1 or toks[p].text != ",":
        return False
    seg = toks[p + 1:comma]
    if seg and seg[0].low in ctx.lex.g("relative_pronouns"):
        return not any(is_quote_char(u.text) or _finite(u) for u in toks[:p])
    if not seg or any(is_quote_char(u.text) or _finite(u) for u in seg):
        return False
    # The subject after a quote: a capitalised name (an aside in brackets may follow it)
    # whose left edge is the quote's closing comma or mark.
    end = p
    if toks[end - 1].text == ")":
        end = next((i for i in range(end - 2, max(-1, end - 10), -1) if toks[i].text == "("), end)
    s = np_left(ctx, end)
    if s >= end or s < 1 or not toks[s].is_cap:
        return False
    before = toks[s - 1]
    return before.text in _CLOSE or (before.text == '"' and not ctx.in_quote(before)) or (
        before.text == "," and s > 1 and (toks[s - 2].text in _CLOSE or toks[s - 2].text == '"'))


def _finite(t: Tok) -> bool:
    """A verb form that makes a clause (`a survolé`), not a participle in an apposition (`daté`)."""
    low = t.text.lower()
    return t.pos == "AUX" or (t.pos == "VERB" and not t.is_cap and (
        not low.endswith(_PARTICIPLE_ENDINGS) or low.endswith(_IMPERFECT_ENDINGS)))


def _subject(ctx: Context, g: int, depth: int = 0) -> tuple[Mention | None, int, bool]:
    """Subject before the verb group at g: (mention, clause start, relative clause?)."""
    toks, lex = ctx.toks, ctx.lex
    if g > 0 and toks[g - 1].low in lex.g("coordinators") and depth == 0:
        # `X s'est rendu sur place et a dénoncé …`: the verb shares the subject before it.
        # Verbs after a `que` are subordinate (`a précisé que les documents avaient été
        # transmis, mais a insisté`): the shared subject is the main verb's.
        top = g - 2
        comps = [i for i in range(top, -1, -1) if toks[i].low in lex.g("complementizers")
                 and not ctx.in_quote(toks[i])]
        if comps:
            top = comps[-1] - 1
        for p in range(top, -1, -1):
            if toks[p].pos in ("AUX", "VERB") and not ctx.in_quote(toks[p]):
                gp, _ = _group_left(ctx, p)
                while gp > 0 and toks[gp - 1].pos in ("AUX",):
                    gp -= 1
                m, cs, rel = _subject(ctx, gp, depth + 1)
                if m is not None:
                    return m, cs, rel
                break
    if g > 1 and toks[g - 1].low in lex.g("subject_relatives") and toks[g - 1].pos == "PRON":
        # `un journaliste chevronné qui a affirmé que …`: the relative's antecedent speaks.
        s = np_left(ctx, g - 1)
        m = describe(ctx.text, toks[s:g - 1], lex) if s < g - 1 else None
        # `le rapport d'un journaliste qui a affirmé`: the one who can speak is the antecedent,
        # the last person the noun phrase names after `de`.
        for i in range(g - 2, s, -1):
            if toks[i].low in lex.g("np_linkers") and i + 1 < g - 1:
                person = describe(ctx.text, toks[i + 1:g - 1], lex)
                if person is not None and person.kind in (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS) \
                        and not person.generic:
                    m, s = person, i + 1
                break
        if m is not None and not m.generic and not m.pronoun:
            return m, toks[s].start, False
        return None, toks[g - 1].start, True
    if g > 0 and toks[g - 1].low in lex.pronouns and toks[g - 1].pos == "PRON":
        s = g - 1
        rel = s >= 2 and toks[s - 1].low in lex.g("complementizers") and toks[s - 2].low in lex.g("relative_heads")
        return describe(ctx.text, toks[s:g], lex), toks[s].start, rel
    end = g
    appos: tuple[int, int] | None = None
    if g > 1 and toks[g - 1].text in ("–", "—") and (p := _dash_opener(ctx, g - 1)) is not None and p > 0:
        end = p  # `Seymour Hersh – journaliste … – écrit`: the name is before the aside
        appos = (p + 1, g - 1)
        via_appos = _channels_in(ctx, toks[p + 1:g - 1])
    elif g > 0 and toks[g - 1].text == ",":
        # `X, chef adjoint du Centre…, a déclaré`: skip the apposition.
        p = g - 2
        while p >= 0 and (toks[p].text != "," or ctx.in_quote(toks[p])) and toks[p].text not in ".;:":
            p -= 1
        if p < 1 or toks[p].text != ",":
            return None, toks[g - 1].start, False
        seg = toks[p + 1:g - 1]
        relative = bool(seg) and seg[0].low in lex.clause_boundaries and seg[0].pos == "PRON"
        finite = any(t.pos in ("VERB", "AUX") and not t.text.lower().endswith(_PARTICIPLE_ENDINGS)
                     and not ctx.in_quote(t) and not t.is_cap for t in seg)
        if not seg or (finite and not relative):
            return None, toks[g - 1].start, False
        appos = (p + 1, g - 1)
        end = p
        via_appos = _channels_in(ctx, seg)
    for r in range(end - 1, max(-1, end - 14), -1):
        t = toks[r]
        if t.text in ",.;:" or is_quote_char(t.text):
            break
        if t.low in ("who", "which") and r > 0:
            end = r  # `two officials who spoke on condition of anonymity said`
            break
    if end > 2 and toks[end - 1].text == ")":
        opening = next((i for i in range(end - 2, max(-1, end - 10), -1) if toks[i].text == "("), None)
        if opening is not None and opening > 0:
            end = opening  # `Sen. John Cole (R-Texas) said`: the name is before the aside
    s = np_left(ctx, end)
    if end - s == 2 and toks[s].pos == "NUM" and s > 1 and toks[s - 1].text == ",":
        end = s - 1  # `X, 58 ans, …`: an age, the name is before it
        s = np_left(ctx, end)
    via: list[ChannelRef] = []
    if s >= 2 and toks[s - 1].low == "par" and toks[s - 2].low in lex.g("channel_participles"):
        # `des habitants joints par RFI ont affirmé`: RFI is the channel, not the speaker.
        ch = channel(ctx.text, toks[s:end], lex)
        if ch:
            via.append(ch)
        end = s - 2
        if end > 0 and toks[end - 1].text == ",":
            end -= 1
        s = np_left(ctx, end)
    if s >= end:
        return None, toks[g - 1].start if g else toks[0].start, False
    rel = s >= 2 and toks[s - 1].low in lex.g("complementizers") and (
        toks[s - 2].low in lex.g("relative_heads") or toks[s - 2].pos in ("NOUN", "PROPN"))
    m = describe(ctx.text, toks[s:end], lex)
    if appos is not None:
        via.extend(via_appos)  # `X, qui s'exprimait sur France 3, a dénoncé …`
    if m is not None and via:
        m = replace(m, via=tuple(via))
    if m is not None and appos is not None:
        seg = toks[appos[0]:appos[1]]
        named = describe(ctx.text, seg, lex) if all(t.is_cap or t.text == "-" for t in seg) else None
        if named is not None and named.kind.value == "person":
            # `Le porte-parole du gouvernement, Paul Martin, a affirmé`: the name is the speaker.
            m = replace(named, start=m.start, text=ctx.text[m.start:named.end], role=m.text,
                        org=m.org)
        else:
            m = _with_apposition(ctx, m, seg)
    return m, toks[s].start, rel


def _channels_in(ctx: Context, seg: Sequence[Tok]) -> list[ChannelRef]:
    """Outlets an apposition says the speaker spoke on (`qui s'exprimait sur BFMTV`)."""
    out: list[ChannelRef] = []
    for k, t in enumerate(seg[:-1]):
        if t.low in ctx.lex.g("platform_prepositions") | ctx.lex.g("datives"):
            rest = [u for u in seg[k + 1:] if u.text not in ",."]
            ch = channel(ctx.text, rest, ctx.lex) if rest else None
            if ch is not None and ch.kind.value == "outlet" and not ch.anaphoric:
                out.append(ch)
    return out


def _with_apposition(ctx: Context, m: Mention, seg: Sequence[Tok]) -> Mention:
    """Fold `, chef adjoint du Centre russe…,` into the mention as role and organisation."""
    text = ctx.text[seg[0].start:seg[-1].end]
    low = [t.low for t in seg]
    org = m.org
    role = m.role
    linkers = ctx.lex.g("np_linkers")
    if low and low[0] in linkers:
        org = org or text.split(" ", 1)[1] if " " in text else org
    else:
        de = next((k for k, w in enumerate(low) if w in linkers and k > 0), None)
        role = role or (ctx.text[seg[0].start:seg[de - 1].end] if de else text)
        if de is not None and de + 1 < len(seg):
            rest = seg[de + 1:]
            while rest and rest[0].pos == "DET":
                rest = rest[1:]
            if rest:
                org = org or ctx.text[rest[0].start:rest[-1].end]
    return replace(m, org=org, role=role)


def _determiner_that(ctx: Context, j: int) -> bool:
    """English `that` pointing at a noun (`rejected that characterization.`), not opening a
    clause: no verb follows before the clause ends."""
    toks = ctx.toks
    if ctx.lex.lang != "en" or toks[j].low != "that":
        return False
    for t in toks[j + 1:j + 15]:
        if t.text in ".;:!?" or t.text in _OPEN:
            return True
        if t.pos in ("VERB", "AUX"):
            return False
    return False


def _right_context(ctx: Context, v: int) -> dict:
    """Scan what follows a verb group: channels, an NP, and a complement."""
    toks, lex = ctx.toks, ctx.lex
    n = len(toks)
    out: dict = {"channels": [], "np": None, "complement": None, "comp": None, "end": v}
    j = v
    while j < n:
        t = toks[j]
        if t.text in _OPEN or (t.text == '"' and ctx.in_quote(t)):
            if out["np"] is None:  # after an object, a quote is a fragment of the content
                out.update(complement="quote", comp=j)
            break
        if t.low in lex.g("complementizers") and not _determiner_that(ctx, j):
            nxt = j + 1
            if nxt < n and toks[nxt].text in ("'", "’"):
                nxt += 1  # `qu'«` splits as `qu`, `'`, `«`
            out.update(complement="que", comp=nxt)
            break
        if t.text == ":":
            out.update(complement="colon", comp=j + 1)
            break
        if t.low in lex.g("infinitive_markers") and j + 1 < n and toks[j + 1].pos in ("VERB", "AUX") and \
                _infinitive(toks[j + 1], lex):
            out.update(complement="inf", comp=j)
            break
        if j == v and t.pos in ("VERB", "AUX") and _infinitive(t, lex) and not t.is_cap:
            out.update(complement="inf", comp=j)  # `prétendaient se concentrer`, `nie avoir profité`
            break
        if j == v and t.low in ("se", "s'", "s’") and j + 1 < n and toks[j + 1].pos == "VERB":
            out.update(complement="inf", comp=j)
            break
        if out["np"] is not None and t.low in lex.g("infinitive_markers") and lex.lang == "fr":
            # `a accusé l'État de « pousser… »`: the object belongs to the content.
            out.update(complement="inf", comp=out["np"][0])
            break
        fact = _match_phrase(ctx, j, tuple(lex.g("fact_leads")), 4)
        if fact and j + fact < n and toks[j + fact].low in lex.g("complementizers"):
            j += fact  # `a insisté sur le fait que`: the clause is the content
            continue
        ga = _match_phrase(ctx, j, lex.group_adverbials, 5)
        if ga:
            j += ga
            continue
        if t.text == "(":
            close = next((i for i in range(j + 1, min(n, j + 10)) if toks[i].text == ")"), None)
            if close is not None:
                j = close + 1  # `wrote on X (formerly Twitter)`
                continue
        if t.text == "," and out["np"] is not None and j + 1 < n and (
                _occasion_at(ctx, j + 1) is not None or toks[j + 1].low in lex.g("datives")
                or any(_match_phrase(ctx, j + 1, ph, 7) for ph in lex.channel_openers.values())):
            j += 1  # `a déclaré le préfet, Julien Marchal, lors d'un point presse`
            continue
        occasion = _occasion_at(ctx, j)
        if occasion is not None:
            out["channels"].append(occasion[0])  # `lors d'un point presse`, `en conférence de presse`
            j = occasion[1]
            continue
        # Folding makes `dès` (from) and `des` (the article) one word: only the accented one is time.
        timed = t.low in lex.g("time_prepositions") and t.text.lower() != "des"
        if timed and j + 1 < n and not any(
                _match_phrase(ctx, j, phrases, 7) for phrases in lex.channel_openers.values()):
            e = np_right(ctx, j + 1 + (toks[j + 1].low in lex.g("np_linkers")))
            if e > j + 1:
                j = e  # `a reconnu après la rencontre le capitaine`
                continue
        if t.text == "," and j + 1 < n and (toks[j + 1].text in _OPEN or toks[j + 1].text == '"'):
            out.update(complement="quote", comp=j + 1)
            break
        if t.text == "," and out["np"] is None and (d := date_len(ctx, j + 1)) and j + 1 + d < n \
                and toks[j + 1 + d].text == ",":
            j += d + 2  # `« … », réagit, mardi 5 novembre, sur franceinfo X`: a time aside
            continue
        d = date_len(ctx, j)
        if d:
            j += d
            continue
        opener = 0
        kind = ""
        for k_name, phrases in lex.channel_openers.items():
            opener = _match_phrase(ctx, j, phrases, 7)
            if opener:
                kind = k_name
                break
        if opener:
            e = _outlet_end(ctx, j + opener, np_right(ctx, j + opener))
            ch = channel(ctx.text, toks[j + opener:e], lex, interview=kind == "interview",
                         document=kind == "document") if e > j + opener else None
            if ch is None:
                ch = _fixed_channel(ctx, j, j + opener)
            if ch is None and kind == "document":
                # `dans un nouveau livre`: the document itself, named by its noun phrase.
                words = toks[j + 1:j + opener] if toks[j].pos == "ADP" else toks[j:j + opener]
                ch = ChannelRef(ctx.text[words[0].start:words[-1].end], ChannelKind.DOCUMENT, words[0].start,
                                words[-1].end)
            if ch:
                out["channels"].append(ch)
            j = max(e, j + opener)
            continue
        if t.low in lex.g("datives") and t.pos in ("ADP", "PART"):
            e = _outlet_end(ctx, j + 1, np_right(ctx, j + 1))
            if e > j + 1:
                ch = channel(ctx.text, toks[j + 1:e], lex, addressee=True)
                if ch:
                    out["channels"].append(ch)
                j = e
                continue
            break
        if t.low in lex.g("platform_prepositions") and j + 1 < n:
            e = _outlet_end(ctx, j + 1, np_right(ctx, j + 1))  # `sur franceinfo Laurent Bador`
            label = lex.platforms.get(fold(ctx.text[toks[j + 1].start:toks[e - 1].end])) if e > j + 1 else None
            if label is None and e > j + 1:
                label = lex.platforms.get(toks[e - 1].low)  # `sur son compte X`
            if label:
                out["channels"].append(ChannelRef(label, ChannelKind.OUTLET, t.start, toks[e - 1].end))
                j = e
                continue
            ch = channel(ctx.text, toks[j + 1:e], lex) if e > j + 1 else None
            if ch and ch.kind.value == "outlet" and not ch.anaphoric:
                out["channels"].append(ch)  # `a déclaré sur BFMTV`
                j = e
                continue
        if (t.pos == "ADV" or t.low in lex.skippable) and t.low not in ("ne", "pas", "comme"):
            j += 1
            continue
        # `évoquent des capacités …`: `des` opening an object is the plural article, not `de`.
        plural_article = t.low in lex.g("plural_articles") and j + 1 < n and toks[j + 1].pos in ("NOUN", "ADJ")
        if out["np"] is None and (plural_article or (
                _is_np_tok(t, None, lex) and t.low not in lex.g("np_linkers"))):
            e = np_right(ctx, j)
            if e > j and lex.verb(toks[v - 1].text) in lex.g("addressee_object_verbs"):
                ch = channel(ctx.text, toks[j:e], lex, addressee=True)  # `told Reuters`, `told the court`
                if ch:
                    out["channels"].append(ch)
                j = e
                continue
            if e > j:
                out["np"] = (j, e)
                j = e
                continue
        break
    out["end"] = j
    return out


def _outlet_end(ctx: Context, j: int, e: int) -> int:
    """`à RFI Adam Ishaq`: the outlet's name ends where the speaker's begins."""
    for cut in range(e, j, -1):  # the longest name first: `RIA Novosti`, not `RIA`
        if lookup_outlet(ctx.text[ctx.toks[j].start:ctx.toks[cut - 1].end]):
            return cut
    return e


def _colon_ahead(ctx: Context, j: int, limit: int = 18) -> int | None:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + limit)):
        t = toks[k]
        if t.text in ".;" or t.text in _OPEN:
            return None
        if t.text == ":" and k + 1 < len(toks) and (toks[k + 1].text in _OPEN or toks[k + 1].text == '"'):
            return k + 1
    return None


def _verb_cue(ctx: Context, k: int, verb: str, unit: Unit, k_end: int | None = None) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    g, pron = _group_left(ctx, k)
    v = (k_end if k_end is not None else k) + 1
    # Present-tense inversion: the clitic follows the verb (`ajoute-t-elle`, `poursuit-il`).
    while v < len(toks) and (toks[v].low in _CLITICS or toks[v].low == "-t") and not toks[v - 1].ws:
        if toks[v].low != "-t":
            pron = toks[v].low.lstrip("-").removeprefix("t-")
        v += 1
    # `a déclaré croire que`: a chain of reporting verbs is one cue.
    while v < len(toks) and lex.verb(toks[v].text) and fold(toks[v].text) == lex.verb(toks[v].text):
        v += 1
    cue_start, cue_end = toks[g].start, toks[v - 1].end
    if any(p in fold(ctx.text[cue_start:min(len(ctx.text), cue_end + 30)]) for p in lex.non_statements):
        return None
    rc = _right_context(ctx, v)
    if g >= 2 and toks[g - 1].low in ("l'", "l’", "le") and toks[g - 2].low in lex.g("as_markers"):
        return _as_cue(ctx, g - 2, cue_start, cue_end, verb, rc, unit)
    needs_clause = verb in lex.needs_clause
    # `affirme ne pas avoir été contacté`: a negation before an infinitive belongs to it.
    negated = any(t.low in lex.g("negations") for t in toks[g:v]) or (
        v < len(toks) and toks[v].low in lex.g("negations") and not any(
            _infinitive(t, lex) for t in toks[v + 1:v + 3] if t.pos in ("VERB", "AUX")))
    if negated and rc["complement"] not in ("que", "colon", "quote"):
        return None  # `n'a pas confirmé l'information`: a refusal, not a statement
    boundary = _left_is_boundary(ctx, g)
    if pron in lex.g("impersonal_pronouns") and verb in lex.g("learning_verbs"):
        return _learned_from(ctx, g, v, cue_start, cue_end, verb, unit)
    if pron is not None:
        m = describe(ctx.text, [t for t in toks[g:v] if t.low.lstrip("-").removeprefix("t-") == pron][:1]
                     or toks[g:g + 1], lex)
        pm = _pronoun_mention(ctx, toks[g:v + 1], pron)
        if rc["complement"] == "quote" and all(
                t.text == "," or t.low in lex.g("clause_leads") or t.pos == "CCONJ" for t in toks[:g]):
            # `Mais, poursuit-il, « … »`: the incise opens the sentence and the quote follows it.
            return Cue("verb", cue_start, cue_end, "after", pm or m, "quote", toks[rc["comp"]].start, unit.end,
                       toks[g].start, verb, rc["channels"])
        cue = Cue("verb", cue_start, cue_end, "before", pm or m, None, unit.start,
                  toks[g - 1].start if g else cue_start, toks[g - 1].start if g else cue_start,
                  verb, rc["channels"])
        cue.tail_end = _interrupted_tail(ctx, rc["end"])
        return cue
    comp, comp_at = rc["complement"], rc["comp"]
    if comp is None and not (boundary and rc["np"]):
        at = _colon_ahead(ctx, rc["end"])
        if at is not None:
            comp, comp_at = "colon", at
    if comp is not None:
        subj, clause_start, relative = _subject(ctx, g)
        if relative:
            return None
        if comp == "quote" and comp_at > 0 and toks[comp_at - 1].text == ",":
            # `"A," the company said, "B."`: the content is on both sides of the incise.
            interrupted = _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb,
                                                  {**rc, "np": None, "end": comp_at - 1}, unit)
            if interrupted is not None:
                return interrupted
        if rc["np"] is not None and boundary and subj is None:
            # `…, a déclaré le responsable à l'agence que …`: inverted subject, content after.
            s, e = rc["np"]
            subj = describe(ctx.text, toks[s:e], lex)
        start = toks[comp_at].start if comp_at < len(toks) else unit.end
        return Cue("verb", cue_start, cue_end, "after", subj, comp, start, unit.end,
                   clause_start if subj else cue_start, verb, rc["channels"])
    if boundary and rc["np"] is not None:
        s, e = rc["np"]
        learned = _outlet_learned_from(ctx, s, e, verb)
        if learned is not None:
            # `…, a appris France Inter auprès d'une source proche de l'enquête`: the source
            # speaks, the outlet that learned it is the channel.
            source, outlet_ref, end = learned
            left = toks[g - 1].start if g else cue_start
            cue = Cue("verb", cue_start, toks[end - 1].end, "before", source, None, unit.start, left, left,
                      verb, [*rc["channels"], outlet_ref])
            return cue
        subj = describe(ctx.text, toks[s:e], lex)
        after_quote = g > 1 and (toks[g - 2].text in _CLOSE or toks[g - 1].text in _CLOSE)
        if subj is None or (subj.generic and not after_quote):
            return None  # `…, a annoncé la fermeture des parcs`: an object, not an inverted speaker
        left = toks[g - 1].start if g else cue_start
        cue = Cue("verb", cue_start, cue_end, "before", subj, None, unit.start, left, left, verb,
                  rc["channels"])
        cue.tail_end = _interrupted_tail(ctx, rc["end"])
        return cue
    # English drops `that`: `said it would …` is a reported clause, not an object.
    zero_that = lex.lang != "fr" and rc["np"] is not None and any(
        t.pos in ("AUX", "VERB") for t in toks[rc["np"][1]:rc["np"][1] + 2])
    # `évoquent des capacités « extrêmement préoccupantes »`: quotation marks in the object
    # show the words are the speaker's, so the object is what was said.
    quoted_object = rc["np"] is not None and rc["end"] < len(toks) and (
        toks[rc["end"]].text in _OPEN or (toks[rc["end"]].text == '"' and ctx.in_quote(toks[rc["end"]])))
    if needs_clause and not boundary and not (zero_that or quoted_object):
        subj, clause_start, relative = _subject(ctx, g)
        return _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb, rc, unit)
    if boundary:
        return None
    subj, clause_start, relative = _subject(ctx, g)
    if subj is None or relative:
        return None
    late = _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb, rc, unit)
    if late is not None:
        return late
    start = toks[rc["np"][0]].start if rc["np"] else (toks[rc["end"]].start if rc["end"] < len(toks) else unit.end)
    return Cue("verb", cue_start, cue_end, "after", subj, "que" if zero_that else "object", start, unit.end,
               clause_start, verb, rc["channels"])


def _outlet_learned_from(ctx: Context, s: int, e: int, verb: str) -> tuple[Mention, ChannelRef, int] | None:
    """`France Inter auprès d'une source …` / `France Télévisions de sources proches du dossier`
    after a learning verb: the outlet that learned it, and the source it learned it from."""
    toks, lex = ctx.toks, ctx.lex
    if fold(verb) not in lex.g("learning_verbs"):
        return None
    cut = _outlet_end(ctx, s, e)
    entry = lookup_outlet(ctx.text[toks[s].start:toks[cut - 1].end]) if cut > s else None
    if entry is None:
        return None
    j = cut
    while j < len(toks) and toks[j].low in ("de", "d'", "d’", "du", "des", "auprès", "aupres"):
        j += 1
    if j == cut or j >= len(toks):
        return None
    end = np_right(ctx, j)
    source = describe(ctx.text, toks[j:end], lex) if end > j else None
    if source is None or source.generic:
        return None
    ref = ChannelRef(entry.name, ChannelKind.OUTLET, toks[s].start, toks[cut - 1].end)
    return source, ref, end


def _learned_from(ctx: Context, g: int, v: int, cue_start: int, cue_end: int, verb: str, unit: Unit) -> Cue | None:
    """`…, a-t-on appris de source policière` / `auprès de la préfecture`: the impersonal
    `on` learned it from the source named after the verb."""
    toks, lex = ctx.toks, ctx.lex
    j = v
    while j < len(toks) and toks[j].low in ("de", "d'", "d’", "auprès", "du", "des", "aupres"):
        j += 1
    e = np_right(ctx, j)
    speaker = describe(ctx.text, toks[j:e], lex) if e > j else None
    if speaker is None:
        return None
    left = toks[g - 1].start if g else cue_start
    return Cue("verb", cue_start, toks[e - 1].end, "before", speaker, None, unit.start, left, left, verb)


def _as_cue(ctx: Context, c: int, cue_start: int, cue_end: int, verb: str, rc: dict, unit: Unit) -> Cue | None:
    """`Comme l'a souligné X, …` / `…, comme l'a rappelé X.`: the source of the clause
    the `comme` phrase leans on."""
    toks = ctx.toks
    if rc["np"] is None:
        return None
    s, e = rc["np"]
    speaker = describe(ctx.text, toks[s:e], ctx.lex)
    if speaker is None or speaker.generic:
        return None
    if c == 0 or all(t.pos in ("CCONJ", "ADV") for t in toks[:c]):
        j = rc["end"] + 1 if rc["end"] < len(toks) and toks[rc["end"]].text == "," else rc["end"]
        start = toks[j].start if j < len(toks) else unit.end
        return Cue("marker", toks[c].start, cue_end, "after", speaker, "marker", start, unit.end,
                   toks[c].start, verb, rc["channels"])
    left = toks[c - 1].start if toks[c - 1].text == "," else toks[c].start
    return Cue("marker", toks[c].start, cue_end, "before", speaker, "marker", unit.start, left, left, verb,
               rc["channels"])


def _content_before_subject(ctx: Context, subj: Mention | None, clause_start: int, cue_start: int,
                            cue_end: int, verb: str, rc: dict, unit: Unit) -> Cue | None:
    """`« … », le responsable a déclaré.` / `"…," the official said.`: nothing follows the
    verb and a quote or comma stands before the subject, so the content is before it."""
    toks = ctx.toks
    if subj is None or rc["np"] is not None:
        return None
    end = rc["end"]
    # `"…," Tavares said when asked whether …`: a subordinate clause may follow the verb.
    if end < len(toks) and toks[end].text not in ".;!?," and toks[end].low not in ctx.lex.clause_boundaries:
        return None
    first = next((k for k, t in enumerate(toks) if t.start >= clause_start), None)
    if not first or toks[first - 1].text not in "," + _CLOSE + '"':
        return None
    if not any(t.pos in ("VERB", "AUX") or is_quote_char(t.text) for t in toks[:first - 1]):
        if toks[first - 1].text == "," and end + 1 < len(toks) and toks[end].text == "," and \
                _finite(toks[end + 1]) and ctx.lex.lang == "en":
            # `The attack, the newspaper said, benefitted Ukraine`: an incise inside the
            # clause it reports; the content is the whole sentence around it. (French
            # inverts such incises: `L'attaque, a précisé le journal, a …`.)
            return Cue("verb", cue_start, cue_end, "after", subj, "que", unit.start, unit.end, unit.start, verb,
                       rc["channels"])
        return None  # `Sur le barrage de l'A64, X ne croit plus …`: a setting, not content
    # The closing mark belongs to the content (`…,"` in English puts the comma inside).
    left = toks[first - 1].end if is_quote_char(toks[first - 1].text) else toks[first - 1].start
    cue = Cue("verb", cue_start, cue_end, "before", subj, None, unit.start, left, left, verb,
              rc["channels"])
    cue.tail_end = _interrupted_tail(ctx, end)
    return cue


def _interrupted_tail(ctx: Context, j: int) -> int:
    """`« A », a-t-il dit, « B »`: the end of B when a quote resumes right after the incise."""
    toks = ctx.toks
    if j + 1 < len(toks) and toks[j].text == "," and (toks[j + 1].text in _OPEN or toks[j + 1].text == '"'):
        q = next((q for q in ctx.quotes if q.start == toks[j + 1].start), None)
        if q is not None:
            return q.end
    return -1


def _pronoun_mention(ctx: Context, group: Sequence[Tok], pron: str) -> Mention | None:
    for t in group:
        if t.low.lstrip("-").removeprefix("t-") == pron:
            p = ctx.lex.pronouns.get(pron, {})
            return Mention(t.start, t.end, pron, SpeakerKind.PERSON, pron, False, pronoun=True,
                           number=p.get("number"), gender=p.get("gender"))
    return None


def _marker_cue(ctx: Context, k: int, n: int, unit: Unit) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    marker = fold(ctx.text[toks[k].start:toks[k + n - 1].end])
    if k + n < len(toks) and toks[k + n].low in lex.g("relative_sources") and k > 0:
        return _relative_source(ctx, k, n, unit)
    e = np_right(ctx, k + n)
    if e == k + n and k + n < len(toks) and toks[k + n].low in lex.pronouns:
        e = k + n + 1  # `selon lui`, `according to him`
    if e <= k + n:
        return None
    mention_toks = list(toks[k + n:e])
    # A title in quotes apposed to the source: `le livre de X, « Titre »`.
    if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].text in _OPEN:
        q = e + 2
        while q < len(toks) and toks[q].text not in _CLOSE:
            q += 1
        title_like = q - e <= 14 and (q + 1 >= len(toks) or toks[q + 1].text in ".,;)") and any(
            t.low in lex.document_heads for t in mention_toks)
        if q < len(toks) and title_like:
            mention_toks = list(toks[k + n:q + 1])
            e = q + 1
    # `selon une déclaration faite par une porte-parole`: a statement the phrase says someone
    # made; its maker is the source (np_right stops at the participle, so read on from there).
    if len(mention_toks) <= 3 and mention_toks[-1].low in lex.g("statement_nouns") and e + 2 < len(toks) and \
            toks[e].pos in ("VERB", "ADJ") and toks[e + 1].low in lex.g("agent_markers"):
        maker_end = np_right(ctx, e + 2)
        maker = describe(ctx.text, toks[e + 2:maker_end], lex) if maker_end > e + 2 else None
        if maker is not None and not maker.generic:
            mention_toks, e = list(toks[e + 2:maker_end]), maker_end
    cue_start, cue_end = toks[k].start, toks[e - 1].end
    if marker in ("citant", "cite par", "citee par", "cites par", "citees par", "citing", "quoted by",
                  "cited by"):
        chans = from_mention_chain(ctx.text, mention_toks, lex)
        cited = describe(ctx.text, mention_toks, lex) if marker in ("citant", "citing") else None
        return Cue("relay", cue_start, cue_end, "none", cited, None, cue_end, cue_end, cue_start,
                   marker, chans)
    speaker = describe(ctx.text, mention_toks, lex)
    if speaker is None:
        return None
    if marker in lex.g("opinion_markers") and (
            speaker.kind.value not in ("person", "anonymous") or k > 0 or e >= len(toks) or toks[e].text != ","):
        return None  # `Pour la première fois, …` is no source: only `Pour <someone>, …` at the start is
    if speaker.head in lex.sourceless_heads and speaker.kind.value in ("organization", "document") \
            and not speaker.definite and not any(t.is_cap for t in mention_toks[1:]):
        return None  # `selon des informations`: a hedge with no source
    # `Selon le responsable, qui s'exprimait sous couvert d'anonymat, …`: the relative
    # clause describes the source and is not part of what it said.
    if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].pos == "PRON" and \
            toks[e + 1].low in lex.clause_boundaries:
        r = e + 1
        while r < len(toks) and toks[r].text != ",":
            r += 1
        if r < len(toks):
            e = r
    if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].low in ("citant", "citing"):
        r = e + 2
        while r < len(toks) and toks[r].text != ",":
            r += 1
        if r < len(toks):
            e = r  # `D'après Haaretz, citant des responsables, …`: the relay is not content
    lead = all(t.low in lex.g("clause_leads") or t.pos in ("ADV", "CCONJ") for t in toks[:k])
    rest = [t for t in toks[e:] if t.pos != "PUNCT"]
    if lead and rest:
        j = e + 1 if e < len(toks) and toks[e].text == "," else e
        start = toks[j].start if j < len(toks) else unit.end
        cue = Cue("marker", cue_start, cue_end, "after", speaker, "marker", start, unit.end,
                  toks[0].start if k else cue_start, marker)
        cue.source_chain = from_mention_chain(ctx.text, mention_toks, lex)
        return cue
    left = toks[k - 1].start if k and toks[k - 1].text == "," else cue_start
    cue = Cue("marker", cue_start, cue_end, "before", speaker, "marker", unit.start, left, left, marker)
    cue.source_chain = from_mention_chain(ctx.text, mention_toks, lex)
    return cue


def _relative_source(ctx: Context, k: int, n: int, unit: Unit) -> Cue | None:
    """`X cite un médecin selon lequel …`: the source is the phrase before the marker."""
    toks, lex = ctx.toks, ctx.lex
    s = np_left(ctx, k)
    if s >= k:
        return None
    speaker = describe(ctx.text, toks[s:k], lex)
    if speaker is None:
        return None
    relays: list[ChannelRef] = []
    if s > 0 and toks[s - 1].low in lex.g("citing_verbs"):
        g, _ = _group_left(ctx, s - 1)
        outer, _, _ = _subject(ctx, g)
        if outer is not None:
            relays.append(_relay_of(outer))
    start = toks[k + n + 1].start if k + n + 1 < len(toks) else unit.end
    return Cue("marker", toks[k].start, toks[k + n].end, "after", speaker, "que", start, unit.end,
               toks[s].start, "selon", [], relays)


def _participle_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    t = toks[k]
    if t.low not in lex.participial_cues or ctx.in_quote(t):
        return None
    j = k - 1
    gerund = j >= 0 and toks[j].low in lex.g("gerund_markers")
    if gerund:
        j -= 1
        if j >= 0 and toks[j].low in lex.g("gerund_leads"):
            j -= 1  # `, tout en affirmant que`
    # `a poursuivi en affirmant que`: a gerund right after the verb goes on with its subject.
    after_verb = gerund and j >= 0 and toks[j].pos in ("VERB", "AUX") and not ctx.in_quote(toks[j])
    if j < 0 or (toks[j].text != "," and not after_verb):
        return None
    rc = _right_context(ctx, k + 1)
    complement, comp = rc["complement"], rc["comp"]
    if complement is None and lex.lang != "fr" and rc["np"] is not None and any(
            u.pos in ("AUX", "VERB") for u in toks[rc["np"][1]:rc["np"][1] + 3]):
        complement, comp = "que", rc["np"][0]  # `, arguing it undervalued the company`: zero `that`
    if complement not in ("que", "colon", "quote"):
        return None
    start = toks[comp].start if comp < len(toks) else unit.end
    return Cue("participle", t.start, t.end, "after", None, complement, start, unit.end,
               toks[j].start, lex.verb(t.text) or t.low, rc["channels"])


def _then_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
    """`…, a-t-il affirmé, avant d'ajouter : « … »`: the same speaker goes on."""
    toks, lex = ctx.toks, ctx.lex
    t = toks[k]
    if k < 2 or ctx.in_quote(t) or lex.verb(t.text) is None or toks[k - 1].low not in lex.g("infinitive_markers"):
        return None
    if toks[k - 2].low not in lex.g("sequence_markers"):
        return None
    rc = _right_context(ctx, k + 1)
    if rc["complement"] not in ("que", "colon", "quote"):
        return None
    start = toks[rc["comp"]].start if rc["comp"] < len(toks) else unit.end
    return Cue("participle", toks[k - 2].start, t.end, "after", None, rc["complement"], start, unit.end,
               toks[k - 2].start, lex.verb(t.text) or "", rc["channels"])


def _passive_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    n = _match_phrase(ctx, k, lex.passive_citation, 4)
    if not n:
        return None
    g, _ = _group_left(ctx, k)
    rc = _right_context(ctx, k + n)
    if rc["complement"] not in ("que", "colon", "quote"):
        return None
    subj, clause_start, _ = _subject(ctx, g)
    start = toks[rc["comp"]].start if rc["comp"] < len(toks) else unit.end
    return Cue("passive", toks[g].start, toks[k + n - 1].end, "after", subj, rc["complement"], start,
               unit.end, clause_start if subj else toks[g].start, "citer", rc["channels"])


def _headline_cue(ctx: Context, unit: Unit) -> Cue | None:
    toks = ctx.toks
    for k in range(max(1, len(toks) - 6), len(toks)):
        t = toks[k]
        if t.text in ("–", "—") or (t.text == "-" and t.ws and toks[k - 1].ws):
            tail = toks[k + 1:]
            if not tail or len(tail) > 5 or ctx.in_quote(t):
                return None
            m = describe(ctx.text, tail, ctx.lex)
            if m is None or m.generic:
                return None  # `… - photos`, `… – vidéo`: a label, not a source
            return Cue("headline", t.start, tail[-1].end, "before", m, None, unit.start,
                       t.start, t.start, "headline")
    return None


def subject_mention(ctx: Context) -> Mention | None:
    """The subject of a sentence's first finite verb, when a noun phrase opens it."""
    toks = ctx.toks
    for k, t in enumerate(toks[:25]):
        if ctx.in_quote(t) or t.text in ".;:?!":
            return None
        if _finite(t):
            g, _ = _group_left(ctx, k)
            if g == 0:
                return None
            m, _, rel = _subject(ctx, g)
            return None if rel else m
    return None


def _fronted_channels(ctx: Context) -> tuple[list[ChannelRef], int]:
    """Channels named before the speaker: `Dans un entretien accordé à France Inter, X a dit`,
    `Interrogé par des journalistes, X a assuré`, `Invitée de RTL, X a estimé`."""
    toks, lex = ctx.toks, ctx.lex
    j = 0
    while j < len(toks) and (toks[j].pos in ("CCONJ", "ADV") or toks[j].low in lex.g("clause_leads")):
        j += 1
    out: list[ChannelRef] = []
    for kind, phrases in lex.channel_openers.items():
        n = _match_phrase(ctx, j, phrases, 7)
        if n:
            e = _outlet_end(ctx, j + n, np_right(ctx, j + n))
            ch = channel(ctx.text, toks[j + n:e], lex, interview=kind == "interview",
                         document=kind == "document") if e > j + n else None
            if ch is None and kind in ("interview", "press"):
                ch = _fixed_channel(ctx, j, j + n)
            if ch:
                out.append(ch)
            return out, toks[e - 1].end if e > j else 0
    if j + 2 < len(toks) and toks[j].low in lex.g("channel_participles") | lex.g("guest_participles") \
            and toks[j + 1].low in ("par", "de", "sur", "à", "au", "by", "on", "to"):
        e = _outlet_end(ctx, j + 2, np_right(ctx, j + 2))
        # `Interrogé par Paris-Normandie`: whoever interviews is the channel, named or not.
        ch = channel(ctx.text, toks[j + 2:e], lex, interview=True) if e > j + 2 else None
        if ch:
            out.append(ch)
        return out, toks[e - 1].end if e > j else 0
    return out, 0


def _occasion_at(ctx: Context, j: int) -> tuple[ChannelRef, int] | None:
    """An occasion opened by a preposition at j (`lors d'un point presse`, `at a news
    conference with analysts`): the channel and the index just after its noun phrase."""
    toks, lex = ctx.toks, ctx.lex
    if toks[j].low not in lex.g("occasion_prepositions"):
        return None
    for n in range(2, min(7, len(toks) - j) + 1):
        folded = " ".join(fold(ctx.text[toks[j].start:toks[j + n - 1].end]).split())
        for phrase, label in lex.occasions.items():
            if folded.endswith(phrase):
                e = j + n
                # `avec des analystes`: who was listening belongs to the occasion.
                if e < len(toks) and toks[e].low in ("avec", "with"):
                    e = max(e + 1, np_right(ctx, e + 1))
                return ChannelRef(label, ChannelKind.INTERVIEW, toks[j].start, toks[e - 1].end), e
    return None


def _fixed_channel(ctx: Context, j: int, e: int) -> ChannelRef | None:
    """A channel that is an occasion, not an outlet: `lors d'une conférence de presse`."""
    folded = " ".join(fold(ctx.text[ctx.toks[j].start:ctx.toks[e - 1].end]).split())
    for phrase, label in ctx.lex.occasions.items():
        if phrase in folded:
            return ChannelRef(label, ChannelKind.INTERVIEW, ctx.toks[j].start, ctx.toks[e - 1].end)
    return None


def _content_cover(cues: Sequence[Cue]) -> Callable[[int], bool]:
    """`covered(pos)`: some cue's content holds `pos`; a bisection over the contents sorted by start."""
    spans = sorted((c.content_start, c.content_end) for c in cues)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))

    def covered(pos: int) -> bool:
        i = bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    return covered


def _inner_incises(ctx: Context, cues: list[Cue], unit: Unit) -> list[Cue]:
    """`« Nous avons deux postes vacants, explique-t-il. Je ne peux pas … »`: French
    typography often keeps the incise inside the marks. The whole quote is the
    statement; the speaker is the clitic or the name after the verb."""
    toks, lex = ctx.toks, ctx.lex
    out = []
    covered = _content_cover(cues)
    for k in range(1, len(toks) - 1):
        t = toks[k]
        q = ctx.quote_around(t.start)
        if q is None or toks[k - 1].text != ",":
            continue
        v = k
        while v < len(toks) - 1 and (_is_aux(toks[v]) or toks[v].low in _CLITICS or toks[v].low == "-t"):
            v += 1  # `a insisté`, `a-t-il ajouté`
        if lex.verb(toks[v].text) is None or (v > k and toks[v].pos not in ("VERB", "AUX", "ADJ")):
            continue
        if covered(q.start) or covered(q.start + 1):
            continue
        pron = next((u.low.lstrip("-").removeprefix("t-") for u in toks[k:v] if u.low in _CLITICS), None)
        j = v + 1
        while j < len(toks) and (toks[j].low in _CLITICS or toks[j].low == "-t"):
            if toks[j].low != "-t":
                pron = toks[j].low.lstrip("-").removeprefix("t-")
            j += 1
        speaker = _pronoun_mention(ctx, toks[k:j], pron) if pron else None
        t = toks[v]
        if speaker is None:
            e = np_right(ctx, j)
            speaker = describe(ctx.text, toks[j:e], lex) if e > j else None
            if speaker is None or speaker.kind.value not in ("person", "anonymous"):
                continue
            j = e
            # `…, a insisté l'entraîneur, Julien Morel, en conférence de presse. …`
            while j < len(toks) and toks[j].text not in ",.;" and j < e + 8 and toks[j].end < q.end:
                j += 1
        if j >= len(toks) or toks[j].text not in ",.;":
            continue
        out.append(Cue("verb", t.start, toks[j - 1].end, "before", speaker, "quote", q.start, q.end,
                       t.start, lex.verb(t.text) or ""))
        break
    return out


def _outlet_headline(ctx: Context, unit: Unit) -> Cue | None:
    """`WSJ: Fiat Chrysler, Peugeot Owner PSA in Talks to Combine`: a headline that opens
    with an outlet's name and a colon reports what that outlet says."""
    toks = ctx.toks
    colon = next((i for i, t in enumerate(toks[:5]) if t.text == ":"), None)
    if colon is None or colon == 0 or colon + 1 >= len(toks):
        return None
    entry = lookup_outlet(ctx.text[toks[0].start:toks[colon - 1].end])
    if entry is None:
        return None
    named = Mention(toks[0].start, toks[colon - 1].end, ctx.text[toks[0].start:toks[colon - 1].end],
                    SpeakerKind.OUTLET, entry.name, False, outlets=(entry.name,))
    return Cue("verb", toks[0].start, toks[colon].end, "after", named, "colon", toks[colon + 1].start, unit.end,
               toks[0].start, "colon")


def _headline_name(ctx: Context, colon: int) -> Mention | None:
    """The person a headline opens with, when no verb stands before its colon."""
    toks = ctx.toks
    e = 0
    while e < colon and e < 4 and toks[e].is_cap and toks[e].ent == "PER":
        e += 1
    if e == 0 or any(_finite(t) for t in toks[e:colon]):
        return None
    named = describe(ctx.text, toks[:e], ctx.lex)
    return named if named is not None and named.kind is SpeakerKind.PERSON and not named.pronoun else None


def _colon_cues(ctx: Context, cues: list[Cue], unit: Unit, is_title: bool = False) -> list[Cue]:
    """`Le ministre a appelé à la prudence : « … »`: a quote after a colon belongs to
    the subject of the clause that the colon closes, whatever its verb."""
    toks, lex = ctx.toks, ctx.lex
    out = []
    outlet_head = _outlet_headline(ctx, unit) if is_title else None
    if outlet_head is not None:
        return [outlet_head]
    for k, t in enumerate(toks[:-1]):
        if t.text != ":" or ctx.in_quote(t) or not (toks[k + 1].text in _OPEN or toks[k + 1].text == '"'):
            continue
        if any(c.content_start <= toks[k + 1].start < c.content_end or c.cue_start <= t.start <= c.cue_end
               for c in cues):
            continue
        after = _speaker_after_quote(ctx, k + 1)
        if after is not None:
            out.append(after)
            continue
        lead = k
        while lead > 0 and toks[lead - 1].text not in ",;–—-(" and k - lead < 4:
            lead -= 1
        named = describe(ctx.text, toks[lead:k], lex) if 0 < k - lead <= 3 and toks[lead].is_cap and (
            lead == 0 or toks[lead - 1].text in ",;–—-(") else None
        speaks = named is not None and not named.generic and (
            named.kind.value in ("person", "outlet")
            or (named.kind.value == "organization" and (not named.head or named.head in lex.institution_heads)))
        if named is not None and speaks:
            # A headline `…, Morel : « … »` or `Enedis : « … »`: the name before the colon speaks.
            out.append(Cue("verb", toks[lead].start, t.end, "after", named, "colon", toks[k + 1].start,
                           unit.end, toks[lead].start, "colon"))
            continue
        opener = _headline_name(ctx, k) if is_title else None
        if opener is not None:
            # `Carlos Ghosn en fuite au Liban : « … »`: a headline opens on who speaks, then
            # says in what circumstance; the quote after the colon is theirs.
            out.append(Cue("verb", opener.start, t.end, "after", opener, "colon", toks[k + 1].start,
                           unit.end, opener.start, "colon"))
            continue
        verb = next((i for i in range(k) if _finite(toks[i]) and not ctx.in_quote(toks[i])), None)
        if verb is None:
            continue
        g, _ = _group_left(ctx, verb)
        subj, clause_start, rel = _subject(ctx, g)
        if subj is None or rel or subj.generic:
            continue
        out.append(Cue("verb", toks[g].start, t.end, "after", subj, "colon", toks[k + 1].start, unit.end,
                       clause_start, "colon"))
    return out


def _speaker_after_quote(ctx: Context, q: int) -> Cue | None:
    """`PSG - OM : « On va parler avec … », De Zerbi dépité`: in a headline that sets a
    topic before the colon, a name right after the quote's closing comma is who spoke
    (the rest of the phrase says how). Only a person's name counts: `« … », selon X`
    and `« … », a-t-il dit` have cues of their own."""
    toks = ctx.toks
    close = next((i for i in range(q + 1, len(toks)) if toks[i].text in _CLOSE
                  or (toks[i].text == '"' and toks[q].text == '"')), None)
    if close is None or close + 2 >= len(toks) or toks[close + 1].text != ",":
        return None
    s = close + 2
    e = s
    while e < len(toks) and e - s < 4 and toks[e].is_cap:
        e += 1
    if e == s or not any(t.ent == "PER" for t in toks[s:e]):
        return None
    named = describe(ctx.text, toks[s:e], ctx.lex)
    if named is None or named.kind.value != "person" or named.pronoun:
        return None
    return Cue("verb", toks[s].start, toks[e - 1].end, "before", named, None, toks[q].start,
               toks[close].end, toks[q].start, "colon")


def find_cues(ctx: Context, unit: Unit, is_title: bool = False) -> list[Cue]:
    """Every cue of one sentence, nested cues already settled."""
    toks, lex = ctx.toks, ctx.lex
    cues: list[Cue] = []
    used: set[int] = set()
    k = 0
    while k < len(toks):
        if k in used or ctx.in_quote(toks[k]):
            k += 1
            continue
        n = _match_phrase(ctx, k, lex.source_markers, 4)
        if n:
            c = _marker_cue(ctx, k, n, unit)
            if c:
                cues.append(c)
                k = next((i for i, t in enumerate(toks) if t.start >= c.cue_end), len(toks))
                continue
        c = _passive_cue(ctx, k, unit) or _participle_cue(ctx, k, unit) or _then_cue(ctx, k, unit)
        n = 0 if c else _match_phrase(ctx, k, lex.phrasal, 5)
        if n:
            c = _verb_cue(ctx, k, fold(ctx.text[toks[k].start:toks[k + n - 1].end]), unit, k + n - 1)
            k += n - 1
        elif c is None:
            verb = _is_reporting_verb(ctx, k)
            if verb:
                c = _verb_cue(ctx, k, verb, unit)
                if c:
                    # Skip the rest of the verb chain (`déclaré croire`).
                    while k + 1 < len(toks) and toks[k + 1].end <= c.cue_end:
                        k += 1
        if c:
            cues.append(c)
        k += 1
    cues += _colon_cues(ctx, cues, unit, is_title)
    cues += _inner_incises(ctx, cues, unit)
    fronted, after = _fronted_channels(ctx)
    if fronted:
        first = next((c for c in sorted(cues, key=lambda c: c.cue_start)
                      if c.kind in ("verb", "passive") and c.cue_start >= after), None)
        if first is not None:
            first.channels[:0] = fronted
    if is_title and not cues:
        c = _headline_cue(ctx, unit)
        if c:
            cues.append(c)
    for prev, c in itertools.pairwise(cues):
        if c.kind == "participle" and c.speaker is None:
            c.speaker = prev.speaker  # `Selon X, « … », ajoutant que …`: X goes on speaking
    if cues and cues[0].kind == "participle" and cues[0].speaker is None:
        # `Tiffany rebuffed the offer, arguing it undervalued the company`: the participle's
        # subject is the main clause's, though that clause reports nothing.
        m = subject_mention(ctx)
        if m is not None and not m.generic and m.kind is not SpeakerKind.DOCUMENT:
            cues[0].speaker = m
    _attach_relays(ctx, cues)
    _cut(ctx.text, cues, ctx.lex.g("coordinators"))
    _settle_nesting(ctx, cues)
    return [c for c in cues if c.alive]


def _attach_relays(ctx: Context, cues: list[Cue]) -> None:
    """`X, cité par Y` / `Y rapporte, citant X`: Y passed X's words on.

    `cité par Y` adds Y to the channels of the nearest cue. `citant X` names the
    source of the nearest cue's speaker: when X is a person or an anonymous
    source, X becomes the speaker and the citing outlet a channel; a cited book
    or report stays the outlet's material (`le Telegraph, citant un nouveau livre`).
    """
    for r in [c for c in cues if c.kind == "relay"]:
        r.alive = False
        before = [c for c in cues if c.alive and c.kind != "relay" and c.cue_start < r.cue_start]
        after = [c for c in cues if c.alive and c.kind != "relay" and c.cue_start > r.cue_start]
        target = before[-1] if before else (after[0] if after else None)
        if target is None:
            continue
        if r.verb != "citant" and not r.verb.startswith("citing"):
            target.channels.extend(r.channels)
            continue
        # `Y rapporte, citant X`: Y states it in its own voice, X is Y's source. The
        # speaker is the subject of the cue; the people Y cites are the root of the
        # claim Y carries, which the audit reaches through Y, not a new speaker.
    cues[:] = [c for c in cues if c.kind != "relay"]


def _cut(text: str, cues: list[Cue], coordinators: frozenset[str] = frozenset()) -> None:
    """End each content where the next clause with a cue of its own begins."""
    cues.sort(key=lambda c: c.cue_start)
    for i, a in enumerate(cues):
        if a.mode == "after":
            for b in cues[i + 1:]:
                lead = text[a.content_start:b.cue_start].rstrip().rsplit(None, 1)
                if b.kind == "verb" and b.cue_start > a.content_start and len(lead) == 2 and \
                        fold(lead[1]) in coordinators and lead[0].rstrip().endswith(","):
                    # `a précisé que …, mais a insisté sur …`: a second verb of the same
                    # subject opens a statement of its own.
                    a.content_end = min(a.content_end, b.cue_start - len(lead[1]) - 1)
                    break
                if b.clause_start <= a.content_start:
                    continue
                cuts = (b.kind == "participle" and a.kind in ("marker", "verb")) or b.mode == "before" or (
                    a.kind != "marker" and b.kind in ("verb", "passive") and b.clause_start > a.content_start
                    and b.speaker is not None and _comma_before(text, b.clause_start))
                if cuts:
                    a.content_end = min(a.content_end, b.clause_start)
                    break
        else:
            prev = [c for c in cues[:i] if c.mode == "before"]
            if prev:
                a.content_start = max(a.content_start, prev[-1].extent[1])
                if not any(ch.isalpha() for ch in text[a.content_start:a.content_end].replace(",", "")) or \
                        _only_apposition(text[a.content_start:a.content_end]):
                    # `« … », nuance X, analyste chez Y, rapporte Le Figaro`: the second
                    # incise names who carried the first one's words.
                    if a.speaker is not None:
                        prev[-1].channels.append(_relay_of(a.speaker))
                    a.alive = False


def _only_apposition(text: str) -> bool:
    """A stretch between two incises that holds no clause: `, analyste chez Oddo BHF,`."""
    words = text.strip(" ,").split()
    return 0 < len(words) <= 6 and not any(w in ("«", "»", "“", "”", '"') for w in words)


def _comma_before(text: str, pos: int) -> bool:
    """Whether a new clause opens at pos: a comma or semicolon stands just before it."""
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] in ",;"


def _settle_nesting(ctx: Context, cues: list[Cue]) -> None:
    """Carriers pass their speaker on as a channel; other nested cues are content."""
    text = ctx.text

    def core(s: int, e: int) -> tuple[int, int]:
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum() and text[e - 1] not in _CLOSE + '"?!':
            e -= 1
        return s, e

    changed = True
    while changed:
        changed = False
        alive = [c for c in cues if c.alive]
        for outer in alive:
            inner = [c for c in alive if c is not outer and outer.content_start <= c.extent[0]
                     and c.extent[1] <= outer.content_end]
            # Settle the outermost inner cues first: the ones not inside another inner one.
            direct = [c for c in inner if not any(
                d is not c and d.content_start <= c.extent[0] and c.extent[1] <= d.content_end for d in inner)]
            for c in direct:
                before = text[max(0, c.cue_start - 12):c.cue_start].split()
                if before and fold(before[-1]) in ctx.lex.g("subject_relatives"):
                    # `… le rapport d'un journaliste qui a affirmé que …`: a relative clause
                    # states its antecedent's words beside the outer statement: the outer
                    # content ends before it.
                    outer.content_end = min(outer.content_end, text.rfind(before[-1], 0, c.cue_start))
                    changed = True
                    continue
                cs, ce = core(outer.content_start, outer.content_end)
                es, ee = c.extent
                # A fronted adverbial (`Après une pause, X a répondu : …`) may open the content.
                prefix = text[cs:es].strip()
                fronted = not prefix or (prefix.endswith(",") and len(prefix) < 80)
                speech = c.complement in ("que", "colon", "quote", "inf", "marker")
                # `Two officials said Washington believed …`, `…, avance Hersh`: a belief
                # that a person reports is that person's statement. Only a carrier (an
                # outlet or a document) passes its words on to the believer.
                carrier = outer.speaker is not None and outer.speaker.kind in (SpeakerKind.OUTLET,
                                                                                 SpeakerKind.DOCUMENT)
                if not carrier and outer.kind != "marker" and fold(c.verb) in ctx.lex.g("belief_verbs"):
                    speech = False
                if speech and fronted and es >= cs - 1 and ee >= ce - 1:
                    outer.alive = False
                    relay = []
                    if outer.speaker is not None:
                        relay = outer.source_chain if outer.kind == "marker" else [_relay_of(outer.speaker)]
                    c.relays.extend([*outer.channels, *relay, *outer.relays])
                else:
                    c.alive = False
                changed = True
            if changed:
                break


def _relay_of(m: Mention) -> ChannelRef:
    kind = ChannelKind.OUTLET if m.kind is SpeakerKind.OUTLET else (
        ChannelKind.DOCUMENT if m.kind is SpeakerKind.DOCUMENT else ChannelKind.RELAY)
    # `le quotidien Sud Ouest` names its outlet; `le responsable` or `il` point back to someone.
    anaphoric = m.pronoun or (m.definite and m.kind in (SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT))
    return ChannelRef(m.name, kind, m.start, m.end, anaphoric=anaphoric)
