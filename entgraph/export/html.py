"""The graph as one self-contained, offline HTML page: entgraph's explorer.

The page is entgraph's own (``page/explorer.html``, ``.css``, ``.js``): it paints on a
2D canvas and lays views out with graphology's ForceAtlas2 and noverlap, inlined from
``page/vendor/`` (MIT). pyvis's vis-network drew the full benchmark graph (11,220 nodes) in
4.8-7 s and sigma.js (WebGL, software-rendered in headless Chromium) in 6-8 s; this page
draws it in about 1.5 s (``benchmarks/html_benchmark.py``, README "Explorer"). pyvis
stays available through ``result.to_pyvis()``.

What the page holds and draws:

- **every** entity and relation, always; it first draws the ``max_nodes`` most
  important (:func:`~entgraph.export.layout.rank_nodes`: strongest ties first), and
  says how many more there are, one click away;
- positions for every node from :func:`~entgraph.export.layout.layout_positions`; a
  view of up to ``layoutMax`` nodes (``layoutMaxScope`` after Show more or a search) is
  laid out again in the browser so what is shown is spread out and readable;
- evidence sentences once each, in ``texts``, and their documents once each, in
  ``docs`` (``[id, title, url]``); edges point into both, and the page shows each
  item's document by its title, as a link to its web address (only ``http(s)``);
- for a dated graph, its periods, each node's and edge's timeline and each evidence's
  date (:mod:`~entgraph.export.page_time`), read by ``page/timefilter.js``, the date
  range control, which runs before ``explorer.js`` in the same script.

How the page stays safe:

- all data goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>``
  and ``&`` escaped, and the page's script sets every text with ``textContent``;
- node ids in the page are generated integers, names live only in labels;
- a Content-Security-Policy allows only the page's own two scripts (by hash) and no
  request at all, so the page works from ``file://`` with the network off.

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
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from .._gc import paused_gc
from ..atomic import atomic_write
from ..errors import InputError
from ..graph import DIRECTED_RELATIONS
from .jsonattr import parse
from .layout import layout_positions, rank_nodes
from .page_time import edge_time, node_time, time_data

__all__ = [
    "DEFAULT_MAX_NODES",
    "LAYOUT_MAX_NODES",
    "RELATION_COLORS",
    "TYPE_COLORS",
    "page_data",
    "render_html",
    "web_address",
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
#: Entities drawn when the page opens: the most important ones. A few hundred fit a
#: screen with room for their labels; the page holds every other entity too.
DEFAULT_MAX_NODES = 300
#: Views of at most this many nodes are laid out again in the browser when a filter
#: changes (ForceAtlas2 and noverlap, 0.1-0.3 s for 300 nodes); bigger ones keep the
#: positions computed here until the user asks.
LAYOUT_MAX_NODES = 500
#: The same when the user asks for more entities (Show more, search): about a second.
SCOPE_LAYOUT_MAX_NODES = 1500
#: Aliases shown per node; the rest is counted.
MAX_ALIASES = 30

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@cache
def _asset(name: str) -> str:
    # Page files ship inside the package (entgraph/export/page/).
    return (resources.files(__package__) / "page" / name).read_text(encoding="utf-8")


#: The vendored libraries, in load order (see page/vendor/README.md).
VENDOR_FILES = ("graphology.umd.min.js", "graphology-library.min.js")


@cache
def _vendor_js() -> str:
    # One script element for both keeps the CSP to two hashes.
    folder = resources.files(__package__) / "page" / "vendor"
    return ";\n".join((folder / name).read_text(encoding="utf-8") for name in VENDOR_FILES)


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
    # check_circular off: the page data is built here as a tree, and the check costs 12 %.
    text = json.dumps(
        data, ensure_ascii=True, separators=(",", ":"), allow_nan=False, check_circular=False
    )
    # str.replace: three passes in C over a text of megabytes, no call per character.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_value(value: Any, default: Any) -> Any:
    # Attributes are JSON strings in entgraph graphs; tolerate lists and bad JSON.
    if isinstance(value, str):
        try:
            return parse(value)
        except ValueError:
            return [value] if isinstance(default, list) else default
    return default if value is None else value


def _str_items(value: Any) -> list[tuple[int, str]]:
    # (position in the attribute's list, text) of each item that is text worth showing.
    items = _json_value(value, [])
    if not isinstance(items, (list, tuple)):
        items = [items]
    out = []
    for i, item in enumerate(items):
        if item is not None:
            text = item if type(item) is str else str(item)  # str(text) is text
            if text:
                out.append((i, text))
    return out


def _str_list(value: Any) -> list[str]:
    return [text for _, text in _str_items(value)]


def _int(value: Any, default: int = 0) -> int:
    if type(value) is int:  # the usual case, without the try
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _aliases(data: dict[str, Any], aliases: list[str]) -> list[list[str | int | None]]:
    # [[name, count or None, how it joined or None], ...], most frequent first, as the
    # JSON the page reads; "how" is the node's provenance (entgraph/resolve/corpus.py).
    # ``aliases`` is _str_list(data["aliases"]), read once for this and aliasTotal.
    counts = _json_value(data.get("alias_counts"), {})
    counts = counts if isinstance(counts, dict) else {}
    joined = _json_value(data.get("provenance"), {})
    joined = joined if isinstance(joined, dict) else {}
    names = aliases or [str(k) for k in counts]
    return [
        [name, _int(counts.get(name), 0) or None, str(joined[name]) if name in joined else None]
        for name in names[:MAX_ALIASES]
    ]


def _node_record(index: int, node: Any, data: dict[str, Any]) -> dict[str, Any]:
    get = data.get
    aliases = _str_list(get("aliases"))
    return {
        "id": index,
        "rank": 0,
        "key": str(node),
        "label": str(get("label", node)),
        "type": str(get("type", "")),
        "mentions": _int(get("mentions"), 1),
        "documents": _int(get("documents")),
        "quotes": _int(get("quotes")),
        "aliases": _aliases(data, aliases),
        "aliasTotal": len(aliases),
        "roles": _str_list(get("roles")),
        **node_time(data),
        "quoteEvidence": _quote_evidence(get("quote_evidence")),
    }


def _quote_evidence(value: Any) -> list[dict[str, str]]:
    # [{text, document, kind, title?, url?}, ...]: the speaker's quotes, for the details.
    items = _json_value(value, [])
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("text"):
            keys = ("text", "document", "kind", "title", "url")
            out.append({k: str(item[k]) for k in keys if item.get(k)})
            out[-1].setdefault("document", "")
            if not web_address(out[-1].get("url")):
                out[-1].pop("url", None)
    return out


def web_address(url: Any) -> str:
    """``url`` if it is an ``http(s)`` address a link may point to, else ``""`` (a
    ``javascript:`` or ``data:`` URL from a page's metadata never becomes a link).

    >>> web_address("https://news.example/a"), web_address("javascript:alert(1)")
    ('https://news.example/a', '')
    """
    if not isinstance(url, str):
        return ""
    return _web_address(url)


@lru_cache(maxsize=4096)
def _web_address(url: str) -> str:
    # Evidence items of one document repeat its address: each is checked once.
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # a malformed address ("http://[")
        return ""
    return url if scheme in ("http", "https") else ""


class _Texts:
    """Each evidence text once: a co-mention sentence with five entities backs ten edges."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        #: Each evidence document once, as (id, title, web address or "").
        self.docs: dict[tuple[str, str, str], int] = {}

    def ids(self, texts: list[str]) -> list[int]:
        return [self.index.setdefault(text, len(self.index)) for text in texts]

    def doc_ids(self, docs: list[tuple[str, str, str]]) -> list[int]:
        return [self.docs.setdefault(doc, len(self.docs)) for doc in docs]


def _evidence_docs(data: dict[str, Any], kept: list[int]) -> list[tuple[str, str, str]]:
    # (document id, title, web address) of the evidence at positions ``kept``; "" for what
    # the attributes do not say (a graph built before titles were kept, by hand ...).
    columns = [
        _json_value(data.get(name), [])
        for name in ("evidence_documents", "evidence_titles", "evidence_urls")
    ]
    columns = [c if isinstance(c, list) else [] for c in columns]

    def at(column: list[Any], i: int) -> str:
        return str(column[i]) if i < len(column) and column[i] is not None else ""

    ids, titles, urls = columns
    # kept rises (positions in the evidence list): when every position is in all three
    # columns and every item is text, at() would give each item as it is.
    if (not kept or kept[-1] < min(map(len, columns))) and {
        *map(type, ids),
        *map(type, titles),
        *map(type, urls),
    } <= {str}:
        return [(ids[i], titles[i], _web_address(urls[i])) for i in kept]
    return [(at(ids, i), at(titles, i), _web_address(at(urls, i))) for i in kept]


def _edge_record(
    index: int, source: int, target: int, data: dict[str, Any], texts: _Texts
) -> dict[str, Any]:
    get = data.get
    evidence = _str_items(get("evidence"))
    kept = [position for position, _ in evidence]
    record = {
        "id": index,
        "from": source,
        "to": target,
        "relation": str(get("relation", "co-mention")),
        "weight": max(1, _int(get("weight"), 1)),
        "documents": _int(get("documents")),
        "evidence": texts.ids([text for _, text in evidence]),
    }
    if get("evidence_documents"):
        record["evidenceDocs"] = texts.doc_ids(_evidence_docs(data, kept))
    if get("role"):
        record["role"] = str(data["role"])
    # Dates of the evidence kept above, in its order (an item left out takes its date along).
    record.update(edge_time(data, kept))
    return record


def _summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    keys = ("generator", "model", "window", "documents")
    return {key: G.graph[key] for key in keys if isinstance(G.graph.get(key), (str, int))}


def page_data(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> dict[str, Any]:
    """The data the page draws: plain JSON-ready dicts; ``G`` is only read.

    Every node and edge is there; ``viewNodes`` says how many of the most important
    (lowest ``rank``) the page draws first. Edge ``evidence`` indexes ``texts`` and
    ``evidenceDocs`` (one per evidence item) indexes ``docs``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="co-mention", relation="co-mention", evidence='["A, B."]')
    >>> data = page_data(G)
    >>> [n["id"] for n in data["nodes"]], data["edges"][0]["evidence"], data["texts"]
    ([0, 1], [0], ['A, B.'])
    """
    if max_nodes is not None and max_nodes < 0:
        raise InputError("max_nodes must be 0 (no limit) or a positive number")
    ids = {node: i for i, node in enumerate(G.nodes)}
    nodes = [_node_record(i, n, d) for i, (n, d) in enumerate(G.nodes(data=True))]
    for rank, ranked in enumerate(rank_nodes(G)):
        nodes[ids[ranked]]["rank"] = rank
    texts = _Texts()
    edges = [
        _edge_record(i, ids[u], ids[v], d, texts) for i, (u, v, d) in enumerate(G.edges(data=True))
    ]
    pairs = [(e["from"], e["to"], e["weight"]) for e in edges]
    for node, (x, y) in zip(nodes, layout_positions(len(nodes), pairs), strict=True):
        node["x"], node["y"] = x, y
    return {
        "title": title or "entgraph explorer",
        "summary": _summary(G),
        "total": {"nodes": len(nodes), "edges": len(edges)},
        "viewNodes": min(max_nodes or len(nodes), len(nodes)),
        "layoutMax": LAYOUT_MAX_NODES,
        "layoutMaxScope": SCOPE_LAYOUT_MAX_NODES,
        "typeColors": TYPE_COLORS,
        "relationColors": RELATION_COLORS,
        "directed": sorted(DIRECTED_RELATIONS),
        "nodes": nodes,
        "edges": edges,
        "time": time_data(G),
        "texts": list(texts.index),
        "docs": [list(doc) for doc in texts.docs],
    }


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> str:
    """The explorer page for ``G`` as one self-contained HTML string; ``G`` is not modified.

    The page holds every entity and first draws the ``max_nodes`` most important
    (``0`` or ``None``: all).

    >>> page = render_html(nx.MultiDiGraph(), title="Empty")
    >>> page.startswith("<!DOCTYPE html>"), "<title>Empty</title>" in page
    (True, True)
    """
    with paused_gc():  # see entgraph/_gc.py: the data has no cycle, and is freed here
        return _render(page_data(G, title=title, max_nodes=max_nodes))


def _render(data: dict[str, Any]) -> str:
    vendor_js = _inline(_vendor_js(), "</script")
    # The time control is its own file, run first in the same script (one CSP hash).
    page_js = _inline(_asset("timefilter.js") + "\n" + _asset("explorer.js"), "</script")
    parts = {
        "title": html.escape(data["title"]),
        "csp_scripts": _csp_hash(vendor_js) + " " + _csp_hash(page_js),
        "page_css": _inline(_asset("explorer.css"), "</style"),
        "data": script_json(data),
        "vendor_js": vendor_js,
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
) -> None:
    """Write the explorer page for ``G`` to ``path``, atomically (see :func:`render_html`)."""
    page = render_html(G, title=title, max_nodes=max_nodes)
    with atomic_write(path) as fh:
        fh.write(page.encode("utf-8"))
