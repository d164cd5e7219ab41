"""The audit as JSON (the evaluation contract), a rich table, and Markdown.

`audit_json` keeps exactly the contract's fields (CONTRACT.md: id, summary,
articles, outlets, root_sources [speaker, anonymous, first_reported_by],
independent_sources, single_source) and adds its own beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.markup import escape
from rich.table import Table

from kg.audit.verdict import ClaimAudit

_SUMMARY_CHARS = 90


def _short(text: str, n: int = _SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def audit_json(audits: Sequence[ClaimAudit]) -> list[dict[str, Any]]:
    """One object per claim: the contract's fields first, then the audit's extras."""
    return [{
        "id": a.id,
        "summary": a.summary,
        "articles": list(a.articles),
        "outlets": list(a.outlets),
        "root_sources": [{
            "speaker": r.speaker,
            "anonymous": r.anonymous,
            "first_reported_by": r.first_reported_by,
            "kind": r.kind,
            "articles": list(r.articles),
            "statements": r.statements,
            "descriptions": list(r.descriptions),
            "evidence": r.evidence,
            "group": r.group,
        } for r in a.root_sources],
        "independent_sources": a.independent_sources,
        "single_source": a.single_source,
        "reasons": list(a.reasons),
        "anonymous_root": a.anonymous_root,
        "longest_chain": a.longest_chain,
        "amplification": a.amplification,
        "changes": [{"kind": c.kind, "detail": c.detail, "articles": list(c.articles)} for c in a.changes],
        "cycles": [list(c) for c in a.cycles],
        "statements": [{"article": s.article, "start": s.start, "end": s.end, "text": s.text,
                        "speaker": s.speaker, "anonymous": s.anonymous, "hedge": s.hedge}
                       for s in a.statements],
    } for a in audits]


def _roots_line(a: ClaimAudit) -> str:
    parts = []
    for r in a.root_sources:
        via = f" via {r.first_reported_by}" if r.first_reported_by and r.first_reported_by != r.speaker else ""
        tag = " (unnamed)" if r.anonymous else ""
        parts.append(f"{r.speaker}{tag}{via}")
    return "; ".join(parts)


def _flags(a: ClaimAudit) -> list[str]:
    flags = []
    if a.single_source and len(a.articles) > 1:
        flags.append("SINGLE SOURCE")
    if a.anonymous_root:
        flags.append("unnamed root")
    if a.cycles:
        flags.append("circular: " + " | ".join(" → ".join((*c, c[0])) for c in a.cycles))
    flags += [c.detail for c in a.changes]
    return flags


def audit_table(audits: Sequence[ClaimAudit]) -> Table:
    """A terminal table, most suspicious claim first."""
    table = Table(title=f"kg audit: {len(audits)} claim(s), most amplified first", show_lines=True)
    table.add_column("claim", overflow="fold", ratio=3)
    table.add_column("art.", justify="right")
    table.add_column("outlets", justify="right")
    table.add_column("indep.", justify="right")
    table.add_column("ampl.", justify="right")
    table.add_column("chain", justify="right")
    table.add_column("root sources", overflow="fold", ratio=2)
    table.add_column("why", overflow="fold", ratio=3)
    table.add_column("findings", overflow="fold", ratio=2)
    for a in audits:
        indep = f"[bold red]{a.independent_sources}[/]" if a.single_source and len(a.articles) > 1 \
            else str(a.independent_sources)
        # Article text is data, not markup: "[c’est]" must print as written.
        table.add_row(f"[dim]{a.id}[/]\n{escape(_short(a.summary))}", str(len(a.articles)), str(len(a.outlets)),
                      indep, f"{a.amplification:g}", str(a.longest_chain), escape(_roots_line(a)),
                      escape("\n".join(a.reasons)), escape("\n".join(_flags(a))))
    return table


def _md(text: str) -> str:
    # Table cells: a pipe or newline in article text would break the row.
    return " ".join(text.split()).replace("|", "\\|")


def audit_markdown(audits: Sequence[ClaimAudit]) -> str:
    """A report: one summary table, then a section per claim that appears in several articles."""
    lines = ["# Single-source audit", "",
             f"{len(audits)} claim(s), most amplified first (amplification = outlets per independent source).",
             "", "| claim | articles | outlets | independent sources | amplification | single source |",
             "| --- | ---: | ---: | ---: | ---: | :---: |"]
    for a in audits:
        lines.append(f"| `{a.id}` {_md(_short(a.summary, 70))} | {len(a.articles)} | {len(a.outlets)} | "
                     f"{a.independent_sources} | {a.amplification:g} | {'**yes**' if a.single_source else 'no'} |")
    for a in audits:
        if len(a.articles) < 2:
            continue
        lines += ["", f"## `{a.id}`: {_md(_short(a.summary, 120))}", "",
                  f"- articles: {', '.join(a.articles)}",
                  f"- outlets on the way: {', '.join(a.outlets) or 'none named'}",
                  f"- root sources ({a.independent_sources} independent): {_md(_roots_line(a))}",
                  f"- longest chain: {a.longest_chain} hops; amplification {a.amplification:g}"]
        lines += ["- why:"] + [f"  - {_md(reason)}" for reason in a.reasons]
        for r in a.root_sources:
            if r.evidence:
                lines.append(f"- merged: {_md(r.evidence)}")
        lines += [f"- {_md(flag)}" for flag in _flags(a)]
        lines.append("- copies:")
        lines += [f"  - {s.article} [{s.start}–{s.end}] {_md(s.speaker or 'no source')}: «{_md(_short(s.text, 160))}»"
                  for s in a.statements]
    return "\n".join(lines) + "\n"
