"""Run extraction on a Dask cluster: the same partition function, on other machines.

The driver (the process that runs ``entgraph build``) reads the inputs, skips what is
cached or repeated, and submits partitions of documents to the cluster. A worker runs
:func:`entgraph.pipeline.extract_partition`, exactly as a local worker process does:
it loads the spaCy pipeline once (lazily, on its first partition), parses inside
``memory_zone``, and returns plain records. Documents from files and JSONL travel as
locators (path and byte offset), so a worker reads its own shard from storage that
every worker can see; only text given in memory (stdin, CSV, Python strings) is sent.

Lost workers are handled by Dask: their partitions are computed again, and the driver
takes exactly one result per partition, so no document is lost or counted twice.

>>> parse_dask_address("local:3")
('local', 3)
>>> parse_dask_address("tcp://10.0.0.5:8786")
('tcp://10.0.0.5:8786', 0)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

from .errors import EntgraphError, InputError
from .pipeline import ExtractionSettings, Failure, extract_partition
from .records import Document, DocumentRecords
from .sources import read_located

__all__ = ["DaskExecutor", "connect", "dask_partition", "parse_dask_address"]

INSTALL_HINT = 'pip install "entgraph[dask]"'


def parse_dask_address(value: str) -> tuple[str, int]:
    """``("local", N)`` for ``local`` / ``local:N`` (N=0: one worker per core), else
    ``(scheduler address, 0)``."""
    if value == "local" or value.startswith("local:"):
        _, _, count = value.partition(":")
        if count and not count.isdigit():
            raise InputError(f"--dask local:N needs a number of workers, not {count!r}")
        return "local", int(count or 0)
    return value, 0


def connect(address: str) -> tuple[Any, Any]:
    """A ``distributed.Client`` for ``address``, and the LocalCluster it started (or None).

    Raises :class:`EntgraphError` with the install command when Dask is missing.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EntgraphError(f"Dask is not installed; install it with: {INSTALL_HINT}") from exc
    where, workers = parse_dask_address(address)
    if where == "local":
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,  # spaCy is CPU-bound: one task per process
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), cluster
    try:
        return Client(where, timeout=30), None
    except OSError as exc:
        raise EntgraphError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc


def dask_partition(
    documents: list[Document], settings: ExtractionSettings, text_field: str
) -> list[DocumentRecords | Failure]:
    """The task run on a worker: read located texts, then the local partition function."""
    return extract_partition([read_located(d, text_field) for d in documents], settings)


def _shipped(document: Document) -> Document:
    # A located document travels without its text; the worker reads it again.
    if document.locator is None:
        return document
    return Document(document.id, "", document.source, document.locator)


class DaskExecutor:
    """Submit partitions to a Dask client and yield ``(index, outcomes)`` as they finish."""

    def __init__(self, client: Any, settings: ExtractionSettings, text_field: str = "text"):
        self.client = client
        self.settings = settings
        self.text_field = text_field

    def run(self, chunks: list[list[Document]]) -> Iterator[tuple[int, list[Any]]]:
        from distributed import as_completed

        run_id = uuid.uuid4().hex[:8]
        index: dict[str, int] = {}
        futures = []
        for n, chunk in enumerate(chunks):
            future = self.client.submit(
                dask_partition,
                [_shipped(d) for d in chunk],
                self.settings,
                self.text_field,
                key=f"entgraph-{run_id}-{n}",
                pure=False,
                retries=2,
            )
            index[future.key] = n
            futures.append(future)
        for future in as_completed(futures):
            yield index[future.key], future.result()
            future.release()
