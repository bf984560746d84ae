"""GraphML, GEXF, node-link JSON and CSV written by the API read back with every attribute."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

import entgraph
from entgraph.export.graphml import read_graphml


@pytest.fixture(scope="module")
def explored(seed_result):
    """The seed graph with communities: a copy, so the session's graph stays as built."""
    view = seed_result.filter()
    view.communities()
    return view


def edge_map(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def read_gexf_edges(path):
    """GEXF edges keyed like ours, without GEXF's own edge ``id``.

    networkx reads a multigraph (with our keys) only when the file has parallel edges;
    otherwise a DiGraph, and the key is the relation, as always in entgraph.
    """
    H = nx.read_gexf(path)
    edges = {}
    ids = []
    for u, v, *key, d in H.edges(data=True, **({"keys": True} if H.is_multigraph() else {})):
        d = dict(d)
        ids.append(d.pop("id"))
        # Co-mentions are undirected, the rest directed: a declared boolean per edge.
        assert d.pop("directed") is (d["relation"] != "co-mention")
        edges[(u, v, key[0] if key else d["relation"])] = d
    assert len(set(ids)) == len(ids)  # unique GEXF edge ids: Gephi keeps every edge
    return H, edges


def test_the_seed_graph_has_what_the_round_trips_must_carry(explored):
    relations = {k for *_, k in explored.graph.edges(keys=True)}
    assert {"co-mention", "quotation"} <= relations
    assert all(isinstance(d["community"], int) for _, d in explored.graph.nodes(data=True))


def test_graphml_reads_back_with_every_attribute_and_type(explored, tmp_path):
    path = explored.write_graphml(tmp_path / "g.graphml")
    H = read_graphml(path)
    assert dict(H.nodes(data=True)) == dict(explored.graph.nodes(data=True))
    assert edge_map(H) == edge_map(explored.graph)
    assert H.graph == explored.graph.graph
    for node, data in explored.graph.nodes(data=True):
        assert {k: type(v) for k, v in H.nodes[node].items()} == {
            k: type(v) for k, v in data.items()
        }


def test_gexf_reads_back_with_every_node_and_edge_attribute(explored, tmp_path):
    path = explored.write_gexf(tmp_path / "g.gexf")
    H, edges = read_gexf_edges(path)
    assert dict(H.nodes(data=True)) == dict(explored.graph.nodes(data=True))
    assert edges == edge_map(explored.graph)
    # GEXF's edge weight is a double; every other attribute keeps its type.
    assert all(isinstance(d["weight"], float) for d in edges.values())
    assert all(
        isinstance(d["documents"], int) and isinstance(d["evidence"], str) for d in edges.values()
    )


def test_node_link_json_reads_back_exactly(explored, tmp_path):
    path = explored.write_json(tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert isinstance(H, nx.MultiDiGraph)
    assert nx.node_link_data(H, edges="edges") == nx.node_link_data(explored.graph, edges="edges")
    assert H.graph["window"] == "sentence"


def test_csv_tables_hold_every_node_and_edge(explored, tmp_path):
    written = explored.write_csv(tmp_path / "tables")
    assert set(written) == {"nodes.csv", "edges.csv"}
    with written["nodes.csv"].open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    assert [row["id"] for row in nodes] == list(explored.graph)
    for row in nodes:
        data = explored.graph.nodes[row["id"]]
        assert {k: v for k, v in row.items() if k != "id"} == {k: str(v) for k, v in data.items()}
    with written["edges.csv"].open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        edges = list(reader)
    assert reader.fieldnames[:2] == ["source", "target"]
    assert len(edges) == explored.graph.number_of_edges()
    for row in edges:
        data = explored.graph.edges[row["source"], row["target"], row["relation"]]
        assert row["weight"] == str(data["weight"])
        assert row["role"] == data.get("role", "")
        assert json.loads(row["evidence"]) == json.loads(data["evidence"])


def test_csv_reads_with_pandas(explored, tmp_path):
    pandas = pytest.importorskip("pandas")
    written = explored.write_csv(tmp_path)
    nodes = pandas.read_csv(written["nodes.csv"])
    assert set(nodes["id"]) == set(explored.graph)
    assert nodes["mentions"].dtype.kind == "i"


HOSTILE = 'A\x01B </gexf> <script>alert(1)</script> 🙂 \u202e, "quoted"\nnew line'


def hostile_result():
    G = nx.MultiDiGraph(window="sentence")
    G.add_node("person:a\x00b", label=HOSTILE, type="PERSON", mentions=1)
    G.add_node("org:x", label="X", type="ORG", mentions=2)
    G.add_edge(
        "person:a\x00b",
        "org:x",
        key="affiliation",
        relation="affiliation",
        weight=1,
        evidence=json.dumps([HOSTILE], ensure_ascii=False),
        role="aide",
    )
    return entgraph.GraphResult(graph=G, records=[], node_of={})


def test_gexf_is_valid_xml_whatever_the_text(tmp_path):
    result = hostile_result()
    H, edges = read_gexf_edges(result.write_gexf(tmp_path / "h.gexf"))
    clean = HOSTILE.replace("\x01", "")
    assert H.nodes["person:ab"]["label"] == clean
    # Inside JSON text a control character is an escape sequence, legal XML: kept.
    assert json.loads(edges[("person:ab", "org:x", "affiliation")]["evidence"]) == [HOSTILE]


def test_json_and_csv_keep_any_text_as_it_was(tmp_path):
    result = hostile_result()
    data = json.loads(result.write_json(tmp_path / "h.json").read_text(encoding="utf-8"))
    assert data["nodes"][0]["label"] == HOSTILE
    written = result.write_csv(tmp_path)
    with written["nodes.csv"].open(encoding="utf-8", newline="") as fh:
        assert next(csv.DictReader(fh))["label"] == HOSTILE


@pytest.mark.parametrize("method", ["write_gexf", "write_json"])
def test_a_write_that_fails_names_the_file_and_leaves_nothing(tmp_path, method):
    missing = tmp_path / "no such folder" / "g.out"
    with pytest.raises(entgraph.OutputError, match=r"cannot write .*g\.out"):
        getattr(hostile_result(), method)(missing)
    assert list(tmp_path.iterdir()) == []


def test_writing_leaves_the_graph_unchanged(explored, tmp_path):
    before = nx.node_link_data(explored.graph, edges="edges")
    explored.write_gexf(tmp_path / "g.gexf")
    explored.write_json(tmp_path / "g.json")
    explored.write_csv(tmp_path)
    assert nx.node_link_data(explored.graph, edges="edges") == before
