"""CPU time of the record work of a warm build: decoding, the spool's write and reads.

Usage::

    python benchmarks/record_decode.py CORPUS.jsonl CACHE.sqlite [--repeat 7]

``CACHE.sqlite`` holds the records of ``CORPUS.jsonl`` (a copy of a build's
``entgraph-cache.sqlite``; its one fingerprint is used as it is, so it need not match
the current code). Prints the median CPU time (``time.process_time``) of:

- ``records_from_payload`` over every cached payload (one decode of the corpus);
- the extraction window pass of a warm build (cache lookup and decode);
- writing the spool, reading it back from its file, and from memory (``keep``).

Each figure is the median of ``--repeat`` runs, in this one process.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import time
from collections.abc import Callable
from typing import Any

from entgraph.cache import RecordCache, records_from_payload
from entgraph.pipeline import WINDOW, ExtractionSettings, iter_extraction
from entgraph.records import Document
from entgraph.spool import RecordSpool


def median_ms(work: Callable[[], Any], repeat: int) -> float:
    """Median CPU milliseconds of ``work()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1e3


def _document(row: dict[str, Any], source: str, number: int) -> Document:
    metadata = {"title": str(row.get("title", ""))}
    return Document(str(row.get("id", number)), row["text"], source, None, row.get("date"),
                    metadata)  # fmt: skip


def _spool(items: list[Any], keep: int) -> RecordSpool:
    spool = RecordSpool(keep=keep)
    for item in items:
        spool.add(item.records, item.digest, item.payload)
    spool.flush()
    return spool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="JSONL corpus with a 'text' field")
    parser.add_argument("cache", help="record cache holding the corpus's records")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    documents = [_document(row, f"{args.corpus}:{i + 1}", i) for i, row in enumerate(rows)]
    db = sqlite3.connect(args.cache)
    payloads = [payload for (payload,) in db.execute("SELECT payload FROM records")]
    (fingerprint,) = db.execute("SELECT DISTINCT fingerprint FROM records").fetchone()
    db.close()

    def decode() -> None:
        for payload in payloads:
            records_from_payload(payload, "", "")

    ms = median_ms(decode, args.repeat)
    print(f"records_from_payload, {len(payloads)} payloads: {ms:.1f} ms")
    cache = RecordCache(args.cache, fingerprint)
    settings = ExtractionSettings(model="unused: every document is cached")
    items: list[Any] = []

    def window_pass() -> None:
        items[:] = iter_extraction(documents, settings, cache=cache)

    ms = median_ms(window_pass, args.repeat)
    print(f"window pass, {len(items)} documents (lookup and decode): {ms:.1f} ms")
    cache.close()
    for keep in (0, WINDOW):
        written = median_ms(lambda keep=keep: _spool(items, keep), args.repeat)
        spool = _spool(items, keep)
        where = "memory" if spool.in_memory else "file"
        read = median_ms(lambda spool=spool: sum(1 for _ in spool.records()), args.repeat)
        print(f"spool keep={keep}: write {written:.1f} ms, read from its {where} {read:.1f} ms")


if __name__ == "__main__":
    main()
