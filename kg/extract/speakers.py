"""What a speaker noun phrase says about its speaker.

`read_mention(toks, lex)` reads the words of a subject, an inverted subject or the
object of `selon` and returns a `Mention`: a proper name with the title and
organisation split off (`le contre-amiral Oleg Gurinov, chef adjoint du Centre
russe…`), an outlet (`le journal libanais Al-Akhbar`), a document and its owner
(`le rapport d'Al-Monitor`), an institution (`le ministère russe de la
Défense`), an anonymous description (`un haut responsable militaire
américain`), a pronoun, or a definite description to resolve later
(`le responsable`, `la source`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.lexicon import Lexicon, fold, lookup_outlet
from kg.extract.nlp import Tok, is_quote_char
from kg.model import SpeakerKind

_DE = {"de", "du", "des", "d'", "d’"}
_DETS = {"le", "la", "les", "l'", "un", "une", "des", "ce", "cet", "cette", "ces", "son", "sa",
         "ses", "leur", "leurs", "the", "a", "an", "this", "that", "these", "those", "its", "their",
         "his", "her"}


@dataclass(frozen=True)
class Mention:
    """A noun phrase that names or describes a speaker."""

    start: int
    end: int
    text: str
    kind: SpeakerKind
    name: str  # proper name, outlet name, or the description as written
    anonymous: bool
    head: str = ""  # folded head noun (`responsable`), "" for bare names
    role: str | None = None
    org: str | None = None
    rank: str | None = None
    nationality: str | None = None
    number: str | None = None
    gender: str | None = None
    pronoun: bool = False
    definite: bool = False  # `le responsable`: refers back to someone already met
    surname_only: bool = False  # `Gurinov`: may be a person met earlier
    title: str | None = None  # a quoted title inside the phrase (books, reports)
    outlets: tuple[str, ...] = field(default=())  # outlets named inside the phrase
    generic: bool = False  # a common noun of no known speaker class (`les forces américaines`)
    via: tuple = ()  # channels the phrase itself names (`des habitants joints par RFI`)
    possessive: bool = False  # a pronoun standing for the owner of information (`selon ses informations`)

    def head_classes(self, lex: Lexicon) -> set[str]:
        classes = lex.role_class(self.head) if self.head else set()
        if self.role:
            for w in self.role.split():
                classes |= lex.role_class(w)
        if self.kind is SpeakerKind.OUTLET:
            classes |= {"outlet", "document"}
        if self.kind is SpeakerKind.DOCUMENT:
            classes |= {"document"}
        if self.kind is SpeakerKind.ORGANIZATION:
            classes |= {"organization"}
        return classes


def _text(text: str, toks: Sequence[Tok]) -> str:
    return text[toks[0].start:toks[-1].end] if toks else ""


def _name_runs(toks: Sequence[Tok], lex: Lexicon) -> list[tuple[int, int]]:
    """Runs of capitalised words (with glued hyphens and particles inside names)."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        # The tagger takes some acronyms for numbers (`BFMTV`/NUM): a capitalised word is a name part.
        if t.is_cap and (t.pos in ("PROPN", "NOUN", "ADJ", "X", "VERB") or (
                t.pos == "NUM" and t.text[:1].isalpha())) and not is_quote_char(t.text):
            s = k
            k += 1
            while k < len(toks):
                u = toks[k]
                glued = not toks[k - 1].ws
                particle = u.pos == "DET" and u.is_cap and k + 1 < len(toks) and toks[k + 1].is_cap and \
                    toks[k - 1].pos == "PROPN"  # `Yann Le Goff`, `Marine Le Pen`
                # A number inside an outlet's name: `France 3 Limousin`, `France 24`.
                numbered = u.text.isdigit() and lookup_outlet(_surface(toks[s:k + 1])) is not None
                # `Laurence des Cars`, `Mme de Villepin`: a lower-case particle between a
                # person's first name (or title) and the rest of the name.
                noble = u.low in lex.g("nobiliary_particles") and k + 1 < len(toks) and toks[k + 1].is_cap \
                    and toks[k + 1].pos in ("PROPN", "NOUN") and (
                        toks[k - 1].ent == "PER" or toks[k - 1].low in lex.g("honorifics"))
                if (u.is_cap and u.pos != "DET") or particle or numbered or noble or (glued and u.text in "-") or (
                        glued and toks[k - 1].text == "-") or (
                        u.low in lex.g("name_particles") and k + 1 < len(toks)):
                    k += 1
                else:
                    break
            runs.extend(_split_outlet(toks, s, k))
        else:
            k += 1
    return runs


def _surface(toks: Sequence[Tok]) -> str:
    return "".join(t.text + (" " if t.ws else "") for t in toks).strip()


def _split_outlet(toks: Sequence[Tok], s: int, e: int) -> list[tuple[int, int]]:
    """Split a run of capitals where one name ends and another begins: an outlet
    running into a person (`du Telegraph Con Coughlin`) or a body into a person
    (`de la Santé Claire Vautrin`)."""
    if lookup_outlet(_surface(toks[s:e])):
        return [(s, e)]  # `RIA Novosti` is one name even though `RIA` is one too
    for cut in range(e - 1, s, -1):
        if lookup_outlet(_surface(toks[s:cut])):
            return [(s, cut), (cut, e)]
    for cut in range(s + 1, e):
        if toks[cut].ent == "PER" and toks[cut - 1].ent != "PER":
            return [(s, cut), (cut, e)]
    return [(s, e)]


def _after_de(toks: Sequence[Tok], k: int) -> bool:
    """Whether position k follows a `de`/`du`/`d'` (maybe with an article in between)."""
    j = k - 1
    while j >= 0 and toks[j].low in ("la", "l'", "le", "les", "the"):
        j -= 1
    return j >= 0 and toks[j].low in _DE | {"of", "from"}


def read_mention(text: str, toks: Sequence[Tok], lex: Lexicon) -> Mention | None:
    """The mention a run of tokens makes, or None when it names nobody."""
    toks = [t for t in toks if t.text not in (",",)] if len(toks) > 1 else list(toks)
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    surface = text[start:end]
    first = toks[0]
    if len(toks) == 1 and first.low in lex.pronouns:
        p = lex.pronouns[first.low]
        return Mention(start, end, surface, SpeakerKind.PERSON, surface, False, pronoun=True,
                       number=p.get("number"), gender=p.get("gender"))
    if len(toks) == 1 and first.pos in ("PRON", "ADV", "ADP", "SCONJ", "CCONJ", "PUNCT", "VERB", "AUX"):
        return None

    # A quoted title (`« Assad : le triomphe de la tyrannie »`) is a document's name.
    title = None
    qs = [k for k, t in enumerate(toks) if is_quote_char(t.text)]
    if len(qs) >= 2:
        title = text[toks[qs[0]].end:toks[qs[-1]].start].strip()
        toks = toks[:qs[0]]
        if not toks:
            return None
        end = toks[-1].end
        surface = text[start:end].rstrip(" ,")

    low = [t.low for t in toks]
    definite = low[0] in lex.definite_determiners or low[0] in lex.demonstratives
    words = [t for t in toks if t.low not in _DETS]
    if not words:
        return None
    runs = _name_runs(toks, lex)
    # Proper names that stand on their own, not inside a `de X` complement; a
    # person's name right after another name stands on its own too.
    own_runs = [(s, e) for s, e in runs if not _after_de(toks, s) or (
        s > 0 and toks[s - 1].is_cap and toks[s].ent == "PER")]
    outlets_inside = []
    for s, e in runs:
        entry = lookup_outlet(_text(text, toks[s:e]))
        if entry:
            outlets_inside.append(entry.name)
    head_tok = next((t for t in words if t.pos in ("NOUN",) and not t.is_cap), None)
    if head_tok is None:
        head_tok = next((t for t in words if t.pos in ("NOUN", "PROPN")), words[0])
    head = head_tok.low
    number = head_tok.number
    gender = head_tok.gender
    nationality = next((t.low for t in toks if t.low in lex.nationality_adjectives), None)
    rank = next((r for r, ws in lex.ranks.items()
                 if any(fold(t.text) in ws for t in toks)), None)
    org = _complement(text, toks, head_tok, lex)

    # Outlets: a gazetteer name standing on its own, or an outlet noun with a name.
    for s, e in own_runs:
        name = _text(text, toks[s:e])
        entry = lookup_outlet(name)
        head_is_outlet = head in lex.outlet_heads
        if entry or (head_is_outlet and head_tok.i < toks[s].i):
            if head in lex.document_heads and head_tok.i < toks[s].i:
                break  # `le rapport d'Al-Monitor` is handled as a document below
            oname = entry.name if entry else name
            return Mention(start, end, surface, SpeakerKind.OUTLET, oname, False, head=head,
                           number=number, gender=gender, definite=definite, title=title,
                           outlets=tuple(outlets_inside))

    if head in lex.document_heads and head_tok.pos == "NOUN":
        owner = _owner(text, toks, head_tok, lex)
        anonymous_doc = head in lex.anonymous_documents or (owner is None and not definite)
        if owner and head not in lex.anonymous_documents:
            oname, okind = owner
            return Mention(start, end, surface, okind, oname, False, head=head, number=number,
                           gender=gender, definite=False, title=title, outlets=tuple(outlets_inside))
        return Mention(start, end, surface, SpeakerKind.DOCUMENT, surface, anonymous_doc,
                       head=head, org=org, number=number, gender=gender, definite=definite,
                       title=title, outlets=tuple(outlets_inside))

    # A person's name: the last run of capitalised words standing on its own. A name
    # followed by the head noun only modifies it (`a U.S. official`, `Pentagon officials`).
    # A name right after a body's head noun names that body (`du syndicat Fim-Cisl`, `le groupe
    # Michelin`): its role-holder is described, not named.
    person_runs = [(s, e) for s, e in own_runs
                   if any(t.ent == "PER" or t.pos == "PROPN" for t in toks[s:e])
                   and not any(t.i > toks[e - 1].i and t.i == head_tok.i for t in toks[e:])
                   and not (s > 0 and toks[s - 1].low in lex.institution_heads
                            and not any(t.ent == "PER" for t in toks[s:e]))]
    if org is None and head_tok.pos == "NOUN":
        mods = [(s, e) for s, e in runs if toks[e - 1].i < head_tok.i and not _after_de(toks, s)]
        if mods and lex.lang != "fr":
            org = _text(text, toks[mods[-1][0]:mods[-1][1]])
    if person_runs:
        s, e = person_runs[-1]
        # `Mme des Cars`: a courtesy title and a surname, to be completed from the article.
        honorific = e - s >= 2 and toks[s].low in lex.g("honorifics")
        s += honorific
        name = _text(text, toks[s:e])
        before = [t for t in toks[:s] if t.low not in _DETS]
        is_person = (any(t.ent == "PER" for t in toks[s:e]) or e - s >= 2 or
                     any(t.low in lex.titles for t in before))
        place_like = all(t.ent in ("LOC", "ORG", "MISC") for t in toks[s:e]) and not before
        if is_person and not place_like:
            role_words = [t.text for t in before if t.pos in ("NOUN", "ADJ") or t.low in lex.titles]
            role = " ".join(role_words[:3]) or None
            return Mention(start, end, surface, SpeakerKind.PERSON, name, False, head=head if before else "",
                           role=role, org=org, number="sing", gender=gender, nationality=nationality,
                           surname_only=honorific or (e - s == 1 and not before),
                           outlets=tuple(outlets_inside))
        if not before or all(t.pos == "ADJ" for t in before):
            # A state, a city standing for its government (`Washington`), a body.
            return Mention(start, end, surface, SpeakerKind.ORGANIZATION, name, False,
                           number=number, gender=gender, surname_only=(e - s == 1 and not before))

    if head in lex.anonymous_heads:
        return Mention(start, end, surface, SpeakerKind.ANONYMOUS, surface, True, head=head,
                       org=org, rank=rank, nationality=nationality, number=number, gender=gender,
                       definite=definite, title=title, outlets=tuple(outlets_inside))
    if head in lex.institution_heads or head_tok.pos == "PROPN" or head_tok.ent in ("ORG", "LOC"):
        name = _strip_det(text, toks)
        return Mention(start, end, surface, SpeakerKind.ORGANIZATION, name, False, head=head,
                       org=org, number=number, gender=gender, definite=False)
    if head in lex.outlet_heads and head_tok.pos == "NOUN":
        # `le quotidien`, `le journal américain`: an outlet described by its kind, which points
        # back to the outlet named before it.
        return Mention(start, end, surface, SpeakerKind.ORGANIZATION, _strip_det(text, toks), False,
                       head=head, org=org, number=number, gender=gender, definite=definite)
    if head_tok.pos == "NOUN":
        # A common noun we have no class for (`les forces américaines`, `les experts`):
        # a collective agent described, not named.
        return Mention(start, end, surface, SpeakerKind.ORGANIZATION, _strip_det(text, toks), False,
                       head=head, org=org, number=number, gender=gender, definite=definite, generic=True)
    return None


def _strip_det(text: str, toks: Sequence[Tok]) -> str:
    k = 0
    while k < len(toks) - 1 and toks[k].low in _DETS:
        k += 1
    return _text(text, toks[k:])


def _complement(text: str, toks: Sequence[Tok], head: Tok, lex: Lexicon) -> str | None:
    """The `de X` complement after the head: the body a description belongs to."""
    idx = next((k for k, t in enumerate(toks) if t.i == head.i), None)
    if idx is None:
        return None
    for k in range(idx + 1, len(toks)):
        if toks[k].low in _DE and k + 1 < len(toks):
            rest = toks[k + 1:]
            while rest and rest[0].low in _DETS:
                rest = rest[1:]
            return _text(text, rest) or None
    return None


def _owner(text: str, toks: Sequence[Tok], head: Tok, lex: Lexicon) -> tuple[str, SpeakerKind] | None:
    """The named author of a document: `le rapport d'Al-Monitor`, `le livre de X`."""
    idx = next((k for k, t in enumerate(toks) if t.i == head.i), None)
    if idx is None:
        return None
    runs = [(s, e) for s, e in _name_runs(toks, lex) if s > idx]
    for s, e in reversed(runs):
        name = _text(text, toks[s:e])
        entry = lookup_outlet(name)
        if entry:
            return entry.name, SpeakerKind.OUTLET
        if any(t.ent == "PER" for t in toks[s:e]) or e - s >= 2:
            return name, SpeakerKind.PERSON
    if runs:
        s, e = runs[0]
        if _after_de(toks, s):
            return _text(text, toks[s:e]), SpeakerKind.ORGANIZATION
    return None
