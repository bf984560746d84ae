"""The HTML explorer in a real browser: headless Chromium (Debian's), driven by playwright.

Every page is opened from ``file://`` in an offline context with every request but the
page itself aborted and recorded. Each test checks that the painter holds as many nodes
and edges as the filters let through, that no script error happened, no dialog opened
and nothing was requested, and saves a screenshot to ``tests/artifacts/``.

Without chromium or playwright these tests skip, unless ENTGRAPH_REQUIRE_BROWSER=1
(set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from entgraph.export.html import DEFAULT_MAX_NODES, page_data, write_html

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "</script><script>alert(4)</script>",
    "<svg onload=alert(5)>",
    "{{data}}",
    "x\u2028y</style><iframe src=javascript:alert(6)>",
]
HOSTILE_URLS = [
    "javascript:alert(7)",
    " JavaScript:alert(8)",
    "data:text/html,<script>alert(9)</script>",
    "vbscript:msgbox(10)",
    "//evil.example/x",
    "file:///etc/passwd",
    "http://[",
]
TYPES = ("PERSON", "ORG", "COUNTRY", "PLACE")


@dataclass
class Visit:
    """An open page and everything it did that a self-contained page must not do."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def counts(self) -> tuple[int, int]:
        return tuple(self.js("[entgraphView.nodeCount(), entgraphView.edgeCount()]"))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.console_errors == []
        assert self.requests == [self.url]
        # What the painter holds is what the filters let through.
        drawn = self.js("[entgraphView.drawnNodeCount(), entgraphView.drawnEdgeCount()]")
        assert tuple(drawn) == self.counts()

    def find(self, text: str) -> list[int]:
        self.page.fill("#find-input", text)
        self.page.press("#find-input", "Enter")
        return list(self.js("entgraphView.selectedNodes()"))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def visit(browser):
    """visit(path) -> Visit, once the network has drawn; the page is closed afterwards."""
    contexts = []

    def _visit(path: Path) -> Visit:
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page, path.resolve().as_uri())

        def route(r: Any) -> None:
            (r.continue_ if r.request.url == seen.url else r.abort)()

        page.route("**/*", route)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "console",
            lambda msg: seen.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.goto(seen.url)
        # A selector, not wait_for_function: the page's CSP forbids the eval that needs.
        page.wait_for_selector("body[data-drawn=true]", state="attached", timeout=30_000)
        return seen

    yield _visit
    for context in contexts:
        context.close()


def hostile_graph() -> nx.MultiDiGraph:
    """Every text field, the node ids and the graph attributes hold markup and script."""
    G = nx.MultiDiGraph(generator=HOSTILE[0], model=HOSTILE[1], window=HOSTILE[2], documents=3)
    for i, text in enumerate(HOSTILE):
        G.add_node(
            f"person:{text}",
            label=text,
            type=TYPES[i % 4] if i < 5 else text,
            aliases=json.dumps([text, *HOSTILE]),
            alias_counts=json.dumps({text: 3}),
            mentions=i + 1,
            documents=1,
            quotes=1,
            roles=json.dumps([HOSTILE[-1 - i]]),
        )
    keys = list(G.nodes)
    for i, (u, v) in enumerate(itertools.pairwise(keys)):
        relation = ("co-mention", "quotation", "affiliation")[i % 3]
        G.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            weight=i + 1,
            documents=1,
            evidence=json.dumps(HOSTILE),
            # Documents whose titles are markup and whose addresses are scripts.
            evidence_documents=json.dumps(HOSTILE),
            evidence_titles=json.dumps(HOSTILE),
            evidence_urls=json.dumps(HOSTILE_URLS),
            **({"role": HOSTILE[i]} if relation == "affiliation" else {}),
        )
    return G


def random_graph(n_nodes: int, n_edges: int) -> nx.MultiDiGraph:
    """A hub-heavy graph with entgraph's schema, the same on every run."""
    rng = random.Random(5)
    G = nx.MultiDiGraph(generator="test", window="sentence", documents=9)
    for i in range(n_nodes):
        G.add_node(f"n{i:04}", label=f"Entity {i}", type=TYPES[i % 4], mentions=1 + i % 7)
    nodes = list(G.nodes)
    popularity = list(itertools.accumulate(1 / (i + 1) for i in range(n_nodes)))
    while len(G.edges) < n_edges:
        u, v = rng.choices(nodes, cum_weights=popularity, k=2)
        relation = rng.choice(("co-mention", "co-mention", "quotation", "affiliation"))
        if u != v and not G.has_edge(u, v, relation):
            G.add_edge(u, v, key=relation, relation=relation, weight=rng.randint(1, 4))
    return G


def test_seed_page_draws_every_node_and_edge_offline(visit, seed_result, tmp_path):
    G = seed_result.graph
    write_html(G, tmp_path / "graph.html")
    seen = visit(tmp_path / "graph.html")
    assert seen.counts() == (G.number_of_nodes(), G.number_of_edges())
    top = max(G.nodes, key=lambda n: G.nodes[n]["mentions"])
    label = G.nodes[top]["label"]
    selected = seen.find(label)
    assert len(selected) == 1
    assert seen.page.text_content("#details h2") == label
    seen.screenshot("seed")
    seen.assert_clean()


def test_hostile_text_is_shown_as_text_and_runs_nothing(visit, tmp_path):
    G = hostile_graph()
    write_html(G, tmp_path / "hostile.html", title=HOSTILE[3] + HOSTILE[1])
    seen = visit(tmp_path / "hostile.html")
    assert seen.counts() == (G.number_of_nodes(), G.number_of_edges())
    assert seen.page.title() == HOSTILE[3] + HOSTILE[1]
    assert seen.page.text_content("#title") == HOSTILE[3] + HOSTILE[1]
    assert seen.find("<img src=x") == [1]
    assert seen.page.text_content("#details h2") == HOSTILE[1]
    # Every edge's details hold every hostile text; none may turn into markup.
    for edge in range(G.number_of_edges()):
        seen.js(f"entgraphView.showEdge({edge})")
        quotes = seen.page.locator("#details blockquote").all_text_contents()
        assert [q for q in quotes if q.startswith(tuple(HOSTILE))] != []
    for node in range(G.number_of_nodes()):
        seen.js(f"entgraphView.showNode({node})")
    injected = "document.querySelectorAll('img, svg, iframe, a[href], script:not([type])').length"
    assert seen.js(injected) == 2  # the page's own two scripts
    seen.screenshot("hostile")
    seen.assert_clean()


def shown_by_default(data: dict[str, Any]) -> tuple[set[int], list[dict[str, Any]]]:
    """The node ids and edges the page draws first: the viewNodes lowest ranks."""
    ids = {n["id"] for n in data["nodes"] if n["rank"] < data["viewNodes"]}
    return ids, [e for e in data["edges"] if e["from"] in ids and e["to"] in ids]


def test_big_graph_opens_on_the_most_connected_and_filters_work(visit, tmp_path):
    G = random_graph(400, 900)
    data = page_data(G, max_nodes=320)
    _, edges = shown_by_default(data)
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    write_html(G, tmp_path / "big.html", max_nodes=320)
    seen = visit(tmp_path / "big.html")
    assert seen.counts() == (320, len(edges))
    assert "80 more are in this page" in seen.page.text_content("#scope")

    seen.page.get_by_label("hide isolated entities").check()
    assert seen.counts() == (len(linked), len(edges))
    seen.page.get_by_role("checkbox", name="quotation").uncheck()
    without = [e for e in edges if e["relation"] != "quotation"]
    linked = {e["from"] for e in without} | {e["to"] for e in without}
    assert seen.counts() == (len(linked), len(without))
    seen.page.locator("#min-weight").fill("3")
    heavy = [e for e in without if e["weight"] >= 3]
    linked = {e["from"] for e in heavy} | {e["to"] for e in heavy}
    assert seen.counts() == (len(linked), len(heavy))
    seen.page.get_by_role("button", name="Clear filters").click()
    assert seen.counts() == (320, len(edges))
    seen.page.get_by_role("button", name="Show all").click()
    assert seen.counts() == (400, 900)
    assert len(seen.find("Entity 3")) == 1
    assert seen.page.text_content("#details h2") == "Entity 3"
    seen.screenshot("big")
    seen.assert_clean()


def test_default_view_is_a_few_hundred_readable_nodes_of_a_page_holding_all(visit, tmp_path):
    G = random_graph(1200, 3000)
    write_html(G, tmp_path / "default.html")
    seen = visit(tmp_path / "default.html")
    assert seen.counts()[0] == DEFAULT_MAX_NODES
    assert seen.js("entgraphView.totalNodes") == 1200
    # No two drawn nodes overlap, and no two labels do; the top nodes are labelled.
    overlaps = seen.js("""(() => {
      const v = entgraphView, ids = v.visibleIds(), p = ids.map((id) => v.screenPosition(id));
      let n = 0;
      for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++)
        if (Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y) < p[i].radius + p[j].radius) n++;
      return n;
    })()""")
    assert overlaps == 0
    boxes = seen.js("entgraphView.labelBoxes()")
    assert len(boxes) >= 30
    for (_, *a), (_, *b) in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1])
    top = seen.js("entgraphView.visibleIds().slice(-5)")  # drawn last: the most important
    assert set(top) <= {box[0] for box in boxes}
    seen.page.get_by_role("button", name="Show 300 more").click()
    assert seen.counts()[0] == 2 * DEFAULT_MAX_NODES
    seen.page.get_by_role("button", name="Show all").click()
    assert seen.counts() == (1200, 3000)
    seen.page.get_by_role("button", name="Back to the top entities").click()
    assert seen.counts()[0] == DEFAULT_MAX_NODES
    seen.screenshot("default-view")
    seen.assert_clean()


def test_search_brings_a_left_out_entity_into_view_with_its_neighbours(visit, tmp_path):
    G = random_graph(1200, 3000)
    data = page_data(G)
    left_out = [
        n for n in data["nodes"] if n["rank"] >= data["viewNodes"] and n["label"] != "Entity 1"
    ]
    target = max(
        left_out, key=lambda n: sum(n["id"] in (e["from"], e["to"]) for e in data["edges"])
    )
    write_html(G, tmp_path / "search.html")
    seen = visit(tmp_path / "search.html")
    assert target["id"] not in seen.js("entgraphView.visibleIds()")
    assert seen.find(target["label"]) == [target["id"]]
    assert seen.page.text_content("#details h2") == target["label"]
    visible = set(seen.js("entgraphView.visibleIds()"))
    neighbours = {
        e["to"] if e["from"] == target["id"] else e["from"]
        for e in data["edges"]
        if target["id"] in (e["from"], e["to"])
    }
    # Its strongest neighbours (up to 15) come with it.
    assert target["id"] in visible and len(neighbours & visible) >= min(len(neighbours), 15)
    assert "found by search" in seen.page.text_content("#scope")
    # It is on screen, where a click picks it.
    box = seen.page.locator("#network").bounding_box()
    where = seen.js(f"entgraphView.screenPosition({target['id']})")
    assert box["x"] < where["x"] < box["x"] + box["width"]
    assert box["y"] < where["y"] < box["y"] + box["height"]
    seen.screenshot("search-left-out")
    seen.assert_clean()


def test_filters_lay_out_what_remains_again(visit, tmp_path):
    G = random_graph(1200, 3000)
    write_html(G, tmp_path / "filter.html")
    seen = visit(tmp_path / "filter.html")
    spread = """(() => {
      const v = entgraphView, p = v.visibleIds().map((id) => v.screenPosition(id));
      const xs = p.map((q) => q.x), ys = p.map((q) => q.y);
      return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    })()"""
    before = seen.js(spread)
    for type_ in ("ORG", "COUNTRY", "PLACE"):
        seen.page.get_by_role("checkbox", name=type_).uncheck()
    seen.page.get_by_role("checkbox", name="co-mention").uncheck()
    seen.page.get_by_label("hide isolated entities").check()
    nodes, _ = seen.counts()
    assert 0 < nodes < DEFAULT_MAX_NODES / 2
    after = seen.js(spread)
    box = seen.page.locator("#network").bounding_box()
    # What remains fills the view again instead of staying scattered where it was.
    assert max(after[0] / box["width"], after[1] / box["height"]) > 0.6
    assert max(before[0] / box["width"], before[1] / box["height"]) > 0.6
    seen.screenshot("filter-relayout")
    seen.assert_clean()


def test_a_click_picks_the_node_under_the_pointer(visit, tmp_path):
    G = random_graph(1200, 3000)
    data = page_data(G)
    write_html(G, tmp_path / "click.html")
    seen = visit(tmp_path / "click.html")
    ids = seen.js("entgraphView.visibleIds()")
    rng = random.Random(3)
    for node in ids[-10:] + rng.sample(ids, 10):
        where = seen.js(f"entgraphView.screenPosition({node})")
        seen.page.mouse.click(where["x"], where["y"])
        assert seen.js("entgraphView.selectedNodes()") == [node]
        assert seen.page.text_content("#details h2") == data["nodes"][node]["label"]
    # A click on empty space selects nothing.
    box = seen.page.locator("#network").bounding_box()
    seen.page.mouse.click(box["x"] + 3, box["y"] + 3)
    assert seen.js("entgraphView.selectedNodes()") == []
    seen.assert_clean()


def test_in_a_crowded_view_a_click_picks_the_node_drawn_on_top(visit, tmp_path):
    G = random_graph(2500, 5000)
    write_html(G, tmp_path / "crowded.html", max_nodes=0)
    seen = visit(tmp_path / "crowded.html")
    order = seen.js("entgraphView.visibleIds()")  # drawing order: later ones on top
    assert len(order) == 2500
    drawn_at = {node: i for i, node in enumerate(order)}
    rng = random.Random(4)
    for node in rng.sample(order, 25):
        where = seen.js(f"entgraphView.screenPosition({node})")
        seen.page.mouse.click(where["x"], where["y"])
        (picked,) = seen.js("entgraphView.selectedNodes()")
        if picked != node:  # only a node drawn over this one may take the click
            other = seen.js(f"entgraphView.screenPosition({picked})")
            assert drawn_at[picked] > drawn_at[node]
            distance = ((other["x"] - where["x"]) ** 2 + (other["y"] - where["y"]) ** 2) ** 0.5
            assert distance <= other["radius"] + 1
    seen.assert_clean()
