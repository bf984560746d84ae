"""Title, author, date, site name and URL of a parsed page, with trafilatura's readers.

trafilatura's ``extract_metadata`` also reads a page's categories, tags and licence:
a third of its time on news pages (tag clouds and footers are searched with many
XPath expressions), for fields entgraph does not keep. :func:`page_metadata` runs the
same readers, in the same order, for the five fields entgraph keeps; where this
trafilatura has not these readers (they are not its public API), it falls back to
``extract_metadata`` (same fields, only slower).

>>> from lxml.html import fromstring
>>> page = fromstring("<html><head><title>Talks in Oslo | Acme News</title>"
...     "<meta name='author' content='Jane Doe'></head><body><p>Hi</p></body></html>")
>>> found = page_metadata(page, "https://example.org/talks")
>>> found["title"], found["author"], found["url"]
('Talks in Oslo', 'Jane Doe', 'https://example.org/talks')
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

__all__ = ["page_metadata"]

#: trafilatura's metadata fields -> entgraph's metadata keys.
FIELDS = {"title": "title", "author": "author", "sitename": "site", "url": "url"}
# Dates from the page's markup only (meta tags, JSON-LD, <time>): htmldate's extensive
# search also takes years from "© 2021" footers and link URLs.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


def page_metadata(tree: Any, url: str | None) -> dict[str, str | None]:
    """``title``, ``author``, ``sitename``, ``url`` and ``date`` (as the page writes
    it) of a page parsed by lxml; ``url`` is the address known from elsewhere, used
    when the page gives none. The tree is not changed."""
    document = _read(tree, url)
    document.clean_and_trim()  # entities, spaces and control characters, as trafilatura does
    return {name: getattr(document, name, None) for name in (*FIELDS, "date")}


def _read(tree: Any, url: str | None) -> Any:
    try:
        from htmldate import find_date
        from trafilatura.metadata import (
            examine_meta,
            extract_author,
            extract_meta_json,
            extract_sitename,
            extract_title,
            extract_url,
        )
    except ImportError:  # another trafilatura: its whole metadata reader
        from trafilatura.metadata import extract_metadata

        return extract_metadata(tree, url, dict(DATE_PARAMS))
    # What follows is trafilatura's extract_metadata without categories, tags, licence.
    document = examine_meta(tree)
    if document.author and " " not in document.author:  # a user name, not a name
        document.author = None
    # trafilatura's JSON-LD reader fails on some odd JSON: the rest is kept.
    with contextlib.suppress(Exception):
        document = extract_meta_json(tree, document)
    document.title = document.title or extract_title(tree)
    document.author = document.author or extract_author(tree)
    document.url = document.url or extract_url(tree, url)
    document.date = find_date(tree, url=document.url, **DATE_PARAMS)
    if not document.sitename:
        document.sitename = extract_sitename(tree)
    if document.sitename:
        site = document.sitename.lstrip("@")  # a Twitter handle
        if site and "." not in site and not site[0].isupper():
            site = site.title()
        document.sitename = site
    elif document.url and (found := _SITE_FROM_URL.match(document.url)):
        document.sitename = found[1]
    return document
