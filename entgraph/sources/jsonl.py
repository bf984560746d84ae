"""JSON Lines: one document per line, streamed, a bad line never stops the file.

>>> import io
>>> from entgraph.diagnostics import Diagnostics
>>> from entgraph.sources.streams import sniffable
>>> stream = sniffable(io.BytesIO(b'{"id": "a", "text": "Hi."}\\n[1]\\n'))
>>> d = Diagnostics()
>>> [doc.id for doc in iter_jsonl(stream, "x.jsonl", ReadOptions(), d)]
['a']
>>> d.warnings
['x.jsonl:2: not a JSON object; skipped']
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator

from ..diagnostics import Diagnostics
from ..errors import InputError
from ..records import Document
from .decode import bytes_to_text
from .options import ReadOptions, make_document
from .streams import head

__all__ = ["iter_jsonl", "parse_line", "record_id", "record_text"]


def record_id(value: object, fallback: str) -> str:
    """The id of a record: its id field as text, or ``fallback`` when it has none."""
    if value is None or value == "":
        return fallback
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def record_text(
    record: dict[str, object], text_field: str, where: str, diagnostics: Diagnostics
) -> str | None:
    """The text field of a record, or None after a warning."""
    if text_field not in record:
        diagnostics.warn(f"{where}: no {text_field!r} field; skipped")
        return None
    text = record[text_field]
    if not isinstance(text, str):
        diagnostics.warn(f"{where}: {text_field!r} is {type(text).__name__}, not text; skipped")
        return None
    return text


def parse_line(line: str, where: str, diagnostics: Diagnostics) -> dict[str, object] | None:
    """The JSON object on one line, or None after a warning."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        diagnostics.warn(f"{where}: not valid JSON ({exc.msg}); skipped")
        return None
    except RecursionError:  # "[[[[..." 100,000 deep: the parser gives up, so do we
        diagnostics.warn(f"{where}: JSON nested too deeply; skipped")
        return None
    if not isinstance(record, dict):
        diagnostics.warn(f"{where}: not a JSON object; skipped")
        return None
    return record


def _document(
    line: str,
    where: str,
    options: ReadOptions,
    diagnostics: Diagnostics,
    locator: tuple[str, int] | None,
) -> Document | None:
    record = parse_line(line, where, diagnostics)
    if record is None:
        return None
    try:
        text = record_text(record, options.text_field, where, diagnostics)
        if text is None:
            return None
        date = record.get(options.date_field) if options.date_field else None
        return make_document(
            record_id(record.get(options.id_field), where),
            text,
            where,
            options,
            diagnostics,
            fields=record,
            date_value=date,
            locator=locator,
        )
    except RecursionError:  # a field 5,000 deep: fine for the parser, not for us
        diagnostics.warn(f"{where}: JSON nested too deeply; skipped")
        return None


def iter_jsonl(
    stream: io.BufferedReader,
    name: str,
    options: ReadOptions,
    diagnostics: Diagnostics,
    locate: str | None = None,
) -> Iterator[Document]:
    """The documents of a JSONL stream. With ``locate`` (the path of a plain file), each
    document keeps its line's byte offset so that a distributed worker can read it."""
    if head(stream, 2).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 lines cannot be split on b"\n": decode the stream as a whole.
        text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace")
        for lineno, line in enumerate(text, start=1):
            if line.strip():
                found = _document(line.lstrip("\ufeff"), f"{name}:{lineno}", options,
                                  diagnostics, None)  # fmt: skip
                if found is not None:
                    yield found
        return
    offset = 0
    lineno = 0
    while True:
        try:
            raw = stream.readline()
        except InputError as exc:  # a truncated .gz: keep what was read
            diagnostics.warn(f"{exc}; the rest of {name} is skipped", strictable=False)
            return
        if not raw:
            return
        lineno += 1
        start, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        where = f"{name}:{lineno}"
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        line = bytes_to_text(raw, where, diagnostics)
        locator = (locate, start) if locate is not None else None
        found = _document(line, where, options, diagnostics, locator)
        if found is not None:
            yield found
