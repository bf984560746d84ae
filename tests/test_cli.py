"""The command line: outputs, summary, exit codes and one-line messages."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from conftest import SEEDS

import entgraph
from entgraph.cli import main


@pytest.fixture(autouse=True)
def _reuse_pipeline(nlp):
    """The CLI loads the default pipeline once per process: the session's."""


def test_build_writes_the_four_outputs_and_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*entgraph.OUTPUT_FILES, "entgraph-cache.sqlite", "entgraph-build.json"]
    )
    G = nx.read_graphml(out / "graph.graphml")
    summary = capsys.readouterr().out
    assert f"1 document, {G.number_of_nodes()} nodes" in summary
    assert (out / "quotes.jsonl").exists()
    rows = [json.loads(line) for line in (out / "mentions.jsonl").read_text().splitlines()]
    assert {r["entity"] for r in rows} <= set(G.nodes)


def test_window_option_changes_the_comention_edges(tmp_path):
    main(["build", str(SEEDS), "-o", str(tmp_path / "s"), "-q"])
    main(["build", str(SEEDS), "-o", str(tmp_path / "d"), "-q", "--window", "document"])
    s = nx.read_graphml(tmp_path / "s" / "graph.graphml")
    d = nx.read_graphml(tmp_path / "d" / "graph.graphml")
    assert d.number_of_edges() > s.number_of_edges()
    assert d.graph["window"] == "document"


def test_per_edge_graphml_is_written_for_gephi_and_a_rerun_with_the_default_rebuilds(
    tmp_path, capsys
):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "-q", "--graphml-direction", "per-edge"]) == 0
    text = (out / "graph.graphml").read_text(encoding="utf-8")
    assert 'directed="false"' in text
    with pytest.raises(nx.NetworkXError):  # why it is not the default
        nx.read_graphml(out / "graph.graphml")
    assert entgraph.load(out).graph.number_of_edges() == text.count("<edge ")
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0  # default: written again
    assert 'directed="false"' not in (out / "graph.graphml").read_text(encoding="utf-8")
    assert "up to date" not in capsys.readouterr().out


def test_jsonl_input_with_custom_fields(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"key": "k1", "body": "The Kremlin said Russia and NATO talked."}))
    assert (
        main(
            [
                "build",
                str(corpus),
                "-o",
                str(tmp_path / "o"),
                "--text-field",
                "body",
                "--id-field",
                "key",
            ]
        )
        == 0
    )
    rows = (tmp_path / "o" / "mentions.jsonl").read_text().splitlines()
    assert {json.loads(r)["document"] for r in rows} == {"k1"}


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["build", "does-not-exist.txt"],
            "entgraph: error: no such file or directory: does-not-exist.txt",
        ),
        (["build", "{empty}"], "entgraph: error: no .txt, .md, .html or .warc files in folder"),
        (["build", "{blank}"], "entgraph: error: no usable documents in the input (1 empty)"),
        (
            ["build", "{seeds}", "--model", "en_core_web_nonexistent"],
            "spaCy pipeline 'en_core_web_nonexistent' is not installed; install it with: "
            "python -m spacy download en_core_web_nonexistent",
        ),
        (
            ["build", "{seeds}", "-o", "{blocked}/out"],
            "entgraph: error: cannot create output folder",
        ),
    ],
)
def test_bad_usage_exits_2_with_one_line(tmp_path, capsys, monkeypatch, args, message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank").mkdir()
    (tmp_path / "blank" / "b.txt").write_text("  \n")
    (tmp_path / "blocked").write_text("a file, not a folder")
    args = [
        a.format(
            empty=tmp_path / "empty",
            blank=tmp_path / "blank",
            seeds=SEEDS,
            blocked=tmp_path / "blocked",
        )
        for a in args
    ]
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "o")]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "build" in capsys.readouterr().err


def test_version_and_no_traceback_from_a_real_process(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "entgraph", "--version"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0
    assert run.stdout.strip() == f"entgraph {entgraph.__version__}"
    run = subprocess.run(
        [sys.executable, "-m", "entgraph", "build", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == f"entgraph: error: no such file or directory: {tmp_path / 'nope'}"


def test_stdin_input(tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("The Kremlin said Russia would talk to NATO."))
    assert main(["build", "-", "-o", str(tmp_path / "o"), "-q"]) == 0
    G = nx.read_graphml(tmp_path / "o" / "graph.graphml")
    assert {"org:kremlin", "country:rus", "org:nato"} <= set(G.nodes)
    assert capsys.readouterr().out == ""


def test_main_called_from_python_leaves_the_callers_garbage_collector_alone(tmp_path):
    import gc

    before = gc.get_threshold(), gc.get_freeze_count()
    (tmp_path / "a.txt").write_text("Jane Doe met John Roe in Paris.")
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
