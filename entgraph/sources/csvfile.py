"""CSV with a header row: one document per row.

>>> import io
>>> from entgraph.diagnostics import Diagnostics
>>> rows = io.StringIO("id,text\\na,Hello.\\n")
>>> [d.text for d in iter_csv(rows, "x.csv", ReadOptions(), Diagnostics())]
['Hello.']
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterator
from typing import IO

from ..diagnostics import Diagnostics
from ..errors import InputError
from ..records import Document
from .jsonl import record_id
from .options import ReadOptions, make_document

__all__ = ["iter_csv"]


def _csv_field_limit() -> None:
    # The csv module refuses fields over 128 KiB by default; articles can be longer.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


def iter_csv(
    stream: IO[str], name: str, options: ReadOptions, diagnostics: Diagnostics
) -> Iterator[Document]:
    """The documents of a CSV text stream; a header naming a column twice is an error
    (the csv module would silently keep only the last of them)."""
    _csv_field_limit()
    reader = csv.DictReader(stream)
    text_field = options.text_field
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        diagnostics.warn(f"{name}: not a readable CSV file ({exc}); skipped")
        return
    repeated = sorted(c for c, n in Counter(header or []).items() if n > 1)
    if repeated:
        names = ", ".join(repr(c) for c in repeated)
        raise InputError(
            f"{name}:{reader.line_num}: the header names column(s) {names} more than once; "
            "rename them so that each column has its own name"
        )
    if not header or text_field not in header:
        columns = ", ".join(repr(c) for c in header or []) or "none"
        diagnostics.warn(
            f"{name}: no {text_field!r} column (columns: {columns}); "
            "choose one with --text-field; file skipped"
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            diagnostics.warn(f"{name}:{reader.line_num}: bad CSV row ({exc}); skipped")
            continue
        where = f"{name}:{reader.line_num}"
        text = row.get(text_field)
        if text is None:
            diagnostics.warn(f"{where}: row has no {text_field!r} value; skipped")
            continue
        date = row.get(options.date_field) if options.date_field else None
        yield make_document(
            record_id(row.get(options.id_field), where),
            text,
            where,
            options,
            diagnostics,
            fields=row,
            date_value=date,
        )
