"""The index page (`render_index`): the audit table, each claim linked to its chain page, the outlets beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from kg.errors import InputError
from kg.view import assets
from kg.view.page import environment
from kg.view.wording import clip, count, text


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
    return environment().get_template("index.html").render(
        title="Claim audit — kg", rows=rows, columns=columns, single=single,
        outlets_href=outlets_href, csp=assets.content_security_policy([index_js]),
        css=Markup(assets.template_text("view.css")), index_js=Markup(index_js))


def _relative_href(value: str, what: str) -> str:
    """A link to a page beside this one; anything with a scheme or host (http:, javascript:, //) is refused."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{what}: expected a relative path to an HTML file, got {value!r}")
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc or value.strip().startswith(("/", "\\")):
        raise InputError(f"{what}: {value!r} is not a relative path; pages must sit beside the index "
                         "so the set works offline")
    return value.strip()


@dataclass(slots=True)
class _Cell:
    text: str
    sort: str | float  # what the table's script sorts the column by
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


def _audit_table(rows: Sequence[Mapping[str, Any]], hrefs: Mapping[str, str]) -> tuple[list[_Row], list[str]]:
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
        claim_id = text(row.get("id", row.get("claim_id")))
        cells = []
        for key in present + extra:
            if key == "id":
                summary = text(row.get("summary")) or claim_id
                cell = _Cell(clip(" ".join(summary.split()), _CELL_CHARS), summary.casefold(),
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
        return _Cell(count(len(value), "article"), len(value), small=", ".join(map(text, value)))
    if key == "changes" and isinstance(value, list):
        joined = "; ".join(f"{c.get('kind', '')}: {c.get('detail', '')}" if isinstance(c, Mapping) else _plain(c)
                           for c in value)
        return _Cell(clip(joined, _CELL_CHARS), len(value))
    if key == "cycles" and isinstance(value, list):
        joined = "; ".join(" → ".join(map(_plain, c)) if isinstance(c, list | tuple) else _plain(c) for c in value)
        return _Cell(clip(joined, _CELL_CHARS), len(value))
    if isinstance(value, bool):
        return _Cell("yes" if value else "no", int(value))
    if isinstance(value, int | float):
        return _Cell(f"{value:g}" if isinstance(value, float) else str(value), value)
    plain = clip(_plain(value), _CELL_CHARS)
    return _Cell(plain, len(value) if isinstance(value, list | tuple) else plain.casefold())


def _root_source(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _plain(value)
    out = text(value.get("speaker")) or "unknown"
    if value.get("anonymous") is True:
        out += " (anonymous)"
    if value.get("first_reported_by"):
        out += f", first reported by {value['first_reported_by']}"
    return out


def _plain(value: Any) -> str:
    """Any audit value as one line of text, for fields the table has no special cell for."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)
