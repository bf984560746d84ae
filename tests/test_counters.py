"""The fast counters count exactly as collections.Counter does, keys in the same order."""

from __future__ import annotations

import random
from collections import Counter

from entgraph.counters import add_counts, empty_counter


def test_an_empty_counter_is_a_counter():
    counter = empty_counter()
    assert type(counter) is Counter and counter == Counter()
    counter["jane doe"] += 2
    assert counter.most_common() == [("jane doe", 2)]


def test_adding_counts_is_counter_update_of_their_dict():
    rng = random.Random(18)
    keys = ["mentions", "label:PERSON", "label:ORG", "cue:title", "cue:article", "Doe"]
    for _ in range(500):
        ours, theirs = empty_counter(), Counter()
        for _ in range(rng.randint(0, 6)):
            # Some pairs repeat a key: as in dict(pairs), the last one counts.
            pairs = tuple((rng.choice(keys), rng.randint(0, 9)) for _ in range(rng.randint(0, 5)))
            add_counts(ours, pairs)
            theirs.update(dict(pairs))
        assert list(ours.items()) == list(theirs.items())
