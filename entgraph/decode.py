"""Bytes to text: binary files, encodings and HTML, each handled without a crash.

>>> from entgraph.diagnostics import Diagnostics
>>> d = Diagnostics()
>>> bytes_to_text("café".encode("latin-1"), "a.txt", d)
'café'
>>> d.warnings
['a.txt: not UTF-8; decoded as Windows-1252 (Latin-1)']
>>> html_to_text("<p>Hello <b>there</b></p><script>alert(1)</script>")
'Hello there'
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from .diagnostics import Diagnostics

__all__ = ["binary_kind", "bytes_to_text", "html_to_text", "looks_like_html"]

# File signatures of the binary formats most often found among text files.
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"PK\x03\x04": "ZIP (or DOCX/XLSX)",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"\x1f\x8b": "gzip",
    b"\xd0\xcf\x11\xe0": "Office document",
    b"ID3": "MP3",
    b"\x7fELF": "executable",
}
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_LEGACY_PUNCTUATION = set("’‘“”–—…£€°§©®«»·•™´¨¿¡")


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file ``data`` is, or None for text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF'
    """
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    # Text may hold a stray control character or NUL; binary data is full of them.
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return "binary" if controls > 0.1 * len(head) else None


def _plausible_legacy_text(text: str) -> bool:
    odd = [c for c in text if ord(c) > 127]
    good = sum(1 for c in odd if c.isalpha() or c in _LEGACY_PUNCTUATION)
    return bool(odd) and good >= 0.9 * len(odd)


def bytes_to_text(data: bytes, source: str, diagnostics: Diagnostics) -> str:
    """Decode: BOMs first, then UTF-8, then Windows-1252 if it reads as text, else
    UTF-8 with replacement characters; a warning names the file whenever it guessed."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        legacy = data.decode("cp1252")
    except UnicodeDecodeError:
        legacy = ""
    if legacy and _plausible_legacy_text(legacy):
        diagnostics.warn(f"{source}: not UTF-8; decoded as Windows-1252 (Latin-1)",
                         strictable=False)  # fmt: skip
        return legacy
    diagnostics.warn(
        f"{source}: not valid UTF-8 (byte {position}); undecodable bytes replaced",
        strictable=False,
    )
    return data.decode("utf-8", errors="replace")


_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


def looks_like_html(data: bytes) -> bool:
    """Whether a file's content is an HTML page, whatever its name."""
    return bool(_HTML_START.match(data[:1024]))


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


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one line per block element."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)
