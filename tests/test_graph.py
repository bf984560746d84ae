"""Graph building: windows, weights without double counting, evidence, schema."""

from __future__ import annotations

import json

import pytest

from entgraph.graph import build_graph, json_strings
from entgraph.records import Affiliation, DocumentRecords, Mention, Quote, Sentence

TEXT = "Ann Lee met Bob Roe. Ann Lee and Bob Roe met again.\nCyd Poe stayed home."


def mention(start, text, sentence, paragraph=0, key=None):
    # Unresolved names, as extraction writes them: the corpus decides their node.
    key = key or f"name:{text.casefold()}"
    return Mention(
        start, start + len(text), text, sentence, paragraph, "PERSON", "PERSON", key, text
    )


def sample(document_id="d1"):
    sentences = (Sentence(0, 20, 0), Sentence(21, 51, 0), Sentence(52, 72, 1))
    mentions = (
        mention(0, "Ann Lee", 0),
        mention(12, "Bob Roe", 0),
        mention(21, "Ann Lee", 1),
        mention(33, "Bob Roe", 1),
        mention(52, "Cyd Poe", 2, paragraph=1),
    )
    return DocumentRecords(document_id, TEXT, sentences, mentions)


def comention(G, a, b):
    u, v = sorted((f"person:{a}", f"person:{b}"))
    return G.edges[u, v, "co-mention"] if G.has_edge(u, v, "co-mention") else None


def test_sentence_window_counts_each_sentence_once_and_keeps_examples():
    G = build_graph([sample()]).graph
    edge = comention(G, "ann lee", "bob roe")
    assert edge["weight"] == 2
    assert edge["documents"] == 1
    assert json.loads(edge["evidence"]) == [
        "Ann Lee met Bob Roe.",
        "Ann Lee and Bob Roe met again.",
    ]
    assert comention(G, "ann lee", "cyd poe") is None


def test_paragraph_window_counts_a_pair_once_per_paragraph():
    G = build_graph([sample()], window="paragraph").graph
    assert comention(G, "ann lee", "bob roe")["weight"] == 1
    assert comention(G, "ann lee", "cyd poe") is None


def test_document_window_links_everything_in_the_document_once():
    G = build_graph([sample("d1"), sample("d2")], window="document").graph
    edge = comention(G, "ann lee", "cyd poe")
    assert (edge["weight"], edge["documents"]) == (2, 2)
    assert json.loads(edge["evidence"]) == ["Ann Lee met Bob Roe. … Cyd Poe stayed home."]


def test_comention_edges_appear_once_per_pair():
    G = build_graph([sample()]).graph
    pairs = [(u, v) for u, v, k in G.edges(keys=True) if k == "co-mention"]
    assert len(pairs) == len({frozenset(p) for p in pairs})
    assert all(u < v for u, v in pairs)


def test_node_attributes():
    G = build_graph([sample("d1"), sample("d2")]).graph
    data = G.nodes["person:ann lee"]
    assert data["label"] == "Ann Lee"
    assert data["type"] == "PERSON"
    assert json.loads(data["aliases"]) == ["Ann Lee"]
    assert (data["mentions"], data["documents"]) == (4, 2)


def test_a_surname_joins_the_one_full_name_of_the_corpus():
    other = DocumentRecords("d2", "Lee spoke.", (Sentence(0, 10, 0),), (mention(0, "Lee", 0),))
    built = build_graph([sample(), other])
    assert built.node_of["name:lee"] == "person:ann lee"
    assert "person:lee" not in built.graph
    assert built.graph.nodes["person:ann lee"]["mentions"] == 3
    assert "surname" in json.loads(built.graph.nodes["person:ann lee"]["provenance"])["Lee"]


def test_an_ambiguous_surname_stays_on_its_own():
    two_lees = DocumentRecords(
        "d2",
        "Tom Lee met Lee.",
        (Sentence(0, 16, 0),),
        (mention(0, "Tom Lee", 0), mention(12, "Lee", 0)),
    )
    built = build_graph([sample(), two_lees])
    assert built.node_of["name:lee"] == "person:lee"


def test_quotation_and_affiliation_edges_are_directed():
    rec = sample()
    quote = Quote(
        21,
        51,
        "Ann Lee and Bob Roe met again.",
        "direct",
        "said",
        1,
        0,
        speaker_text="Cyd Poe",
        speaker_key="name:cyd poe",
        mention_keys=("name:ann lee", "name:bob roe", "name:cyd poe"),
    )
    aff = Affiliation("name:ann lee", "name:bob roe", "aide", 0)
    rec = DocumentRecords(rec.document_id, rec.text, rec.sentences, rec.mentions, (quote,), (aff,))
    G = build_graph([rec]).graph
    q = G.edges["person:cyd poe", "person:ann lee", "quotation"]
    assert (q["relation"], q["weight"]) == ("quotation", 1)
    assert json.loads(q["evidence"]) == ["Ann Lee and Bob Roe met again."]
    assert not G.has_edge("person:cyd poe", "person:cyd poe")  # never the speaker
    assert G.nodes["person:cyd poe"]["quotes"] == 1
    a = G.edges["person:ann lee", "person:bob roe", "affiliation"]
    assert (a["role"], a["weight"]) == ("aide", 1)
    assert json.loads(G.nodes["person:ann lee"]["roles"]) == ["aide"]


def test_every_evidence_item_carries_its_documents_title_and_url():
    # Three documents: one with a title and a web address, one with a title only, one
    # with neither. Each relation's evidence says where each of its items comes from.
    metadata = [
        {"title": "Talks in Oslo", "url": "https://news.example/oslo", "author": "Jo Ng"},
        {"title": "Talks, day two"},
        {},
    ]
    records = []
    for i, meta in enumerate(metadata):
        text = f"Cyd Poe said Ann Lee, an aide to Bob Roe, left on day {i}."
        names = [mention(text.index(n), n, 0) for n in ("Cyd Poe", "Ann Lee", "Bob Roe")]
        said = text.index("Ann Lee")
        quote = Quote(
            said, len(text), text[said:], "reported", "said", 0, 0,
            speaker_text="Cyd Poe", speaker_key="name:cyd poe",
            mention_keys=("name:ann lee", "name:bob roe"),
        )  # fmt: skip
        aff = Affiliation("name:ann lee", "name:bob roe", "aide", 0)
        sentences = (Sentence(0, len(text), 0),)
        records.append(
            DocumentRecords(f"d{i}", text, sentences, tuple(names), (quote,), (aff,), metadata=meta)
        )
    G = build_graph(records).graph
    edges = [
        comention(G, "ann lee", "bob roe"),
        G.edges["person:cyd poe", "person:ann lee", "quotation"],
        G.edges["person:ann lee", "person:bob roe", "affiliation"],
    ]
    for edge in edges:
        assert len(json.loads(edge["evidence"])) == 3
        assert json.loads(edge["evidence_documents"]) == ["d0", "d1", "d2"]
        assert json.loads(edge["evidence_titles"]) == ["Talks in Oslo", "Talks, day two", ""]
        assert json.loads(edge["evidence_urls"]) == ["https://news.example/oslo", "", ""]
    quotes = json.loads(G.nodes["person:cyd poe"]["quote_evidence"])
    assert [(q["document"], q.get("title"), q.get("url")) for q in quotes] == [
        ("d0", "Talks in Oslo", "https://news.example/oslo"),
        ("d1", "Talks, day two", None),
        ("d2", None, None),
    ]


def test_unknown_window_is_rejected():
    with pytest.raises(ValueError, match="window"):
        build_graph([sample()], window="page")


@pytest.mark.parametrize("ascii", [True, False])
def test_string_arrays_are_written_as_json_dumps_writes_them(ascii):
    texts = [
        "",
        "Jane Doe",
        'she said "no"',
        "back\\slash",
        "tab\tnew\nline\x00",
        "Zoë Müller",
        "東京",
        "emoji \U0001f600",
        "lone \ud800 surrogate",
        "\u2028",
    ]
    for items in ([], texts[:1], texts):
        assert json_strings(items, ascii=ascii) == json.dumps(items, ensure_ascii=ascii)
