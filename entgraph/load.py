"""Reopen a build from its output folder: ``entgraph.load("out/")``.

The graph comes back from ``graph.graphml`` exactly as it was built (edge keys are the
relations, weights ints); the mentions and quotes come back from ``mentions.jsonl`` and
``quotes.jsonl`` as per-document records, so every explorer method works: ``top``,
``neighbors``, ``ego``, ``filter`` (tables included), ``mentions()``, ``quotes()``,
``show()`` and the writers. What the files do not hold stays empty: document texts,
sentence boundaries, a quote's sentence and paragraph numbers, and the affiliation
records (affiliations are edges in the graph).

>>> import entgraph, tempfile
>>> built = entgraph.build_graph(texts=["Ann Lee met Bob Roe in Paris."])  # doctest: +SKIP
>>> folder = built.write(tempfile.mkdtemp())["graph.graphml"].parent     # doctest: +SKIP
>>> entgraph.load(folder).graph.number_of_nodes() == built.graph.number_of_nodes()  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .api import GraphResult
from .errors import InputError
from .export.graphml import read_graphml
from .records import DocumentRecords, Mention, Quote

__all__ = ["load"]


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not a JSON line ({exc.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: not a JSON object")
            yield number, row


def _mention(path: Path, number: int, row: dict[str, Any]) -> Mention:
    try:
        return Mention(
            start=int(row["start"]),
            end=int(row["end"]),
            text=str(row["text"]),
            sentence=int(row.get("sentence") or 0),
            paragraph=int(row.get("paragraph") or 0),
            ner_label=str(row.get("ner_label") or ""),
            type=str(row.get("type") or ""),
            key=str(row["entity"]),
            name=str(row.get("label") or row["entity"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}:{number}: not a mention row ({exc})") from None


def _quote(path: Path, number: int, row: dict[str, Any]) -> Quote:
    def optional_int(name: str) -> int | None:
        value = row.get(name)
        return None if value is None else int(value)

    try:
        return Quote(
            start=int(row["start"]),
            end=int(row["end"]),
            text=str(row["text"]),
            kind=str(row.get("kind") or ""),
            cue=row.get("cue"),
            sentence=0,
            paragraph=0,
            speaker_text=row.get("speaker_text"),
            speaker_start=optional_int("speaker_start"),
            speaker_end=optional_int("speaker_end"),
            speaker_key=row.get("speaker_id"),
            mention_keys=tuple(str(k) for k in row.get("mentions") or ()),
            fragments=tuple((int(a), int(b)) for a, b in row.get("fragments") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}:{number}: not a quote row ({exc})") from None


def load(folder: str | os.PathLike[str]) -> GraphResult:
    """The build written to ``folder`` (by ``entgraph build`` or ``result.write``).

    Raises :class:`~entgraph.errors.InputError` when ``folder`` has no
    ``graph.graphml`` or a table line is not what entgraph writes.
    """
    out = Path(folder)
    graphml = out / "graph.graphml"
    if not graphml.is_file():
        raise InputError(f"{out}: no graph.graphml here; give the folder a build wrote")
    try:
        graph = read_graphml(graphml)
    except Exception as exc:  # networkx raises several kinds for a broken file
        raise InputError(f"{graphml}: not a readable GraphML file ({exc})") from None
    mentions: dict[str, list[Mention]] = {}
    quotes: dict[str, list[Quote]] = {}
    dates: dict[str, str | None] = {}
    path = out / "mentions.jsonl"
    for number, row in _rows(path):
        mentions.setdefault(str(row.get("document")), []).append(_mention(path, number, row))
        dates.setdefault(str(row.get("document")), row.get("date"))
    path = out / "quotes.jsonl"
    for number, row in _rows(path):
        quotes.setdefault(str(row.get("document")), []).append(_quote(path, number, row))
        dates.setdefault(str(row.get("document")), row.get("date"))
    documents = list(dict.fromkeys([*mentions, *quotes]))
    records = [
        DocumentRecords(
            document_id=doc,
            text="",
            mentions=tuple(mentions.get(doc, ())),
            quotes=tuple(quotes.get(doc, ())),
            date=dates.get(doc),  # so between() slices a reopened build too
        )
        for doc in documents
    ]
    # Table rows name node ids already: every key is its own node.
    node_of = {str(n): str(n) for n in graph.nodes}
    return GraphResult(graph=graph, records=records, node_of=node_of)
