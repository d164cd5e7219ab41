"""What follows a reporting verb: channels, an object, and how the content opens.
"""

from __future__ import annotations

from kg.extract.channels import ChannelRef, channel
from kg.extract.cues.cue import OPEN, Complement, Context, Following
from kg.extract.cues.phrases import date_len, determiner_that, is_infinitive, is_np_tok, match_phrase, np_right
from kg.extract.lexicon import fold, lookup_outlet
from kg.model import ChannelKind

_LINK_PREFIXES = ("http://", "https://", "www.")


def read_following(ctx: Context, v: int) -> Following:
    """Scan what follows a verb group: channels, an object, and how the content opens."""
    toks, lex = ctx.toks, ctx.lex
    n = len(toks)
    channels: list[ChannelRef] = []
    np: tuple[int, int] | None = None
    complement: Complement | None = None
    comp: int | None = None
    apposition: tuple[int, int] | None = None
    j = v
    while j < n:
        t = toks[j]
        if t.text.startswith(_LINK_PREFIXES):
            j += 1  # `the newspaper reported https://on.ft.com/…`: a link the page kept, not an object
            continue
        if t.text in OPEN or (t.text == '"' and ctx.in_quote(t)):
            if np is None:  # after an object, a quote is a fragment of the content
                complement, comp = Complement.QUOTE, j
            break
        if t.low in lex.g("complementizers") and not determiner_that(ctx, j) and not (
                # `affirment Die Zeit ainsi que l'ARD`: after a noun, `ainsi que` joins two nouns;
                # right after the verb (`a déclaré ainsi que`), `ainsi` is an adverb.
                j - 1 > v and toks[j - 1].low in lex.g("conjunction_que_leads")
                and toks[j - 2].pos not in ("VERB", "AUX", "ADV")):
            nxt = j + 1
            if nxt < n and toks[nxt].text in ("'", "’"):
                nxt += 1  # `qu'«` splits as `qu`, `'`, `«`
            complement, comp = Complement.QUE, nxt
            break
        if t.text == ":":
            complement, comp = Complement.COLON, j + 1
            break
        if t.low in lex.g("infinitive_markers") and j + 1 < n and toks[j + 1].pos in ("VERB", "AUX") and \
                is_infinitive(toks[j + 1], lex):
            complement, comp = Complement.INF, j
            break
        if j == v and t.pos in ("VERB", "AUX") and is_infinitive(t, lex) and not t.is_cap:
            complement, comp = Complement.INF, j  # `prétendaient se concentrer`, `nie avoir profité`
            break
        if j == v and t.low in lex.g("reflexive_pronouns") and j + 1 < n and toks[j + 1].pos == "VERB":
            complement, comp = Complement.INF, j
            break
        if np is not None and t.low in lex.g("infinitive_markers") and lex.lang == "fr":
            # `a accusé l'État de « pousser… »`: the object belongs to the content.
            complement, comp = Complement.INF, np[0]
            break
        fact = match_phrase(ctx, j, tuple(lex.g("fact_leads")), 4)
        if fact and j + fact < n and toks[j + fact].low in lex.g("complementizers"):
            j += fact  # `a insisté sur le fait que`: the clause is the content
            continue
        ga = match_phrase(ctx, j, lex.group_adverbials, 5)
        if ga:
            j += ga
            continue
        if t.text == "(":
            close = next((i for i in range(j + 1, min(n, j + 10)) if toks[i].text == ")"), None)
            if close is not None:
                j = close + 1  # `wrote on X (formerly Twitter)`
                continue
        if t.text == "," and np is not None and j + 1 < n and _channel_ahead(ctx, j + 1):
            j += 1  # `a déclaré le préfet, Julien Marchal, lors d'un point presse`
            continue
        if t.text == "," and np is not None and (after := np_right(ctx, j + 1)) > j + 1 and after + 1 < n \
                and toks[after].text == "," and _channel_ahead(ctx, after + 1):
            # `a indiqué Fabrice Gardon, patron de la PJ, dans les colonnes du Monde`: an
            # apposition to the inverted subject stands between it and the channel.
            apposition = (j + 1, after)
            j = after + 1
            continue
        anaphoric = match_phrase(ctx, j, tuple(lex.g("anaphoric_interviews")), 5)
        if anaphoric:
            # `assure X dans cet entretien`: the interview the article already named.
            channels.append(ChannelRef(ctx.text[t.start:toks[j + anaphoric - 1].end], ChannelKind.OUTLET,
                                       t.start, toks[j + anaphoric - 1].end, anaphoric=True))
            j += anaphoric
            continue
        occasion = _occasion_at(ctx, j)
        if occasion is not None:
            channels.append(occasion[0])  # `lors d'un point presse`, `en conférence de presse`
            j = occasion[1]
            continue
        # Folding makes `dès` (from) and `des` (the article) one word: only the accented one is time.
        timed = t.low in lex.g("time_prepositions") and t.text.lower() != "des"
        if timed and j + 1 < n and not any(
                match_phrase(ctx, j, phrases, 7) for phrases in lex.channel_openers.values()):
            e = np_right(ctx, j + 1 + (toks[j + 1].low in lex.g("np_linkers")))
            if e > j + 1:
                j = e  # `a reconnu après la rencontre le capitaine`
                continue
        if t.text == "," and j + 1 < n and (toks[j + 1].text in OPEN or toks[j + 1].text == '"'):
            complement, comp = Complement.QUOTE, j + 1
            break
        if t.text == "," and np is None and (d := date_len(ctx, j + 1)) and j + 1 + d < n \
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
            opener = match_phrase(ctx, j, phrases, 7)
            if opener:
                kind = k_name
                break
        if opener:
            e = outlet_end(ctx, j + opener, np_right(ctx, j + opener))
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
                channels.append(ch)
            j = max(e, j + opener)
            if kind == "document" and (bearer := _passed_on_by(ctx, j)) is not None:
                channels.append(bearer[0])  # `dans un document transmis par ses porte-parole`
                j = bearer[1]
            continue
        if t.low in lex.g("datives") and t.pos in ("ADP", "PART"):
            e = outlet_end(ctx, j + 1, np_right(ctx, j + 1))
            if e > j + 1:
                ch = channel(ctx.text, toks[j + 1:e], lex, addressee=True)
                if ch:
                    channels.append(ch)
                j = e
                continue
            break
        if t.low in lex.g("platform_prepositions") and j + 1 < n:
            e = outlet_end(ctx, j + 1, np_right(ctx, j + 1))  # `sur franceinfo Laurent Bador`
            label = lex.platforms.get(fold(ctx.text[toks[j + 1].start:toks[e - 1].end])) if e > j + 1 else None
            if label is None and e > j + 1:
                label = lex.platforms.get(toks[e - 1].low)  # `sur son compte X`
            if label:
                channels.append(ChannelRef(label, ChannelKind.OUTLET, t.start, toks[e - 1].end))
                j = e
                continue
            ch = channel(ctx.text, toks[j + 1:e], lex) if e > j + 1 else None
            if ch and ch.kind is ChannelKind.OUTLET and not ch.anaphoric:
                channels.append(ch)  # `a déclaré sur BFMTV`
                j = e
                continue
        if (t.pos == "ADV" or t.low in lex.skippable) and t.low not in ("ne", "pas", "comme"):
            j += 1
            continue
        # `évoquent des capacités …`: `des` opening an object is the plural article, not `de`.
        plural_article = t.low in lex.g("plural_articles") and j + 1 < n and toks[j + 1].pos in ("NOUN", "ADJ")
        if np is None and (plural_article or (
                is_np_tok(t, None, lex) and t.low not in lex.g("np_linkers"))):
            e = np_right(ctx, j)
            if e > j and lex.verb(toks[v - 1].text) in lex.g("addressee_object_verbs"):
                ch = channel(ctx.text, toks[j:e], lex, addressee=True)  # `told Reuters`, `told the court`
                if ch:
                    channels.append(ch)
                j = e
                continue
            if e > j:
                np = (j, e)
                j = e
                continue
        break
    return Following(tuple(channels), np, complement, j if comp is None else comp, j, apposition)


def outlet_end(ctx: Context, j: int, e: int) -> int:
    """`à RFI Adam Ishaq`: the outlet's name ends where the speaker's begins."""
    for cut in range(e, j, -1):  # the longest name first: `RIA Novosti`, not `RIA`
        if lookup_outlet(ctx.text[ctx.toks[j].start:ctx.toks[cut - 1].end]):
            return cut
    return e


def colon_ahead(ctx: Context, j: int, limit: int = 18) -> int | None:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + limit)):
        t = toks[k]
        if t.text in ".;" or t.text in OPEN:
            return None
        if t.text == ":" and k + 1 < len(toks) and (toks[k + 1].text in OPEN or toks[k + 1].text == '"'):
            return k + 1
    return None


def fronted_channels(ctx: Context) -> tuple[list[ChannelRef], int]:
    """Channels named before the speaker: `Dans un entretien accordé à France Inter, X a dit`,
    `Interrogé par des journalistes, X a assuré`, `Invitée de RTL, X a estimé`."""
    toks, lex = ctx.toks, ctx.lex
    j = 0
    while j < len(toks) and (toks[j].pos in ("CCONJ", "ADV") or toks[j].low in lex.g("clause_leads")):
        j += 1
    out: list[ChannelRef] = []
    for kind, phrases in lex.channel_openers.items():
        n = match_phrase(ctx, j, phrases, 7)
        if n:
            e = outlet_end(ctx, j + n, np_right(ctx, j + n))
            ch = channel(ctx.text, toks[j + n:e], lex, interview=kind == "interview",
                         document=kind == "document") if e > j + n else None
            if ch is None and kind in ("interview", "press"):
                ch = _fixed_channel(ctx, j, j + n)
            if ch:
                out.append(ch)
            return out, toks[e - 1].end if e > j else 0
    if j + 2 < len(toks) and toks[j].low in lex.g("channel_participles") | lex.g("guest_participles") \
            and toks[j + 1].low in lex.g("interviewer_prepositions"):
        e = outlet_end(ctx, j + 2, np_right(ctx, j + 2))
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
                if e < len(toks) and toks[e].low in lex.g("audience_prepositions"):
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


def _channel_ahead(ctx: Context, j: int) -> bool:
    """A channel opens at j: an occasion, a dative, or a channel opener."""
    lex = ctx.lex
    return _occasion_at(ctx, j) is not None or ctx.toks[j].low in lex.g("datives") or any(
        match_phrase(ctx, j, ph, 7) for ph in lex.channel_openers.values())


def _passed_on_by(ctx: Context, j: int) -> tuple[ChannelRef, int] | None:
    """Who passed a written statement on, named right after it: `in a statement released
    by his public relations firm`, `through his representatives`, `dans un document
    transmis par ses porte-parole`. The bearer is a channel between the speaker and the
    press; the index after its noun phrase comes with it."""
    toks, lex = ctx.toks, ctx.lex
    k = j
    if k < len(toks) and toks[k].low in lex.g("transmission_participles"):
        k += 1
        if k < len(toks) and toks[k].low not in lex.g("agent_markers") | lex.g("intermediary_prepositions"):
            return None
    if k >= len(toks) or toks[k].low not in lex.g("agent_markers") | lex.g("intermediary_prepositions"):
        return None
    e = outlet_end(ctx, k + 1, np_right(ctx, k + 1))
    if e <= k + 1:
        return None
    words = toks[k + 1:e]
    ch = channel(ctx.text, words, lex) or ChannelRef(ctx.text[words[0].start:words[-1].end], ChannelKind.RELAY,
                                                    words[0].start, words[-1].end)
    return ch, e


def zero_that_at(ctx: Context, rc: Following) -> int | None:
    """English drops `that`: in `said it would …` or `arguing the offer undervalued …`
    a subject right after the verb, followed by a verb, opens the reported clause.
    The token index where that clause opens, or None."""
    toks, lex = ctx.toks, ctx.lex
    if lex.lang == "fr":
        return None  # French keeps `que`: a noun phrase after the verb is its object
    if rc.np is not None:
        s, e = rc.np
    elif rc.end < len(toks) and toks[rc.end].low in lex.g("subject_pronouns"):
        s, e = rc.end, rc.end + 1
    else:
        return None
    # `arguing it significantly undervalued`: an adverb may stand before the verb.
    return s if any(t.pos in ("AUX", "VERB") for t in toks[e:e + 2 + (e < len(toks) and toks[e].pos == "ADV")]) \
        else None


def setting_channels(ctx: Context) -> list[ChannelRef]:
    """The interview a sentence that quotes nobody sets up for its subject: `X est apparu
    dépité au micro de Ligue 1+.`, `X was speaking in an interview with CNN.` The
    statements X makes next were given there."""
    toks, lex = ctx.toks, ctx.lex
    for j in range(len(toks)):
        if ctx.in_quote(toks[j]):
            continue
        n = match_phrase(ctx, j, lex.channel_openers.get("interview", ()), 7)
        if not n or j + n >= len(toks):
            continue
        e = outlet_end(ctx, j + n, np_right(ctx, j + n))
        ch = channel(ctx.text, toks[j + n:e], lex, interview=True) if e > j + n else None
        if ch is not None and ch.kind is ChannelKind.OUTLET and not ch.anaphoric:
            return [ch]
    return []
