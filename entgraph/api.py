"""The Python API: ``build_graph`` and the :class:`GraphResult` it returns.

>>> import entgraph
>>> text = "The French government said Germany would talk to the OECD."
>>> result = entgraph.build_graph([("a", text)])
>>> sorted(result.graph.nodes)
['country:deu', 'country:fra', 'org:oecd']
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from spacy.language import Language

from . import __version__
from .atomic import ensure_folder
from .diagnostics import Diagnostics
from .errors import InputError
from .export import (
    iter_mention_rows,
    iter_quote_rows,
    write_graphml,
    write_html,
    write_jsonl,
)
from .extract import PLACES_OPTIONS
from .graph import WINDOWS
from .graph import build_graph as _build
from .nlp import default_model_name, load_pipeline
from .pipeline import extract_records
from .records import Document, DocumentRecords
from .sources import count_documents, iter_documents

__all__ = ["OUTPUT_FILES", "GraphResult", "build_graph"]

#: The files :meth:`GraphResult.write` creates in the output folder.
OUTPUT_FILES = ("graph.html", "graph.graphml", "mentions.jsonl", "quotes.jsonl")

InputItem = str | os.PathLike[str] | Document | tuple[str, str]


@dataclass
class GraphResult:
    """The outcome of :func:`build_graph`: the graph, the records, and what happened.

    ``graph`` is a ``networkx.MultiDiGraph`` (see the README for its schema);
    ``records`` the per-document records; ``node_of`` maps entity keys to node ids.
    """

    graph: nx.MultiDiGraph
    records: list[DocumentRecords]
    node_of: dict[str, str]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        """Number of documents that were processed."""
        return len(self.records)

    def _labels(self) -> dict[str, str]:
        return {n: str(d.get("label", n)) for n, d in self.graph.nodes(data=True)}

    def mention_rows(self) -> list[dict[str, Any]]:
        """One dict per entity mention (the rows of ``mentions.jsonl``)."""
        return list(iter_mention_rows(self.records, self.node_of, self._labels()))

    def quote_rows(self) -> list[dict[str, Any]]:
        """One dict per quote (the rows of ``quotes.jsonl``)."""
        return list(iter_quote_rows(self.records, self.node_of, self._labels()))

    def write_graphml(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as GraphML."""
        write_graphml(self.graph, path)
        return Path(path)

    def write_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the self-contained interactive HTML page."""
        write_html(self.graph, path)
        return Path(path)

    def write_mentions(self, path: str | os.PathLike[str]) -> Path:
        """Write ``mentions.jsonl``."""
        write_jsonl(iter_mention_rows(self.records, self.node_of, self._labels()), path)
        return Path(path)

    def write_quotes(self, path: str | os.PathLike[str]) -> Path:
        """Write ``quotes.jsonl`` (empty when no quote was found)."""
        write_jsonl(iter_quote_rows(self.records, self.node_of, self._labels()), path)
        return Path(path)

    def write(self, folder: str | os.PathLike[str]) -> dict[str, Path]:
        """Write every output file into ``folder`` (created if needed)."""
        out = ensure_folder(folder)
        return {
            "graph.graphml": self.write_graphml(out / "graph.graphml"),
            "mentions.jsonl": self.write_mentions(out / "mentions.jsonl"),
            "quotes.jsonl": self.write_quotes(out / "quotes.jsonl"),
            "graph.html": self.write_html(out / "graph.html"),
        }

    def summary(self) -> str:
        """One line: documents, nodes, edges, skipped documents and seconds."""
        skipped = sum(self.diagnostics.skipped.values())
        parts = [
            f"{self.documents} document{'s' if self.documents != 1 else ''}",
            f"{self.graph.number_of_nodes()} nodes",
            f"{self.graph.number_of_edges()} edges",
        ]
        if skipped:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.diagnostics.skipped.items()))
            parts.append(f"{skipped} skipped ({reasons})")
        if self.diagnostics.warnings:
            parts.append(f"{len(self.diagnostics.warnings)} warnings")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


@cache
def _cached_pipeline(model: str) -> Language:
    return load_pipeline(model)


def _split_inputs(
    inputs: Iterable[InputItem] | str | os.PathLike[str],
) -> tuple[list[str | os.PathLike[str]], list[Document]]:
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths: list[str | os.PathLike[str]] = []
    docs: list[Document] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            doc_id, text = item
            docs.append(Document(id=str(doc_id), text=str(text), source=str(doc_id)))
        elif isinstance(item, (str, os.PathLike)):
            paths.append(item)
        else:
            raise InputError(
                f"cannot use {type(item).__name__} as input: give paths, "
                "(id, text) pairs or entgraph.Document objects"
            )
    return paths, docs


def _progress(total: int | None, enabled: bool) -> Any:
    if not enabled or (total is not None and total < 2):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)


def build_graph(
    inputs: Iterable[InputItem] | str | os.PathLike[str],
    *,
    model: str | None = None,
    window: str = "sentence",
    places: str = "drop",
    text_field: str = "text",
    id_field: str = "id",
    input_format: str = "auto",
    strict: bool = False,
    progress: bool = False,
    nlp: Language | None = None,
) -> GraphResult:
    """Read ``inputs``, extract entities and relations, and build the graph.

    ``inputs``: file or folder paths, ``"-"`` for stdin, ``(id, text)`` pairs or
    :class:`~entgraph.records.Document` objects. ``model`` names any installed spaCy
    pipeline (default: the small English model). ``window`` is the co-mention window:
    ``"sentence"``, ``"paragraph"`` or ``"document"``. ``places``: ``"drop"`` cities
    and regions, map them to their ``"country"``, or ``"keep"`` them as PLACE nodes.

    Raises :class:`~entgraph.errors.InputError` for unusable input and
    :class:`~entgraph.errors.ModelError` for a missing pipeline; problems with single
    documents are in ``result.diagnostics`` instead.
    """
    if window not in WINDOWS:
        raise InputError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")
    if places not in PLACES_OPTIONS:
        raise InputError(f"unknown places option {places!r}; use one of {PLACES_OPTIONS}")
    started = time.perf_counter()
    diagnostics = Diagnostics(strict=strict)
    paths, given = _split_inputs(inputs)

    def documents() -> Iterator[Document]:
        yield from given
        if paths:
            yield from iter_documents(
                paths,
                text_field=text_field,
                id_field=id_field,
                input_format=input_format,
                diagnostics=diagnostics,
            )

    stream = documents()
    if paths:
        # Check every path before loading the model: bad input fails fast.
        first = next(stream, None)
        stream = _chain(first, stream)
    model_name = model or default_model_name()
    pipeline = nlp if nlp is not None else _cached_pipeline(model_name)
    total = None
    if progress:
        counted = count_documents(paths, input_format=input_format) if paths else 0
        total = None if counted is None else counted + len(given)
    bar = _progress(total, progress)
    try:
        records = list(
            extract_records(
                stream,
                pipeline,
                places=places,
                diagnostics=diagnostics,
                on_document=bar.update if bar is not None else None,
            )
        )
    finally:
        if bar is not None:
            bar.close()
    if not records:
        raise InputError("no usable documents in the input" + _skipped_note(diagnostics))
    built = _build(
        records,
        window=window,
        graph_attrs={
            "generator": f"entgraph {__version__}",
            "model": pipeline.meta.get("name", model_name) if nlp is not None else model_name,
            "window": window,
            "documents": len(records),
        },
    )
    return GraphResult(
        graph=built.graph,
        records=records,
        node_of=built.node_of,
        diagnostics=diagnostics,
        seconds=time.perf_counter() - started,
    )


def _skipped_note(diagnostics: Diagnostics) -> str:
    if not diagnostics.skipped:
        return ""
    return " (" + ", ".join(f"{n} {r}" for r, n in sorted(diagnostics.skipped.items())) + ")"


def _chain(first: Document | None, rest: Iterator[Document]) -> Iterator[Document]:
    if first is not None:
        yield first
    yield from rest
