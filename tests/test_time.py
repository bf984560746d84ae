"""Time: document dates become first/last seen and timelines; slicing; dynamic GEXF.

Most tests use hand-made dated records (no model), so dates and counts are exact; a few
run the real pipeline on dated ``(id, text, date)`` inputs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import entgraph
from entgraph.cli import main
from entgraph.graph import build_graph as graph_of
from entgraph.records import DocumentRecords, Mention, Quote, Sentence

# (id, date, people named in one sentence, quote: (speaker, about) or None)
CORPUS = [
    ("a", "2016-01-05", ["Ann Lee", "Bob Roe"], None),
    ("b", "2016-01-20", ["Ann Lee", "Cy Poe"], ("Ann Lee", "Cy Poe")),
    ("c", "2016-02-03", ["Bob Roe", "Cy Poe"], None),
    ("d", "2016-03-14", ["Ann Lee", "Bob Roe", "Dee Fox"], ("Bob Roe", "Dee Fox")),
    ("e", "2016-03-31", ["Eve Gray", "Dee Fox"], None),
    ("f", None, ["Ann Lee", "Fay Hill"], None),
]


def key(name):
    return "person:" + name.lower()


def record(doc_id, date, names, quote=None):
    text = " met ".join(names) + "."
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(
            Mention(start, start + len(name), name, 0, 0, "PERSON", "PERSON", key(name), name)
        )
    quotes = ()
    if quote:
        speaker, about = quote
        quotes = (
            Quote(
                0,
                len(text),
                text,
                "direct",
                "said",
                0,
                0,
                speaker,
                None,
                None,
                key(speaker),
                (key(about),),
            ),
        )
    return DocumentRecords(
        doc_id, text, (Sentence(0, len(text), 0),), tuple(mentions), quotes, date=date
    )


def records(corpus=CORPUS):
    return [record(*row) for row in corpus]


def result_of(recs, **options):
    built = graph_of(recs, **options)
    built.graph.graph.update(window="sentence", documents=len(recs))
    return entgraph.GraphResult(graph=built.graph, records=list(recs), node_of=built.node_of)


def dates_mentioning(name, corpus=CORPUS):
    return [date for _, date, names, _ in corpus if name in names and date is not None]


def same_graph(G, H):
    return nx.node_link_data(G, edges="edges") == nx.node_link_data(H, edges="edges")


# -- first/last seen and timelines ------------------------------------------------------


@pytest.mark.parametrize("name", ["Ann Lee", "Bob Roe", "Cy Poe", "Dee Fox", "Eve Gray"])
def test_first_and_last_seen_are_the_earliest_and_latest_mentioning_documents(name):
    G = graph_of(records()).graph
    data = G.nodes[key(name)]
    assert data["first_seen"] == min(dates_mentioning(name))
    assert data["last_seen"] == max(dates_mentioning(name))


def test_undated_documents_count_everywhere_but_in_time_attributes():
    G = graph_of(records()).graph
    ann = G.nodes[key("Ann Lee")]
    assert ann["mentions"] == 4 and ann["documents"] == 4  # the undated one included
    assert json.loads(ann["timeline"]) == {"2016-01": 2, "2016-03": 1}
    # Only mentioned in the undated document: counted, but no time at all.
    fay = G.nodes[key("Fay Hill")]
    assert fay["mentions"] == 1
    assert not {"first_seen", "last_seen", "timeline"} & set(fay)
    edge = G.edges[key("Ann Lee"), key("Fay Hill"), "co-mention"]
    assert edge["weight"] == 1 and "timeline" not in edge


@pytest.mark.parametrize(
    "period, expected",
    [
        ("month", {"2016-01": 1, "2016-03": 1}),
        ("week", {"2016-W01": 1, "2016-W11": 1}),
        ("day", {"2016-01-05": 1, "2016-03-14": 1}),
    ],
)
def test_edges_count_their_weight_per_period(period, expected):
    G = graph_of(records(), period=period).graph
    edge = G.edges[key("Ann Lee"), key("Bob Roe"), "co-mention"]
    assert json.loads(edge["timeline"]) == expected
    assert (edge["first_seen"], edge["last_seen"]) == ("2016-01-05", "2016-03-14")
    assert json.loads(edge["evidence_dates"]) == ["2016-01-05", "2016-03-14"]


def test_the_graph_says_its_period_span_and_documents_per_period():
    G = graph_of(records()).graph
    assert G.graph["period"] == "month"
    assert (G.graph["first_seen"], G.graph["last_seen"]) == ("2016-01-05", "2016-03-31")
    assert G.graph["dated_documents"] == 5
    assert json.loads(G.graph["timeline"]) == {"2016-01": 2, "2016-02": 1, "2016-03": 2}


def test_an_undated_corpus_has_no_time_attribute_anywhere():
    G = graph_of([record(i, None, names) for i, _, names, _ in CORPUS]).graph
    assert not {"period", "timeline"} & set(G.graph)
    assert all("first_seen" not in d for _, d in G.nodes(data=True))
    assert all("timeline" not in d for *_, d in G.edges(data=True))


def test_time_attributes_read_back_from_graphml_json_and_csv(tmp_path):
    result = result_of(records())
    graphml = nx.read_graphml(result.write_graphml(tmp_path / "g.graphml"), force_multigraph=True)
    assert graphml.nodes[key("Dee Fox")]["first_seen"] == "2016-03-14"
    assert json.loads(graphml.graph["timeline"])["2016-02"] == 1
    data = json.loads(result.write_json(tmp_path / "g.json").read_text(encoding="utf-8"))
    assert same_graph(nx.node_link_graph(data, edges="edges"), result.graph)
    written = result.write_csv(tmp_path)
    pandas = pytest.importorskip("pandas")
    nodes = pandas.read_csv(written["nodes.csv"]).set_index("id")
    assert nodes.loc[key("Eve Gray"), "last_seen"] == "2016-03-31"
    assert pandas.isna(nodes.loc[key("Fay Hill"), "first_seen"])


def test_entity_tables_decode_the_timeline():
    pytest.importorskip("pandas")
    result = result_of(records())
    row = result.entities().set_index("id").loc[key("Cy Poe")]
    assert row["timeline"] == {"2016-01": 1, "2016-02": 1}
    assert set(result.mentions()["date"].dropna()) == {d for _, d, *_ in CORPUS if d}


# -- between ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, kept",
    [
        ("2016-01-20", "2016-03-14", ["b", "c", "d"]),  # inclusive at both ends
        (dt.date(2016, 2, 1), dt.date(2016, 3, 31), ["c", "d", "e"]),
        ("2016-03-01", None, ["d", "e"]),
        (None, "2016-01-05", ["a"]),
        ("2016-03-31T23:30:00-05:00", None, []),  # that instant is April 1 in UTC
        ("2017-01-01", "2017-12-31", []),
    ],
)
def test_between_keeps_exactly_the_documents_in_range_and_rebuilds_their_graph(start, end, kept):
    whole = result_of(records())
    part = whole.between(start, end)
    assert [r.document_id for r in part.records] == kept
    alone = graph_of([r for r in records() if r.document_id in kept]).graph
    # The graph equals a build on those documents alone (graph attributes aside).
    assert (
        nx.node_link_data(part.graph, edges="edges")["nodes"]
        == (nx.node_link_data(alone, edges="edges")["nodes"])
    )
    assert (
        nx.node_link_data(part.graph, edges="edges")["edges"]
        == (nx.node_link_data(alone, edges="edges")["edges"])
    )
    assert part.graph.graph["documents"] == len(kept)
    assert whole.graph.number_of_nodes() == 6  # the original is unchanged


def test_between_recomputes_first_seen_within_the_range():
    part = result_of(records()).between("2016-02-01", "2016-03-31")
    assert part.graph.nodes[key("Bob Roe")]["first_seen"] == "2016-02-03"
    assert part.graph.graph["first_seen"] == "2016-02-03"


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("next tuesday-ish", None, "cannot read 'next tuesday-ish' as a date"),
        ("2016-03-01", "2016-01-01", "starts after it ends"),
    ],
)
def test_between_rejects_bad_ranges(start, end, message):
    with pytest.raises(entgraph.InputError, match=message):
        result_of(records()).between(start, end)


# -- timeline -----------------------------------------------------------------------------


def test_timeline_of_one_entity_counts_mentions_quotes_and_co_mentions_per_period():
    pytest.importorskip("pandas")
    frame = result_of(records()).timeline("Bob Roe", freq="M")
    assert list(frame["period"]) == ["2016-01", "2016-02", "2016-03"]
    assert list(frame["mentions"]) == [1, 1, 1]
    assert list(frame["quotes"]) == [0, 0, 1]
    # January: with Ann; February: with Cy; March: with Ann and Dee.
    assert list(frame["co_mentions"]) == [1, 1, 2]
    assert str(frame["start"].iloc[1].date()) == "2016-02-01"


def test_timeline_without_entity_covers_the_top_entities_for_every_period():
    pytest.importorskip("pandas")
    frame = result_of(records()).timeline(freq="W", top=2)
    assert set(frame["label"]) == {"Ann Lee", "Bob Roe"}
    assert len(frame) == 2 * frame["period"].nunique()
    ann = frame[frame["label"] == "Ann Lee"]
    assert ann["mentions"].sum() == 3  # the undated mention is in no period


# -- dynamic GEXF ---------------------------------------------------------------------------


def test_the_gexf_of_a_dated_graph_is_dynamic_and_carries_the_spells(tmp_path):
    result = result_of(records())
    path = result.write_gexf(tmp_path / "g.gexf")
    H = nx.read_gexf(path)
    assert H.graph["mode"] == "dynamic"
    # Ann: January and March, two runs; each spell ends the day after its last period.
    assert H.nodes[key("Ann Lee")]["spells"] == [
        ("2016-01-01", "2016-02-01"),
        ("2016-03-01", "2016-04-01"),
    ]
    assert H.nodes[key("Cy Poe")]["spells"] == [("2016-01-01", "2016-03-01")]
    assert H.nodes[key("Ann Lee")]["period_mentions"] == [
        (2, "2016-01-01", "2016-02-01"),
        (1, "2016-03-01", "2016-04-01"),
    ]
    edge = H.edges[key("Ann Lee"), key("Bob Roe"), "co-mention"]
    assert edge["spells"] == [("2016-01-01", "2016-02-01"), ("2016-03-01", "2016-04-01")]
    # Seen only undated: no spell (Gephi shows it at every time).
    assert "spells" not in H.nodes[key("Fay Hill")]
    assert H.nodes[key("Fay Hill")]["mentions"] == 1


def test_the_dynamic_gexf_is_what_gephis_importer_reads(tmp_path):
    path = result_of(records(), period="week").write_gexf(tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    ns = {"g": root.tag[1:].split("}")[0]}
    graph = root.find("g:graph", ns)
    # Without timeformat Gephi reads times as doubles and would fail on dates.
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    dynamic = {
        a.get("id")
        for group in graph.findall("g:attributes", ns)
        if group.get("mode") == "dynamic"
        for a in group.findall("g:attribute", ns)
    }
    assert len(dynamic) == 2  # period_mentions (nodes), period_weight (edges)
    elements = graph.findall("g:nodes/g:node", ns) + graph.findall("g:edges/g:edge", ns)
    with_spells = 0
    for element in elements:
        spans = [(s.get("start"), s.get("end")) for s in element.findall("g:spells/g:spell", ns)]
        with_spells += bool(spans)
        # Gephi refuses overlapping intervals: sorted, each ends before the next starts.
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
        assert all(dt.date.fromisoformat(s) < dt.date.fromisoformat(e) for s, e in spans)
        values = [v for v in element.iter(f"{{{ns['g']}}}attvalue") if v.get("for") in dynamic]
        assert all(v.get("start") and v.get("end") for v in values)
        assert all(a.get("end") <= b.get("start") for a, b in itertools.pairwise(values))
    assert with_spells == len(elements) - 2  # all but Fay Hill and her undated edge


def test_an_undated_graph_stays_a_static_gexf(tmp_path):
    result = result_of([record(i, None, names) for i, _, names, _ in CORPUS])
    H = nx.read_gexf(result.write_gexf(tmp_path / "g.gexf"))
    assert H.graph["mode"] == "static"
    assert all("spells" not in d for _, d in H.nodes(data=True))


# -- the real pipeline: dated inputs ----------------------------------------------------------


def test_dated_pairs_with_time_zones_and_documents(build):
    result = build(
        [
            ("late", "Jane Doe spoke in Paris.", "2016-03-05T23:30:00-05:00"),
            ("gmt", "Jane Doe met John Roe.", "Sat, 05 Mar 2016 10:00:00 GMT"),
            entgraph.Document(id="doc", text="John Roe left Acme Corp.", date="2016-04-02"),
        ]
    )
    assert [r.date for r in result.records] == ["2016-03-06", "2016-03-05", "2016-04-02"]
    jane = result.entity("Jane Doe")
    assert (jane["first_seen"], jane["last_seen"]) == ("2016-03-05", "2016-03-06")
    assert result.entity("John Roe")["timeline"] == {"2016-03": 1, "2016-04": 1}


def test_a_bad_date_warns_once_naming_the_document_which_stays_undated(build):
    result = build(
        [
            ("good", "Jane Doe met John Roe.", "2016-03-05"),
            ("bad", "Jane Doe met John Roe again.", "the ides of March"),
        ]
    )
    warnings = [w for w in result.diagnostics.warnings if "date" in w]
    assert warnings == ["bad: cannot read the date 'the ides of March'; the document stays undated"]
    assert [r.date for r in result.records] == ["2016-03-05", None]
    jane = result.entity("Jane Doe")
    assert jane["mentions"] == 2 and jane["timeline"] == {"2016-03": 1}


def test_since_and_until_keep_only_documents_dated_in_range(build):
    docs = [
        ("jan", "Jane Doe met John Roe.", "2016-01-10"),
        ("feb", "Jane Doe met Acme Corp.", "2016-02-10"),
        ("mar", "John Roe met Acme Corp.", "2016-03-10"),
        ("none", "Jane Doe spoke.", None),
    ]
    result = build(docs, since="2016-02-01", until=dt.date(2016, 3, 10), period="week")
    assert [r.document_id for r in result.records] == ["feb", "mar"]
    assert result.diagnostics.skipped == {"outside the dates": 1, "undated": 1}
    assert result.graph.graph["period"] == "week"
    with pytest.raises(entgraph.InputError, match=r"no usable documents.*1 undated"):
        build(docs[3:], since="2016-01-01")
    with pytest.raises(entgraph.InputError, match="unknown period 'year'"):
        build(docs, period="year")


def test_cli_period_and_dates(tmp_path, capsys, nlp):
    text = tmp_path / "story.txt"
    text.write_text("Jane Doe met John Roe.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(text), "-o", str(out), "--period", "week", "-q", "--no-cache"]) == 0
    assert main(["build", str(text), "-o", str(out), "--since", "soon", "--no-cache"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "entgraph: error: cannot read 'soon' as a date (start of the date range)"
    ]
    # A text file has no date: nothing is left in any range.
    assert main(["build", str(text), "-o", str(out), "--until", "2016-01-01", "--no-cache"]) == 2
    assert "1 undated" in capsys.readouterr().err
