"""The explorer API: look-up, rankings, neighbours, views, communities, tables, display.

Most tests use a small hand-made corpus (records built here, no model), so they pin the
behaviour exactly; a few run on the seed article with the real pipeline.
"""

from __future__ import annotations

import html
import re
import sys
import types

import networkx as nx
import pytest

import entgraph
from entgraph.explore import INLINE_MAX_NODES, Neighbor, Ranked
from entgraph.export import render_html
from entgraph.graph import build_graph as graph_of
from entgraph.records import Affiliation, DocumentRecords, Mention, Quote, Sentence


def mention(text, surface, key, type_, sentence, nth=0):
    # People and organizations as extraction writes them: names the corpus resolves.
    kind, _, name = key.partition(":")
    key = f"name:{name}" if kind in ("person", "org") else key
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, sentence, 0, type_, type_, key, surface)


def sentences(text):
    spans, start = [], 0
    for part in text.split("|"):
        spans.append(Sentence(start, start + len(part), 0))
        start += len(part) + 1
    return tuple(spans)


def corpus_records():
    one = 'Ann Lee met Bob Roe at Acme.|"Lee is wrong," Roe said.'
    quote_at = one.index("Lee is wrong")
    first = DocumentRecords(
        "d1",
        one,
        sentences(one),
        (
            mention(one, "Ann Lee", "person:ann lee", "PERSON", 0),
            mention(one, "Bob Roe", "person:bob roe", "PERSON", 0),
            mention(one, "Acme", "org:acme", "ORG", 0),
            mention(one, "Lee", "person:lee", "PERSON", 1, nth=1),
            mention(one, "Roe", "person:roe", "PERSON", 1, nth=1),
        ),
        quotes=(
            Quote(
                quote_at,
                quote_at + len("Lee is wrong,"),
                "Lee is wrong,",
                "direct",
                "said",
                1,
                0,
                speaker_text="Roe",
                speaker_key="name:roe",
                mention_keys=("name:lee",),
            ),
        ),
        affiliations=(Affiliation("name:ann lee", "name:acme", "director", 0),),
        metadata={"title": "Acme in court", "url": "https://news.example/acme"},
    )
    two = "Acme and Zed Corp sued Freedonia."
    second = DocumentRecords(
        "d2",
        two,
        sentences(two),
        (
            mention(two, "Acme", "org:acme", "ORG", 0),
            mention(two, "Zed Corp", "org:zed corp", "ORG", 0),
            mention(two, "Freedonia", "country:fre", "COUNTRY", 0),
        ),
    )
    three = "Dan Poe spoke."
    third = DocumentRecords(
        "d3", three, sentences(three), (mention(three, "Dan Poe", "person:dan poe", "PERSON", 0),)
    )
    return [first, second, third]


def make_result(records=None):
    records = corpus_records() if records is None else records
    built = graph_of(records)
    return entgraph.GraphResult(graph=built.graph, records=records, node_of=built.node_of)


@pytest.fixture
def corpus():
    return make_result()


# -- names ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["person:ann lee", "Ann Lee", "ann  LEE", "Lee", "lee", " Lee\n"])
def test_lookup_by_id_label_or_alias_in_any_case(corpus, name):
    assert corpus.lookup(name) == "person:ann lee"


def test_seed_alias_finds_the_full_name(seed_result):
    assert seed_result.lookup("Putin") == "person:vladimir putin"
    assert seed_result.entity("putin")["label"] == "Vladimir Putin"


def test_unknown_name_raises_with_close_matches(corpus):
    with pytest.raises(entgraph.EntityNotFoundError) as caught:
        corpus.lookup("Ann Leigh")
    assert (
        str(caught.value) == "no entity named 'Ann Leigh'; did you mean: Ann Lee (person:ann lee)"
    )
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, entgraph.EntgraphError)


def test_a_first_name_suggests_the_full_name(corpus):
    with pytest.raises(KeyError, match=r"did you mean: Dan Poe \(person:dan poe\)"):
        corpus.neighbors("Dan")


def test_name_far_from_everything_says_so(corpus):
    with pytest.raises(entgraph.EntityNotFoundError, match="no entity named 'xyzzy' among the 6"):
        corpus.ego("xyzzy")


def test_ambiguous_name_lists_every_candidate():
    G = nx.MultiDiGraph()
    G.add_node("person:ann lee", label="Ann Lee", type="PERSON", aliases='["Ann Lee"]')
    G.add_node("org:ann lee", label="Ann Lee", type="ORG", aliases='["Ann Lee"]')
    result = entgraph.GraphResult(graph=G, records=[], node_of={})
    with pytest.raises(entgraph.EntityNotFoundError) as caught:
        result.lookup("ann lee")
    assert str(caught.value) == (
        "'ann lee' names 2 entities: Ann Lee (person:ann lee), Ann Lee (org:ann lee); "
        "give the node id instead"
    )
    assert result.lookup("org:ann lee") == "org:ann lee"


def test_entity_has_attributes_with_json_decoded(corpus):
    entity = corpus.entity("Lee")
    assert entity["id"] == "person:ann lee"
    assert entity["aliases"] == ["Ann Lee", "Lee"]
    assert entity["alias_counts"] == {"Ann Lee": 1, "Lee": 1}
    assert entity["roles"] == ["director"]


# -- rankings and neighbours ----------------------------------------------------------


@pytest.mark.parametrize(
    "by, first, score",
    [
        ("mentions", "Ann Lee", 2),  # ties broken by label: Acme 2, Ann Lee 2, Bob Roe 2
        ("documents", "Acme", 2),
        ("quotes", "Bob Roe", 1),
        ("degree", "Acme", 4),
        ("weighted degree", "Acme", 5),  # Acme 5, Ann Lee 5 (2 + 1 + 1 + 1)
        ("weighted_degree", "Acme", 5),
    ],
)
def test_top_ranks_by_each_measure(corpus, by, first, score):
    best = corpus.top(3, by=by)
    assert len(best) == 3 and all(isinstance(r, Ranked) for r in best)
    if by == "mentions":
        assert [r.label for r in best] == ["Acme", "Ann Lee", "Bob Roe"]
    else:
        assert (best[0].label, best[0].score) == (first, score)


def test_top_by_pagerank_puts_the_hub_first_and_sums_to_one(corpus):
    ranked = corpus.top(10, by="pagerank")
    assert ranked[0].label == "Acme"
    assert ranked[-1].label == "Dan Poe"  # no edge at all
    assert sum(r.score for r in ranked) == pytest.approx(1.0)


def test_top_keeps_only_the_types_asked_for(corpus):
    assert [r.label for r in corpus.top(5, types="person")] == ["Ann Lee", "Bob Roe", "Dan Poe"]
    assert {r.type for r in corpus.top(5, types=["ORG", "COUNTRY"])} == {"ORG", "COUNTRY"}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda r: r.top(by="fame"), "unknown measure 'fame'; use one of mentions, documents"),
        (lambda r: r.top(types="planet"), "unknown entity type 'PLANET'; use one of PERSON"),
        (lambda r: r.filter(relations="likes"), "unknown relation 'likes'; use one of co-mention"),
        (lambda r: r.ego("Acme", radius=-1), "radius must be 0 or more"),
    ],
)
def test_bad_arguments_raise_input_error_naming_the_choices(corpus, call, message):
    with pytest.raises(entgraph.InputError, match=message):
        call(corpus)


def test_neighbors_give_relation_direction_and_weight(corpus):
    rows = corpus.neighbors("Roe")
    assert all(isinstance(r, Neighbor) for r in rows)
    assert rows[0] == Neighbor("person:ann lee", "Ann Lee", "PERSON", "co-mention", "both", 2)
    assert Neighbor("person:ann lee", "Ann Lee", "PERSON", "quotation", "out", 1) in rows
    quoted = corpus.neighbors("Ann Lee", relations="quotation")
    assert quoted == [Neighbor("person:bob roe", "Bob Roe", "PERSON", "quotation", "in", 1)]
    assert corpus.neighbors("Dan Poe") == []


# -- views ------------------------------------------------------------------------------


def test_ego_keeps_the_entity_and_its_neighbourhood(corpus):
    one = corpus.ego("Zed Corp")
    assert isinstance(one, entgraph.GraphResult)
    assert set(one.graph) == {"org:zed corp", "org:acme", "country:fre"}
    two = corpus.ego("Zed Corp", radius=2)
    assert set(two.graph) == {
        "org:zed corp",
        "org:acme",
        "country:fre",
        "person:ann lee",
        "person:bob roe",
    }
    assert set(corpus.ego("Zed Corp", radius=0).graph) == {"org:zed corp"}
    # Quotation edges count in both directions.
    assert "person:bob roe" in corpus.ego("Ann Lee").graph


def test_views_restrict_records_and_tables_consistently(corpus):
    view = corpus.ego("Zed Corp")
    assert view.documents == 2  # d1 mentions Acme too; d3 none of them
    assert sum(len(r.mentions) for r in view.records) == 4
    assert {row["entity"] for row in view.mention_rows()} == set(view.graph)
    assert view.quote_rows() == []
    assert view.graph.graph == corpus.graph.graph
    people = corpus.filter(types="PERSON", keep_isolated=True)
    assert people.documents == 2  # d1 and d3
    assert corpus.filter(types="PERSON").documents == 1  # d3's lone person has no edge
    assert people.quote_rows()[0]["speaker"] == "Bob Roe"
    assert people.quote_rows()[0]["mentions"] == ["person:ann lee"]
    assert all(r.affiliations == () for r in people.records)  # Acme is gone
    assert set(people.node_of.values()) == set(people.graph)


def test_filter_by_relation_weight_and_mentions(corpus):
    strong = corpus.filter(min_weight=2)
    assert [(u, v, k) for u, v, k in strong.graph.edges(keys=True)] == [
        ("person:ann lee", "person:bob roe", "co-mention")
    ]
    # Entities left without an edge go, unless asked to stay.
    assert set(strong.graph) == {"person:ann lee", "person:bob roe"}
    assert corpus.filter(min_weight=2, keep_isolated=True).graph.number_of_nodes() == 6
    said = corpus.filter(relations=["quotation", "affiliation"])
    assert {k for *_, k in said.graph.edges(keys=True)} == {"quotation", "affiliation"}
    assert set(corpus.filter(min_mentions=2).graph) == {
        "org:acme",
        "person:ann lee",
        "person:bob roe",
    }


def test_views_never_change_the_original(corpus):
    before = nx.node_link_data(corpus.graph, edges="edges")
    records = list(corpus.records)
    view = corpus.filter(types="ORG")
    view.communities()
    view.graph.nodes["org:acme"]["label"] = "changed"
    assert nx.node_link_data(corpus.graph, edges="edges") == before
    assert corpus.records == records


# -- communities --------------------------------------------------------------------


def test_communities_split_clusters_and_mark_every_node():
    text = "A1 A2 A3.|B1 B2 B3.|A1 B1."
    people = [("A1", 0), ("A2", 0), ("A3", 0), ("B1", 1), ("B2", 1), ("B3", 1)]
    mentions = [mention(text, n, f"person:{n.lower()}", "PERSON", s) for n, s in people]
    mentions += [
        mention(text, "A1", "person:a1", "PERSON", 2, nth=1),
        mention(text, "B1", "person:b1", "PERSON", 2, nth=1),
    ]
    result = make_result([DocumentRecords("d", text, sentences(text), tuple(mentions))])
    groups = result.communities()
    assert sorted(map(sorted, groups)) == [
        ["person:a1", "person:a2", "person:a3"],
        ["person:b1", "person:b2", "person:b3"],
    ]
    assert {n: d["community"] for n, d in result.graph.nodes(data=True)} == {
        node: index for index, group in enumerate(groups) for node in group
    }
    assert result.communities() == groups  # fixed seed: repeatable


def test_every_seed_entity_gets_a_community(seed_result):
    view = seed_result.filter()  # a copy: the session's graph stays as built
    groups = view.communities()
    assert sorted(n for g in groups for n in g) == sorted(view.graph)
    assert "community" not in next(iter(seed_result.graph.nodes.values()))


# -- tables ------------------------------------------------------------------------------


def test_dataframes_of_entities_mentions_quotes_and_edges(corpus):
    entities = corpus.entities()
    assert list(entities.columns[:3]) == ["id", "label", "type"]
    assert list(entities["label"][:3]) == ["Acme", "Ann Lee", "Bob Roe"]
    assert entities.set_index("id").loc["person:ann lee", "aliases"] == ["Ann Lee", "Lee"]
    mentions = corpus.mentions()
    assert len(mentions) == 9 and set(mentions["document"]) == {"d1", "d2", "d3"}
    assert list(mentions.columns) == list(entgraph.export.tables.MENTION_COLUMNS)
    quotes = corpus.quotes()
    assert quotes.loc[0, "speaker"] == "Bob Roe" and quotes.loc[0, "text"] == "Lee is wrong,"
    edges = corpus.edges()
    assert list(edges.columns[:5]) == [
        "source",
        "target",
        "source_label",
        "target_label",
        "relation",
    ]
    first = edges.iloc[0]
    assert (first["source_label"], first["target_label"], first["weight"]) == (
        "Ann Lee",
        "Bob Roe",
        2,
    )
    assert first["evidence"] == ["Ann Lee met Bob Roe at Acme.", '"Lee is wrong," Roe said.']
    # Where each evidence item comes from, as lists parallel to it.
    assert first["evidence_documents"] == ["d1", "d1"]
    assert first["evidence_titles"] == ["Acme in court"] * 2
    assert first["evidence_urls"] == ["https://news.example/acme"] * 2
    second = edges[edges["target_label"] == "Zed Corp"].iloc[0]
    assert (second["evidence_titles"], second["evidence_urls"]) == ([""], [""])
    assert edges[edges["relation"] == "affiliation"]["role"].tolist() == ["director"]


def test_empty_tables_still_have_their_columns():
    result = make_result([corpus_records()[2]])
    assert result.quotes().empty
    assert "speaker" in result.quotes().columns
    assert list(result.edges().columns[:2]) == ["source", "target"]


def test_missing_pandas_says_how_to_install_it(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "entgraph\[pandas\]"'):
        corpus.entities()


# -- display ----------------------------------------------------------------------------


def srcdoc_of(markup):
    return html.unescape(re.search(r'<iframe srcdoc="([^"]*)"', markup).group(1))


def test_repr_is_one_short_line(corpus):
    assert repr(corpus) == "<GraphResult: 3 documents, 6 nodes, 8 edges>"
    assert repr(corpus.ego("Dan Poe")) == "<GraphResult: 1 document, 1 nodes, 0 edges>"


def test_repr_html_is_a_sandboxed_iframe_holding_the_whole_page(corpus):
    markup = corpus._repr_html_()
    assert srcdoc_of(markup) == render_html(corpus.graph, max_nodes=INLINE_MAX_NODES)
    assert 'sandbox="allow-scripts' in markup
    # Everything of the page is inside the attribute: no markup of it leaks out.
    assert "<script" not in re.sub(r'srcdoc="[^"]*"', "", markup)


def test_hostile_names_stay_inside_the_srcdoc():
    G = nx.MultiDiGraph()
    G.add_node("person:x", label='"></iframe><script>alert(1)</script>', type="PERSON")
    markup = entgraph.GraphResult(graph=G, records=[], node_of={})._repr_html_()
    assert markup.count("<iframe") == 1 and markup.count("</iframe>") == 1
    assert "<script>alert(1)" not in markup


def test_show_outside_a_notebook_writes_a_page_and_prints_its_path(corpus, capsys, tmp_path):
    path = corpus.show()
    try:
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert str(path) in capsys.readouterr().out
    finally:
        path.unlink()


def test_show_in_a_notebook_displays_the_iframe(corpus, monkeypatch):
    shown = []
    fake_ipython = types.SimpleNamespace(get_ipython=lambda: types.SimpleNamespace(kernel=object()))
    fake_display = types.SimpleNamespace(HTML=lambda markup: markup, display=shown.append)
    monkeypatch.setitem(sys.modules, "IPython", fake_ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", fake_display)
    assert corpus.show(height=321) is None
    assert len(shown) == 1 and "<iframe srcdoc=" in shown[0] and "height: 321px" in shown[0]


# -- raw text input ----------------------------------------------------------------------


def test_texts_are_documents_text_1_text_2(nlp):
    result = entgraph.build_graph(
        texts=["The French government spoke.", "Germany replied."], nlp=nlp
    )
    assert [r.document_id for r in result.records] == ["text-1", "text-2"]
    assert {"country:fra", "country:deu"} <= set(result.graph)
    one = entgraph.build_graph(texts="Germany replied.", nlp=nlp)
    assert [r.document_id for r in one.records] == ["text-1"]


def test_texts_mix_with_pairs(nlp):
    result = entgraph.build_graph([("a", "France spoke.")], texts=["Germany replied."], nlp=nlp)
    assert [r.document_id for r in result.records] == ["a", "text-1"]


def test_text_given_as_a_path_explains_texts(build):
    with pytest.raises(entgraph.InputError, match=r"to pass text itself, use build_graph\(texts="):
        build(["The French government said\nGermany would talk."])


def test_missing_path_keeps_the_plain_message(build):
    with pytest.raises(entgraph.InputError, match=r"no such file or directory: missing\.txt$"):
        build(["missing.txt"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "no inputs given: pass paths or"),
        ({"texts": ["ok", 3]}, r"texts\[1\] is int, not str"),
    ],
)
def test_bad_text_input_is_explained(nlp, kwargs, message):
    with pytest.raises(entgraph.InputError, match=message):
        entgraph.build_graph(nlp=nlp, **kwargs)
