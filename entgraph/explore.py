"""Explore a built graph in Python or Jupyter: look up, rank, cut, tabulate and show it.

:class:`GraphExplorer` holds the methods and :class:`~entgraph.api.GraphResult` inherits
them. Names are looked up by node id, label or any alias, ignoring case.

``filter`` and ``ego`` return a new result of the same kind. Its graph is the subgraph;
its records keep only the mentions of the kept entities, the quotes whose speaker is
kept (naming only kept entities) and the affiliations between kept entities, so its
tables agree with its graph; documents left with none of these are dropped.
``between`` returns one too: the records of the documents dated in a range, and the
graph built again from them.

>>> import entgraph
>>> result = entgraph.build_graph(
...     texts=["The French government said Germany would talk to the Acme Trade Council."])
>>> result.lookup("french")
'country:fra'
>>> [r.label for r in result.top(2, by="degree", types="COUNTRY")]
['France', 'Germany']
>>> result.ego("Germany", radius=1).graph.number_of_nodes()
3
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import html
import importlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from .errors import EntityNotFoundError, InputError
from .export.html import render_html, write_html
from .export.tables import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    iter_document_rows,
    iter_mention_rows,
    iter_quote_rows,
)
from .graph import DIRECTED_RELATIONS, RELATIONS
from .graph import _window_of as window_of
from .graph import build_graph as graph_of_records
from .records import ENTITY_TYPES, DocumentRecords
from .spool import SpooledRecords
from .timeline import check_period, date_range, in_range, period_bounds, period_of, period_range

__all__ = ["INLINE_MAX_NODES", "MEASURES", "GraphExplorer", "Neighbor", "Ranked", "inline_html"]

#: What :meth:`GraphExplorer.top` can rank by.
MEASURES = ("mentions", "documents", "quotes", "degree", "weighted_degree", "pagerank")
#: Entities drawn first inline (the most connected); the page holds the others too.
INLINE_MAX_NODES = 500
INLINE_HEIGHT = 600
#: Attributes that hold JSON text in the graph and become lists or dicts in tables.
JSON_NODE_FIELDS = ("aliases", "alias_counts", "roles", "timeline")
JSON_EDGE_FIELDS = (
    "evidence",
    "evidence_documents",
    "evidence_titles",
    "evidence_urls",
    "evidence_dates",
    "timeline",
)
#: Graph attributes a rebuild computes again (see :meth:`GraphExplorer.between`).
REBUILT_GRAPH_FIELDS = ("documents", "period", "first_seen", "last_seen", "dated_documents")
TIMELINE_COLUMNS = (
    "entity",
    "label",
    "period",
    "start",
    "mentions",
    "quotes",
    "co_mentions",
    "documents",
)
PANDAS_MISSING = 'tables as DataFrames need pandas: pip install "entgraph[pandas]"'

T = TypeVar("T", bound="GraphExplorer")
Names = str | Iterable[str] | None


class Ranked(NamedTuple):
    """One entity from :meth:`GraphExplorer.top`: node id, label, type and score."""

    id: str
    label: str
    type: str
    score: float


class Neighbor(NamedTuple):
    """One edge from :meth:`GraphExplorer.neighbors`, seen from the entity asked about.

    ``direction`` is ``"out"`` (the entity quoted the neighbour, or belongs to it),
    ``"in"`` (the other way) or ``"both"`` (co-mention).
    """

    id: str
    label: str
    type: str
    relation: str
    direction: str
    weight: int


def inline_html(
    G: nx.MultiDiGraph,
    *,
    height: int = INLINE_HEIGHT,
    max_nodes: int | None = INLINE_MAX_NODES,
    title: str | None = None,
) -> str:
    """The graph as an ``<iframe>`` whose ``srcdoc`` is the self-contained page.

    A srcdoc iframe draws in classic Notebook, JupyterLab, VS Code and Colab alike; the
    sandbox lets the page's scripts run but gives them no access to the notebook, and
    lets an evidence link open its news page in a new tab, outside the sandbox.

    >>> markup = inline_html(nx.MultiDiGraph(), height=300)
    >>> markup.startswith("<div"), 'srcdoc="&lt;!DOCTYPE html&gt;' in markup
    (True, True)
    """
    page = render_html(G, title=title, max_nodes=max_nodes)
    name = html.escape(title or f"entgraph: {G.number_of_nodes()} entities", quote=True)
    # Wrapped in a div: IPython warns about HTML that is a bare iframe.
    return (
        '<div class="entgraph-inline">'
        f'<iframe srcdoc="{html.escape(page, quote=True)}" title="{name}" '
        'sandbox="allow-scripts allow-downloads allow-popups allow-popups-to-escape-sandbox" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd"></iframe>'
        "</div>"
    )


class GraphExplorer:
    """Methods to explore a result's ``graph``, ``records`` and ``node_of``."""

    graph: nx.MultiDiGraph
    records: Sequence[DocumentRecords]
    node_of: dict[str, str]

    def __repr__(self) -> str:
        docs = len(self.records)
        return (
            f"<{type(self).__name__}: {docs} document{'s' if docs != 1 else ''}, "
            f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges>"
        )

    # -- names -------------------------------------------------------------------------

    def lookup(self, name: str) -> str:
        """The node id of the entity with this id, label or alias (any case).

        ``result.lookup("ann lee")`` -> ``'person:ann lee'``. Raises
        :class:`~entgraph.errors.EntityNotFoundError` for an unknown name (with close
        matches) or one that names several entities (with their ids).
        """
        if name in self.graph:
            return name
        key = _norm(name)
        strong, weak = [], []
        for node, data in self.graph.nodes(data=True):
            ids_and_labels, aliases = _names_of(node, data)
            if key in ids_and_labels:
                strong.append(node)
            elif key in aliases:
                weak.append(node)
        # A label beats an alias: "Lee" is the entity labelled Lee, not Ann Lee.
        found = strong or weak
        if len(found) == 1:
            return str(found[0])
        if found:
            listed = ", ".join(_describe(self.graph, n) for n in found)
            raise EntityNotFoundError(
                f"{name!r} names {len(found)} entities: {listed}; give the node id instead"
            )
        raise EntityNotFoundError(_unknown_message(self.graph, name, key))

    def entity(self, name: str) -> dict[str, Any]:
        """The entity's attributes, JSON fields decoded: ``result.entity("Ann")["aliases"]``."""
        node = self.lookup(name)
        return {"id": node, **_decoded(self.graph.nodes[node], JSON_NODE_FIELDS)}

    # -- rankings and neighbours ------------------------------------------------------

    def top(self, n: int = 10, by: str = "mentions", *, types: Names = None) -> list[Ranked]:
        """The ``n`` highest-scoring entities, optionally of some ``types`` only.

        ``by``: ``mentions``, ``documents``, ``quotes``, ``degree`` (distinct
        neighbours), ``weighted_degree`` (sum of edge weights) or ``pagerank`` (on the
        undirected weighted graph). ``result.top(5, by="pagerank", types="PERSON")``.
        """
        scores = _scores(self.graph, _measure(by))
        wanted = _check_names(types, ENTITY_TYPES, "entity type", str.upper)
        rows = [
            Ranked(str(node), _label(self.graph, node), str(d.get("type", "")), scores[node])
            for node, d in self.graph.nodes(data=True)
            if wanted is None or d.get("type") in wanted
        ]
        rows.sort(key=lambda r: (-r.score, r.label.casefold(), r.id))
        return rows[: max(n, 0)]

    def neighbors(self, name: str, *, relations: Names = None) -> list[Neighbor]:
        """Every edge of the entity, heaviest first: ``result.neighbors("Ann Lee")``."""
        node = self.lookup(name)
        wanted = _check_names(relations, RELATIONS, "relation", _relation_case)
        sides = [(v, "out", d) for _, v, d in self.graph.out_edges(node, data=True)]
        sides += [(u, "in", d) for u, _, d in self.graph.in_edges(node, data=True)]
        rows = []
        for other, direction, d in sides:
            relation = str(d.get("relation", ""))
            if wanted is not None and relation not in wanted:
                continue
            rows.append(
                Neighbor(
                    str(other),
                    _label(self.graph, other),
                    str(self.graph.nodes[other].get("type", "")),
                    relation,
                    direction if relation in DIRECTED_RELATIONS else "both",
                    _int(d.get("weight"), 1),
                )
            )
        rows.sort(key=lambda r: (-r.weight, r.label.casefold(), r.relation, r.id))
        return rows

    # -- views: new results of the same kind ------------------------------------------

    def ego(self: T, name: str, radius: int = 1) -> T:
        """The entity and everything within ``radius`` edges of it, in any direction.

        ``result.ego("Ann Lee", radius=2).show()``.
        """
        node = self.lookup(name)
        if radius < 0:
            raise InputError(f"radius must be 0 or more, not {radius}")
        around = nx.ego_graph(self.graph, node, radius=radius, undirected=True)
        return self._derive(set(around.nodes))

    def filter(
        self: T,
        *,
        types: Names = None,
        relations: Names = None,
        min_weight: int = 0,
        min_mentions: int = 0,
        keep_isolated: bool = False,
    ) -> T:
        """Keep entities of some ``types`` with ``min_mentions``, and edges of some
        ``relations`` with ``min_weight``; entities left without an edge are dropped
        unless ``keep_isolated=True``. ``result.filter(types=["PERSON", "ORG"], min_weight=2)``.
        """
        wanted_types = _check_names(types, ENTITY_TYPES, "entity type", str.upper)
        wanted_relations = _check_names(relations, RELATIONS, "relation", _relation_case)
        nodes = {
            n
            for n, d in self.graph.nodes(data=True)
            if (wanted_types is None or d.get("type") in wanted_types)
            and _int(d.get("mentions")) >= min_mentions
        }
        edges = {
            (u, v, k)
            for u, v, k, d in self.graph.edges(keys=True, data=True)
            if u in nodes
            and v in nodes
            and (wanted_relations is None or d.get("relation") in wanted_relations)
            and _int(d.get("weight"), 1) >= min_weight
        }
        if not keep_isolated:
            nodes = {n for u, v, _ in edges for n in (u, v)}
        return self._derive(nodes, edges)

    def _derive(self: T, nodes: set[Any], edges: set[tuple[Any, Any, Any]] | None = None) -> T:
        G = self.graph
        H = nx.MultiDiGraph()
        H.graph.update(G.graph)
        H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in nodes)
        H.add_edges_from(
            (u, v, k, dict(d))
            for u, v, k, d in G.edges(keys=True, data=True)
            if u in nodes and v in nodes and (edges is None or (u, v, k) in edges)
        )
        view = copy.copy(self)
        view.graph = H
        view.node_of = {key: n for key, n in self.node_of.items() if n in nodes}
        view.records = _restrict_records(self.records, self.node_of, nodes, view.node_of)
        return view

    # -- time ----------------------------------------------------------------------------

    def between(self: T, start: object = None, end: object = None) -> T:
        """A new result over the documents dated from ``start`` to ``end`` (inclusive).

        ``start`` and ``end`` are ISO strings, dates or datetimes; None leaves that end
        open. Undated documents are left out. The graph is built again from the kept
        records, so it is the graph of those documents alone (names are resolved among
        them): ``result.between("2016-03-01", "2016-03-31").top(5)``.
        """
        lo, hi = date_range(start, end)
        kept: Sequence[DocumentRecords]
        if isinstance(self.records, SpooledRecords):  # read back only the dated ones
            kept = self.records.dated(lo, hi)
        else:
            kept = [rec for rec in self.records if in_range(rec.date, lo, hi)]
        attrs = {
            k: v
            for k, v in self.graph.graph.items()
            if k not in REBUILT_GRAPH_FIELDS and k != "timeline"
        }
        built = graph_of_records(
            kept,
            window=str(self.graph.graph.get("window", "sentence")),
            period=str(self.graph.graph.get("period", "month")),
            places=str(self.graph.graph.get("places", "drop")),
            graph_attrs={**attrs, "documents": len(kept)},
        )
        view = copy.copy(self)
        view.graph = built.graph
        view.records = kept
        view.node_of = built.node_of
        return view

    def timeline(self, entity: str | None = None, freq: str = "M", *, top: int = 10) -> Any:
        """Mentions, quotes and co-mentions per period, as a pandas DataFrame.

        One row per entity and period (``freq``: ``"D"``, ``"W"``, ``"M"`` or ``day``,
        ``week``, ``month``), from the first to the last dated document, zeros included:
        ``entity``, ``label``, ``period`` (label), ``start`` (its first day),
        ``mentions``, ``quotes`` (said by it), ``co_mentions`` (co-mention windows shared
        with another entity, counted per pair) and ``documents``. For one ``entity``,
        or else the ``top`` most mentioned. ``result.timeline("Ann Lee", freq="W")``.
        """
        period = check_period(freq)
        if entity is not None:
            wanted = [self.lookup(entity)]
        else:
            wanted = [r.id for r in self.top(top, by="mentions")]
        counts = _period_counts(self, period, set(wanted))
        dated = [rec.date for rec in self.records if rec.date is not None]
        labels = period_range(min(dated), max(dated), period) if dated else []
        rows = []
        for node in wanted:
            for label in labels:
                found = counts.get((node, label), {})
                rows.append(
                    {
                        "entity": node,
                        "label": _label(self.graph, node),
                        "period": label,
                        "start": period_bounds(label, period)[0],
                        **{
                            k: len(found.get(k, ())) if k == "documents" else found.get(k, 0)
                            for k in TIMELINE_COLUMNS[4:]
                        },
                    }
                )
        frame = _frame(rows, list(TIMELINE_COLUMNS))
        frame["start"] = _pandas().to_datetime(frame["start"])
        return frame

    # -- communities -------------------------------------------------------------------

    def communities(self, *, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
        """Louvain communities of the co-mention graph, largest first.

        Each node gets the int attribute ``community`` (its index in the returned list,
        kept by exports); members are listed most mentioned first. The fixed ``seed``
        makes the result repeatable. ``result.communities()[0]``.
        """
        G = self.graph
        found = nx.community.louvain_communities(
            _undirected(G, {"co-mention"}), weight="weight", resolution=resolution, seed=seed
        )
        mentions = {n: _int(d.get("mentions")) for n, d in G.nodes(data=True)}
        groups = [sorted(c, key=lambda n: (-mentions[n], str(n))) for c in found]
        groups.sort(key=lambda g: (-len(g), str(g[0])))
        for index, group in enumerate(groups):
            for node in group:
                G.nodes[node]["community"] = index
        return [[str(n) for n in g] for g in groups]

    # -- tables ------------------------------------------------------------------------

    def entities(self) -> Any:
        """A pandas DataFrame, one row per entity, most mentioned first."""
        rows = [{"id": n, **_decoded(d, JSON_NODE_FIELDS)} for n, d in self.graph.nodes(data=True)]
        rows.sort(key=lambda r: (-_int(r.get("mentions")), str(r.get("label", "")), r["id"]))
        return _frame(rows, ["id", "label", "type"])

    def edges(self) -> Any:
        """A pandas DataFrame, one row per edge with both labels, heaviest first."""
        G = self.graph
        rows = [
            {
                "source": u,
                "target": v,
                "source_label": _label(G, u),
                "target_label": _label(G, v),
                **_decoded(d, JSON_EDGE_FIELDS),
            }
            for u, v, d in G.edges(data=True)
        ]
        rows.sort(key=lambda r: (-_int(r.get("weight"), 1), str(r.get("relation")), r["source"]))
        return _frame(rows, ["source", "target", "source_label", "target_label", "relation"])

    def mentions(self) -> Any:
        """A pandas DataFrame of the mentions (the columns of ``mentions.jsonl``)."""
        rows = list(iter_mention_rows(self.records, self.node_of, self.graph.nodes))
        return _frame(rows, list(MENTION_COLUMNS))

    def quotes(self) -> Any:
        """A pandas DataFrame of the quotes (the columns of ``quotes.jsonl``)."""
        rows = list(iter_quote_rows(self.records, self.node_of, self.graph.nodes))
        return _frame(rows, list(QUOTE_COLUMNS))

    def documents_frame(self) -> Any:
        """A pandas DataFrame, one row per document (the columns of ``documents.jsonl``):
        id, source, date, metadata (a dict) and its counts of mentions and quotes."""
        return _frame(list(iter_document_rows(self.records)), list(DOCUMENT_COLUMNS))

    # -- display -----------------------------------------------------------------------

    def to_pyvis(self, **network_options: Any) -> Any:
        """The graph as a ``pyvis.network.Network`` to style and show yourself:
        ``net = result.to_pyvis(notebook=True); net.show("g.html")``.
        """
        from .export.pyvis import to_pyvis

        return to_pyvis(self.graph, **network_options)

    def _repr_html_(self) -> str:
        # Jupyter calls this to show the object: the graph, drawn inline.
        return inline_html(self.graph)

    def show(
        self, *, height: int = INLINE_HEIGHT, max_nodes: int | None = INLINE_MAX_NODES
    ) -> Path | None:
        """Draw the graph inline in a notebook; elsewhere write a temporary HTML file,
        print its path and return it. ``result.ego("Ann Lee").show(height=400)``.
        """
        if _display_in_notebook(inline_html(self.graph, height=height, max_nodes=max_nodes)):
            return None
        with tempfile.NamedTemporaryFile(prefix="entgraph-", suffix=".html", delete=False) as fh:
            path = Path(fh.name)
        write_html(self.graph, path, max_nodes=max_nodes)
        print(f"entgraph: graph written to {path}; open it in a browser")
        return path


def _display_in_notebook(markup: str) -> bool:
    # A Jupyter kernel has imported IPython already and its shell has a kernel; a plain
    # script or a terminal IPython has not, and would print "<HTML object>" instead.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, "kernel", None) is None:
        return False
    display = importlib.import_module("IPython.display")
    display.display(display.HTML(markup))
    return True


def _norm(name: str) -> str:
    return " ".join(str(name).casefold().split())


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def _decoded(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: _json(v) if k in fields else v for k, v in data.items()}


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("label", node))


def _describe(G: nx.MultiDiGraph, node: Any) -> str:
    return f"{_label(G, node)} ({node})"


def _names_of(node: Any, data: dict[str, Any]) -> tuple[set[str], set[str]]:
    aliases = _json(data.get("aliases", "[]"))
    return (
        {_norm(node), _norm(data.get("label", node))},
        {_norm(a) for a in aliases} if isinstance(aliases, list) else set(),
    )


def _unknown_message(G: nx.MultiDiGraph, name: str, key: str) -> str:
    names: dict[str, Any] = {}
    for node, data in G.nodes(data=True):
        ids_and_labels, aliases = _names_of(node, data)
        for n in sorted(ids_and_labels) + sorted(aliases):
            names.setdefault(n, node)
    # "Ann" suggests "Ann Lee" (a whole word of a name), "Ann Leigh" too (spelling).
    words = [node for n, node in names.items() if f" {key} " in f" {n} "]
    close = [names[n] for n in difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)]
    hints = list(dict.fromkeys(words + close))[:5]
    if hints:
        return f"no entity named {name!r}; did you mean: " + ", ".join(
            _describe(G, n) for n in hints
        )
    return (
        f"no entity named {name!r} among the {G.number_of_nodes()} entities, "
        "nor one close to it; top() lists the most mentioned"
    )


def _relation_case(name: str) -> str:
    return name.lower().replace("_", "-")


def _check_names(
    given: Names, allowed: Iterable[str], what: str, normal: Callable[[str], str]
) -> frozenset[str] | None:
    """``given`` as a set of allowed names (normalized), or None for "all"."""
    if given is None:
        return None
    names = [given] if isinstance(given, str) else list(given)
    wanted = frozenset(normal(n) for n in names)
    allowed = tuple(allowed)
    unknown = sorted(wanted - set(allowed))
    if unknown:
        raise InputError(f"unknown {what} {unknown[0]!r}; use one of {', '.join(allowed)}")
    return wanted


def _measure(by: str) -> str:
    measure = by.strip().lower().replace(" ", "_").replace("-", "_")
    if measure not in MEASURES:
        raise InputError(f"unknown measure {by!r}; use one of {', '.join(MEASURES)}")
    return measure


def _scores(G: nx.MultiDiGraph, measure: str) -> dict[Any, float]:
    if measure == "degree":
        return {n: len((set(G.predecessors(n)) | set(G.successors(n))) - {n}) for n in G}
    if measure == "weighted_degree":
        return {n: _int(w) for n, w in G.degree(weight="weight")}
    if measure == "pagerank":
        return _pagerank(_undirected(G))
    return {n: _int(d.get(measure)) for n, d in G.nodes(data=True)}


def _undirected(G: nx.MultiDiGraph, relations: set[str] | None = None) -> nx.Graph:
    """Every node, and one undirected edge per pair weighted by the sum of its edges."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        if u == v or (relations is not None and d.get("relation") not in relations):
            continue
        weight = _int(d.get("weight"), 1)
        if U.has_edge(u, v):
            U[u][v]["weight"] += weight
        else:
            U.add_edge(u, v, weight=weight)
    return U


def _pagerank(U: nx.Graph, alpha: float = 0.85, tol: float = 1e-10) -> dict[Any, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy).

    >>> ranks = _pagerank(nx.star_graph(3))
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 6)
    (0, 1.0)
    """
    n = U.number_of_nodes()
    if n == 0:
        return {}
    strength = dict(U.degree(weight="weight"))
    rank = dict.fromkeys(U, 1.0 / n)
    for _ in range(1000):
        # Rank of nodes without edges is spread evenly, as networkx does.
        lost = alpha * sum(r for v, r in rank.items() if not strength[v]) / n
        new = {
            v: (1 - alpha) / n
            + lost
            + alpha * sum(rank[u] * d.get("weight", 1) / strength[u] for u, d in U[v].items())
            for v in U
        }
        done = sum(abs(new[v] - rank[v]) for v in U) < n * tol
        rank = new
        if done:
            break
    return rank


def _restrict_records(
    records: Sequence[DocumentRecords],
    node_of: dict[str, str],
    keep: set[Any],
    kept_keys: dict[str, str],
) -> Sequence[DocumentRecords]:
    """The records as they concern the ``keep`` entities only (see the module doc);
    records read from a spool stay there, and only the documents naming one of
    ``kept_keys`` are read back."""

    def kept(key: str | None) -> bool:
        return key is not None and node_of.get(key) in keep

    def restricted(rec: DocumentRecords) -> DocumentRecords | None:
        mentions = tuple(m for m in rec.mentions if kept(m.key))
        quotes = tuple(
            dataclasses.replace(q, mention_keys=tuple(k for k in q.mention_keys if kept(k)))
            for q in rec.quotes
            if kept(q.speaker_key)
        )
        affiliations = tuple(a for a in rec.affiliations if kept(a.person_key) and kept(a.org_key))
        if mentions or quotes or affiliations:
            return dataclasses.replace(
                rec, mentions=mentions, quotes=quotes, affiliations=affiliations
            )
        return None

    if isinstance(records, SpooledRecords):
        return records.naming(kept_keys, restricted)
    return [r for r in map(restricted, records) if r is not None]


def _period_counts(
    result: GraphExplorer, period: str, wanted: set[str]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (node, period label): mentions, quotes, co_mentions and the set of documents."""
    window = str(result.graph.graph.get("window", "sentence"))
    counts: dict[tuple[str, str], dict[str, Any]] = {}

    def slot(node: str, label: str) -> dict[str, Any]:
        return counts.setdefault((node, label), {"documents": set()})

    for rec in result.records:
        if rec.date is None:
            continue
        label = period_of(rec.date, period)
        windows: dict[int, set[str]] = {}
        for m in rec.mentions:
            node = result.node_of.get(m.key)
            if node is None:
                continue
            windows.setdefault(window_of(m, window), set()).add(node)
            if node in wanted:
                entry = slot(node, label)
                entry["mentions"] = entry.get("mentions", 0) + 1
                entry["documents"].add(rec.document_id)
        for q in rec.quotes:
            speaker = result.node_of.get(q.speaker_key) if q.speaker_key else None
            if speaker in wanted:
                entry = slot(speaker, label)
                entry["quotes"] = entry.get("quotes", 0) + 1
        # As in the graph: each pair of entities in a window counts once.
        for members in windows.values():
            for node in members & wanted:
                entry = slot(node, label)
                entry["co_mentions"] = entry.get("co_mentions", 0) + len(members) - 1
    return counts


def _frame(rows: list[dict[str, Any]], first: list[str]) -> Any:
    pandas = _pandas()
    columns = list(dict.fromkeys(first + [k for row in rows for k in row]))
    return pandas.DataFrame(rows, columns=columns)


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError(PANDAS_MISSING, name="pandas") from exc
