"""The page layout's own spring loop gives networkx's floats exactly (the page must not
change when the layout gets faster), and its graph handling keeps networkx's orders."""

import random

import networkx as nx
import numpy as np
import pytest

from entgraph.export.layout import _components, _undirected, layout_positions, spring_positions


def random_graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    n = rng.randint(4, 120)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for _ in range(rng.randint(n, 4 * n)):
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            G.add_edge(u, v, pull=1 + rng.random() * 3)
    return G


@pytest.mark.parametrize("seed", range(25))
def test_spring_positions_are_networkx_spring_layout_to_the_last_bit(seed):
    G = random_graph(seed)
    expected = nx.spring_layout(G, weight="pull", iterations=60, seed=7)
    got = spring_positions(list(G), nx.to_numpy_array(G, weight="pull"))
    assert np.array_equal(got, np.array(list(expected.values())))


def test_spring_positions_follow_networkx_for_any_number_of_iterations():
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 0), (0, 4)])
    for iterations in (1, 5, 60, 200):
        expected = nx.spring_layout(G, iterations=iterations, seed=7)
        got = spring_positions(list(G), nx.to_numpy_array(G), iterations=iterations)
        assert np.array_equal(got, np.array(list(expected.values())))


def test_the_undirected_graph_sums_weights_and_keeps_networkx_neighbor_order():
    pairs = [(0, 2, 1), (2, 1, 4), (0, 1, 2), (2, 0, 3), (3, 3, 9)]
    H = nx.Graph()
    H.add_nodes_from(range(4))
    for u, v, w in pairs:
        if u != v:
            H.add_edge(u, v, weight=H.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    adj = _undirected(4, pairs)
    assert {u: list(adj[u].items()) for u in adj} == {
        u: [(v, d["weight"]) for v, d in H[u].items()] for u in H
    }


def test_components_are_networkx_components_biggest_first():
    rng = random.Random(3)
    pairs = [(rng.randrange(300), rng.randrange(300), 1) for _ in range(250)]
    expected = sorted(
        nx.connected_components(nx.Graph([(u, v) for u, v, _ in pairs if u != v])),
        key=lambda c: (-len(c), min(c)),
    )
    got = [c for c in _components(_undirected(300, pairs)) if len(c) > 1]
    assert got == [c for c in expected if len(c) > 1]
    assert sum(len(c) for c in _components(_undirected(300, pairs))) == 300


def test_layout_is_deterministic_and_spreads_a_big_component():
    rng = random.Random(5)
    pairs = [(rng.randrange(600), rng.randrange(600), rng.randint(1, 5)) for _ in range(1500)]
    first = layout_positions(600, pairs)
    assert first == layout_positions(600, pairs)
    assert len(set(first)) == 600  # every node has its own place
