"""Tidy tables as JSON Lines: one mention or one quote per line.

``mentions.jsonl``: ``document``, ``start``, ``end``, ``text``, ``sentence``,
``paragraph``, ``entity`` (node id), ``label`` (the node's display name), ``type``,
``ner_label`` (the statistical model's label).

``quotes.jsonl``: ``document``, ``start``, ``end``, ``text``, ``kind``, ``cue``,
``speaker`` (node label or null), ``speaker_id``, ``speaker_text``, ``speaker_start``,
``speaker_end``, ``mentions`` (node ids named in the quote), ``fragments`` (the
``[start, end]`` spans of words in quotation marks inside a reported quote).

Both load with ``pandas.read_json(path, lines=True)``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..atomic import atomic_write
from ..records import DocumentRecords

__all__ = [
    "MENTION_COLUMNS",
    "QUOTE_COLUMNS",
    "iter_mention_rows",
    "iter_quote_rows",
    "write_jsonl",
]

MENTION_COLUMNS = (
    "document",
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


def iter_mention_rows(
    records: Sequence[DocumentRecords], node_of: Mapping[str, str], labels: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """One row per mention, pointing to its node."""
    for rec in records:
        for m in rec.mentions:
            node = node_of.get(m.key, m.key)
            yield {
                "document": rec.document_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "sentence": m.sentence,
                "paragraph": m.paragraph,
                "entity": node,
                "label": labels.get(node, m.name),
                "type": m.type,
                "ner_label": m.ner_label,
            }


def iter_quote_rows(
    records: Sequence[DocumentRecords], node_of: Mapping[str, str], labels: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """One row per quote, with its resolved speaker (or null)."""
    for rec in records:
        for q in rec.quotes:
            speaker = node_of.get(q.speaker_key, q.speaker_key) if q.speaker_key else None
            yield {
                "document": rec.document_id,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "speaker": labels.get(speaker) if speaker else None,
                "speaker_id": speaker,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "mentions": list(dict.fromkeys(node_of.get(k, k) for k in q.mention_keys)),
                "fragments": [list(f) for f in q.fragments],
            }


def write_jsonl(rows: Iterator[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write ``rows`` to ``path`` atomically; return how many were written."""
    count = 0
    with atomic_write(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8"))
            fh.write(b"\n")
            count += 1
    return count
