"""The built graph kept in the record cache (entgraph/graphstore.py)."""

from __future__ import annotations

import networkx as nx
import pytest

import entgraph
from entgraph import api, graphstore
from entgraph.cache import GRAPHS_KEPT, RecordCache
from entgraph.export import write_graphml
from entgraph.graphstore import StoredGraph

ARTICLES = [
    "Jane Doe met John Roe in Paris. Doe said the Acme Trade Council would agree.",
    "The Acme Trade Council said Jane Doe was wrong. Mary Major, its head, agreed.",
    "John Roe and Mary Major flew to Berlin. Roe said: \u201cWe will sign.\u201d",
]


def awkward_graph() -> nx.MultiDiGraph:
    """Predecessors added in an order their sources' order does not give back,
    parallel edges, a self loop, attributes in differing orders, graph attributes."""
    g = nx.MultiDiGraph(generator="test", documents=3)
    for n in ["c", "a", "b", "d"]:
        g.add_node(n, label=n.upper(), mentions=len(n), share=0.5, named=True)
    g.add_node("e")
    g.add_edge("d", "a", relation="co_mention", weight=2)
    g.add_edge("b", "a", weight=1, relation="quotes", evidence='["x"]')
    g.add_edge("c", "a", relation="co_mention", weight=3)
    g.add_edge("b", "a", relation="co_mention", weight=1)
    g.add_edge("a", "a", relation="co_mention", weight=1)
    g.add_edge("a", "c", key="k", relation="member_of", role="head")
    return g


def test_a_stored_graph_comes_back_in_the_same_order_in_every_respect(tmp_path):
    g = awkward_graph()
    back = graphstore.load(graphstore.dump(StoredGraph(g, {"doc1#0": "a"}, 2, 5)))
    h = back.graph
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    assert list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    for node in g:  # the explorer lists a node's in-edges in this order
        assert list(h.in_edges(node, keys=True)) == list(g.in_edges(node, keys=True))
        assert [list(d) for *_, d in h.in_edges(node, data=True)] == [
            list(d) for *_, d in g.in_edges(node, data=True)
        ]
    assert h.graph == g.graph
    assert (back.node_of, back.capped_windows, back.left_out) == ({"doc1#0": "a"}, 2, 5)
    write_graphml(g, tmp_path / "a.graphml")
    write_graphml(h, tmp_path / "b.graphml")
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


@pytest.mark.parametrize("blob", [b"", b"not a graph", graphstore.zlib.compress(b"\x93\x01\x02")])
def test_bytes_that_are_no_stored_graph_are_refused(blob):
    with pytest.raises(ValueError):
        graphstore.load(blob)


def _pairs(texts):
    return [(f"doc{i}", text) for i, text in enumerate(texts)]


def _no_graph_stage(*args, **kwargs):
    raise AssertionError("the graph was built again")


def test_a_warm_rebuild_takes_the_graph_from_the_cache(nlp, tmp_path, monkeypatch):
    cache = tmp_path / "cache.sqlite"
    cold = entgraph.build_graph(_pairs(ARTICLES), nlp=nlp, cache=cache)
    cold.write(tmp_path / "cold")
    monkeypatch.setattr(api, "_build", _no_graph_stage)
    warm = entgraph.build_graph(_pairs(ARTICLES), nlp=nlp, cache=cache)
    warm.write(tmp_path / "warm")
    for name in entgraph.OUTPUT_FILES:
        assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes()
    assert warm.node_of == cold.node_of
    assert [r.document_id for r in warm.records] == [r.document_id for r in cold.records]


@pytest.mark.parametrize(
    ("texts", "options"),
    [
        ([*ARTICLES[:2], "Mary Major met Jane Doe in Rome."], {}),  # a document changed
        (ARTICLES[::-1], {}),  # the same documents in another order
        (ARTICLES, {"window": "paragraph"}),  # another option
    ],
)
def test_any_change_builds_the_graph_again(nlp, tmp_path, monkeypatch, texts, options):
    cache = tmp_path / "cache.sqlite"
    entgraph.build_graph(_pairs(ARTICLES), nlp=nlp, cache=cache)
    built = []
    real = api._build

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "_build", counting)
    again = entgraph.build_graph(_pairs(texts), nlp=nlp, cache=cache, **options)
    fresh = entgraph.build_graph(_pairs(texts), nlp=nlp, **options)  # no cache at all
    assert built == [1, 1]
    write_graphml(again.graph, tmp_path / "a.graphml")
    write_graphml(fresh.graph, tmp_path / "b.graphml")
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


def test_a_damaged_stored_graph_is_built_again(nlp, tmp_path):
    cache = tmp_path / "cache.sqlite"
    cold = entgraph.build_graph(_pairs(ARTICLES), nlp=nlp, cache=cache)
    db = graphstore_db(cache)
    db.execute("UPDATE graphs SET data = x'00'")
    db.commit()
    db.close()
    warm = entgraph.build_graph(_pairs(ARTICLES), nlp=nlp, cache=cache)
    assert list(warm.graph.edges(keys=True, data=True)) == list(
        cold.graph.edges(keys=True, data=True)
    )


def graphstore_db(path):
    import sqlite3

    return sqlite3.connect(path)


def test_the_cache_keeps_only_the_newest_graphs(tmp_path):
    cache = RecordCache(tmp_path / "c.sqlite", "fp")
    for n in range(GRAPHS_KEPT + 2):
        cache.put_graph(f"key{n}", f"graph {n}".encode())
    cache.put_graph("key3", b"graph 3 again")  # stored again: the newest now
    kept = [n for n in range(GRAPHS_KEPT + 2) if cache.get_graph(f"key{n}") is not None]
    assert len(kept) == GRAPHS_KEPT
    assert cache.get_graph("key3") == b"graph 3 again"
    assert cache.get_graph(f"key{GRAPHS_KEPT + 1}") is not None
    assert cache.get_graph("key0") is None
    cache.close()


def test_deferred_counts_resolve_as_counts_made_on_the_way(nlp):
    result = entgraph.build_graph(_pairs(ARTICLES * 2), nlp=nlp)
    entities = [api.local_entities(r) for r in result.records]
    direct = api.CorpusResolver()
    for e in entities:
        direct.add(e)
    expected = direct.resolve()
    assert expected.node_of
    for hold in (0, 2, 100):
        deferred = api._DeferredResolver(api.CorpusResolver(), hold)
        for e in entities:
            deferred.add(e)
        assert deferred.held is None if hold < len(entities) else deferred.held == entities
        table = deferred.resolve()
        assert (table.node_of, table.entities) == (expected.node_of, expected.entities)
