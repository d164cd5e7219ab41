"""Pages on disk: one page written atomically (`write`), or every page as one linked folder (`write_site`)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.view.chain_page import render_claim
from kg.view.index_page import render_index
from kg.view.outlets_page import render_outlets


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
