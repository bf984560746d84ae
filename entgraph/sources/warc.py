"""Web archives (WARC, WARC.gz) with warcio: each HTML response is one document.

The format of Common Crawl News and of every web archive. A ``response`` record whose
HTTP content type is HTML becomes a document with id = its ``WARC-Target-URI``, the URI
as its ``url`` metadata, and the record's ``WARC-Date`` as its date when the page gives
none. Every other record (requests, metadata, images, redirects) is skipped; one note
per file counts them by kind.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator

from ..dates import parse_date
from ..diagnostics import Diagnostics
from ..errors import InputError
from ..records import Document
from .decode import bytes_to_text, declared_charset
from .options import ReadOptions, make_document

__all__ = ["WARC_MAGIC", "iter_warc"]

WARC_MAGIC = b"WARC/"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def iter_warc(
    stream: io.BufferedReader, name: str, options: ReadOptions, diagnostics: Diagnostics
) -> Iterator[Document]:
    """The HTML pages of a WARC stream, in order (see the module doc)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            kind = record.rec_type or "unknown"
            if kind != "response" or record.http_headers is None:
                skipped[kind] += 1
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode() or ""
            if not content_type.lower().startswith(_HTML_TYPES) or not status.startswith("2"):
                skipped["non-HTML or non-200 response"] += 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{number}"
            where = f"{name}: record {number} ({uri})"
            data = record.content_stream().read()
            charset = _charset(content_type) or declared_charset(data)
            yield make_document(
                uri,
                bytes_to_text(data, where, diagnostics, charset=charset),
                where,
                options,
                diagnostics,
                html=True,
                url=uri,
                fallback_date=parse_date(record.rec_headers.get_header("WARC-Date")),
            )
    except (ArchiveLoadFailed, InputError) as exc:  # a truncated or garbled archive
        diagnostics.warn(f"{name}: not a readable WARC file after record {number} ({exc})",
                         strictable=False)  # fmt: skip
    if skipped:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        diagnostics.note(f"{name}: skipped {sum(skipped.values())} WARC record(s) that are not "
                         f"HTML pages ({counts})")  # fmt: skip
