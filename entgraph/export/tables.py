"""Tidy tables as JSON Lines: one mention, quote or document per line.

``mentions.jsonl``: ``document``, ``date`` (the document's ISO date or null), ``start``,
``end``, ``text``, ``sentence``, ``paragraph``, ``entity`` (node id), ``label`` (the
node's display name), ``type``, ``ner_label`` (the statistical model's label).

``quotes.jsonl``: ``document``, ``date``, ``start``, ``end``, ``text``, ``kind``, ``cue``,
``speaker`` (node label or null), ``speaker_id``, ``speaker_text``, ``speaker_start``,
``speaker_end``, ``mentions`` (node ids named in the quote), ``fragments`` (the
``[start, end]`` spans of words in quotation marks inside a reported quote).

``documents.jsonl``: ``document``, ``source``, ``date`` (ISO date or null),
``metadata`` (title, url, author, site and ``--meta-fields``), ``mentions``, ``quotes``
(how many of each the document has).

All load with ``pandas.read_json(path, lines=True)``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..atomic import atomic_write
from ..records import DocumentRecords

__all__ = [
    "DOCUMENT_COLUMNS",
    "MENTION_COLUMNS",
    "QUOTE_COLUMNS",
    "iter_document_rows",
    "iter_mention_rows",
    "iter_quote_rows",
    "write_jsonl",
    "write_tables",
]

MENTION_COLUMNS = (
    "document",
    "date",
    "start",
    "end",
    "text",
    "sentence",
    "paragraph",
    "entity",
    "label",
    "type",
    "ner_label",
)
QUOTE_COLUMNS = (
    "document",
    "date",
    "start",
    "end",
    "text",
    "kind",
    "cue",
    "speaker",
    "speaker_id",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "mentions",
    "fragments",
)

DOCUMENT_COLUMNS = ("document", "source", "date", "metadata", "mentions", "quotes")


def iter_document_rows(records: Iterable[DocumentRecords]) -> Iterator[dict[str, Any]]:
    """One row per document: where it came from, its date and metadata, its counts."""
    for rec in records:
        yield {
            "document": rec.document_id,
            "source": rec.source,
            "date": rec.date,
            "metadata": dict(rec.metadata),
            "mentions": len(rec.mentions),
            "quotes": len(rec.quotes),
        }


def iter_mention_rows(
    records: Iterable[DocumentRecords],
    node_of: Mapping[str, str],
    nodes: Mapping[str, Mapping[str, Any]],
) -> Iterator[dict[str, Any]]:
    """One row per mention of a node (``nodes``: node id -> attributes, as ``G.nodes``)."""
    for rec in records:
        for m in rec.mentions:
            node = node_of.get(m.key)
            if node is None or node not in nodes:
                continue  # a place or a thing that is no node
            yield {
                "document": rec.document_id,
                "date": rec.date,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "sentence": m.sentence,
                "paragraph": m.paragraph,
                "entity": node,
                "label": nodes[node].get("label", m.name),
                "type": nodes[node].get("type", m.type),
                "ner_label": m.ner_label,
            }


def iter_quote_rows(
    records: Iterable[DocumentRecords],
    node_of: Mapping[str, str],
    nodes: Mapping[str, Mapping[str, Any]],
) -> Iterator[dict[str, Any]]:
    """One row per quote, with its resolved speaker (or null)."""
    for rec in records:
        for q in rec.quotes:
            speaker = node_of.get(q.speaker_key) if q.speaker_key else None
            if speaker is not None and speaker not in nodes:
                speaker = None
            yield {
                "document": rec.document_id,
                "date": rec.date,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "speaker": nodes[speaker].get("label") if speaker else None,
                "speaker_id": speaker,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "mentions": list(
                    dict.fromkeys(node_of[k] for k in q.mention_keys if node_of.get(k) in nodes)
                ),
                "fragments": [list(f) for f in q.fragments],
            }


def _line(row: dict[str, Any]) -> bytes:
    # A lone surrogate (from a file name or a JSON escape) cannot be UTF-8: written as
    # its JSON escape, which reads back as the same string.
    return _ENCODER.encode(row).encode("utf-8", "backslashreplace") + b"\n"


# json.dumps with options builds an encoder at every call; the rows share this one.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def write_jsonl(rows: Iterator[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write ``rows`` to ``path`` atomically; return how many were written."""
    count = 0
    with atomic_write(path) as fh:
        for row in rows:
            fh.write(_line(row))
            count += 1
    return count


def write_tables(
    records: Iterable[DocumentRecords],
    node_of: Mapping[str, str],
    nodes: Mapping[str, Mapping[str, Any]],
    mentions: str | os.PathLike[str],
    quotes: str | os.PathLike[str],
    documents: str | os.PathLike[str],
) -> None:
    """Write the three tables atomically in one pass over ``records``, so records read
    back from disk (see :mod:`entgraph.spool`) are read once."""
    with atomic_write(mentions) as m, atomic_write(quotes) as q, atomic_write(documents) as d:
        for rec in records:
            one = (rec,)
            m.writelines(_line(row) for row in iter_mention_rows(one, node_of, nodes))
            q.writelines(_line(row) for row in iter_quote_rows(one, node_of, nodes))
            d.writelines(_line(row) for row in iter_document_rows(one))
