"""The time part of the explorer page's data (read by ``page/timefilter.js``).

Kept apart from :mod:`entgraph.export.html` so the page can change around it: the page
data gets ``time`` (None for an undated graph), each node record ``timeline``,
``firstSeen`` and ``lastSeen``, each edge record ``timeline`` and ``evidenceDates``.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(period="month", timeline='{"2016-03": 2, "2016-04": 0}',
...                     documents=3, dated_documents=2)
>>> data = time_data(G)
>>> data["periods"][0], data["undated"]
({'label': '2016-03', 'first': '2016-03-01', 'last': '2016-03-31', 'documents': 2}, 1)
>>> time_data(nx.MultiDiGraph()) is None
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..timeline import PERIODS, period_bounds
from .jsonattr import parse

__all__ = ["edge_time", "node_time", "time_data"]


def _object(value: Any) -> dict[str, int]:
    try:
        parsed = parse(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {str(k): int(v) for k, v in parsed.items() if isinstance(v, int)}


def time_data(G: nx.MultiDiGraph) -> dict[str, Any] | None:
    """The periods of a dated graph, each with its bounds and documents; else None."""
    period = G.graph.get("period")
    counts = _object(G.graph.get("timeline"))
    if period not in PERIODS or not counts:
        return None
    periods = []
    for label in sorted(counts):
        first, last = period_bounds(label, str(period))
        periods.append({"label": label, "first": first, "last": last, "documents": counts[label]})
    documents, dated = G.graph.get("documents"), G.graph.get("dated_documents")
    undated = documents - dated if isinstance(documents, int) and isinstance(dated, int) else 0
    return {"period": period, "periods": periods, "undated": max(undated, 0)}


def node_time(data: dict[str, Any]) -> dict[str, Any]:
    """A node record's time fields: mentions per period, first and last seen."""
    timeline = _object(data.get("timeline"))
    if not timeline:
        return {}
    return {
        "timeline": timeline,
        "firstSeen": str(data.get("first_seen", "")),
        "lastSeen": str(data.get("last_seen", "")),
    }


def edge_time(data: dict[str, Any], kept: list[int] | None = None) -> dict[str, Any]:
    """An edge record's time fields: weight per period, and each evidence's date.

    ``kept`` lists the positions, in the ``evidence`` attribute, of the evidence the page
    shows; ``evidenceDates`` then has one date (or None) for each, in that order.

    >>> edge_time({"timeline": '{"2016-03": 2}', "evidence": '["", "A met B."]',
    ...            "evidence_dates": '["2016-03-01", "2016-03-05"]'}, kept=[1])
    {'timeline': {'2016-03': 2}, 'evidenceDates': ['2016-03-05']}
    """
    timeline = _object(data.get("timeline"))
    if not timeline:
        return {}
    try:
        dates = parse(data.get("evidence_dates", "[]"))
    except (TypeError, ValueError):
        dates = []
    dates = [d if isinstance(d, str) else None for d in dates] if isinstance(dates, list) else []
    positions = range(len(dates)) if kept is None else kept
    return {
        "timeline": timeline,
        "evidenceDates": [dates[i] if 0 <= i < len(dates) else None for i in positions],
    }
