"""Hard to break: bad input, hostile text, interrupted runs. One test per row of the
README's table of difficult input."""

from __future__ import annotations

import errno
import json
import signal
import subprocess
import sys
import time

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scale import cache_rows, write_corpus

from entgraph import pipeline
from entgraph.cli import main
from entgraph.errors import InputError, OutputError
from entgraph.export import graphml

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> </script> href='
WEIRD = "Olaf\x00 Scholz\x07 met 🙂 Emmanuel Macron\u200b in \u202eFrance\u202c and Iran ایران."


def test_unreadable_file_is_one_line_exit_2(tmp_path, capsys, monkeypatch, nlp):
    path = tmp_path / "secret.txt"
    path.write_text("Text.")
    # Tests run as root, who can read anything: make the read itself fail.
    real_access = __import__("os").access
    monkeypatch.setattr("os.access", lambda p, mode: str(p) != str(path) and real_access(p, mode))
    assert main(["build", str(path), "-o", str(tmp_path / "o")]) == 2
    assert (
        capsys.readouterr().err.strip() == f"entgraph: error: cannot read {path}: permission denied"
    )


def test_a_huge_document_is_split_not_rejected(build, monkeypatch, nlp):
    # A text far over the parser's limit, scaled down: same code path as 10 MB over 1 MB.
    monkeypatch.setattr(nlp, "max_length", 5_000)
    monkeypatch.setattr(pipeline, "MAX_PIECE_CHARS", 2_000)
    text = "Olaf Scholz met Emmanuel Macron in France.\n" * 200
    assert len(text) > nlp.max_length
    result = build([("huge", text)])
    assert result.graph.nodes["person:olaf scholz"]["mentions"] == 200
    assert not result.diagnostics.warnings


def test_control_emoji_rtl_and_zero_width_characters_keep_outputs_valid(build, tmp_path):
    result = build([("weird", WEIRD)])
    result.write(tmp_path)
    G = nx.read_graphml(tmp_path / "graph.graphml")
    assert G.number_of_nodes() == result.graph.number_of_nodes() > 0
    for line in (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    assert "vis" in (tmp_path / "graph.html").read_text(encoding="utf-8")


def test_names_holding_markup_are_inert_in_graphml_and_tables(build, tmp_path):
    text = f'Olaf Scholz said "{HOSTILE} is dangerous" to the Acme Council.'
    result = build([("x", text)])
    result.write(tmp_path)
    graphml = (tmp_path / "graph.graphml").read_text(encoding="utf-8")
    assert "<script>" not in graphml and "<img" not in graphml
    nx.read_graphml(tmp_path / "graph.graphml")
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_write_failing_midway_leaves_no_half_written_file(seed_result, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        yield "<?xml version='1.0'?><graphml>"  # written to the file, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(graphml, "graphml_chunks", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        seed_result.write_graphml(tmp_path / "graph.graphml")
    assert list(tmp_path.iterdir()) == []


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_and_keeps_finished_work(tmp_path, jobs):
    # Enough documents that the build cannot finish between two looks at the cache.
    corpus = write_corpus(tmp_path / "corpus", 400)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(out), "-q",
           "--batch-size", "2", "--jobs", jobs]  # fmt: skip
    # As from a terminal: a job started in the background by a shell without job
    # control (as CI may be) inherits an ignored SIGINT, which Python then keeps.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)  # fmt: skip
    cache = out / "entgraph-cache.sqlite"
    deadline = time.monotonic() + 120
    while cache_rows(cache) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip() == f"entgraph: interrupted; finished documents are kept in {cache}"
    assert cache_rows(cache) >= 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=0, max_size=300))
def test_random_unicode_never_escapes_the_pipeline(build, text):
    try:
        result = build([("random", text)])
    except InputError as exc:  # nothing but whitespace: "no usable documents"
        assert not text.strip()
        assert "no usable documents" in str(exc)
        return
    assert result.documents == 1
    for m in result.mention_rows():
        assert text[m["start"] : m["end"]] == m["text"]


def test_a_mixed_corpus_finishes_with_one_warning_per_bad_document(tmp_path, capsys, nlp):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "good1.txt").write_text("Olaf Scholz met Emmanuel Macron in France.")
    (corpus / "good2.md").write_text("The Acme Council said Italy and Spain agreed.")
    (corpus / "weird.txt").write_text(WEIRD)
    (corpus / "hostile.txt").write_text(f"Jane Doe said {HOSTILE} to Mark Rutte.")
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "latin1.txt").write_bytes("Señor José Müller visited Perú.".encode("cp1252"))
    (corpus / "broken.txt").write_bytes(b"ok \x81\x8d\x8f text")
    (corpus / "fake.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3")
    (corpus / "page.html").write_text("<html><body><p>Pedro Sanchez spoke.</p><script>x</script>")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_text('{"id": "j1", "text": "Giorgia Meloni met Olaf Scholz."}\n{oops\n{"id": 3}\n')
    out = tmp_path / "out"
    assert main(["build", str(corpus), str(jsonl), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if ": warning: " in line]
    bad = ["latin1.txt", "broken.txt", "fake.txt", "lines.jsonl:2", "lines.jsonl:3"]
    assert len(warnings) == len(bad)
    for name in bad:
        assert sum(name in line for line in warnings) == 1, name
    assert "notes.pdf" in captured.err  # the note about files that are not text
    G = nx.read_graphml(out / "graph.graphml")
    assert {"person:olaf scholz", "person:giorgia meloni"} <= set(G.nodes)
    assert "8 documents" in captured.out
    assert "2 skipped (1 binary, 1 empty)" in captured.out
