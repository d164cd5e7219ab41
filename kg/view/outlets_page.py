"""The outlet network page (`render_outlets`): who carried whose claims, with copy chains the reader can fold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from kg.view import vis_data
from kg.view.page import Banner, Page, legend, render_graph_page
from kg.view.positions import network_positions
from kg.view.style import ALERT, COPY_RELATIONS, INK, KINDS, dot_fill, relation_style
from kg.view.vis_data import Edge, Record
from kg.view.wording import clip, count, text

_LABEL_CHARS = 40


def render_outlets(graph: nx.DiGraph) -> str:
    """The outlet network: outlets sized by claims carried, edges by weight, copy chains collapsible."""
    return render_graph_page(_outlet_page(graph))


def _outlet_page(graph: nx.DiGraph) -> Page:
    nodes = vis_data.node_attrs(graph)
    ids = vis_data.node_ids(graph)
    edges = vis_data.edge_attrs(graph)
    positions = network_positions(graph)
    clusters, cluster_of = _copy_clusters(graph, nodes, edges)
    node_records: list[Record] = []
    single_total = 0
    for node in graph:
        a = nodes[node]
        single = _single_source_count(a)
        single_total += single > 0
        alert = a["anonymous"] or single > 0
        fields: dict[str, Any] = {}
        if positions is not None:
            fields |= {"x": positions[node][0], "y": positions[node][1]}
        info = vis_data.node_info(a, None)
        if single:
            info["rows"].append(["Single-source claims", str(single)])
        if alert:
            fields["borderWidth"] = 3  # thicker swamps small circles when zoomed out
        if a["anonymous"]:
            fields["shapeProperties"] = {"borderDashes": [6, 3]}
        if node in cluster_of:
            fields["cluster"] = cluster_of[node]
        color = vis_data.node_color(dot_fill(a["kind"]), ALERT) if alert else None
        node_records.append(vis_data.node_record(
            ids[node], clip(a["label"], _LABEL_CHARS), "dot", a["kind"], color=color,
            value=max(int(a.get("claims") or 0), 1), info=info, single=single > 0, **fields))
    edge_records = [
        vis_data.edge_record(
            f"e{i}", ids[u], ids[v], arrows="to", value=max(int(e.get("weight") or 1), 1),
            color=vis_data.edge_color(relation_style(e["relation"]).color, opacity=0.85),
            dashes=relation_style(e["relation"]).dashes,
            info=vis_data.edge_info(e, nodes[u]["label"], nodes[v]["label"]))
        for i, (u, v, e) in enumerate(edges)
    ]
    physics = positions is None
    kinds = Counter(a["kind"] for a in nodes.values())
    options = vis_data.options(physics=physics, big=len(edges) > vis_data.BIG_EDGES, smooth="dynamic",
                               scaled=True)
    options["groups"] = {kind: {"color": vis_data.node_color(dot_fill(kind), "#ffffff")}
                         for kind in KINDS if kinds[kind]}
    options["nodes"] |= {"shape": "dot", "borderWidth": 1.5,
                         "font": {"color": INK, "size": 15, "face": vis_data.FONT, "strokeWidth": 4,
                                  "strokeColor": "#ffffff"}}
    page = Page(mode="outlets", title="Outlet network — kg", eyebrow="Outlet network",
                heading=text(graph.graph.get("summary")) or "Who carried whose claims")
    page.data = {
        "mode": "outlets",
        "nodes": node_records,
        "edges": edge_records,
        "options": options,
        "physics": physics,
        "columns": [],
        "openArticle": None,
        "clusters": clusters,
    }
    page.facts = [count(kinds["outlet"], "outlet"), count(len(edges), "link"), count(len(clusters), "copy chain")]
    if any("single_source_claims" in a or "single_source" in a for a in nodes.values()):
        page.facts.append(count(single_total, "node") + " carrying single-source claims")
    if single_total:
        page.banners.append(Banner("alert", f"{count(single_total, 'node')} carry single-source claims "
                                            "(red border)."))
    page.legend = legend(kinds, {e["relation"] for _, _, e in edges}, single_source=bool(single_total), dots=True)
    page.help = ("Bigger circles carry more claims; thicker arrows, more claims passed along. "
                 "“Collapse copy chains” folds outlets that only reprint each other into one circle "
                 "(double-click it to open). Hover for details.")
    page.controls = [("kg-fit", "Fit to screen")]
    if clusters:
        page.controls.append(("kg-collapse", "Collapse copy chains"))
    return page


def _copy_clusters(graph: nx.DiGraph, nodes: Mapping[Hashable, Record], edges: list[Edge],
                   ) -> tuple[list[dict[str, Any]], dict[Hashable, str]]:
    """Outlets joined by republish/translate edges: the wire-reprint chains the view can fold into one node."""
    copies: nx.DiGraph = nx.DiGraph()
    copies.add_edges_from((u, v) for u, v, e in edges if e["relation"] in COPY_RELATIONS)
    clusters: list[dict[str, Any]] = []
    cluster_of: dict[Hashable, str] = {}
    order = {node: i for i, node in enumerate(graph)}
    components = sorted((sorted(c, key=order.__getitem__) for c in nx.weakly_connected_components(copies)
                         if len(c) > 1), key=lambda c: order[c[0]])
    for i, members in enumerate(components):
        # The original is the member nobody in the chain copied from; with several, the busiest.
        head = max(members, key=lambda n: (copies.in_degree(n) == 0, int(nodes[n].get("claims") or 0),
                                           -order[n]))
        cluster_id = f"c{i}"
        for n in members:
            cluster_of[n] = cluster_id
        others = [nodes[n]["label"] for n in members if n != head]
        label = f"{clip(nodes[head]['label'], 30)} + {count(len(others), 'copy', 'copies')}"
        clusters.append({
            "id": cluster_id, "nodeId": f"cluster:{cluster_id}", "label": label,
            "size": len(members), "claims": sum(int(nodes[n].get("claims") or 0) for n in members),
            "single": any(_single_source_count(nodes[n]) > 0 for n in members),
            "info": {"title": label, "kind": "Copy chain (collapsed)",
                     "rows": [["Original", nodes[head]["label"]], ["Copies", ", ".join(others)]],
                     "text": "", "hint": "Double-click to open"},
        })
    return clusters, cluster_of


def _single_source_count(a: Mapping[str, Any]) -> int:
    # The outlet graph schema has no single-source field yet; accept either form the audit may add.
    n = a.get("single_source_claims")
    if isinstance(n, int) and not isinstance(n, bool):
        return max(n, 0)
    return 1 if a.get("single_source") is True else 0
