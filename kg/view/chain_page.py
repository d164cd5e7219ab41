"""Claim chain pages: one claim's chain (`render_claim`), or one article's text beside its chain (`render_article`).

Both draw the same left-to-right picture, root sources on the left and the
articles that carry the claim on the right; they differ in which article
texts they embed and which one is open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.view import vis_data
from kg.view.marks import SpanNote, mark_text
from kg.view.page import ArticleSection, Banner, Page, legend, render_graph_page
from kg.view.positions import Spacing, hops, layered_positions
from kg.view.style import ALERT, INK, KINDS, kind_style, relation_style
from kg.view.vis_data import Edge, Record
from kg.view.wording import clip, count, some, text

_LABEL_CHARS = 70


def render_claim(graph: nx.DiGraph, *, articles: Mapping[str, str] | None = None) -> str:
    """One claim's chain, sources on the left and articles on the right.

    `articles` maps article ids to their full text; clicking an article node
    (or an edge carrying a span) opens that text with the statement marked.
    Texts of articles not in the graph are not embedded.
    """
    claim_id = text(graph.graph.get("claim_id"))
    page = _chain_page(graph, articles or {}, mode="claim")
    page.eyebrow = "Claim" + (f" {claim_id}" if claim_id else "")
    page.heading = text(graph.graph.get("summary")) or claim_id or "Claim"
    page.title = f"Claim {claim_id}".strip() + " — kg"
    return render_graph_page(page)


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
    return render_graph_page(page)


def _chain_page(graph: nx.DiGraph, texts: Mapping[str, str], *, mode: str, focus: str | None = None) -> Page:
    nodes = vis_data.node_attrs(graph)
    edges = vis_data.edge_attrs(graph)
    hop = hops(graph)
    # Articles are where every chain ends: line them up in the last column, whatever their hop,
    # so "which articles carry it" reads down one edge of the picture.
    last = max(hop.values(), default=0)
    column = {n: last if nodes[n]["kind"] == "article" and graph.out_degree(n) == 0 else h
              for n, h in hop.items()}
    positions = layered_positions(graph, column)
    ids = vis_data.node_ids(graph)
    page = Page(mode=mode)
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

    node_records: list[Record] = []
    for node in graph:
        a = nodes[node]
        stands_out = bool(single_source) and node in roots
        x, y = positions[node]
        label = clip(a["label"], _LABEL_CHARS)
        if a["anonymous"]:
            label += "\n(anonymous)"
        # Only the nodes that must stand out carry their own look; the rest is their kind's group.
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
        color = (vis_data.node_color(kind_style(a["kind"]).fill, ALERT) if a["anonymous"] or stands_out
                 else None)
        node_records.append(vis_data.node_record(ids[node], label, "box", a["kind"], color=color, x=x, y=y,
                                                 info=vis_data.node_info(a, position), **overrides))
    edge_records: list[Record] = []
    for i, (u, v, e) in enumerate(edges):
        rstyle = relation_style(e["relation"])
        section = section_of.get(e["article_id"])
        extra: dict[str, Any] = {}
        mark = mark_of.get((e["article_id"], e["start"], e["end"])) if section is not None else None
        if section is not None:
            extra["article"] = section
        if mark is not None:
            extra["mark"] = mark
        edge_records.append(vis_data.edge_record(
            f"e{i}", ids[u], ids[v], label=e["relation"], arrows="to", color=vis_data.edge_color(rstyle.color),
            dashes=rstyle.dashes, font={"color": rstyle.color},
            info=vis_data.edge_info(e, nodes[u]["label"], nodes[v]["label"]), **extra,
        ))

    kinds = Counter(a["kind"] for a in nodes.values())
    options = vis_data.options(physics=False, big=graph.number_of_edges() > vis_data.BIG_EDGES,
                               smooth="horizontal")
    # No borderWidth in groups: vis-network lets a group's borderWidth win over the node's own.
    options["groups"] = {kind: {"color": vis_data.node_color(style.fill, style.border)}
                         for kind, style in KINDS.items() if kinds[kind]}
    options["nodes"] |= {"shape": "box", "borderWidth": 1.5, "margin": 10,
                         "widthConstraint": {"maximum": Spacing().box},
                         "font": {"color": INK, "size": 16, "face": vis_data.FONT}}
    options["edges"] |= {"width": 2, "font": {"size": 14, "face": vis_data.FONT, "strokeWidth": 4,
                                              "strokeColor": "#ffffff", "align": "middle"}}
    page.data = {
        "mode": mode,
        "nodes": node_records,
        "edges": edge_records,
        "options": options,
        "physics": False,
        "columns": _column_headers(graph, nodes, column, positions),
        "openArticle": page.open_article,
        "clusters": [],
    }
    page.banners = _claim_banners(single_source, [nodes[r] for r in roots])
    page.facts = _claim_facts(graph, roots, kinds)
    page.legend = legend(kinds, {e["relation"] for _, _, e in edges}, single_source=bool(single_source))
    page.help = ("Read left to right: who first said it, whom it passed through, which articles carry it. "
                 "Hover a box or an arrow for the quote; click an article to read its text.")
    page.controls = [("kg-fit", "Fit to screen")]
    return page


def _article_sections(nodes: Mapping[Hashable, Record], edges: list[Edge], article_ids: list[str],
                      texts: Mapping[str, str]) -> tuple[list[ArticleSection], dict[tuple[str, int, int], str]]:
    """Marked text per article, and (article id, start, end) → the id of its <mark>."""
    spans: dict[str, list[SpanNote]] = {a: [] for a in article_ids}
    for u, v, e in edges:
        if e["article_id"] in spans and e["start"] >= 0 and e["end"] > e["start"]:
            note = f"{nodes[u]['label']} → {nodes[v]['label']} ({e['relation']}"
            note += f", “{e['cue']}”)" if e["cue"] else ")"
            spans[e["article_id"]].append(SpanNote(e["start"], e["end"], note))
    sections: list[ArticleSection] = []
    mark_of: dict[tuple[str, int, int], str] = {}
    for index, article_id in enumerate(article_ids):
        article_text = texts.get(article_id)
        if article_text is None:
            sections.append(ArticleSection(index, article_id, None, 0, 0))
            continue
        marked = mark_text(article_text, spans[article_id], id_prefix=f"kg-m{index}")
        for (start, end), mark_id in marked.mark_ids.items():
            mark_of[(article_id, start, end)] = mark_id
        sections.append(ArticleSection(index, article_id, marked.html, len(set(marked.mark_ids.values())),
                                       len(marked.skipped)))
    return sections, mark_of


def _claim_banners(single_source: object, roots: list[Record]) -> list[Banner]:
    anonymous = [r["label"] for r in roots if r["anonymous"]]
    names = some([r["label"] for r in roots])
    banners: list[Banner] = []
    if single_source is True:
        who = f"one anonymous source ({names})" if anonymous and len(roots) == 1 else names
        banners.append(Banner("alert", f"Single source: every copy of this claim leads back to {who}."))
    elif anonymous:
        title = "Anonymous root source: " if len(anonymous) == 1 else f"{len(anonymous)} anonymous root sources: "
        banners.append(Banner("warn", title + some(anonymous) + "."))
    if single_source is False and len(roots) > 1:
        banners.append(Banner("info", f"{len(roots)} root sources: {names}."))
    return banners


def _claim_facts(graph: nx.DiGraph, roots: list[Hashable], kinds: Counter[str]) -> list[str]:
    facts = [count(kinds["article"], "article"), count(kinds["outlet"], "outlet"), count(len(roots), "root source")]
    claim_id = text(graph.graph.get("claim_id"))
    if claim_id:
        facts.insert(0, f"claim {claim_id}")
    return facts


def _column_headers(graph: nx.DiGraph, nodes: Mapping[Hashable, Record], hop: Mapping[Hashable, int],
                    positions: Mapping[Hashable, tuple[float, float]]) -> list[dict[str, Any]]:
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
