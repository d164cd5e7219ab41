"""The route of one statement from its root source to the reader, step by step.

speaker ─told→ first channel ─cited→ … ─cited→ furthest upstream outlet
─republished→ … ─republished (or translated)→ publisher ─published→ article

Each step has a role (root, via, upstream, translator, publisher, article);
the relation of an edge follows from the roles at its two ends.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kg.audit.records import ArticleTravel, Hop, OutletNode, StatementRow
from kg.audit.roots import SPEAKER_KINDS, Origin
from kg.rdf.build import article_iri

WORD_RELATIONS = frozenset({"told", "reported", "cited"})  # edges the statement's words travel along


@dataclass(slots=True)
class Step:
    node: str
    kind: str  # person, organization, outlet, anonymous, document, article, audience
    label: str
    anonymous: bool
    role: str  # root, via, upstream, translator, publisher, article
    translated: bool = False  # a publisher that is also the translator


def _hop_kind(hop: Hop) -> str:
    if hop.kind == "outlet":
        return "outlet"
    if hop.kind in ("audience", "interview"):
        return "audience"
    if hop.kind == "document":
        return "document"
    # A relay: the speaker kind it has elsewhere in the article, if any.
    if hop.target_kind == "anonymous":
        return "anonymous"
    return hop.target_kind if hop.target_kind in SPEAKER_KINDS else "person"


def _outlet_step(o: OutletNode, role: str, translated: bool = False) -> Step:
    return Step(node=o.iri, kind="outlet", label=o.name, anonymous=False, role=role, translated=translated)


def statement_path(s: StatementRow, origin: Origin, travel: ArticleTravel | None) -> list[Step]:
    """The steps from the root source to the article, with repeated nodes folded."""
    return merge_repeats(route_prefix(s, origin) + travel_route(s.article, travel))


def route_prefix(s: StatementRow, origin: Origin) -> list[Step]:
    """The steps a statement's own words name: its speaker and the channels it went through."""
    # An unattributed statement's root is the first outlet of its article's travel
    # (or the article itself), which `travel_route` adds anyway.
    if not s.attributed:
        return []
    steps = [Step(node=origin.node, kind=origin.kind, label=origin.label, anonymous=origin.anonymous,
                  role="root")]
    for hop in s.via:
        kind = _hop_kind(hop)
        steps.append(Step(node=hop.target, kind=kind, label=hop.target_label or hop.label,
                          anonymous=kind == "anonymous", role="via"))
    return steps


def travel_route(article: str, travel: ArticleTravel | None, article_node: str | None = None) -> list[Step]:
    """The steps every statement of one article shares: upstream outlets, translator, publisher, article."""
    steps: list[Step] = []
    if travel is not None:
        for o in reversed(travel.upstream):
            steps.append(_outlet_step(o, "upstream"))
        pub, tr = travel.publisher, travel.translator
        if tr is not None and (pub is None or tr.iri != pub.iri):
            steps.append(_outlet_step(tr, "translator"))
        if pub is not None:
            steps.append(_outlet_step(pub, "publisher", translated=tr is not None and tr.iri == pub.iri))
    steps.append(Step(node=article_node or str(article_iri(article)), kind="article", label=article,
                      anonymous=False, role="article"))
    return steps


def merge_repeats(steps: list[Step]) -> list[Step]:
    """Merge a step into the previous one when both are the same node.

    "selon Al-Monitor" in an article taken from Al-Monitor names one outlet
    twice in a row; the later role (its place in the article's travel) wins,
    except that a root stays a root. `merge_repeats(a + b) == merge_repeats(merge_repeats(a) + merge_repeats(b))`,
    so an article's shared route can be merged once (`kg.audit.routes`).
    """
    out: list[Step] = []
    for step in steps:
        if out and out[-1].node == step.node:
            if out[-1].role != "root":
                out[-1] = replace(step, label=out[-1].label)
            continue
        out.append(step)
    return out


def relation(prev: Step, nxt: Step) -> str:
    """The edge relation between two consecutive steps (see the module docstring)."""
    if nxt.role == "via":
        if prev.role == "root":
            return "told"
        return "reported" if prev.kind == "audience" else "cited"
    if prev.role == "root":
        return "reported"
    if prev.role == "via":
        return "reported" if prev.kind == "audience" else "cited"
    if nxt.role == "article":
        return "published" if prev.role == "publisher" else "republished"
    if nxt.role == "translator" or nxt.translated:
        return "translated"
    return "republished"
