"""The model of a graph page (claim, article, outlets), its legend, and the templates every page renders with.

The page around the vis-network records is our own Jinja template, not one of
pyvis', because pyvis' templates load Bootstrap and, in some modes,
vis-network itself from a CDN. Everything written into the HTML is escaped by
Jinja's autoescape; data travels as JSON from `assets.script_json`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kg.view import assets
from kg.view.style import ALERT, INK, KINDS, RELATIONS, dot_fill


@dataclass(slots=True)
class Banner:
    level: str  # alert | warn | info
    text: str


@dataclass(slots=True)
class LegendItem:
    label: str
    hint: str
    fill: str = "#ffffff"
    border: str = INK
    dashed: bool = False
    thick: bool = False
    line: bool = False  # an edge sample rather than a node swatch
    dot: bool = False


@dataclass(slots=True)
class ArticleSection:
    index: int
    article_id: str
    html: Markup | None  # None: the text was not given
    marks: int
    skipped: int


@dataclass(slots=True)
class Page:
    mode: str  # claim | article | outlets
    title: str = "kg"
    eyebrow: str = ""
    heading: str = ""
    banners: list[Banner] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    help: str = ""
    articles: list[ArticleSection] = field(default_factory=list)
    open_article: int | None = None
    controls: list[tuple[str, str]] = field(default_factory=list)  # (element id, label)
    data: dict[str, Any] = field(default_factory=dict)  # what view.js reads: records, options, columns…


@cache
def environment() -> Environment:
    """The Jinja environment of every page, the index included."""
    # Autoescape everything: every template here writes HTML, and StrictUndefined
    # turns a misspelt variable into an error instead of an empty string.
    return Environment(loader=PackageLoader("kg.view", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_graph_page(page: Page) -> str:
    """`page` as one self-contained HTML document: vis-network and the view script inlined, CSP-locked."""
    view_js = assets.app_js("view.js")
    vis_js = assets.vis_js()
    return environment().get_template("graph.html").render(
        page=page, data=assets.script_json(page.data),
        csp=assets.content_security_policy([vis_js, view_js]),
        css=Markup(assets.template_text("view.css")),
        vis_js=Markup(vis_js), view_js=Markup(view_js), vis_version=assets.vis_version())


def legend(kinds: Counter[str], relations: set[str], *, single_source: bool,
           dots: bool = False) -> list[LegendItem]:
    """Swatches for the kinds and relations on the page only, in the style table's order."""
    items: list[LegendItem] = []
    for kind, style in KINDS.items():
        if kinds[kind]:
            fill = dot_fill(kind) if dots else style.fill
            anonymous = kind == "anonymous"
            items.append(LegendItem(style.name, style.hint, fill=fill,
                                    border=ALERT if anonymous else style.border, dashed=anonymous,
                                    dot=dots))
    if single_source:
        items.append(LegendItem("Single source", "the only root of this claim" if not dots
                                else "carries a claim with one root source",
                                fill="#ffffff", border=ALERT, thick=True, dot=dots))
    for relation, rstyle in RELATIONS.items():
        if relation in relations:
            items.append(LegendItem(relation, rstyle.hint, border=rstyle.color, dashed=rstyle.dashes,
                                    line=True))
    return items
