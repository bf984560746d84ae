"""More graph formats: GEXF (Gephi), node-link JSON (networkx, D3) and CSV tables.

Each writer is atomic and leaves the graph unchanged. What reads each file back:

- GEXF: ``networkx.read_gexf(path)`` gives every node and edge attribute, with
  ``weight`` as a float (GEXF's weight is a double), GEXF's own unique edge ``id``
  and a boolean ``directed`` (false for co-mentions). It is a
  multigraph with our edge keys when some pair has several relations, else a DiGraph
  (the key is the ``relation`` anyway). GEXF has no place for graph attributes: they
  are in GraphML and JSON. A graph of dated documents is written *dynamic*, for
  Gephi's timeline (see :func:`write_gexf`); an undated one stays static.
- JSON: ``networkx.node_link_graph(json.load(fh), edges="edges")`` gives the graph back
  exactly, graph attributes included.
- CSV: ``nodes.csv`` (``id`` then the node attributes) and ``edges.csv`` (``source``,
  ``target`` then the edge attributes; the edge key is the ``relation``). Gephi's
  spreadsheet import and ``pandas.read_csv`` read both. A text cell that a spreadsheet
  would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return: a name like "-Initech", a quote like "=HYPERLINK(...)") gets a leading ``'``,
  as OWASP recommends against CSV injection; numbers are written as they are.

>>> import json, tempfile, pathlib
>>> G = nx.MultiDiGraph(window="sentence")
>>> G.add_edge("a", "b", key="co-mention", relation="co-mention", weight=2)
'co-mention'
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
>>> write_node_link_json(G, path)
>>> H = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
>>> H.edges["a", "b", "co-mention"]["weight"], H.graph["window"]
(2, 'sentence')
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import networkx as nx

from ..atomic import atomic_write
from ..graph import DIRECTED_RELATIONS
from ..timeline import PERIODS, period_values, spells
from .graphml import xml_safe_graph

__all__ = [
    "spreadsheet_safe",
    "write_edges_csv",
    "write_gexf",
    "write_node_link_json",
    "write_nodes_csv",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with a ``'`` before text that a spreadsheet would run as a formula.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("Acme"), spreadsheet_safe(-3)
    ("'=HYPERLINK(1)", 'Acme', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GEXF 1.2 for Gephi, atomically; text is made legal XML first.

    When ``G`` has a ``period`` (it was built from dated documents) the file is dynamic,
    as Gephi's importer reads it: ``<graph mode="dynamic" timeformat="date">``; each
    node and edge with a ``timeline`` gets ``<spells>``, one ``<spell start end>`` per
    run of consecutive periods, and a dynamic attribute (``period_mentions`` on nodes,
    ``period_weight`` on edges) holding its count in each period. Spell and value ends
    are the first day after the period (Gephi's intervals are closed, a date is the
    instant it starts); spells never overlap or touch, which Gephi refuses. Nodes and
    edges seen only in undated documents have no spell: Gephi shows them all the time.

    As in GraphML, each edge carries a boolean ``directed`` (false for co-mentions)
    rather than GEXF's per-edge ``type="undirected"``, which networkx's reader rejects.
    GEXF's edge ids are unique (networkx numbers them); the key stays the relation.
    """
    safe = xml_safe_graph(G)
    for *_, data in safe.edges(keys=True, data=True):
        data["directed"] = str(data.get("relation", "")) in DIRECTED_RELATIONS
    period = G.graph.get("period")
    if period in PERIODS:
        _make_dynamic(safe, str(period))
    with atomic_write(path) as fh:
        nx.write_gexf(safe, fh, encoding="utf-8", prettyprint=True)


def _make_dynamic(G: nx.MultiDiGraph, period: str) -> None:
    """Add GEXF spells and dynamic counts from the ``timeline`` attributes (in place)."""
    G.graph["mode"] = "dynamic"
    items = [(d, "period_mentions") for _, d in G.nodes(data=True)]
    items += [(d, "period_weight") for *_, d in G.edges(data=True)]
    for data, name in items:
        counts = _json_object(data.get("timeline"))
        if counts:
            data["spells"] = spells(counts, period)
            data[name] = period_values(counts, period)


def _json_object(value: Any) -> dict[str, int]:
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {str(k): int(v) for k, v in parsed.items() if isinstance(v, int) and v > 0}


def write_node_link_json(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as networkx node-link JSON (links under ``"edges"``), atomically."""
    data = nx.node_link_data(G, edges="edges")
    with atomic_write(path) as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        fh.write(b"\n")


def _columns(first: list[str], rows: Iterable[dict[str, Any]]) -> list[str]:
    # Every attribute any row has, in first-seen order, after the fixed columns.
    seen = dict.fromkeys(first)
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _write_csv(
    path: str | os.PathLike[str], columns: list[str], rows: Iterator[dict[str, Any]]
) -> None:
    with atomic_write(path) as fh:
        _write_rows(fh, columns, rows)


def _write_rows(fh: BinaryIO, columns: list[str], rows: Iterator[dict[str, Any]]) -> None:
    # backslashreplace: a lone surrogate (from a file name) is written as "\udce9"
    # instead of failing the whole file.
    text = io.TextIOWrapper(fh, encoding="utf-8", errors="backslashreplace", newline="")
    try:
        writer = csv.DictWriter(text, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    finally:
        # Hand the binary file back to atomic_write instead of closing it.
        text.flush()
        text.detach()


def write_nodes_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write one row per node: ``id`` then its attributes (missing ones empty)."""
    columns = _columns(["id"], (d for _, d in G.nodes(data=True)))
    rows = ({"id": n, **d} for n, d in G.nodes(data=True))
    _write_csv(path, columns, rows)


def write_edges_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write one row per edge: ``source``, ``target`` then its attributes."""
    columns = _columns(["source", "target"], (d for *_, d in G.edges(data=True)))
    rows = ({"source": u, "target": v, **d} for u, v, d in G.edges(data=True))
    _write_csv(path, columns, rows)
