"""Source identity and earned independence between the root sources of one claim.

Identity. Roots are entities, not strings. Two named speakers are one source
when the words of one name are all in the other once titles and the generic
heads of bodies are set aside (`Ghosn` = `Carlos Ghosn`, `Michelin` =
`groupe Michelin` = `la direction de Michelin`). Two unnamed sources are one
when their descriptions are compatible: no different institution, and the
text does not set them apart (`un autre responsable`, `a second official`,
`deux autres sources`). `a U.S. official` = `one US official` = `an American
official`; `la direction` = `la direction de l'entreprise`.

Independence must be earned. Two roots count as independent only on evidence:
two identified speakers who are not one entity, or two different first
outlets each with its own access (the source spoke to it, or it reports in
its own voice). A root with no such evidence (an unnamed source whose copy
names no outlet with access, a statement credited to no one) cannot be told
apart from the others and counts with them: when in doubt, one source, and
the reasons say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.link.conflicts import transliterated
from kg.text import fold_words

# Heads and fillers that name no one in particular: "le groupe X" is X, "la direction de X" is X.
_GENERIC = frozenset("""
le la les l un une des de du d au aux et the a an of one two three some several
groupe group societe company entreprise firm direction management porte parole spokesman spokeswoman
president presidente chairman ceo patron directeur directrice chef head minister ministre premier premiere
mme m mr mrs ms dr monsieur madame sir
source sources responsable responsables official officials proche proches familiar close people personnes
person personne matter dossier deal talks enquete investigation case affaire
haut haute hauts hautes senior high level niveau
""".split())  # noqa: SIM905 (a word list reads better as text)
# Nationality words that name the same country (folded).
_COUNTRY = {"americain": "us", "americaine": "us", "americains": "us", "americaines": "us", "american": "us",
            "americans": "us", "us": "us", "u": "us", "s": "", "etats": "us", "unis": "", "etatsunien": "us",
            "francais": "fr", "francaise": "fr", "french": "fr", "france": "fr"}
# Words by which a text sets a second source apart from the first.
_OTHER = re.compile(r"\b(?:autre|autres|second|seconde|deuxieme|another|other|second|third|troisieme)\b")


def _words(text: str) -> list[str]:
    return fold_words(text).split()


@lru_cache(maxsize=65536)  # descriptions repeat across thousands of claims: fold each once
def name_key(name: str) -> frozenset[str]:
    """The words that identify a named speaker or body (titles and generic heads left out)."""
    return frozenset(w for w in _words(name) if w not in _GENERIC and len(w) > 1)


def same_named(a: str, b: str) -> bool:
    """One named entity: the identifying words of one name are all in the other's, or one
    person's name transliterated two ways (`kg.link.conflicts.transliterated`)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return fold_words(a) == fold_words(b)
    if ka <= kb or kb <= ka:
        return True
    return transliterated([w for w in _words(a) if w in ka], [w for w in _words(b) if w in kb])


@lru_cache(maxsize=65536)  # descriptions repeat across thousands of claims: fold each once
def _facets(description: str) -> tuple[frozenset[str], bool]:
    """What an unnamed source's description says: its identifying words (countries folded to
    one code) and whether it sets itself apart from another source."""
    words = _words(description)
    out = set()
    for w in words:
        if w in _COUNTRY:
            if _COUNTRY[w]:
                out.add(_COUNTRY[w])
        elif w not in _GENERIC and len(w) > 2 and not _OTHER.fullmatch(w):
            out.add(w)
    return frozenset(out), bool(_OTHER.search(" ".join(words)))


def compatible_unnamed(a: str, b: str) -> bool:
    """Two descriptions of unnamed sources that may be one source: neither says it is another one,
    and what one says of its institution the other does not contradict (one's words within the other's)."""
    fa, other_a = _facets(a)
    fb, other_b = _facets(b)
    if other_a or other_b:
        return False
    return fa <= fb or fb <= fa


@dataclass(slots=True)
class RootView:
    """What independence looks at in one root."""

    label: str
    named: bool  # an identified person, body or document (not an outlet, not unnamed)
    anonymous: bool
    access: str | None  # the first outlet shown to have had access (channel, own voice, own article)
    first: str | None  # the first outlet on the way, with or without shown access
    kind: str = "person"  # person, organization, document, outlet, anonymous, article
    explicit: bool = False  # the access is written (a channel, the outlet's own voice), not inferred
    access_name: str | None = None  # the access outlet as the reasons name it


_INDEFINITE = frozenset(["un", "une", "des", "a", "an", "one", "two", "three", "deux", "trois", "plusieurs",
                         "several", "some", "people"])


@lru_cache(maxsize=65536)  # descriptions repeat across thousands of claims: fold each once
def plural(description: str) -> bool:
    """`médias`, `des responsables`, `US officials`: several people, so not one identified person."""
    words = [w for w in _words(description) if w not in {"le", "la", "les", "l", "des", "de", "du", "d"}]
    return (bool(words) and len(words[0]) > 3 and words[0].endswith(("s", "x"))) or bool(
        words and words[0] in {"deux", "trois", "two", "three", "plusieurs", "several"})


@lru_cache(maxsize=65536)  # descriptions repeat across thousands of claims: fold each once
def indefinite(description: str) -> bool:
    """`une source`, `a U.S. official`, `people familiar…`: a source introduced as new, which an
    article's own reporting can have. `le responsable policier`, `la Première ministre danoise`
    point back to someone known (often named elsewhere), who is no source of the outlet's own."""
    words = _words(description)
    return bool(words) and (words[0] in _INDEFINITE or words[0].isdigit())


def independent(a: RootView, b: RootView) -> str | None:
    """Why a and b are independent sources, or None when nothing shows it."""
    if not a.anonymous and not b.anonymous and same_named(a.label, b.label):
        return None  # one name, whatever its kind: a journalist's blog speaks with its author's voice
    if a.named and b.named:
        if same_named(a.label, b.label):
            return None
        if a.kind != b.kind:
            return None  # a person may speak for the body (a chief executive for the company)
        return f"«{a.label}» and «{b.label}» are two identified speakers"
    if a.anonymous and b.anonymous and compatible_unnamed(a.label, b.label) and not (
            a.explicit and b.explicit and a.access != b.access):
        return None  # one description, and no two outlets that each say they spoke to it
    for x, y in ((a, b), (b, a)):
        if x.named and y.access is not None:
            # An unnamed source (or an outlet) with access of its own, beside an identified speaker.
            if y.access == x.first:
                return None  # the unnamed source could be that very speaker, through the same outlet
            return f"«{y.label}» reached {y.access_name or y.access} on its own, apart from «{x.label}»"
    for x, y in ((a, b), (b, a)):
        if x.named and x.kind == "person" and y.anonymous and plural(y.label):
            return f"«{y.label}» are several, so not «{x.label}» alone"
    if a.access is not None and b.access is not None and a.access != b.access:
        return (f"{a.access_name or a.access} and {b.access_name or b.access} each had their own access "
                f"(«{a.label}», «{b.label}»)")
    return None
