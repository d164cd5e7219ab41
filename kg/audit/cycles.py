"""Circular reporting: outlets that cite each other in a loop (A cites B cites A).

A loop among outlets means at least one of them presents as confirmation
what it had itself put into circulation. Johnson's algorithm (networkx
`simple_cycles`) lists the elementary cycles; both a length bound and a cap
on the count keep a dense outlet graph from producing an exponential list.
"""

from __future__ import annotations

from itertools import islice

import networkx as nx


def find_cycles(graph: nx.DiGraph, *, kinds: frozenset[str] = frozenset({"outlet"}), max_length: int = 8,
                limit: int = 100) -> list[tuple[str, ...]]:
    """Cycles among nodes of the given kinds, as label tuples starting at the smallest label.

    Nodes without a `kind` attribute count as outlets (hand-made graphs).
    """
    keep = [n for n, k in graph.nodes(data="kind", default="outlet") if k in kinds]
    sub = graph.subgraph(keep)
    found = set()
    for cycle in islice(nx.simple_cycles(sub, length_bound=max_length), limit):
        labels = [str(sub.nodes[n].get("label", n)) for n in cycle]
        # Rotate so the same loop found from another node reads the same.
        start = labels.index(min(labels))
        found.add(tuple(labels[start:] + labels[:start]))
    return sorted(found, key=lambda c: (len(c), c))
