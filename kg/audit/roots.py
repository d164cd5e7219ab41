"""Root sources of a claim, and how many of them are independent.

A root source is where a copy of the claim starts: the speaker of an
attributed statement, or, for a statement nobody is credited with, the
outlet that first printed the text (the furthest one its credit line names,
else its publisher), or the article itself when the text names no outlet.

Identity. Named speakers, organisations, documents and outlets have one IRI
across articles, so they are one root. Anonymous sources have article-scoped
IRIs (two "officials" in two articles may be two people), but when unnamed
sources carry the same claim into print through the same first outlet, the
likeliest reading is one source quoted once and copied: they are merged into
one probable source, and the merge records its evidence.

Independence. Two roots depend on each other when they share an upstream:
an anonymous root and any root first reported by the same outlet (the unnamed
source could be that very speaker), and an outlet that is itself a root and
any root it first reported. Named speakers first reported by one outlet stay
distinct: two named people confirming a claim to one newspaper are two
sources. Outlets that cite each other in a loop (circular reporting) count as
one upstream. Independent sources are the groups left after these unions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.audit.records import ClaimedStatement, Outlet, Travel
from kg.link.group import UnionFind
from kg.rdf.build import article_iri
from kg.rdf.namespaces import slug

SPEAKER_KINDS = {"person", "organization", "outlet", "document"}
_slug = lru_cache(maxsize=4096)(slug)  # outlet names repeat across thousands of claims


@dataclass(slots=True)
class Origin:
    """Where one statement's copy starts (after merging anonymous sources)."""

    node: str
    label: str
    kind: str  # person, organization, outlet, anonymous, document, article
    anonymous: bool
    first_reported_by: Outlet | None


@dataclass(slots=True)
class RootSource:
    """One first-hand source of a claim."""

    node: str
    speaker: str
    anonymous: bool
    first_reported_by: str | None
    kind: str
    articles: tuple[str, ...]
    statements: int
    descriptions: tuple[str, ...]  # how the articles name or describe it
    evidence: str | None  # why several unnamed mentions count as one source
    group: int  # roots with the same group share an upstream


def speaker_kind(s: ClaimedStatement) -> str:
    if s.anonymous:
        return "anonymous"
    return s.speaker_kind if s.speaker_kind in SPEAKER_KINDS else "person"


def first_outlet(s: ClaimedStatement, travel: Travel | None) -> Outlet | None:
    """The outlet nearest the speaker: the speaker itself if an outlet, else the first outlet
    channel, else the furthest outlet the article credits, else its publisher."""
    if s.attributed:
        if not s.anonymous and s.speaker_kind == "outlet" and s.speaker:
            return Outlet(s.speaker, s.speaker_label or s.speaker)
        for hop in s.via:
            if hop.kind == "outlet":
                return Outlet(hop.target, hop.target_label or hop.label)
    return travel.origin if travel else None


def _raw_origin(s: ClaimedStatement, travel: Travel | None) -> Origin:
    first = first_outlet(s, travel)
    if s.attributed and s.speaker:
        return Origin(node=s.speaker, label=s.speaker_label or s.speaker, kind=speaker_kind(s),
                      anonymous=s.anonymous, first_reported_by=first)
    # Nobody is credited: the text is its own source, i.e. the outlet that wrote it.
    if first is not None:
        return Origin(node=first.iri, label=first.name, kind="outlet", anonymous=False,
                      first_reported_by=first)
    return Origin(node=str(article_iri(s.article)), label=s.article, kind="article", anonymous=False,
                  first_reported_by=None)


def probable_source_node(claim: str, outlet: Outlet) -> str:
    """The node of the unnamed source(s) that reached print through `outlet` for one claim."""
    return f"{claim}/probable-source/{_slug(outlet.name)}"


@dataclass(slots=True)
class Roots:
    origins: tuple[Origin, ...]  # one per statement, aligned with the input
    sources: tuple[RootSource, ...]
    independent: int


def find_roots(claim: str, statements: Sequence[ClaimedStatement], travel: Mapping[str, Travel],
               upstream_group: Mapping[str, str] | None = None) -> Roots:
    """Root sources of one claim's statements.

    `upstream_group` maps outlet IRIs to one representative per group of
    outlets that cite each other in a loop; those count as one upstream.
    """
    groups_of = upstream_group or {}

    def up(iri: str) -> str:
        return groups_of.get(iri, iri)

    raw = [_raw_origin(s, travel.get(s.article)) for s in statements]
    origins: list[Origin] = []
    for o in raw:
        if o.anonymous and o.first_reported_by is not None:
            o = Origin(node=probable_source_node(claim, o.first_reported_by), label=o.label, kind=o.kind,
                       anonymous=True, first_reported_by=o.first_reported_by)
        origins.append(o)

    # Gather each root's mentions: articles, descriptions, the raw nodes merged into it.
    order: list[str] = []
    mentions: dict[str, list[int]] = {}
    for i, o in enumerate(origins):
        if o.node not in mentions:
            order.append(o.node)
            mentions[o.node] = []
        mentions[o.node].append(i)

    index = {node: k for k, node in enumerate(order)}
    uf = UnionFind(len(order))
    by_first: dict[str, list[int]] = {}  # upstream of a root's first outlet → roots
    outlet_roots: dict[str, list[int]] = {}  # upstream → roots that are outlets themselves
    for node in order:
        o = origins[mentions[node][0]]
        if o.first_reported_by is not None:
            by_first.setdefault(up(o.first_reported_by.iri), []).append(index[node])
        if o.kind == "outlet":
            outlet_roots.setdefault(up(node), []).append(index[node])
    for node in order:
        o = origins[mentions[node][0]]
        if o.anonymous and o.first_reported_by is not None:
            first = up(o.first_reported_by.iri)
            for other in (*by_first.get(first, ()), *outlet_roots.get(first, ())):
                uf.union(index[node], other)
        if o.kind == "outlet":
            for other in (*by_first.get(up(node), ()), *outlet_roots.get(up(node), ())):
                uf.union(index[node], other)
    groups = {r: g for g, r in enumerate(dict.fromkeys(uf.find(k) for k in range(len(order))))}

    sources = []
    for node in order:
        idx = mentions[node]
        first = origins[idx[0]]
        descriptions = tuple(dict.fromkeys(origins[i].label for i in idx))
        articles = tuple(dict.fromkeys(statements[i].article for i in idx))
        merged = {raw[i].node for i in idx}
        evidence = None
        if len(merged) > 1 and first.first_reported_by is not None:
            said = "; ".join(f"«{raw[i].label}» in {statements[i].article}"
                             for i in dict.fromkeys(_first_mention(raw, idx)))
            evidence = (f"{len(merged)} unnamed sources ({said}) carry this claim, each first "
                        f"reported by {first.first_reported_by.name}: counted as one probable source")
        sources.append(RootSource(
            node=node, speaker=first.label, anonymous=first.anonymous,
            first_reported_by=first.first_reported_by.name if first.first_reported_by else None,
            kind=first.kind, articles=articles, statements=len(idx), descriptions=descriptions,
            evidence=evidence, group=groups[uf.find(index[node])]))
    return Roots(origins=tuple(origins), sources=tuple(sources), independent=len(groups))


def _first_mention(raw: Sequence[Origin], idx: Sequence[int]) -> list[int]:
    # One mention per distinct unnamed source, in text order.
    seen: dict[str, int] = {}
    for i in idx:
        seen.setdefault(raw[i].node, i)
    return list(seen.values())
