"""Open any input as a stream of bytes: files, gzip (streamed) and standard input.

Every reader gets a buffered binary stream and a peek at its first bytes, so that
files and stdin are sniffed and decoded the same way. A gzip stream (by its magic
bytes, whatever the name) is decompressed as it is read: a 50 GB ``.jsonl.gz`` dump is
never loaded whole.

>>> import gzip, io
>>> stream = sniffable(io.BytesIO(gzip.compress(b"hello")))
>>> head(stream), stream.read()
(b'hello', b'hello')
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path
from typing import IO, BinaryIO

from ..errors import InputError

__all__ = [
    "GZIP_MAGIC",
    "HEAD",
    "head",
    "inner_suffix",
    "is_compressed",
    "open_path",
    "sniffable",
    "stdin_bytes",
]

GZIP_MAGIC = b"\x1f\x8b"
#: Bytes looked at to decide what a stream holds (at least one read's worth).
HEAD = 65536
_CHUNK = 16384


def inner_suffix(path: Path) -> str:
    """The suffix that says the format, below ``.gz``: ``a.jsonl.gz`` -> ``.jsonl``.

    >>> inner_suffix(Path("crawl.warc.gz")), inner_suffix(Path("A.TXT"))
    ('.warc', '.txt')
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def sniffable(raw: IO[bytes]) -> io.BufferedReader:
    """``raw`` as a buffered stream that :func:`head` can peek into, gunzipped if gzip."""
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(_Raw(raw), HEAD)
    if stream.peek(2)[:2] == GZIP_MAGIC:
        unzipped = gzip.GzipFile(fileobj=stream, mode="rb")
        return io.BufferedReader(_Raw(unzipped, below=stream), HEAD)
    return stream


def is_compressed(stream: io.BufferedReader) -> bool:
    """Whether :func:`sniffable` decompresses ``stream`` (its offsets are not the file's)."""
    raw = stream.raw
    return isinstance(raw, _Raw) and isinstance(raw.inner, gzip.GzipFile)


def head(stream: io.BufferedReader, size: int = HEAD) -> bytes:
    """Up to ``size`` first bytes of ``stream``, without consuming them."""
    data = b""
    while len(data) < size:
        try:
            more = stream.peek(size)  # peek returns what one read gave: ask until stable
        except InputError:  # a truncated .gz: the reader meets the error again and says so
            break
        if len(more) <= len(data):
            break
        data = more
    return data[:size]


def open_path(path: Path) -> io.BufferedReader:
    """``path`` opened for reading as a sniffable stream; :class:`InputError` if not."""
    try:
        raw = path.open("rb", buffering=0)
    except PermissionError as exc:
        raise InputError(f"cannot read {path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return sniffable(io.BufferedReader(raw, HEAD))


def stdin_bytes(stdin: IO[str] | IO[bytes] | None = None) -> io.BufferedReader:
    """Standard input (or ``stdin``) as bytes: read through the same decoding as files."""
    stream: object = stdin if stdin is not None else sys.stdin
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        return sniffable(binary)
    if isinstance(stream, io.TextIOBase):  # a text stream with no bytes below (StringIO)
        return sniffable(io.BytesIO(stream.read().encode("utf-8", "surrogatepass")))
    return sniffable(stream)  # type: ignore[arg-type]


class _Raw(io.RawIOBase):
    """Any binary file object as a raw stream, so ``BufferedReader`` can peek into it."""

    def __init__(
        self, inner: BinaryIO | IO[bytes] | gzip.GzipFile, below: IO[bytes] | None = None
    ) -> None:
        self.inner = inner
        # GzipFile never closes the file it reads: closing this stream closes that too.
        self.below = below

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            # gzip raises at a truncated end without returning what it decompressed in
            # that call: small reads lose at most one chunk of a cut file.
            data = self.inner.read(min(len(buffer), _CHUNK))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            name = getattr(self.inner, "name", "input")
            raise InputError(f"cannot read {name}: {exc}") from exc
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        if self.below is not None:
            self.below.close()
        super().close()
