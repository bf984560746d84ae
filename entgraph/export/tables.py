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
from json.encoder import encode_basestring
from typing import IO, Any

from .._gc import paused_gc
from ..atomic import atomic_write
from ..records import DocumentRecords, Mention

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
            yield _mention_row(rec, m, node, nodes[node])


def _mention_row(
    rec: DocumentRecords, m: Mention, node: str, attributes: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "document": rec.document_id,
        "date": rec.date,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "sentence": m.sentence,
        "paragraph": m.paragraph,
        "entity": node,
        "label": attributes.get("label", m.name),
        "type": attributes.get("type", m.type),
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
    return _utf8(_ENCODER.encode(row) + "\n")


def _utf8(text: str) -> bytes:
    # A lone surrogate (from a file name or a JSON escape) cannot be UTF-8: written as
    # its JSON escape, which reads back as the same string.
    return text.encode("utf-8", "backslashreplace")


# json.dumps with options builds an encoder at every call; the rows share this one.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class _MentionLines:
    """The lines of ``mentions.jsonl`` for one record at a time: ``_ENCODER`` of each row
    of :func:`iter_mention_rows`, put together from pieces encoded once per document (id,
    date) and once per entity (id, label, type) instead of all eleven fields of every row
    (tests/test_tables_lines.py checks they are the same text)."""

    def __init__(self, node_of: Mapping[str, str], nodes: Mapping[str, Mapping[str, Any]]):
        self.node_of = node_of
        self.nodes = nodes
        #: node id -> its attributes, or None for an id that is no node (looked up once).
        self.attributes: dict[str, Mapping[str, Any] | None] = {}
        #: node id -> its encoded '"entity": ..., "label": ..., "type": ...' fields.
        self.entities: dict[str, str] = {}
        self.ner_labels: dict[str, str] = {}

    def __call__(self, rec: DocumentRecords) -> list[str]:
        encode, node_of, known = _ENCODER.encode, self.node_of, self.attributes
        head = f'{{"document": {encode(rec.document_id)}, "date": {encode(rec.date)}, "start": '
        lines = []
        for m in rec.mentions:
            node = node_of.get(m.key)
            if node is None:
                continue
            if node in known:
                attributes = known[node]
            else:
                attributes = known[node] = self.nodes.get(node)
            if attributes is None:
                continue  # a place or a thing that is no node
            start, end, text, sentence, paragraph = (
                m.start, m.end, m.text, m.sentence, m.paragraph,
            )  # fmt: skip
            ner_label = m.ner_label
            if not (
                type(start) is type(end) is type(sentence) is type(paragraph) is int
                and type(text) is type(ner_label) is str
            ):
                # Not the plain ints and strings the pieces are made for (a bool would
                # be "true", not "True"): the whole row through the encoder.
                lines.append(encode(_mention_row(rec, m, node, attributes)))
                continue
            entity = self.entities.get(node) or self._entity(node, attributes, m)
            ner = self.ner_labels.get(ner_label)
            if ner is None:
                ner = self.ner_labels[ner_label] = encode(ner_label)
            lines.append(
                f'{head}{start}, "end": {end}, "text": {encode_basestring(text)}, '
                f'"sentence": {sentence}, "paragraph": {paragraph}, {entity}, '
                f'"ner_label": {ner}}}'
            )
        return lines

    def _entity(self, node: str, attributes: Mapping[str, Any], m: Mention) -> str:
        encode = _ENCODER.encode
        label, kind = attributes.get("label", m.name), attributes.get("type", m.type)
        entity = f'"entity": {encode(node)}, "label": {encode(label)}, "type": {encode(kind)}'
        if "label" in attributes and "type" in attributes:  # the mention's own are not used
            self.entities[node] = entity
        return entity


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
    mention_lines = _MentionLines(node_of, nodes)
    encode = _ENCODER.encode
    # The collector paused (see entgraph/_gc.py): rows and records hold no cycle.
    with (
        paused_gc(),
        atomic_write(mentions) as m,
        atomic_write(quotes) as q,
        atomic_write(documents) as d,
    ):
        for rec in records:
            one = (rec,)
            _write_lines(m, mention_lines(rec))
            _write_lines(q, [encode(row) for row in iter_quote_rows(one, node_of, nodes)])
            _write_lines(d, [encode(row) for row in iter_document_rows(one)])


def _write_lines(fh: IO[bytes], lines: list[str]) -> None:
    # A document's lines in one write: the same bytes as one line at a time.
    if lines:
        fh.write(_utf8("\n".join(lines) + "\n"))
