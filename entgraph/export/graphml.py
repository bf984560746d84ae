"""GraphML output that every consumer reads whole: Gephi, Cytoscape, yEd, igraph, networkx.

- **Edge ids are unique** (``e0``, ``e1``, ...). The in-memory edge key is the relation,
  and XML ids must be unique: Gephi skips an edge whose id it has seen.
- **``weight`` is a double**, as Gephi and Cytoscape expect of an edge weight.
- **Direction is data.** The graph is directed (quotations and affiliations have a
  direction); each edge carries a declared boolean ``directed``, false for co-mentions.
  By default GraphML's own per-edge ``directed="false"`` is not written: networkx's
  reader rejects the whole file over it ("directed=false edge found in directed graph")
  and igraph ignores it, so it would help Gephi and yEd only and lock out networkx.
  ``direction="per-edge"`` writes it too, for Gephi and yEd, which then draw
  co-mentions without arrows; :func:`read_graphml` reads both files.
- **Valid XML whatever the text.** News text can hold characters XML 1.0 forbids (NUL,
  other control characters, lone surrogates); they are dropped from every string.

Read back with :func:`entgraph.load` (the in-memory graph again, keys and int weights
restored), ``networkx.read_graphml`` or ``igraph.Graph.Read_GraphML``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from ..atomic import atomic_write
from ..errors import InputError
from ..graph import DIRECTED_RELATIONS
from ..options import GRAPHML_DIRECTIONS
from .graphml_text import graphml_chunks

__all__ = ["file_graph", "read_graphml", "write_graphml", "xml_safe_graph"]

# Characters outside XML 1.0's Char production.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The same in UTF-8 (surrogates do not encode): the ASCII ones, deleting every other byte,
# is some ten times faster than the regex on a whole file.
_KEEP_ILLEGAL = bytes(b for b in range(256) if not (b < 0x80 and _XML_ILLEGAL.match(chr(b))))
_ILLEGAL_UTF8 = ("\ufffe".encode(), "\uffff".encode())


def _legal_utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None if it holds a character XML forbids.

    >>> [_legal_utf8(s) for s in ["é\\t", "a\\x00", "\\ud800", "\\uffff"]]
    [b'\\xc3\\xa9\\t', None, None, None]
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if data.translate(None, _KEEP_ILLEGAL) or any(c in data for c in _ILLEGAL_UTF8):
        return None
    return data


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


def _needs_cleaning(G: nx.MultiDiGraph) -> bool:
    """Whether an id or a string attribute of ``G`` holds a character XML forbids."""
    search = _XML_ILLEGAL.search

    def bad(value: object) -> bool:
        return isinstance(value, str) and search(value) is not None

    return (
        any(bad(v) for v in G.graph.values())
        or any(bad(n) or any(bad(v) for v in d.values()) for n, d in G.nodes(data=True))
        or any(
            bad(u) or bad(v) or bad(k) or any(bad(x) for x in d.values())
            for u, v, k, d in G.edges(keys=True, data=True)
        )
    )


def _file_edge(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "weight" in out:
        with contextlib.suppress(TypeError, ValueError):
            out["weight"] = float(out["weight"])
    out["directed"] = str(data.get("relation", "")) in DIRECTED_RELATIONS
    return out


def file_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` as it goes into a file: legal XML text, unique edge keys, double weights,
    and a boolean ``directed`` on every edge (false for co-mentions).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="co-mention", relation="co-mention", weight=2)
    >>> _ = G.add_edge("a", "b", key="quotation", relation="quotation", weight=1)
    >>> [(k, d["weight"], d["directed"]) for *_, k, d in file_graph(G).edges(keys=True, data=True)]
    [('e0', 2.0, False), ('e1', 1.0, True)]
    """
    # Copied clean only when something needs it: the copy is the same graph otherwise.
    safe = xml_safe_graph(G) if _needs_cleaning(G) else G
    H = nx.MultiDiGraph(**safe.graph)
    H.add_nodes_from(safe.nodes(data=True))
    H.add_edges_from(_file_edges(safe))
    return H


def _file_edges(G: nx.MultiDiGraph) -> list[tuple[Any, Any, str, dict[str, Any]]]:
    return [(u, v, f"e{i}", _file_edge(data)) for i, (u, v, data) in enumerate(G.edges(data=True))]


def _file_text(G: nx.MultiDiGraph, per_edge: bool) -> Iterator[str]:
    # The text of file_graph(G) without building that copy: the copy holds G's graph data,
    # nodes and file edges, and iterates them in G's order (it adds them in that order).
    return graphml_chunks(G.graph, G.nodes(data=True), _file_edges(G), per_edge=per_edge)


def _bad_key(G: nx.MultiDiGraph) -> bool:
    # Edge keys are not in the file (the ids are e0, e1 ...), but cleaning one can make
    # two edges one.
    search = _XML_ILLEGAL.search
    return any(isinstance(k, str) and search(k) is not None for *_, k in G.edges(keys=True))


def write_graphml(
    G: nx.MultiDiGraph, path: str | os.PathLike[str], *, direction: str = "data"
) -> None:
    """Write ``G`` to ``path`` as GraphML, atomically (see the module doc for the format).

    Every attribute is declared with its type; ``networkx.read_graphml(path)`` gives
    every attribute back with that type (``weight`` as a float). ``direction``: one of
    :data:`GRAPHML_DIRECTIONS`; with ``"per-edge"`` only :func:`read_graphml` (and
    Gephi, yEd, igraph) read the file, not ``networkx.read_graphml``.
    """
    if direction not in GRAPHML_DIRECTIONS:
        raise InputError(f"GraphML direction must be one of {', '.join(GRAPHML_DIRECTIONS)}")
    per_edge = direction == "per-edge"
    with atomic_write(path) as fh:
        if not _bad_key(G):
            for chunk in _file_text(G, per_edge):
                # Looking for forbidden characters in the text as written is cheaper than
                # looking in every value first, and they are rare: on one, start again clean.
                if (data := _legal_utf8(chunk)) is None:
                    break
                fh.write(data)
            else:
                return
            fh.seek(0)
            fh.truncate()
        for chunk in _file_text(xml_safe_graph(G), per_edge):
            if (data := _legal_utf8(chunk)) is None:  # not in a string value: as lxml did
                raise ValueError("All strings must be XML compatible: no control characters")
            fh.write(data)


def _memory_edge(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k != "directed"}
    weight = out.get("weight")
    if isinstance(weight, float) and weight.is_integer():
        out["weight"] = int(weight)
    return out


def read_graphml(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """The graph :func:`write_graphml` wrote, as it was in memory: edge keys are the
    relations again, integral weights ints, and the file's ``directed`` flag is dropped.

    >>> import pathlib, tempfile
    >>> G = nx.MultiDiGraph(window="sentence")
    >>> _ = G.add_edge("a", "b", key="co-mention", relation="co-mention", weight=2)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(G, path)
    >>> list(read_graphml(path).edges(keys=True, data="weight"))
    [('a', 'b', 'co-mention', 2)]
    """
    try:
        F = nx.read_graphml(path, force_multigraph=True)
    except nx.NetworkXError as exc:
        if "directed=false" not in str(exc):
            raise
        # Written with direction="per-edge": the per-edge marks repeat the ``directed``
        # data, so they are dropped for networkx, which has no mixed graphs.
        from lxml import etree  # here: only such files need it

        tree = etree.parse(os.fspath(path))
        for edge in tree.iter("{http://graphml.graphdrawing.org/xmlns}edge"):
            edge.attrib.pop("directed", None)
        F = nx.parse_graphml(etree.tostring(tree), force_multigraph=True)
    G = nx.MultiDiGraph(**{k: v for k, v in F.graph.items() if not k.endswith("_default")})
    G.add_nodes_from(F.nodes(data=True))
    for u, v, key, data in F.edges(keys=True, data=True):
        G.add_edge(u, v, key=str(data.get("relation", key)), **_memory_edge(data))
    return G
