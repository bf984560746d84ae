"""Bytes to text: binary files, encodings and odd characters, each handled without a crash.

>>> from entgraph.diagnostics import Diagnostics
>>> d = Diagnostics()
>>> bytes_to_text("café".encode("latin-1"), "a.txt", d)
'café'
>>> d.warnings
['a.txt: not UTF-8; decoded as Windows-1252 (Latin-1)']
>>> clean_text("caf\\udce9")
'caf�'
"""

from __future__ import annotations

import codecs
import re

from ..diagnostics import Diagnostics

__all__ = [
    "ARCHIVE_KINDS",
    "binary_kind",
    "bytes_to_text",
    "clean_text",
    "declared_charset",
    "display_name",
    "looks_like_html",
    "looks_like_page",
]

# File signatures of the binary formats most often found among text files. gzip is not
# here: every reader decompresses it (see :mod:`entgraph.sources.streams`).
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"PK\x03\x04": "ZIP (or DOCX/XLSX)",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"(\xb5/\xfd": "zstd",
    b"\xd0\xcf\x11\xe0": "Office document",
    b"ID3": "MP3",
    b"\x7fELF": "executable",
}
#: Compressed or archive formats entgraph does not open itself: the warning says what to do.
ARCHIVE_KINDS = frozenset({"bzip2", "xz", "zstd", "tar archive"})
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_LEGACY_PUNCTUATION = set("’‘“”–—…£€°§©®«»·•™´¨¿¡")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# In a Python string decoded from JSON or from a file name (surrogateescape), any
# surrogate is a lone one: UTF-8 cannot encode it, so every writer would fail on it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file ``data`` is, or None for text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF'
    """
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if data[257:262] == b"ustar":  # a tar archive (often inside a .tar.gz)
        return "tar archive"
    head = data[:8192]
    if head.startswith(_UTF16_BOMS):
        return None
    # Text may hold a stray control character or NUL; binary data is full of them.
    # (Counted as the bytes that bytes.translate deletes: at C speed, not a Python loop.)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return "binary" if controls > 0.1 * len(head) else None


def clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (one character for one, so
    offsets stay those of the input)."""
    try:
        text.encode("utf-8")  # at C speed: fails only if there is a lone surrogate
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def display_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 shown as ``\\xNN`` escapes.

    >>> display_name("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    if not _LONE_SURROGATE.search(name):
        return name
    raw = name.encode("utf-8", "surrogateescape")
    return clean_text(raw.decode("utf-8", "backslashreplace"))


def _plausible_legacy_text(text: str) -> bool:
    odd = [c for c in text if ord(c) > 127]
    good = sum(1 for c in odd if c.isalpha() or c in _LEGACY_PUNCTUATION)
    return bool(odd) and good >= 0.9 * len(odd)


def bytes_to_text(
    data: bytes, source: str, diagnostics: Diagnostics, charset: str | None = None
) -> str:
    """Decode: BOMs first, then UTF-8, then a ``charset`` the input declares (an HTML
    page's ``<meta charset>``, an HTTP header), then Windows-1252 if it reads as text,
    else UTF-8 with replacement characters; a warning names the file whenever it guessed.
    A byte order mark never stays in the text."""
    if data.startswith(codecs.BOM_UTF8):
        return _no_bom(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"))
    if data.startswith(_UTF16_BOMS):
        return _no_bom(data.decode("utf-16", errors="replace"))
    try:
        return _no_bom(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        position = exc.start
    if charset and _known_codec(charset):
        return _no_bom(data.decode(charset, errors="replace"))
    try:
        legacy = data.decode("cp1252")
    except UnicodeDecodeError:
        legacy = ""
    if legacy and _plausible_legacy_text(legacy):
        diagnostics.warn(f"{source}: not UTF-8; decoded as Windows-1252 (Latin-1)",
                         strictable=False)  # fmt: skip
        return _no_bom(legacy)
    diagnostics.warn(
        f"{source}: not valid UTF-8 (byte {position}); undecodable bytes replaced",
        strictable=False,
    )
    return _no_bom(data.decode("utf-8", errors="replace"))


def _no_bom(text: str) -> str:
    # A file written with a BOM *and* a U+FEFF character (some editors and encoders do
    # both) would still start with one: it is never text.
    return text.lstrip("\ufeff")


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)", re.I)
# A fragment (a JSONL field holding an article's HTML): starts with a tag and has a
# closing block tag. Plain text that mentions "<p>" once does not qualify.
_FRAGMENT_START = re.compile(r"^\s*<[a-zA-Z!]")
_BLOCK_CLOSE = re.compile(r"</(p|div|article|section|h[1-6]|li|ul|ol|table|figure|span)\s*>", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def looks_like_html(data: bytes | str) -> bool:
    """Whether content is an HTML page or fragment, whatever its name.

    >>> looks_like_html(b"<!DOCTYPE html><p>Hi</p>"), looks_like_html("<p>Hi</p>")
    (True, True)
    >>> looks_like_html("Use <p> for paragraphs.")
    False
    """
    if isinstance(data, str):
        head = data[:4096]
        if _HTML_START.match(head.encode("utf-8", "replace")):
            return True
        return bool(_FRAGMENT_START.match(head)) and bool(_BLOCK_CLOSE.search(data[:65536]))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        return looks_like_html(data[:4096].decode("utf-16", errors="replace"))
    if _HTML_START.match(data[:1024]):
        return True
    return bool(re.match(rb"^\s*<[a-zA-Z]", data[:1024])) and bool(
        _BLOCK_CLOSE.search(data[:65536].decode("utf-8", "replace"))
    )


def looks_like_page(text: str) -> bool:
    """Whether ``text`` is a whole HTML page (not a fragment).

    >>> looks_like_page("<html><body><p>Hi</p></body></html>"), looks_like_page("<p>Hi</p>")
    (True, False)
    """
    return bool(_HTML_START.match(text[:4096].encode("utf-8", "replace")))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 kB (``<meta charset=...>``).

    >>> declared_charset(b'<meta charset="shift_jis">')
    'shift_jis'
    """
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace").lower() if found else None
