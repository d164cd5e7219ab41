"""Circular reporting: outlets that cite each other in a loop (A cites B cites A).

A loop among outlets means at least one of them presents as confirmation
what it had itself put into circulation. A dense outlet graph can hold an
exponential number of elementary cycles, so the list is bounded: loops of at
most `max_length` outlets, shortest first, at most `limit` of them, and when
there are more, the first in order of their labels. That order is the
answer's own (not an enumeration's), so a report lists the same loops on
every run and whichever code found them: `find_cycles` over a provenance
graph and `list_cycles` over the plain dicts the audit keeps.

Each loop is found once, from its lowest-ranked outlet (by label, then node),
by a depth-bounded search through higher-ranked outlets only, one length at
a time, pruned by the distance back to the start. A search that outgrows
`budget` steps stops with what it has: still the same list on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import networkx as nx

MAX_LENGTH = 8
LIMIT = 100
BUDGET = 200_000


def find_cycles(graph: nx.DiGraph, *, kinds: frozenset[str] = frozenset({"outlet"}), max_length: int = MAX_LENGTH,
                limit: int = LIMIT) -> list[tuple[str, ...]]:
    """Cycles among nodes of the given kinds, as label tuples starting at the smallest label.

    Nodes without a `kind` attribute count as outlets (hand-made graphs).
    """
    keep = [n for n, k in graph.nodes(data="kind", default="outlet") if k in kinds]
    sub = graph.subgraph(keep)
    components = [list(c) for c in nx.strongly_connected_components(sub) if len(c) > 1]
    succ = {n: list(sub.successors(n)) for c in components for n in c}
    return list_cycles(components, succ, lambda n: str(sub.nodes[n].get("label", n)),
                       max_length=max_length, limit=limit)


def list_cycles(components: Sequence[Sequence[str]], succ: Mapping[str, Iterable[str]], label: Callable[[str], str],
                *, max_length: int = MAX_LENGTH, limit: int = LIMIT, budget: int = BUDGET) -> list[tuple[str, ...]]:
    """The loops within these strongly connected components (as `find_cycles` lists them).

    `succ` gives each node's successors (those outside its component are ignored);
    `label` names a node.
    """
    groups = [sorted(c, key=lambda n: (label(n), n)) for c in components if len(c) > 1]
    if not groups or limit <= 0:
        return []
    group_of = {n: k for k, group in enumerate(groups) for n in group}
    rank = {n: i for group in groups for i, n in enumerate(group)}
    labels = {n: label(n) for n in rank}
    # Successors within the component, in rank order: the search is the same whatever order edges came in.
    ahead = {n: sorted((v for v in set(succ.get(n, ())) if group_of.get(v) == group_of[n]), key=rank.__getitem__)
             for n in rank}
    back: dict[str, list[str]] = {n: [] for n in rank}  # predecessors within the component
    for u in rank:
        for v in ahead[u]:
            back[v].append(u)
    back_to = {n: _distances_back(n, back, rank) for n in rank}
    listed: list[tuple[str, ...]] = []
    steps = 0
    for length in range(2, max_length + 1):
        level: set[tuple[str, ...]] = set()
        for start in (n for group in groups if len(group) >= length for n in group):
            to_start = back_to[start]
            path = [start]
            on_path = {start}
            work = [iter(ahead[start])]
            while work and steps <= budget:
                steps += 1
                for v in work[-1]:
                    # A cycle through v has at least len(path) + to_start[v] outlets; a node ranked
                    # before `start` has no distance (its loops are found from their own start).
                    if v in on_path or len(path) + to_start.get(v, length) > length:
                        continue
                    if len(path) + 1 == length:
                        if to_start[v] == 1:
                            level.add(_read_from_smallest([*(labels[n] for n in path), labels[v]]))
                        continue
                    path.append(v)
                    on_path.add(v)
                    work.append(iter(ahead[v]))
                    break
                else:
                    work.pop()
                    on_path.discard(path.pop())
        # Loops of one length all read differently from loops of another: no duplicates across levels.
        for cycle in sorted(level):
            listed.append(cycle)
            if len(listed) == limit:
                return listed
        if steps > budget:
            break
    return listed


def _distances_back(start: str, back: Mapping[str, Sequence[str]], rank: Mapping[str, int]) -> dict[str, int]:
    """Edges still needed to get back to `start` through nodes ranked after it (start: 0)."""
    low = rank[start]
    distance = {start: 0}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for u in back[v]:
                if u not in distance and rank[u] > low:
                    distance[u] = distance[v] + 1
                    following.append(u)
        frontier = following
    return distance


def _read_from_smallest(labels: list[str]) -> tuple[str, ...]:
    # Rotate so the same loop found from another node reads the same.
    first = labels.index(min(labels))
    return tuple(labels[first:] + labels[:first])
