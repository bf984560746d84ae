"""A result's graph as a ``pyvis.network.Network``, for users who style it themselves.

entgraph's own page (:mod:`entgraph.export.html`) no longer draws with vis-network; this
is the way to pyvis. Nodes and edges are added one by one (``Network.from_nx`` mutates
its input and is quadratic on undirected graphs); every title is plain text, because
pyvis renders its template without escaping: a title holding markup would run as HTML.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person:a", label="Ann", type="PERSON", mentions=3)
>>> _ = G.add_edge("person:a", "person:a", key="co-mention", relation="co-mention", weight=1)
>>> net = to_pyvis(G)
>>> [n["label"] for n in net.nodes], len(net.edges)
(['Ann'], 1)
"""

from __future__ import annotations

import html
from typing import Any

import networkx as nx

from ..graph import DIRECTED_RELATIONS
from .html import RELATION_COLORS, TYPE_COLORS

__all__ = ["to_pyvis"]


def _text(value: Any) -> str:
    # pyvis inserts titles into its template unescaped; escape so they stay text.
    return html.escape(str(value), quote=True)


def to_pyvis(G: nx.MultiDiGraph, **network_options: Any) -> Any:
    """A new ``pyvis.network.Network`` (directed) holding every node and edge of ``G``.

    ``network_options`` go to ``Network(...)`` (e.g. ``notebook=True``,
    ``cdn_resources="in_line"``); ``G`` is not modified.
    """
    from pyvis.network import Network

    options = {"directed": True, "cdn_resources": "in_line", **network_options}
    net = Network(**options)
    for node, data in G.nodes(data=True):
        type_ = str(data.get("type", ""))
        net.add_node(
            str(node),
            label=str(data.get("label", node)),
            color=TYPE_COLORS.get(type_, "#8c8c8c"),
            title=_text(f"{data.get('label', node)} ({type_}), {data.get('mentions', 0)} mentions"),
            value=int(data.get("mentions", 1) or 1),
        )
    for u, v, data in G.edges(data=True):
        relation = str(data.get("relation", "co-mention"))
        net.add_edge(
            str(u),
            str(v),
            value=int(data.get("weight", 1) or 1),
            color=RELATION_COLORS.get(relation, "#8c8c8c"),
            title=_text(f"{relation} ×{data.get('weight', 1)}"),
            arrows="to" if relation in DIRECTED_RELATIONS else "",
        )
    return net
