"""GraphML: loads with networkx with every attribute, valid whatever the text."""

from __future__ import annotations

import networkx as nx

from entgraph.export import write_graphml


def read_back(G, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    return path, nx.read_graphml(path, force_multigraph=True)


def test_seed_graph_round_trips_with_every_attribute(seed_result, tmp_path):
    G = seed_result.graph
    path, H = read_back(G, tmp_path)
    assert path.read_bytes().startswith(b"<?xml version=")
    assert isinstance(H, nx.MultiDiGraph)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    edges = {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    assert {(u, v, k): d for u, v, k, d in H.edges(keys=True, data=True)} == edges
    assert H.graph["window"] == "sentence"


def test_no_none_or_list_values_in_the_graph(seed_result):
    G = seed_result.graph
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for *_, d in G.edges(keys=True, data=True) for v in d.values()]
    assert values and all(isinstance(v, (str, int, float)) for v in values)


def test_control_characters_and_hostile_text_still_give_valid_xml(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node(
        "person:a\x00b",
        label="A\x01B </graphml> <script>alert(1)</script> 🙂 \u202e",
        type="PERSON",
    )
    G.add_edge(
        "person:a\x00b",
        "org:x",
        key="co-mention",
        relation="co-mention",
        weight=1,
        evidence='["\x1b[31m & <b>"]',
    )
    _, H = read_back(G, tmp_path)
    assert H.nodes["person:ab"]["label"] == "AB </graphml> <script>alert(1)</script> 🙂 \u202e"
    assert H.edges["person:ab", "org:x", "co-mention"]["evidence"] == '["[31m & <b>"]'


def test_writing_every_output_leaves_the_graph_unchanged(seed_result, tmp_path):
    G = seed_result.graph
    before = nx.node_link_data(G, edges="edges")
    seed_result.write(tmp_path)
    assert nx.node_link_data(G, edges="edges") == before
    _, H = read_back(G, tmp_path)
    assert all("width" not in d for *_, d in H.edges(keys=True, data=True))
