"""Who `il`, `le responsable` and `la source` are, and which channel `l'agence` is.

Speakers are gathered into entities as the article goes: a proper name joins
the entity with that name (or surname), a pronoun the latest compatible speaker,
a definite description (`le responsable`, `le commandant`, `le rapport`) the
latest speaker of the same class whose nationality does not clash, and
anything else starts an entity of its own. An anonymous entity keeps the
description the text introduced it with (`un responsable du Pentagone`).

Channels then follow the speaker: a statement without a channel of its own
takes the one its speaker last spoke through, and the statements before a
speaker's first named channel take that one, since news leads name the outlet
after the first sentence (`…, a déclaré un responsable. « … », a-t-il dit à
Al-Monitor`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.channels import ChannelRef
from kg.extract.lexicon import Lexicon, fold, strip_article
from kg.extract.speakers import Mention
from kg.model import AttributionKind, ChannelKind, SpeakerKind


@dataclass
class Entity:
    name: str
    kind: SpeakerKind
    anonymous: bool
    classes: set[str]
    head: str
    org: str | None = None
    role: str | None = None
    rank: str | None = None
    nationality: str | None = None
    number: str | None = None
    gender: str | None = None
    last: int = 0


@dataclass
class Draft:
    """A statement before resolution: who (as written), cue, content, channels."""

    mention: Mention | None  # None: same speaker as the previous statement
    cue: tuple[int, int]
    content: tuple[int, int]
    kind: AttributionKind
    channels: list[ChannelRef] = field(default_factory=list)
    event_only: bool = False  # names a channel for its speaker but states nothing
    entity: Entity | None = None
    line: int = 0
    same_as: Draft | None = None  # a pull quote: whoever said the repeated words


def _stem(word: str | None) -> str:
    return fold(word or "")[:4]


def _surname(name: str) -> str:
    last = fold(name).split()[-1] if name.split() else ""
    for particle in ("al-", "el-", "ben-"):
        last = last.removeprefix(particle)
    return last


def short_form(short: str, full: str) -> bool:
    """`the Times` after `the New York Times`, `the Post` after `the Washington Post`: once a paper
    has been named in full, its last words name it again (not another paper that bears them)."""
    s, f = strip_article(fold(short)).split(), strip_article(fold(full)).split()
    return 0 < len(s) < len(f) and f[-len(s):] == s


class Resolver:
    def __init__(self, lex: Lexicon, person_names: list[tuple[int, str]]) -> None:
        self.lex = lex
        self.entities: list[Entity] = []
        self.person_names = person_names  # (offset, full name) of every PER entity in the text

    def _new(self, m: Mention, pos: int) -> Entity:
        name = m.name
        if m.kind is SpeakerKind.PERSON and m.surname_only:
            name = self._full_name(m.name, pos) or name
        e = Entity(name, m.kind, m.anonymous, m.head_classes(self.lex), m.head, m.org, m.role,
                   m.rank, m.nationality, m.number, m.gender, pos)
        self.entities.append(e)
        return e

    def _full_name(self, surname: str, pos: int) -> str | None:
        key = _surname(surname)
        best = None
        for off, name in self.person_names:
            if off <= pos and len(name.split()) > 1 and _surname(name) == key:
                best = name
        return best

    def _nationality_of(self, e: Entity) -> str | None:
        """The stem of the nationality an entity's words point to (`du Kremlin` → russ)."""
        if e.nationality:
            return _stem(e.nationality)
        words = fold(" ".join(x for x in (e.org, e.role, e.name) if x))
        for adjective, places in self.lex.nationality_places.items():
            if any(p in words for p in places):
                return _stem(adjective)
        return None

    def _recent(self) -> list[Entity]:
        return sorted(self.entities, key=lambda e: e.last, reverse=True)

    def resolve(self, m: Mention, pos: int) -> Entity | None:
        """The entity a mention refers to; None for a pronoun with no antecedent."""
        ent = self._match(m)
        if ent is None and m.pronoun:
            return None  # `il` with nobody before it: a speaker is never a bare pronoun
        if ent is None:
            ent = self._new(m, pos)
        else:
            self._enrich(ent, m)
        ent.last = pos
        return ent

    def _enrich(self, ent: Entity, m: Mention) -> None:
        if m.kind is SpeakerKind.PERSON and not m.pronoun and len(m.name.split()) > len(ent.name.split()) \
                and _surname(m.name) == _surname(ent.name) and not m.anonymous:
            ent.name, ent.kind = m.name, SpeakerKind.PERSON  # `Jeffrey` first, `James Jeffrey` later
        ent.org = ent.org or m.org
        ent.role = ent.role or m.role
        ent.nationality = ent.nationality or m.nationality
        ent.classes |= m.head_classes(self.lex)

    def _match(self, m: Mention) -> Entity | None:
        if m.pronoun:
            for e in self._recent():
                if e.kind in (SpeakerKind.DOCUMENT, SpeakerKind.OUTLET) and m.number != "plur" \
                        and not m.possessive:
                    continue  # `il` is a person; `ses informations` may well be a paper's
                if m.possessive and e.kind is SpeakerKind.ANONYMOUS and m.number != e.number:
                    continue
                if m.number and e.number and m.number != e.number:
                    continue
                if m.gender and e.gender and m.gender != e.gender and e.kind is SpeakerKind.ORGANIZATION:
                    # `a-t-elle ajouté` after `le Louvre`: not the museum. (A person's gender is
                    # not read from the tags of their name, which are unreliable.)
                    continue
                return e
            return None
        name_key = fold(m.name)
        for e in self._recent():
            if not m.anonymous and not m.definite and fold(e.name) == name_key:
                return e
        if m.kind is SpeakerKind.OUTLET:
            for e in self._recent():
                if e.kind is SpeakerKind.OUTLET and short_form(m.name, e.name):
                    return e
        if m.kind is SpeakerKind.PERSON and len(m.name.split()) > 1:
            key = _surname(m.name)
            for e in self._recent():
                if len(e.name.split()) == 1 and e.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION) \
                        and _surname(e.name) == key:
                    return e
        if m.surname_only or (m.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION)
                              and len(m.name.split()) == 1):
            key = _surname(m.name)
            for e in self._recent():
                if e.kind is SpeakerKind.PERSON and _surname(e.name) == key:
                    return e
        if m.definite and m.kind in (SpeakerKind.ANONYMOUS, SpeakerKind.DOCUMENT, SpeakerKind.ORGANIZATION):
            classes = m.head_classes(self.lex)
            # The same noun first (`un diplomate` … `le diplomate`), then the same class.
            same_head = [e for e in self._recent() if m.head and (m.head == e.head or m.head in fold(e.role or ""))]
            for e in [*same_head, *self._recent()]:
                same = m.head and (m.head == e.head or m.head in fold(e.role or ""))
                # `cette source`, `the source`: whoever just gave the information, a
                # spokeswoman or an official as much as someone first called a source.
                informant = m.head in self.lex.g("informant_heads") and e.kind in (SpeakerKind.PERSON,
                                                                                   SpeakerKind.ANONYMOUS)
                if not (classes & e.classes or same or informant):
                    continue
                if not same and m.nationality and self._nationality_of(e) not in (None, _stem(m.nationality)):
                    continue  # `le président turc` is not `le porte-parole du Kremlin`
                if m.number and e.number and m.number != e.number:
                    continue
                if m.nationality and e.nationality and _stem(m.nationality) != _stem(e.nationality):
                    continue
                if m.org and e.org and _stem(m.org.split()[-1]) != _stem(e.org.split()[-1]):
                    continue
                return e
            if classes & self.lex.g("epithet_classes"):
                # `le technicien italien` after `Roberto De Zerbi` said something: an epithet for the
                # person the story quotes, whose role the text may never have spelt out.
                for e in self._recent():
                    if e.kind is SpeakerKind.PERSON and not e.anonymous and (
                            not m.nationality or self._nationality_of(e) in (None, _stem(m.nationality))):
                        return e
        return None


def resolve_drafts(drafts: list[Draft], lex: Lexicon, person_names: list[tuple[int, str]]) -> None:
    """Give every draft its entity and fill its channels, in place."""
    r = Resolver(lex, person_names)
    prev: Entity | None = None
    outlets_seen: list[tuple[int, str]] = []
    for d in sorted(drafts, key=lambda d: d.cue[0]):
        if d.same_as is not None:
            continue
        if d.mention is None:
            d.entity = prev
        else:
            d.entity = r.resolve(d.mention, d.cue[0])
            if d.mention.kind is SpeakerKind.OUTLET and not d.mention.definite:
                outlets_seen.append((d.cue[0], d.mention.name))
        chans = []
        for c in d.channels:
            if c.anaphoric and c.kind is ChannelKind.OUTLET:
                before = [name for pos, name in outlets_seen if pos <= c.start]
                if before:
                    c = ChannelRef(before[-1], c.kind, c.start, c.end)
                else:
                    continue
            elif c.anaphoric and d.entity is not None and c.kind is not ChannelKind.DOCUMENT:
                ent = r._match(Mention(c.start, c.end, c.label, SpeakerKind.ANONYMOUS, c.label, True,
                                       definite=True, head=fold(c.label.split()[-1])))
                c = ChannelRef(ent.name if ent else c.label, c.kind, c.start, c.end)
            if c.kind is ChannelKind.OUTLET:
                full = next((name for pos, name in reversed(outlets_seen)
                             if pos <= c.start and short_form(c.label, name)), None)
                if full is not None:
                    c = ChannelRef(full, c.kind, c.start, c.end)
                outlets_seen.append((c.start, c.label))
            chans.append(c)
        d.channels = chans
        if d.entity is not None:
            prev = d.entity
    for d in drafts:
        if d.same_as is not None:
            d.entity = d.same_as.entity
        if d.entity is not None and d.entity.kind is not SpeakerKind.ANONYMOUS:
            d.channels = [_owned_by(c, d.entity.name, lex) for c in d.channels]
    _name_documents(drafts, lex)
    _carry_channels(drafts)
    _paragraph_sources(drafts)
    _carry_channels(drafts)


def _owned_by(c: ChannelRef, owner: str, lex: Lexicon) -> ChannelRef:
    """`ses porte-parole`, `his public relations firm`: a relay named by a possessive
    belongs to the speaker, and is named after them (`Ghosn's public relations firm`)."""
    first, _, rest = c.label.partition(" ")
    if c.kind is not ChannelKind.RELAY or not rest or fold(first) not in lex.g("possessives"):
        return c
    label = lex.possessor_label.format(owner=owner, thing=rest)
    return ChannelRef(label, c.kind, c.start, c.end, c.anaphoric, c.span_text or c.label)


def _head(label: str) -> str:
    words = [w for w in fold(label).split() if len(w) > 2]
    return words[-1] if words else ""


def _titled(c: ChannelRef) -> bool:
    """A document channel named by its title in quotes (`le livre de X, « Titre »`)."""
    return c.kind is ChannelKind.DOCUMENT and any(q in c.span_text for q in "«“\"")


def _name_documents(drafts: list[Draft], lex: Lexicon) -> None:
    """`un nouveau livre` … `le nouveau livre de X, « Titre »`: one book. An untitled
    mention of a document takes the title (and the outlets) of a titled mention
    with the same noun in the same article."""
    titled: dict[str, list[ChannelRef]] = {}
    for d in drafts:
        for k, c in enumerate(d.channels):
            if _titled(c):
                for noun in fold(c.span_text).split():
                    if noun in lex.document_heads:
                        titled.setdefault(noun, d.channels[k:])
    if not titled:
        return
    for d in drafts:
        out: list[ChannelRef] = []
        for c in d.channels:
            chain = titled.get(_head(c.label)) if c.kind is ChannelKind.DOCUMENT else None
            out.extend(chain if chain and fold(c.label) in fold(c.span_text or c.label) else [c])
        if d.mention is not None and d.mention.kind is SpeakerKind.DOCUMENT and not d.channels:
            out = list(titled.get(d.mention.head, []))
        d.channels = _unique(out)


def _unique(chans: list[ChannelRef]) -> list[ChannelRef]:
    seen: set[str] = set()
    out = []
    for c in chans:
        if fold(c.label) not in seen:
            seen.add(fold(c.label))
            out.append(c)
    return out


def _paragraph_sources(drafts: list[Draft]) -> None:
    """A paragraph that reports an outlet or a titled document as its source
    (`… a rapporté le Telegraph`, `selon le livre de X, « Titre »`) carries the
    other statements it narrates that name no channel of their own."""
    by_line: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.entity is not None and not d.event_only:
            by_line.setdefault(d.line, []).append(d)
    for items in by_line.values():
        source: list[ChannelRef] = []
        for d in items:
            docs = [c for c in d.channels if _titled(c)]
            if docs:
                source = d.channels[d.channels.index(docs[0]):]
                break
            if d.entity is not None and d.entity.kind is SpeakerKind.OUTLET:
                source = [ChannelRef(d.entity.name, ChannelKind.OUTLET, d.cue[0], d.cue[1])]
                break
        if not source:
            continue
        for d in items:
            if d.entity is not None and d.entity.kind is SpeakerKind.OUTLET:
                continue  # an outlet that reports speaks in its own voice, not through another
            if not d.channels and d.entity is not None and all(fold(c.label) != fold(d.entity.name) for c in source):
                d.channels = list(source)


def _carry_channels(drafts: list[Draft]) -> None:
    by_entity: dict[int, list[Draft]] = {}
    for d in sorted(drafts, key=lambda d: d.cue[0]):
        if d.entity is not None:
            by_entity.setdefault(id(d.entity), []).append(d)
    for items in by_entity.values():
        first: list[ChannelRef] | None = None
        last: list[ChannelRef] | None = None
        for d in items:
            if d.channels:
                last = d.channels
                first = first or d.channels
            elif last:
                d.channels = list(last)
        if first:
            for d in items:
                if d.channels:
                    break
                d.channels = list(first)
