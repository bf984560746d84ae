"""The HTML page without a browser: self-contained, data escaped, limits and layout.

What the page does in a browser is checked in test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources

import networkx as nx
import pytest

from entgraph.cli import main
from entgraph.export import render_html, write_html
from entgraph.export.html import PHYSICS_MAX_NODES, page_data, script_json

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "</script><script>alert(4)</script>",
    "{{vis_js}}",
    "\u2028\u2029 &amp; \ud800",
]
DATA_BLOCK = re.compile(
    r'<script type="application/json" id="entgraph-data">(.*?)</script>', re.DOTALL
)


def embedded(html):
    """The page's data, parsed as the browser's JSON.parse would."""
    (block,) = DATA_BLOCK.findall(html)
    return json.loads(block)


def inline_scripts(html):
    return re.findall(r"<script>(.*?)</script>", html, re.DOTALL)


def star(n_leaves, relation="co-mention"):
    G = nx.MultiDiGraph()
    G.add_node("hub", label="Hub", type="ORG", mentions=50)
    for i in range(n_leaves):
        G.add_node(f"leaf{i}", label=f"Leaf {i}", type="PERSON", mentions=1)
        G.add_edge("hub", f"leaf{i}", key=relation, relation=relation, weight=1 + i % 3)
    return G


def test_seed_page_is_self_contained_with_every_node_and_edge(seed_result):
    G = seed_result.graph
    html = render_html(G)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "<link" not in html
    data = embedded(html)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    assert {n["label"] for n in data["nodes"]} == {d["label"] for _, d in G.nodes(data=True)}
    assert data["summary"]["documents"] == G.graph["documents"]
    assert data["omitted"]["nodes"] == 0
    assert data["physics"] is True
    # Generated integer ids; the graph's own ids are data, never identifiers.
    assert [n["id"] for n in data["nodes"]] == list(range(G.number_of_nodes()))


def test_csp_allows_exactly_the_two_inline_scripts_and_no_request():
    html = render_html(star(3))
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert "default-src 'none'" in csp
    scripts = inline_scripts(html)
    assert len(scripts) == 2
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_edges_keep_relation_direction_and_evidence():
    G = nx.MultiDiGraph()
    G.add_node("person:a", label="A", type="PERSON", mentions=1, aliases='["A", "Ay"]')
    G.add_node("org:b", label="B", type="ORG", mentions=3, alias_counts='{"B": 3}')
    G.add_edge("org:b", "person:a", key="co-mention", relation="co-mention", weight=1)
    G.add_edge(
        "person:a",
        "org:b",
        key="affiliation",
        relation="affiliation",
        weight=2,
        evidence='["A is an aide at B."]',
        role="aide",
    )
    data = page_data(G)
    a, b = data["nodes"]
    assert a["aliases"] == [["A", None], ["Ay", None]] and b["aliases"] == [["B", 3]]
    affiliation = next(e for e in data["edges"] if e["relation"] == "affiliation")
    assert (affiliation["from"], affiliation["to"]) == (a["id"], b["id"])
    assert affiliation["evidence"] == ["A is an aide at B."] and affiliation["role"] == "aide"
    assert set(data["directed"]) == {"quotation", "affiliation"}
    assert set(data["typeColors"]) >= {"PERSON", "ORG", "COUNTRY", "PLACE"}


def test_hostile_text_is_only_ever_data():
    G = nx.MultiDiGraph(model=HOSTILE[0])
    for text in HOSTILE:
        G.add_node(f"person:{text}", label=text, type=text, aliases=json.dumps(HOSTILE))
    keys = list(G.nodes)
    G.add_edge(
        keys[0], keys[1], key="quotation", relation="quotation", evidence=json.dumps(HOSTILE)
    )
    html = render_html(G, title=HOSTILE[3])
    for text in HOSTILE[:4]:
        assert text not in html
    (block,) = DATA_BLOCK.findall(html)
    assert not re.search("[<>&\u2028\u2029]", block)
    data = embedded(html)
    assert [n["label"] for n in data["nodes"]] == HOSTILE
    assert data["edges"][0]["evidence"] == HOSTILE
    assert data["title"] == HOSTILE[3]
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>" in html
    # "{{vis_js}}" in the data is not a placeholder: the library is inlined once.
    assert html.count("vis-network") == render_html(nx.MultiDiGraph()).count("vis-network")


def test_script_json_round_trips():
    value = {"a": ["</script>", "&", "\u2028", "\ud800", 1.5, None]}
    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_page_script_never_builds_html_from_strings():
    code = (resources.files("entgraph.export") / "page" / "explorer.js").read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code


def test_max_nodes_keeps_the_most_connected_and_says_what_was_left_out():
    G = star(10)
    G.add_node("lonely", label="Lonely", type="COUNTRY", mentions=99)
    data = page_data(G, max_nodes=4)
    labels = [n["label"] for n in data["nodes"]]
    assert labels[0] == "Hub" and len(labels) == 4 and "Lonely" not in labels
    assert data["omitted"] == {"nodes": 8, "edges": 7, "types": {"PERSON": 7, "COUNTRY": 1}}
    assert data["maxNodes"] == 4
    assert len(page_data(G, max_nodes=0)["nodes"]) == 12
    assert len(page_data(G, max_nodes=None)["nodes"]) == 12
    with pytest.raises(ValueError):
        page_data(G, max_nodes=-1)


def test_big_graphs_get_positions_and_no_physics():
    small = page_data(star(10))
    assert small["physics"] is True and "x" not in small["nodes"][0]
    big = page_data(star(PHYSICS_MAX_NODES + 5))
    assert big["physics"] is False
    points = {(n["x"], n["y"]) for n in big["nodes"]}
    assert len(points) == len(big["nodes"])  # no two nodes on one spot
    assert page_data(star(PHYSICS_MAX_NODES + 5)) == big  # deterministic
    assert page_data(star(3), physics=False)["nodes"][0]["x"] is not None


def test_layout_packs_components_and_isolated_nodes_apart():
    G = star(400)
    for i in range(30):
        G.add_node(f"alone{i}", label=f"Alone {i}", type="PLACE", mentions=1)
    G.add_edge("alone0", "alone1", key="co-mention", relation="co-mention", weight=1)
    nodes = page_data(G)["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_rendering_does_not_modify_the_graph(seed_result):
    G = star(PHYSICS_MAX_NODES + 5)
    for graph in (seed_result.graph, G):
        before = nx.node_link_data(graph, edges="edges")
        render_html(graph, max_nodes=10)
        assert nx.node_link_data(graph, edges="edges") == before


def test_missing_and_malformed_attributes_are_tolerated():
    G = nx.MultiDiGraph()
    G.add_node(1)
    G.add_node(2, aliases="not json", evidence=None, mentions="many", roles=["a"])
    G.add_edge(1, 2)
    data = page_data(G)
    assert [n["label"] for n in data["nodes"]] == ["1", "2"]
    assert data["nodes"][1]["aliases"] == [["not json", None]]
    assert data["edges"][0]["relation"] == "co-mention" and data["edges"][0]["weight"] == 1


def test_write_html_and_the_result_write_limit(build, tmp_path):
    write_html(star(2), tmp_path / "star.html", title="Star")
    assert embedded((tmp_path / "star.html").read_text("utf-8"))["title"] == "Star"
    result = build("The French minister met the German minister and the OECD head in Paris.")
    result.write(tmp_path / "out", max_nodes=1)
    data = embedded((tmp_path / "out" / "graph.html").read_text("utf-8"))
    assert len(data["nodes"]) == 1
    assert data["omitted"]["nodes"] == result.graph.number_of_nodes() - 1


def test_cli_rejects_a_negative_max_nodes(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "nowhere", "--max-nodes", "-1"])
    assert exit_info.value.code == 2
    assert "--max-nodes" in capsys.readouterr().err
