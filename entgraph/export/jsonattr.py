"""Read the JSON text of a graph attribute, quickly.

entgraph keeps list and dict attributes as JSON text (GraphML has no lists), and the
explorer page reads six of them on each of tens of thousands of edges. ``json.loads``
goes through three Python calls and two regular expressions before the C scanner does
the work; for a text that starts with a value and ends where the value ends (all that
``json.dumps`` writes) the scanner alone gives the very same value, so it is asked
first, and anything else (blanks around the value, bad JSON) goes to ``json.loads``.

>>> parse('["a", 1]'), parse(' [2] ')
(['a', 1], [2])
>>> parse("[1] x")
Traceback (most recent call last):
json.decoder.JSONDecodeError: Extra data: line 1 column 5 (char 4)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["parse"]

# The C scanner json.loads itself ends in (typeshed does not list the attribute).
_SCAN: Callable[[str | bytes, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def parse(text: str | bytes) -> Any:
    """``json.loads(text)``: the same value, or the same error."""
    try:
        value, end = _SCAN(text, 0)
    except (StopIteration, ValueError, TypeError):  # not a value at 0, bad JSON, bytes
        return json.loads(text)
    return value if end == len(text) else json.loads(text)
