"""The single-source audit: how many independent sources does a claim really have?

For each claim (statements linked across articles by `kg.link`), the audit
follows every copy back from its article through publisher, republication
chain, translator and the channels the text names, to a root source; it
merges unnamed sources that reached print through the same outlet, counts the
independent ones, and flags amplification, hedges lost on the way and
circular reporting.

- `records`  what the audit reads: the graphs' packed copies in bulk, or readable queries for one claim
- `roots`    root sources, anonymous merging, independence
- `paths`    one statement's route, step by step, and edge relations
- `routes`   what the audit needs of a claim's graph, without building it
- `graph`    networkx projections in the views' schema
- `changes`  hedges and attributions lost between copies
- `cycles`   circular reporting among outlets
- `model`    `ClaimAudit` and friends
- `cache`    the audit kept in the store until the claims or the articles change
- `run`      `run_audit`, `claim_graph`, `outlet_graph`
- `report`   JSON (the contract), rich table, Markdown
"""

from kg.audit.changes import Change
from kg.audit.cycles import find_cycles
from kg.audit.report import audit_json, audit_markdown, audit_table
from kg.audit.roots import RootSource
from kg.audit.run import claim_graph, claims_are_current, ensure_claims, outlet_graph, run_audit
from kg.audit.verdict import ClaimAudit, ClaimOccurrence

__all__ = [
    "Change",
    "ClaimAudit",
    "ClaimOccurrence",
    "RootSource",
    "audit_json",
    "audit_markdown",
    "audit_table",
    "claim_graph",
    "claims_are_current",
    "ensure_claims",
    "find_cycles",
    "outlet_graph",
    "run_audit",
]
