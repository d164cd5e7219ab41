"""networkx graphs → pyvis node/edge records → one self-contained HTML page each.

pyvis builds the vis-network records (`Network.add_node` / `add_edge`); the
page around them is our own Jinja template, because pyvis' templates load
Bootstrap and, in some modes, vis-network itself from a CDN.

Tooltips are not vis-network `title`s: the page's script builds them from plain
fields with `textContent`, so no string from an article is ever parsed as HTML,
whatever a vis-network version does with titles. Labels are drawn on a canvas,
which does not parse markup either; escaping them with `html.escape` would only
print `&lt;` on screen. Everything written into the HTML itself is escaped by
Jinja's autoescape, and data travels as JSON from `assets.script_json`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kg.errors import InputError
from kg.view import assets
from kg.view.marks import SpanNote, mark_text
from kg.view.positions import Spacing, hops, layered_positions, network_positions
from kg.view.style import ALERT, COPY_RELATIONS, INK, KINDS, RELATIONS, kind_style, relation_style

__all__ = ["render_article", "render_claim", "render_index", "render_outlets", "write", "write_site"]

# Above these sizes the page trades looks for speed: straight edges, no edge
# labels, edges hidden while dragging (vis-network redraws every edge per frame).
_BIG_EDGES = 1000
_LABEL_CHARS = {"claim": 70, "outlets": 40}
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


# ------------------------------------------------------------------ public API


def render_claim(graph: nx.DiGraph, *, articles: Mapping[str, str] | None = None) -> str:
    """One claim's chain, sources on the left and articles on the right.

    `articles` maps article ids to their full text; clicking an article node
    (or an edge carrying a span) opens that text with the statement marked.
    Texts of articles not in the graph are not embedded.
    """
    claim_id = _text(graph.graph.get("claim_id"))
    page = _chain_page(graph, articles or {}, mode="claim")
    page.eyebrow = "Claim" + (f" {claim_id}" if claim_id else "")
    page.heading = _text(graph.graph.get("summary")) or claim_id or "Claim"
    page.title = f"Claim {claim_id}".strip() + " — kg"
    return _render("graph.html", page)


def render_article(graph: nx.DiGraph, article_id: str, text: str) -> str:
    """One article's text with every attributed statement marked, beside its attribution graph.

    `graph` has the claim-graph schema; edges whose `article_id` is this article
    and whose offsets fit the text are marked.
    """
    if not isinstance(text, str):
        raise InputError(f"article {article_id!r}: text must be a str, got {type(text).__name__}")
    page = _chain_page(graph, {article_id: text}, mode="article", focus=article_id)
    page.eyebrow = "Article"
    page.heading = article_id
    page.title = f"Article {article_id} — kg"
    return _render("graph.html", page)


def render_outlets(graph: nx.DiGraph) -> str:
    """The outlet network: outlets sized by claims carried, edges by weight, copy chains collapsible."""
    page = _outlet_page(graph)
    return _render("graph.html", page)


def render_index(audit_rows: Sequence[Mapping[str, Any]], claim_pages: Mapping[str, str],
                 outlets_page: str) -> str:
    """The audit table; each claim links to its chain page, and the outlet network is linked and embedded.

    `claim_pages` maps claim ids to the relative paths of their pages and
    `outlets_page` is the relative path of the outlet view (empty for none):
    the pages must sit beside the index, so absolute URLs are refused.
    """
    hrefs = {str(k): _relative_href(v, f"claim page of {k!r}") for k, v in claim_pages.items()}
    outlets_href = _relative_href(outlets_page, "outlets page") if outlets_page else ""
    rows, columns = _audit_table(audit_rows, hrefs)
    single = sum(1 for r in rows if r.single_source)
    index_js = assets.app_js("index.js")
    return _environment().get_template("index.html").render(
        title="Claim audit — kg", rows=rows, columns=columns, single=single,
        outlets_href=outlets_href, csp=assets.content_security_policy([index_js]),
        css=Markup(assets.template_text("view.css")), index_js=Markup(index_js))


def write(html: str, path: Path) -> Path:
    """Write a page as UTF-8, atomically, creating parent folders; returns the path.

    Atomic so a browser reloading the file never sees half a page.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_site(out_dir: Path, audit_rows: Sequence[Mapping[str, Any]], claim_graphs: Mapping[str, nx.DiGraph],
               outlets: nx.DiGraph | None = None, *, articles: Mapping[str, str] | None = None) -> Path:
    """`index.html`, `outlets.html` and `claims/<claim>.html` in `out_dir`, linked to each other; returns the index.

    The folder works offline and can be moved as a whole: every link is relative.
    """
    out_dir = Path(out_dir)
    pages: dict[str, str] = {}
    used: set[str] = set()
    for claim_id, graph in claim_graphs.items():
        name = _file_name(str(claim_id), used)
        pages[str(claim_id)] = f"claims/{name}.html"
        write(render_claim(graph, articles=articles), out_dir / "claims" / f"{name}.html")
    outlets_href = ""
    if outlets is not None:
        outlets_href = "outlets.html"
        write(render_outlets(outlets), out_dir / outlets_href)
    return write(render_index(audit_rows, pages, outlets_href), out_dir / "index.html")


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def _file_name(claim_id: str, used: set[str]) -> str:
    """A file name that is also a safe relative URL (no `%`, `#`, `?`, `/`, dots or spaces), unique in `used`."""
    name = _UNSAFE_NAME.sub("-", claim_id).strip("-")[:60] or "claim"
    if name != claim_id or name.casefold() in used:
        # Ids that had to be changed, or that clash on a case-insensitive disk, get a hash of the real id.
        name += "-" + hashlib.sha256(claim_id.encode("utf-8")).hexdigest()[:8]
    used.add(name.casefold())
    return name


# ------------------------------------------------------------------ page model


@dataclass(slots=True)
class _Banner:
    level: str  # alert | warn | info
    text: str


@dataclass(slots=True)
class _LegendItem:
    label: str
    hint: str
    fill: str = "#ffffff"
    border: str = INK
    dashed: bool = False
    thick: bool = False
    line: bool = False  # an edge sample rather than a node swatch
    dot: bool = False


@dataclass(slots=True)
class _ArticleSection:
    index: int
    article_id: str
    html: Markup | None  # None: the text was not given
    marks: int
    skipped: int


@dataclass(slots=True)
class _Page:
    mode: str  # claim | article | outlets
    title: str = "kg"
    eyebrow: str = ""
    heading: str = ""
    banners: list[_Banner] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    legend: list[_LegendItem] = field(default_factory=list)
    help: str = ""
    articles: list[_ArticleSection] = field(default_factory=list)
    open_article: int | None = None
    controls: list[tuple[str, str]] = field(default_factory=list)  # (element id, label)
    data: dict[str, Any] = field(default_factory=dict)


@cache
def _environment() -> Environment:
    # Autoescape everything: every template here writes HTML, and StrictUndefined
    # turns a misspelt variable into an error instead of an empty string.
    return Environment(loader=PackageLoader("kg.view", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _render(template: str, page: _Page) -> str:
    view_js = assets.app_js("view.js")
    vis_js = assets.vis_js()
    return _environment().get_template(template).render(
        page=page, data=assets.script_json(page.data),
        csp=assets.content_security_policy([vis_js, view_js]),
        css=Markup(assets.template_text("view.css")),
        vis_js=Markup(vis_js), view_js=Markup(view_js), vis_version=assets.vis_version())


# ------------------------------------------------------------------ claim and article pages


def _chain_page(graph: nx.DiGraph, texts: Mapping[str, str], *, mode: str,
                focus: str | None = None) -> _Page:
    from pyvis.network import Network  # lazily: importing kg.view must stay cheap

    nodes = _nodes(graph)
    edges = _edges(graph)
    hop = hops(graph)
    # Articles are where every chain ends: line them up in the last column, whatever their hop,
    # so "which articles carry it" reads down one edge of the picture.
    last = max(hop.values(), default=0)
    column = {n: last if nodes[n]["kind"] == "article" and graph.out_degree(n) == 0 else h
              for n, h in hop.items()}
    positions = layered_positions(graph, column)
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    page = _Page(mode=mode)
    single_source = graph.graph.get("single_source")
    min_hop = min(hop.values(), default=0)
    roots = [n for n in graph if hop[n] == min_hop]

    # Articles to embed: those drawn as nodes, plus the focus article of an article page.
    article_ids = [nodes[n]["article_id"] for n in graph if nodes[n]["kind"] == "article"
                   and nodes[n]["article_id"]]
    if focus is not None:
        article_ids.insert(0, focus)
    sections, mark_of = _article_sections(nodes, edges, list(dict.fromkeys(article_ids)), texts)
    page.articles = sections
    section_of = {s.article_id: s.index for s in sections}
    if focus is not None:
        page.open_article = section_of[focus]

    net = Network(directed=True, cdn_resources="in_line")
    big = graph.number_of_edges() > _BIG_EDGES
    for node in graph:
        a = nodes[node]
        style = kind_style(a["kind"])
        stands_out = bool(single_source) and node in roots
        x, y = positions[node]
        label = _clip(a["label"], _LABEL_CHARS["claim"])
        if a["anonymous"]:
            label += "\n(anonymous)"
        # Shared looks live in the kind's vis-network group (defined once in the options); only the
        # nodes that must stand out carry their own colours, which keeps a 2,000-node page small.
        overrides: dict[str, Any] = {}
        if a["anonymous"] or stands_out:
            overrides["borderWidth"] = 4 if stands_out else 2.5
        if a["anonymous"]:
            overrides["shapeProperties"] = {"borderDashes": [7, 4]}
        section = section_of.get(a["article_id"]) if a["kind"] == "article" else None
        if section is not None:
            overrides["article"] = section
        if hop[node] == min_hop:
            position = "root source" + (" — the only one for this claim" if stands_out else "")
        else:
            position = f"step {hop[node] - min_hop} from the source"
        net.add_node(ids[node], label=label, shape="box", group=a["kind"], x=x, y=y,
                     info=_node_info(a, position), **overrides)
        if a["anonymous"] or stands_out:
            _set_color(net, ids[node], _node_color(style.fill, ALERT))
    for i, (u, v, e) in enumerate(edges):
        rstyle = relation_style(e["relation"])
        section = section_of.get(e["article_id"])
        extra: dict[str, Any] = {}
        mark = mark_of.get((e["article_id"], e["start"], e["end"])) if section is not None else None
        if section is not None:
            extra["article"] = section
        if mark is not None:
            extra["mark"] = mark
        net.add_edge(
            ids[u], ids[v], id=f"e{i}", label=e["relation"], arrows="to",
            color={"color": rstyle.color, "highlight": rstyle.color, "hover": rstyle.color},
            dashes=rstyle.dashes, font={"color": rstyle.color},
            info=_edge_info(e, nodes[u]["label"], nodes[v]["label"]), **extra,
        )

    kinds = Counter(a["kind"] for a in nodes.values())
    options = _options(physics=False, big=big, smooth="horizontal")
    # No borderWidth in groups: vis-network lets a group's borderWidth win over the node's own.
    options["groups"] = {kind: {"color": _node_color(style.fill, style.border)}
                         for kind, style in KINDS.items() if kinds[kind]}
    options["nodes"] |= {"shape": "box", "borderWidth": 1.5, "margin": 10,
                         "widthConstraint": {"maximum": Spacing().box},
                         "font": {"color": INK, "size": 16, "face": _FONT}}
    options["edges"] |= {"width": 2, "font": {"size": 14, "face": _FONT, "strokeWidth": 4,
                                              "strokeColor": "#ffffff", "align": "middle"}}
    page.data = {
        "mode": mode,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "physics": False,
        "columns": _column_headers(graph, nodes, column, positions),
        "openArticle": page.open_article,
        "clusters": [],
    }
    page.banners = _claim_banners(single_source, [nodes[r] for r in roots])
    page.facts = _claim_facts(graph, nodes, roots, kinds)
    page.legend = _legend(kinds, {e["relation"] for _, _, e in edges}, single_source=bool(single_source))
    page.help = ("Read left to right: who first said it, whom it passed through, which articles carry it. "
                 "Hover a box or an arrow for the quote; click an article to read its text.")
    page.controls = [("kg-fit", "Fit to screen")]
    return page


def _article_sections(nodes: Mapping[Hashable, dict[str, Any]], edges: list[_Edge],
                      article_ids: list[str], texts: Mapping[str, str],
                      ) -> tuple[list[_ArticleSection], dict[tuple[str, int, int], str]]:
    """Marked text per article, and (article id, start, end) → the id of its <mark>."""
    spans: dict[str, list[SpanNote]] = {a: [] for a in article_ids}
    for u, v, e in edges:
        if e["article_id"] in spans and e["start"] >= 0 and e["end"] > e["start"]:
            note = f"{nodes[u]['label']} → {nodes[v]['label']} ({e['relation']}"
            note += f", “{e['cue']}”)" if e["cue"] else ")"
            spans[e["article_id"]].append(SpanNote(e["start"], e["end"], note))
    sections: list[_ArticleSection] = []
    mark_of: dict[tuple[str, int, int], str] = {}
    for index, article_id in enumerate(article_ids):
        text = texts.get(article_id)
        if text is None:
            sections.append(_ArticleSection(index, article_id, None, 0, 0))
            continue
        marked = mark_text(text, spans[article_id], id_prefix=f"kg-m{index}")
        for (start, end), mark_id in marked.mark_ids.items():
            mark_of[(article_id, start, end)] = mark_id
        sections.append(_ArticleSection(index, article_id, marked.html, len(set(marked.mark_ids.values())),
                                        len(marked.skipped)))
    return sections, mark_of


def _claim_banners(single_source: object, roots: list[dict[str, Any]]) -> list[_Banner]:
    anonymous = [r["label"] for r in roots if r["anonymous"]]
    names = _some([r["label"] for r in roots])
    banners: list[_Banner] = []
    if single_source is True:
        who = f"one anonymous source ({names})" if anonymous and len(roots) == 1 else names
        banners.append(_Banner("alert", f"Single source: every copy of this claim leads back to {who}."))
    elif anonymous:
        title = "Anonymous root source: " if len(anonymous) == 1 else f"{len(anonymous)} anonymous root sources: "
        banners.append(_Banner("warn", title + _some(anonymous) + "."))
    if single_source is False and len(roots) > 1:
        banners.append(_Banner("info", f"{len(roots)} root sources: {names}."))
    return banners


def _claim_facts(graph: nx.DiGraph, nodes: Mapping[Hashable, dict[str, Any]], roots: list[Hashable],
                 kinds: Counter[str]) -> list[str]:
    facts = [_count(kinds["article"], "article"), _count(kinds["outlet"], "outlet"),
             _count(len(roots), "root source")]
    claim_id = _text(graph.graph.get("claim_id"))
    if claim_id:
        facts.insert(0, f"claim {claim_id}")
    return facts


def _column_headers(graph: nx.DiGraph, nodes: Mapping[Hashable, dict[str, Any]],
                    hop: Mapping[Hashable, int], positions: Mapping[Hashable, tuple[float, float]],
                    ) -> list[dict[str, Any]]:
    """A caption above each column, drawn on the canvas so it pans and zooms with the graph."""
    if not positions:
        return []
    columns: dict[int, list[Hashable]] = {}
    for node in graph:
        columns.setdefault(hop[node], []).append(node)
    top = min(y for _, y in positions.values()) - 75
    headers = []
    for rank, h in enumerate(sorted(columns)):
        members = columns[h]
        xs = [positions[n][0] for n in members]
        kinds = {nodes[n]["kind"] for n in members}
        if rank == 0:
            label = "Source" if len(members) == 1 else "Sources"
        elif kinds == {"article"}:
            label = "Article" if len(members) == 1 else "Articles"
        else:
            label = f"Step {rank}"
        headers.append({"x": (min(xs) + max(xs)) / 2, "y": top, "label": label})
    return headers


def _node_info(a: Mapping[str, Any], position: str | None) -> dict[str, Any]:
    style = kind_style(a["kind"])
    rows: list[list[str]] = [["Position", position]] if position else []
    if a["article_id"]:
        rows.append(["Article", a["article_id"]])
    if a.get("claims") is not None:
        rows.append(["Claims", str(a["claims"])])
    kind = style.name + (" · anonymous" if a["anonymous"] and a["kind"] != "anonymous" else "")
    return {"title": a["label"], "kind": kind, "rows": rows, "text": a["detail"],
            "hint": "Click to read the article" if a["kind"] == "article" else ""}


def _edge_info(e: Mapping[str, Any], source: str, target: str) -> dict[str, Any]:
    rows = [["Relation", f"{e['relation']} — {relation_style(e['relation']).hint}"]]
    if e["cue"]:
        rows.append(["Cue", e["cue"]])
    if e["article_id"]:
        rows.append(["Article", e["article_id"]])
    if e["start"] >= 0 and e["end"] >= 0:
        rows.append(["Span", f"characters {e['start']}–{e['end']}"])
    if e.get("weight") is not None:
        rows.append(["Weight", _count(e["weight"], "claim")])
    return {"title": f"{source} → {target}", "kind": "", "rows": rows, "text": e["quote"],
            "hint": "Click to see it in the article" if e["article_id"] and e["start"] >= 0 else ""}


# ------------------------------------------------------------------ outlet page


def _outlet_page(graph: nx.DiGraph) -> _Page:
    from pyvis.network import Network

    nodes = _nodes(graph)
    ids = {node: f"n{i}" for i, node in enumerate(graph)}
    positions = network_positions(graph)
    clusters, cluster_of = _copy_clusters(graph, nodes, ids)
    edges = list(_edges(graph))
    net = Network(directed=True, cdn_resources="in_line")
    single_total = 0
    for node in graph:
        a = nodes[node]
        single = _single_source_count(a)
        single_total += single > 0
        alert = a["anonymous"] or single > 0
        options: dict[str, Any] = {}
        if positions is not None:
            options |= {"x": positions[node][0], "y": positions[node][1]}
        info = _node_info(a, None)
        if single:
            info["rows"].append(["Single-source claims", str(single)])
        if alert:
            options["borderWidth"] = 3  # thicker swamps small circles when zoomed out
        if a["anonymous"]:
            options["shapeProperties"] = {"borderDashes": [6, 3]}
        if node in cluster_of:
            options["cluster"] = cluster_of[node]
        net.add_node(ids[node], label=_clip(a["label"], _LABEL_CHARS["outlets"]), shape="dot",
                     group=a["kind"], value=max(int(a.get("claims") or 0), 1), info=info, single=single > 0,
                     **options)
        if alert:
            _set_color(net, ids[node], _node_color(_dot_fill(a["kind"]), ALERT))
    for i, (u, v, e) in enumerate(edges):
        rstyle = relation_style(e["relation"])
        net.add_edge(
            ids[u], ids[v], id=f"e{i}", arrows="to", value=max(int(e.get("weight") or 1), 1),
            color={"color": rstyle.color, "highlight": rstyle.color, "hover": rstyle.color, "opacity": 0.85},
            dashes=rstyle.dashes, info=_edge_info(e, nodes[u]["label"], nodes[v]["label"]),
        )
    physics = positions is None
    kinds = Counter(a["kind"] for a in nodes.values())
    options = _options(physics=physics, big=len(edges) > _BIG_EDGES, smooth="dynamic", scaled=True)
    options["groups"] = {kind: {"color": _node_color(_dot_fill(kind), "#ffffff")}
                         for kind in KINDS if kinds[kind]}
    options["nodes"] |= {"shape": "dot", "borderWidth": 1.5,
                         "font": {"color": INK, "size": 15, "face": _FONT, "strokeWidth": 4,
                                  "strokeColor": "#ffffff"}}
    page = _Page(mode="outlets", title="Outlet network — kg", eyebrow="Outlet network",
                 heading=_text(graph.graph.get("summary")) or "Who carried whose claims")
    page.data = {
        "mode": "outlets",
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "physics": physics,
        "columns": [],
        "openArticle": None,
        "clusters": clusters,
    }
    page.facts = [_count(kinds["outlet"], "outlet"), _count(len(edges), "link"),
                  _count(len(clusters), "copy chain")]
    if any("single_source_claims" in a or "single_source" in a for a in nodes.values()):
        page.facts.append(_count(single_total, "node") + " carrying single-source claims")
    if single_total:
        page.banners.append(_Banner("alert", f"{_count(single_total, 'node')} carry single-source claims "
                                             "(red border)."))
    page.legend = _legend(kinds, {e["relation"] for _, _, e in edges}, single_source=bool(single_total),
                          dots=True)
    page.help = ("Bigger circles carry more claims; thicker arrows, more claims passed along. "
                 "“Collapse copy chains” folds outlets that only reprint each other into one circle "
                 "(double-click it to open). Hover for details.")
    page.controls = [("kg-fit", "Fit to screen")]
    if clusters:
        page.controls.append(("kg-collapse", "Collapse copy chains"))
    return page


def _copy_clusters(graph: nx.DiGraph, nodes: Mapping[Hashable, dict[str, Any]], ids: Mapping[Hashable, str],
                   ) -> tuple[list[dict[str, Any]], dict[Hashable, str]]:
    """Outlets joined by republish/translate edges: the wire-reprint chains the view can fold into one node."""
    copies = nx.DiGraph()
    copies.add_edges_from((u, v) for u, v, e in _edges(graph) if e["relation"] in COPY_RELATIONS)
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
        label = f"{_clip(nodes[head]['label'], 30)} + {_count(len(others), 'copy', 'copies')}"
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
    count = a.get("single_source_claims")
    if isinstance(count, int) and not isinstance(count, bool):
        return max(count, 0)
    return 1 if a.get("single_source") is True else 0


# ------------------------------------------------------------------ shared pieces


_NODE_DEFAULTS: dict[str, Any] = {"kind": None, "label": "", "anonymous": False, "detail": "",
                                  "article_id": ""}
_EDGE_DEFAULTS: dict[str, Any] = {"relation": None, "quote": "", "cue": "", "article_id": "",
                                  "start": -1, "end": -1}


def _nodes(graph: nx.DiGraph) -> dict[Hashable, dict[str, Any]]:
    """Node attributes with defaults filled in and types checked, so templates can rely on them."""
    if not isinstance(graph, nx.Graph):
        raise InputError(f"expected a networkx graph, got {type(graph).__name__}")
    out: dict[Hashable, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        a = _NODE_DEFAULTS | dict(attrs)
        if a["kind"] is None:
            raise InputError(f"node {node!r} has no 'kind'; expected one of {', '.join(KINDS)}")
        kind_style(a["kind"])  # raises, naming the valid kinds
        a["label"] = _text(a["label"]) or _text(node)
        a["detail"] = _text(a["detail"])
        a["article_id"] = _text(a["article_id"])
        a["anonymous"] = bool(a["anonymous"]) or a["kind"] == "anonymous"
        out[node] = a
    return out


_Edge = tuple[Hashable, Hashable, dict[str, Any]]


def _edges(graph: nx.DiGraph) -> list[_Edge]:
    out = []
    for u, v, attrs in graph.edges(data=True):
        e = _EDGE_DEFAULTS | dict(attrs)
        if e["relation"] is None:
            raise InputError(f"edge {u!r} → {v!r} has no 'relation'; expected one of {', '.join(RELATIONS)}")
        relation_style(e["relation"])
        for key in ("quote", "cue", "article_id"):
            e[key] = _text(e[key])
        for key in ("start", "end"):
            value = e[key]
            if value is None:
                e[key] = -1
            elif not isinstance(value, int) or isinstance(value, bool):
                raise InputError(f"edge {u!r} → {v!r}: {key} must be an int (-1 when n/a), got {value!r}")
        out.append((u, v, e))
    return out


def _options(*, physics: bool, big: bool, smooth: str, scaled: bool = False) -> dict[str, Any]:
    """vis-network options. Physics runs only when no layout was precomputed, and the page stops it."""
    options: dict[str, Any] = {
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
        options["nodes"]["scaling"] = {"label": {"drawThreshold": 8}}
    if scaled:
        # Fixed-size labels: scaled ones grow with the circle and overlap their neighbours.
        options["nodes"]["scaling"] = {"min": 8, "max": 30, "label": {"enabled": False, "drawThreshold": 6}}
        options["edges"]["scaling"] = {"min": 1, "max": 7, "label": {"enabled": False}}
        options["edges"]["arrows"] = {"to": {"scaleFactor": 0.45}}
    if physics:
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
        }
    return options


def _set_color(net: Any, node_id: str, color: dict[str, Any]) -> None:
    # pyvis' add_node drops its `color` argument when a `group` is given, so set it on the record.
    net.get_node(node_id)["color"] = color


def _node_color(fill: str, border: str) -> dict[str, Any]:
    return {"background": fill, "border": border,
            "highlight": {"background": fill, "border": INK},
            "hover": {"background": fill, "border": INK}}


def _dot_fill(kind: str) -> str:
    # Small circles need the saturated hue to be told apart; anonymous stays grey so red means "alert".
    if kind == "anonymous":
        return "#b0b0b0"
    if kind == "article":
        return "#8c959f"
    return kind_style(kind).border


def _legend(kinds: Counter[str], relations: set[str], *, single_source: bool,
            dots: bool = False) -> list[_LegendItem]:
    items: list[_LegendItem] = []
    for kind, style in KINDS.items():
        if kinds[kind]:
            fill = _dot_fill(kind) if dots else style.fill
            anonymous = kind == "anonymous"
            items.append(_LegendItem(style.name, style.hint, fill=fill,
                                     border=ALERT if anonymous else style.border, dashed=anonymous,
                                     dot=dots))
    if single_source:
        items.append(_LegendItem("Single source", "the only root of this claim" if not dots
                                 else "carries a claim with one root source",
                                 fill="#ffffff", border=ALERT, thick=True, dot=dots))
    for relation, rstyle in RELATIONS.items():
        if relation in relations:
            items.append(_LegendItem(relation, rstyle.hint, border=rstyle.color, dashed=rstyle.dashes,
                                     line=True))
    return items


def _relative_href(value: str, what: str) -> str:
    """A link to a page beside this one; anything with a scheme or host (http:, javascript:, //) is refused."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what}: expected a relative path to an HTML file, got {value!r}")
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc or value.strip().startswith(("/", "\\")):
        raise InputError(f"{what}: {value!r} is not a relative path; pages must sit beside the index "
                         "so the set works offline")
    return value.strip()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _some(names: list[str], limit: int = 4) -> str:
    """A list for a sentence, cut after `limit` names: a banner must stay one or two lines."""
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


# ------------------------------------------------------------------ index page


@dataclass(slots=True)
class _Cell:
    text: str
    sort: str | float
    href: str = ""
    small: str = ""
    badge: str = ""


@dataclass(slots=True)
class _Row:
    cells: list[_Cell]
    single_source: bool


# Known audit fields first, in reading order. The claim cell shows the summary (ids are opaque
# hashes) and links to the chain. Unknown fields follow when they fit in a cell: scalars and lists
# of scalars; nested records (e.g. the audit's per-statement list) are left to the claim page.
_AUDIT_COLUMNS = [("id", "Claim"), ("single_source", "Single source"),
                  ("independent_sources", "Independent sources"), ("root_sources", "Root sources"),
                  ("articles", "Articles"), ("outlets", "Outlets"), ("changes", "Changes on the way"),
                  ("cycles", "Reporting loops")]
_SKIPPED = {"claim_id", "summary"}
_CELL_CHARS = 280


def _audit_table(rows: Sequence[Mapping[str, Any]], hrefs: Mapping[str, str],
                 ) -> tuple[list[_Row], list[str]]:
    keys = [k for k, _ in _AUDIT_COLUMNS]
    extra: list[str] = []
    for row in rows:
        if not isinstance(row, Mapping):
            raise InputError(f"audit rows must be mappings, got {type(row).__name__}")
        extra.extend(k for k in row if k not in keys and k not in _SKIPPED and k not in extra)
    extra = [k for k in extra if all(_fits_a_cell(r.get(k)) for r in rows)]
    present = [k for k in keys if k == "id" or any(r.get(k) not in (None, [], ()) for r in rows)]
    titles = dict(_AUDIT_COLUMNS)
    columns = [titles[k] for k in present] + [k.replace("_", " ").capitalize() for k in extra]
    table: list[_Row] = []
    for row in rows:
        claim_id = _text(row.get("id", row.get("claim_id")))
        cells = []
        for key in present + extra:
            if key == "id":
                summary = _text(row.get("summary")) or claim_id
                cell = _Cell(_clip(" ".join(summary.split()), _CELL_CHARS), summary.casefold(),
                             href=hrefs.get(claim_id, ""), small=claim_id if summary != claim_id else "")
            else:
                cell = _cell(key, row.get(key))
            cells.append(cell)
        table.append(_Row(cells, row.get("single_source") is True))
    return table, columns


def _fits_a_cell(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(v is None or isinstance(v, str | int | float | bool) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def _cell(key: str, value: Any) -> _Cell:
    if key == "single_source" and isinstance(value, bool):
        return _Cell("single source" if value else "no", int(value), badge="alert" if value else "ok")
    if key == "root_sources" and isinstance(value, list):
        return _Cell("; ".join(_root_source(v) for v in value), len(value))
    if key == "articles" and isinstance(value, list):
        return _Cell(_count(len(value), "article"), len(value), small=", ".join(map(_text, value)))
    if key == "changes" and isinstance(value, list):
        text = "; ".join(f"{c.get('kind', '')}: {c.get('detail', '')}" if isinstance(c, Mapping) else _plain(c)
                         for c in value)
        return _Cell(_clip(text, _CELL_CHARS), len(value))
    if key == "cycles" and isinstance(value, list):
        text = "; ".join(" → ".join(map(_plain, c)) if isinstance(c, list | tuple) else _plain(c) for c in value)
        return _Cell(_clip(text, _CELL_CHARS), len(value))
    if isinstance(value, bool):
        return _Cell("yes" if value else "no", int(value))
    if isinstance(value, int | float):
        return _Cell(f"{value:g}" if isinstance(value, float) else str(value), value)
    text = _clip(_plain(value), _CELL_CHARS)
    return _Cell(text, len(value) if isinstance(value, list | tuple) else text.casefold())


def _root_source(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _plain(value)
    text = _text(value.get("speaker")) or "unknown"
    if value.get("anonymous") is True:
        text += " (anonymous)"
    if value.get("first_reported_by"):
        text += f", first reported by {value['first_reported_by']}"
    return text


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)
