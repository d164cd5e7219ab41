"""Node positions computed in Python, so the browser never runs a physics simulation it cannot finish.

The claim view is a left-to-right flow: one column per `hop` (root speakers on
the left, articles on the right). Within a column, nodes are ordered by the
barycentre of their neighbours (Sugiyama's heuristic), which removes most edge
crossings in a few sweeps; a column too tall to read is folded into several
sub-columns. The outlet view has no such order, so it uses a force-directed
layout (Fruchterman–Reingold, vectorised with numpy), and above
`FORCE_LIMIT` nodes leaves the layout to vis-network's Barnes–Hut solver, which
the page stops once it has stabilised.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from kg.errors import InputError

Position = tuple[float, float]

# All-pairs repulsion is O(n²) per iteration: ~1 s at 2,000 nodes, ~3 s at 3,500. Above the limit
# the page runs vis-network's Barnes–Hut solver (O(n log n)) and freezes it once stable.
FORCE_LIMIT = 3500


@dataclass(frozen=True, slots=True)
class Spacing:
    """Distances in canvas pixels; node boxes are at most `box` wide."""

    column: float = 270.0  # from one hop to the next: a box plus room for an edge label
    row: float = 85.0  # a three-line box plus a gap
    sub_column: float = 200.0
    max_rows: int = 24  # beyond this a column is folded into sub-columns
    box: float = 160.0


def hops(graph: nx.DiGraph) -> dict[Hashable, int]:
    """Each node's `hop`, or, when any node lacks one, hops computed from the edges.

    Computed hops are the longest path from a node with no predecessor, so every
    edge points rightwards; a cycle (an outlet citing its own copier) is treated
    as one step.
    """
    given = {n: graph.nodes[n].get("hop") for n in graph}
    for node, hop in given.items():
        if hop is not None and (not isinstance(hop, int) or isinstance(hop, bool) or hop < 0):
            raise InputError(f"node {node!r} has hop {hop!r}; expected an integer >= 0")
    if all(h is not None for h in given.values()):
        return {n: int(h) for n, h in given.items() if h is not None}
    return _longest_path_hops(graph)


def _longest_path_hops(graph: nx.DiGraph) -> dict[Hashable, int]:
    dag = nx.condensation(graph)  # strongly connected components, so cycles cannot loop forever
    depth: dict[int, int] = {}
    for component in nx.topological_sort(dag):
        depth[component] = max((depth[p] + 1 for p in dag.predecessors(component)), default=0)
    mapping: Mapping[Hashable, int] = dag.graph["mapping"]
    return {n: depth[mapping[n]] for n in graph}


def layered_positions(graph: nx.DiGraph, hop: Mapping[Hashable, int],
                      spacing: Spacing = Spacing()) -> dict[Hashable, Position]:
    """Left-to-right positions: x from the rank of the node's hop, y from a barycentre ordering."""
    columns: dict[int, list[Hashable]] = {}
    for node in graph:  # graph order, so equal keys keep a deterministic order
        columns.setdefault(hop[node], []).append(node)
    ranks = sorted(columns)
    y: dict[Hashable, float] = {}

    def place(column: list[Hashable]) -> None:
        middle = (len(column) - 1) / 2
        for i, node in enumerate(column):
            y[node] = i - middle

    for rank in ranks:
        place(columns[rank])
    # Alternate sweeps: order by predecessors going right, by successors going left.
    for sweep in range(4):
        forward = sweep % 2 == 0
        for rank in ranks if forward else reversed(ranks):
            column = columns[rank]
            neighbours = graph.predecessors if forward else graph.successors

            def barycentre(node: Hashable, neighbours: Callable[[Hashable], Iterable[Hashable]] = neighbours,
                           rank: int = rank) -> float:
                ys = [y[m] for m in neighbours(node) if hop[m] != rank]
                return sum(ys) / len(ys) if ys else y[node]

            column.sort(key=barycentre)  # stable: ties keep the previous sweep's order
            place(column)

    # Fold tall columns so the whole picture is about as wide as a screen is (aspect ~1.6):
    # with h columns of m nodes folded into rows of r, width/height = h·m·sub / (r²·row).
    tallest = max((len(c) for c in columns.values()), default=0)
    max_rows = max(spacing.max_rows,
                   math.ceil(math.sqrt(len(ranks) * tallest * spacing.sub_column / (1.6 * spacing.row))))
    positions: dict[Hashable, Position] = {}
    x = 0.0
    for rank in ranks:
        column = columns[rank]
        folds = max(1, math.ceil(len(column) / max_rows))
        rows = math.ceil(len(column) / folds)
        for i, node in enumerate(column):
            row, sub = divmod(i, folds)
            positions[node] = (round(x + sub * spacing.sub_column, 1),
                               round((row - (rows - 1) / 2) * spacing.row, 1))
        # A folded column gets a wider gutter after it, so hops stay apart from each other.
        x += (folds - 1) * spacing.sub_column + spacing.column * (1.0 if folds == 1 else 1.6)
    return positions


def network_positions(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, Position] | None:
    """A seeded force-directed layout in canvas pixels, or None when the graph is too big to lay out here.

    Nodes with no edge are set apart in rows under the picture: in a force layout nothing holds
    them, they drift to the rim and the view has to zoom out to show them.
    """
    n = len(graph)
    if n > FORCE_LIMIT:
        return None
    if n == 0:
        return {}
    import numpy as np

    isolated = [v for v in graph if graph.degree(v) == 0]
    linked = [v for v in graph if graph.degree(v) > 0]
    positions: dict[Hashable, Position] = {}
    bottom = 0.0
    if linked:
        # Small graphs get more iterations: they cost nothing and settle into an even spread.
        raw = _fruchterman_reingold(linked, graph.subgraph(linked).edges(), seed=seed,
                                    iterations=300 if len(linked) <= 300 else 60)
        pos = np.array([raw[v] for v in linked], dtype=np.float64)
        pos -= pos.mean(axis=0)
        # Turn the picture so its long axis is horizontal (screens are wide), then, as in the
        # claim view, put the sources on the left: flip if nodes nobody feeds sit right of the rest.
        if len(linked) > 2:
            _, vectors = np.linalg.eigh(np.cov(pos.T))
            pos = pos @ vectors[:, ::-1]
        if isinstance(graph, nx.DiGraph):
            sources = [i for i, v in enumerate(linked) if graph.in_degree(v) == 0]
            if sources and pos[sources, 0].mean() > 0:
                pos[:, 0] = -pos[:, 0]
        span = np.ptp(pos, axis=0).max() or 1.0
        # About 200 px per node whatever the size (labels sit beside circles), wider than tall.
        scale = 2 * max(480.0, 110.0 * math.sqrt(len(linked))) / span
        for v, (x, y) in zip(linked, pos, strict=True):
            positions[v] = (round(float(x) * scale * 1.3, 1), round(float(y) * scale, 1))
        bottom = max(p[1] for p in positions.values()) + 160.0
    per_row = max(1, math.ceil(math.sqrt(len(isolated) * 3)))  # rows about three times wider than tall
    for i, v in enumerate(isolated):
        row, col = divmod(i, per_row)
        width = (min(per_row, len(isolated)) - 1) * 200.0
        positions[v] = (round(col * 200.0 - width / 2, 1), round(bottom + row * 90.0, 1))
    return positions


def _fruchterman_reingold(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], *, seed: int,
                          iterations: int = 60, block: int = 512) -> dict[Hashable, Position]:
    """Fruchterman–Reingold with all-pairs repulsion, vectorised in numpy; `edges` are read as undirected.

    networkx's own version needs scipy above 500 nodes (not a dependency of kg)
    and takes ~7 s on 2,000 of them; this one ~1 s, with numpy only. Repulsion is computed a block of
    rows at a time so memory stays at `block × n` floats. A weak pull to the
    centre keeps small components from drifting to the edge of the picture.
    """
    import numpy as np  # installed with spaCy; imported here so importing kg.view stays cheap

    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    # Each link once, as (lower index, higher index), in sorted order: the pulls are added up in float32,
    # so their order shows in the result, and no set or hash-ordered view may choose it (networkx's
    # undirected view of a digraph iterates a set of nodes, which changes with PYTHONHASHSEED).
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in edges if u != v})
    edge_index = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    k = np.float32(1.0 / math.sqrt(n))  # ideal edge length for nodes spread over the unit square
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    force = np.empty((n, 2), dtype=np.float32)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        for lo in range(0, n, block):
            hi = min(lo + block, n)
            dx = x[lo:hi, None] - x[None, :]  # (rows, n); x and y apart: 2-D arrays are ~5x faster
            dy = y[lo:hi, None] - y[None, :]
            repulsion = k * k / np.maximum(dx * dx + dy * dy, 1e-6)
            force[lo:hi, 0] = (dx * repulsion).sum(axis=1)
            force[lo:hi, 1] = (dy * repulsion).sum(axis=1)
        if len(edge_index):
            d = pos[edge_index[:, 0]] - pos[edge_index[:, 1]]
            pull = d * (np.sqrt((d * d).sum(axis=1)) / k)[:, None]
            np.subtract.at(force, edge_index[:, 0], pull)
            np.add.at(force, edge_index[:, 1], pull)
        force -= (pos - 0.5) * (0.05 * n * k)  # gravity, scaled like the repulsion it balances
        length = np.maximum(np.sqrt((force * force).sum(axis=1)), 1e-9)
        pos += force * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}
