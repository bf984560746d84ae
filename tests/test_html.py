"""The HTML page: self-contained, one node per graph node, hostile text never markup."""

from __future__ import annotations

import json
import re

import networkx as nx

from entgraph.export import render_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "</script><script>alert(4)</script>",
]


def data_arrays(html):
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", html).group(1))
    return nodes, edges


def test_seed_page_is_self_contained_with_every_node_and_edge(seed_result):
    html = render_html(seed_result.graph)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    nodes, edges = data_arrays(html)
    assert len(nodes) == seed_result.graph.number_of_nodes()
    assert len(edges) == seed_result.graph.number_of_edges()
    labels = {n["label"] for n in nodes}
    assert {d["label"] for _, d in seed_result.graph.nodes(data=True)} == labels


def test_directed_relations_have_arrows_and_types_have_colors():
    G = nx.MultiDiGraph()
    G.add_node("person:a", label="A", type="PERSON", mentions=1, aliases="[]")
    G.add_node("org:b", label="B", type="ORG", mentions=3, aliases="[]")
    G.add_edge(
        "org:b", "person:a", key="co-mention", relation="co-mention", weight=1, evidence="[]"
    )
    G.add_edge(
        "person:a",
        "org:b",
        key="affiliation",
        relation="affiliation",
        weight=2,
        evidence="[]",
        role="aide",
    )
    nodes, edges = data_arrays(render_html(G))
    assert len({n["color"] for n in nodes}) == 2
    assert sorted(e["arrows"] for e in edges) == ["", "to"]


def test_hostile_names_and_evidence_are_never_markup():
    G = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        G.add_node(f"person:{i}", label=text, type="PERSON", mentions=1, aliases=json.dumps([text]))
    G.add_edge(
        "person:0",
        "person:1",
        key="quotation",
        relation="quotation",
        weight=1,
        evidence=json.dumps(HOSTILE),
    )
    html = render_html(G)
    for text in HOSTILE:
        assert text not in html
    assert "onerror=alert" not in html.replace("\\u003c", "<") or "<img" not in html
    # pyvis renders every tooltip as HTML when one contains "href": never let it.
    assert "popup.innerHTML" not in html
    nodes, _ = data_arrays(html)
    assert nodes[0]["label"] == HOSTILE[0]  # shown as text, escaped as data


def test_rendering_does_not_modify_the_graph(seed_result):
    before = nx.node_link_data(seed_result.graph, edges="edges")
    render_html(seed_result.graph)
    assert nx.node_link_data(seed_result.graph, edges="edges") == before
