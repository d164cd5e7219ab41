"""What `run_audit` needs of a claim's provenance graph, without building the graph.

The audit of a claim reads three things off its provenance graph
(`kg.audit.graph`): the outlets, nearest the source first; the longest route
from a root source to an article; and whether outlets cite each other in a
loop. All three follow from the routes themselves, over plain dicts, which is
what makes auditing thousands of claims cheap: longest routes by Kahn's order
(or, when routes loop, over the strongly connected components, as `set_hops`
does), loops by `list_cycles`, as `find_cycles` lists them from the graph. The
answer is the full graph's: nodes take the kind and label of their first
step, and edges come in the graph's order.

Every statement of an article shares the end of its route (upstream outlets,
translator, publisher, article), so `Routes` folds it once per article.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TypeVar

from kg.audit.cycles import list_cycles
from kg.audit.paths import Step, merge_repeats, route_prefix, travel_route
from kg.audit.records import ArticleTravel, StatementRow
from kg.audit.roots import Origin
from kg.rdf.build import article_iri


@dataclass(frozen=True)
class RouteSummary:
    outlets: tuple[str, ...]  # labels of the outlet nodes, by hop then label (the graph's order)
    longest: int  # the hop of the furthest article
    cycles: tuple[tuple[str, ...], ...] = ()  # outlets citing each other in a loop (`find_cycles`)
    loop_groups: Mapping[str, str] = field(default_factory=dict)  # outlet on a loop → its loop's head


class Routes:
    """The folded travel route of each article, computed on first use and shared by every claim."""

    def __init__(self, travel: Mapping[str, ArticleTravel]) -> None:
        self._travel = travel
        self._routes: dict[str, tuple[Step, ...]] = {}

    def of(self, article: str) -> tuple[Step, ...]:
        route = self._routes.get(article)
        if route is None:
            route = tuple(merge_repeats(travel_route(article, self._travel.get(article), str(article_iri(article)))))
            self._routes[article] = route
        return route

    def summary(self, statements: Sequence[StatementRow], origins: Sequence[Origin]) -> RouteSummary:
        """Outlets, longest chain and reporting loops of one claim."""
        first, succ = self._graph(statements, origins)
        hop = _levels(first, succ)
        cycles: tuple[tuple[str, ...], ...] = ()
        groups: dict[str, str] = {}
        if hop is None:
            # The routes loop. Hops are levels of the condensation, as `set_hops` has them; outlets
            # on a loop are reported (as `find_cycles` does) and count as one upstream
            # (as `run._loop_groups` has it).
            hop = _condensed_levels(first, succ)
            outlets = {n: None for n, step in first.items() if step.kind == "outlet"}
            among = {u: [v for v in succ.get(u, ()) if v in outlets] for u in outlets}
            loops = [c for c in _components(list(outlets), among) if len(c) > 1]
            groups = {n: min(c) for c in loops for n in c}
            cycles = tuple(list_cycles(loops, among, lambda n: first[n].label))
        outlets_by_hop = sorted((n for n, step in first.items() if step.kind == "outlet"),
                                key=lambda n: (hop[n], first[n].label))
        longest = max((hop[n] for n, step in first.items() if step.kind == "article"), default=0)
        return RouteSummary(outlets=tuple(first[n].label for n in outlets_by_hop), longest=longest, cycles=cycles,
                            loop_groups=groups)

    def _graph(self, statements: Sequence[StatementRow], origins: Sequence[Origin]
               ) -> tuple[dict[str, Step], dict[str, dict[str, None]]]:
        """The nodes (→ the step that put each in the graph) and edges (in the order they appear) of
        the claim's routes: what `provenance_graph` builds, without attributes."""
        first: dict[str, Step] = {}
        succ: dict[str, dict[str, None]] = {}
        done: set[str] = set()  # articles whose shared route is in the graph already
        for s, origin in zip(statements, origins, strict=True):
            route = self.of(s.article)
            prefix = merge_repeats(route_prefix(s, origin)) if s.attributed else []
            start = 0
            if prefix and prefix[-1].node == route[0].node:
                # The statement names the outlet its article's route starts with: one step.
                if prefix[-1].role != "root":
                    prefix[-1] = replace(route[0], label=prefix[-1].label)
                start = 1
            for step in prefix:
                if step.node not in first:
                    first[step.node] = step
            for a, b in pairwise(prefix):
                succ.setdefault(a.node, {})[b.node] = None
            if prefix and start < len(route):
                succ.setdefault(prefix[-1].node, {})[route[start].node] = None
            if s.article not in done:
                done.add(s.article)
                for step in route[start:]:
                    if step.node not in first:
                        first[step.node] = step
                for a, b in pairwise(route):
                    succ.setdefault(a.node, {})[b.node] = None
        return first, succ


# A node of `_levels`: a step's node IRI, or a component's number in the condensed graph.
_N = TypeVar("_N", bound=Hashable)


def _levels(nodes: Iterable[_N], succ: Mapping[_N, Iterable[_N]]) -> dict[_N, int] | None:
    """Longest-path depth of every node (Kahn's order), or None when the graph has a cycle."""
    indegree = dict.fromkeys(nodes, 0)
    for targets in succ.values():
        for v in targets:
            indegree[v] += 1
    level = {n: 0 for n, d in indegree.items() if d == 0}
    queue = list(level)
    for u in queue:  # grows while it is read
        next_level = level[u] + 1
        for v in succ.get(u, ()):
            if level.get(v, -1) < next_level:
                level[v] = next_level
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    return level if len(queue) == len(indegree) else None


def _components(nodes: Sequence[str], succ: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ.get(root, ())))]
        while work:
            node, targets = work[-1]
            for v in targets:
                if v not in index:
                    index[v] = low[v] = len(index)
                    stack.append(v)
                    on_stack.add(v)
                    work.append((v, iter(succ.get(v, ()))))
                    break
                if v in on_stack:
                    low[node] = min(low[node], index[v])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        v = stack.pop()
                        on_stack.discard(v)
                        component.append(v)
                        if v == node:
                            break
                    out.append(component)
    return out


def _condensed_levels(nodes: Mapping[str, Step], succ: Mapping[str, Mapping[str, None]]) -> dict[str, int]:
    """hop of every node when each strongly connected component counts as one node (`graph.set_hops`)."""
    components = _components(list(nodes), succ)
    component_of = {n: k for k, component in enumerate(components) for n in component}
    condensed = {k: dict.fromkeys(component_of[v] for u in c for v in succ.get(u, ()) if component_of[v] != k)
                 for k, c in enumerate(components)}
    level = _levels(condensed, condensed)
    assert level is not None  # a condensation has no cycle
    return {n: level[k] for n, k in component_of.items()}
