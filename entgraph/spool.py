"""The records of one build, kept on disk: a lazy, re-iterable sequence.

A build streams each document's records past once: the corpus resolution counts them
and they are written here. The graph, the tables and the explorer read them back from
this file, a window at a time, so the memory of the process that builds the graph does
not grow with the number of documents (see the README's "Scale" section).

The spool is a temporary SQLite file, removed when the last result that reads it is
gone. A spool that no other process reads (``shared=False``, every build without Dask)
is unlinked as soon as it is made, so even a process that is killed, or a notebook
kernel that is shut down without running its finalizers, leaves no file behind.

It holds, per document in input order, its id, source, date, metadata, text
(compressed) and extracted records (the cache's payload), and which entity keys it
mentions, so a view can read only the documents it needs.

A small build also keeps its records in memory (``keep``): a build of at most one
extraction window of documents held them all at once anyway, and the graph and the
tables then read them without decoding them again. Past ``keep`` documents or
:data:`KEEP_BYTES`, the spool lets them go and reads from the file, so memory stays
bounded whatever the corpus.

>>> from entgraph.records import DocumentRecords
>>> spool = RecordSpool()
>>> spool.add(DocumentRecords("a", "Some text."), "h1")
>>> records = spool.records()
>>> len(records), records[0].text
(1, 'Some text.')
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import json
import os
import sqlite3
import tempfile
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from .cache import records_from_payload, records_to_payload
from .errors import OutputError
from .records import DocumentRecords

__all__ = ["RecordSpool", "SpooledRecords", "document_keys"]

#: Rows read from the file at once: bounds memory while iterating.
READ_CHUNK = 256
#: Documents added between commits.
WRITE_CHUNK = 512
#: Most stored bytes (payload and compressed text; decoded records take about five
#: times as much memory) of a build whose records are also kept in memory: about 700
#: news articles, 15 MB of records for 500.
KEEP_BYTES = 4_000_000


def document_keys(rec: DocumentRecords) -> set[str]:
    """The entity keys a document's records name (mentions, speakers, affiliations)."""
    keys = {m.key for m in rec.mentions}
    keys.update(q.speaker_key for q in rec.quotes if q.speaker_key)
    for aff in rec.affiliations:
        keys.update((aff.person_key, aff.org_key))
    return keys


def _encode_text(text: str) -> bytes:
    # "surrogatepass": a text with a lone surrogate is kept as it was read.
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _decode_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def _remove(connection: sqlite3.Connection, path: str) -> None:
    connection.close()
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)


class RecordSpool:
    """Append-only records of one build in a temporary SQLite file (see the module doc).

    ``folder``: where the file goes (default: the system's temporary folder; set
    ``TMPDIR`` to move it). With a Dask cluster, a folder every worker can read.
    ``shared``: other processes (Dask workers) open the file by its path, so it keeps a
    name until the spool is gone; otherwise the name is removed at once.
    ``keep``: a spool of at most this many documents (and :data:`KEEP_BYTES`) also
    keeps their records in memory, and reads them from there (not for a shared spool).
    """

    def __init__(
        self, folder: str | os.PathLike[str] | None = None, shared: bool = False, keep: int = 0
    ) -> None:
        try:
            handle, path = tempfile.mkstemp(prefix="entgraph-records-", suffix=".sqlite",
                                            dir=folder)  # fmt: skip
            os.close(handle)
            self.path = path
            self._db = sqlite3.connect(path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=OFF")  # a scratch file: never recovered
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(
                "CREATE TABLE docs (seq INTEGER PRIMARY KEY, hash TEXT, date TEXT,"
                " head TEXT, text BLOB, payload BLOB)"
            )
            self._db.execute("CREATE TABLE keys (key TEXT, seq INTEGER)")
            # Copies of a text are looked up by hash as the build goes: indexed, or each
            # lookup would read the whole file.
            self._db.execute("CREATE INDEX docs_hash ON docs (hash)")
        except (OSError, sqlite3.Error) as exc:
            where = folder or tempfile.gettempdir()
            raise OutputError(f"cannot write the records of this build to {where}: {exc}") from exc
        self.shared = shared
        if not shared:
            # POSIX keeps an unlinked file readable by the connection that has it open
            # (no journal is ever made: journal_mode=OFF). Where unlinking an open file
            # fails (Windows), the finalizer below still removes it.
            with contextlib.suppress(OSError):
                os.unlink(path)
        self._finalizer = weakref.finalize(self, _remove, self._db, path)
        self._count = 0
        self._pending = 0
        self._keep = 0 if shared else keep
        #: The records added, as read back, while there are at most ``keep`` of them.
        self._kept: list[DocumentRecords] | None = [] if self._keep else None
        self._kept_bytes = 0

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        # Sent to a Dask worker, the spool becomes a reader of the same file.
        if not self.shared:
            raise TypeError("only a RecordSpool made with shared=True can go to another process")
        self.flush()
        return (SpoolReader, (self.path, self._count))

    def add(self, rec: DocumentRecords, digest: str, payload: bytes | None = None) -> None:
        """Append one document's records (``payload``: already serialized records)."""
        head = json.dumps([rec.document_id, rec.source, rec.metadata])
        row = (self._count, digest, rec.date, head, _encode_text(rec.text),
               payload if payload is not None else records_to_payload(rec))  # fmt: skip
        try:
            self._db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", row)
            self._db.executemany(
                "INSERT INTO keys VALUES (?, ?)",
                ((key, self._count) for key in document_keys(rec)),
            )
        except sqlite3.Error as exc:
            message = f"cannot write the records of this build to {self.path}: {exc}"
            raise OutputError(message) from exc
        self._count += 1
        self._pending += 1
        if self._kept is not None:
            self._keep_in_memory(rec, len(row[4]) + len(row[5]))
        if self._pending >= WRITE_CHUNK:
            self.flush()

    def _keep_in_memory(self, rec: DocumentRecords, stored: int) -> None:
        assert self._kept is not None
        self._kept_bytes += stored
        if self._count > self._keep or self._kept_bytes > KEEP_BYTES:
            self._kept = None  # too big: read back from the file, as every large build
            return
        # As read back from the file: the payload holds no ``skipped``.
        self._kept.append(rec if rec.skipped is None else dataclasses.replace(rec, skipped=None))

    @property
    def in_memory(self) -> bool:
        """Whether the records are read from memory (see ``keep``), not from the file."""
        return self._kept is not None

    def flush(self) -> None:
        """Commit what was added (readers see only committed rows)."""
        if self._pending:
            self._db.commit()
            self._pending = 0

    def records_of(self, digest: str) -> DocumentRecords | None:
        """The records of a text spooled earlier, by content hash (id and text empty)."""
        row = self._db.execute("SELECT payload FROM docs WHERE hash = ? LIMIT 1", [digest])
        found = row.fetchone()
        return None if found is None else records_from_payload(found[0], "", "")

    def __len__(self) -> int:
        return self._count

    def records(self) -> SpooledRecords:
        """All the records, in input order, as a lazy sequence."""
        self.flush()
        return SpooledRecords(self, None)

    # -- reading (shared with SpoolReader) ----------------------------------------------

    def _rows(self, seqs: Sequence[int] | None) -> Iterator[DocumentRecords]:
        if self._kept is not None:
            kept = self._kept
            yield from kept if seqs is None else (kept[seq] for seq in seqs)
            return
        query = "SELECT date, head, text, payload FROM docs WHERE seq >= ? AND seq < ?"
        if seqs is None:
            for start in range(0, self._count, READ_CHUNK):
                yield from self._decode(self._db.execute(query, [start, start + READ_CHUNK]))
            return
        for i in range(0, len(seqs), READ_CHUNK):
            chunk = list(seqs[i : i + READ_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT date, head, text, payload FROM docs WHERE seq IN ({marks}) ORDER BY seq",
                chunk,
            )
            yield from self._decode(rows)

    @staticmethod
    def _decode(rows: Iterable[tuple[Any, ...]]) -> Iterator[DocumentRecords]:
        for date, head, text, payload in rows:
            # Date, metadata and source are the document's, not part of the payload.
            document_id, source, metadata = json.loads(head)
            yield records_from_payload(payload, document_id, _decode_text(text), date=date,
                                       metadata=metadata, source=source)  # fmt: skip

    def _seqs_where(self, sql: str, params: Sequence[Any]) -> array.array[int]:
        self.flush()
        return array.array("q", (seq for (seq,) in self._db.execute(sql, params)))

    def seqs_dated(self, since: str | None, until: str | None) -> array.array[int]:
        """Positions of the documents dated from ``since`` to ``until`` (inclusive)."""
        return self._seqs_where(
            "SELECT seq FROM docs WHERE date IS NOT NULL AND date >= ? AND date <= ? ORDER BY seq",
            [since or "", until or "\uffff"],
        )

    def seqs_naming(self, keys: Iterable[str]) -> array.array[int]:
        """Positions of the documents that name any of ``keys``."""
        self.flush()
        # Indexed at the first view, not while the build writes.
        self._db.execute("CREATE INDEX IF NOT EXISTS keys_key ON keys (key)")
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM wanted")
        self._db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((k,) for k in keys))
        return self._seqs_where(
            "SELECT DISTINCT seq FROM keys WHERE key IN (SELECT key FROM wanted) ORDER BY seq", []
        )


class SpoolReader(RecordSpool):
    """A read-only view of a spool written elsewhere (a Dask worker's copy)."""

    def __init__(self, path: str, count: int) -> None:
        self.path = path
        self.shared = True  # read by name, and may be sent on to another worker
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._count = count
        self._pending = 0
        self._kept = None

    def add(self, rec: DocumentRecords, digest: str, payload: bytes | None = None) -> None:
        raise OutputError(f"{self.path}: a spool reader cannot add records")


class SpooledRecords(Sequence[DocumentRecords]):
    """Records read back from a :class:`RecordSpool` on demand, in input order.

    Iterating reads a window of documents at a time; ``records[i]`` reads one. A view
    may hold a subset of the documents (``seqs``) and a function applied to each record
    (``transform``, e.g. keeping only the mentions of some entities; a record it maps to
    None is left out).
    """

    def __init__(
        self,
        spool: RecordSpool,
        seqs: Sequence[int] | None,
        transform: Callable[[DocumentRecords], DocumentRecords | None] | None = None,
    ) -> None:
        self.spool = spool
        self.seqs = seqs
        self.transform = transform

    def __len__(self) -> int:
        if self.transform is not None:
            return sum(1 for _ in self)
        return len(self.spool) if self.seqs is None else len(self.seqs)

    def __iter__(self) -> Iterator[DocumentRecords]:
        for rec in self.spool._rows(self.seqs):
            if self.transform is None:
                yield rec
            else:
                changed = self.transform(rec)
                if changed is not None:
                    yield changed

    @overload
    def __getitem__(self, index: int) -> DocumentRecords: ...
    @overload
    def __getitem__(self, index: slice) -> list[DocumentRecords]: ...
    def __getitem__(self, index: int | slice) -> DocumentRecords | list[DocumentRecords]:
        if isinstance(index, slice) or self.transform is not None:
            items = list(self)
            return items[index]
        seqs = range(len(self.spool)) if self.seqs is None else self.seqs
        seq = seqs[index]  # raises IndexError as a list does
        return next(self.spool._rows([seq]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, SpooledRecords)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SpooledRecords: {len(self)} documents from {self.spool.path}>"

    def dated(self, since: str | None, until: str | None) -> SpooledRecords:
        """The documents dated from ``since`` to ``until``, read lazily like these."""
        chosen = self.spool.seqs_dated(since, until)
        return SpooledRecords(self.spool, self._within(chosen), self.transform)

    def naming(
        self, keys: Iterable[str], transform: Callable[[DocumentRecords], DocumentRecords | None]
    ) -> SpooledRecords:
        """Only the documents that name one of ``keys``, each passed through ``transform``."""
        chosen = self.spool.seqs_naming(keys)
        previous = self.transform

        def both(rec: DocumentRecords) -> DocumentRecords | None:
            first = previous(rec) if previous is not None else rec
            return None if first is None else transform(first)

        return SpooledRecords(self.spool, self._within(chosen), both)

    def _within(self, chosen: array.array[int]) -> Sequence[int]:
        if self.seqs is None:
            return chosen
        mine = set(self.seqs)
        return array.array("q", (s for s in chosen if s in mine))
