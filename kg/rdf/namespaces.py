"""Every IRI `kg` writes comes from this module.

Vocabulary terms come from closed namespaces (a misspelt term raises
`AttributeError` at the line that uses it, instead of quietly producing an
IRI no query will ever match). Instance IRIs come from `mint`, which builds
readable paths under one base from normalised names, article ids and offsets,
so the same input always gives the same IRI and the same outlet named in two
articles is one node.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS as _RDFLIB_DCTERMS
from rdflib.namespace import OWL, RDF, RDFS, SH, DefinedNamespace
from rdflib.namespace import PROV as _RDFLIB_PROV
from rdflib.namespace import SDO as _RDFLIB_SDO
from rdflib.namespace import XSD as _RDFLIB_XSD

from kg.errors import InputError, UnknownNameError
from kg.text import fold_words

__all__ = [
    "CP",
    "DCTERMS",
    "ID",
    "OA",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "XSD",
    "bind_prefixes",
    "mint",
    "slug",
]


class CP(DefinedNamespace):
    """The claimprov vocabulary; every member is declared in `ontology/claimprov.ttl`."""

    _NS = Namespace("https://w3id.org/claimprov#")
    _fail = True

    # classes
    Attribution: URIRef
    AttributionKind: URIRef
    AnonymousSource: URIRef
    Channel: URIRef
    Claim: URIRef
    Copy: URIRef
    Document: URIRef
    InferredDerivation: URIRef
    Relay: URIRef
    Statement: URIRef
    UnattributedStatement: URIRef
    # individuals of cp:AttributionKind
    Direct: URIRef
    Indirect: URIRef
    Mixed: URIRef
    # object properties
    channel: URIRef
    cueSelector: URIRef
    hasStatement: URIRef
    kind: URIRef
    mentionSelector: URIRef
    reportedIn: URIRef
    republishedFrom: URIRef
    statement: URIRef
    through: URIRef
    # datatype properties
    anonymous: URIRef
    channelKind: URIRef
    contentDigest: URIRef
    copiesChecked: URIRef
    cue: URIRef
    derivationMethod: URIRef
    hedge: URIRef
    institution: URIRef
    mention: URIRef
    outletKind: URIRef
    packedClaims: URIRef
    packedFacts: URIRef
    position: URIRef
    publisherEvidence: URIRef
    rank: URIRef
    reusedShare: URIRef
    speakerKind: URIRef


class OA(DefinedNamespace):
    """The part of the W3C Web Annotation vocabulary `kg` uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    start: URIRef


# rdflib's own copies of these vocabularies only warn on an unknown term;
# subclassing with `_fail` turns the warning into an error, keeping the term lists.
class PROV(_RDFLIB_PROV):
    _fail = True


class SCHEMA(_RDFLIB_SDO):
    _fail = True


class DCTERMS(_RDFLIB_DCTERMS):
    _fail = True


class XSD(_RDFLIB_XSD):
    _fail = True


# rdflib's RDF, RDFS, OWL and SH are closed already.


ID = Namespace("https://w3id.org/claimprov/id/")

PREFIXES: dict[str, str] = {
    "cp": str(CP),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so serialisations and SPARQL read the same everywhere."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


# ---------------------------------------------------------------- instance IRIs

_MAX_SLUG = 80


def slug(name: str) -> str:
    """Fold a name to a path segment: `Al-Monitor`, `AL MONITOR` and `al-monitor` agree.

    Accents, case, apostrophes and punctuation are folded away on purpose, because
    two spellings of a name in two articles must meet on one node. Scripts without a
    Latin form (Arabic, Cyrillic) keep their letters, which IRIs allow. A name that
    folds to nothing, or a very long one, gets a hash so distinct inputs stay apart.
    """
    text = fold_words(name, sep="-")
    if not text:
        return "h-" + _short_hash(name)
    if len(text) > _MAX_SLUG:
        # The hash is of the folded text, so spellings that fold alike still agree.
        return text[:_MAX_SLUG].rstrip("-") + "-" + _short_hash(text)
    return text


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _id_segment(value: str) -> str:
    # Ids name files and JSON Lines records, so unlike names they must stay distinct:
    # percent-encoding is injective and leaves the usual `000_fee7a79d059e0f4e` as is.
    if not value:
        raise InputError("an id used in an IRI must not be empty")
    return quote(value, safe="-._~")


def _int_segment(value: str) -> str:
    if not value.isascii() or not value.isdigit():
        raise InputError(f"expected a non-negative integer in an IRI, got {value!r}")
    return str(int(value))


_SEGMENT = {"id": _id_segment, "name": slug, "int": _int_segment}

# kind -> (what each part is, path template). Anything said by or about one
# article only (anonymous sources, audiences, spans, copies) lives under that
# article's path so it can never merge with another article's.
_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "article": (("id",), "article/{0}"),
    "graph": (("id",), "graph/{0}"),
    "claims-graph": ((), "graph-claims"),
    "claim": (("id",), "claim/{0}"),
    "outlet": (("name",), "outlet/{0}"),
    "agent": (("name",), "agent/{0}"),
    "organization": (("name",), "organization/{0}"),
    "document": (("name",), "document/{0}"),
    "source": (("id", "name"), "article/{0}/source/{1}"),
    "audience": (("id", "name"), "article/{0}/audience/{1}"),
    "relay": (("id", "name"), "article/{0}/relay/{1}"),
    "copy": (("id", "int"), "article/{0}/copy/{1}"),
    "derivation": (("id", "id"), "article/{0}/derived-from/{1}"),
    "attribution": (("id", "int"), "article/{0}/attribution/{1}"),
    "channel": (("id", "int", "int"), "article/{0}/attribution/{1}/channel/{2}"),
    "statement": (("id", "int", "int"), "article/{0}/statement/{1}-{2}"),
    "selector": (("id", "int", "int"), "article/{0}/selector/{1}-{2}"),
}

MINT_KINDS: tuple[str, ...] = tuple(sorted(_KINDS))


def mint(kind: str, *parts: str) -> URIRef:
    """The IRI of one instance, e.g. `mint("outlet", "Al-Monitor")` → `…/id/outlet/al-monitor`.

    `kind` is one of `MINT_KINDS`; the parts are article ids (kept distinct),
    names (folded by `slug`) or non-negative integers given as strings, in the
    order the kind's path needs them.
    """
    try:
        roles, template = _KINDS[kind]
    except KeyError:
        raise UnknownNameError("IRI kind", kind, _KINDS) from None
    if len(parts) != len(roles):
        raise InputError(f"IRI kind {kind!r} takes {len(roles)} part(s) ({', '.join(roles) or 'none'}), "
                         f"got {len(parts)}: {parts!r}")
    segments = [_SEGMENT[role](part) for role, part in zip(roles, parts, strict=True)]
    return ID[template.format(*segments)]
