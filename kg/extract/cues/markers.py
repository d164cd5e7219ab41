"""Cues without a finite reporting verb: `selon X`, `…, ajoutant que …`, `cité comme déclarant`.
"""

from __future__ import annotations

from kg.extract.channels import ChannelRef, channel, from_mention_chain
from kg.extract.cues.cue import CLOSE, OPEN, Complement, Context, Cue, CueKind, Mode
from kg.extract.cues.following import outlet_end, read_following, zero_that_at
from kg.extract.cues.phrases import is_finite, is_infinitive, match_phrase, np_left, np_right
from kg.extract.cues.settle import relay_of
from kg.extract.cues.subjects import subject_of, verb_group_start
from kg.extract.layout import Unit
from kg.extract.lexicon import fold
from kg.extract.nlp import Tok
from kg.extract.speakers import Mention, read_mention
from kg.model import SpeakerKind


def _possessor(ctx: Context, toks: list[Tok]) -> Mention | None:
    """`selon leurs données`, `selon ses informations`, `according to its sources`: information
    owned by someone met before, who is the source; a pronoun for that owner, plural or not."""
    lex = ctx.lex
    if len(toks) != 2 or toks[0].low not in lex.g("possessives") or toks[1].low not in lex.sourceless_heads:
        return None
    plural = toks[0].low in lex.g("plural_possessives")
    return Mention(toks[0].start, toks[0].end, ctx.text[toks[0].start:toks[0].end], SpeakerKind.PERSON,
                   ctx.text[toks[0].start:toks[1].end], False, pronoun=True,
                   number="plur" if plural else "sing", possessive=True)


def marker_cue(ctx: Context, k: int, n: int, unit: Unit) -> Cue | None:
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
    if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].text in OPEN:
        q = e + 2
        while q < len(toks) and toks[q].text not in CLOSE:
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
        maker = read_mention(ctx.text, toks[e + 2:maker_end], lex) if maker_end > e + 2 else None
        if maker is not None and not maker.generic:
            mention_toks, e = list(toks[e + 2:maker_end]), maker_end
    cue_start, cue_end = toks[k].start, toks[e - 1].end
    if marker in lex.g("relay_markers"):
        chans = from_mention_chain(ctx.text, mention_toks, lex)
        cited = read_mention(ctx.text, mention_toks, lex) if marker in lex.g("citing_participles") else None
        return Cue(CueKind.RELAY, cue_start, cue_end, Mode.NONE, cited, None, cue_end, cue_end, cue_start,
                   marker, chans)
    speaker = _possessor(ctx, mention_toks) or read_mention(ctx.text, mention_toks, lex)
    if speaker is None:
        return None
    if marker in lex.g("opinion_markers") and (
            speaker.kind not in (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS)
            or k > 0 or e >= len(toks) or toks[e].text != ","):
        return None  # `Pour la première fois, …` is no source: only `Pour <someone>, …` at the start is
    if speaker.head in lex.sourceless_heads and speaker.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.DOCUMENT) \
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
    if (role_end := _apposed_role(ctx, e)) is not None:
        e = role_end  # `According to Jean Martin, the mayor of Cholet, the plant …`: the role is no content
    if e + 1 < len(toks) and toks[e].text == "," and toks[e + 1].low in lex.g("citing_participles"):
        r = e + 2
        while r < len(toks) and toks[r].text != ",":
            r += 1
        if r < len(toks):
            e = r  # `D'après Haaretz, citant des responsables, …`: the relay is not content
    channels: list[ChannelRef] = []
    if (apposed := _apposed_channel(ctx, e)) is not None:
        channels.append(apposed[0])  # `D'après une source, interrogée par l'AFP, …`
        e = apposed[1]
    lead = all(t.low in lex.g("clause_leads") or t.pos in ("ADV", "CCONJ") for t in toks[:k])
    rest = [t for t in toks[e:] if t.pos != "PUNCT"]
    if lead and rest:
        j = e + 1 if e < len(toks) and toks[e].text == "," else e
        start = toks[j].start if j < len(toks) else unit.end
        cue = Cue(CueKind.MARKER, cue_start, cue_end, Mode.AFTER, speaker, Complement.MARKER, start, unit.end,
                  toks[0].start if k else cue_start, marker, channels)
        cue.source_chain = from_mention_chain(ctx.text, mention_toks, lex)
        return cue
    left = toks[k - 1].start if k and toks[k - 1].text == "," else cue_start
    if left < cue_start and e + 1 < len(toks) and toks[e].text == "," and any(t.pos != "PUNCT" for t in rest) \
            and toks[e + 1].pos not in ("CCONJ",) and not ctx.in_quote(toks[e + 1]) \
            and not any(is_finite(t) and not is_infinitive(t, lex) for t in toks[e + 1:e + 4]):
        # `cette plainte vise, selon Mme des Cars, à « rappeler … »`: an incise in the middle of
        # a clause; what the source says is the clause on both sides of it.
        return Cue(CueKind.MARKER, cue_start, cue_end, Mode.AFTER, speaker, Complement.MARKER, unit.start,
                   unit.end, unit.start, marker, channels)
    cue = Cue(CueKind.MARKER, cue_start, cue_end, Mode.BEFORE, speaker, Complement.MARKER, unit.start, left, left,
              marker, channels)
    cue.source_chain = from_mention_chain(ctx.text, mention_toks, lex)
    return cue


def _apposed_role(ctx: Context, e: int) -> int | None:
    """`selon Jean Martin, maire de Cholet, …`, `according to X, the mayor of Y, …`: a noun phrase
    set off by commas right after the source, with a clause after it, describes the source.
    The index of the comma that closes it."""
    toks = ctx.toks
    if e + 2 >= len(toks) or toks[e].text != "," or ctx.in_quote(toks[e + 1]):
        return None
    end = np_right(ctx, e + 1)
    if end <= e + 1 or end >= len(toks) - 1 or toks[end].text != ",":
        return None
    role = read_mention(ctx.text, toks[e + 1:end], ctx.lex)
    if role is None or role.kind not in (SpeakerKind.ANONYMOUS, SpeakerKind.PERSON) or role.pronoun \
            or role.number == "plur" or not (role.head in ctx.lex.titles or ctx.lex.role_class(role.head)):
        # Only one person's title or office: `selon le ministre, les habitants, inquiets, …` goes on
        # with the content, and `selon Paris, Londres et Berlin` lists sources.
        return None
    if not any(is_finite(t) for t in toks[end + 1:]):
        return None  # nothing after it but a phrase: the commas closed the whole sentence's source
    return end


def _apposed_channel(ctx: Context, e: int) -> tuple[ChannelRef, int] | None:
    """`une source, interrogée par l'AFP,` / `a source, speaking to Reuters,`: a participle
    set off by commas after the source says who questioned it. The channel, and the
    index of the comma that closes the aside."""
    toks, lex = ctx.toks, ctx.lex
    participles = lex.g("channel_participles") | lex.g("guest_participles")
    if e + 3 >= len(toks) or toks[e].text != "," or toks[e + 1].low not in participles \
            or toks[e + 2].low not in lex.g("agent_markers") | lex.g("interviewer_prepositions"):
        return None
    end = outlet_end(ctx, e + 3, np_right(ctx, e + 3))
    if end >= len(toks) or toks[end].text != ",":
        return None
    ch = channel(ctx.text, toks[e + 3:end], lex, interview=True)
    return (ch, end) if ch is not None else None


def _relative_source(ctx: Context, k: int, n: int, unit: Unit) -> Cue | None:
    """`X cite un médecin selon lequel …`: the source is the phrase before the marker."""
    toks, lex = ctx.toks, ctx.lex
    s = np_left(ctx, k)
    if s >= k:
        return None
    if toks[s].low in lex.definite_determiners and k - s >= 2 and toks[s + 1].low in lex.g("claim_nouns"):
        # `l'affirmation de Hersh selon laquelle …`: a claim's owner is its source, and a claim
        # nobody owns (`l'hypothèse selon laquelle …`) has none.
        of = s + 2
        if of >= k or toks[of].low not in lex.g("owner_markers"):
            return None
        s = of + 1 if toks[of].pos == "ADP" else of
        if s >= k:
            return None
    speaker = read_mention(ctx.text, toks[s:k], lex)
    if speaker is None:
        return None
    relays: list[ChannelRef] = []
    if s > 0 and toks[s - 1].low in lex.g("citing_verbs"):
        g, _ = verb_group_start(ctx, s - 1)
        outer, _, _ = subject_of(ctx, g)
        if outer is not None:
            relays.append(relay_of(outer))
    start = toks[k + n + 1].start if k + n + 1 < len(toks) else unit.end
    return Cue(CueKind.MARKER, toks[k].start, toks[k + n].end, Mode.AFTER, speaker, Complement.QUE, start, unit.end,
               toks[s].start, "selon", [], relays)


def participle_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
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
    rc = read_following(ctx, k + 1)
    complement, comp = rc.complement, rc.comp
    if complement is None and (zero := zero_that_at(ctx, rc)) is not None:
        complement, comp = Complement.QUE, zero  # `, arguing it undervalued the company`
    if complement not in (Complement.QUE, Complement.COLON, Complement.QUOTE):
        return None
    start = toks[comp].start if comp < len(toks) else unit.end
    return Cue(CueKind.PARTICIPLE, t.start, t.end, Mode.AFTER, None, complement, start, unit.end,
               toks[j].start, lex.verb(t.text) or t.low, list(rc.channels))


def then_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
    """`…, a-t-il affirmé, avant d'ajouter : « … »`: the same speaker goes on."""
    toks, lex = ctx.toks, ctx.lex
    t = toks[k]
    if k < 2 or ctx.in_quote(t) or lex.verb(t.text) is None or toks[k - 1].low not in lex.g("infinitive_markers"):
        return None
    if toks[k - 2].low not in lex.g("sequence_markers"):
        return None
    rc = read_following(ctx, k + 1)
    if rc.complement not in (Complement.QUE, Complement.COLON, Complement.QUOTE):
        return None
    start = toks[rc.comp].start if rc.comp < len(toks) else unit.end
    return Cue(CueKind.PARTICIPLE, toks[k - 2].start, t.end, Mode.AFTER, None, rc.complement, start, unit.end,
               toks[k - 2].start, lex.verb(t.text) or "", list(rc.channels))


def passive_cue(ctx: Context, k: int, unit: Unit) -> Cue | None:
    toks, lex = ctx.toks, ctx.lex
    n = match_phrase(ctx, k, lex.passive_citation, 4)
    if not n:
        return None
    g, _ = verb_group_start(ctx, k)
    rc = read_following(ctx, k + n)
    if rc.complement not in (Complement.QUE, Complement.COLON, Complement.QUOTE):
        return None
    subj, clause_start, _ = subject_of(ctx, g)
    start = toks[rc.comp].start if rc.comp < len(toks) else unit.end
    return Cue(CueKind.PASSIVE, toks[g].start, toks[k + n - 1].end, Mode.AFTER, subj, rc.complement, start,
               unit.end, clause_start if subj else toks[g].start, "citer", list(rc.channels))
