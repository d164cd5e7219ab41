"""The audit's answer for one claim: plain records, no networkx, no store.

Like every record of the audit (`kg.audit.records`), these are built once and
only read afterwards, but not frozen: see there why.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.audit.changes import Change
from kg.audit.roots import RootSource


@dataclass(slots=True)
class ClaimOccurrence:
    """One copy of the claim in one article."""

    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    anonymous: bool
    hedge: str | None


@dataclass(slots=True)
class ClaimAudit:
    """How many independent sources a claim really has, and how it travelled.

    `amplification` is outlets per independent source: a claim carried by six
    outlets that all lead back to one unnamed official scores 6.
    """

    id: str
    summary: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]  # every outlet on any route, root side first
    root_sources: tuple[RootSource, ...]
    independent_sources: int
    single_source: bool
    anonymous_root: bool  # some root source is unnamed
    longest_chain: int  # hops from a root source to an article, on the longest route
    amplification: float
    changes: tuple[Change, ...]
    cycles: tuple[tuple[str, ...], ...]  # outlets citing each other in a loop
    statements: tuple[ClaimOccurrence, ...]
    reasons: tuple[str, ...] = ()  # the verdict explained, in sentences a journalist can check

    @property
    def suspicion(self) -> tuple[float, bool, bool, int]:
        """Sort key, most suspicious first when sorted in reverse."""
        return (self.amplification, self.single_source, self.anonymous_root, len(self.articles))
