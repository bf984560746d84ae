"""Which files of a folder are documents.

A folder is searched recursively for text, Markdown, HTML and WARC files, compressed
with gzip or not. Never read: hidden files and folders (``.git``); anything that is not
a regular file (a FIFO would block the run forever, a socket or device cannot be read);
entgraph's own outputs (an output folder inside the input folder, ``graph.html``,
``mentions.jsonl`` ...), which would otherwise come back as documents on the next run.
Subfolders that cannot be read are reported, like unreadable files.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Text.")
>>> _ = (folder / "graph.html").write_text("<html></html>")
>>> [p.name for p in folder_files(folder, Diagnostics())]
['a.txt']
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostics
from .decode import display_name
from .streams import inner_suffix

__all__ = [
    "FOLDER_SUFFIXES",
    "HTML_SUFFIXES",
    "OUTPUT_MARKERS",
    "OUTPUT_NAMES",
    "TEXT_SUFFIXES",
    "WARC_SUFFIXES",
    "folder_files",
]

#: Suffixes read from folders: plain text, and HTML (reduced to its article).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", *HTML_SUFFIXES})
WARC_SUFFIXES = frozenset({".warc", ".arc"})
#: What a folder gives (each also as ``.gz``).
FOLDER_SUFFIXES = TEXT_SUFFIXES | WARC_SUFFIXES
#: Files entgraph writes (``entgraph.api.OUTPUT_FILES``, the tables, the other graph
#: formats and the cache); a test checks this list against the API's.
OUTPUT_NAMES = frozenset(
    {
        "graph.html",
        "graph.graphml",
        "graph.gexf",
        "graph.json",
        "mentions.jsonl",
        "quotes.jsonl",
        "documents.jsonl",
        "nodes.csv",
        "edges.csv",
        "entgraph-cache.sqlite",
    }
)
#: A subfolder holding one of these is an entgraph output folder: skipped whole.
OUTPUT_MARKERS = frozenset({"graph.graphml", "entgraph-cache.sqlite"})


def folder_files(folder: Path, diagnostics: Diagnostics) -> list[Path]:
    """The document files of ``folder``, sorted by relative path (see the module doc)."""
    usable: list[Path] = []
    other: list[str] = []
    outputs: list[str] = []

    def unreadable(error: OSError) -> None:
        where = display_name(str(error.filename or folder))
        diagnostics.warn(f"cannot read folder {where}: {error.strerror or error}; skipped")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):  # .git, .ipynb_checkpoints: never corpus content
                continue
            if _is_output_folder(here / name):
                outputs.append(_relative(here / name, folder) + "/")
            else:
                kept.append(name)
        dirnames[:] = kept
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = here / filename
            if filename in OUTPUT_NAMES:
                outputs.append(_relative(path, folder))
            elif inner_suffix(path) not in FOLDER_SUFFIXES:
                other.append(_relative(path, folder))
            elif not _is_regular(path):
                other.append(_relative(path, folder) + " (not a regular file)")
            else:
                usable.append(path)
    if other:
        diagnostics.note(
            f"{display_name(str(folder))}: skipped {len(other)} file(s) that are not .txt, .md, "
            f".html or .warc (or not regular files): {_some(other)}"
        )
    if outputs:
        diagnostics.note(
            f"{display_name(str(folder))}: skipped {len(outputs)} entgraph output(s): "
            f"{_some(outputs)}"
        )
    return sorted(usable, key=lambda p: p.relative_to(folder).as_posix())


def _some(names: list[str]) -> str:
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _relative(path: Path, folder: Path) -> str:
    return display_name(path.relative_to(folder).as_posix())


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)  # follows symlinks: a link to a file is one
    except OSError:
        return False


def _is_output_folder(path: Path) -> bool:
    return any((path / marker).is_file() for marker in OUTPUT_MARKERS)
