"""Colours, shapes and wording for node kinds and edge relations.

One table for the canvas and the HTML legend, so they cannot disagree. Fills
are light tints (black labels stay readable on all of them); hues follow the
Okabe–Ito palette, which stays distinguishable under the common colour-vision
deficiencies. Red is kept for one meaning only: "anonymous or single source".
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import UnknownNameError

ALERT = "#c62828"  # red: anonymous sources, single-source claims
INK = "#1f2328"


@dataclass(frozen=True, slots=True)
class KindStyle:
    fill: str
    border: str
    name: str  # the legend's wording, for a reader who does not know the schema
    hint: str


@dataclass(frozen=True, slots=True)
class RelationStyle:
    color: str
    dashes: bool
    hint: str


KINDS: dict[str, KindStyle] = {
    "person": KindStyle("#d4e9f7", "#0072b2", "Person", "a named person"),
    "organization": KindStyle("#cdeee0", "#009e73", "Organisation", "a government, army, company…"),
    "anonymous": KindStyle("#eeeeee", ALERT, "Anonymous source", "the text withholds the name"),
    "document": KindStyle("#f7f0b5", "#b8a200", "Document", "a report, leak, book or transcript"),
    "audience": KindStyle("#e9def0", "#8e5ea2", "Audience", "e.g. “told reporters”"),
    "outlet": KindStyle("#fde3b4", "#e69f00", "Outlet", "newspaper, agency, site, blog"),
    "article": KindStyle("#ffffff", "#57606a", "Article", "a text we hold; click to read it"),
}

RELATIONS: dict[str, RelationStyle] = {
    "told": RelationStyle("#24292f", False, "said it to"),
    "cited": RelationStyle("#0072b2", False, "quoted or cited"),
    "reported": RelationStyle("#56b4e9", False, "reported on"),
    "republished": RelationStyle("#d55e00", True, "copied the article"),
    "translated": RelationStyle("#cc79a7", True, "translated the article"),
    "published": RelationStyle("#009e73", False, "published the text"),
    "reused": RelationStyle("#8c8c8c", True, "took the article's text, uncredited (found by comparing texts)"),
}

# Relations by which a text is copied whole rather than reported on: these edges
# form the wire-reprint clusters the outlet view can collapse.
COPY_RELATIONS = frozenset({"republished", "translated"})


def kind_style(kind: str) -> KindStyle:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownNameError("node kind", kind, KINDS) from None


def relation_style(relation: str) -> RelationStyle:
    try:
        return RELATIONS[relation]
    except KeyError:
        raise UnknownNameError("edge relation", relation, RELATIONS) from None


def dot_fill(kind: str) -> str:
    """The fill of a kind's circle in the outlet network, on the canvas and in its legend."""
    # Small circles need the saturated hue to be told apart; anonymous stays grey so red means "alert".
    if kind == "anonymous":
        return "#b0b0b0"
    if kind == "article":
        return "#8c959f"
    return kind_style(kind).border
