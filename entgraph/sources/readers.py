"""One stream (a file, a gzip file, standard input) to its documents.

The format comes from ``--format``, else the file's suffix (below ``.gz``), else its
content: ``WARC/`` opens a web archive, a first line that is a JSON object opens JSON
Lines, an HTML start tag a page; anything else is one text. Files and stdin go through
the same code, so they get the same decoding and the same sniffing.

>>> container_format("", b'{"id": 1, "text": "Hi."}\\n', "auto")
'jsonl'
>>> container_format(".txt", b'{"id": 1}', "auto")
'text'
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from ..diagnostics import Diagnostics
from ..records import Document
from .csvfile import iter_csv
from .decode import ARCHIVE_KINDS, binary_kind, bytes_to_text, declared_charset, looks_like_html
from .folders import HTML_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES
from .jsonl import iter_jsonl
from .options import ReadOptions, make_document
from .streams import head
from .warc import WARC_MAGIC, iter_warc

__all__ = ["CSV_SUFFIXES", "JSONL_SUFFIXES", "container_format", "read_stream"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})


def container_format(suffix: str, start: bytes, input_format: str) -> str:
    """``text``, ``jsonl``, ``csv`` or ``warc``: how to cut a stream into documents."""
    if input_format in ("jsonl", "csv", "warc", "text"):
        return input_format
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in WARC_SUFFIXES or start.startswith(WARC_MAGIC):
        return "warc"
    if suffix not in TEXT_SUFFIXES and input_format == "auto" and _starts_jsonl(start):
        return "jsonl"
    return "text"


def _starts_jsonl(start: bytes) -> bool:
    first = start.lstrip().split(b"\n", 1)
    line = first[0].strip()
    if not line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
    except (ValueError, RecursionError):
        # A first line longer than the peek cannot be parsed yet: an object's first key.
        return len(first) == 1 and line.startswith(b'{"')


def read_stream(
    stream: io.BufferedReader,
    name: str,
    doc_id: str,
    suffix: str,
    options: ReadOptions,
    diagnostics: Diagnostics,
    *,
    locate: str | None = None,
) -> Iterator[Document]:
    """The documents of one stream (see the module doc). ``name`` is shown in messages;
    ``doc_id`` is the id of a one-document stream; ``locate`` is the path of a plain
    (uncompressed) file, that distributed workers can read again."""
    start = head(stream)
    fmt = container_format(suffix, start, options.input_format)
    if fmt == "warc":
        yield from iter_warc(stream, name, options, diagnostics)
        return
    kind = binary_kind(start)
    if kind is not None:
        hint = (
            " (unpack it first; entgraph reads .gz files itself)" if kind in ARCHIVE_KINDS else ""
        )
        diagnostics.warn(f"{name}: {kind} file, not text; skipped{hint}", strictable=False)
        diagnostics.skip("binary")
        return
    if fmt == "jsonl":
        yield from iter_jsonl(stream, name, options, diagnostics, locate)
        return
    data = stream.read()
    if fmt == "csv":
        text = bytes_to_text(data, name, diagnostics)
        yield from iter_csv(io.StringIO(text, newline=""), name, options, diagnostics)
        return
    html = options.input_format == "html" or suffix in HTML_SUFFIXES or looks_like_html(start)
    charset = declared_charset(start) if html else None
    yield make_document(
        doc_id,
        bytes_to_text(data, name, diagnostics, charset=charset),
        name,
        options,
        diagnostics,
        html=html,
        locator=(locate, -1) if locate is not None else None,
    )
