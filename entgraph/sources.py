"""Read inputs into a stream of :class:`~entgraph.records.Document`.

Inputs are file paths, folders (searched recursively for ``.txt`` and ``.md``), JSONL
and CSV files (one document per line or row), and ``-`` for standard input. Every
document gets a stable id: its path relative to the input folder, its file name for a
file given directly, or the id field of a JSONL/CSV record (``FILE:LINE`` when absent).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("The ministry said so.")
>>> [d.id for d in iter_documents([folder])]
['a.txt']
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .decode import binary_kind, bytes_to_text, html_to_text, looks_like_html
from .diagnostics import Diagnostics
from .errors import InputError
from .records import Document

__all__ = ["FORMATS", "TEXT_SUFFIXES", "count_documents", "iter_documents", "read_located"]

#: Suffixes read from folders: plain text, and HTML (reduced to its visible text).
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = frozenset({".txt", ".md", *HTML_SUFFIXES})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
#: Values of ``input_format``: ``auto`` decides by file suffix (stdin: text).
FORMATS = ("auto", "text", "jsonl", "csv")

InputLike = str | os.PathLike[str]


def _csv_field_limit() -> None:
    # The csv module refuses fields over 128 KiB by default; articles can be longer.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


def _format_for(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    return "text"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"cannot read {path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _text_document(doc_id: str, data: bytes, source: str, diagnostics: Diagnostics) -> Document:
    text = bytes_to_text(data, source, diagnostics)
    if source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        text = html_to_text(text)  # tags, scripts and styles are never text
    return Document(id=doc_id, text=text, source=source)


def _record_id(value: object, fallback: str) -> str:
    if value is None or value == "":
        return fallback
    return str(value)


def _record_text(
    record: dict[str, object], text_field: str, where: str, diagnostics: Diagnostics
) -> str | None:
    if text_field not in record:
        diagnostics.warn(f"{where}: no {text_field!r} field; skipped")
        return None
    text = record[text_field]
    if not isinstance(text, str):
        diagnostics.warn(f"{where}: {text_field!r} is {type(text).__name__}, not text; skipped")
        return None
    return text


def _jsonl_record(
    line: str, where: str, text_field: str, id_field: str, diagnostics: Diagnostics
) -> tuple[str, str] | None:
    """(id, text) of one JSONL line, or None after a warning."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        diagnostics.warn(f"{where}: not valid JSON ({exc.msg}); skipped")
        return None
    if not isinstance(record, dict):
        diagnostics.warn(f"{where}: not a JSON object; skipped")
        return None
    text = _record_text(record, text_field, where, diagnostics)
    if text is None:
        return None
    return _record_id(record.get(id_field), where), text


def _iter_jsonl(
    stream: IO[str], name: str, text_field: str, id_field: str, diagnostics: Diagnostics
) -> Iterator[Document]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        found = _jsonl_record(line, where, text_field, id_field, diagnostics)
        if found is not None:
            yield Document(id=found[0], text=found[1], source=where)


def _iter_jsonl_file(
    path: Path, text_field: str, id_field: str, diagnostics: Diagnostics
) -> Iterator[Document]:
    # Streamed line by line (a corpus file can be larger than memory), keeping each
    # line's byte offset so that a distributed worker can read the line itself.
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        kind = binary_kind(fh.read(8192))
        if kind is not None:
            diagnostics.warn(f"{path}: {kind} file, not text; skipped", strictable=False)
            diagnostics.skip("binary")
            return
        fh.seek(0)
        offset = 0
        for lineno, raw in enumerate(fh, start=1):
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            line = bytes_to_text(raw, where, diagnostics)
            found = _jsonl_record(line, where, text_field, id_field, diagnostics)
            if found is not None:
                yield Document(found[0], found[1], where, locator=(str(path), start))


def read_located(document: Document, text_field: str = "text") -> Document:
    """``document`` with its text read again from its locator (on a worker).

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
        data = Path(path).read_bytes()
        return _text_document(document.id, data, document.source, quiet)
    with open(path, "rb") as fh:
        fh.seek(offset)
        line = bytes_to_text(fh.readline(), document.source, quiet)
    found = _jsonl_record(line, document.source, text_field, "", quiet)
    text = found[1] if found else ""
    return Document(document.id, text, document.source, document.locator)


def _iter_csv(
    stream: IO[str], name: str, text_field: str, id_field: str, diagnostics: Diagnostics
) -> Iterator[Document]:
    _csv_field_limit()
    reader = csv.DictReader(stream)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        diagnostics.warn(f"{name}: not a readable CSV file ({exc}); skipped")
        return
    if not header or text_field not in header:
        columns = ", ".join(repr(c) for c in header or []) or "none"
        diagnostics.warn(
            f"{name}: no {text_field!r} column (columns: {columns}); "
            "choose one with --text-field; file skipped"
        )
        return
    rowno = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            diagnostics.warn(f"{name}:{reader.line_num}: bad CSV row ({exc}); skipped")
            continue
        rowno += 1
        where = f"{name}:{reader.line_num}"
        text = row.get(text_field)
        if text is None:
            diagnostics.warn(f"{where}: row has no {text_field!r} value; skipped")
            continue
        yield Document(id=_record_id(row.get(id_field), where), text=text, source=where)


def _iter_file(
    path: Path,
    doc_id: str,
    fmt: str,
    text_field: str,
    id_field: str,
    diagnostics: Diagnostics,
) -> Iterator[Document]:
    if fmt == "jsonl":
        yield from _iter_jsonl_file(path, text_field, id_field, diagnostics)
        return
    data = _read_bytes(path)
    kind = binary_kind(data)
    if kind is not None:
        diagnostics.warn(f"{path}: {kind} file, not text; skipped", strictable=False)
        diagnostics.skip("binary")
        return
    if fmt == "text":
        document = _text_document(doc_id, data, str(path), diagnostics)
        yield Document(document.id, document.text, document.source, locator=(str(path), -1))
        return
    text = bytes_to_text(data, str(path), diagnostics)
    yield from _iter_csv(io.StringIO(text, newline=""), str(path), text_field, id_field,
                         diagnostics)  # fmt: skip


def _folder_files(folder: Path, diagnostics: Diagnostics) -> list[Path]:
    usable: list[Path] = []
    other: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=None):
        # Hidden folders (.git, .ipynb_checkpoints) are never corpus content.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath, filename)
            (usable if path.suffix.lower() in TEXT_SUFFIXES else other).append(path)
    if other:
        shown = ", ".join(str(p.relative_to(folder)) for p in other[:3])
        more = f" and {len(other) - 3} more" if len(other) > 3 else ""
        diagnostics.note(
            f"{folder}: skipped {len(other)} file(s) that are not .txt, .md or .html: {shown}{more}"
        )
    if not usable:
        raise InputError(f"no .txt, .md or .html files in folder {folder}")
    return sorted(usable, key=lambda p: p.relative_to(folder).as_posix())


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise InputError(f"no such file or directory: {path}")


def iter_documents(
    inputs: Iterable[InputLike],
    *,
    text_field: str = "text",
    id_field: str = "id",
    input_format: str = "auto",
    diagnostics: Diagnostics | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input, in order, with unique ids.

    Raises :class:`InputError` for a path that does not exist or a folder with no usable
    file (checked for every input before the first document is yielded); problems inside
    a file (a malformed JSONL line, a binary file in a folder) are reported to
    ``diagnostics`` and skipped.
    """
    if input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; use one of {FORMATS}")
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    plan = _plan(inputs, diagnostics)
    seen: dict[str, int] = {}
    for doc in _iter_plan(plan, text_field, id_field, input_format, diagnostics, stdin):
        count = seen.get(doc.id, 0) + 1
        seen[doc.id] = count
        if count > 1:
            new_id = f"{doc.id}#{count}"
            diagnostics.warn(
                f"{doc.source or doc.id}: duplicate document id {doc.id!r}; using {new_id!r}",
                strictable=False,
            )
            doc = Document(id=new_id, text=doc.text, source=doc.source, locator=doc.locator)
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
        _check_exists(path)
        if path.is_dir():
            plan.append(("folder", path, _folder_files(path, diagnostics)))
        elif path.is_file():
            if not os.access(path, os.R_OK):
                raise InputError(f"cannot read {path}: permission denied")
            plan.append(("file", path, path.name))
        else:
            raise InputError(f"not a regular file or folder: {path}")
    if not plan:
        raise InputError("no inputs given")
    return plan


def _iter_plan(
    plan: list[_PlanItem],
    text_field: str,
    id_field: str,
    input_format: str,
    diagnostics: Diagnostics,
    stdin: IO[str] | None,
) -> Iterator[Document]:
    for kind, path, extra in plan:
        if kind == "stdin":
            stream = stdin if stdin is not None else sys.stdin
            fmt = "text" if input_format == "auto" else input_format
            if fmt == "text":
                yield Document(id="stdin", text=stream.read(), source="<stdin>")
            elif fmt == "jsonl":
                yield from _iter_jsonl(stream, "<stdin>", text_field, id_field, diagnostics)
            else:
                yield from _iter_csv(stream, "<stdin>", text_field, id_field, diagnostics)
        elif kind == "file":
            assert path is not None
            fmt = _format_for(path, input_format)
            yield from _iter_file(path, str(extra), fmt, text_field, id_field, diagnostics)
        else:
            assert path is not None and isinstance(extra, list)
            for file in extra:
                doc_id = file.relative_to(path).as_posix()
                try:
                    yield from _iter_file(file, doc_id, "text", text_field, id_field, diagnostics)
                except InputError as exc:  # one unreadable file never stops a folder
                    diagnostics.warn(f"{exc}; skipped", strictable=True)


def count_documents(inputs: Iterable[InputLike], *, input_format: str = "auto") -> int | None:
    """Cheaply count the documents ``iter_documents`` will yield, for a progress bar.

    Counts files and non-blank JSONL lines / CSV rows without parsing them; ``None``
    when the count cannot be known in advance (stdin).
    """
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            total += sum(
                1
                for p in path.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            continue
        fmt = _format_for(path, input_format)
        if fmt == "text":
            total += 1
            continue
        try:
            with path.open("rb") as fh:
                lines = sum(1 for line in fh if line.strip())
        except OSError:
            continue
        total += lines - 1 if fmt == "csv" and lines else lines
    return total
