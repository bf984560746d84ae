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
import pickle
import uuid
from collections.abc import Iterator
from typing import Any

from .errors import EntgraphError, InputError
from .graph import BuiltGraph, GraphCounts, local_entities
from .pipeline import ExtractionSettings, Failure, extract_partition, serialized
from .records import Document
from .resolve.aliases import AliasTable
from .resolve.corpus import CorpusResolver
from .resolve.table import EntityTable
from .sources import read_located
from .spool import RecordSpool, SpooledRecords

__all__ = [
    "DaskExecutor",
    "connect",
    "dask_partition",
    "graph_on_cluster",
    "parse_dask_address",
]

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
) -> list[bytes | Failure]:
    """The task run on a worker: read located texts, then the local partition function;
    the records go back serialized, as from a local worker (see
    :func:`entgraph.pipeline.serialized`)."""
    return serialized(extract_partition([read_located(d, text_field) for d in documents],
                                        settings))  # fmt: skip


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


# --- the graph stage on the cluster ------------------------------------------------------

#: Documents per graph-stage task.
GRAPH_PARTITION = 1024


def _span(spool: RecordSpool, lo: int, hi: int) -> SpooledRecords:
    return SpooledRecords(spool, range(lo, hi))


def _resolver_part(
    spool: RecordSpool, lo: int, hi: int, places: str, aliases: AliasTable | None
) -> CorpusResolver:
    resolver = CorpusResolver(places=places, aliases=aliases)
    for rec in _span(spool, lo, hi):
        resolver.add(local_entities(rec))
    return resolver


def _counts_part(
    spool: RecordSpool, lo: int, hi: int, table: EntityTable, options: dict[str, Any]
) -> GraphCounts:
    counts = GraphCounts(table.node_of, **options)
    for rec in _span(spool, lo, hi):
        counts.add(rec)
    return counts


def _combined(first: Any, second: Any) -> Any:
    # A copy: a task retried on the same worker must not see its input already merged.
    merged = pickle.loads(pickle.dumps(first))
    return merged.merge(second)


def _resolved(resolver: CorpusResolver) -> EntityTable:
    return resolver.resolve()


def _tree(client: Any, futures: list[Any], name: str) -> Any:
    """Combine partial results pairwise, in order, on the cluster (a tree of depth log n)."""
    level = 0
    while len(futures) > 1:
        level += 1
        futures = [
            client.submit(_combined, *futures[i : i + 2], key=f"{name}-{level}-{i}", retries=2)
            if i + 1 < len(futures)
            else futures[i]
            for i in range(0, len(futures), 2)
        ]
    return futures[0]


def graph_on_cluster(
    client: Any,
    spool: RecordSpool,
    *,
    places: str,
    aliases: AliasTable | None,
    period: str,
    graph_attrs: dict[str, str | int | float | bool],
    partition: int | None = None,
    **options: Any,
) -> BuiltGraph:
    """Resolve the entities and count the graph on the cluster; only the final counts
    come back to the driver, which makes the graph from them.

    Each task reads its documents from the build's spool (a file every worker can
    read), so no document travels through the driver. Partial statistics combine
    pairwise in input order, so the graph is the one a local build makes, byte for byte.
    """
    run_id = uuid.uuid4().hex[:8]
    n = len(spool)
    partition = partition or GRAPH_PARTITION
    spans = [(lo, min(lo + partition, n)) for lo in range(0, n, partition)]

    def per_span(task: Any, stage: str, *args: Any) -> list[Any]:
        # One task per span of the spool, each reading its documents itself.
        return [
            client.submit(task, spool, lo, hi, *args, key=f"{stage}-{lo}", retries=2)
            for lo, hi in spans
        ]

    stage = f"entgraph-resolve-{run_id}"
    resolver = _tree(client, per_span(_resolver_part, stage, places, aliases), stage)
    table = client.submit(_resolved, resolver, key=f"entgraph-table-{run_id}", retries=2)
    stage = f"entgraph-counts-{run_id}"
    options = {**options, "period": period}
    total = _tree(client, per_span(_counts_part, stage, table, options), stage)
    final: GraphCounts = total.result()
    entity_table: EntityTable = table.result()
    return final.built(entity_table, graph_attrs=graph_attrs)
