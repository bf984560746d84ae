"""GraphML: every consumer reads it whole (unique ids, declared keys, networkx and igraph
read the same counts), with every attribute, valid whatever the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest

from entgraph.export import write_graphml
from entgraph.export.graphml import read_graphml

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def read_back(G, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    return path, read_graphml(path)


def test_ids_are_unique_and_every_data_key_is_declared_with_a_type(seed_result, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(seed_result.graph, path)
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", NS)}
    assert all(k.get("attr.type") and k.get("attr.name") for k in keys.values())
    edges = root.findall("g:graph/g:edge", NS)
    assert len(edges) == seed_result.graph.number_of_edges() > 0
    edge_ids = Counter(e.get("id") for e in edges)
    assert len(edge_ids) == len(edges) and all(edge_ids.values())  # Gephi keeps them all
    node_ids = [n.get("id") for n in root.findall("g:graph/g:node", NS)]
    assert len(set(node_ids)) == len(node_ids) == seed_result.graph.number_of_nodes()
    nodes = root.findall("g:graph/g:node", NS)
    for element, kind in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        for data in element.findall("g:data", NS):
            assert keys[data.get("key")].get("for") == kind
    by_name = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys.values()}
    assert by_name[("edge", "weight")] == "double"
    assert by_name[("edge", "directed")] == "boolean"


def test_co_mentions_are_marked_undirected_and_the_rest_directed(seed_result, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(seed_result.graph, path)
    H = nx.read_graphml(path)
    flags = {(d["relation"], d["directed"]) for *_, d in H.edges(data=True)}
    assert flags == {("co-mention", False), ("quotation", True), ("affiliation", True)}
    assert all(isinstance(d["weight"], float) for *_, d in H.edges(data=True))


def test_igraph_reads_the_same_nodes_and_edges(seed_result, tmp_path):
    igraph = pytest.importorskip("igraph")
    G = seed_result.graph
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert sorted(g.vs["id"]) == sorted(G.nodes)
    assert Counter(g.es["relation"]) == Counter(d["relation"] for *_, d in G.edges(data=True))
    assert sum(g.es["weight"]) == sum(d["weight"] for *_, d in G.edges(data=True))
    pairs = {(g.vs[e.source]["id"], g.vs[e.target]["id"], e["relation"]) for e in g.es}
    assert pairs == set(G.edges(keys=True))


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


def test_per_edge_direction_marks_each_co_mention_for_gephi(seed_result, tmp_path):
    # Gephi and yEd read GraphML's per-edge `directed`; with it co-mentions draw
    # without arrows while quotations and affiliations keep theirs.
    G = seed_result.graph
    path = tmp_path / "g.graphml"
    write_graphml(G, path, direction="per-edge")
    root = ET.parse(path).getroot()
    assert root.find("g:graph", NS).get("edgedefault") == "directed"
    keys = {k.get("attr.name"): k.get("id") for k in root.findall("g:key", NS)}
    marks = Counter()
    for edge in root.findall("g:graph/g:edge", NS):
        relation = edge.find(f"g:data[@key='{keys['relation']}']", NS).text
        marks[relation, edge.get("directed")] += 1
    relations = Counter(d["relation"] for *_, d in G.edges(data=True))
    assert marks == {
        ("co-mention", "false"): relations["co-mention"],
        ("quotation", None): relations["quotation"],
        ("affiliation", None): relations["affiliation"],
    }


def test_a_per_edge_file_reads_back_as_the_same_graph(seed_result, tmp_path):
    G = seed_result.graph
    write_graphml(G, tmp_path / "p.graphml", direction="per-edge")
    H = read_graphml(tmp_path / "p.graphml")
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(tmp_path / "p.graphml"))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())


def test_an_unknown_direction_is_refused_and_nothing_is_written(seed_result, tmp_path):
    from entgraph.errors import InputError

    with pytest.raises(InputError, match="per-edge"):
        write_graphml(seed_result.graph, tmp_path / "g.graphml", direction="mixed")
    assert list(tmp_path.iterdir()) == []
