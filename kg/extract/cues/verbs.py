"""Reporting-verb cues: `X a déclaré que …`, `« … », a déclaré X`, and incises inside quotes.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from kg.extract.channels import ChannelRef
from kg.extract.cues.cue import CLOSE, OPEN, Complement, Context, Cue, CueKind, Following, Mode
from kg.extract.cues.following import colon_ahead, outlet_end, read_following, zero_that_at
from kg.extract.cues.phrases import PAST_PARTICIPLE, is_aux, is_finite, is_infinitive, np_right
from kg.extract.cues.subjects import (
    left_is_boundary,
    modal_before,
    pronoun_mention,
    subject_of,
    verb_group_start,
    with_apposition,
)
from kg.extract.layout import Unit
from kg.extract.lexicon import fold, lookup_outlet
from kg.extract.nlp import is_quote_char
from kg.extract.speakers import Mention, read_mention
from kg.model import ChannelKind, SpeakerKind


def reporting_verb_at(ctx: Context, k: int) -> str | None:
    t = ctx.toks[k]
    verb = ctx.lex.verb(t.text)
    if verb is None or ctx.in_quote(t):
        return None
    prev = ctx.toks[k - 1] if k else None
    after_aux = prev is not None and (is_aux(prev) or prev.low in ctx.lex.g("inverted_clitics"))
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
        ctx.toks[b - 1].text in CLOSE or (ctx.toks[b - 1].text == '"' and ctx.in_quote(ctx.toks[b - 1])))
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
            t.text.lower().endswith(PAST_PARTICIPLE):
        return None  # `Interrogé sur le sujet, le joueur …`: a participle phrase, not a verb
    reflexive = k >= 2 and ctx.toks[k - 2].low in ctx.lex.g("reflexive_pronouns")
    if prev is not None and prev.low in ctx.lex.g("passive_auxiliaries") and not reflexive:
        return None  # passive voice: `ont été accusés de …` names no speaker (but `s'est interrogé` does)
    modal = ctx.lex.lang == "fr" and modal_before(ctx, k) is not None
    if ctx.lex.lang == "fr" and fold(t.text) == verb and not after_aux and not modal:
        return None  # a bare infinitive is the complement of another verb
    if prev is not None and prev.low in ctx.lex.g("infinitive_markers") and ctx.lex.lang != "fr":
        return None  # `to say`
    if t.low.endswith(("ant", "ing")) and not t.low.endswith(("ment",)):
        return None  # participles are handled as their own cue
    if nxt is not None and nxt.low in ctx.lex.g("agent_markers") and not after_aux:
        return None  # `les violations signalées par X`: a passive participle
    return verb


def verb_cue(ctx: Context, k: int, verb: str, unit: Unit, k_end: int | None = None) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    g, pron = verb_group_start(ctx, k)
    v = (k_end if k_end is not None else k) + 1
    # Present-tense inversion: the clitic follows the verb (`ajoute-t-elle`, `poursuit-il`).
    while v < len(toks) and toks[v].low in ctx.lex.g("inverted_clitics") and not toks[v - 1].ws:
        if toks[v].low != "-t":
            pron = toks[v].low.lstrip("-").removeprefix("t-")
        v += 1
    # `a déclaré croire que`: a chain of reporting verbs is one cue.
    while v < len(toks) and lex.verb(toks[v].text) and fold(toks[v].text) == lex.verb(toks[v].text):
        v += 1
    cue_start, cue_end = toks[g].start, toks[v - 1].end
    if any(p in fold(ctx.text[cue_start:min(len(ctx.text), cue_end + 30)]) for p in lex.non_statements):
        return None
    rc = read_following(ctx, v)
    # `a insisté sur l'importance de …`, `stressed the need to …`: a noun of stance as the
    # object carries the speaker's position, as a clause would, and opens the content.
    stance = _stance_object(ctx, rc) if verb in lex.g("emphasis_verbs") else None
    if stance is not None:
        rc = replace(rc, np=stance, comp=stance[0] if rc.complement is Complement.INF else rc.comp)
    if g >= 2 and toks[g - 1].low in lex.g("object_pronouns") and toks[g - 2].low in lex.g("as_markers"):
        return _as_cue(ctx, g - 2, cue_start, cue_end, verb, rc, unit)
    needs_clause = verb in lex.needs_clause
    if verb in lex.g("clause_only_verbs") and rc.complement not in (Complement.QUE, Complement.COLON):
        return None  # `ont soupçonné que …` reports a suspicion; `soupçonnés d'avoir …` accuses
    # `affirme ne pas avoir été contacté`: a negation before an infinitive belongs to it.
    negated = any(t.low in lex.g("negations") for t in toks[g:v]) or (
        v < len(toks) and toks[v].low in lex.g("negations") and not any(
            is_infinitive(t, lex) for t in toks[v + 1:v + 3] if t.pos in ("VERB", "AUX")))
    if negated and rc.complement not in (Complement.QUE, Complement.COLON, Complement.QUOTE):
        return None  # `n'a pas confirmé l'information`: a refusal, not a statement
    boundary = left_is_boundary(ctx, g)
    if pron in lex.g("impersonal_pronouns") and verb in lex.g("learning_verbs"):
        return _learned_from(ctx, g, v, cue_start, cue_end, verb, unit)
    if pron is not None:
        m = read_mention(ctx.text, [t for t in toks[g:v] if t.low.lstrip("-").removeprefix("t-") == pron][:1]
                     or toks[g:g + 1], lex)
        pm = pronoun_mention(ctx, toks[g:v + 1], pron)
        if rc.complement is Complement.QUOTE and all(
                t.text == "," or t.low in lex.g("clause_leads") or t.pos == "CCONJ" for t in toks[:g]):
            # `Mais, poursuit-il, « … »`: the incise opens the sentence and the quote follows it.
            return Cue(CueKind.VERB, cue_start, cue_end, Mode.AFTER, pm or m, Complement.QUOTE,
                       toks[rc.comp].start, unit.end,
                       toks[g].start, verb, list(rc.channels))
        cue = Cue(CueKind.VERB, cue_start, cue_end, Mode.BEFORE, pm or m, None, unit.start,
                  toks[g - 1].start if g else cue_start, toks[g - 1].start if g else cue_start,
                  verb, list(rc.channels))
        cue.tail_end = _interrupted_tail(ctx, rc.end)
        return cue
    comp, comp_at = rc.complement, rc.comp
    if comp is None and not (boundary and rc.np):
        at = colon_ahead(ctx, rc.end)
        if at is not None:
            comp, comp_at = Complement.COLON, at
    if comp is not None:
        subj, clause_start, relative = subject_of(ctx, g)
        if relative:
            return None
        if comp is Complement.QUOTE and comp_at > 0 and toks[comp_at - 1].text == ",":
            # `"A," the company said, "B."`: the content is on both sides of the incise.
            interrupted = _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb,
                                                  replace(rc, np=None, end=comp_at - 1), unit)
            if interrupted is not None:
                return interrupted
        if rc.np is not None and boundary and subj is None:
            # `…, a déclaré le responsable à l'agence que …`: inverted subject, content after.
            s, e = rc.np
            subj = read_mention(ctx.text, toks[s:e], lex)
        start = toks[comp_at].start if comp_at < len(toks) else unit.end
        return Cue(CueKind.VERB, cue_start, cue_end, Mode.AFTER, subj, comp, start, unit.end,
                   clause_start if subj else cue_start, verb, list(rc.channels))
    if boundary and rc.np is not None:
        s, e = rc.np
        learned = _outlet_learned_from(ctx, s, e, verb)
        if learned is not None:
            # `…, a appris France Inter auprès d'une source proche de l'enquête`: the source
            # speaks, the outlet that learned it is the channel.
            source, outlet_ref, end = learned
            left = toks[g - 1].start if g else cue_start
            cue = Cue(CueKind.VERB, cue_start, toks[end - 1].end, Mode.BEFORE, source, None, unit.start, left, left,
                      verb, [*rc.channels, outlet_ref])
            return cue
        subj = read_mention(ctx.text, toks[s:e], lex)
        if subj is not None and rc.apposition is not None:
            subj = with_apposition(ctx, subj, toks[rc.apposition[0]:rc.apposition[1]])
        after_quote = g > 1 and any(t.text in CLOSE or (t.text == '"' and ctx.in_quote(t))
                                    for t in (toks[g - 2], toks[g - 1]))
        if subj is None or (subj.generic and not after_quote):
            return None  # `…, a annoncé la fermeture des parcs`: an object, not an inverted speaker
        left = toks[g - 1].start if g else cue_start
        cue = Cue(CueKind.VERB, cue_start, cue_end, Mode.BEFORE, subj, None, unit.start, left, left, verb,
                  list(rc.channels))
        cue.tail_end = _interrupted_tail(ctx, rc.end)
        return cue
    # English drops `that`: `said it would …` is a reported clause, not an object.
    zero_that = zero_that_at(ctx, rc) is not None
    # `évoquent des capacités « extrêmement préoccupantes »`: quotation marks in the object
    # show the words are the speaker's, so the object is what was said.
    quoted_object = rc.np is not None and rc.end < len(toks) and (
        toks[rc.end].text in OPEN or (toks[rc.end].text == '"' and ctx.in_quote(toks[rc.end])))
    if needs_clause and not boundary and not (zero_that or quoted_object or stance):
        subj, clause_start, relative = subject_of(ctx, g)
        return _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb, rc, unit)
    if boundary:
        return None
    subj, clause_start, relative = subject_of(ctx, g)
    if subj is None or relative:
        return None
    late = _content_before_subject(ctx, subj, clause_start, cue_start, cue_end, verb, rc, unit)
    if late is not None:
        return late
    start = toks[rc.np[0]].start if rc.np else (toks[rc.end].start if rc.end < len(toks) else unit.end)
    return Cue(CueKind.VERB, cue_start, cue_end, Mode.AFTER, subj,
               Complement.QUE if zero_that else Complement.OBJECT, start, unit.end,
               clause_start, verb, list(rc.channels))


def _stance_object(ctx: Context, rc: Following) -> tuple[int, int] | None:
    """The object noun phrase when its head is a noun of stance (`l'importance de`, `the
    need to`), with a preposition before it when the verb takes one (`insister sur`)."""
    toks, lex = ctx.toks, ctx.lex
    s = rc.np[0] if rc.np is not None else rc.end
    if rc.np is None and s < len(toks) and toks[s].low in lex.g("stance_prepositions"):
        s += 1
    e = rc.np[1] if rc.np is not None else np_right(ctx, s)
    head = next((t for t in toks[s:e] if t.pos == "NOUN"), None)
    if head is None or head.low not in lex.g("stance_nouns"):
        return None
    return (rc.np[0] if rc.np is not None else rc.end), e


def _outlet_learned_from(ctx: Context, s: int, e: int, verb: str) -> tuple[Mention, ChannelRef, int] | None:
    """`France Inter auprès d'une source …` / `France Télévisions de sources proches du dossier`
    after a learning verb: the outlet that learned it, and the source it learned it from."""
    toks, lex = ctx.toks, ctx.lex
    if fold(verb) not in lex.g("learning_verbs"):
        return None
    cut = outlet_end(ctx, s, e)
    entry = lookup_outlet(ctx.text[toks[s].start:toks[cut - 1].end]) if cut > s else None
    if entry is None:
        return None
    j = cut
    while j < len(toks) and toks[j].low in lex.g("learned_from_prepositions"):
        j += 1
    if j == cut or j >= len(toks):
        return None
    end = np_right(ctx, j)
    source = read_mention(ctx.text, toks[j:end], lex) if end > j else None
    if source is None or source.generic:
        return None
    ref = ChannelRef(entry.name, ChannelKind.OUTLET, toks[s].start, toks[cut - 1].end)
    return source, ref, end


def _learned_from(ctx: Context, g: int, v: int, cue_start: int, cue_end: int, verb: str, unit: Unit) -> Cue | None:
    """`…, a-t-on appris de source policière` / `auprès de la préfecture`: the impersonal
    `on` learned it from the source named after the verb."""
    toks, lex = ctx.toks, ctx.lex
    j = v
    while j < len(toks) and toks[j].low in lex.g("learned_from_prepositions"):
        j += 1
    e = np_right(ctx, j)
    speaker = read_mention(ctx.text, toks[j:e], lex) if e > j else None
    if speaker is None:
        return None
    left = toks[g - 1].start if g else cue_start
    return Cue(CueKind.VERB, cue_start, toks[e - 1].end, Mode.BEFORE, speaker, None, unit.start, left, left, verb)


def _as_cue(ctx: Context, c: int, cue_start: int, cue_end: int, verb: str, rc: Following, unit: Unit) -> Cue | None:
    """`Comme l'a souligné X, …` / `…, comme l'a rappelé X.`: the source of the clause
    the `comme` phrase leans on."""
    toks = ctx.toks
    if rc.np is None:
        return None
    s, e = rc.np
    speaker = read_mention(ctx.text, toks[s:e], ctx.lex)
    if speaker is None or speaker.generic:
        return None
    if c == 0 or all(t.pos in ("CCONJ", "ADV") for t in toks[:c]):
        j = rc.end + 1 if rc.end < len(toks) and toks[rc.end].text == "," else rc.end
        start = toks[j].start if j < len(toks) else unit.end
        return Cue(CueKind.MARKER, toks[c].start, cue_end, Mode.AFTER, speaker, Complement.MARKER, start, unit.end,
                   toks[c].start, verb, list(rc.channels))
    left = toks[c - 1].start if toks[c - 1].text == "," else toks[c].start
    return Cue(CueKind.MARKER, toks[c].start, cue_end, Mode.BEFORE, speaker, Complement.MARKER, unit.start, left,
               left, verb, list(rc.channels))


def _content_before_subject(ctx: Context, subj: Mention | None, clause_start: int, cue_start: int,
                            cue_end: int, verb: str, rc: Following, unit: Unit) -> Cue | None:
    """`« … », le responsable a déclaré.` / `"…," the official said.`: nothing follows the
    verb and a quote or comma stands before the subject, so the content is before it."""
    toks = ctx.toks
    if subj is None or rc.np is not None:
        return None
    end = rc.end
    # `"…," Tavares said when asked whether …`: a subordinate clause may follow the verb.
    if end < len(toks) and toks[end].text not in ".;!?," and toks[end].low not in ctx.lex.clause_boundaries:
        return None
    first = next((k for k, t in enumerate(toks) if t.start >= clause_start), None)
    if not first or toks[first - 1].text not in "," + CLOSE + '"':
        return None
    if not any(t.pos in ("VERB", "AUX") or is_quote_char(t.text) for t in toks[:first - 1]):
        if toks[first - 1].text == "," and end + 1 < len(toks) and toks[end].text == "," and \
                is_finite(toks[end + 1]) and ctx.lex.lang == "en":
            # `The attack, the newspaper said, benefitted Ukraine`: an incise inside the
            # clause it reports; the content is the whole sentence around it. (French
            # inverts such incises: `L'attaque, a précisé le journal, a …`.)
            return Cue(CueKind.VERB, cue_start, cue_end, Mode.AFTER, subj, Complement.QUE, unit.start, unit.end,
                       unit.start, verb,
                       list(rc.channels))
        return None  # `Sur le barrage de l'A64, X ne croit plus …`: a setting, not content
    # The closing mark belongs to the content (`…,"` in English puts the comma inside).
    left = toks[first - 1].end if is_quote_char(toks[first - 1].text) else toks[first - 1].start
    cue = Cue(CueKind.VERB, cue_start, cue_end, Mode.BEFORE, subj, None, unit.start, left, left, verb,
              list(rc.channels))
    cue.tail_end = _interrupted_tail(ctx, end)
    return cue


def _interrupted_tail(ctx: Context, j: int) -> int:
    """`« A », a-t-il dit, « B »`: the end of B when a quote resumes right after the incise."""
    toks = ctx.toks
    if j + 1 < len(toks) and toks[j].text == "," and (toks[j + 1].text in OPEN or toks[j + 1].text == '"'):
        q = next((q for q in ctx.quotes if q.start == toks[j + 1].start), None)
        if q is not None:
            return q.end
    return -1


def _content_cover(cues: Sequence[Cue]) -> Callable[[int], bool]:
    """`covered(pos)`: some cue's content holds `pos`; a bisection over the contents sorted by start."""
    spans = sorted((c.content_start, c.content_end) for c in cues)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))

    def covered(pos: int) -> bool:
        i = bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    return covered


def inner_incises(ctx: Context, cues: list[Cue], unit: Unit) -> list[Cue]:
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
        while v < len(toks) - 1 and (is_aux(toks[v]) or toks[v].low in lex.g("inverted_clitics")):
            v += 1  # `a insisté`, `a-t-il ajouté`
        if lex.verb(toks[v].text) is None or (v > k and toks[v].pos not in ("VERB", "AUX", "ADJ")):
            continue
        if covered(q.start) or covered(q.start + 1):
            continue
        clitics = lex.g("inverted_clitics")
        # `-t` only joins verb and pronoun: the pronoun is the clitic after it.
        pron = next((u.low.lstrip("-").removeprefix("t-") for u in toks[k:v] if u.low in clitics and u.low != "-t"),
                    None)
        j = v + 1
        while j < len(toks) and toks[j].low in lex.g("inverted_clitics"):
            if toks[j].low != "-t":
                pron = toks[j].low.lstrip("-").removeprefix("t-")
            j += 1
        speaker = pronoun_mention(ctx, toks[k:j], pron) if pron else None
        t = toks[v]
        if speaker is None:
            e = np_right(ctx, j)
            speaker = read_mention(ctx.text, toks[j:e], lex) if e > j else None
            if speaker is None or speaker.kind not in (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS):
                continue
            j = e
            # `…, a insisté l'entraîneur, Julien Morel, en conférence de presse. …`
            while j < len(toks) and toks[j].text not in ",.;" and j < e + 8 and toks[j].end < q.end:
                j += 1
        if j >= len(toks) or toks[j].text not in ",.;":
            continue
        out.append(Cue(CueKind.VERB, t.start, toks[j - 1].end, Mode.BEFORE, speaker, Complement.QUOTE, q.start, q.end,
                       t.start, lex.verb(t.text) or ""))
        break
    return out
