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


_ASIDE = re.compile(r"\s*\([^)]*\)\s*$")  # `The Epoch Times (emphasis ours)`
_TRAIL = re.compile(r"[\s.;,:|–—-]+$")
_PERSON_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}$")


def outlet(name: str) -> Outlet | None:
    """An outlet from a surface name, canonical when the gazetteer knows it."""
    name = _TRAIL.sub("", _ASIDE.sub("", name.strip())).strip()
    if not name or len(name) > 80:
        return None
    entry = lookup_outlet(name)
    if entry:
        return Outlet(entry.name, entry.kind)
    return Outlet(name, OutletKind.UNKNOWN)


def _looks_like_person(name: str) -> bool:
    if name.isupper():
        name = name.title()  # `BY TYLER DURDEN`
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
        elif m := _first(pats.get("copyright", ()), line):
            holder = _YEARS.sub("", m.group("a")).strip(" ,.")
            holder = _COMPANY.sub("", holder).split("/")[0].strip(" ,")
            if "," not in holder:  # `© Eli Carver, Responsible Statecraft`: the original's credit
                publisher = publisher or outlet(holder)
        elif m := _first(pats.get("byline", ()), line):
            name = m.group("a")
            staff = _STAFF.search(name)
            if staff:
                # `By Al Jazeera Staff`: the outlet signs its own copy.
                publisher = publisher or outlet(name[:staff.start()])
            elif not _looks_like_person(name):
                _add(original, outlet(name))
        elif m := _first(pats.get("wire", ()), line):
            _add(original, outlet(m.group("a")))
    publisher = publisher or masthead(lay)
    heads = [text[ln.start:ln.end][:300] for ln in lay.lines if ln.role in (Role.CONTENT, Role.TITLE)][:3]
    # Credits on a short line of their own (`(AFP)`, `Par X, avec AFP`) count wherever they stand.
    heads += [text[ln.start:ln.end] for ln in lay.lines
              if ln.role is not Role.COMMENTS and ln.end - ln.start < 60]
    for line in heads:
        if m := _first(pats.get("wire", ()), line):
            wire = outlet(m.group("a"))
            if publisher is None and not sources and translator is None:
                publisher = wire  # `PARIS (AFP) –` with no other outlet: the agency's own copy
            else:
                _add(original, wire)
    chain: list[Outlet] = []
    for o in [*sources, *original]:
        _add(chain, o)
    if publisher is None and translator is not None:
        # A translator who signs the text is the one publishing this copy.
        publisher = translator
    if publisher:
        chain = [o for o in chain if fold(o.name) != fold(publisher.name)]
    return Travel(publisher, tuple(chain), translator)


_YEARS = re.compile(r"(^\d{4}(?:\s*[-–]\s*\d{4})?\s+|[,\s]+\d{4}(?:\s*[-–]\s*\d{4})?$)")
_COMPANY = re.compile(r",?\s+(ltd|inc|llc|sa|sas|sarl|gmbh|plc|corp)\.?$", re.IGNORECASE)
_STAFF = re.compile(r"\s+(staff|newsroom|desk|team|rédaction|redaction)$", re.IGNORECASE)
_TAGLINE = re.compile(r"\s+[—–|]\s+|\s+-\s+")
_DOMAIN = re.compile(r"^[\w-]+\.(fr|com|net|org|info|be|ch|ca|io|news|co\.uk)$", re.IGNORECASE)


def masthead(lay: Layout) -> Outlet | None:
    """The site's name when the page opens with it: `LE MONDE`, `FOOTDIRECT.fr`,
    `La Voix du Littoral — Actualités…`, `L'ÉCO DU JOUR | Consommation`.

    Only the page's first line counts, and only when it reads as a name (short,
    in capitals, a domain, a known outlet, or followed by a tagline): a section
    banner further down (`ANTI GUERRE`) or a headline is not a masthead.
    """
    if not lay.lines:
        return None
    first = lay.lines[0]
    line = lay.text[first.start:first.end].strip()
    if first.role not in (Role.BANNER, Role.TITLE, Role.CONTENT) or len(line) > 90:
        return None
    parts = _TAGLINE.split(line, maxsplit=1)
    name = parts[0].strip()
    words = name.split()
    if not words or len(words) > 5 or (name.endswith((".", "!", "?")) and not _DOMAIN.match(name)):
        return None
    letters = [c for c in name if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    titled = all(w[:1].isupper() or w.lower() in ("de", "du", "des", "la", "le", "of", "the", "et", "and")
                 for w in words)
    known = lookup_outlet(name) is not None
    if not (known or _DOMAIN.match(name) or (caps and len(words) <= 4) or (len(parts) > 1 and titled)):
        return None
    if caps and not known:
        name = " ".join(w if any(c.isdigit() for c in w) else w.capitalize() for w in words)
    return outlet(name)


def _first(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(line)
        if m:
            return m
    return None
