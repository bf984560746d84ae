"""Quotation marks: find the spans of text between balanced marks, on plain text.

Straight (``"``) and curly (``“ ”``, ``„``, ``« »``) double marks are read, and two
apostrophes (``''``) standing for a straight double mark, as in text converted from
typeset news archives and LaTeX. A straight mark opens or closes depending on its
neighbours (space before and a letter after opens).
News style lets a quote run across paragraphs: a paragraph that opens a quote without
closing it continues in the next paragraph when that one starts with an opening mark.
Within a paragraph, a quote left open after a finished sentence ends where the next
opening mark starts ('“A.” ... “B. “C.”' gives A, B and C). An unbalanced or stray
mark never stops the scan; only the quote it spoils is dropped.

>>> text = 'He said "yes." Then "no".'
>>> [text[q.start : q.end] for q in find_quote_spans(text, [0])]
['yes.', 'no']
>>> find_quote_spans('A stray " mark.', [0])
[]
>>> text = "''Yes,'' she said."
>>> [text[q.start : q.end] for q in find_quote_spans(text, [0])]
['Yes,']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MARKS", "QuoteSpan", "find_quote_spans", "mark_role", "mark_width"]

_OPENING = frozenset("“„«")
_CLOSING = frozenset("”»")
_STRAIGHT = '"'
_DOUBLE_APOSTROPHE = "''"
#: Every quotation mark, as token texts ("''" is two apostrophes used as one mark).
MARKS = _OPENING | _CLOSING | {_STRAIGHT, _DOUBLE_APOSTROPHE}
# What may stand right before an opening mark, besides space.
_BEFORE_OPENING = frozenset("([{—–-/:;,")
# Every character a mark can start with: the scan jumps from one to the next instead of
# testing each character of the text in Python.
_MARK_START = re.compile("[" + "".join(sorted(_OPENING | _CLOSING)) + "\"']")
# Quotes longer than this inside one paragraph come from a mark that was never closed.
MAX_QUOTE_CHARS = 5000


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Content between marks (``start``/``end`` exclude the marks and outer spaces).

    ``pieces`` holds one (start, end) per paragraph the quote runs through.
    """

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]


def mark_width(text: str, i: int) -> int:
    """How many characters the quotation mark at ``text[i]`` takes: 1, 2 for two
    apostrophes standing for a double mark, 0 when there is no mark there.

    >>> [mark_width("a ''b'' c", i) for i in (2, 3, 5)]
    [2, 0, 2]
    """
    ch = text[i]
    if ch in _OPENING or ch in _CLOSING or ch == _STRAIGHT:
        return 1
    # Exactly two apostrophes: not three, not the second of a pair.
    pair = text[i : i + 2] == _DOUBLE_APOSTROPHE and text[i + 2 : i + 3] != "'"
    return 2 if pair and (i == 0 or text[i - 1] != "'") else 0


def mark_role(text: str, i: int) -> str:
    """``"open"``, ``"close"`` or ``"either"`` for the mark at ``text[i]``.

    >>> [mark_role('a "b" c', i) for i in (2, 4)]
    ['open', 'close']
    """
    ch = text[i]
    width = max(1, mark_width(text, i))
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = (before.isspace() or before in _BEFORE_OPENING or before in MARKS) and not (
        after.isspace()
    )
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if ch in _OPENING:
        # A curly opening mark glued to a word and followed by space is a misprinted close.
        return "close" if closes and not opens and after.isspace() else "open"
    if ch in _CLOSING:
        return "open" if opens and not closes and after.isalnum() else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_quotes(
    text: str, start: int, end: int, open_at: int | None
) -> tuple[list[tuple[int, int]], int | None]:
    """(content start, closing mark) offsets of the quotes closed in ``text[start:end]``,
    and the content start of a quote still open at the end (``open_at`` if carried in)."""
    closed: list[tuple[int, int]] = []
    i = start
    while i < end:
        found = _MARK_START.search(text, i, end)
        if found is None:
            break
        i = found.start()
        width = mark_width(text, i)
        if not width:
            i += 1
            continue
        role = mark_role(text, i)
        if open_at is None:
            if role != "close":
                open_at = i + width
        elif role == "open":
            # News style runs one speaker's quote on without closing it: 'A." "B."'.
            # After a finished sentence the new mark opens the next part; otherwise
            # the earlier mark was stray.
            if text[open_at:i].rstrip().endswith((".", "!", "?")):
                closed.append((open_at, i))
            open_at = i + width
        else:
            if i - open_at <= MAX_QUOTE_CHARS:
                closed.append((open_at, i))
            open_at = None
        # A closing mark with nothing open is stray.
        i += width
    return closed, open_at


def _opening_at_start(text: str, start: int, end: int) -> int | None:
    """Where the content starts after the opening mark a paragraph starts with, if any."""
    s, e = _trimmed(text, start, end)
    if s < e and mark_width(text, s) and mark_role(text, s) != "close":
        return s + mark_width(text, s)
    return None


def find_quote_spans(text: str, paragraph_starts: list[int]) -> list[QuoteSpan]:
    """Quoted spans of ``text``, given where its paragraphs start, in text order."""
    bounds = [*paragraph_starts, len(text)]
    out: list[QuoteSpan] = []
    carried: list[tuple[int, int]] = []  # pieces of a quote running across paragraphs
    for p in range(len(bounds) - 1):
        start, end = bounds[p], bounds[p + 1]
        open_at = None
        if carried:
            open_at = _opening_at_start(text, start, end)
            start = open_at if open_at is not None else start
        continuation = open_at
        closed, open_at = _paragraph_quotes(text, start, end, open_at)
        for a, b in closed:
            if carried and a == continuation:
                out.append(_span(text, [*carried, (a, b)]))
            else:
                out.append(_span(text, [(a, b)]))
        if carried and open_at is not None and open_at == continuation:
            carried.append((open_at, end))  # a whole paragraph of quote, still open
        elif open_at is not None:
            carried = [(open_at, end)]
        else:
            carried = []
        if carried and (
            p + 2 >= len(bounds) or _opening_at_start(text, *bounds[p + 1 : p + 3]) is None
        ):
            carried = []  # never closed: only this quote is dropped
    return [q for q in out if q.end > q.start]


def _span(text: str, pieces: list[tuple[int, int]]) -> QuoteSpan:
    trimmed = tuple(_trimmed(text, s, e) for s, e in pieces)
    return QuoteSpan(start=trimmed[0][0], end=trimmed[-1][1], pieces=trimmed)
