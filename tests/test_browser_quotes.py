"""The explorer's details panel shows every quote of a speaker with its document, in a
real browser (headless Chromium; skipped without it, see tests/test_browser.py)."""

from __future__ import annotations

from test_browser import visit  # noqa: F401  (the fixture)

from entgraph.export.html import write_html


def test_a_quote_naming_nobody_is_in_its_speakers_panel_with_its_document(
    build,
    visit,  # noqa: F811  (the fixture imported above)
    tmp_path,
):
    result = build(
        [
            ("interview-12.txt", "“We will never give up,” Maria Sanchez said."),
            ("report-3.txt", "Maria Sanchez met Tom Baker in Leeds on Monday."),
        ]
    )
    write_html(result.graph, tmp_path / "graph.html")
    seen = visit(tmp_path / "graph.html")
    assert seen.find("Maria Sanchez")
    assert seen.page.text_content("#details h2") == "Maria Sanchez"
    quotes = seen.page.locator("#details blockquote.quote").all_text_contents()
    assert quotes == ["We will never give up,in interview-12.txt"]
    seen.screenshot("speaker-quotes")
    seen.assert_clean()
