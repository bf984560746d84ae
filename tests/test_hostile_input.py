"""Hard to break, round 2, the input side: odd file names, odd files, odd bytes.

One test per case of the README's "Difficult input" table that the readers handle.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
import threading

import pytest

import entgraph
from entgraph.cli import main
from entgraph.diagnostics import Diagnostics
from entgraph.errors import InputError
from entgraph.sources import iter_documents

TEXT = "Jane Doe met Acme Corp in France."


def read(inputs, **kwargs):
    diagnostics = kwargs.pop("diagnostics", Diagnostics())
    return list(iter_documents(inputs, diagnostics=diagnostics, **kwargs)), diagnostics


def jsonl_rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def build(args, tmp_path, name="out"):
    out = tmp_path / name
    code = main(["build", *map(str, args), "-o", str(out), "--no-cache", "-q"])
    return code, out


def test_a_file_name_that_is_not_utf8_gets_an_escaped_id_and_every_output(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "w") as fh:
        fh.write(TEXT)
    code, out = build([corpus], tmp_path)
    assert code == 0
    assert {r["document"] for r in jsonl_rows(out / "mentions.jsonl")} == {"caf\\xe9.txt"}


def test_lone_surrogates_in_jsonl_ids_and_texts_are_replaced_not_fatal(tmp_path, nlp):
    path = tmp_path / "odd.jsonl"
    # JSON escapes of half a surrogate pair: valid JSON, not encodable as UTF-8.
    path.write_text(
        '{"id": "a\\ud800", "text": "Jane Doe met Acme Corp.\\udc00"}\n'
        '{"id": "b", "text": "Acme Corp hired Jane Doe."}\n'
    )
    code, out = build([path], tmp_path)
    assert code == 0
    rows = jsonl_rows(out / "mentions.jsonl")
    assert [r["document"] for r in rows] == ["a\ufffd", "a\ufffd", "b", "b"]


def test_writers_survive_a_lone_surrogate_given_through_the_api(tmp_path, nlp):
    result = entgraph.build_graph([entgraph.Document("x\udce9", TEXT)], nlp=nlp)
    result.write(tmp_path / "out")
    result.write_csv(tmp_path / "csv")
    assert jsonl_rows(tmp_path / "out" / "mentions.jsonl")[0]["document"] == "x\udce9"


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    found = {}
    reader = threading.Thread(
        target=lambda: found.update(zip(("docs", "d"), read([tmp_path]), strict=True))
    )
    reader.daemon = True  # before the fix it blocks forever: do not hang the test run
    reader.start()
    reader.join(20)
    if reader.is_alive():
        # Unblock the reader so the thread ends.
        with open(tmp_path / "pipe.txt", "w"):
            pass
        pytest.fail("reading a folder with a FIFO blocked")
    assert [d.id for d in found["docs"]] == ["a.txt"]
    assert any("pipe.txt (not a regular file)" in note for note in found["d"].notes)


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(TEXT)
    out = corpus / "entgraph-out"
    for _ in range(2):  # the second run finds the first run's outputs in its input
        assert main(["build", str(corpus), "-o", str(out), "-q"]) == 0
    assert {r["document"] for r in jsonl_rows(out / "mentions.jsonl")} == {"story.txt"}


def test_entgraph_output_files_in_an_input_folder_are_skipped_with_a_note(tmp_path):
    (tmp_path / "story.txt").write_text(TEXT)
    (tmp_path / "graph.html").write_text("<!DOCTYPE html><html><body><p>Old page</p></body></html>")
    docs, diagnostics = read([tmp_path])
    assert [d.id for d in docs] == ["story.txt"]
    assert any("skipped 1 entgraph output(s): graph.html" in n for n in diagnostics.notes)


def test_the_skipped_output_names_cover_every_file_entgraph_writes():
    from entgraph.api import OUTPUT_FILES
    from entgraph.cli import CACHE_NAME
    from entgraph.sources.folders import OUTPUT_NAMES

    assert {*OUTPUT_FILES, CACHE_NAME} <= OUTPUT_NAMES


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT)
    real_scandir = os.scandir

    def scandir(path="."):
        # Tests run as root, who can read any folder: make the listing itself fail.
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, diagnostics = read([tmp_path])
    assert [d.id for d in docs] == ["a.txt"]
    assert diagnostics.warnings == [f"cannot read folder {locked}: Permission denied; skipped"]


def test_a_csv_header_naming_a_column_twice_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "dup.csv"
    path.write_text("id,text,text\n1,First.,Second.\n2,Third.,Fourth.\n")
    code, _ = build([path], tmp_path)
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"entgraph: error: {path}:1: the header names column(s) 'text' more than once; "
        "rename them so that each column has its own name"
    )


def stdin_bytes(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "options", "expected"),
    [
        # A UTF-8 BOM never stays in the CSV header: the id column is found.
        (codecs.BOM_UTF8 + b"id,text\nr1,Hello.\n", {"input_format": "csv"}, [("r1", "Hello.")]),
        # Windows-1252 bytes are decoded, not dropped.
        ("Café Zoë.".encode("cp1252"), {}, [("stdin", "Café Zoë.")]),
        # JSONL without --format is recognised by its content.
        (b'{"id": "j1", "text": "One."}\n{"id": "j2", "text": "Two."}\n', {},
         [("j1", "One."), ("j2", "Two.")]),
        # HTML is reduced to its text.
        (b"<!DOCTYPE html><html><body><nav>Menu</nav><p>Jane Doe met Bob Roe on Monday "
         b"to talk about the plan.</p></body></html>", {},
         [("stdin", "Jane Doe met Bob Roe on Monday to talk about the plan.")]),
        # UTF-16 with its BOM.
        ("Hi there.".encode("utf-16"), {}, [("stdin", "Hi there.")]),
    ],
)  # fmt: skip
def test_stdin_gets_the_same_decoding_and_sniffing_as_files(data, options, expected):
    docs, _ = read(["-"], stdin=stdin_bytes(data), **options)
    assert [(d.id, d.text) for d in docs] == expected


def test_stdin_is_read_as_bytes_by_the_command_line(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr(
        sys, "stdin", stdin_bytes("Zoë Doe met Acme Corp in France.".encode("cp1252"))
    )
    code, out = build(["-"], tmp_path)
    assert code == 0
    assert "Zoë Doe" in {r["text"] for r in jsonl_rows(out / "mentions.jsonl")}


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "\ufeffItaly and France.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Italy and France.".encode("utf-16-be"),
        codecs.BOM_UTF8 + "\ufeffItaly and France.".encode(),
    ],
)
def test_a_byte_order_mark_never_stays_in_the_text(tmp_path, data):
    (tmp_path / "a.txt").write_bytes(data)
    (doc,), _ = read([tmp_path / "a.txt"])
    assert doc.text == "Italy and France."


def test_utf16_jsonl_is_read_line_by_line(tmp_path):
    lines = "".join(json.dumps({"id": f"n{i}", "text": "Italy."}) + "\n" for i in range(3))
    (tmp_path / "u.jsonl").write_bytes(lines.encode("utf-16"))
    docs, diagnostics = read([tmp_path / "u.jsonl"])
    assert [(d.id, d.text) for d in docs] == [(f"n{i}", "Italy.") for i in range(3)]
    assert diagnostics.warnings == []


@pytest.mark.parametrize("text", [None, b"bytes", ["a", "list"], 3])
def test_api_pairs_must_hold_text(text, nlp):
    with pytest.raises(
        InputError, match=r"inputs\[1\]: the text of \('b', \.\.\.\) is \w+, not str"
    ):
        entgraph.build_graph([("a", TEXT), ("b", text)], nlp=nlp)


def test_deeply_nested_jsonl_lines_are_bad_lines_not_a_crash(tmp_path):
    # A record whose id is 5,000 lists deep.
    deep_record = '{"id": ' + "[" * 5000 + '"x"' + "]" * 5000 + ', "text": "Two."}'
    path = tmp_path / "deep.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "One."}) + "\n"
        + "[" * 100_000 + "\n"
        + deep_record + "\n"
        + json.dumps({"id": "b", "text": "Three."}) + "\n"
    )  # fmt: skip
    docs, diagnostics = read([path])
    assert [d.id for d in docs] == ["a", "b"]
    assert diagnostics.warnings == [
        f"{path}:2: JSON nested too deeply; skipped",
        f"{path}:3: JSON nested too deeply; skipped",
    ]


def test_a_gzip_jsonl_is_read_not_called_binary(tmp_path):
    import gzip

    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g", "text": "Hi."}\n'))
    docs, diagnostics = read([tmp_path / "dump.jsonl.gz"])
    assert [(d.id, d.text) for d in docs] == [("g", "Hi.")]
    assert diagnostics.warnings == []


def test_an_archive_entgraph_cannot_open_says_what_to_do(tmp_path):
    import bz2
    import tarfile

    (tmp_path / "a.txt").write_text(TEXT)
    with tarfile.open(tmp_path / "b.tar.gz", "w:gz") as tar:
        tar.add(tmp_path / "a.txt", arcname="a.txt")
    (tmp_path / "c.txt").write_bytes(bz2.compress(TEXT.encode()))
    docs, diagnostics = read([tmp_path / "b.tar.gz", tmp_path / "c.txt"])
    assert docs == []
    hint = "not text; skipped (unpack it first; entgraph reads .gz files itself)"
    assert diagnostics.warnings == [
        f"{tmp_path / 'b.tar.gz'}: tar archive file, {hint}",
        f"{tmp_path / 'c.txt'}: bzip2 file, {hint}",
    ]


def test_a_path_given_as_bytes_is_a_path(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(TEXT)
    result = entgraph.build_graph(os.fsencode(tmp_path / "a.txt"), nlp=nlp)
    assert [r.document_id for r in result.records] == ["a.txt"]
