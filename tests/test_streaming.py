"""Corpus scale without a ceiling: records stream past once and are read back from disk.

The driver keeps the graph and per-key statistics, never the corpus: ``result.records``
is a lazy view of the build's spool, views read only the documents they need, and
partial counts of consecutive parts combine into exactly the graph of the whole.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from test_scale import article, write_corpus

import entgraph
from entgraph import pipeline, spool
from entgraph.graph import GraphCounts, build_graph, resolve_entities
from entgraph.records import DocumentRecords, Mention, Quote, Sentence
from entgraph.spool import RecordSpool, SpooledRecords

ROOT = Path(__file__).resolve().parents[1]


def _live_records() -> int:
    return sum(isinstance(o, DocumentRecords) for o in gc.get_objects())


def test_the_driver_holds_a_window_of_records_not_the_corpus(build, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", 40)
    monkeypatch.setattr(pipeline, "WINDOW", 4)
    most = []
    add = RecordSpool.add

    def counting_add(self, rec, digest, payload=None):
        most.append(_live_records())
        add(self, rec, digest, payload)

    monkeypatch.setattr(RecordSpool, "add", counting_add)
    result = build([corpus], batch_size=2)
    assert result.documents == 40
    # A window of 4 and the records being added: far fewer than the 40 documents.
    assert max(most) <= 10
    assert isinstance(result.records, SpooledRecords)


def test_records_are_a_lazy_re_iterable_sequence(build, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    result = build([corpus])
    first, second = list(result.records), list(result.records)
    assert first == second and len(result.records) == 6
    assert result.records[2] == first[2] and result.records[-1] == first[-1]
    assert [r.text for r in first] == [article(i) for i in range(6)]
    with pytest.raises(IndexError):
        result.records[6]


def test_a_view_reads_back_only_the_documents_that_name_its_entities(build, tmp_path):
    texts = [("a", "Ann Lee met Bob Roe."), ("b", "Cal Fox met Dee Orr."), ("c", "Bob Roe left.")]
    result = build(texts)
    read = []
    rows = RecordSpool._rows

    def spying_rows(self, seqs):
        read.append(None if seqs is None else list(seqs))
        return rows(self, seqs)

    view = result.ego("Bob Roe", radius=0)
    RecordSpool._rows = spying_rows
    try:
        ids = [r.document_id for r in view.records]
    finally:
        RecordSpool._rows = rows
    assert ids == ["a", "c"]
    assert read == [[0, 2]]  # document "b" was never read back
    assert {m.text for r in view.records for m in r.mentions} == {"Bob Roe"}


def test_between_reads_only_the_dated_documents(build):
    result = build([("a", "Ann Lee met Bob Roe.", "2020-01-05"),
                    ("b", "Ann Lee met Cal Fox.", "2020-02-05"),
                    ("c", "Bob Roe met Cal Fox.", None)])  # fmt: skip
    january = result.between("2020-01-01", "2020-01-31")
    assert isinstance(january.records, SpooledRecords)
    assert [r.document_id for r in january.records] == ["a"]
    assert sorted(january.graph.nodes) == ["person:ann lee", "person:bob roe"]


def _record(doc: str, names: list[str], date: str | None = None) -> DocumentRecords:
    text = " and ".join(names) + " met. " + names[0] + " said “" + names[-1] + " is right”."
    mentions, start = [], 0
    for name in names:
        key = "name:" + name.lower()
        mentions.append(Mention(start, start + len(name), name, 0, 0, "PERSON", "PERSON", key,
                                name))  # fmt: skip
        start += len(name) + 5
    quote = Quote(0, len(text), text, "direct", "said", 0, 0, names[0], 0, len(names[0]),
                  "name:" + names[0].lower(), ("name:" + names[-1].lower(),))  # fmt: skip
    return DocumentRecords(doc, text, (Sentence(0, len(text), 0),), tuple(mentions), (quote,),
                           date=date)  # fmt: skip


def test_partial_counts_combine_into_the_graph_of_the_whole():
    pool = ["Ann Lee", "Bob Roe", "Cal Fox", "Dee Orr", "Eve Ash"]
    records = [
        _record(f"d{i}", [pool[i % 5], pool[(i + 1) % 5], pool[i * 3 % 5]], f"2020-0{1 + i % 3}-01")
        for i in range(30)
    ]
    whole = build_graph(records, evidence=3)
    table = resolve_entities(records)
    parts = []
    for lo in range(0, 30, 7):
        counts = GraphCounts(table.node_of, evidence=3)
        for rec in records[lo : lo + 7]:
            counts.add(rec)
        parts.append(counts)
    # Combined in a tree, as the Dask stage does: ((p0 p1) (p2 p3)) p4.
    left, right = parts[0].merge(parts[1]), parts[2].merge(parts[3])
    combined = left.merge(right).merge(parts[4]).built(table).graph
    assert nx.utils.graphs_equal(combined, whole.graph)
    assert list(combined.edges(keys=True, data=True)) == list(
        whole.graph.edges(keys=True, data=True)
    )
    assert list(combined.nodes(data=True)) == list(whole.graph.nodes(data=True))


def test_a_shared_spool_survives_odd_text_and_is_removed_when_unused(tmp_path):
    box = RecordSpool(tmp_path, shared=True)
    assert (tmp_path / box.path).exists()  # Dask workers open it by name
    odd = DocumentRecords("caf\udce9", "lone \ud800 surrogate", metadata={"title": "T"},
                          date="2020-01-01", source="x.txt")  # fmt: skip
    box.add(odd, "h")
    (back,) = box.records()
    assert back == odd
    path = box.path
    del box, back
    gc.collect()
    assert not (tmp_path / path).exists()
    assert list(tmp_path.iterdir()) == []


def test_a_killed_build_leaves_no_spool_file(tmp_path):
    # A local build's spool has no name on disk once made, so a process killed at any
    # point (or a notebook kernel shut down) leaves nothing in the temporary folder.
    script = (
        "import os, signal\n"
        "from entgraph.records import DocumentRecords\n"
        "from entgraph.spool import RecordSpool\n"
        "box = RecordSpool()\n"
        "for i in range(600):\n"
        "    box.add(DocumentRecords(f'd{i}', f'text {i}'), f'h{i}')\n"
        "assert len(list(box.records())) == 600\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_local_spool_cannot_be_sent_to_another_process(tmp_path):
    with pytest.raises(TypeError, match="shared=True"):
        pickle.dumps(RecordSpool(tmp_path))


def test_the_spool_reads_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(spool, "READ_CHUNK", 3)
    box = RecordSpool(tmp_path)
    for i in range(10):
        box.add(DocumentRecords(f"d{i}", f"text {i}"), f"h{i}")
    assert [r.document_id for r in box.records()] == [f"d{i}" for i in range(10)]
    assert box.records_of("h4").document_id == ""  # placeholders, as from the cache
    assert box.records_of("missing") is None


def test_result_from_records_given_by_hand_still_works():
    rec = _record("d", ["Ann Lee", "Bob Roe"])
    built = build_graph([rec])
    assert built.graph.number_of_edges() > 0
    result = entgraph.GraphResult(built.graph, [rec], built.node_of)
    assert result.documents == 1


# --- a rerun with nothing changed rewrites nothing (entgraph/manifest.py) ---------------


def _cli(*args: str) -> int:
    from entgraph.cli import main

    return main(["build", *args, "-q"])


def _stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix != ".sqlite"}


def test_a_rerun_of_an_unchanged_build_rewrites_nothing(tmp_path, capsys):
    from entgraph.cli import main

    corpus = write_corpus(tmp_path / "corpus", 4)
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out)) == 0
    before = _stamps(out)
    assert "entgraph-build.json" in before
    assert main(["build", str(corpus), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "up to date" in said and "4 documents" in said
    assert _stamps(out) == before


@pytest.mark.parametrize(
    "change",
    ["document", "new document", "option", "output edited", "rebuild"],
)
def test_any_change_builds_again(tmp_path, change):
    corpus = write_corpus(tmp_path / "corpus", 4)
    out = tmp_path / "out"
    assert _cli(str(corpus), "-o", str(out)) == 0
    before = _stamps(out)
    args = [str(corpus), "-o", str(out)]
    if change == "document":
        (corpus / "doc001.txt").write_text("Ann Lee met Bob Roe in Paris.", encoding="utf-8")
    elif change == "new document":
        write_corpus(corpus, 1, start=4)
    elif change == "option":
        args += ["--window", "document"]
    elif change == "output edited":
        (out / "mentions.jsonl").write_text("")
    else:
        args += ["--rebuild"]
    assert _cli(*args) == 0
    after = _stamps(out)
    assert after["graph.graphml"] != before["graph.graphml"]
    assert (out / "mentions.jsonl").read_text()  # written again whole


def test_the_key_of_a_first_pass_is_the_key_the_build_wrote(tmp_path):
    from entgraph.api import input_key
    from entgraph.manifest import up_to_date

    corpus = write_corpus(tmp_path / "corpus", 3)
    entgraph.build_graph([corpus], window="paragraph").write(tmp_path / "out", max_nodes=50)
    assert up_to_date(tmp_path / "out", input_key([corpus], window="paragraph", max_nodes=50))
    assert not up_to_date(tmp_path / "out", input_key([corpus], window="paragraph"))
    assert not up_to_date(tmp_path / "out", input_key([corpus], max_nodes=50))


def test_the_first_pass_takes_build_graph_options_only(tmp_path):
    from entgraph.api import input_key
    from entgraph.errors import InputError

    corpus = write_corpus(tmp_path / "corpus", 1)
    with pytest.raises(InputError, match="windw"):
        input_key([corpus], windw="paragraph")
