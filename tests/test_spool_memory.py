"""A small build keeps its records in memory as well as in the spool; a large one not.

A build of at most one extraction window (``keep``) and :data:`entgraph.spool.KEEP_BYTES`
reads its records back from memory, with no decoding; past either bound the spool lets
them go and reads from its file, so memory stays bounded whatever the corpus. Both ways
give the same records and the same outputs.
"""

from __future__ import annotations

import dataclasses
import gc

from test_record_codec import _full_record, _same

from entgraph import pipeline, spool
from entgraph.records import DocumentRecords
from entgraph.spool import RecordSpool


def _records(n: int) -> list[DocumentRecords]:
    rec = _full_record()
    out = []
    for i in range(n):
        document = {"date": f"2020-01-{1 + i % 28:02}", "metadata": {"title": f"T{i}"}}
        out.append(dataclasses.replace(rec, document_id=f"d{i}", source=f"c{i}", **document))
    return out


def _spool(tmp_path, records, keep):
    box = RecordSpool(tmp_path, keep=keep)
    for i, rec in enumerate(records):
        box.add(rec, f"h{i}")
    return box


def test_kept_records_are_those_read_back_from_the_file(tmp_path):
    records = _records(6)
    kept, on_disk = _spool(tmp_path, records, keep=6), _spool(tmp_path, records, keep=0)
    assert kept.in_memory and not on_disk.in_memory
    for a, b in zip(kept.records(), on_disk.records(), strict=True):
        _same(a, b)
    assert kept.records()[4] == on_disk.records()[4] == records[4]
    since, until = "2020-01-02", "2020-01-04"
    assert list(kept.records().dated(since, until)) == list(on_disk.records().dated(since, until))
    assert [r.document_id for r in kept.records().dated(since, until)] == ["d1", "d2", "d3"]

    def drop_quotes(rec):
        return dataclasses.replace(rec, quotes=())

    naming = ["name:bo li"]
    assert list(kept.records().naming(naming, drop_quotes)) == list(
        on_disk.records().naming(naming, drop_quotes)
    )


def test_a_skipped_mark_is_not_kept_as_the_file_does_not_keep_it(tmp_path):
    rec = dataclasses.replace(_full_record(), skipped="empty")
    kept, on_disk = _spool(tmp_path, [rec], keep=1), _spool(tmp_path, [rec], keep=0)
    _same(kept.records()[0], on_disk.records()[0])
    assert kept.records()[0].skipped is None


def test_past_keep_documents_the_records_are_let_go(tmp_path):
    def live() -> int:
        gc.collect()
        return sum(isinstance(o, DocumentRecords) for o in gc.get_objects())

    template = _full_record()
    before = live()
    box = RecordSpool(tmp_path, keep=10)
    for i in range(10):
        box.add(dataclasses.replace(template, document_id=f"d{i}"), f"h{i}")
    assert box.in_memory and live() - before == 10
    for i in range(10, 60):
        box.add(dataclasses.replace(template, document_id=f"d{i}"), f"h{i}")
    assert not box.in_memory and live() - before == 0  # none held, however many added
    assert [r.document_id for r in box.records()] == [f"d{i}" for i in range(60)]


def test_past_keep_bytes_the_records_are_let_go(tmp_path, monkeypatch):
    records = _records(5)
    one = len(spool._encode_text(records[0].text)) + len(spool.records_to_payload(records[0]))
    monkeypatch.setattr(spool, "KEEP_BYTES", 3 * one)
    assert _spool(tmp_path, records[:3], keep=100).in_memory
    box = _spool(tmp_path, records, keep=100)
    assert not box.in_memory and list(box.records()) == records


def test_a_shared_spool_keeps_nothing_in_memory(tmp_path):
    box = RecordSpool(tmp_path, shared=True, keep=100)
    box.add(_full_record(), "h")
    assert not box.in_memory and box.records()[0] == _full_record()


def test_a_build_writes_the_same_files_with_its_records_in_memory_or_not(
    build, tmp_path, monkeypatch
):
    texts = [
        ("a", "“We will win,” Jane Doe of Acme Corp said on Monday."),
        ("b", "Bo Li said the deal was “dead on arrival”. Jane Doe agreed."),
        ("c", "Bo Li met Jane Doe in Paris."),
    ]
    small = build(texts)
    assert small.records.spool.in_memory
    small.write(tmp_path / "small")
    monkeypatch.setattr(pipeline, "WINDOW", 2)  # keeps at most a window: not these three
    large = build(texts)
    assert not large.records.spool.in_memory
    large.write(tmp_path / "large")
    assert list(small.records) == list(large.records)
    for name in ("graph.graphml", "graph.html", "mentions.jsonl", "quotes.jsonl",
                 "documents.jsonl"):  # fmt: skip
        assert (tmp_path / "small" / name).read_bytes() == (tmp_path / "large" / name).read_bytes()
