"""The inline display (``_repr_html_`` and ``show()``) drawn by headless Chromium.

The notebook's HTML output is put in a minimal page, as Jupyter front ends do; the test
then looks inside the srcdoc iframe and asks the page how many nodes it drew.

Without chromium or playwright these tests skip, unless ENTGRAPH_REQUIRE_BROWSER=1
(set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import networkx as nx
import pytest

import entgraph
from entgraph.explore import inline_html

# How many nodes the page holds. The explorer page exposes its view as
# window.entgraphView (entgraph/export/page/explorer.js); a plain vis-network page
# keeps its network in the global `network`. null until the graph is there.
NODE_COUNT_JS = """() => {
  const view = window.entgraphView;
  if (view && typeof view.nodeCount === "function") return view.nodeCount();
  if (window.network && window.network.body) return window.network.body.data.nodes.length;
  return null;
}"""
# Pixels the graph canvas has painted (the page draws on a transparent canvas).
PAINTED_JS = """() => {
  const canvas = document.querySelector("canvas");
  if (!canvas || !canvas.width || !canvas.height) return 0;
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return painted;
}"""


class Output:
    """One notebook HTML output in a page: its iframe, requests made and script errors."""

    def __init__(self, browser, markup):
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.set_content(f"<!DOCTYPE html><html><body>{markup}</body></html>")
        self.iframe = self.page.wait_for_selector("iframe")
        self.frame = self.iframe.content_frame()
        self.frame.wait_for_load_state("load")

    def node_count(self) -> int:
        return self.frame.wait_for_function(NODE_COUNT_JS, timeout=30_000).json_value()

    def painted(self) -> int:
        return self.frame.wait_for_function(PAINTED_JS, timeout=30_000).json_value()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def show(browser):
    opened = []

    def _show(markup):
        opened.append(Output(browser, markup))
        return opened[-1]

    yield _show
    for output in opened:
        output.close()


def test_repr_html_draws_every_seed_entity(seed_result, show):
    out = show(seed_result._repr_html_())
    assert out.node_count() == seed_result.graph.number_of_nodes()
    assert out.painted() > 1000
    assert out.iframe.bounding_box()["height"] == pytest.approx(600, abs=4)
    assert out.errors == [] and out.requests == []


def test_an_ego_graph_draws_only_its_neighbourhood(seed_result, show):
    around = seed_result.ego("Putin")
    assert 1 < around.graph.number_of_nodes() < seed_result.graph.number_of_nodes()
    out = show(around._repr_html_())
    assert out.node_count() == around.graph.number_of_nodes()
    assert out.errors == []


def test_show_markup_draws_at_the_height_asked_for(seed_result, show, monkeypatch):
    shown = []
    monkeypatch.setattr("entgraph.explore._display_in_notebook", lambda m: shown.append(m) or 1)
    seed_result.filter(types="COUNTRY").show(height=350)
    out = show(shown[0])
    assert out.node_count() == 3
    assert out.iframe.bounding_box()["height"] == pytest.approx(350, abs=4)


def test_a_big_graph_is_cut_to_max_nodes_inline(show):
    G = nx.MultiDiGraph()
    for i in range(60):
        G.add_node(f"person:p{i}", label=f"P{i}", type="PERSON", mentions=1 + i % 5)
        if i:
            G.add_edge(
                f"person:p{i - 1}",
                f"person:p{i}",
                key="co-mention",
                relation="co-mention",
                weight=1,
                evidence="[]",
            )
    result = entgraph.GraphResult(graph=G, records=[], node_of={})
    out = show(inline_html(result.graph, max_nodes=25))
    assert out.node_count() == 25


def test_an_evidence_link_opens_its_page_in_a_new_tab(show):
    G = nx.MultiDiGraph()
    G.add_node("person:ann lee", label="Ann Lee", type="PERSON", mentions=1)
    G.add_node("person:bob roe", label="Bob Roe", type="PERSON", mentions=1)
    G.add_edge(
        "person:ann lee", "person:bob roe", key="co-mention", relation="co-mention", weight=1,
        evidence='["Ann Lee met Bob Roe."]', evidence_documents='["d1"]',
        evidence_titles='["Talks in Oslo"]', evidence_urls='["https://news.example/talks"]',
    )  # fmt: skip
    out = show(inline_html(G))
    out.node_count()
    # The news site, served here: the test needs no network.
    out.context.route(
        "https://news.example/**",
        lambda route: route.fulfill(body="<p>The story</p>", content_type="text/html"),
    )
    out.frame.evaluate("entgraphView.showEdge(0)")
    with out.context.expect_page() as opened:
        out.frame.click("#details a")
    opened.value.wait_for_load_state()
    assert opened.value.url == "https://news.example/talks"
    assert opened.value.text_content("p") == "The story"
    assert out.errors == []
