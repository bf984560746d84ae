"""entgraph.load reopens a build from its output folder: graph, tables and explorer."""

from __future__ import annotations

import networkx as nx
import pytest

import entgraph


@pytest.fixture(scope="module")
def written(seed_result, tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    seed_result.write(folder)
    return folder


def test_load_gives_back_the_graph_as_built(seed_result, written):
    loaded = entgraph.load(written)
    assert nx.utils.graphs_equal(loaded.graph, seed_result.graph)
    edges = {(u, v, k): d for u, v, k, d in loaded.graph.edges(keys=True, data=True)}
    assert edges == {(u, v, k): d for u, v, k, d in seed_result.graph.edges(keys=True, data=True)}
    assert all(isinstance(d["weight"], int) for d in edges.values())


def test_load_gives_back_the_tables_and_the_explorer_works(seed_result, written):
    loaded = entgraph.load(written)
    assert loaded.mention_rows() == seed_result.mention_rows()
    assert loaded.quote_rows() == seed_result.quote_rows()
    top = seed_result.top(3, by="pagerank")
    assert loaded.top(3, by="pagerank") == top
    around = loaded.ego(top[0].id)
    assert around.graph.number_of_nodes() == seed_result.ego(top[0].id).graph.number_of_nodes()
    assert {r["entity"] for r in around.mention_rows()} == set(around.graph)


@pytest.mark.parametrize("damage", ["missing", "broken graph", "broken table"])
def test_a_folder_that_is_not_a_build_is_one_clear_error(written, tmp_path, damage):
    folder = tmp_path / "copy"
    folder.mkdir()
    if damage != "missing":
        graph = (written / "graph.graphml").read_bytes()
        (folder / "graph.graphml").write_bytes(graph[:100] if damage == "broken graph" else graph)
        (folder / "mentions.jsonl").write_text('{"document": "a"\n', encoding="utf-8")
    with pytest.raises(entgraph.InputError) as error:
        entgraph.load(folder)
    expected = {
        "missing": "no graph.graphml",
        "broken graph": "graph.graphml",
        "broken table": "mentions.jsonl:1",
    }[damage]
    assert expected in str(error.value)


def test_to_pyvis_gives_a_network_of_every_node_and_edge_with_text_titles(tmp_path):
    pytest.importorskip("pyvis")
    G = nx.MultiDiGraph()
    G.add_node("person:x", label="<img src=x onerror=alert(1)>", type="PERSON", mentions=2)
    G.add_node("org:y", label="Acme Corp", type="ORG", mentions=1)
    G.add_edge("person:x", "org:y", key="quotation", relation="quotation", weight=3)
    G.add_edge("person:x", "org:y", key="co-mention", relation="co-mention", weight=1)
    result = entgraph.GraphResult(G, [], {})
    before = nx.node_link_data(G, edges="edges")
    net = result.to_pyvis()
    assert nx.node_link_data(G, edges="edges") == before  # not modified, unlike from_nx
    assert {n["id"] for n in net.nodes} == set(G.nodes)
    assert sorted(e["arrows"] for e in net.edges) == ["", "to"]
    # Titles are HTML to vis-network: markup in a name must arrive escaped.
    assert all("<" not in n["title"] for n in net.nodes)
    assert "&lt;img" in next(n["title"] for n in net.nodes if n["id"] == "person:x")
