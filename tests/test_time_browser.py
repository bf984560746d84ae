"""The explorer's date range in a real browser: what it draws is what ``between`` keeps.

Uses the browser harness of test_browser.py (offline, every request recorded).
"""

from __future__ import annotations

import pytest
from test_browser import visit  # noqa: F401  (the fixture)
from test_time import CORPUS, key, record, records, result_of

from entgraph.export.html import write_html


def drawn(seen):
    """(nodes, edges) the painter holds: the visible sets of the page, after every filter."""
    painted = tuple(seen.js("[entgraphView.drawnNodeCount(), entgraphView.drawnEdgeCount()]"))
    assert painted == seen.counts()  # what is drawn is what the filters let through
    return painted


def expected(result, start, end):
    part = result.between(start, end).graph
    return part.number_of_nodes(), part.number_of_edges()


@pytest.fixture
def dated_page(visit, tmp_path):  # noqa: F811
    result = result_of(records())
    write_html(result.graph, tmp_path / "dated.html", max_nodes=0)
    return result, visit(tmp_path / "dated.html")


@pytest.mark.parametrize(
    "start, end",
    [
        ("2016-01-01", "2016-01-31"),
        ("2016-02-01", "2016-03-31"),
        ("2016-03-01", "2016-03-31"),
        ("2016-02-01", "2016-02-29"),
    ],
)
def test_setting_the_range_draws_what_between_keeps(dated_page, start, end):
    result, seen = dated_page
    assert drawn(seen) == (result.graph.number_of_nodes(), result.graph.number_of_edges())
    seen.js(f"entgraphView.setTimeRange({start!r}, {end!r})")
    assert drawn(seen) == expected(result, start, end)
    assert drawn(seen) != (result.graph.number_of_nodes(), result.graph.number_of_edges())
    seen.assert_clean()


def test_the_handles_move_the_range_and_clear_filters_resets_it(dated_page):
    result, seen = dated_page
    assert seen.page.locator("#time rect").count() == 3  # one bar per month
    seen.page.locator("#time-start").fill("1")
    assert seen.js("entgraphView.timeRange()") == ["2016-02", "2016-03"]
    assert drawn(seen) == expected(result, "2016-02-01", "2016-03-31")
    seen.page.locator("#time-end").fill("1")
    assert drawn(seen) == expected(result, "2016-02-01", "2016-02-29")
    assert "2016-02 · 1 dated documents" in seen.page.text_content("#time-range")
    # The range and the other filters combine.
    seen.page.get_by_role("checkbox", name="co-mention").uncheck()
    assert seen.counts()[1] == 0
    seen.page.get_by_role("button", name="Clear filters").click()
    assert seen.js("entgraphView.timeRange()") == ["2016-01", "2016-03"]
    assert drawn(seen) == (result.graph.number_of_nodes(), result.graph.number_of_edges())
    assert "(and 1 undated)" in seen.page.text_content("#time-range")
    seen.screenshot("time-range")
    seen.assert_clean()


def test_details_show_a_sparkline_and_evidence_dates(dated_page):
    _, seen = dated_page
    assert seen.find("Ann Lee")
    details = seen.page.text_content("#details")
    assert "Mentions per month" in details
    assert "First seen 2016-01-05 · last seen 2016-03-14" in details
    assert seen.page.locator("#details svg.sparkline polyline").count() == 1
    dates = seen.page.locator("#details .date").all_text_contents()
    assert dates and set(dates) <= {d for _, d, *_ in CORPUS if d}
    seen.screenshot("time-details")
    seen.assert_clean()


def test_finding_an_entity_the_range_hides_selects_the_whole_range_again(dated_page):
    result, seen = dated_page
    seen.js("entgraphView.setTimeRange('2016-01', '2016-01')")
    assert drawn(seen) == expected(result, "2016-01-01", "2016-01-31")
    assert seen.find("Eve Gray")  # mentioned in March only
    assert seen.js("entgraphView.timeRange()") == ["2016-01", "2016-03"]
    assert drawn(seen) == (result.graph.number_of_nodes(), result.graph.number_of_edges())
    seen.assert_clean()


def test_an_edge_shows_the_date_of_each_evidence(dated_page):
    result, seen = dated_page
    edges = list(result.graph.edges(keys=True))  # the page numbers edges in this order
    quote = edges.index((key("Bob Roe"), key("Dee Fox"), "quotation"))
    seen.js(f"entgraphView.showEdge({quote})")
    assert seen.page.locator("#details .date").all_text_contents() == ["2016-03-14"]
    seen.assert_clean()


def test_an_undated_graph_has_no_date_control(visit, tmp_path):  # noqa: F811
    result = result_of([record(i, None, names) for i, _, names, _ in CORPUS])
    write_html(result.graph, tmp_path / "undated.html")
    seen = visit(tmp_path / "undated.html")
    assert seen.page.locator("#time").count() == 0
    assert seen.js("entgraphView.timeRange()") is None
    assert seen.counts() == (result.graph.number_of_nodes(), result.graph.number_of_edges())
    seen.assert_clean()
