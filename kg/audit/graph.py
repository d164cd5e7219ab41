"""networkx projections of the provenance graph, in the schema the views draw.

Node attributes: `kind` (person, organization, outlet, anonymous, document,
article, audience), `label`, `anonymous`, `hop` (0 at root sources, growing
toward the articles), `detail` (plain text for a tooltip, not escaped),
`article_id` (article nodes), `claims` and `single_source_claims` (outlet
graph: claims through the outlet, and those of them with one independent source).
Edge attributes: `relation` (told, reported, republished, translated, cited,
published; reused: an uncredited copy inferred from the texts, article to article),
`quote`, `cue`, `article_id`, `start`/`end` (-1 when the edge
carries no words), `weight` (outlet graph).
Graph attributes: `claim_id`, `summary`, `single_source`.
Edges point from the root source toward the reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg.audit.paths import WORD_RELATIONS, Step, relation
from kg.audit.records import ArticleTravel, StatementRow
from kg.audit.roots import Roots
from kg.model import InferredCopy
from kg.rdf.build import article_iri

_ROLE_WORDS = {"root": "source", "via": "channel", "upstream": "republished from", "translator": "translator",
               "publisher": "publisher", "article": "article"}
_MAX_LINES = 5
_MAX_QUOTE = 240


@dataclass
class _Notes:
    roles: dict[str, None] = field(default_factory=dict)  # ordered set
    articles: dict[str, None] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def _clip(text: str, n: int = _MAX_QUOTE) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def set_hops(g: nx.DiGraph) -> None:
    """hop = length of the longest path from a node with no predecessor.

    Computed on the condensation (each strongly connected component one
    node), so a reporting loop gets one level instead of making the longest
    path undefined.
    """
    if not g:
        return
    cond = nx.condensation(g)
    level: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        level[c] = max((level[p] + 1 for p in cond.predecessors(c)), default=0)
    mapping = cond.graph["mapping"]
    for n in g:
        g.nodes[n]["hop"] = level[mapping[n]]


def _add_node(g: nx.DiGraph, step: Step) -> None:
    if step.node in g:
        return
    attrs: dict[str, object] = {"kind": step.kind, "label": step.label, "anonymous": step.anonymous,
                                "hop": 0, "detail": ""}
    if step.kind == "article":
        attrs["article_id"] = step.label
    g.add_node(step.node, **attrs)


def _edge_attrs(rel: str, s: StatementRow) -> dict[str, object]:
    words = rel in WORD_RELATIONS
    return {"relation": rel, "quote": s.text if words else "", "cue": (s.cue or "") if words else "",
            "article_id": s.article, "start": s.start if words else -1, "end": s.end if words else -1}


def _article_detail(aid: str, travel: ArticleTravel | None) -> str:
    parts = [f"article {aid}"]
    if travel is not None:
        if travel.title:
            parts.append(travel.title)
        if travel.publisher:
            parts.append(f"published by {travel.publisher.name}")
        if travel.upstream:
            parts.append("taken from " + " ← ".join(o.name for o in travel.upstream))
        if travel.translator:
            parts.append(f"translated by {travel.translator.name}")
    return "\n".join(parts)


def provenance_graph(claim_id: str, summary: str, statements: Sequence[StatementRow],
                     paths: Sequence[Sequence[Step]], roots: Roots, travel: Mapping[str, ArticleTravel]) -> nx.DiGraph:
    """One claim's provenance: every copy's route from its root source to its article."""
    g: nx.DiGraph[str] = nx.DiGraph(claim_id=claim_id, summary=summary, single_source=roots.independent == 1)
    notes: dict[str, _Notes] = {}
    for s, path in zip(statements, paths, strict=True):
        for step in path:
            _add_node(g, step)
            n = notes.setdefault(step.node, _Notes())
            n.roles[step.role] = None
            n.articles[s.article] = None
        if s.attributed and path and path[0].role == "root":
            cue = f" — {s.cue}" if s.cue else ""
            notes[path[0].node].lines.append(f"«{_clip(s.text)}»{cue} ({s.article} {s.start}-{s.end})")
        for prev, nxt in pairwise(path):
            if prev.node != nxt.node and not g.has_edge(prev.node, nxt.node):
                g.add_edge(prev.node, nxt.node, **_edge_attrs(relation(prev, nxt), s))
    evidence = {r.node: r for r in roots.sources}
    for node, n in notes.items():
        attrs = g.nodes[node]
        if attrs["kind"] == "article":
            attrs["detail"] = _article_detail(attrs["article_id"], travel.get(attrs["article_id"]))
            continue
        head = f"{attrs['label']} ({attrs['kind']}): " + ", ".join(_ROLE_WORDS[r] for r in n.roles)
        lines = [head, "in " + ", ".join(n.articles)]
        root = evidence.get(node)
        if root is not None and len(root.descriptions) > 1:
            lines.append("also described as " + "; ".join(root.descriptions[1:]))
        if root is not None and root.evidence:
            lines.append(root.evidence)
        lines += n.lines[:_MAX_LINES]
        if len(n.lines) > _MAX_LINES:
            lines.append(f"… and {len(n.lines) - _MAX_LINES} more statements")
        attrs["detail"] = "\n".join(lines)
    set_hops(g)
    return g


def add_inferred_copies(g: nx.DiGraph, copies: Iterable[InferredCopy]) -> None:
    """Draw each uncredited copy between two of the graph's articles as a `reused` edge, original
    to copy, apart from the credited routes; the copy's article says what the evidence is."""
    added = False
    for c in copies:
        u, v = str(article_iri(c.original)), str(article_iri(c.copy))
        if u in g and v in g and not g.has_edge(u, v):
            g.add_edge(u, v, relation="reused", quote="", cue="", article_id=c.copy, start=-1, end=-1)
            note = f"copies {c.original} without credit ({c.how}, {round(c.share * 100)} % of it)"
            g.nodes[v]["detail"] = "\n".join(x for x in (g.nodes[v].get("detail"), note) if x)
            added = True
    if added:
        set_hops(g)


def outlet_projection(claim_paths: Iterable[tuple[str, Sequence[Sequence[Step]], Sequence[StatementRow], bool]]
                      ) -> nx.DiGraph:
    """Outlets of every claim, linked along the routes claims took between them.

    Each item is (claim id, its statements' paths, its statements, whether it
    is single-source). `claims` on a node counts the claims that passed
    through the outlet, `single_source_claims` those of them that all lead
    back to one independent source; `weight` on an edge counts the claims that
    took that hop.
    """
    g: nx.DiGraph[str] = nx.DiGraph(claim_id="", summary="outlets and the claims they passed on", single_source=False)
    node_claims: dict[str, set[str]] = {}
    single_claims: dict[str, set[str]] = {}
    edge_claims: dict[tuple[str, str], set[str]] = {}
    for claim_id, paths, statements, single_source in claim_paths:
        for path, s in zip(paths, statements, strict=True):
            outlets = [(k, step) for k, step in enumerate(path) if step.kind == "outlet"]
            for _, step in outlets:
                _add_node(g, step)
                node_claims.setdefault(step.node, set()).add(claim_id)
                if single_source:
                    single_claims.setdefault(step.node, set()).add(claim_id)
            for (_, a), (k, b) in pairwise(outlets):
                if a.node == b.node:
                    continue
                edge_claims.setdefault((a.node, b.node), set()).add(claim_id)
                if not g.has_edge(a.node, b.node):
                    # The relation of the hop that enters b on this route.
                    attrs = _edge_attrs(relation(path[k - 1], b), s)
                    attrs.update(quote="", cue="", start=-1, end=-1)
                    g.add_edge(a.node, b.node, **attrs)
    for node, claims in node_claims.items():
        g.nodes[node]["claims"] = len(claims)
        g.nodes[node]["single_source_claims"] = len(single_claims.get(node, ()))
        g.nodes[node]["detail"] = f"{g.nodes[node]['label']} (outlet): {len(claims)} claim(s)"
    for (u, v), claims in edge_claims.items():
        g.edges[u, v]["weight"] = len(claims)
    set_hops(g)
    return g
