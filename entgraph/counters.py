"""Counters made and added to without ``collections.Counter``'s Python-level overhead.

Counting a corpus makes a Counter for every key, node and edge (100,000s on a few
thousand articles) and adds a few pairs to one at a time; ``Counter()`` and
``Counter.update`` are Python code that costs more than the counting itself. These give
the same Counters, in the same order.

>>> c = empty_counter()
>>> add_counts(c, (("mentions", 2), ("label:PERSON", 1)))
>>> add_counts(c, (("mentions", 1),))
>>> c
Counter({'mentions': 3, 'label:PERSON': 1})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["add_counts", "empty_counter"]


def empty_counter() -> Counter[str]:
    """``Counter()``, made without ``Counter.__init__`` (an update with nothing). A
    Counter holds nothing but its dict, so the two are the same."""
    counter: Counter[str] = Counter.__new__(Counter)
    return counter


def add_counts(counter: Counter[str], pairs: Iterable[tuple[str, int]]) -> None:
    """``counter.update(dict(pairs))``: the same sums, keys in the same order."""
    if not counter:
        dict.update(counter, pairs)  # what Counter.update does on an empty Counter
        return
    get = counter.get
    for key, count in dict(pairs).items():
        counter[key] = count + get(key, 0)
