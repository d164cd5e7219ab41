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
from kg.extract.sites import site_of, spelled_as_domain
from kg.model import Outlet, OutletKind, PublisherEvidence


@dataclass(frozen=True)
class Travel:
    publisher: Outlet | None
    republished_from: tuple[Outlet, ...]
    translated_by: Outlet | None
    publisher_evidence: PublisherEvidence | None = None


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


def find_travel(lay: Layout, lex: Lexicon, declared_publisher: str | None = None,
                url: str | None = None) -> Travel:
    """Publisher, chain and translator; the publisher from the strongest evidence.

    The page's own metadata (`declared_publisher`) comes first, then the site its
    URL belongs to, and only for a copy with neither, what the text says of
    itself (masthead, `© X`, a staff byline, a lone wire credit). When the
    address names the site, a text credit naming another outlet says where the
    text was taken from: it joins the chain instead.
    """
    named, chain, translator = _read_credits(lay, lex)
    site = site_of(url)
    if declared_publisher and (declared := outlet(declared_publisher)):
        publisher, evidence = declared, PublisherEvidence.METADATA
    elif site is not None:
        publisher, evidence = site.outlet, PublisherEvidence.DOMAIN
        if named is not None and not site.known and spelled_as_domain(named.name, site):
            publisher = named  # the site's own name for itself, confirmed by its address
    elif named is not None:
        publisher, evidence = named, PublisherEvidence.TEXT
    else:
        return Travel(None, tuple(chain), translator)
    if named is not None and fold(named.name) != fold(publisher.name) and named != translator:
        chain.insert(0, named)
    chain = [o for o in chain if fold(o.name) != fold(publisher.name)]
    return Travel(publisher, tuple(_unique(chain)), translator, evidence)


def _unique(chain: list[Outlet]) -> list[Outlet]:
    seen: list[Outlet] = []
    for o in chain:
        _add(seen, o)
    return seen


def _read_credits(lay: Layout, lex: Lexicon) -> tuple[Outlet | None, list[Outlet], Outlet | None]:
    """What the text says of itself: the outlet it names as its own, the chain, the translator."""
    text = lay.text
    publisher: Outlet | None = None
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
    for stamp in _source_stamps(lay, lex):
        _add(sources, stamp)
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
    return publisher, chain, translator


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


_HEAD_LINES = 12
_DATE_NUMERIC = re.compile(r"^\W*\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\W*$")
_STAMP = re.compile(r"^(?P<a>.+?)\s+(?P<d>\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)$")
_WORD = re.compile(r"[^\W\d_]+|\d+")


def _source_stamps(lay: Layout, lex: Lexicon) -> list[Outlet]:
    """Outlets named by a source stamp in the page head: the outlet's name with the
    time of its copy, on one line (`CGTN 2023-02-10 17:55:57`) or on the next
    (`OnzeMondial` then `·8 février 2026`), as aggregators and syndication
    feeds print the origin of what they carry. Only gazetteer outlets count: a
    name before a date is as often the author's.
    """
    text = lay.text
    lines = [text[ln.start:ln.end].strip() for ln in lay.lines[:_HEAD_LINES]]
    lines = [ln for ln in lines if ln]
    found: list[Outlet] = []
    for k, line in enumerate(lines):
        if len(line) > 60:
            continue
        m = _STAMP.match(line)
        if m:
            entry = lookup_outlet(m.group("a"))
        elif k + 1 < len(lines) and _is_date_line(lines[k + 1], lex):
            entry = lookup_outlet(line)
        else:
            continue
        if entry is not None:
            found.append(Outlet(entry.name, entry.kind))
    return found


def _is_date_line(line: str, lex: Lexicon) -> bool:
    """A line that is only a date (`·8 février 2026`, `Feb. 8, 2026`, `2026-02-08`)."""
    if _DATE_NUMERIC.match(line):
        return True
    words = [fold(w) for w in _WORD.findall(line)]
    return (0 < len(words) <= 6 and any(w in lex.months for w in words)
            and any(w.isdigit() and len(w) == 4 for w in words)
            and all(w.isdigit() or w in lex.months or len(w) <= 3 for w in words))


def _first(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(line)
        if m:
            return m
    return None
