"""Readers: folders, text files, JSONL, CSV, stdin; ids; problems reported, not raised."""

from __future__ import annotations

import io
import json

import pytest

from entgraph.diagnostics import Diagnostics
from entgraph.errors import InputError
from entgraph.sources import count_documents, iter_documents


def read(inputs, **kwargs):
    diagnostics = kwargs.pop("diagnostics", Diagnostics())
    docs = list(iter_documents(inputs, diagnostics=diagnostics, **kwargs))
    return docs, diagnostics


def test_folder_is_searched_recursively_for_txt_and_md(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Beta.")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("Hidden.")
    docs, diag = read([tmp_path])
    assert [(d.id, d.text) for d in docs] == [("a.txt", "Alpha."), ("sub/b.md", "Beta.")]
    assert any("c.pdf" in note and "skipped 1 file" in note for note in diag.notes)
    assert count_documents([tmp_path]) == 2


def test_a_file_given_directly_uses_its_name_as_id(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Text.")
    docs, _ = read([path])
    assert [(d.id, d.source) for d in docs] == [("story.txt", str(path))]


def test_missing_path_fails_before_any_document(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.")
    with pytest.raises(InputError, match=r"no such file or directory: .*missing\.txt"):
        read([tmp_path, tmp_path / "missing.txt"])


def test_folder_without_usable_files_is_an_error(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"no \.txt, \.md, \.html or \.warc files in folder"):
        read([tmp_path])


def test_jsonl_fields_ids_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": "First."}),
        "{not json",
        json.dumps({"id": "x3", "body": "no text field"}),
        json.dumps({"id": "x4", "text": 42}),
        "",
        json.dumps({"text": "No id."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    docs, diag = read([path])
    assert [(d.id, d.text) for d in docs] == [("x1", "First."), (f"{path}:6", "No id.")]
    assert [w.split(": ", 1)[0] for w in diag.warnings] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in diag.warnings[0]
    assert "no 'text' field" in diag.warnings[1]
    assert "'text' is int, not text" in diag.warnings[2]
    assert count_documents([path]) == 5


def test_jsonl_custom_fields(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": 7, "body": "Hello."}) + "\n")
    docs, _ = read([path], text_field="body", id_field="key")
    assert [(d.id, d.text) for d in docs] == [("7", "Hello.")]


def test_strict_mode_turns_a_bad_line_into_an_error(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "ok"}\n{broken\n')
    with pytest.raises(InputError, match=r"c.jsonl:2: not valid JSON"):
        read([path], diagnostics=Diagnostics(strict=True))


def test_csv_with_custom_fields_and_a_huge_field(tmp_path):
    path = tmp_path / "c.csv"
    huge = "word " * 60_000  # over the csv module's default 128 KiB field limit
    path.write_text(f'doc,body\na,"Short, quoted."\nb,{huge}\n')
    docs, diag = read([path], text_field="body", id_field="doc")
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].text == "Short, quoted."
    assert len(docs[1].text) == len(huge)
    assert not diag.warnings


def test_csv_without_the_text_column_says_which_columns_exist(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,Hello.\n")
    docs, diag = read([path])
    assert docs == []
    assert "no 'text' column (columns: 'id', 'body')" in diag.warnings[0]


def test_stdin_as_text_and_as_jsonl():
    docs, _ = read(["-"], stdin=io.StringIO("From a pipe."))
    assert [(d.id, d.text) for d in docs] == [("stdin", "From a pipe.")]
    docs, _ = read(["-"], stdin=io.StringIO('{"id": "s", "text": "Line."}\n'), input_format="jsonl")
    assert [(d.id, d.text) for d in docs] == [("s", "Line.")]


def test_duplicate_ids_are_made_unique_with_a_warning(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n')
    docs, diag = read([path])
    assert [d.id for d in docs] == ["a", "a#2"]
    assert "duplicate document id 'a'" in diag.warnings[0]


@pytest.mark.parametrize(
    "data, expected",
    [
        ("naïve café".encode("utf-16"), "naïve café"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        ("plain ünïcode".encode(), "plain ünïcode"),
    ],
)
def test_encodings_with_a_known_encoding_decode_cleanly(tmp_path, data, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    docs, diag = read([path])
    assert docs[0].text == expected
    assert not diag.warnings


def test_latin1_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Café crème, señor Müller’s “déjà vu”".encode("cp1252"))
    docs, diag = read([path])
    assert docs[0].text == "Café crème, señor Müller’s “déjà vu”"
    assert diag.warnings == [f"{path}: not UTF-8; decoded as Windows-1252 (Latin-1)"]


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"ok \x81\x8d\x8f\x90 text")
    docs, diag = read([path])
    assert docs[0].text == "ok \ufffd\ufffd\ufffd\ufffd text"
    assert "not valid UTF-8 (byte 3); undecodable bytes replaced" in diag.warnings[0]


@pytest.mark.parametrize(
    "name, data, kind",
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "PNG"),
        ("archive.md", b"PK\x03\x04\x14\x00\x06\x00", "ZIP (or DOCX/XLSX)"),
        ("blob.txt", b"abc\x00\x01\x02\x03\x04", "binary"),
    ],
)
def test_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path, name, data, kind):
    (tmp_path / "good.txt").write_text("Good.")
    (tmp_path / name).write_bytes(data)
    docs, diag = read([tmp_path])
    assert [d.id for d in docs] == ["good.txt"]
    assert diag.warnings == [f"{tmp_path / name}: {kind} file, not text; skipped"]
    assert diag.skipped["binary"] == 1


def test_html_files_give_their_article_text_only(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>T</title><style>.Acme{color:red}</style>"
        "<script>var Kremlin = 'x';</script></head><body><h1>Talks</h1>"
        "<p>Jane Doe met &amp; greeted <b>John Roe</b>.</p><noscript>Enable JS</noscript>"
        "</body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    (tmp_path / "disguised.txt").write_text(page)
    docs, _ = read([tmp_path])
    # Scripts, styles and what a browser hides never become text; inline tags do not
    # cut a sentence; the headline is metadata.
    assert [d.text for d in docs] == ["Jane Doe met & greeted John Roe."] * 2
    assert [d.metadata.get("title") for d in docs] == ["Talks", "Talks"]  # its headline
