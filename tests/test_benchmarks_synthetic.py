"""The synthetic news of the scale benchmarks: deterministic, and its cache really warm.

``benchmarks/warm_scale.py`` measures warm rebuilds of up to 200k generated documents
whose records are written straight into the cache; these tests make sure such a cache
is one ``entgraph build`` uses without parsing anything, and that the generated records
are what extraction would make of the generated text.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from test_code_rules import gold_names, judged_names

import entgraph
from entgraph import cli, pipeline
from entgraph.records import Document

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def synthetic():
    return load("synthetic_news")


@pytest.fixture
def no_parsing(monkeypatch):
    """Any attempt to parse a document fails the test."""

    def refuse(documents, *args, **kwargs):
        raise AssertionError(f"{len(documents)} document(s) were sent to the parser")

    monkeypatch.setattr(pipeline, "extract_partition", refuse)


def test_a_document_depends_only_on_its_seed_and_number(synthetic):
    first = [d.json_line() for d in synthetic.synthetic_documents(20)]
    assert first == [d.json_line() for d in synthetic.synthetic_documents(20)]
    # Document 12 is the same in a corpus of 13 or of 20, and when generated alone.
    assert first[12] == synthetic.synthetic_document(12).json_line()
    assert [d.json_line() for d in synthetic.synthetic_documents(8, start=12)] == first[12:]
    assert synthetic.synthetic_document(12).records == synthetic.synthetic_document(12).records
    assert len(set(first)) == 20
    assert synthetic.synthetic_document(12, seed=1).text != synthetic.synthetic_document(12).text


def test_records_point_into_the_text_they_describe(synthetic):
    for doc in synthetic.synthetic_documents(20):
        rec, text = doc.records, doc.text
        keys = {m.key for m in rec.mentions}
        assert keys == {e.key for e in rec.entities}
        for m in rec.mentions:
            sentence = rec.sentences[m.sentence]
            assert text[m.start : m.end] == m.text
            assert sentence.start <= m.start < m.end <= sentence.end
            assert m.paragraph == sentence.paragraph
        for q in rec.quotes:
            assert text[q.start : q.end] == q.text
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
            assert q.speaker_key in keys and set(q.mention_keys) <= keys
        for a in rec.affiliations:
            assert {a.person_key, a.org_key} <= keys
        assert [s.paragraph for s in rec.sentences] == sorted(s.paragraph for s in rec.sentences)


def test_the_pools_are_saturating_and_invented(synthetic):
    pools = synthetic.pools()
    people = {p.name for p in pools.people}
    organizations = {o.name for o in pools.organizations}
    assert (len(people), len(organizations), len(pools.countries)) == (400, 150, 60)
    written = {m.text for d in synthetic.synthetic_documents(200) for m in d.records.mentions}
    # Only pool names are ever written: the graph cannot grow past the pools.
    surnames = {p.surname for p in pools.people}
    assert written <= people | surnames | organizations | {c.name for c in pools.countries}
    corpus_names = {n.lower() for n in judged_names() | gold_names()}
    assert not {n.lower() for n in people | organizations} & corpus_names


def test_the_written_cache_makes_a_warm_build_that_parses_nothing(
    synthetic, tmp_path, no_parsing, capsys
):
    corpus, cache = tmp_path / "corpus.jsonl", tmp_path / "cache.sqlite"
    written = synthetic.write_corpus(20, corpus, cache=cache)
    assert written["documents"] == 20
    status = cli.main(["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache)])
    summary = capsys.readouterr().out
    assert status == 0 and "20 documents (20 from cache)" in summary
    # The benchmark reads the same figures off that line.
    found = load("warm_scale")._SUMMARY.search(summary)
    assert (found["docs"], found["cached"]) == ("20", "20")
    mentions = (tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(mentions) == sum(len(d.records.mentions) for d in synthetic.synthetic_documents(20))


def test_the_store_gives_the_corpus_and_cache_of_any_size(synthetic, tmp_path, no_parsing):
    store = synthetic.store_path(tmp_path)
    synthetic.fill_store(store, 12)
    synthetic.fill_store(store, 20)  # extended, not made again
    corpus, cache = tmp_path / "c.jsonl", tmp_path / "c.sqlite"
    synthetic.export_store(store, 15, corpus, cache, synthetic.build_fingerprint())
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert lines == [d.json_line() for d in synthetic.synthetic_documents(15)]
    result = entgraph.build_graph([corpus], cache=cache)
    assert (result.documents, result.diagnostics.cached) == (15, 15)


def test_generated_records_are_close_to_what_extraction_finds(synthetic, nlp):
    # The model misses some lone surnames and mislabels some names, so the check is
    # loose: the same quotes, and most of the same entities.
    docs = list(synthetic.synthetic_documents(10))
    settings = pipeline.ExtractionSettings(model="test")
    real = pipeline.extract_partition([Document(d.id, d.text) for d in docs], settings, nlp)
    ours = {(d.id, e.key) for d in docs for e in d.records.entities}
    found = {(d.id, e.key) for d, r in zip(docs, real, strict=True) for e in r.entities}
    assert len(ours & found) >= 0.9 * len(ours)
    assert [len(d.records.quotes) for d in docs] == [len(r.quotes) for r in real]
    assert sum(len(r.affiliations) for r in real) >= 0.5 * sum(
        len(d.records.affiliations) for d in docs
    )
