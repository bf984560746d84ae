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

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from itertools import starmap
from pathlib import Path
from typing import Any

import msgpack

from .errors import OutputError
from .records import (
    Affiliation,
    DocumentRecords,
    LocalEntity,
    Mention,
    Quote,
    Sentence,
    positional_builder,
)

__all__ = [
    "RecordCache",
    "cache_error",
    "content_hash",
    "records_from_payload",
    "records_to_payload",
]

#: Built graphs a cache keeps (see :meth:`RecordCache.put_graph`): a few, as for
#: builds of one corpus with different options, side by side.
GRAPHS_KEPT = 4

#: Bump when extraction changes in a way that makes cached records stale.
EXTRACTION_VERSION = "3"  # 2: local entities; 3: quote kinds "belief", fragments


# Each list of the payload holds a record's fields in the order records.py declares
# them, so a record is made from it positionally.
_SENTENCE = positional_builder(Sentence)
_MENTION = positional_builder(Mention)
_QUOTE = positional_builder(Quote)
_AFFILIATION = positional_builder(Affiliation)
_ENTITY = positional_builder(LocalEntity)
_DOCUMENT = positional_builder(DocumentRecords)


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
    return bytes(msgpack.packb(data, unicode_errors="surrogatepass"))


def records_from_payload(
    payload: bytes,
    document_id: str,
    text: str,
    *,
    date: str | None = None,
    metadata: dict[str, str] | None = None,
    source: str = "",
) -> DocumentRecords:
    """The inverse of :func:`records_to_payload`; the document's id, text, date,
    metadata and source are given (they are not in the payload).

    Every build decodes each document's records two or three times, so this is made
    fast: ``use_list=False`` has msgpack return tuples, which are already the records'
    tuple fields (nothing is converted here), and the records are made by
    :func:`~entgraph.records.positional_builder` in the order of the payload's lists.
    """
    sentences, mentions, quotes, affiliations, entities = msgpack.unpackb(
        payload, use_list=False, unicode_errors="surrogatepass"
    )
    return _DOCUMENT(
        document_id,
        text,
        tuple(starmap(_SENTENCE, sentences)),
        tuple(starmap(_MENTION, mentions)),
        tuple(starmap(_QUOTE, quotes)),
        tuple(starmap(_AFFILIATION, affiliations)),
        tuple(starmap(_ENTITY, entities)),
        None,
        date,
        {} if metadata is None else metadata,
        source,
    )


#: How to get past an unusable cache, appended to every cache error.
RECOVER = "run with --no-cache (cache=None in Python) or choose another --cache path"


def cache_error(path: Path, exc: BaseException) -> OutputError:
    """One clear message for a cache that cannot be used, with the way out.

    >>> import sqlite3
    >>> error = cache_error(Path("c.sqlite"), sqlite3.DatabaseError("file is not a database"))
    >>> print(str(error)[:58])
    cache c.sqlite is damaged (file is not a database); delete
    """
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in reason or "not a database" in reason or "corrupt" in reason
    ):
        return OutputError(
            f"cache {path} is damaged ({reason}); delete the file to start a new cache, "
            "or run with --no-cache (cache=None in Python)"
        )
    if "disk I/O error" in reason:
        reason = "disk I/O error: the disk may be full, failing or gone"
    return OutputError(f"cannot use cache {path}: {reason}; {RECOVER}")


def _is_read_only(exc: sqlite3.Error) -> bool:
    return "readonly" in str(exc) or "read-only" in str(exc)


class RecordCache:
    """Per-document records in one SQLite file, under one settings fingerprint.

    A cache that can be read but not written (a read-only file, folder or disk) is
    opened read-only: ``read_only`` is then true and :meth:`put` stores nothing, so a
    run still uses what is cached and finishes. Every other problem is an
    :class:`~entgraph.errors.OutputError` that says how to get past it.
    """

    def __init__(self, path: str | os.PathLike[str], fingerprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.read_only = False
        #: Records that could not be stored because the cache is read-only.
        self.unsaved = 0
        try:
            if self.path.is_dir():
                raise OutputError(f"cache path {self.path} is a folder, not a file; {RECOVER}")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.read_only = self.path.exists() and not self._writable()
            if not self.read_only:
                # Opened by the OS first: its error names the cause ("File name too
                # long"), where SQLite only says "unable to open database file".
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644))
        except OSError as exc:
            raise cache_error(self.path, exc) from exc
        try:
            self._db = self._open_read_only() if self.read_only else self._open()
        except sqlite3.Error as exc:
            if not _is_read_only(exc):
                raise cache_error(self.path, exc) from exc
            self.read_only = True
            try:
                self._db = self._open_read_only()
            except sqlite3.Error as again:
                raise cache_error(self.path, again) from again

    def _writable(self) -> bool:
        # SQLite writes its journal beside the file, so the folder must be writable too.
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        # WAL: a killed writer never corrupts the file; readers never block.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS records ("
            " fingerprint TEXT NOT NULL, hash TEXT NOT NULL, payload BLOB NOT NULL,"
            " PRIMARY KEY (fingerprint, hash))"
        )
        # The graphs of the last builds, newest last (rowid order).
        db.execute("CREATE TABLE IF NOT EXISTS graphs (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.commit()
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        # immutable=1: nothing is written, not even the WAL index beside the file.
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, timeout=30)
        db.execute("SELECT COUNT(*) FROM records").fetchone()
        return db

    def get(self, hashes: Iterable[str]) -> dict[str, DocumentRecords]:
        """Cached records by content hash (id and text are placeholders to fill in)."""
        return {
            digest: records_from_payload(payload, "", "")
            for digest, payload in self.get_payloads(hashes).items()
        }

    def get_payloads(self, hashes: Iterable[str]) -> dict[str, bytes]:
        """Cached records by content hash, still serialized (see :func:`records_to_payload`)."""
        found: dict[str, bytes] = {}
        wanted = list(dict.fromkeys(hashes))
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                query = "SELECT hash, payload FROM records WHERE fingerprint = ? AND hash IN "
                rows = self._db.execute(f"{query}({marks})", [self.fingerprint, *chunk])
                for digest, payload in rows:
                    found[digest] = payload
        except sqlite3.Error as exc:
            raise cache_error(self.path, exc) from exc
        return found

    def put(self, records_by_hash: Mapping[str, DocumentRecords]) -> None:
        """Store and commit at once: what is put is never lost (unless read-only)."""
        if self.read_only:
            self.unsaved += len(records_by_hash)
            return
        self.put_payloads({d: records_to_payload(r) for d, r in records_by_hash.items()})

    def put_payloads(self, payloads: Mapping[str, bytes]) -> None:
        """:meth:`put` for records already serialized."""
        if self.read_only:
            self.unsaved += len(payloads)
            return
        rows: list[tuple[Any, ...]] = [
            (self.fingerprint, digest, payload) for digest, payload in payloads.items()
        ]
        try:
            self._db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?)", rows)
            self._db.commit()
        except sqlite3.Error as exc:
            if not _is_read_only(exc):
                raise cache_error(self.path, exc) from exc
            self._db.rollback()
            self.read_only = True  # the disk went read-only during the run
            self.unsaved += len(payloads)

    def get_graph(self, key: str) -> bytes | None:
        """The graph stored under ``key`` (see :mod:`entgraph.graphstore`), or None."""
        try:
            row = self._db.execute("SELECT data FROM graphs WHERE key = ?", [key]).fetchone()
        except sqlite3.OperationalError:  # a cache from before graphs were kept
            return None
        except sqlite3.Error as exc:
            raise cache_error(self.path, exc) from exc
        return None if row is None else bytes(row[0])

    def put_graph(self, key: str, data: bytes) -> None:
        """Store a built graph under ``key``, keeping only the :data:`GRAPHS_KEPT` newest
        (each is about a fifth of the size of its GraphML file)."""
        if self.read_only:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", [key, data])
            self._db.execute(
                "DELETE FROM graphs WHERE rowid NOT IN "
                "(SELECT rowid FROM graphs ORDER BY rowid DESC LIMIT ?)",
                [GRAPHS_KEPT],
            )
            self._db.commit()
        except sqlite3.Error as exc:
            if not _is_read_only(exc):
                raise cache_error(self.path, exc) from exc
            self._db.rollback()
            self.read_only = True

    def __len__(self) -> int:
        try:
            row = self._db.execute(
                "SELECT COUNT(*) FROM records WHERE fingerprint = ?", [self.fingerprint]
            ).fetchone()
        except sqlite3.Error as exc:
            raise cache_error(self.path, exc) from exc
        return int(row[0])

    def close(self) -> None:
        self._db.close()
