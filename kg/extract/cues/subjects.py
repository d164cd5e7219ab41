"""Who a reporting verb's subject is: the noun phrase before the verb group, appositions and relatives skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.channels import ChannelRef, channel
from kg.extract.cues.cue import CLOSE, Context
from kg.extract.cues.phrases import (
    PARTICIPLE_ENDINGS,
    in_compound,
    is_aux,
    is_finite,
    np_left,
    phrase_before,
    time_phrase_ending_at,
)
from kg.extract.lexicon import fold
from kg.extract.nlp import Tok, is_quote_char
from kg.extract.speakers import Mention, read_mention
from kg.model import ChannelKind, SpeakerKind


def modal_before(ctx: Context, k: int) -> int | None:
    """`a tenu à préciser`, `a voulu rappeler`: the index of the modal verb before an
    infinitive reporting verb, which then heads the verb group."""
    toks, lex = ctx.toks, ctx.lex
    j = k - 1
    if j >= 0 and toks[j].low in ("a", "à", "de", "d'", "d’") and toks[j].pos == "ADP":
        j -= 1
    if j >= 0 and fold(toks[j].lemma) in lex.g("modal_verbs") and toks[j].pos in ("VERB", "AUX"):
        return j
    if j > 0 and toks[j].pos == "NOUN" and fold(toks[j].text) in lex.modal_forms and \
            toks[j - 1].pos in ("NOUN", "PROPN", "ADJ") and k - j == 2:
        return j  # `le technicien peine à expliquer`: the tagger took the verb for the noun `peine`
    return None


def verb_group_start(ctx: Context, k: int) -> tuple[int, str | None]:
    """Start of the verb group ending at k, and an inverted clitic subject if any."""
    toks, lex = ctx.toks, ctx.lex
    g = k
    pron = None
    modal = modal_before(ctx, k) if lex.lang == "fr" else None
    if modal is not None:
        g = modal  # the group runs through the modal: `a tenu à préciser`

    def after_aux(i: int) -> bool:
        if i > 0 and (is_aux(toks[i - 1]) or toks[i - 1].low in ctx.lex.g("inverted_clitics")):
            return True
        n = phrase_before(ctx, i, lex.group_adverbials) if i > 0 else 0
        return bool(n) and i - n > 0 and is_aux(toks[i - n - 1])  # `ont de leur côté fermement démenti`

    while g > 0:
        t = toks[g - 1]
        if t.text == "," and g > 2:
            o = next((i for i in range(g - 2, max(0, g - 7), -1) if toks[i].text == ","), None)
            if o is not None and o > 0 and is_aux(toks[o - 1]):
                g = o  # `a, de son côté, assuré`: an aside inside the verb group
                continue
        n = phrase_before(ctx, g, lex.group_adverbials)
        if n and after_aux(g - n):
            g -= n  # `a pour sa part reconnu`
            continue
        if t.low in lex.g("inverted_clitics") or is_aux(t) or t.low in lex.g("negations"):
            g -= 1
        elif t.low in lex.g("reflexive_pronouns") and t.pos == "PRON":
            g -= 1  # pronominal verbs: `s'est interrogé`, `s'agace`
        elif (t.pos == "ADV" or t.low in lex.skippable) and after_aux(g - 1):
            g -= 1  # `a également signalé`, `a récemment déclaré`
        elif t.low in lex.g("object_clitics") and t.pos == "PRON" and g > 1 and \
                toks[g - 2].pos in ("PRON", "NOUN", "PROPN"):
            g -= 1
        elif (n := time_phrase_ending_at(ctx, g)) and g - n > 0:
            g -= n  # `Ghosn, who …, on Tuesday said`: a time phrase between subject and verb
        elif lex.lang == "en" and t.pos == "ADV" and t.low not in lex.g("negations") and g > 1 and \
                toks[g - 2].pos in ("NOUN", "PROPN", "PRON"):
            g -= 1  # `The Financial Times earlier reported`: English puts adverbs before the verb
        else:
            break
    # The clitic of `a-t-il` sits between the auxiliary and the participle.
    for t in toks[g:k]:
        if t.low in lex.g("inverted_clitics"):
            pron = t.low.lstrip("-").removeprefix("t-")
    return g, pron


def left_is_boundary(ctx: Context, g: int) -> bool:
    """Whether the verb group at g opens an incise after its content (`…, a déclaré X`).

    A comma counts only after a clause (a verb or a quote before it): in
    `Le maire de Lyon, Grégoire Dubois, a annoncé …` the comma closes an apposition.
    """
    if g == 0:
        return True
    t = ctx.toks[g - 1]
    if t.text in ("–", "—") and _closes_dash_apposition(ctx, g - 1):
        return False  # `Seymour Hersh – célèbre journaliste … – écrit que`
    if t.text in CLOSE or (t.text == '"' and ctx.in_quote(t)) or t.text in ("?", "!", ";", "(", "–", "—"):
        return True
    if t.text in (",", ":"):
        before = ctx.toks[:g - 1]
        if t.text == "," and _closes_relative_apposition(ctx, g - 1):
            return False  # `Ghosn, who was barred from leaving Japan, said …`
        return any(is_quote_char(u.text) or is_finite(u) for u in before)
    return False


def _dash_opener(ctx: Context, dash: int) -> int | None:
    """The dash that opens the aside the dash at `dash` closes, within one clause."""
    toks = ctx.toks
    for p in range(dash - 1, max(-1, dash - 40), -1):
        if toks[p].text == toks[dash].text and not ctx.in_quote(toks[p]):
            return p
        if toks[p].text in ".;:" or toks[p].text in CLOSE:
            return None
    return None


def _closes_dash_apposition(ctx: Context, dash: int) -> bool:
    """Whether the dash at `dash` closes an aside set off after the subject:
    `NP – description –` with no clause before the NP."""
    p = _dash_opener(ctx, dash)
    return p is not None and p > 0 and not any(
        is_quote_char(u.text) or is_finite(u) for u in ctx.toks[:p])


def _closes_relative_apposition(ctx: Context, comma: int) -> bool:
    """Whether the comma at `comma` ends an aside set off after the subject: a relative
    clause (`NP, who/qui …,`) with no clause before the NP, or, after a quote or a clause, a
    description of a named speaker (`"…," Sen. Margaret Hale, one of the negotiators, told`)."""
    toks = ctx.toks
    p = comma - 1
    while p >= 0 and (toks[p].text != "," or ctx.in_quote(toks[p])) and toks[p].text not in ".;:":
        p -= 1
    if p < 1 or toks[p].text != ",":
        return False
    seg = toks[p + 1:comma]
    if seg and seg[0].low in ctx.lex.g("relative_pronouns"):
        return not any(is_quote_char(u.text) or is_finite(u) for u in toks[:p])
    if not seg or any(is_quote_char(u.text) or is_finite(u) for u in seg):
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
    return before.text in CLOSE or (before.text == '"' and not ctx.in_quote(before)) or (
        before.text == "," and s > 1 and (toks[s - 2].text in CLOSE or toks[s - 2].text == '"'
                                           # `The plant will close, Jean Martin, the mayor, said`
                                           or any(is_finite(u) for u in toks[:s - 1])))


def subject_of(ctx: Context, g: int, depth: int = 0) -> tuple[Mention | None, int, bool]:
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
            if toks[p].pos in ("AUX", "VERB") and not ctx.in_quote(toks[p]) and not in_compound(ctx, p):
                gp, _ = verb_group_start(ctx, p)
                while gp > 0 and toks[gp - 1].pos in ("AUX",):
                    gp -= 1
                m, cs, rel = subject_of(ctx, gp, depth + 1)
                if m is not None:
                    return m, cs, rel
                break
    if g > 1 and toks[g - 1].low in lex.g("subject_relatives") and toks[g - 1].pos == "PRON":
        # `un journaliste chevronné qui a affirmé que …`: the relative's antecedent speaks;
        # `a dit la même source, qui a averti que …`: after a comma too.
        ante = g - 2 if g > 2 and toks[g - 2].text == "," else g - 1
        s = np_left(ctx, ante)
        m = read_mention(ctx.text, toks[s:ante], lex) if s < ante else None
        # `le rapport d'un journaliste qui a affirmé`: the one who can speak is the antecedent,
        # the last person the noun phrase names after `de`.
        for i in range(ante - 1, s, -1):
            if toks[i].low in lex.g("np_linkers") and i + 1 < ante:
                person = read_mention(ctx.text, toks[i + 1:ante], lex)
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
        return read_mention(ctx.text, toks[s:g], lex), toks[s].start, rel
    end = g
    appos: tuple[int, int] | None = None
    dash = _dash_opener(ctx, g - 1) if g > 1 and toks[g - 1].text in ("–", "—") else None
    if dash is not None and dash > 0:
        end = dash  # `Seymour Hersh – journaliste … – écrit`: the name is before the aside
        appos = (dash + 1, g - 1)
        via_appos = _channels_in(ctx, toks[dash + 1:g - 1])
    elif g > 0 and toks[g - 1].text == ",":
        # `X, chef adjoint du Centre…, a déclaré`: skip the apposition.
        p = g - 2
        while p >= 0 and (toks[p].text != "," or ctx.in_quote(toks[p])) and toks[p].text not in ".;:":
            p -= 1
        if p < 1 or toks[p].text != ",":
            return None, toks[g - 1].start, False
        seg = toks[p + 1:g - 1]
        relative = bool(seg) and seg[0].low in lex.clause_boundaries and seg[0].pos == "PRON"
        finite = any(t.pos in ("VERB", "AUX") and not t.text.lower().endswith(PARTICIPLE_ENDINGS)
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
        if t.low in lex.g("subject_relatives") and r > 0:
            end = r  # `two officials who spoke on condition of anonymity said`
            break
        if t.low in lex.g("speaking_participles") and r > 1:
            # `Un responsable s'exprimant sous couvert d'anonymat a averti`, `an official
            # speaking on condition of anonymity said`: the participle phrase describes
            # the subject before it.
            end = r - 1 if toks[r - 1].low in lex.g("reflexive_pronouns") else r
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
    if s >= 2 and toks[s - 1].low in lex.g("agent_markers") and toks[s - 2].low in lex.g("channel_participles"):
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
    m = read_mention(ctx.text, toks[s:end], lex)
    if appos is not None:
        via.extend(via_appos)  # `X, qui s'exprimait sur France 3, a dénoncé …`
    if m is not None and via:
        m = replace(m, via=tuple(via))
    if m is not None and appos is not None:
        seg = toks[appos[0]:appos[1]]
        named = read_mention(ctx.text, seg, lex) if all(t.is_cap or t.text == "-" for t in seg) else None
        if named is not None and named.kind is SpeakerKind.PERSON:
            # `Le porte-parole du gouvernement, Paul Martin, a affirmé`: the name is the speaker.
            m = replace(named, start=m.start, text=ctx.text[m.start:named.end], role=m.text,
                        org=m.org)
        else:
            m = with_apposition(ctx, m, seg)
    return m, toks[s].start, rel


def _channels_in(ctx: Context, seg: Sequence[Tok]) -> list[ChannelRef]:
    """Outlets an apposition says the speaker spoke on (`qui s'exprimait sur BFMTV`)."""
    out: list[ChannelRef] = []
    for k, t in enumerate(seg[:-1]):
        if t.low in ctx.lex.g("platform_prepositions") | ctx.lex.g("datives"):
            rest = [u for u in seg[k + 1:] if u.text not in ",."]
            ch = channel(ctx.text, rest, ctx.lex) if rest else None
            if ch is not None and ch.kind is ChannelKind.OUTLET and not ch.anaphoric:
                out.append(ch)
    return out


def with_apposition(ctx: Context, m: Mention, seg: Sequence[Tok]) -> Mention:
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


def pronoun_mention(ctx: Context, group: Sequence[Tok], pron: str) -> Mention | None:
    for t in group:
        if t.low.lstrip("-").removeprefix("t-") == pron:
            p = ctx.lex.pronouns.get(pron, {})
            return Mention(t.start, t.end, pron, SpeakerKind.PERSON, pron, False, pronoun=True,
                           number=p.get("number"), gender=p.get("gender"))
    return None


def subject_mention(ctx: Context) -> Mention | None:
    """The subject of a sentence's first finite verb, when a noun phrase opens it."""
    toks = ctx.toks
    for k, t in enumerate(toks[:25]):
        if ctx.in_quote(t) or t.text in ".;:?!":
            return None
        if is_finite(t):
            g, _ = verb_group_start(ctx, k)
            if g == 0:
                return None
            m, _, rel = subject_of(ctx, g)
            return None if rel else m
    return None
