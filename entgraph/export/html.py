"""A self-contained interactive HTML page of the graph, drawn by vis-network via pyvis.

pyvis 0.3.2 is unmaintained, so this module owns what it needs around it:

- nodes and edges are given to pyvis as plain dicts, never through ``from_nx`` (which
  mutates the graph it is given and is quadratic for undirected graphs);
- node ids are generated integers, and names live only in labels and tooltips, which
  pyvis passes to the page as JSON data (``tojson`` escapes ``<``, ``>``, ``&``);
- a tooltip must never contain the string ``href``: pyvis then switches every tooltip
  to ``innerHTML``, which would run markup from news text;
- everything is inlined (``cdn_resources="in_line"``) and the Bootstrap links pyvis adds
  anyway are removed, so the page makes no request and works offline.
"""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

import networkx as nx
from pyvis.network import Network

from ..atomic import atomic_write
from ..graph import DIRECTED_RELATIONS

__all__ = ["RELATION_COLORS", "TYPE_COLORS", "render_html", "write_html"]

TYPE_COLORS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "COUNTRY": "#59a14f",
    "PLACE": "#b07aa1",
}
RELATION_COLORS = {
    "co-mention": "#b0b0b0",
    "quotation": "#e15759",
    "affiliation": "#76b7b2",
}
# pyvis inserts Bootstrap from a CDN even for in-line pages; the page does not use it.
_REMOTE_TAGS = re.compile(
    r"<link[^>]*https?://[^>]*>|<script[^>]*\ssrc=\"https?://[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_HREF = re.compile("href", re.IGNORECASE)


def _plain(text: str) -> str:
    # Break the word "href" with a zero-width joiner: pyvis looks for it to decide
    # whether to render tooltips as HTML.
    return _HREF.sub(lambda m: m.group(0)[:2] + "\u200d" + m.group(0)[2:], text)


def _node_title(data: dict[str, Any]) -> str:
    aliases = json.loads(data.get("aliases", "[]"))
    lines = [
        f"{data.get('label', '')} ({data.get('type', '')})",
        f"mentions: {data.get('mentions', 0)} in {data.get('documents', 0)} document(s)",
    ]
    if data.get("quotes"):
        lines.append(f"quotes: {data['quotes']}")
    if aliases:
        lines.append("aliases: " + ", ".join(aliases[:8]))
    return _plain("\n".join(lines))


def _edge_title(u_label: str, v_label: str, data: dict[str, Any]) -> str:
    relation = data.get("relation", "")
    arrow = "—" if relation == "co-mention" else "→"
    lines = [f"{u_label} {arrow} {v_label}: {relation} ×{data.get('weight', 1)}"]
    if data.get("role"):
        lines.append(f"role: {data['role']}")
    lines.extend(f"• {e[:300]}" for e in json.loads(data.get("evidence", "[]")))
    return _plain("\n".join(lines))


def render_html(G: nx.MultiDiGraph) -> str:
    """The HTML page for ``G`` as a string; ``G`` is not modified."""
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    ids = {node: i for i, node in enumerate(G.nodes)}
    labels = {node: str(data.get("label", node)) for node, data in G.nodes(data=True)}
    for node, data in G.nodes(data=True):
        mentions = int(data.get("mentions", 1) or 1)
        net.nodes.append(
            {
                "id": ids[node],
                "label": _plain(labels[node]),
                "title": _node_title(data),
                "color": TYPE_COLORS.get(str(data.get("type")), "#9c9c9c"),
                "size": round(8 + 6 * math.sqrt(mentions), 1),
                "shape": "dot",
            }
        )
        net.node_ids.append(ids[node])
        net.node_map[ids[node]] = net.nodes[-1]
    for u, v, data in G.edges(data=True):
        relation = data.get("relation", "co-mention")
        weight = int(data.get("weight", 1) or 1)
        net.edges.append(
            {
                "from": ids[u],
                "to": ids[v],
                "title": _edge_title(labels[u], labels[v], data),
                "width": round(1 + 1.5 * math.log2(weight), 2),
                "color": RELATION_COLORS.get(relation, "#b0b0b0"),
                "arrows": "to" if relation in DIRECTED_RELATIONS else "",
                "dashes": relation == "affiliation",
            }
        )
    net.set_options(
        json.dumps(
            {
                "edges": {"smooth": False},
                "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
                "interaction": {"hover": True, "tooltipDelay": 150},
            }
        )
    )
    html: str = net.generate_html()
    return _REMOTE_TAGS.sub("", html)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write the page for ``G`` to ``path``, atomically."""
    html = render_html(G)
    with atomic_write(path) as fh:
        fh.write(html.encode("utf-8"))
