"""How the text itself travelled: publisher, republication chain, translator.

Read from the lines `layout` marked as travel: footers (`Source : X via Y`,
`Traduction : X`, `Lire l'article complet par X`), bylines (`par X`) and
wire credits (`(AFP)`). The chain is ordered nearest first: the outlet this
copy was taken from, then the one that outlet took it from, and so on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.layout import Layout, Role
from kg.extract.lexicon import Lexicon, fold, lookup_outlet
from kg.model import Outlet, OutletKind


@dataclass(frozen=True)
class Travel:
    publisher: Outlet | None
    republished_from: tuple[Outlet, ...]
    translated_by: Outlet | None


_TRAIL = re.compile(r"[\s.;,:|–—-]+$")
_PERSON_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}$")


def outlet(name: str) -> Outlet | None:
    """An outlet from a surface name, canonical when the gazetteer knows it."""
    name = _TRAIL.sub("", name.strip()).strip()
    if not name or len(name) > 80:
        return None
    entry = lookup_outlet(name)
    if entry:
        return Outlet(entry.name, entry.kind)
    return Outlet(name, OutletKind.UNKNOWN)


def _looks_like_person(name: str) -> bool:
    return bool(_PERSON_NAME.match(name)) and lookup_outlet(name) is None


def _add(chain: list[Outlet], o: Outlet | None) -> None:
    if o and all(fold(o.name) != fold(c.name) for c in chain):
        chain.append(o)


def find_travel(lay: Layout, lex: Lexicon, declared_publisher: str | None = None) -> Travel:
    text = lay.text
    publisher: Outlet | None = outlet(declared_publisher) if declared_publisher else None
    translator: Outlet | None = None
    sources: list[Outlet] = []  # from footers, nearest first
    original: list[Outlet] = []  # bylines and wire credits: the first author
    pats = lex.travel
    lines = [text[ln.start:ln.end].strip() for ln in lay.lines if ln.role is Role.TRAVEL]
    for line in lines:
        if m := _first(pats.get("publisher", ()), line):
            publisher = publisher or outlet(m.group("a"))
        elif m := _first(pats.get("translation", ()), line):
            translator = translator or outlet(m.group("a"))
        elif m := _first(pats.get("source", ()), line):
            groups = m.groupdict()
            # `source : X via Y`: Y is where this copy came from, X before it.
            if groups.get("b"):
                _add(sources, outlet(groups["b"]))
            _add(sources, outlet(groups["a"]))
        elif m := _first(pats.get("byline", ()), line):
            name = m.group("a")
            if not _looks_like_person(name):
                _add(original, outlet(name))
        elif m := _first(pats.get("wire", ()), line):
            _add(original, outlet(m.group("a")))
    heads = [text[ln.start:ln.end][:300] for ln in lay.lines if ln.role in (Role.CONTENT, Role.TITLE)][:3]
    for line in heads:
        if m := _first(pats.get("wire", ()), line):
            _add(original, outlet(m.group("a")))
    chain: list[Outlet] = []
    for o in [*sources, *original]:
        _add(chain, o)
    if publisher is None and translator is not None:
        # A translator who signs the text is the one publishing this copy.
        publisher = translator
    if publisher:
        chain = [o for o in chain if fold(o.name) != fold(publisher.name)]
    return Travel(publisher, tuple(chain), translator)


def _first(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(line)
        if m:
            return m
    return None
