"""Every evidence item in the explorer names its document by title, as a link to the
page it came from, in a real browser (headless Chromium; skipped without it, see
tests/test_browser.py)."""

from __future__ import annotations

import json

from test_browser import visit  # noqa: F401  (the fixture)

from entgraph.export.html import write_html

STORY = "Ann Lee met Bob Roe in Oslo on Monday to discuss the new plan for the port."


def page(title: str, url: str, story: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="og:title" content="{title}"><link rel="canonical" href="{url}">'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"<p>{story}</p><p>They will meet again next week, a spokesman for the port said.</p>"
        "</article></body></html>"
    )


def test_an_edges_evidence_shows_its_documents_title_as_a_link(
    build,
    visit,  # noqa: F811  (the fixture imported above)
    tmp_path,
):
    (tmp_path / "talks.html").write_text(
        page("Port talks in Oslo", "https://news.example/port-talks", STORY), encoding="utf-8"
    )
    # A plain text has no title and no address: its id is shown, as text.
    (tmp_path / "notes.txt").write_text(STORY.replace("Monday", "Friday"), encoding="utf-8")
    result = build([tmp_path])
    G = result.graph
    edge = (*sorted((result.lookup("Ann Lee"), result.lookup("Bob Roe"))), "co-mention")
    assert sorted(json.loads(G.edges[edge]["evidence_titles"])) == ["", "Port talks in Oslo"]
    write_html(G, tmp_path / "graph.html")
    seen = visit(tmp_path / "graph.html")

    seen.js(f"entgraphView.showEdge({list(G.edges(keys=True)).index(edge)})")
    links = seen.page.locator("#details blockquote a")
    assert links.all_text_contents() == ["Port talks in Oslo"]
    assert links.first.get_attribute("href") == "https://news.example/port-talks"
    assert links.first.get_attribute("rel") == "noopener noreferrer"
    sources = seen.page.locator("#details blockquote .doc").all_text_contents()
    assert sorted(sources) == ["in Port talks in Oslo", "in notes.txt"]
    seen.screenshot("evidence-links")

    # The entity's own panel links its example sentences the same way.
    assert seen.find("Ann Lee")
    assert "Port talks in Oslo" in seen.page.locator("#details a").all_text_contents()
    seen.assert_clean()
