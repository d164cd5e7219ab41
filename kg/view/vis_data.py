"""The vis-network data of a graph page: the graph's attributes read once, node and edge records, options.

Records are plain dicts in vis-network's DataSet format, built here rather
than with pyvis' `Network.add_node`: pyvis drops a node's `color` when the
node has a `group`, and an alerting node needs both (the group carries the
look its kind shares, the colour the red border). pyvis still supplies the
vis-network build the pages inline (`kg.view.assets`).

Tooltips are not vis-network `title`s: the page's script builds them from the
plain `info` fields with `textContent`, so no string from an article is ever
parsed as HTML, whatever a vis-network version does with titles. Labels are
drawn on a canvas, which does not parse markup either; escaping them with
`html.escape` would only print `&lt;` on screen. The records reach the page as
JSON from `assets.script_json`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.view.style import INK, KINDS, RELATIONS, kind_style, relation_style
from kg.view.wording import count, text

Record = dict[str, Any]
Edge = tuple[Hashable, Hashable, Record]

# Above this many edges a page trades looks for speed: straight edges, no edge
# labels, edges hidden while dragging (vis-network redraws every edge per frame).
BIG_EDGES = 1000
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# The attributes the pages read, and what a graph that leaves one out means by it.
NODE_DEFAULTS: Record = {"kind": None, "label": "", "anonymous": False, "detail": "", "article_id": ""}
EDGE_DEFAULTS: Record = {"relation": None, "quote": "", "cue": "", "article_id": "", "start": -1, "end": -1}


def node_attrs(graph: nx.DiGraph) -> dict[Hashable, Record]:
    """Node attributes with defaults filled in and types checked, so the pages can rely on them."""
    if not isinstance(graph, nx.Graph):
        raise InputError(f"expected a networkx graph, got {type(graph).__name__}")
    out: dict[Hashable, Record] = {}
    for node, attrs in graph.nodes(data=True):
        a = NODE_DEFAULTS | dict(attrs)
        if a["kind"] is None:
            raise InputError(f"node {node!r} has no 'kind'; expected one of {', '.join(KINDS)}")
        kind_style(a["kind"])  # raises, naming the valid kinds
        a["label"] = text(a["label"]) or text(node)
        a["detail"] = text(a["detail"])
        a["article_id"] = text(a["article_id"])
        a["anonymous"] = bool(a["anonymous"]) or a["kind"] == "anonymous"
        out[node] = a
    return out


def edge_attrs(graph: nx.DiGraph) -> list[Edge]:
    """Edge attributes with defaults filled in and types checked, in the graph's edge order."""
    out: list[Edge] = []
    for u, v, attrs in graph.edges(data=True):
        e = EDGE_DEFAULTS | dict(attrs)
        if e["relation"] is None:
            raise InputError(f"edge {u!r} → {v!r} has no 'relation'; expected one of {', '.join(RELATIONS)}")
        relation_style(e["relation"])
        for key in ("quote", "cue", "article_id"):
            e[key] = text(e[key])
        for key in ("start", "end"):
            value = e[key]
            if value is None:
                e[key] = -1
            elif not isinstance(value, int) or isinstance(value, bool):
                raise InputError(f"edge {u!r} → {v!r}: {key} must be an int (-1 when n/a), got {value!r}")
        out.append((u, v, e))
    return out


def node_ids(graph: nx.DiGraph) -> dict[Hashable, str]:
    """Short ids for the page: graph nodes can be any hashable, vis-network wants strings or numbers."""
    return {node: f"n{i}" for i, node in enumerate(graph)}


def node_record(node_id: str, label: str, shape: str, group: str, *, color: Record | None = None,
                **fields: Any) -> Record:
    """One vis-network node. `group` is the node's kind, whose shared look the options define once.

    `color` is for the few nodes that must stand out; keeping it off the others
    keeps a 2,000-node page small.
    """
    # An empty label falls back to the id, as pyvis' records did: an empty box is too small to hover.
    record: Record = {"group": group, **fields, "id": node_id, "label": label or node_id, "shape": shape}
    if color is not None:
        record["color"] = color
    return record


def edge_record(edge_id: str, source: str, target: str, **fields: Any) -> Record:
    """One vis-network edge between two node ids."""
    return {"id": edge_id, **fields, "from": source, "to": target}


def node_color(fill: str, border: str) -> Record:
    """A node colour that keeps its fill when hovered or selected: only the border darkens."""
    return {"background": fill, "border": border,
            "highlight": {"background": fill, "border": INK},
            "hover": {"background": fill, "border": INK}}


def edge_color(color: str, *, opacity: float | None = None) -> Record:
    """An edge colour that stays the relation's colour when hovered or selected."""
    out: Record = {"color": color, "highlight": color, "hover": color}
    if opacity is not None:
        out["opacity"] = opacity
    return out


def node_info(a: Mapping[str, Any], position: str | None) -> Record:
    """What the tooltip and the side panel say about a node (see the module docstring for why not `title`)."""
    style = kind_style(a["kind"])
    rows: list[list[str]] = [["Position", position]] if position else []
    if a["article_id"]:
        rows.append(["Article", a["article_id"]])
    if a.get("claims") is not None:
        rows.append(["Claims", str(a["claims"])])
    kind = style.name + (" · anonymous" if a["anonymous"] and a["kind"] != "anonymous" else "")
    return {"title": a["label"], "kind": kind, "rows": rows, "text": a["detail"],
            "hint": "Click to read the article" if a["kind"] == "article" else ""}


def edge_info(e: Mapping[str, Any], source: str, target: str) -> Record:
    """What the tooltip and the side panel say about an edge, between the labels of its two ends."""
    rows = [["Relation", f"{e['relation']} — {relation_style(e['relation']).hint}"]]
    if e["cue"]:
        rows.append(["Cue", e["cue"]])
    if e["article_id"]:
        rows.append(["Article", e["article_id"]])
    if e["start"] >= 0 and e["end"] >= 0:
        rows.append(["Span", f"characters {e['start']}–{e['end']}"])
    if e.get("weight") is not None:
        rows.append(["Weight", count(e["weight"], "claim")])
    return {"title": f"{source} → {target}", "kind": "", "rows": rows, "text": e["quote"],
            "hint": "Click to see it in the article" if e["article_id"] and e["start"] >= 0 else ""}


def options(*, physics: bool, big: bool, smooth: str, scaled: bool = False) -> Record:
    """vis-network options. Physics runs only when no layout was precomputed, and the page stops it."""
    out: Record = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": {"enabled": True, "bindToWindow": False},
                        "navigationButtons": False, "multiselect": False},
        "edges": {"smooth": False if big else (
            {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45}
            if smooth == "horizontal" else {"type": "dynamic"}),
            "arrows": {"to": {"scaleFactor": 0.7}}, "selectionWidth": 2},
        "nodes": {"labelHighlightBold": False},
        "physics": {"enabled": False},
    }
    if big:
        # vis-network draws labels below this screen size as nothing, which keeps zoomed-out frames fast.
        out["nodes"]["scaling"] = {"label": {"drawThreshold": 8}}
    if scaled:
        # Fixed-size labels: scaled ones grow with the circle and overlap their neighbours.
        out["nodes"]["scaling"] = {"min": 8, "max": 30, "label": {"enabled": False, "drawThreshold": 6}}
        out["edges"]["scaling"] = {"min": 1, "max": 7, "label": {"enabled": False}}
        out["edges"]["arrows"] = {"to": {"scaleFactor": 0.45}}
    if physics:
        out["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
        }
    return out
