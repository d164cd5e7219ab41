"""Headline and colon cues: `X : « … »`, `WSJ: …`, `Claim – médias`.
"""

from __future__ import annotations

from kg.extract.cues.cue import CLOSE, OPEN, Complement, Context, Cue, CueKind, Mode
from kg.extract.cues.phrases import is_finite
from kg.extract.cues.subjects import subject_of, verb_group_start
from kg.extract.layout import Unit
from kg.extract.lexicon import lookup_outlet
from kg.extract.speakers import Mention, read_mention
from kg.model import SpeakerKind


def headline_cue(ctx: Context, unit: Unit) -> Cue | None:
    toks = ctx.toks
    for k in range(max(1, len(toks) - 6), len(toks)):
        t = toks[k]
        if t.text in ("–", "—") or (t.text == "-" and t.ws and toks[k - 1].ws):
            tail = toks[k + 1:]
            if not tail or len(tail) > 5 or ctx.in_quote(t):
                return None
            m = read_mention(ctx.text, tail, ctx.lex)
            if m is None or m.generic:
                return None  # `… - photos`, `… – vidéo`: a label, not a source
            return Cue(CueKind.HEADLINE, t.start, tail[-1].end, Mode.BEFORE, m, None, unit.start,
                       t.start, t.start, "headline")
    return None


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
    return Cue(CueKind.VERB, toks[0].start, toks[colon].end, Mode.AFTER, named, Complement.COLON,
               toks[colon + 1].start, unit.end,
               toks[0].start, "colon")


def _headline_name(ctx: Context, colon: int) -> Mention | None:
    """The person a headline opens with, when no verb stands before its colon."""
    toks = ctx.toks
    e = 0
    while e < colon and e < 4 and toks[e].is_cap and toks[e].ent == "PER":
        e += 1
    if e == 0 or any(is_finite(t) for t in toks[e:colon]):
        return None
    named = read_mention(ctx.text, toks[:e], ctx.lex)
    return named if named is not None and named.kind is SpeakerKind.PERSON and not named.pronoun else None


def colon_cues(ctx: Context, cues: list[Cue], unit: Unit, is_title: bool = False) -> list[Cue]:
    """`Le ministre a appelé à la prudence : « … »`: a quote after a colon belongs to
    the subject of the clause that the colon closes, whatever its verb."""
    toks, lex = ctx.toks, ctx.lex
    out = []
    outlet_head = _outlet_headline(ctx, unit) if is_title else None
    if outlet_head is not None:
        return [outlet_head]
    for k, t in enumerate(toks[:-1]):
        if t.text != ":" or ctx.in_quote(t) or not (toks[k + 1].text in OPEN or toks[k + 1].text == '"'):
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
        named = read_mention(ctx.text, toks[lead:k], lex) if 0 < k - lead <= 3 and toks[lead].is_cap and (
            lead == 0 or toks[lead - 1].text in ",;–—-(") else None
        speaks = named is not None and not named.generic and (
            named.kind in (SpeakerKind.PERSON, SpeakerKind.OUTLET)
            or (named.kind is SpeakerKind.ORGANIZATION and (not named.head or named.head in lex.institution_heads)))
        if named is not None and speaks:
            # A headline `…, Morel : « … »` or `Enedis : « … »`: the name before the colon speaks.
            out.append(Cue(CueKind.VERB, toks[lead].start, t.end, Mode.AFTER, named, Complement.COLON,
                           toks[k + 1].start,
                           unit.end, toks[lead].start, "colon"))
            continue
        opener = _headline_name(ctx, k) if is_title else None
        if opener is not None:
            # `Carlos Ghosn en fuite au Liban : « … »`: a headline opens on who speaks, then
            # says in what circumstance; the quote after the colon is theirs.
            out.append(Cue(CueKind.VERB, opener.start, t.end, Mode.AFTER, opener, Complement.COLON, toks[k + 1].start,
                           unit.end, opener.start, "colon"))
            continue
        verb = next((i for i in range(k) if is_finite(toks[i]) and not ctx.in_quote(toks[i])), None)
        if verb is None:
            continue
        g, _ = verb_group_start(ctx, verb)
        subj, clause_start, rel = subject_of(ctx, g)
        if subj is None or rel or subj.generic:
            continue
        out.append(Cue(CueKind.VERB, toks[g].start, t.end, Mode.AFTER, subj, Complement.COLON, toks[k + 1].start,
                       unit.end,
                       clause_start, "colon"))
    return out


def _speaker_after_quote(ctx: Context, q: int) -> Cue | None:
    """`PSG - OM : « On va parler avec … », De Zerbi dépité`: in a headline that sets a
    topic before the colon, a name right after the quote's closing comma is who spoke
    (the rest of the phrase says how). Only a person's name counts: `« … », selon X`
    and `« … », a-t-il dit` have cues of their own."""
    toks = ctx.toks
    close = next((i for i in range(q + 1, len(toks)) if toks[i].text in CLOSE
                  or (toks[i].text == '"' and toks[q].text == '"')), None)
    if close is None or close + 2 >= len(toks) or toks[close + 1].text != ",":
        return None
    s = close + 2
    e = s
    while e < len(toks) and e - s < 4 and toks[e].is_cap:
        e += 1
    if e == s or not any(t.ent == "PER" for t in toks[s:e]):
        return None
    named = read_mention(ctx.text, toks[s:e], ctx.lex)
    if named is None or named.kind is not SpeakerKind.PERSON or named.pronoun:
        return None
    return Cue(CueKind.VERB, toks[s].start, toks[e - 1].end, Mode.BEFORE, named, None, toks[q].start,
               toks[close].end, toks[q].start, "colon")
