"""Time in the graph: periods, per-entity and per-edge counts over time, date ranges.

A document's date is an ISO date (see :mod:`entgraph.dates`). Counts are kept per day
while the graph is built and summed into periods when it is written:

- ``day``: the date itself, ``"2016-03-05"``;
- ``week``: the ISO week, ``"2016-W09"`` (Monday to Sunday);
- ``month``: ``"2016-03"``.

Period labels sort in time order within one kind of period. Undated documents count
everywhere except here: they never give a ``first_seen``, ``last_seen`` or a period.

>>> period_of("2016-03-05", "week"), period_of("2016-03-05", "month")
('2016-W09', '2016-03')
>>> period_bounds("2016-W09", "week")
('2016-02-29', '2016-03-06')
>>> t = TimeCounts("month")
>>> t.add("2016-03-05"); t.add("2016-04-01", 2); t.add(None)
>>> t.attributes()
{'first_seen': '2016-03-05', 'last_seen': '2016-04-01', 'timeline': '{"2016-03": 1, "2016-04": 2}'}
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .dates import parse_date
from .errors import InputError

__all__ = [
    "FREQUENCIES",
    "PERIODS",
    "TimeCounts",
    "check_period",
    "date_range",
    "graph_time_attributes",
    "in_range",
    "period_bounds",
    "period_of",
    "period_range",
    "period_values",
    "spells",
]

PERIODS = ("day", "week", "month")
#: pandas-style frequency letters accepted wherever a period is asked for.
FREQUENCIES = {"D": "day", "W": "week", "M": "month", "ME": "month", "MS": "month"}


def check_period(period: str) -> str:
    """``period`` as one of :data:`PERIODS` (``"M"``, ``"month"``, ``"Month"`` all work).

    >>> check_period("W"), check_period("Month")
    ('week', 'month')
    """
    text = str(period).strip()
    name = FREQUENCIES.get(text.upper(), text.lower())
    if name not in PERIODS:
        raise InputError(f"unknown period {period!r}; use one of {', '.join(PERIODS)} (or D, W, M)")
    return name


def period_of(date: str, period: str) -> str:
    """The label of the ``period`` that holds the ISO ``date``."""
    if period == "day":
        return date
    if period == "month":
        return date[:7]
    year, week, _ = _dt.date.fromisoformat(date).isocalendar()
    return f"{year}-W{week:02d}"


def period_bounds(label: str, period: str) -> tuple[str, str]:
    """The first and last ISO dates of the period ``label``."""
    first = _period_start(label, period)
    last = _next_start(first, period) - _dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period label from the one holding ``first`` to the one holding ``last``.

    >>> period_range("2016-01-31", "2016-03-01", "month")
    ['2016-01', '2016-02', '2016-03']
    """
    start = _period_start(period_of(first, period), period)
    end = _period_start(period_of(last, period), period)
    labels = []
    while start <= end:
        labels.append(period_of(start.isoformat(), period))
        start = _next_start(start, period)
    return labels


def _period_start(label: str, period: str) -> _dt.date:
    if period == "day":
        return _dt.date.fromisoformat(label)
    if period == "month":
        return _dt.date.fromisoformat(label + "-01")
    year, week = label.split("-W")
    return _dt.date.fromisocalendar(int(year), int(week), 1)


def _next_start(start: _dt.date, period: str) -> _dt.date:
    if period == "day":
        return start + _dt.timedelta(days=1)
    if period == "week":
        return start + _dt.timedelta(days=7)
    return (start.replace(day=1) + _dt.timedelta(days=32)).replace(day=1)


def spells(labels: Iterable[str], period: str) -> list[tuple[str, str]]:
    """Runs of consecutive periods as ``(start, end)`` dates, ``end`` exclusive.

    Gephi's intervals are closed and a date is the instant it starts, so a spell ends on
    the first day after its last period; runs never touch, which Gephi would refuse.

    >>> spells(["2016-01", "2016-02", "2016-04"], "month")
    [('2016-01-01', '2016-03-01'), ('2016-04-01', '2016-05-01')]
    """
    runs: list[tuple[str, str]] = []
    for label in sorted(set(labels)):
        start = _period_start(label, period)
        end = _next_start(start, period).isoformat()
        if runs and runs[-1][1] == start.isoformat():
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start.isoformat(), end))
    return runs


def period_values(counts: Mapping[str, int], period: str) -> list[tuple[int, str, str]]:
    """``(count, start, end)`` per period, ``end`` exclusive: GEXF's dynamic values."""
    values = []
    for label in sorted(counts):
        start = _period_start(label, period)
        values.append((counts[label], start.isoformat(), _next_start(start, period).isoformat()))
    return values


@dataclass
class TimeCounts:
    """Counts per ``period`` of one node or edge, and its first and last date.

    Undated additions are ignored. Counts are kept per period, not per day, so a node
    or edge holds one number per month (or week) whatever the number of documents.
    """

    period: str = "month"
    counts: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None

    def add(self, date: str | None, count: int = 1) -> None:
        if date is None:
            return
        self.counts[period_of(date, self.period)] += count
        if self.first is None or date < self.first:
            self.first = date
        if self.last is None or date > self.last:
            self.last = date

    def merge(self, other: TimeCounts) -> None:
        """Add ``other``'s counts (of the same period) to these."""
        self.counts.update(other.counts)
        for date in (other.first, other.last):
            if date is not None:
                self.first = date if self.first is None else min(self.first, date)
                self.last = date if self.last is None else max(self.last, date)

    def per_period(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))

    def attributes(self) -> dict[str, str]:
        """``first_seen``, ``last_seen`` and ``timeline`` (JSON), or nothing if undated."""
        if self.first is None or self.last is None:
            return {}
        return {
            "first_seen": self.first,
            "last_seen": self.last,
            "timeline": json.dumps(self.per_period()),
        }


def graph_time_attributes(dates: Iterable[str | None], period: str) -> dict[str, str | int]:
    """Graph attributes of a dated corpus: ``period``, its span, documents per period.

    >>> graph_time_attributes(["2016-03-05", None, "2016-05-01"], "month")["timeline"]
    '{"2016-03": 1, "2016-04": 0, "2016-05": 1}'
    """
    known = [d for d in dates if d is not None]
    if not known:
        return {}
    counts = Counter(period_of(d, period) for d in known)
    labels = period_range(min(known), max(known), period)
    return {
        "period": period,
        "first_seen": min(known),
        "last_seen": max(known),
        "dated_documents": len(known),
        "timeline": json.dumps({label: counts.get(label, 0) for label in labels}),
    }


def date_range(start: object, end: object) -> tuple[str | None, str | None]:
    """``start`` and ``end`` (dates, datetimes, strings or None) as ISO dates.

    >>> date_range("2016-03-01", None)
    ('2016-03-01', None)
    """
    bounds: list[str | None] = []
    for name, value in (("start", start), ("end", end)):
        if value is None or value == "":
            bounds.append(None)
            continue
        parsed = parse_date(value)
        if parsed is None:
            raise InputError(f"cannot read {value!r} as a date ({name} of the date range)")
        bounds.append(parsed)
    lo, hi = bounds
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"the date range starts after it ends: {lo} > {hi}")
    return lo, hi


def in_range(date: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether the ISO ``date`` is within ``[lo, hi]`` (inclusive; None is open).

    An undated document is in no range.
    """
    return date is not None and (lo is None or date >= lo) and (hi is None or date <= hi)
