"""Corpus scale: cache, resume after a kill, incremental runs, duplicates, long texts."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import networkx as nx
import pytest

import entgraph
from entgraph import pipeline
from entgraph.cache import RecordCache, content_hash
from entgraph.pipeline import split_text

PEOPLE = ["Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni", "Pedro Sanchez", "Mark Rutte"]
PLACES = ["France", "Germany", "Italy", "Spain", "the Netherlands", "Brazil", "Japan"]


def article(i: int) -> str:
    a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
    c, d = PLACES[i % 7], PLACES[(i + 3) % 7]
    return (
        f"{a} met {b} in {c} on day {i}.\n"
        f"The European Commission said {c} and {d} would sign a deal.\n"
        f"{b.split()[-1]} said the talks with {d} had gone well."
    )


def write_corpus(folder, n, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"doc{i:03}.txt").write_text(article(i), encoding="utf-8")
    return folder


def graphml(result, path):
    result.write_graphml(path)
    return path.read_bytes()


def test_rerun_reads_everything_from_the_cache_and_gives_the_same_graph(build, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 12)
    cache = tmp_path / "cache.sqlite"
    cold = build([corpus], cache=cache)
    warm = build([corpus], cache=cache)
    assert (cold.diagnostics.cached, warm.diagnostics.cached) == (0, 12)
    assert graphml(cold, tmp_path / "a.graphml") == graphml(warm, tmp_path / "b.graphml")


def test_incremental_add_and_changed_document(build, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 10)
    cache = tmp_path / "cache.sqlite"
    build([corpus], cache=cache)
    write_corpus(corpus, 2, start=10)  # two new documents
    (corpus / "doc003.txt").write_text(article(3) + "\nMark Rutte said no.", encoding="utf-8")
    rerun = build([corpus], cache=cache)
    assert rerun.documents == 12
    assert rerun.diagnostics.cached == 9  # the changed one and the new ones are processed
    fresh = build([corpus])
    assert graphml(rerun, tmp_path / "a.graphml") == graphml(fresh, tmp_path / "b.graphml")


def test_the_cache_key_includes_the_extraction_settings(build, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache = tmp_path / "cache.sqlite"
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,type,aliases\nAcme Holdings,ORG,Acme\n")
    build([corpus], cache=cache)
    other = build([corpus], cache=cache, aliases=aliases)
    assert other.diagnostics.cached == 0


def test_resolution_settings_reuse_the_cache(build, tmp_path):
    # ``places`` is decided when entities are resolved, after extraction: no re-parse.
    corpus = write_corpus(tmp_path / "corpus", 3)
    cache = tmp_path / "cache.sqlite"
    build([corpus], cache=cache)
    other = build([corpus], cache=cache, places="keep")
    assert other.diagnostics.cached == 3


def test_identical_documents_are_processed_once_and_reported(build, tmp_path):
    text = article(1)
    result = build([("a", text), ("b", "Something else entirely."), ("c", text)])
    assert result.documents == 3
    assert result.diagnostics.duplicates == 1
    assert any("processed once" in n for n in result.diagnostics.notes)
    a, c = result.records[0], result.records[2]
    assert (a.document_id, c.document_id) == ("a", "c")
    assert a.mentions == c.mentions


def test_split_text_cuts_at_paragraphs_and_joins_back_exactly():
    text = ("A paragraph of words. " * 40 + "\n\n") * 300
    pieces = split_text(text, limit=5_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 5_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert split_text("x" * 12, limit=5) == ["xxxxx", "xxxxx", "xx"]


def test_an_over_long_document_is_split_and_keeps_its_offsets(build, monkeypatch):
    # The same code path as a text over spaCy's max_length, at a size a test can afford.
    monkeypatch.setattr(pipeline, "MAX_PIECE_CHARS", 2_000)
    filler = "The weather was calm and nothing happened in the valley that day.\n"
    head = "Olaf Scholz met Emmanuel Macron in France.\n"
    tail = "Giorgia Meloni said Italy and Spain would sign the treaty.\n"
    text = head + filler * 100 + tail
    assert len(split_text(text, 2_000)) > 3
    result = build([("long", text)])
    labels = {d["label"] for _, d in result.graph.nodes(data=True)}
    assert {"Olaf Scholz", "Giorgia Meloni", "Italy", "Spain", "France"} <= labels
    for row in result.mention_rows():
        assert text[row["start"] : row["end"]] == row["text"]
    assert nx.Graph(result.graph).has_edge("country:ita", "country:esp")
    assert not nx.Graph(result.graph).has_edge("country:ita", "country:fra")


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_two_worker_processes_give_the_same_graph(build, tmp_path, monkeypatch, start):
    if start not in pipeline.multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} on this platform")
    monkeypatch.setattr(pipeline, "_start_method", lambda: start)
    corpus = write_corpus(tmp_path / "corpus", 8)
    one = build([corpus])
    two = entgraph.build_graph([corpus], jobs=2, batch_size=2)
    assert graphml(one, tmp_path / "a.graphml") == graphml(two, tmp_path / "b.graphml")
    # The workers take the documents longest first; the records keep the input order.
    assert [r.document_id for r in two.records] == [r.document_id for r in one.records]
    assert two.mention_rows() == one.mention_rows()


def test_workers_are_spawned_while_another_thread_runs():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert pipeline._start_method() == "spawn"
    finally:
        stop.set()
        other.join()


@pytest.mark.skipif(
    "fork" not in pipeline.multiprocessing.get_all_start_methods(), reason="no fork here"
)
def test_forked_workers_parse_with_the_pipeline_given(nlp, tmp_path, monkeypatch):
    import spacy

    # Forked even if an earlier test (Dask's) left a thread behind.
    monkeypatch.setattr(pipeline, "_start_method", lambda: "fork")

    custom = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    ruler = custom.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": "ORG", "pattern": "Qwerty"}])
    texts = [f"Jane Doe met the Qwerty board on day {i}." for i in range(4)]
    pairs = [(f"d{i}", t) for i, t in enumerate(texts)]
    one = entgraph.build_graph(pairs, nlp=custom)
    two = entgraph.build_graph(pairs, nlp=custom, jobs=2, batch_size=1)
    assert "org:qwerty" in one.graph  # the ruler's entity, which the model alone lacks
    assert graphml(one, tmp_path / "a.graphml") == graphml(two, tmp_path / "b.graphml")


def test_a_window_of_one_batch_starts_no_workers(build, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 3)
    one = build([corpus])

    def no_pool(*args, **kwargs):
        raise AssertionError("worker processes started for one batch")

    monkeypatch.setattr(pipeline.multiprocessing, "get_context", no_pool)
    two = entgraph.build_graph([corpus], jobs=2, batch_size=32)
    assert graphml(one, tmp_path / "a.graphml") == graphml(two, tmp_path / "b.graphml")


@pytest.mark.parametrize(
    ("sizes", "most", "workers"),
    [
        ([], 32, 2),
        ([5], 32, 2),
        ([3, 1, 2], 1, 2),
        ([100] * 10, 32, 4),
        ([(i * 7919) % 1000 for i in range(500)], 32, 2),
        ([50_000, *range(1, 300)], 32, 2),
    ],
)
def test_worker_chunks_hold_every_document_once_longest_first(sizes, most, workers):
    chunks = pipeline.balanced_chunks(sizes, most, workers)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(sizes)))
    assert all(1 <= len(chunk) <= most for chunk in chunks)
    costs = [sizes[i] for chunk in chunks for i in chunk]
    assert costs == sorted(costs, reverse=True)
    if len(sizes) > 2 * workers * most:
        # Many documents: full chunks first, and the last ones small, for no worker to
        # be left alone with a full chunk at the end.
        assert len(chunks[0]) == most and len(chunks[-1]) == 1


def cache_rows(path):
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_run_killed_with_sigkill_keeps_its_work_and_the_rerun_completes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 40)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(out), "-q",
           "--batch-size", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cache = out / "entgraph-cache.sqlite"
    deadline = time.monotonic() + 120
    while cache_rows(cache) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = cache_rows(cache)
    assert 4 <= kept < 40
    assert not (out / "graph.graphml").exists()  # nothing half-written
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    fresh = tmp_path / "fresh"
    subprocess.run([*cmd[:6], str(fresh), "-q", "--no-cache"], check=True)
    assert (out / "graph.graphml").read_bytes() == (fresh / "graph.graphml").read_bytes()


def test_cache_round_trips_records_exactly(seed_result, tmp_path):
    cache = RecordCache(tmp_path / "c.sqlite", "fp")
    rec = seed_result.records[0]
    cache.put({content_hash(rec.text): rec})
    back = cache.get([content_hash(rec.text)])[content_hash(rec.text)]
    assert back.sentences == rec.sentences
    assert back.mentions == rec.mentions
    assert back.quotes == rec.quotes
    assert back.affiliations == rec.affiliations
    cache.close()


def test_quiet_run_prints_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 2)
    run = subprocess.run(
        [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(tmp_path / "o"), "-q"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0
    assert (run.stdout, run.stderr) == ("", "")
    G = nx.read_graphml(tmp_path / "o" / "graph.graphml")
    assert json.loads(G.nodes["person:olaf scholz"]["aliases"])
