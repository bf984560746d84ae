"""Find the tokens of a ``Doc`` that have a given word, without visiting every token.

Reading an attribute of each token in a Python loop makes a ``Token`` object per token
and per pass, and extraction makes several passes looking for a few words ("of",
"he", the speech verbs). These read spaCy's attribute arrays instead (one C call per
pass) and leave the loop only the tokens that match.

>>> import spacy
>>> from spacy.attrs import LOWER
>>> doc = spacy.blank("en")("He said she left. He did.")
>>> word_positions(doc, LOWER, frozenset({"he", "she"}))
[0, 2, 5]
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["sentence_start_positions", "word_positions"]


@lru_cache(maxsize=256)
def _hashes(words: frozenset[str]) -> numpy.ndarray:  # type: ignore[type-arg]
    # spaCy keys every string by the same 64-bit hash, whatever the vocabulary.
    return numpy.array(sorted(get_string_id(w) for w in words), dtype=numpy.uint64)


def word_positions(doc: Doc, attr: int, words: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose string attribute ``attr`` (``LOWER``,
    ``ORTH``, ``DEP``, ...) is one of ``words``."""
    if not len(doc) or not words:
        return []
    values = doc.to_array(attr)
    keys = _hashes(words)
    # A binary search in the sorted keys: ``numpy.isin`` sorts the whole array each time.
    at = numpy.minimum(numpy.searchsorted(keys, values), len(keys) - 1)
    return numpy.flatnonzero(keys[at] == values).tolist()  # type: ignore[no-any-return]


def sentence_start_positions(doc: Doc) -> list[int]:
    """Indices of the tokens that start a sentence (``token.is_sent_start``).

    >>> import spacy
    >>> doc = spacy.blank("en")("One. Two.")
    >>> doc[2].is_sent_start = True
    >>> sentence_start_positions(doc)
    [0, 2]
    """
    if not len(doc):
        return []
    return numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()  # type: ignore[no-any-return]
