"""Which entities a page keeps, and where they go when the browser should not simulate.

A force simulation of thousands of nodes does not settle in a browser tab, and
networkx's own spring layout needs scipy above 500 nodes and is slow at that size. So a
big graph is laid out in parts: networkx's spring layout places the most connected
entities of each connected component (its backbone); every other entity goes next to its
placed neighbors, on a sunflower spiral around the strongest one so that leaves of one
hub do not pile up; components are then packed side by side, biggest first.

>>> positions = layout_positions(3, [(0, 1, 1)])
>>> len(positions), positions[2] != positions[0]
(3, True)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx

__all__ = ["layout_positions", "rank_nodes", "spring_positions"]

#: Largest set of nodes given to networkx's spring layout at once (dense, no scipy).
BACKBONE = 200
#: Pixels per node: a component of n nodes gets a disc of radius UNIT * sqrt(n).
UNIT = 45.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _weight(data: dict[str, Any]) -> float:
    try:
        return max(1.0, float(data.get("weight", 1)))
    except (TypeError, ValueError):
        return 1.0


def rank_nodes(G: nx.MultiDiGraph) -> list[Hashable]:
    """Nodes, most connected first: total edge weight, then mentions, then id.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("b", "c", weight=3)
    >>> G.add_node("a", mentions=9)
    >>> rank_nodes(G)
    ['b', 'c', 'a']
    """
    strength: dict[Hashable, float] = defaultdict(float)
    for u, v, data in G.edges(data=True):
        if u != v:
            strength[u] += _weight(data)
            strength[v] += _weight(data)

    def key(node: Hashable) -> tuple[float, float, str]:
        try:
            mentions = float(G.nodes[node].get("mentions", 0))
        except (TypeError, ValueError):
            mentions = 0.0
        return (-strength[node], -mentions, str(node))

    return sorted(G.nodes, key=key)


#: Adjacency of the undirected graph the layout works on: node -> {neighbor: weight}, each
#: neighbor in the order its first edge came, as networkx keeps it (sums over neighbors
#: follow that order, so the floats do not depend on how the graph is stored).
Adjacency = dict[int, dict[int, int]]


def _undirected(n: int, pairs: Sequence[tuple[int, int, int]]) -> Adjacency:
    # Plain dicts rather than an nx.Graph: the layout reads every neighbor list a few
    # times, and networkx's views cost a Python call per look-up.
    adj: Adjacency = {node: {} for node in range(n)}
    for u, v, weight in pairs:
        if u != v:
            around = adj[u]
            if v in around:
                around[v] = adj[v][u] = around[v] + weight
            else:
                around[v] = adj[v][u] = weight
    return adj


def _components(adj: Adjacency) -> list[set[int]]:
    # Connected components, biggest first, then by their smallest node.
    seen: set[int] = set()
    found = []
    for start in adj:
        if start in seen:
            continue
        component, stack = {start}, [start]
        while stack:
            for v in adj[stack.pop()]:
                if v not in component:
                    component.add(v)
                    stack.append(v)
        seen |= component
        found.append(component)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def _spring(
    adj: Adjacency, frame: nx.Graph, nodes: Sequence[int]
) -> dict[int, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    # The node order of networkx's subgraph (it depends on the sizes), which the random
    # start positions follow; ``frame``, a graph of the nodes alone, is enough to get it.
    order = list(frame.subgraph(nodes))
    if len(nodes) <= 3:
        layout = nx.circular_layout(order)
        return {node: (float(xy[0]), float(xy[1])) for node, xy in layout.items()}
    positions = spring_positions(order, _pulls(adj, order))
    return {node: (float(x), float(y)) for node, (x, y) in zip(order, positions, strict=True)}


def _pulls(adj: Adjacency, order: Sequence[int]) -> Any:
    # The matrix nx.to_numpy_array(subgraph, weight="pull") gives: strong ties pull
    # harder, but a pair seen 100 times is not 100 times closer.
    import numpy as np  # here: only drawing the page needs it (a tenth of a second)

    index = {node: i for i, node in enumerate(order)}
    matrix = np.zeros((len(order), len(order)))
    for node, i in index.items():
        for v, weight in adj[node].items():
            j = index.get(v)
            if j is not None:
                matrix[i, j] = 1 + math.log(weight)
    return matrix


def spring_positions(nodes: Sequence[Hashable], pulls: Any, iterations: int = 60) -> Any:
    """``nx.spring_layout(G, weight="pull", iterations=60, seed=7)`` as an array, for
    the nodes of ``G`` in its order and their ``pulls`` (``nx.to_numpy_array``).

    networkx's Fruchterman-Reingold loop builds n x n x 2 arrays anew at each iteration,
    and numpy is slow on their last axis of two; this loop does the same arithmetic in
    the same order on n x n arrays made once, so it gives the very same floats, three
    times faster (tests/test_layout.py compares it with networkx on many graphs).

    >>> import numpy as np
    >>> G = nx.path_graph(5)
    >>> expected = nx.spring_layout(G, iterations=60, seed=7)
    >>> got = spring_positions(list(G), nx.to_numpy_array(G))
    >>> bool((got == np.array(list(expected.values()))).all())
    True
    """
    import numpy as np

    size = len(nodes)
    seed = np.random.RandomState(7)
    pos = np.asarray(seed.rand(size, 2), dtype=pulls.dtype)
    k = np.sqrt(1.0 / size)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    # Arrays indexed [j, i], the transpose of networkx's [i, j]: the force on node i sums
    # over j down a column, which numpy adds row after row, j = 0, 1, ... as networkx's
    # einsum does (a sum along a row would be pairwise, in another order).
    pulls_t = np.ascontiguousarray(pulls.T)
    dx, dy, distance, force = (np.empty((size, size)) for _ in range(4))
    displacement = np.empty((size, 2))
    length = np.empty(size)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        np.subtract(x[np.newaxis, :], x[:, np.newaxis], out=dx)  # dx[j, i] = x[i] - x[j]
        np.subtract(y[np.newaxis, :], y[:, np.newaxis], out=dy)
        # np.linalg.norm(delta, axis=-1): the square root of dx * dx + dy * dy.
        np.multiply(dx, dx, out=distance)
        np.add(distance, np.multiply(dy, dy, out=force), out=distance)
        np.sqrt(distance, out=distance)
        np.maximum(distance, 0.01, out=distance)  # np.clip(distance, 0.01, None)
        # k * k / distance**2 - pulls * distance / k
        np.divide(k * k, np.square(distance, out=force), out=force)
        attraction = np.multiply(pulls_t, distance, out=distance)
        np.subtract(force, np.divide(attraction, k, out=attraction), out=force)
        # np.einsum("ijk,ij->ik", delta, force)
        dispx, dispy = displacement[:, 0], displacement[:, 1]
        np.add.reduce(np.multiply(dx, force, out=dx), axis=0, out=dispx)
        np.add.reduce(np.multiply(dy, force, out=dy), axis=0, out=dispy)
        # np.clip(np.linalg.norm(displacement, axis=-1), 0.01, None)
        np.multiply(dispx, dispx, out=length)
        np.add(length, dispy * dispy, out=length)
        np.maximum(np.sqrt(length, out=length), 0.01, out=length)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / size) < 1e-4:
            break
    return nx.rescale_layout(pos, scale=1) + np.zeros(2)


def _place_rest(
    adj: Adjacency, component: set[int], pos: dict[int, tuple[float, float]], spacing: float
) -> None:
    # Breadth-first from the backbone: each node lands near its placed neighbors.
    children: dict[int, int] = defaultdict(int)
    frontier = sorted({v for u in pos for v in adj[u] if v in component and v not in pos})
    while frontier:
        for node in frontier:
            placed = [(w, v) for v, w in adj[node].items() if v in pos]
            anchor = max(placed)[1]
            total = sum(w for w, _ in placed)
            at = [(w, pos[v]) for w, v in placed]
            x = sum(w * xy[0] for w, xy in at) / total
            y = sum(w * xy[1] for w, xy in at) / total
            k = children[anchor] = children[anchor] + 1
            radius, angle = spacing * math.sqrt(k), k * _GOLDEN_ANGLE
            pos[node] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
        frontier = sorted({v for u in frontier for v in adj[u] if v not in pos})


def _component_layout(
    adj: Adjacency, frame: nx.Graph, component: set[int]
) -> dict[int, tuple[float, float]]:
    ranked = sorted(component, key=lambda n: (-sum(adj[n].values()), n))
    backbone = ranked[:BACKBONE]
    pos = _spring(adj, frame, backbone)
    if len(component) > len(backbone):
        _place_rest(adj, component, pos, spacing=0.35 / math.sqrt(len(backbone)))
    # Center, and scale to a disc whose area grows with the number of nodes.
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    extent = max(math.hypot(x - cx, y - cy) for x, y in pos.values()) or 1.0
    scale = UNIT * math.sqrt(len(component)) / extent
    return {n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in pos.items()}


def _radius(size: int) -> float:
    return UNIT * math.sqrt(size) + UNIT / 2


def layout_positions(n: int, pairs: Sequence[tuple[int, int, int]]) -> list[tuple[float, float]]:
    """Pixel positions for nodes ``0..n-1`` joined by ``(source, target, weight)`` pairs.

    Deterministic: the same input always gives the same drawing.

    >>> layout_positions(2, [(0, 1, 5)]) == layout_positions(2, [(0, 1, 5)])
    True
    """
    adj = _undirected(n, pairs)
    frame = nx.empty_graph(n)
    components = _components(adj)
    total_area = sum((2 * _radius(len(c))) ** 2 for c in components)
    width = max([2 * _radius(len(components[0]))] if components else [0.0])
    width = max(width, 1.3 * math.sqrt(total_area))
    positions: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        diameter = 2 * _radius(len(component))
        if x > 0 and x + diameter > width:  # shelf packing: next row
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _component_layout(adj, frame, component)
        for node, (px, py) in local.items():
            positions[node] = (x + diameter / 2 + px, y + diameter / 2 + py)
        x += diameter
        row_height = max(row_height, diameter)
    return [(round(positions[i][0], 1), round(positions[i][1], 1)) for i in range(n)]
