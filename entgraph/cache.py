"""A SQLite cache of per-document records, so no finished work is ever redone or lost.

Records are keyed by the SHA-256 of the document text plus a fingerprint of everything
that changes extraction (entgraph's extraction version, the model and its version, the
``places`` option, the alias file). Each batch is committed as soon as it is done, so a
run killed at any moment keeps what it finished; the next run only processes what is
new or changed. The document id is not part of the key: a document renamed, or a copy
of another, is not processed again.

>>> import tempfile, pathlib
>>> from entgraph.records import DocumentRecords
>>> cache = RecordCache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite", "fp")
>>> cache.put({"abc": DocumentRecords("a", "Text.")})
>>> cache.get(["abc", "missing"])["abc"].sentences
()
>>> cache.close()
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import srsly

from .errors import OutputError
from .records import Affiliation, DocumentRecords, LocalEntity, Mention, Quote, Sentence

__all__ = ["RecordCache", "content_hash", "records_from_payload", "records_to_payload"]

#: Bump when extraction changes in a way that makes cached records stale.
EXTRACTION_VERSION = "3"  # 2: local entities; 3: quote kinds "belief", fragments


_QUOTE_FIELDS = [f.name for f in dataclasses.fields(Quote)]


def content_hash(text: str) -> str:
    """SHA-256 of the document text (UTF-8), hex.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def records_to_payload(records: DocumentRecords) -> bytes:
    """Serialize everything but the document id and text (both come from the input)."""
    data = [
        [[s.start, s.end, s.paragraph] for s in records.sentences],
        [
            [m.start, m.end, m.text, m.sentence, m.paragraph, m.ner_label, m.type, m.key, m.name]
            for m in records.mentions
        ],
        [
            [
                q.start, q.end, q.text, q.kind, q.cue, q.sentence, q.paragraph, q.speaker_text,
                q.speaker_start, q.speaker_end, q.speaker_key, list(q.mention_keys),
                [list(f) for f in q.fragments],
            ]
            for q in records.quotes
        ],
        [[a.person_key, a.org_key, a.role, a.sentence] for a in records.affiliations],
        [
            [e.key, e.name, [list(x) for x in e.evidence], [list(x) for x in e.forms],
             [list(x) for x in e.joined]]
            for e in records.entities
        ],
    ]  # fmt: skip
    return bytes(srsly.msgpack_dumps(data))


def records_from_payload(payload: bytes, document_id: str, text: str) -> DocumentRecords:
    """The inverse of :func:`records_to_payload`."""
    sentences, mentions, quotes, affiliations, entities = srsly.msgpack_loads(payload)
    return DocumentRecords(
        document_id=document_id,
        text=text,
        sentences=tuple(Sentence(*s) for s in sentences),
        mentions=tuple(Mention(*m) for m in mentions),
        quotes=tuple(
            Quote(
                **dict(
                    zip(
                        _QUOTE_FIELDS,
                        [*q[:11], tuple(q[11]), tuple((s, e) for s, e in q[12])],
                        strict=True,
                    )
                )
            )
            for q in quotes
        ),
        affiliations=tuple(Affiliation(*a) for a in affiliations),
        entities=tuple(
            LocalEntity(key, name, *(tuple(tuple(x) for x in part) for part in parts))
            for key, name, *parts in entities
        ),
    )


class RecordCache:
    """Per-document records in one SQLite file, under one settings fingerprint."""

    def __init__(self, path: str | os.PathLike[str], fingerprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            # WAL: a killed writer never corrupts the file; readers never block.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS records ("
                " fingerprint TEXT NOT NULL, hash TEXT NOT NULL, payload BLOB NOT NULL,"
                " PRIMARY KEY (fingerprint, hash))"
            )
            self._db.commit()
        except (sqlite3.Error, OSError) as exc:
            raise OutputError(f"cannot use cache {self.path}: {exc}") from exc

    def get(self, hashes: Iterable[str]) -> dict[str, DocumentRecords]:
        """Cached records by content hash (id and text are placeholders to fill in)."""
        found: dict[str, DocumentRecords] = {}
        wanted = list(dict.fromkeys(hashes))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT hash, payload FROM records WHERE fingerprint = ? AND hash IN ({marks})",
                [self.fingerprint, *chunk],
            )
            for digest, payload in rows:
                found[digest] = records_from_payload(payload, "", "")
        return found

    def put(self, records_by_hash: Mapping[str, DocumentRecords]) -> None:
        """Store and commit at once: what is put is never lost."""
        rows: list[tuple[Any, ...]] = [
            (self.fingerprint, digest, records_to_payload(rec))
            for digest, rec in records_by_hash.items()
        ]
        try:
            self._db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?)", rows)
            self._db.commit()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write cache {self.path}: {exc}") from exc

    def __len__(self) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM records WHERE fingerprint = ?", [self.fingerprint]
        ).fetchone()
        return int(row[0])

    def close(self) -> None:
        self._db.close()
