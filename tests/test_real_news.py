"""Real news in: saved web pages, web archives, gzip, stdin, and document metadata.

The pages are our own, built like published ones: a header menu, navigation, a byline,
a figure with a caption and a photo credit, "related stories", a newsletter box and a
footer around the story. Only the story may become text and entities.
"""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

import entgraph
from entgraph.cli import main
from entgraph.diagnostics import Diagnostics
from entgraph.sources import iter_documents
from entgraph.sources.credits import drop_credits, is_credit

STORY = [
    "Acme Corp signed a deal with Initech on Monday, ending months of talks between the two firms.",
    '"This is a great day for our workers," said Carl Ross, the chief executive of Acme '
    "Corp, at a news conference.",
    "Initech's board approved the plan last week, according to a statement from the "
    "company published on its website.",
]
# Names only the boilerplate holds: none of them may become an entity.
BOILERPLATE_NAMES = [
    "Globex Corporation",
    "Hank Scorpio",
    "Mary Poppins",
    "Tom Baker",
    "Jane Doe",
    "Planet Media",
    "Gift Guides",
]


def news_page(story=STORY, *, title="Acme Corp signs deal with Initech", date="2021-04-03"):
    paragraphs = "\n".join(f"<p>{p}</p>" for p in story)
    meta_date = f'<meta property="article:published_time" content="{date}T10:00:00Z">'
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Daily Planet</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Daily Planet">
{meta_date if date else ""}
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://planet.example/acme-deal">
<script>var tracker = "Globex Corporation";</script><style>.x{{color:red}}</style>
</head><body>
<header><div class="menu"><a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/opinion">Op-Ed</a></li><li><a href="/gifts">Gift Guides</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By <a href="/authors/jane-doe">Jane Doe</a>, Planet Media</div>
<figure><img src="deal.jpg" alt="">
<figcaption>The signing ceremony on Monday. Photo: Mary Poppins/Planet Wire</figcaption></figure>
{paragraphs}
<p>With files from Tom Baker</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Globex Corporation buys a rival in a surprise move</a></li>
<li><a href="/b">Hank Scorpio opens a new office downtown</a></li></ul></aside>
<div class="newsletter"><h3>Sign up for the Planet Media newsletter</h3>
<p>Get the headlines from Planet Media every morning.</p><form><input type="email"></form></div>
</main>
<footer><p>© 2021 Planet Media Inc. Community Guidelines. Contact us: 1 Main Street.</p>
<ul><li><a href="/gifts">Gift Guides</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body></html>"""


def read(inputs, **kwargs):
    diagnostics = kwargs.pop("diagnostics", Diagnostics())
    return list(iter_documents(inputs, diagnostics=diagnostics, **kwargs)), diagnostics


def labels(result):
    return {d["label"] for _, d in result.graph.nodes(data=True)}


# --- HTML to article text ---------------------------------------------------------------


def test_a_page_gives_its_story_as_paragraphs_and_its_metadata(tmp_path):
    (tmp_path / "deal.html").write_text(news_page(), encoding="utf-8")
    (doc,), diagnostics = read([tmp_path])
    paragraphs = doc.text.split("\n\n")
    assert all(p in paragraphs for p in STORY)  # each paragraph its own, in full
    for name in BOILERPLATE_NAMES:
        assert name not in doc.text
    assert doc.metadata == {
        "title": "Acme Corp signs deal with Initech",
        "author": "Jane Doe",
        "site": "Daily Planet",
        "url": "https://planet.example/acme-deal",
    }
    assert doc.date == "2021-04-03"
    assert diagnostics.warnings == []


def test_boilerplate_names_never_become_entities(tmp_path, nlp):
    (tmp_path / "deal.html").write_text(news_page(), encoding="utf-8")
    result = entgraph.build_graph([tmp_path], nlp=nlp)
    found = labels(result)
    assert {"Acme Corp", "Initech", "Carl Ross"} <= found
    assert not found & set(BOILERPLATE_NAMES)


@pytest.mark.parametrize(
    ("paragraph", "credit"),
    [
        ("Jane Doe/Acme Wire", True),
        ("Additional reporting by Ann Lee; Editing by Bob Roe", True),
        ("Reporting by Ann Lee in Oslo", True),
        ("With files from Ann Lee", True),
        ("Photo: Ann Lee", True),
        ("Photograph by Ann Lee for Acme", True),
        ("© Acme Media 2020", True),
        ("Copyright 2020 Acme Media. All rights reserved.", True),
        ("By Ann Lee and Bob Roe, Acme Wire", True),
        ("This article originally appeared on Acme News.", True),
        ("(via Acme Blog)", True),
        ("The minister speaks in Oslo on Monday. Photo: Ann Lee", True),
        ("Ann Lee arrives in Oslo. (Photo by Bob Roe/Acme Wire)", True),
        ("Ann Lee arrives in Oslo. PHOTO: BOB ROE", True),
        # The story itself, even with the same words inside it:
        ("The deal was signed by Ann Lee on Monday.", False),
        ("By Monday, Acme had sold its stake to Initech, the company said in a statement.", False),
        ("Acme moved its servers to TCP/IP years ago, Ann Lee said.", False),
        ("Ann Lee said reporting by the newspaper had been unfair.", False),
        ("The photo: a crowd outside the Acme offices, which Ann Lee posted.", False),
    ],
)
def test_credit_lines_are_told_from_story_lines(paragraph, credit):
    assert is_credit(paragraph) is credit


def test_a_credit_closing_a_long_paragraph_is_cut_not_the_paragraph():
    story = " ".join(["Acme Corp and Initech agreed on a plan on Monday."] * 8)
    assert drop_credits([f"{story} Photo: Ann Lee"]) == [story]


# One parse of a page gives the text and the metadata; it must give what trafilatura
# gives when it parses the page itself, twice (see entgraph/sources/html.py).
FORUM_JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "DiscussionForumPosting", "headline": "Acme Corp signs deal"}</script>'
)


def _pages():
    plain = news_page()
    return {
        "news": plain,
        "no author meta": plain.replace('<meta name="author" content="Jane Doe">', ""),
        "no date": news_page(date=None),
        "forum thread": plain.replace("</head>", FORUM_JSON_LD + "</head>").replace(
            "<p>With files from Tom Baker</p>",
            # Posts trafilatura keeps only on a forum thread (it reads the JSON-LD for that).
            '<dl class="comments"><dt>Ann Lee</dt>'
            "<dd>Initech should have waited a whole year before signing it.</dd></dl>",
        ),
    }


@pytest.mark.parametrize("name", list(_pages()))
def test_one_parse_gives_trafilaturas_own_text_and_metadata(name):
    from trafilatura import bare_extraction

    from entgraph.sources.html import _LINK_LISTS, extract_article

    page = _pages()[name]
    theirs = bare_extraction(
        page,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        prune_xpath=_LINK_LISTS,
    )
    ours = extract_article(page)
    assert ours.text == "\n\n".join(drop_credits(theirs.text.splitlines()))
    assert ours.metadata == {
        key: getattr(theirs, field)
        for field, key in [("title", "title"), ("author", "author"), ("sitename", "site"),
                           ("url", "url")]
        if getattr(theirs, field)
    }  # fmt: skip
    assert ours.date == (theirs.date or None)


def test_page_metadata_falls_back_to_trafilaturas_reader_when_it_lacks_its_parts(monkeypatch):
    import types

    import trafilatura.metadata
    from trafilatura.utils import load_html

    from entgraph.sources.page_metadata import page_metadata

    page = _pages()["no author meta"]
    fast = page_metadata(load_html(page), "https://planet.example/x")
    # A trafilatura whose metadata module has only its public reader.
    other = types.ModuleType("trafilatura.metadata")
    other.extract_metadata = trafilatura.metadata.extract_metadata
    monkeypatch.setitem(sys.modules, "trafilatura.metadata", other)
    slow = page_metadata(load_html(page), "https://planet.example/x")
    assert slow == fast
    assert fast["title"] == "Acme Corp signs deal with Initech"
    assert "Jane Doe" in (fast["author"] or "")  # from the byline: the page has no meta author


def test_a_list_of_links_inside_the_article_is_not_text(tmp_path):
    links = "".join(
        f'<li><a href="/{n}">{title}</a></li>'
        for n, title in enumerate(["Globex Corporation buys a rival", "Hank Scorpio moves"])
    )
    page = news_page().replace(
        "<p>With files from", f"<h4>Editors' picks:</h4><ul>{links}</ul><p>With files from"
    )
    (tmp_path / "p.html").write_text(page)
    (doc,), _ = read([tmp_path])
    assert STORY[-1] in doc.text
    assert "Globex" not in doc.text and "Hank Scorpio" not in doc.text


def test_a_list_of_sentences_inside_the_article_is_text(tmp_path):
    items = "<ul><li>Acme Corp keeps its <a href='/x'>Oslo office</a> open.</li>"
    items += "<li>Initech moves to Bergen next year.</li></ul>"
    (tmp_path / "p.html").write_text(news_page().replace("<p>With files from", items + "<p>x"))
    (doc,), _ = read([tmp_path])
    assert "Initech moves to Bergen next year." in doc.text
    assert "Acme Corp keeps its Oslo office open." in doc.text


def test_a_page_without_an_article_falls_back_to_its_visible_text_with_a_warning(tmp_path):
    (tmp_path / "list.html").write_text(
        "<!DOCTYPE html><html><body><ul><li><a href='/'>Ann Lee met Bob Roe</a></li></ul>"
        "<script>var Globex = 1;</script></body></html>"
    )
    (doc,), diagnostics = read([tmp_path])
    assert doc.text == "Ann Lee met Bob Roe"
    assert diagnostics.warnings == [
        f"{tmp_path / 'list.html'}: no article found in the HTML; using all of its visible text"
    ]


def test_a_page_rendered_by_javascript_gives_its_json_ld_article_body(tmp_path):
    body = " ".join(STORY)
    ld = json.dumps({"@type": "NewsArticle", "headline": "Deal", "articleBody": body})
    page = (
        "<!DOCTYPE html><html><head><title>Deal</title>"
        f'<script type="application/ld+json">{ld}</script></head><body><div id="app">'
        "<figure><figcaption>Carl Ross on Monday. Photo: Mary Poppins</figcaption></figure>"
        "</div></body></html>"
    )
    (tmp_path / "app.html").write_text(page)
    (doc,), _ = read([tmp_path])
    assert doc.text == body


def test_html_is_found_by_content_in_files_and_in_jsonl_and_csv_fields(tmp_path):
    page = news_page()
    (tmp_path / "page.txt").write_text(page)  # HTML whatever its name says
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "j", "text": page}) + "\n")
    (tmp_path / "pages.csv").write_text("id,text\n" + f'c,"{page.replace(chr(34), 2 * chr(34))}"\n')
    docs, _ = read([tmp_path / "page.txt", tmp_path / "pages.jsonl", tmp_path / "pages.csv"])
    assert [d.id for d in docs] == ["page.txt", "j", "c"]
    for doc in docs:
        assert STORY[0] in doc.text and "Gift Guides" not in doc.text
        assert doc.metadata["title"] == "Acme Corp signs deal with Initech"


def test_format_html_reads_fields_holding_bare_fragments_as_html(tmp_path):
    # "Ann Lee &amp; Bob Roe" is not recognisable as HTML by itself: --format html says so.
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "f", "text": "Ann Lee &amp; Bob Roe <b>met</b>."}) + "\n")
    (auto,), _ = read([path])
    (forced,), diagnostics = read([path], input_format="html")
    assert auto.text == "Ann Lee &amp; Bob Roe <b>met</b>."
    assert forced.text == "Ann Lee & Bob Roe met."
    assert diagnostics.warnings == []  # a fragment has no boilerplate to fail on


# --- archives, gzip, stdin -----------------------------------------------------------------


def write_warc(path, pages, *, extra=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, html, warc_date in pages:
            if extra:
                request = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "planet.example")], is_http_request=True
                )
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(html.encode("utf-8")),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": warc_date},
                )
            )
        if extra:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://planet.example/logo.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG..."),
                    http_headers=image,
                )
            )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_web_archive_gives_one_document_per_html_page_end_to_end(tmp_path, capsys, nlp, name):
    undated = news_page(["Initech hired Carl Ross, the company said on Friday."], date=None)
    write_warc(
        tmp_path / name,
        [
            ("https://planet.example/acme-deal", news_page(), "2021-04-05T08:00:00Z"),
            ("https://planet.example/hire", undated, "2021-05-01T08:00:00Z"),
        ],
    )
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / name), "-o", str(out), "--no-cache"]) == 0
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [(r["document"], r["date"]) for r in rows] == [
        ("https://planet.example/acme-deal", "2021-04-03"),  # the page's own date wins
        ("https://planet.example/hire", "2021-05-01"),  # else the record's WARC-Date
    ]
    assert rows[1]["metadata"]["url"] == "https://planet.example/hire"
    assert rows[0]["mentions"] > 0
    err = capsys.readouterr().err
    assert "skipped 4 WARC record(s) that are not HTML pages" in err  # warcinfo, 2 requests, png
    mentions = (out / "mentions.jsonl").read_text()
    assert "Globex" not in mentions and "Carl Ross" in mentions


def test_gzip_inputs_are_read_like_the_plain_ones(tmp_path, nlp):
    lines = [json.dumps({"id": f"n{i}", "text": text}) for i, text in enumerate(STORY)]
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(news_page().encode()))
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress(b"Hank Scorpio met Globex Corporation."))
    result = entgraph.build_graph(
        [tmp_path / "dump.jsonl.gz", tmp_path / "page.html.gz", tmp_path / "note.txt.gz"],
        nlp=nlp,
    )
    ids = [r.document_id for r in result.records]
    assert ids == ["n0", "n1", "n2", "page.html.gz", "note.txt.gz"]
    page = result.records[3]
    assert page.metadata["title"] == "Acme Corp signs deal with Initech"
    assert "Gift Guides" not in page.text
    assert {"Acme Corp", "Initech", "Hank Scorpio"} <= labels(result)


def test_a_truncated_gzip_dump_keeps_the_documents_before_the_cut(tmp_path):
    lines = "".join(json.dumps({"id": f"n{i}", "text": "Text."}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs, diagnostics = read([tmp_path / "cut.jsonl.gz"])
    assert 0 < len(docs) < 2000
    assert [d.id for d in docs] == [f"n{i}" for i in range(len(docs))]
    assert any("cut.jsonl.gz" in w and "the rest" in w for w in diagnostics.warnings)


def test_a_gzip_dump_is_streamed_not_loaded_whole(tmp_path):
    # The first document comes out before the reader has decompressed the file.
    lines = "".join(json.dumps({"id": f"n{i}", "text": "x" * 500}) + "\n" for i in range(20000))
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode(), compresslevel=1))
    stream = iter_documents([path])
    assert next(stream).id == "n0"
    import gc

    sizes = [len(o) for o in gc.get_objects() if isinstance(o, (bytes, bytearray))]
    assert max(sizes) < len(lines) // 4


def stdin_of(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_an_html_page_on_stdin_is_read_as_a_page_end_to_end(tmp_path, monkeypatch, nlp):
    stdin_of(monkeypatch, news_page().encode("utf-8"))
    out = tmp_path / "out"
    assert main(["build", "-", "-o", str(out), "--no-cache", "-q"]) == 0
    (row,) = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert row["document"] == "stdin"
    assert row["metadata"]["title"] == "Acme Corp signs deal with Initech"
    mentions = (out / "mentions.jsonl").read_text()
    assert "Carl Ross" in mentions and "Hank Scorpio" not in mentions


# --- metadata --------------------------------------------------------------------------


def test_meta_fields_and_date_field_reach_documents_jsonl_and_the_api(tmp_path, capsys, nlp):
    records = [
        {"id": "a", "text": STORY[0], "title": "Deal", "url": "https://x.example/a",
         "published": "Sat, 03 Apr 2021 10:00:00 GMT", "source": "Wire", "tags": ["biz"]},
        {"id": "b", "text": STORY[1], "title": "Quote", "published": "next blue moon"},
        {"id": "c", "text": STORY[2]},
    ]  # fmt: skip
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    args = ["build", str(path), "-o", str(out), "--no-cache", "--date-field", "published"]
    assert main([*args, "--meta-fields", "title,url,source,tags"]) == 0
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert rows[0] == {
        "document": "a",
        "source": f"{path}:1",
        "date": "2021-04-03",
        "metadata": {
            "title": "Deal",
            "url": "https://x.example/a",
            "source": "Wire",
            "tags": '["biz"]',
        },
        "mentions": rows[0]["mentions"],
        "quotes": 0,
    }
    assert rows[0]["mentions"] == 2  # Acme Corp, Initech
    assert (rows[1]["date"], rows[1]["metadata"]) == (None, {"title": "Quote"})
    assert (rows[2]["date"], rows[2]["metadata"]) == (None, {})
    err = capsys.readouterr().err
    assert f"{path}:2: document 'b': date 'next blue moon' in 'published' is not a date" in err
    result = entgraph.build_graph(
        [path], nlp=nlp, date_field="published", meta_fields=["title", "url"]
    )
    frame = result.documents_frame()
    assert list(frame.columns[:4]) == ["document", "source", "date", "metadata"]
    assert frame["date"].iloc[0] == "2021-04-03"
    assert frame["date"].isna().tolist() == [False, True, True]
    assert result.records[0].metadata == {"title": "Deal", "url": "https://x.example/a"}


def test_csv_meta_fields(tmp_path, nlp):
    path = tmp_path / "news.csv"
    path.write_text("id,text,day,outlet,lang\nr1,Acme Corp met Initech.,2021-04-03,Wire,en\n")
    result = entgraph.build_graph([path], nlp=nlp, date_field="day", meta_fields="outlet, lang")
    (row,) = result.document_rows()
    assert (row["date"], row["metadata"]) == ("2021-04-03", {"outlet": "Wire", "lang": "en"})


def test_metadata_comes_from_the_input_each_run_not_from_the_cache(tmp_path, nlp):
    path = tmp_path / "news.jsonl"
    cache = tmp_path / "cache.sqlite"
    for title in ("First title", "Second title"):
        path.write_text(json.dumps({"id": "a", "text": STORY[0], "title": title}) + "\n")
        result = entgraph.build_graph([path], nlp=nlp, cache=cache, meta_fields=["title"])
        assert result.records[0].metadata == {"title": title}
    assert result.diagnostics.cached == 1


def test_workers_read_again_only_texts_they_would_read_the_same(tmp_path):
    # A distributed worker reads a located text itself; a page reduced to its article,
    # or a line inside a .gz, travels with its text instead.
    from entgraph.records import Document
    from entgraph.sources import read_located

    lines = [
        json.dumps({"id": "plain", "text": STORY[0]}),
        json.dumps({"id": "page", "text": news_page()}),
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "z.jsonl.gz").write_bytes(gzip.compress(lines[0].encode()))
    docs, _ = read([tmp_path / "mixed.jsonl", tmp_path / "z.jsonl.gz"])
    assert [d.locator is not None for d in docs] == [True, False, False]
    shipped = Document(docs[0].id, "", docs[0].source, docs[0].locator)
    assert read_located(shipped).text == docs[0].text
