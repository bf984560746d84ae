"""write_tables writes each row exactly as json would: the mention lines it assembles
from pieces encoded once per document and entity are the encoder's text of the rows."""

import json

import networkx as nx
import pytest

from entgraph.export.tables import (
    iter_document_rows,
    iter_mention_rows,
    iter_quote_rows,
    write_tables,
)
from entgraph.records import DocumentRecords, Mention

ENCODER = json.JSONEncoder(ensure_ascii=False)


def expected_bytes(rows):
    return b"".join(
        (ENCODER.encode(row) + "\n").encode("utf-8", "backslashreplace") for row in rows
    )


def written(tmp_path, records, node_of, nodes):
    paths = [tmp_path / name for name in ("m.jsonl", "q.jsonl", "d.jsonl")]
    write_tables(records, node_of, nodes, *paths)
    return [path.read_bytes() for path in paths]


def check(tmp_path, records, node_of, nodes):
    mentions, quotes, documents = written(tmp_path, records, node_of, nodes)
    assert mentions == expected_bytes(iter_mention_rows(records, node_of, nodes))
    assert quotes == expected_bytes(iter_quote_rows(records, node_of, nodes))
    assert documents == expected_bytes(iter_document_rows(records))
    return mentions


def test_tables_of_a_real_build_are_the_encoder_text_of_their_rows(seed_result, tmp_path):
    r = seed_result
    mentions = check(tmp_path, r.records, r.node_of, r.graph.nodes)
    assert mentions.count(b"\n") == len(r.mention_rows()) > 0


def mention(**fields):
    values = {"start": 0, "end": 8, "text": "Jane Doe", "sentence": 0, "paragraph": 0}
    values.update(ner_label="PERSON", type="PERSON", key="name:jane doe", name="Jane Doe")
    return Mention(**{**values, **fields})


@pytest.mark.parametrize(
    "odd",
    [
        {"start": True},  # a bool is "true" in JSON, not "True"
        {"sentence": None},
        {"ner_label": None},
        {"text": "Zo\u00eb \u201cDoe\u201d \\ \t"},  # non-ASCII, quotes, escapes
        {"text": "lone \udce9 surrogate"},  # written as its escape
        {"key": "name:nobody"},  # a mention of no node: no row
        {"key": "name:elsewhere"},  # mapped to an id that is no node: no row
        {"key": "name:bare"},  # a node without label or type: the mention's own
    ],
)
def test_odd_values_are_written_as_the_encoder_writes_them(tmp_path, odd):
    G = nx.MultiDiGraph()
    G.add_node("person:jane doe", label="Jane Doe", type="PERSON")
    G.add_node("bare")
    node_of = {"name:jane doe": "person:jane doe", "name:bare": "bare", "name:elsewhere": "x"}
    records = [
        DocumentRecords(
            f"doc{i}.txt",
            "Jane Doe met Jane Doe.",
            mentions=(mention(), mention(**{"start": 12, "end": 20, **odd})),
            date="2016-03-01" if i else None,
            metadata={"title": "T\u00eftle"},
        )
        for i in range(2)
    ]
    check(tmp_path, records, node_of, G.nodes)
