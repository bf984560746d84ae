"""GraphML output: every attribute a string or number, valid XML whatever the text.

News text can hold characters XML 1.0 forbids (NUL, other control characters, lone
surrogates); they are dropped from every string so the file always parses.
"""

from __future__ import annotations

import os
import re

import networkx as nx

from ..atomic import atomic_write

__all__ = ["write_graphml", "xml_safe_graph"]

# Characters outside XML 1.0's Char production.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: object) -> object:
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    return value


def xml_safe_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose ids and string attributes are legal XML text.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a\\x00b", label="x\\x01y")
    >>> list(xml_safe_graph(G).nodes(data=True))
    [('ab', {'label': 'xy'})]
    """
    H = nx.MultiDiGraph(**{k: _clean(v) for k, v in G.graph.items()})
    H.add_nodes_from(
        (_clean(n), {k: _clean(v) for k, v in data.items()}) for n, data in G.nodes(data=True)
    )
    H.add_edges_from(
        (_clean(u), _clean(v), _clean(k), {a: _clean(b) for a, b in data.items()})
        for u, v, k, data in G.edges(keys=True, data=True)
    )
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` to ``path`` as GraphML, atomically.

    The file loads with ``networkx.read_graphml`` with every attribute and its type.
    """
    safe = xml_safe_graph(G)
    with atomic_write(path) as fh:
        nx.write_graphml(safe, fh, encoding="utf-8", prettyprint=True)
