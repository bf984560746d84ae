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
from entgraph.export.html import DEFAULT_MAX_NODES, page_data, script_json

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "</script><script>alert(4)</script>",
    "{{vendor_js}}",
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
    assert data["viewNodes"] == G.number_of_nodes()  # a small graph is drawn whole
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
    assert a["aliases"] == [["A", None, None], ["Ay", None, None]]
    assert b["aliases"] == [["B", 3, None]]
    affiliation = next(e for e in data["edges"] if e["relation"] == "affiliation")
    assert (affiliation["from"], affiliation["to"]) == (a["id"], b["id"])
    assert [data["texts"][i] for i in affiliation["evidence"]] == ["A is an aide at B."]
    assert affiliation["role"] == "aide"
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
    assert [data["texts"][i] for i in data["edges"][0]["evidence"]] == HOSTILE
    assert data["title"] == HOSTILE[3]
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;</title>" in html
    # "{{vendor_js}}" in the data is not a placeholder: the libraries are inlined once.
    assert html.count("graphology") == render_html(nx.MultiDiGraph()).count("graphology")


def test_script_json_round_trips():
    value = {"a": ["</script>", "&", "\u2028", "\ud800", 1.5, None]}
    text = script_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


@pytest.mark.parametrize("script", ["explorer.js", "timefilter.js"])
def test_page_script_never_builds_html_from_strings(script):
    code = (resources.files("entgraph.export") / "page" / script).read_text("utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code


def test_the_page_holds_every_entity_and_first_draws_the_most_connected():
    G = star(10)
    G.add_node("lonely", label="Lonely", type="COUNTRY", mentions=99)
    data = page_data(G, max_nodes=4)
    assert len(data["nodes"]) == 12 and len(data["edges"]) == 10  # nothing left out
    assert data["viewNodes"] == 4
    by_rank = sorted(data["nodes"], key=lambda n: n["rank"])
    assert by_rank[0]["label"] == "Hub" and by_rank[-1]["label"] == "Lonely"
    assert sorted(n["rank"] for n in data["nodes"]) == list(range(12))
    assert page_data(G, max_nodes=0)["viewNodes"] == 12
    assert page_data(G, max_nodes=None)["viewNodes"] == 12
    assert page_data(star(400))["viewNodes"] == DEFAULT_MAX_NODES
    with pytest.raises(ValueError):
        page_data(G, max_nodes=-1)


def test_every_node_gets_its_own_position_deterministically():
    big = page_data(star(400))
    points = {(n["x"], n["y"]) for n in big["nodes"]}
    assert len(points) == len(big["nodes"])  # no two nodes on one spot
    assert page_data(star(400)) == big  # deterministic


def test_evidence_texts_are_stored_once():
    G = nx.MultiDiGraph()
    shared = json.dumps(["A, B and C met."])
    for u, v in (("a", "b"), ("a", "c"), ("b", "c")):
        G.add_edge(u, v, key="co-mention", relation="co-mention", evidence=shared)
    data = page_data(G)
    assert data["texts"] == ["A, B and C met."]
    assert [e["evidence"] for e in data["edges"]] == [[0], [0], [0]]


def test_a_dated_graph_gives_the_page_its_periods_timelines_and_evidence_dates():
    from test_time import CORPUS, key, records, result_of

    data = page_data(result_of(records()).graph)
    assert [p["label"] for p in data["time"]["periods"]] == ["2016-01", "2016-02", "2016-03"]
    assert data["time"]["undated"] == 1
    ann = next(n for n in data["nodes"] if n["key"] == key("Ann Lee"))
    assert (ann["firstSeen"], ann["lastSeen"]) == ("2016-01-05", "2016-03-14")
    assert ann["timeline"] == {"2016-01": 2, "2016-03": 1}
    # Each evidence sentence shows the date of the document it comes from.
    date_of = {" met ".join(names) + ".": date for _, date, names, _ in CORPUS}
    dated = [e for e in data["edges"] if "evidenceDates" in e]
    assert dated
    for edge in dated:
        texts = [data["texts"][i] for i in edge["evidence"]]
        assert edge["evidenceDates"] == [date_of[text] for text in texts]
    assert page_data(nx.MultiDiGraph())["time"] is None


def test_evidence_dates_stay_aligned_when_an_evidence_item_is_left_out():
    G = nx.MultiDiGraph(period="month", timeline='{"2016-03": 2}')
    G.add_edge(
        "a",
        "b",
        key="co-mention",
        evidence=json.dumps(["", None, "A met B.", "B met A."]),
        evidence_dates=json.dumps(["2016-03-01", "2016-03-02", "2016-03-03", None]),
        timeline='{"2016-03": 2}',
    )
    (edge,) = page_data(G)["edges"]
    assert [page_data(G)["texts"][i] for i in edge["evidence"]] == ["A met B.", "B met A."]
    assert edge["evidenceDates"] == ["2016-03-03", None]


def test_evidence_documents_are_stored_once_aligned_and_only_web_addresses_are_links():
    G = nx.MultiDiGraph()
    G.add_edge(
        "a", "b", key="co-mention", relation="co-mention",
        evidence=json.dumps(["", "A met B.", "B met A.", "A and B met."]),
        evidence_documents=json.dumps(["d0", "d1", "d2", "d1"]),
        evidence_titles=json.dumps(["Left out", "Talks", "", "Talks"]),
        evidence_urls=json.dumps(["", "https://news.example/t", "javascript:alert(1)",
                                  "https://news.example/t"]),
    )  # fmt: skip
    # A graph from before titles were kept: the ids, and nothing else.
    G.add_edge("b", "c", key="co-mention", evidence='["B met C."]', evidence_documents='["d3"]')
    G.add_edge("a", "c", key="co-mention", evidence='["A met C."]')  # no documents at all
    data = page_data(G)
    first, third, second = data["edges"]  # networkx order: a-b, a-c, b-c
    docs = [data["docs"][i] for i in first["evidenceDocs"]]
    assert docs == [
        ["d1", "Talks", "https://news.example/t"],
        ["d2", "", ""],
        ["d1", "Talks", "https://news.example/t"],
    ]
    assert first["evidenceDocs"][0] == first["evidenceDocs"][2]  # one entry per document
    assert [data["docs"][i] for i in second["evidenceDocs"]] == [["d3", "", ""]]
    assert "evidenceDocs" not in third


@pytest.mark.parametrize(
    ("documents", "titles", "urls", "expected"),
    [
        (["d0", "d1"], ["T0", "T1"], ["", " https://news.example/1 "],
         [["d0", "T0", ""], ["d1", "T1", "https://news.example/1"]]),
        (["d0", None], ["T0"], [], [["d0", "T0", ""], ["", "", ""]]),  # short, null
        ([7, "d1"], [True, "T1"], ["", ""], [["7", "True", ""], ["d1", "T1", ""]]),  # not text
    ],
)  # fmt: skip
def test_evidence_documents_of_any_shape_become_text(documents, titles, urls, expected):
    G = nx.MultiDiGraph()
    G.add_edge(
        "a", "b", key="co-mention", evidence=json.dumps(["A met B.", "B met A."]),
        evidence_documents=json.dumps(documents), evidence_titles=json.dumps(titles),
        evidence_urls=json.dumps(urls),
    )  # fmt: skip
    data = page_data(G)
    (edge,) = data["edges"]
    assert [data["docs"][i] for i in edge["evidenceDocs"]] == expected


def test_layout_packs_components_and_isolated_nodes_apart():
    G = star(400)
    for i in range(30):
        G.add_node(f"alone{i}", label=f"Alone {i}", type="PLACE", mentions=1)
    G.add_edge("alone0", "alone1", key="co-mention", relation="co-mention", weight=1)
    nodes = page_data(G)["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_rendering_does_not_modify_the_graph(seed_result):
    G = star(DEFAULT_MAX_NODES + 5)
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
    assert data["nodes"][1]["aliases"] == [["not json", None, None]]
    assert data["edges"][0]["relation"] == "co-mention" and data["edges"][0]["weight"] == 1


def test_write_html_and_the_result_write_limit(build, tmp_path):
    write_html(star(2), tmp_path / "star.html", title="Star")
    assert embedded((tmp_path / "star.html").read_text("utf-8"))["title"] == "Star"
    result = build("The French minister met the German minister and the OECD head in Paris.")
    result.write(tmp_path / "out", max_nodes=1)
    data = embedded((tmp_path / "out" / "graph.html").read_text("utf-8"))
    assert data["viewNodes"] == 1
    assert len(data["nodes"]) == result.graph.number_of_nodes() > 1


def test_cli_rejects_a_negative_max_nodes(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "nowhere", "--max-nodes", "-1"])
    assert exit_info.value.code == 2
    assert "--max-nodes" in capsys.readouterr().err


def test_each_alias_carries_how_it_joined_its_entity():
    G = nx.MultiDiGraph()
    G.add_node(
        "person:jane doe",
        label="Jane Doe",
        type="PERSON",
        aliases=json.dumps(["Jane Doe", "Doe"]),
        alias_counts=json.dumps({"Jane Doe": 2, "Doe": 5}),
        provenance=json.dumps({"Jane Doe": "same name", "Doe": "surname, over the corpus"}),
    )
    (node,) = page_data(G)["nodes"]
    assert node["aliases"] == [["Jane Doe", 2, "same name"], ["Doe", 5, "surname, over the corpus"]]
