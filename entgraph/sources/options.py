"""What the user said about reading: formats, fields, and how a text becomes a Document.

:func:`make_document` is the one place where a text (plain or HTML) and its record's
fields become a :class:`~entgraph.records.Document`: HTML is reduced to its article,
the date is parsed, metadata gathered, odd characters made safe.

>>> from entgraph.diagnostics import Diagnostics
>>> doc = make_document("a", "Text.", "a.jsonl:1", ReadOptions(), Diagnostics(),
...                     fields={"date": "5 March 2016"}, date_value="5 March 2016")
>>> doc.date
'2016-03-05'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..dates import parse_date
from ..diagnostics import Diagnostics
from ..errors import InputError
from ..records import Document
from .decode import clean_text, looks_like_html
from .html import extract_article

__all__ = ["FORMATS", "ReadOptions", "make_document", "meta_value"]

#: Values of ``input_format``. ``auto`` decides by suffix, then by content (stdin too);
#: ``html`` says that every text is an HTML page (files, stdin, JSONL/CSV fields).
FORMATS = ("auto", "text", "html", "jsonl", "csv", "warc")


@dataclass(frozen=True)
class ReadOptions:
    """The reading options of one run (the ``--format`` and ``--*-field`` options)."""

    text_field: str = "text"
    id_field: str = "id"
    input_format: str = "auto"
    #: JSONL/CSV field holding the publication date, parsed with :func:`parse_date`.
    date_field: str | None = None
    #: JSONL/CSV fields copied into ``Document.metadata``.
    meta_fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            raise InputError(
                f"unknown input format {self.input_format!r}; use one of {', '.join(FORMATS)}"
            )
        for name in ("text_field", "id_field"):
            if not isinstance(getattr(self, name), str):
                raise InputError(f"{name} must be a field name (str)")


def meta_value(value: object) -> str | None:
    """A record field as a metadata string (lists and objects as JSON), None if empty.

    >>> meta_value(["a", "b"]), meta_value(3), meta_value(None)
    ('["a", "b"]', '3', None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_text(value.strip())
    elif isinstance(value, (list, dict)):
        text = clean_text(json.dumps(value, ensure_ascii=False))
    else:
        text = clean_text(str(value))
    return text or None


def make_document(
    doc_id: str,
    text: str,
    source: str,
    options: ReadOptions,
    diagnostics: Diagnostics,
    *,
    fields: Mapping[str, object] | None = None,
    date_value: object = None,
    html: bool | None = None,
    locator: tuple[str, int] | None = None,
    url: str | None = None,
    fallback_date: str | None = None,
) -> Document:
    """The Document of one text: ``html`` True/False, or None to detect it.

    ``fields`` are the record's fields (for ``--meta-fields``), ``date_value`` the raw
    date (from ``--date-field``, a WARC header); the record's own values win over the
    page's. A text that is reduced (HTML) loses its ``locator``: a worker reading the
    raw text again would not get the same text. ``fallback_date`` (an ISO date) is
    used when neither gives one.
    """
    text = clean_text(text)
    metadata: dict[str, str] = {}
    date: str | None = None
    is_html = html if html is not None else options.input_format == "html" or looks_like_html(text)
    if is_html:
        article = extract_article(text, url=url)
        if article.method == "visible":
            diagnostics.warn(
                f"{source}: no article found in the HTML; using all of its visible text",
                strictable=False,
            )
        text, metadata, date = article.text, dict(article.metadata), article.date
        locator = None
    if url:  # the address it was fetched from (a WARC record's), over the page's claim
        metadata["url"] = url
    for name in options.meta_fields:
        value = meta_value((fields or {}).get(name))
        if value is not None:
            metadata[name] = value
    if date_value is not None and meta_value(date_value) is not None:
        parsed = parse_date(date_value)
        if parsed is None:
            field = f" in {options.date_field!r}" if options.date_field else ""
            diagnostics.warn(
                f"{source}: document {doc_id!r}: date {meta_value(date_value)!r}{field} "
                "is not a date; left undated"
            )
        else:
            date = parsed
    return Document(
        id=clean_text(doc_id),
        text=text,
        source=source,
        locator=locator,
        date=date or fallback_date,
        metadata=metadata,
    )
