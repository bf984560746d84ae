"""Up-to-date outputs: rerunning a build on an unchanged corpus rewrites nothing.

``entgraph build`` writes ``entgraph-build.json`` with its outputs. It holds a *build
key* over everything the outputs depend on (entgraph's whole source and its version,
the libraries the code reads, the model, every option, and each document read: its id,
source, date, metadata and the hash of its text), the SHA-256 of every output file, and
the build's summary. A later run first reads the inputs and hashes them (no model, no
records); when the key is the same and no output file was changed, it says the outputs
are up to date and stops. Anything else, or ``--rebuild``, builds again (from the
record cache, so only new or changed documents are parsed).

>>> digest = InputDigest()
>>> digest.add(Document("a", "Text."))
>>> len(digest.hexdigest())
64
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .cache import content_hash
from .fingerprint import EXTRACTION_LIBRARIES, _version
from .records import Document

__all__ = [
    "MANIFEST",
    "InputDigest",
    "build_key",
    "manifest_key_exists",
    "manifest_text",
    "up_to_date",
]

MANIFEST = "entgraph-build.json"
_PACKAGE = Path(__file__).resolve().parent
#: Libraries whose output lands in the files beside those extraction reads.
_OUTPUT_LIBRARIES = ("networkx", "lxml", "trafilatura", "warcio", "python-dateutil")


class InputDigest:
    """A running hash of the documents of a build, in input order."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self.documents = 0

    def add(self, document: Document) -> None:
        head = json.dumps(
            [document.id, document.source, document.date, document.metadata, content_hash(
                document.text)]
        )  # fmt: skip
        self._sha.update(head.encode("utf-8", "surrogatepass") + b"\n")
        self.documents += 1

    def through(self, documents: Iterable[Document]) -> Iterator[Document]:
        """``documents`` unchanged, each added to the digest as it passes."""
        for document in documents:
            self.add(document)
            yield document

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


@cache  # a build computes its key up to three times (rerun check, graph, manifest)
def _package_source() -> str:
    sha = hashlib.sha256()
    files = [p for p in sorted(_PACKAGE.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    for path in files:
        sha.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def build_key(inputs: str, settings: Mapping[str, Any]) -> str:
    """The key of a build of the documents hashed to ``inputs`` with ``settings``
    (every option, the model's and the alias file's fingerprints)."""
    from . import __version__

    parts = {
        "entgraph": __version__,
        "source": _package_source(),
        "libraries": {lib: _version(lib) for lib in (*EXTRACTION_LIBRARIES, *_OUTPUT_LIBRARIES)},
        "settings": dict(settings),
        "inputs": inputs,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _file_hash(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def manifest_text(key: str, files: Mapping[str, str | os.PathLike[str]], summary: str) -> str:
    """The manifest of a finished build: its key, its files' hashes and its summary."""
    hashes = {name: _file_hash(Path(path)) for name, path in files.items()}
    return json.dumps({"key": key, "files": hashes, "summary": summary}, indent=1) + "\n"


def up_to_date(folder: str | os.PathLike[str], key: str) -> str | None:
    """The summary of the build in ``folder`` if it has this ``key`` and its files are
    as written; else None."""
    out = Path(folder)
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            return None
        for name, digest in manifest["files"].items():
            if _file_hash(out / name) != digest:
                return None
        return str(manifest["summary"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def manifest_key_exists(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` holds a manifest at all (only then are the inputs hashed first)."""
    return (Path(folder) / MANIFEST).is_file()
