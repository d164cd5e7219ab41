"""Table tests of the cue steps on hand-made tokens: no spaCy model is loaded.

Each sentence is written as `word/POS` items separated by spaces (`word/POS/ENT`
for a named entity; a leading `~` glues a token to the one before it). The tags
are the ones spaCy's French and English models give such words, so each row is
one construction of reporting grammar read by the rules alone.
"""

from __future__ import annotations

import pytest

from kg.errors import UnknownNameError
from kg.extract.cues import Complement, Context, Cue, CueKind, Mode, find_cues
from kg.extract.cues.following import read_following
from kg.extract.cues.phrases import np_left, np_right
from kg.extract.cues.settle import cut_contents, settle_nesting
from kg.extract.layout import Unit
from kg.extract.lexicon import Lexicon, fold, load
from kg.extract.nlp import Tok
from kg.extract.quotes import find_quotes
from kg.model import ChannelKind, SpeakerKind


def sentence(spec: str, lang: str = "fr") -> tuple[Context, Unit]:
    """A Context over hand-tagged tokens (`Le/DET ministre/NOUN a/AUX déclaré/VERB …`)."""
    text = ""
    toks: list[Tok] = []
    for item in spec.split():
        glued = item.startswith("~")
        word, pos, *ent = item.lstrip("~").split("/")
        if text and not glued:
            text += " "
        if toks and glued:
            toks[-1] = _with_ws(toks[-1], False)
        start = len(text)
        text += word
        number = "plur" if pos in ("NOUN", "DET") and word.lower().endswith(("s", "x")) and len(word) > 3 else None
        toks.append(Tok(len(toks), word, start, len(text), fold(word), word.lower(), pos, ent[0] if ent else "",
                        number, None, True))
    lex = load(lang)
    return Context(text, toks, find_quotes(text), lex), Unit(0, len(text), 0, True)


def _with_ws(t: Tok, ws: bool) -> Tok:
    return Tok(t.i, t.text, t.start, t.end, t.low, t.lemma, t.pos, t.ent, t.number, t.gender, ws)


def cues_of(spec: str, lang: str = "fr") -> tuple[Context, list[Cue]]:
    ctx, unit = sentence(spec, lang)
    return ctx, find_cues(ctx, unit)


def span(ctx: Context, s: int, e: int) -> str:
    return ctx.text[s:e].strip(" ,.")


def index_of(ctx: Context, word: str) -> int:
    return next(t.i for t in ctx.toks if t.text == word)


# ------------------------------------------------------------ what follows a verb

@pytest.mark.parametrize(("spec", "verb", "complement", "channels"), [
    # `à l'AFP`: the addressee of the verb is the channel; `que` opens the content.
    ("a/AUX déclaré/VERB à/ADP l'/DET AFP/PROPN/ORG que/SCONJ la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT",
     "déclaré", Complement.QUE, ["AFP"]),
    # `: « … »`
    ("a/AUX déclaré/VERB :/PUNCT «/PUNCT Nous/PRON partons/VERB »/PUNCT", "déclaré", Complement.COLON, []),
    # A quote right after the verb.
    ("a/AUX lancé/VERB «/PUNCT Nous/PRON partons/VERB »/PUNCT", "lancé", Complement.QUOTE, []),
    # `nie avoir profité`: an infinitive complement.
    ("nie/VERB avoir/AUX profité/VERB de/ADP la/DET situation/NOUN", "nie", Complement.INF, []),
    # An occasion between the verb and the content is a channel, not an object.
    ("a/AUX affirmé/VERB lors/ADP d'/ADP une/DET conférence/NOUN de/ADP presse/NOUN que/SCONJ tout/PRON "
     "va/VERB bien/ADV", "affirmé", Complement.QUE, ["press conference"]),
    # An object and no clause: nothing opens.
    ("a/AUX dénoncé/VERB la/DET réforme/NOUN ./PUNCT", "dénoncé", None, []),
])
def test_what_follows_a_french_verb(spec: str, verb: str, complement: Complement | None,
                                    channels: list[str]) -> None:
    ctx, _ = sentence(spec)
    rc = read_following(ctx, index_of(ctx, verb) + 1)
    assert rc.complement is complement
    assert [c.label for c in rc.channels] == channels


def test_an_object_is_read_once_and_the_record_is_frozen() -> None:
    ctx, _ = sentence("a/AUX dénoncé/VERB la/DET réforme/NOUN ./PUNCT")
    rc = read_following(ctx, 2)
    assert rc.np is not None and span(ctx, ctx.toks[rc.np[0]].start, ctx.toks[rc.np[1] - 1].end) == "la réforme"
    with pytest.raises(AttributeError):
        rc.end = 0  # type: ignore[misc]


def test_told_names_its_addressee_as_the_channel() -> None:
    ctx, _ = sentence("told/VERB Reuters/PROPN/ORG that/SCONJ the/DET deal/NOUN was/AUX off/ADV", "en")
    rc = read_following(ctx, 1)
    assert rc.complement is Complement.QUE
    assert [(c.label, c.kind) for c in rc.channels] == [("Reuters", ChannelKind.OUTLET)]


# ------------------------------------------------------------------ noun phrases

def test_noun_phrase_bounds() -> None:
    ctx, _ = sentence("le/DET porte-parole/NOUN du/ADP ministère/NOUN a/AUX dit/VERB")
    assert np_right(ctx, 0) == 4
    assert np_left(ctx, 4) == 0


def test_an_english_possessive_joins_two_noun_phrases() -> None:
    ctx, _ = sentence("China/PROPN/LOC ~'s/PART commerce/NOUN ministry/NOUN said/VERB", "en")
    assert np_left(ctx, 4) == 0


# ------------------------------------------------------------------- whole cues

@pytest.mark.parametrize(("spec", "lang", "kind", "mode", "speaker", "content"), [
    ("Le/DET ministre/NOUN a/AUX déclaré/VERB que/SCONJ la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT", "fr",
     CueKind.VERB, Mode.AFTER, "ministre", "la guerre est finie"),
    ("«/PUNCT Nous/PRON partons/VERB »/PUNCT ,/PUNCT a/AUX déclaré/VERB le/DET ministre/NOUN ./PUNCT", "fr",
     CueKind.VERB, Mode.BEFORE, "ministre", "« Nous partons »"),
    ("Selon/ADP le/DET ministre/NOUN ,/PUNCT la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT", "fr",
     CueKind.MARKER, Mode.AFTER, "ministre", "la guerre est finie"),
    ("La/DET guerre/NOUN est/AUX finie/ADJ ,/PUNCT selon/ADP le/DET ministre/NOUN ./PUNCT", "fr",
     CueKind.MARKER, Mode.BEFORE, "ministre", "La guerre est finie"),
    ("The/DET minister/NOUN said/VERB the/DET war/NOUN was/AUX over/ADV ./PUNCT", "en",
     CueKind.VERB, Mode.AFTER, "minister", "the war was over"),
    ("The/DET war/NOUN is/AUX over/ADV ,/PUNCT the/DET minister/NOUN said/VERB ./PUNCT", "en",
     CueKind.VERB, Mode.BEFORE, "minister", "The war is over"),
])
def test_one_cue_per_construction(spec: str, lang: str, kind: CueKind, mode: Mode, speaker: str,
                                  content: str) -> None:
    ctx, cues = cues_of(spec, lang)
    assert len(cues) == 1, cues
    c = cues[0]
    assert (c.kind, c.mode) == (kind, mode)
    assert c.speaker is not None and c.speaker.head == speaker
    assert span(ctx, c.content_start, c.content_end) == content


@pytest.mark.parametrize("spec", [
    # `arguing it undervalued …`: the participle's clause needs no `that`, and its
    # subject may be a pronoun.
    "Tiffany/PROPN/ORG rebuffed/VERB the/DET offer/NOUN ,/PUNCT arguing/VERB it/PRON undervalued/VERB "
    "the/DET company/NOUN ./PUNCT",
    "Tiffany/PROPN/ORG rebuffed/VERB the/DET offer/NOUN ,/PUNCT arguing/VERB that/SCONJ it/PRON "
    "undervalued/VERB the/DET company/NOUN ./PUNCT",
])
def test_a_participle_goes_on_with_the_subject_of_the_main_clause(spec: str) -> None:
    ctx, cues = cues_of(spec, "en")
    assert [(c.kind, c.speaker.name if c.speaker else None) for c in cues] == [(CueKind.PARTICIPLE, "Tiffany")]
    assert span(ctx, cues[0].content_start, cues[0].content_end) == "it undervalued the company"


@pytest.mark.parametrize("spec", [
    # A reporting verb in the passive names no speaker.
    "Les/DET faits/NOUN ont/AUX été/AUX rapportés/VERB par/ADP la/DET police/NOUN ./PUNCT",
    # Page furniture: no verb, no marker.
    "Partager/VERB sur/ADP Facebook/PROPN",
    # `Pour la première fois`: `pour` is a source only for someone at the head of the sentence.
    "Pour/ADP la/DET première/ADJ fois/NOUN ,/PUNCT le/DET musée/NOUN ferme/VERB ./PUNCT",
])
def test_no_statement(spec: str) -> None:
    _, cues = cues_of(spec)
    assert cues == []


# ------------------------------------------------------------------------ settling

def _cue(kind: CueKind, mode: Mode, cue: tuple[int, int], content: tuple[int, int],
         complement: Complement | None = Complement.QUE) -> Cue:
    return Cue(kind, cue[0], cue[1], mode, None, complement, content[0], content[1], min(cue[0], content[0]))


def test_a_cue_that_is_the_whole_content_of_another_carries_it() -> None:
    # `Selon X, Y a dit que Z`: the marker's content is Y's statement, which X carried.
    _, cues = cues_of("Selon/ADP le/DET journal/NOUN ,/PUNCT le/DET ministre/NOUN a/AUX dit/VERB que/SCONJ "
                        "la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT")
    assert [c.speaker.head for c in cues if c.speaker] == ["ministre"]
    assert [r.label for r in cues[0].relays] == ["journal"]


def test_settling_returns_the_statements_left_without_touching_the_input() -> None:
    ctx, unit = sentence("Selon/ADP le/DET journal/NOUN ,/PUNCT le/DET ministre/NOUN a/AUX dit/VERB que/SCONJ "
                         "la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT")
    outer = _cue(CueKind.MARKER, Mode.AFTER, (0, 17), (19, unit.end), Complement.MARKER)
    inner = _cue(CueKind.VERB, Mode.AFTER, (32, 38), (43, unit.end))
    inner.clause_start = 19
    given = [outer, inner]
    left = settle_nesting(ctx, cut_contents(ctx.text, given))
    assert left == [inner]
    assert given == [outer, inner]


def test_an_incise_between_two_incises_names_who_carried_the_first() -> None:
    # `« … », nuance X, analyste chez Y, rapporte Le Figaro`: one statement, relayed.
    text = "« A », dit X, analyste, rapporte Y."
    first = _cue(CueKind.VERB, Mode.BEFORE, (7, 12), (0, 5), Complement.QUOTE)
    second = _cue(CueKind.VERB, Mode.BEFORE, (24, 34), (0, 24), Complement.QUOTE)
    assert cut_contents(text, [second, first]) == [first]


# ------------------------------------------------------------------ the lexicon

def test_grammar_classes_are_a_closed_vocabulary() -> None:
    fr, en = load("fr"), load("en")
    assert "-t-il" in fr.g("inverted_clitics")
    assert en.g("inverted_clitics") == frozenset()  # a class English does not need
    with pytest.raises(UnknownNameError):
        fr.g("complementizer")  # a typo of `complementizers`
    assert isinstance(fr, Lexicon)


def test_speaker_kinds_are_typed() -> None:
    _, cues = cues_of("Selon/ADP l'/DET AFP/PROPN/ORG ,/PUNCT la/DET guerre/NOUN est/AUX finie/ADJ ./PUNCT")
    assert [c.speaker.kind for c in cues if c.speaker] == [SpeakerKind.OUTLET]
