"""The built graph, stored in the record cache: a warm rebuild does not resolve again.

The graph is a pure function of the records (in input order, with each document's
id, date and metadata), the options and entgraph's code. So once a build has made it,
a later build whose records, options and code are all the same can take it from the
cache instead of resolving the corpus and counting every edge again. It then only
reads the records (for the tables) and writes the files. :func:`graph_key` hashes all
of that; :func:`dump` and :func:`load` turn the graph into bytes and back, in exactly
its order (nodes, edges, attributes, successors and predecessors), so the files
written from a stored graph are byte for byte those of the graph as built.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(name="demo")
>>> _ = g.add_edge("a", "b", relation="co_mention", weight=2)
>>> back = load(dump(StoredGraph(g, {"k": "a"})))
>>> list(back.graph.edges(keys=True, data=True)), back.node_of
([('a', 'b', 0, {'relation': 'co_mention', 'weight': 2})], {'k': 'a'})
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgpack
import networkx as nx

if TYPE_CHECKING:
    from .cache import RecordCache

__all__ = ["StoredGraph", "cached_graph", "dump", "graph_key", "load"]

#: Bump when the stored form changes.
_FORMAT = "1"


@dataclass(frozen=True)
class StoredGraph:
    """What a build keeps of its graph stage: the graph, the node of each local
    entity key, and the counts of its warning about crowded windows."""

    graph: nx.MultiDiGraph
    node_of: dict[str, str]
    capped_windows: int = 0
    left_out: int = 0


def graph_key(build: str, records: str) -> str:
    """The key of a graph built with the build key ``build`` (documents, options,
    code and libraries: see :func:`entgraph.manifest.build_key`) from records whose
    serialized form hashes to ``records``."""
    return hashlib.sha256(f"{_FORMAT}\0{build}\0{records}".encode()).hexdigest()


def dump(stored: StoredGraph) -> bytes:
    """``stored`` as compressed bytes (see :func:`load`)."""
    g = stored.graph
    data = [
        _FORMAT,
        g.graph,
        list(g.nodes(data=True)),
        [[u, v, k, d] for u, v, k, d in g.edges(keys=True, data=True)],
        # The order of each node's predecessors, which adding the edges in the order
        # of their sources does not give back (the explorer lists in-edges in it).
        [[v, list(preds)] for v, preds in g.pred.items() if len(preds) > 1],
        stored.node_of,
        stored.capped_windows,
        stored.left_out,
    ]
    packed = msgpack.packb(data, unicode_errors="surrogatepass")
    return zlib.compress(packed, 1)  # fast; a graph's text compresses about 4 to 1


def load(blob: bytes) -> StoredGraph:
    """The graph that :func:`dump` stored, in the same order in every respect.

    Raises ValueError for bytes that are not such a graph (damaged, or of another
    format): the caller then builds the graph again.
    """
    try:
        data: list[Any] = msgpack.unpackb(zlib.decompress(blob),
                                          unicode_errors="surrogatepass")  # fmt: skip
        form, graph_attrs, nodes, edges, preds, node_of, capped, left_out = data
    except (ValueError, TypeError, zlib.error) as exc:
        raise ValueError(f"unreadable stored graph ({exc})") from None
    if form != _FORMAT:
        raise ValueError(f"stored graph of format {form!r}, not {_FORMAT!r}")
    g = nx.MultiDiGraph()
    g.graph.update(graph_attrs)
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    for v, order in preds:
        before = g._pred[v]
        g._pred[v] = {u: before[u] for u in order}
    return StoredGraph(g, node_of, capped, left_out)


def cached_graph(
    cache: RecordCache | None, key: str, make: Callable[[], StoredGraph]
) -> StoredGraph:
    """The graph stored under ``key`` in ``cache``; else ``make()``, stored there.

    A stored graph that cannot be read (a damaged file) is made and stored again.
    """
    found = cache.get_graph(key) if cache is not None else None
    if found is not None:
        try:
            return load(found)
        except ValueError:
            pass
    built = make()
    if cache is not None:
        cache.put_graph(key, dump(built))
    return built
