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

__all__ = ["layout_positions", "rank_nodes"]

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


def _undirected(n: int, pairs: Sequence[tuple[int, int, int]]) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(range(n))
    for u, v, weight in pairs:
        if u != v:
            old = H.get_edge_data(u, v, {"weight": 0})["weight"]
            H.add_edge(u, v, weight=old + weight)
    for _, _, data in H.edges(data=True):
        # Strong ties pull harder, but a pair seen 100 times is not 100 times closer.
        data["pull"] = 1 + math.log(data["weight"])
    return H


def _spring(H: nx.Graph, nodes: Sequence[int]) -> dict[int, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= 3:
        layout = nx.circular_layout(H.subgraph(nodes))
    else:
        layout = nx.spring_layout(H.subgraph(nodes), weight="pull", iterations=60, seed=7)
    return {node: (float(xy[0]), float(xy[1])) for node, xy in layout.items()}


def _place_rest(
    H: nx.Graph, component: set[int], pos: dict[int, tuple[float, float]], spacing: float
) -> None:
    # Breadth-first from the backbone: each node lands near its placed neighbors.
    children: dict[int, int] = defaultdict(int)
    frontier = sorted({v for u in pos for v in H[u] if v in component and v not in pos})
    while frontier:
        for node in frontier:
            placed = [(H[node][v]["weight"], v) for v in H[node] if v in pos]
            anchor = max(placed)[1]
            total = sum(w for w, _ in placed)
            x = sum(w * pos[v][0] for w, v in placed) / total
            y = sum(w * pos[v][1] for w, v in placed) / total
            k = children[anchor] = children[anchor] + 1
            radius, angle = spacing * math.sqrt(k), k * _GOLDEN_ANGLE
            pos[node] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
        frontier = sorted({v for u in frontier for v in H[u] if v not in pos})


def _component_layout(H: nx.Graph, component: set[int]) -> dict[int, tuple[float, float]]:
    ranked = sorted(component, key=lambda n: (-H.degree(n, weight="weight"), n))
    backbone = ranked[:BACKBONE]
    pos = _spring(H, backbone)
    if len(component) > len(backbone):
        _place_rest(H, component, pos, spacing=0.35 / math.sqrt(len(backbone)))
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
    H = _undirected(n, pairs)
    components = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    total_area = sum((2 * _radius(len(c))) ** 2 for c in components)
    width = max([2 * _radius(len(components[0]))] if components else [0.0])
    width = max(width, 1.3 * math.sqrt(total_area))
    positions: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        diameter = 2 * _radius(len(component))
        if x > 0 and x + diameter > width:  # shelf packing: next row
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _component_layout(H, component)
        for node, (px, py) in local.items():
            positions[node] = (x + diameter / 2 + px, y + diameter / 2 + py)
        x += diameter
        row_height = max(row_height, diameter)
    return [(round(positions[i][0], 1), round(positions[i][1], 1)) for i in range(n)]
