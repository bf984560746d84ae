"""The graph as one self-contained, offline HTML page: an explorer drawn by vis-network.

The page is entgraph's own (``page/explorer.html``, ``.css``, ``.js``); pyvis only
supplies its bundled copy of vis-network, read at render time. Its own template is not
used: it renders without autoescaping, and news text is attacker-controlled.

How the page stays safe and fast:

- all data goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>``
  and ``&`` escaped, and the page's script sets every text with ``textContent``;
- node ids in the page are generated integers, names live only in labels;
- a Content-Security-Policy allows only the page's own two scripts (by hash) and no
  request at all, so the page works from ``file://`` with the network off;
- above :data:`PHYSICS_MAX_NODES` nodes, positions come from a networkx layout and
  physics is off; ``max_nodes`` keeps the most connected entities and the page says
  what was left out.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person:a", label="<b>A</b>", type="PERSON", mentions=2)
>>> page = render_html(G, title="Demo")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..atomic import atomic_write
from ..errors import InputError
from ..graph import DIRECTED_RELATIONS
from .layout import layout_positions, rank_nodes

__all__ = [
    "DEFAULT_MAX_NODES",
    "PHYSICS_MAX_NODES",
    "RELATION_COLORS",
    "TYPE_COLORS",
    "page_data",
    "render_html",
    "write_html",
]

TYPE_COLORS = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "COUNTRY": "#59a14f",
    "PLACE": "#b07aa1",
}
RELATION_COLORS = {
    "co-mention": "#9aa3ad",
    "quotation": "#d62f3a",
    "affiliation": "#2a9d8f",
}
#: Entities kept in the page by default: the most connected ones.
DEFAULT_MAX_NODES = 2000
#: Above this many nodes (or PHYSICS_MAX_EDGES edges) the browser gets positions
#: computed here and physics is off: a force simulation of thousands of nodes never
#: settles in a browser tab.
PHYSICS_MAX_NODES = 300
PHYSICS_MAX_EDGES = 2000
#: Aliases shown per node; the rest is counted.
MAX_ALIASES = 30

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@cache
def _asset(name: str) -> str:
    # Page files ship inside the package (entgraph/export/page/).
    return (resources.files(__package__) / "page" / name).read_text(encoding="utf-8")


@cache
def _vis_asset(suffix: str) -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / f"vis-network.{suffix}"
    return path.read_text(encoding="utf-8")


def _inline(code: str, end_tag: str) -> str:
    # The HTML parser turns CR LF into LF; normalize so the CSP hash matches.
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    if end_tag in code.lower():
        raise ValueError(f"cannot inline code that contains {end_tag!r}")
    return code


def _csp_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and parses back to ``data``.

    >>> script_json({"a": "</script>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026\\\\u2028"}'
    """
    # ensure_ascii also escapes U+2028/2029 and keeps lone surrogates encodable.
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _json_value(value: Any, default: Any) -> Any:
    # Attributes are JSON strings in entgraph graphs; tolerate lists and bad JSON.
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return [value] if isinstance(default, list) else default
    return default if value is None else value


def _str_list(value: Any) -> list[str]:
    items = _json_value(value, [])
    if not isinstance(items, (list, tuple)):
        items = [items]
    return [str(item) for item in items if item is not None and str(item)]


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _aliases(data: dict[str, Any]) -> list[list[str | int | None]]:
    # [[name, count or None], ...], most frequent first, as the JSON the page reads.
    counts = _json_value(data.get("alias_counts"), {})
    counts = counts if isinstance(counts, dict) else {}
    names = _str_list(data.get("aliases")) or [str(k) for k in counts]
    return [[name, _int(counts.get(name), 0) or None] for name in names[:MAX_ALIASES]]


def _node_record(index: int, node: Any, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": index,
        "key": str(node),
        "label": str(data.get("label", node)),
        "type": str(data.get("type", "")),
        "mentions": _int(data.get("mentions"), 1),
        "documents": _int(data.get("documents")),
        "quotes": _int(data.get("quotes")),
        "aliases": _aliases(data),
        "aliasTotal": len(_str_list(data.get("aliases"))),
        "roles": _str_list(data.get("roles")),
    }


def _edge_record(index: int, source: int, target: int, data: dict[str, Any]) -> dict[str, Any]:
    record = {
        "id": index,
        "from": source,
        "to": target,
        "relation": str(data.get("relation", "co-mention")),
        "weight": max(1, _int(data.get("weight"), 1)),
        "documents": _int(data.get("documents")),
        "evidence": _str_list(data.get("evidence")),
    }
    if data.get("role"):
        record["role"] = str(data["role"])
    return record


def _omitted(G: nx.MultiDiGraph, kept: set[Any], edges_kept: int) -> dict[str, Any]:
    types: dict[str, int] = {}
    for node, data in G.nodes(data=True):
        if node not in kept:
            type_ = str(data.get("type", ""))
            types[type_] = types.get(type_, 0) + 1
    return {
        "nodes": G.number_of_nodes() - len(kept),
        "edges": G.number_of_edges() - edges_kept,
        "types": dict(sorted(types.items(), key=lambda item: -item[1])),
    }


def _summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    keys = ("generator", "model", "window", "documents")
    return {key: G.graph[key] for key in keys if isinstance(G.graph.get(key), (str, int))}


def page_data(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics: bool | None = None,
) -> dict[str, Any]:
    """The data the page draws: plain JSON-ready dicts; ``G`` is only read.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="co-mention", relation="co-mention", weight=2)
    >>> data = page_data(G)
    >>> [n["id"] for n in data["nodes"]], data["edges"][0]["from"], data["physics"]
    ([0, 1], 0, True)
    """
    if max_nodes is not None and max_nodes < 0:
        raise InputError("max_nodes must be 0 (no limit) or a positive number")
    ranked = rank_nodes(G)
    kept = set(ranked[:max_nodes] if max_nodes else ranked)
    ids = {node: i for i, node in enumerate(n for n in G.nodes if n in kept)}
    nodes = [_node_record(ids[n], n, d) for n, d in G.nodes(data=True) if n in kept]
    edge_rows = [(u, v, d) for u, v, d in G.edges(data=True) if u in kept and v in kept]
    edges = [_edge_record(i, ids[u], ids[v], d) for i, (u, v, d) in enumerate(edge_rows)]
    if physics is None:
        physics = len(nodes) <= PHYSICS_MAX_NODES and len(edges) <= PHYSICS_MAX_EDGES
    if not physics:
        pairs = [(e["from"], e["to"], e["weight"]) for e in edges]
        for node, (x, y) in zip(nodes, layout_positions(len(nodes), pairs), strict=True):
            node["x"], node["y"] = x, y
    return {
        "title": title or "entgraph explorer",
        "summary": _summary(G),
        "total": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()},
        "omitted": _omitted(G, kept, len(edges)),
        "maxNodes": max_nodes or None,
        "physics": physics,
        "typeColors": TYPE_COLORS,
        "relationColors": RELATION_COLORS,
        "directed": sorted(DIRECTED_RELATIONS),
        "nodes": nodes,
        "edges": edges,
    }


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics: bool | None = None,
) -> str:
    """The explorer page for ``G`` as one self-contained HTML string; ``G`` is not modified.

    ``max_nodes`` keeps the most connected entities (``0`` or ``None``: all);
    ``physics`` forces the browser's force layout on or off (default: by size).

    >>> page = render_html(nx.MultiDiGraph(), title="Empty")
    >>> page.startswith("<!DOCTYPE html>"), "<title>Empty</title>" in page
    (True, True)
    """
    data = page_data(G, title=title, max_nodes=max_nodes, physics=physics)
    vis_js = _inline(_vis_asset("min.js"), "</script")
    page_js = _inline(_asset("explorer.js"), "</script")
    parts = {
        "title": html.escape(data["title"]),
        "csp_scripts": _csp_hash(vis_js) + " " + _csp_hash(page_js),
        "vis_css": _inline(_vis_asset("css"), "</style"),
        "page_css": _inline(_asset("explorer.css"), "</style"),
        "data": script_json(data),
        "vis_js": vis_js,
        "page_js": page_js,
    }
    # One pass over the template: text inserted here is never searched again.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("explorer.html"))


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    physics: bool | None = None,
) -> None:
    """Write the explorer page for ``G`` to ``path``, atomically (see :func:`render_html`)."""
    page = render_html(G, title=title, max_nodes=max_nodes, physics=physics)
    with atomic_write(path) as fh:
        fh.write(page.encode("utf-8"))
