"""HTML pages to article text and metadata, with trafilatura.

A saved news page is mostly not the article: menus, footers, "related stories",
newsletter boxes, comments. :func:`extract_article` keeps the main text only, one
paragraph per block separated by blank lines (so entgraph's paragraphs are the page's),
without comments or tables, and reads the page's title, date, author, site name and
URL as metadata. Bylines, captions and credits left among the paragraphs are dropped
(:mod:`entgraph.sources.credits`).

When trafilatura finds no article, the page's schema.org ``articleBody`` (JSON-LD)
is used if it has one, else all of its visible text (:func:`visible_text`), with a
warning: a page is never lost.

>>> page = ("<html><body><nav><a href='/'>Home</a></nav><article><h1>Talks</h1>"
...         "<p>Jane Doe met Acme Corp on Monday in Oslo to discuss the new plan.</p>"
...         "<p>They agreed to meet again next week, a spokesman for Acme said.</p>"
...         "</article><footer>Contact us</footer></body></html>")
>>> print(extract_article(page).text)
Talks
<BLANKLINE>
Jane Doe met Acme Corp on Monday in Oslo to discuss the new plan.
<BLANKLINE>
They agreed to meet again next week, a spokesman for Acme said.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from ..dates import parse_date
from .credits import drop_author_bio, drop_credits
from .decode import looks_like_page
from .page_metadata import FIELDS, page_metadata

__all__ = ["Article", "extract_article", "visible_text"]

# What _drop_cleaned leaves to trafilatura; scripts other than JSON-LD go.
_CLEANED_LATER = frozenset({"form", "math", "head", "script"})
_NOT_JSON_LD = '//script[not(@type="application/ld+json")]'
# Lists made only of links ("Editors' recommendations", "Read more", tag clouds) are
# navigation, even inside the article element: every item's text is its link's text.
_LINK_LISTS = [
    f"//{tag}[li][not(li[normalize-space(.) != normalize-space(.//a)])]" for tag in ("ul", "ol")
]
# When trafilatura's text is under this share of the page's JSON-LD articleBody, the
# page renders its story with JavaScript and trafilatura only saw a caption or a teaser:
# the articleBody is the story.
_SHORT_SHARE = 0.5


@dataclass(frozen=True)
class Article:
    """What a page gives: the text, its metadata and its date (or None)."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    date: str | None = None
    #: How the text was found: "article" (trafilatura), "json-ld", "visible" (a page
    #: trafilatura found no article in) or "fragment" (a bit of markup, read whole).
    method: str = "article"


def extract_article(html: str, url: str | None = None) -> Article:
    """The article of an HTML page (see the module doc); ``url`` helps the metadata."""
    tree = _parse(html)
    metadata: dict[str, str] = {}
    date: str | None = None
    found: Any = None
    if tree is not None:
        # One parse for both: the metadata is read first, from the whole page, and
        # trafilatura then extracts the text from the same tree.
        # A reader failing on an odd page loses the metadata, not the text.
        with contextlib.suppress(Exception):
            metadata, date = _metadata(page_metadata(tree, url))
        found = _extract(tree, url)
    paragraphs = _paragraphs(found.text if found is not None else None)
    author = metadata.get("author")
    body = _json_ld_body(html)
    if body and len("\n".join(paragraphs)) < _SHORT_SHARE * len(body):
        kept = drop_author_bio(drop_credits(_split_body(body)), author)
        return Article(_join(kept), metadata, date, "json-ld")
    if paragraphs:
        kept = drop_author_bio(drop_credits(paragraphs), author)
        return Article(_join(kept), metadata, date, "article")
    # A fragment (a JSONL field holding an article's markup) has no boilerplate to
    # remove: its visible text is the article, and no warning is due.
    method = "visible" if looks_like_page(html) else "fragment"
    return Article(visible_text(html), metadata, date, method)


def _parse(html: str) -> Any:
    """The page's lxml tree (trafilatura's loader and repairs), or None."""
    # Imported here: trafilatura and lxml take a while to load, and most runs read no HTML.
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # lxml chokes on some pages: the fallback reads them
        return None


def _extract(tree: Any, url: str | None) -> Any:
    """trafilatura's main text of a parsed page (its ``.text``), or None."""
    from trafilatura import bare_extraction

    try:
        _drop_cleaned(tree)
        return bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=False,  # read before, by page_metadata
            # Without it, short pages go to trafilatura's baseline, which cuts a
            # paragraph at each inline tag ("met <b>Ann Lee</b>." -> three lines).
            favor_precision=True,
            # No second opinion from readability/jusText: a quarter less time, and no
            # loss on our pages (eval/html_entities.py); the JSON-LD body and the
            # visible text are our own fallbacks.
            fast=True,
            prune_xpath=_LINK_LISTS,
        )
    except Exception:  # trafilatura (lxml) chokes on some pages: the fallback reads them
        return None


def _drop_cleaned(tree: Any) -> None:
    """Delete from ``tree`` what trafilatura's cleaning deletes anyway (scripts, styles,
    menus, footers, forms' inputs ...), as one C-level pass.

    trafilatura runs its first XPath searches over the whole page and only then deletes
    these; on the 18 ``html-news`` pages they are 46% of the elements, and deleting them
    first saves a tenth of the reading time, for the same text (those searches only
    delete, and deleting commutes). Kept for trafilatura: forms and formulas (it reads
    them before deleting them) and JSON-LD scripts (they tell it a forum thread from an
    article).
    """
    from lxml.etree import strip_elements
    from trafilatura import settings

    tags = [t for t in getattr(settings, "MANUALLY_CLEANED", ()) if t not in _CLEANED_LATER]
    if tags:
        strip_elements(tree, *tags, with_tail=False)  # with_tail=False: keep the text after
    for script in tree.xpath(_NOT_JSON_LD):
        script.drop_tree()  # lxml.html: the tail text is kept


def _metadata(found: dict[str, str | None]) -> tuple[dict[str, str], str | None]:
    metadata = {}
    for name, key in FIELDS.items():
        value = found.get(name)
        if isinstance(value, str) and value.strip():
            metadata[key] = " ".join(value.split())
    return metadata, parse_date(found.get("date"))


def _paragraphs(text: str | None) -> list[str]:
    # trafilatura writes one block (paragraph, heading, list item) per line.
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


_JSON_LD = re.compile(
    r"<script[^>]+type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S
)


def _json_ld_body(html: str) -> str | None:
    """The longest schema.org ``articleBody`` in the page's JSON-LD, if any."""
    bodies: list[str] = []
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        _collect_bodies(data, bodies, depth=0)
    return max(bodies, key=len) if bodies else None


def _collect_bodies(data: Any, bodies: list[str], depth: int) -> None:
    if depth > 20:  # JSON-LD is shallow; a deeper structure is not worth walking
        return
    if isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str) and body.strip():
            bodies.append(body)
        for value in data.values():
            _collect_bodies(value, bodies, depth + 1)
    elif isinstance(data, list):
        for value in data:
            _collect_bodies(value, bodies, depth + 1)


def _split_body(body: str) -> list[str]:
    # articleBody is plain text; it may hold the page's paragraphs as line breaks.
    return [p.strip() for p in re.split(r"\n\s*\n|\n", visible_text(body)) if p.strip()]


class _TextExtractor(HTMLParser):
    # Never text: code, styles, and what a browser does not show.
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
    BLOCKS = frozenset(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header "
        "footer pre hr dd dt figcaption".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """All the visible text of an HTML page, one line per block element (the fallback).

    >>> visible_text("<p>Hello <b>there</b></p><script>alert(1)</script>")
    'Hello there'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)
