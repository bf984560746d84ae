"""The time notebook runs top to bottom on a small dated sample made here (PolNeAR's
format), so CI runs it without the corpus, and shows what it promises."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
from test_notebook import cell, run, text_of  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "time.ipynb"
# (publication date, text): invented people and a made-up company, March to July 2016.
SAMPLE = [
    (
        "2016-03-02",
        'Senator Jane Doe met Governor John Roe in Ohio. "We will win this state," Jane Doe said.',
    ),
    (
        "2016-03-15",
        'John Roe spoke about Acme Corp on Tuesday. "Acme Corp must pay its taxes," John Roe said.',
    ),
    (
        "2016-04-09",
        'Jane Doe criticized Acme Corp on Monday. "Acme Corp has failed the workers," '
        "Jane Doe told reporters.",
    ),
    (
        "2016-04-21",
        'Mary Major joined Jane Doe at a rally in Texas. "Jane Doe is the right '
        'choice," Mary Major said.',
    ),
    (
        "2016-05-30",
        'John Roe and Mary Major debated in Florida. "John Roe has no plan," Mary Major said.',
    ),
    (
        "2016-06-11",
        'Jane Doe visited Mexico with John Roe. "Mexico is our partner," John Roe said.',
    ),
    ("2016-06-25", 'Mary Major attacked John Roe. "John Roe cannot be trusted," Mary Major said.'),
    (
        "2016-07-04",
        'Jane Doe thanked the workers of Acme Corp in Ohio. "Acme Corp workers built '
        'this town," Jane Doe said.',
    ),
]


def write_sample(path):
    with path.open("w", encoding="utf-8") as fh:
        for i, (date, text) in enumerate(SAMPLE):
            for primary in (True, False):  # a second annotator's copy must be skipped
                row = {
                    "article": f"news_{date}_{i}",
                    "annotator": "x",
                    "primary": primary,
                    "publication_date": date,
                    "title": "",
                    "text": text,
                }
                fh.write(json.dumps(row) + "\n")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("time-notebook")
    corpus = folder / "sample.jsonl"
    write_sample(corpus)
    out = folder / "out"
    nb = run(
        NOTEBOOK,
        f"CORPUS = {str(corpus)!r}\nLIMIT = None\nOUT = {str(out) + '/'!r}\n"
        'EARLY = ("2016-03-01", "2016-04-30")\nLATE = ("2016-06-01", "2016-07-31")',
    )
    return nb, out


def test_the_primary_lines_are_built_with_their_dates(executed):
    nb, _ = executed
    shown = text_of(cell(nb, "build"))
    assert f"{len(SAMPLE)} documents" in shown
    assert "dated from 2016-03-02 to 2016-07-04" in shown


def test_first_seen_and_timelines_are_shown(executed):
    nb, _ = executed
    table = text_of(cell(nb, "first-seen"))
    assert "Jane Doe" in table and "2016-03-02" in table
    assert "2016-07" in text_of(cell(nb, "timeline"))
    assert "co_mentions" in text_of(cell(nb, "entity-timeline"))


def test_who_was_quoted_in_one_range_but_not_the_other(executed):
    nb, _ = executed
    shown = text_of(cell(nb, "quoted"))
    # March-April and June-July of the sample: between() kept exactly those articles.
    assert "early: 4 documents" in shown and "late: 3 documents" in shown
    assert "quoted about" in shown and "but not in" in shown


def test_the_gephi_file_is_dynamic_and_first_seen_is_right(executed):
    _, out = executed
    G = nx.read_gexf(out / "polnear.gexf")
    assert G.graph["mode"] == "dynamic"
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    for node, data in graphml.nodes(data=True):
        label = data["label"]
        dates = [d for d, text in SAMPLE if label in text]
        if dates:  # the entity's first and last mentioning articles
            assert (data["first_seen"], data["last_seen"]) == (min(dates), max(dates)), label
        assert G.nodes[node]["spells"]
    assert '"time":{"period":"month"' in (out / "graph.html").read_text(encoding="utf-8")
