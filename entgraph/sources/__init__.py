"""Read inputs into a stream of :class:`~entgraph.records.Document`.

Inputs are file paths, folders (searched recursively for text, Markdown, HTML and WARC
files), JSONL and CSV files (one document per line or row), web archives (one
document per HTML page), any of them gzip-compressed, and ``-`` for standard input.
Every document gets a stable id: its path relative to the input folder, its file name
for a file given directly, the id field of a JSONL/CSV record (``FILE:LINE`` when
absent), or a WARC record's target URI. HTML becomes its article text, with its
title, date, author, site and URL as metadata.

Modules: :mod:`~.folders` (which files), :mod:`~.streams` (bytes, gzip, stdin),
:mod:`~.readers` (format by suffix or content), :mod:`~.jsonl`, :mod:`~.csvfile`,
:mod:`~.warc`, :mod:`~.html` and :mod:`~.credits` (article text),
:mod:`~.decode` (encodings), :mod:`~.options` (fields, metadata, dates).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("The ministry said so.")
>>> [d.id for d in iter_documents([folder])]
['a.txt']
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..diagnostics import Diagnostics
from ..errors import InputError
from ..records import Document
from .decode import bytes_to_text, clean_text, display_name
from .folders import HTML_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES, folder_files
from .jsonl import parse_line, record_text
from .options import FORMATS, ReadOptions
from .readers import CSV_SUFFIXES, JSONL_SUFFIXES, container_format, read_stream
from .streams import inner_suffix, is_compressed, open_path, stdin_bytes

__all__ = [
    "FORMATS",
    "HTML_SUFFIXES",
    "TEXT_SUFFIXES",
    "ReadOptions",
    "count_documents",
    "iter_documents",
    "read_located",
]

InputLike = str | os.PathLike[str]


def iter_documents(
    inputs: Iterable[InputLike],
    *,
    text_field: str = "text",
    id_field: str = "id",
    input_format: str = "auto",
    date_field: str | None = None,
    meta_fields: Iterable[str] = (),
    diagnostics: Diagnostics | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input, in order, with unique ids.

    Raises :class:`InputError` for a path that does not exist or a folder with no usable
    file (checked for every input before the first document is yielded); problems inside
    a file (a malformed JSONL line, a binary file in a folder) are reported to
    ``diagnostics`` and skipped. ``date_field`` and ``meta_fields`` name JSONL/CSV
    fields that become each document's date and metadata.
    """
    options = ReadOptions(
        text_field=text_field,
        id_field=id_field,
        input_format=input_format,
        date_field=date_field or None,
        meta_fields=tuple(name.strip() for name in meta_fields if name.strip()),
    )
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    plan = _plan(inputs, diagnostics)
    seen: dict[str, int] = {}
    for doc in _iter_plan(plan, options, diagnostics, stdin):
        count = seen.get(doc.id, 0) + 1
        seen[doc.id] = count
        if count > 1:
            new_id = f"{doc.id}#{count}"
            diagnostics.warn(
                f"{doc.source or doc.id}: duplicate document id {doc.id!r}; using {new_id!r}",
                strictable=False,
            )
            doc = dataclasses.replace(doc, id=new_id)
        yield doc


# A plan item: ("stdin", None, None) | ("file", path, doc_id) | ("folder", folder, files)
_PlanItem = tuple[str, Path | None, object]


def _plan(inputs: Iterable[InputLike], diagnostics: Diagnostics) -> list[_PlanItem]:
    # Resolve every input up front so a bad path fails before any work is done.
    plan: list[_PlanItem] = []
    for item in inputs:
        if str(item) == "-":
            plan.append(("stdin", None, None))
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(f"no such file or directory: {display_name(str(path))}")
        if path.is_dir():
            files = folder_files(path, diagnostics)
            if not files:
                raise InputError(
                    f"no .txt, .md, .html or .warc files in folder {display_name(str(path))}"
                )
            plan.append(("folder", path, files))
        elif path.is_file():
            if not os.access(path, os.R_OK):
                raise InputError(f"cannot read {display_name(str(path))}: permission denied")
            plan.append(("file", path, display_name(path.name)))
        else:
            raise InputError(f"not a regular file or folder: {display_name(str(path))}")
    if not plan:
        raise InputError("no inputs given")
    return plan


def _read_file(
    path: Path, doc_id: str, options: ReadOptions, diagnostics: Diagnostics
) -> Iterator[Document]:
    name = display_name(str(path))
    with open_path(path) as stream:
        # Only a plain file can be read again by a worker at a byte offset.
        plain = not is_compressed(stream)
        yield from read_stream(
            stream,
            name,
            doc_id,
            inner_suffix(path),
            options,
            diagnostics,
            locate=str(path) if plain else None,
        )


def _iter_plan(
    plan: list[_PlanItem],
    options: ReadOptions,
    diagnostics: Diagnostics,
    stdin: IO[str] | IO[bytes] | None,
) -> Iterator[Document]:
    for kind, path, extra in plan:
        if kind == "stdin":
            yield from read_stream(stdin_bytes(stdin), "<stdin>", "stdin", "", options,
                                   diagnostics)  # fmt: skip
        elif kind == "file":
            assert path is not None
            yield from _read_file(path, str(extra), options, diagnostics)
        else:
            assert path is not None and isinstance(extra, list)
            # A folder's files are pages and texts whatever --format says about files.
            folder_options = dataclasses.replace(
                options, input_format="html" if options.input_format == "html" else "auto"
            )
            for file in extra:
                doc_id = display_name(file.relative_to(path).as_posix())
                try:
                    yield from _read_file(file, doc_id, folder_options, diagnostics)
                except InputError as exc:  # one unreadable file never stops a folder
                    diagnostics.warn(f"{exc}; skipped", strictable=True)


def read_located(document: Document, text_field: str = "text") -> Document:
    """``document`` with its text read again from its locator (on a worker).

    Only documents whose text is the file's or the line's own text have a locator
    (HTML and compressed inputs travel with their text), so this reads exactly what
    the driver read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_text("Hello.")
    >>> read_located(Document("a.txt", "", str(path), locator=(str(path), -1))).text
    'Hello.'
    """
    if document.locator is None or document.text:
        return document
    path, offset = document.locator
    quiet = Diagnostics()  # the driver already reported this file's problems
    if offset < 0:
        text = bytes_to_text(Path(path).read_bytes(), document.source, quiet)
    else:
        with open(path, "rb") as fh:
            fh.seek(offset)
            line = bytes_to_text(fh.readline(), document.source, quiet)
        record = parse_line(line, document.source, quiet)
        text = (record_text(record, text_field, document.source, quiet) if record else "") or ""
    return dataclasses.replace(document, text=clean_text(text))


def count_documents(inputs: Iterable[InputLike], *, input_format: str = "auto") -> int | None:
    """Cheaply count the documents ``iter_documents`` will yield, for a progress bar.

    Counts files and non-blank JSONL lines / CSV rows without parsing them; ``None``
    when the count cannot be known in advance (stdin, web archives, compressed tables).
    """
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            files = folder_files(path, Diagnostics())
            if any(inner_suffix(p) in WARC_SUFFIXES for p in files):
                return None
            total += len(files)
            continue
        fmt = _count_format(path, input_format)
        if fmt == "text":
            total += 1
            continue
        if fmt is None or path.name.lower().endswith(".gz"):
            return None
        try:
            with path.open("rb") as fh:
                lines = sum(1 for line in fh if line.strip())
        except OSError:
            continue
        total += lines - 1 if fmt == "csv" and lines else lines
    return total


def _count_format(path: Path, input_format: str) -> str | None:
    suffix = inner_suffix(path)
    if input_format == "auto" and suffix not in JSONL_SUFFIXES | CSV_SUFFIXES | TEXT_SUFFIXES:
        return None  # decided by content: not worth opening the file twice
    fmt = container_format(suffix, b"", input_format)
    return None if fmt == "warc" else fmt
