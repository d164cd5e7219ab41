"""SPARQL queries shipped with kg, one `.rq` file per question.

Queries take their parameters as bound variables (`kg query --name NAME
--param outlet=CNN`), never by editing the text. A query's first comment lines
describe it; a parameter is a projected variable whose default the query sets
itself with `COALESCE(?param, default)`, so it also runs with nothing bound.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from kg.errors import UnknownNameError

_SUFFIX = ".rq"


@cache
def names() -> list[str]:
    """Every packaged query name, sorted."""
    return sorted(
        entry.name[: -len(_SUFFIX)]
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(_SUFFIX) and entry.is_file()
    )


def load(name: str) -> str:
    """The text of a packaged query; an unknown name lists the known ones."""
    bare = name[: -len(_SUFFIX)] if name.endswith(_SUFFIX) else name
    if bare not in names():
        raise UnknownNameError("query", name, names())
    return resources.files(__name__).joinpath(bare + _SUFFIX).read_text(encoding="utf-8")


def describe(name: str) -> str:
    """The query's leading comment, joined into one line (what `kg query --list` shows)."""
    lines = []
    for line in load(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(x for x in lines if x)
