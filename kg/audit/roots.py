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

Independence must be earned (`kg.audit.identity`): two roots are joined
unless the evidence shows them independent, i.e. two identified speakers who
are not one entity, or two first outlets each with its own access. An unnamed
root first reported by the outlet that carries an identified speaker may be
that very speaker. Outlets that cite each other in a loop (circular
reporting) count as one upstream. Independent sources are the groups left
after these unions, and `Roots.reasons` says why they count apart, or why
they count as one.

Copies. An article that copies another (`kg.link.copies`: text reuse, or a
translation) and names no channel of its own for a statement adds no source:
that statement takes the origin of the copied article's statement in the
same claim, however the copy names or misnames the speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.audit.identity import RootView, indefinite, independent
from kg.audit.records import ArticleTravel, OutletNode, StatementRow
from kg.link.conflicts import is_name
from kg.link.copies import originals
from kg.link.group import UnionFind
from kg.model import InferredCopy
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
    first_reported_by: OutletNode | None


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


def speaker_kind(s: StatementRow) -> str:
    if s.anonymous:
        return "anonymous"
    return s.speaker_kind if s.speaker_kind in SPEAKER_KINDS else "person"


def first_outlet(s: StatementRow, travel: ArticleTravel | None) -> OutletNode | None:
    """The outlet nearest the speaker: the speaker itself if an outlet, else the first outlet
    channel, else the furthest outlet the article credits, else its publisher."""
    if s.attributed:
        if not s.anonymous and s.speaker_kind == "outlet" and s.speaker:
            return OutletNode(s.speaker, s.speaker_label or s.speaker)
        for hop in s.via:
            if hop.kind == "outlet":
                return OutletNode(hop.target, hop.target_label or hop.label)
    return travel.origin if travel else None


def _raw_origin(s: StatementRow, travel: ArticleTravel | None) -> Origin:
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


def probable_source_node(claim: str, outlet: OutletNode) -> str:
    """The node of the unnamed source(s) that reached print through `outlet` for one claim."""
    return f"{claim}/probable-source/{_slug(outlet.name)}"


@dataclass(slots=True)
class Roots:
    origins: tuple[Origin, ...]  # one per statement, aligned with the input
    sources: tuple[RootSource, ...]
    independent: int
    reasons: tuple[str, ...] = ()  # why the independent sources count as such, or why they count as one
    raw: tuple[Origin, ...] = ()  # each statement's origin before unnamed sources are merged


def find_roots(claim: str, statements: Sequence[StatementRow], travel: Mapping[str, ArticleTravel],
               upstream_group: Mapping[str, str] | None = None, *, again: Roots | None = None,
               copies: Mapping[str, InferredCopy] | None = None) -> Roots:
    """Root sources of one claim's statements.

    `upstream_group` maps outlet IRIs to one representative per group of
    outlets that cite each other in a loop; those count as one upstream.
    `again`: the same claim's roots found before without those groups, whose
    origins do not depend on them (recounting after a loop need not redo them).
    `copies`: copying article → what it copies (`kg.link.copies.find_copies`, kept by `kg link`).
    """
    groups_of = upstream_group or {}

    def up(iri: str) -> str:
        return groups_of.get(iri, iri)

    inherited: tuple[str, ...] = ()
    if again is not None and again.raw:
        raw, origins = list(again.raw), list(again.origins)
        inherited = tuple(r for r in again.reasons if " copies " in r)
    else:
        raw, origins = _origins(claim, statements, travel)
        if copies:
            inherited = _inherit(statements, raw, origins, copies, travel)

    # Gather each root's mentions: articles, descriptions, the raw nodes merged into it.
    order: list[str] = []
    mentions: dict[str, list[int]] = {}
    for i, o in enumerate(origins):
        if o.node not in mentions:
            order.append(o.node)
            mentions[o.node] = []
        mentions[o.node].append(i)

    views = [_view(origins[mentions[node][0]], statements[mentions[node][0]], up) for node in order]
    uf, reasons = _independence(views)
    groups = {r: g for g, r in enumerate(dict.fromkeys(uf.find(k) for k in range(len(order))))}

    sources = []
    for k, node in enumerate(order):
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
            evidence=evidence, group=groups[uf.find(k)]))
    return Roots(origins=tuple(origins), sources=tuple(sources), independent=len(groups),
                 reasons=inherited + reasons, raw=tuple(raw))


def _own_channel(s: StatementRow, travel: ArticleTravel | None) -> bool:
    """The statement says its speaker spoke to the article's own publisher ("told us"). Any other
    channel a copy names is part of the text it copied, not an access of its own."""
    publisher = travel.publisher if travel is not None else None
    return publisher is not None and s.attributed and any(
        h.kind == "outlet" and h.target == publisher.iri for h in s.via)


def _inherit(statements: Sequence[StatementRow], raw: list[Origin], origins: list[Origin],
             copies: Mapping[str, InferredCopy], travel: Mapping[str, ArticleTravel]) -> tuple[str, ...]:
    """Copies without a channel of their own take the origin of what they copy (module docstring).
    Rewrites `raw` and `origins` in place; returns one reason per copy that inherited."""
    first_of: dict[str, int] = {}
    for i, s in enumerate(statements):
        first_of.setdefault(s.article, i)
    present = set(first_of)
    reasons: dict[str, str] = {}
    for i, s in enumerate(statements):
        chain = originals(copies, s.article, present)
        if not chain or _own_channel(s, travel.get(s.article)):
            continue
        # The furthest original: its own origin, not one inherited (its first statement in the claim).
        source = first_of[chain[-1].original]
        was = raw[i].label
        raw[i], origins[i] = raw[source], origins[source]
        reasons.setdefault(s.article, "; ".join(c.describe() for c in chain)
                           + f": its «{was}» is the «{raw[source].label}» of {chain[-1].original}")
    return tuple(reasons.values())


def _origins(claim: str, statements: Sequence[StatementRow], travel: Mapping[str, ArticleTravel]
             ) -> tuple[list[Origin], list[Origin]]:
    """Each statement's origin as written, and after unnamed sources are merged per first outlet."""
    raw = [_raw_origin(s, travel.get(s.article)) for s in statements]
    origins: list[Origin] = []
    for o in raw:
        if o.anonymous and o.first_reported_by is not None:
            o = Origin(node=probable_source_node(claim, o.first_reported_by), label=o.label, kind=o.kind,
                       anonymous=True, first_reported_by=o.first_reported_by)
        origins.append(o)
    return raw, origins


def _view(o: Origin, s: StatementRow, up: Callable[[str], str]) -> RootView:
    """What independence looks at in a root: an outlet speaking in its own voice, or an outlet the
    source spoke to (or whose own article quotes it), is access; a statement credited to no one has none."""
    first = up(o.first_reported_by.iri) if o.first_reported_by is not None else None
    # A speaker written without a capital («le groupe de pneumatiques») is described, not named:
    # it identifies no one apart from the claim's other sources.
    named = not o.anonymous and o.kind in {"person", "organization", "document"} and is_name(o.label)
    access = access_name = None
    explicit = False
    if o.kind in {"outlet", "article"}:
        # An outlet speaking in its own voice; for text credited to no one, the outlet that printed
        # it first (the article itself when it names none).
        access, access_name, explicit = up(o.node), o.label, s.attributed
    elif s.attributed and o.anonymous and o.first_reported_by is not None:
        explicit = any(h.kind == "outlet" for h in s.via)
        if explicit or indefinite(o.label):
            access, access_name = first, o.first_reported_by.name
    label = o.label if o.kind != "outlet" or o.first_reported_by is None else o.first_reported_by.name
    return RootView(label=label, named=named, anonymous=o.anonymous, access=access, first=first, kind=o.kind,
                    explicit=explicit, access_name=access_name)


def _independence(views: Sequence[RootView]) -> tuple[UnionFind, tuple[str, ...]]:
    """Roots joined unless the evidence shows them independent (`kg.audit.identity`), and why."""
    uf = UnionFind(len(views))
    why: dict[tuple[int, int], str] = {}
    # Roots that look alike (same description, kind and outlets) are decided once: a claim copied
    # by hundreds of articles has hundreds of roots but few distinct ones.
    distinct: dict[tuple[object, ...], int] = {}
    for k, v in enumerate(views):
        key = (v.label, v.named, v.anonymous, v.access, v.first, v.kind, v.explicit)
        if key in distinct:
            uf.union(distinct[key], k)
        else:
            distinct[key] = k
    heads = list(distinct.values())
    for x, a in enumerate(heads):
        for b in heads[x + 1:]:
            if uf.find(a) == uf.find(b):
                # Already one source: a reason found now would be dropped below, and a join changes nothing.
                continue
            reason = independent(views[a], views[b])
            if reason is None:
                uf.union(a, b)
            else:
                why[(a, b)] = reason
    reasons: list[str] = []
    seen: set[tuple[int, int]] = set()
    for (a, b), reason in why.items():
        ga, gb = uf.find(a), uf.find(b)
        pair = (min(ga, gb), max(ga, gb))
        if ga != gb and pair not in seen:
            seen.add(pair)  # one reason per pair of independent groups
            reasons.append(reason)
    if len(views) > 1 and not reasons:
        reasons.append("no copy shows a source of its own: counted as one source")
    return uf, tuple(reasons)


def _first_mention(raw: Sequence[Origin], idx: Sequence[int]) -> list[int]:
    # One mention per distinct unnamed source, in text order.
    seen: dict[str, int] = {}
    for i in idx:
        seen.setdefault(raw[i].node, i)
    return list(seen.values())
