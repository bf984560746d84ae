"""The same extraction on a Dask cluster: identical graphs, even when a worker dies."""

from __future__ import annotations

import json
import os
import signal

import pytest
from test_scale import article, write_corpus

import entgraph
from entgraph.diagnostics import Diagnostics
from entgraph.distributed import DaskExecutor, parse_dask_address
from entgraph.errors import InputError
from entgraph.nlp import default_model_name
from entgraph.pipeline import ExtractionSettings, run_extraction
from entgraph.sources import iter_documents

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture
def corpus(tmp_path):
    folder = write_corpus(tmp_path / "corpus", 10)
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": f"j{i}", "text": article(i)}) + "\n" for i in range(10, 22))
    )
    return [folder, jsonl]


def graphml(result, path):
    result.write_graphml(path)
    return path.read_bytes()


def test_cluster_build_equals_the_single_process_build(client, corpus, build, tmp_path):
    local = build(corpus)
    remote = entgraph.build_graph(corpus, client=client, batch_size=3)
    assert remote.documents == local.documents == 22
    assert graphml(remote, tmp_path / "r.graphml") == graphml(local, tmp_path / "l.graphml")


def test_workers_read_their_own_shards(client, corpus):
    docs = list(iter_documents(corpus))
    assert all(d.locator is not None for d in docs)
    settings = ExtractionSettings(model=default_model_name())
    shipped = []

    class Recording(DaskExecutor):
        def run(self, chunks):
            shipped.extend(d for chunk in chunks for d in chunk)
            return super().run(chunks)

    records = run_extraction(docs, settings, executor=Recording(client, settings))
    assert len(records) == 22
    from entgraph.distributed import _shipped

    assert all(_shipped(d).text == "" for d in shipped)  # no text through the scheduler


def test_a_worker_killed_mid_run_still_gives_the_same_graph(client, corpus, build, tmp_path):
    entgraph.build_graph(corpus, client=client)  # workers have loaded the model
    pids = list(client.run(os.getpid).values())
    settings = ExtractionSettings(model=default_model_name(), batch_size=2)
    killed = []

    def kill_once(done):
        if done and not killed:  # after the first partition, with others in flight
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    docs = list(iter_documents(corpus))
    diagnostics = Diagnostics()
    records = run_extraction(
        docs, settings, executor=DaskExecutor(client, settings), on_progress=kill_once,
        diagnostics=diagnostics,
    )  # fmt: skip
    assert killed
    assert [r.document_id for r in records] == [d.id for d in docs]
    assert not diagnostics.warnings
    local = build(corpus)
    assert [r.mentions for r in records] == [r.mentions for r in local.records]
    client.wait_for_workers(2, timeout=60)


@pytest.mark.parametrize(
    "value, expected",
    [("local", ("local", 0)), ("local:2", ("local", 2)), ("tcp://h:8786", ("tcp://h:8786", 0))],
)
def test_dask_addresses(value, expected):
    assert parse_dask_address(value) == expected


def test_a_bad_local_worker_count_is_explained():
    with pytest.raises(InputError, match="needs a number of workers"):
        parse_dask_address("local:two")


def test_the_graph_stage_runs_on_the_workers(client, corpus, build, tmp_path, monkeypatch):
    from entgraph import distributed as module

    monkeypatch.setattr(module, "GRAPH_PARTITION", 5)  # 22 documents: 5 partitions, a tree
    driver = os.getpid()
    with distributed.get_task_stream(client) as stream:
        remote = entgraph.build_graph(corpus, client=client, batch_size=3)
    ran = {t["key"] if isinstance(t["key"], str) else t["key"][0] for t in stream.data}
    stages = {key.split("-")[1] for key in ran if key.startswith("entgraph-")}
    assert {"resolve", "table", "counts"} <= stages
    assert sum(key.startswith("entgraph-counts-") for key in ran) >= 5 + 4  # parts + merges
    assert driver not in client.run(os.getpid).values()
    local = build(corpus)
    assert graphml(remote, tmp_path / "r.graphml") == graphml(local, tmp_path / "l.graphml")


def test_a_worker_killed_in_the_graph_stage_loses_and_doubles_nothing(
    client, corpus, build, tmp_path, monkeypatch
):
    from entgraph import distributed as module

    monkeypatch.setattr(module, "GRAPH_PARTITION", 3)
    counts_part = module._counts_part
    pids = list(client.run(os.getpid).values())

    def dying_counts_part(spool, lo, hi, table, options):
        # The first partition kills its worker once; Dask computes it again elsewhere.
        marker = tmp_path / "killed"
        if lo == 0 and not marker.exists():
            marker.write_text("x")
            os.kill(os.getpid(), signal.SIGKILL)
        return counts_part(spool, lo, hi, table, options)

    monkeypatch.setattr(module, "_counts_part", dying_counts_part)
    remote = entgraph.build_graph(corpus, client=client, batch_size=3)
    assert (tmp_path / "killed").exists()
    local = build(corpus)
    assert graphml(remote, tmp_path / "r.graphml") == graphml(local, tmp_path / "l.graphml")
    client.wait_for_workers(len(pids), timeout=60)
