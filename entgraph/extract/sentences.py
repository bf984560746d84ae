"""Sentences and paragraphs of a document, as plain offsets.

Paragraphs are separated by blank lines when the text has any, else by single line
breaks (news feeds often put one paragraph per line).

>>> paragraph_starts("One.\\nTwo.")
[0, 5]
>>> paragraph_starts("One\\nstill one.\\n\\nTwo.")
[0, 16]
>>> paragraph_starts("\\nOne.\\nTwo.\\n")
[0, 6]
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from spacy.tokens import Doc

from ..records import Sentence

__all__ = ["SentenceIndex", "doc_text", "paragraph_starts", "split_sentences"]

_TEXT_KEY = "entgraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and then kept in ``doc.user_data``.

    spaCy's ``Doc.text`` joins every token again on each access, so reading it once per
    quote or mention makes extraction cost grow with the square of the document length.

    >>> import spacy
    >>> doc = spacy.blank("en")("One. Two.")
    >>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    True
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs start (the first is always 0)."""
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    bounds = [0, *(m.end() for m in pattern.finditer(text)), len(text)]
    # Leading, trailing or repeated breaks make no empty paragraphs.
    starts = [a for a, b in pairwise(bounds) if text[a:b].strip()]
    return [0, *starts[1:]] if starts else [0]


def split_sentences(doc: Doc) -> tuple[Sentence, ...]:
    """The non-blank sentences of ``doc`` with their paragraph numbers.

    Sentence ends are trimmed of trailing whitespace, so ``text[start:end]`` is clean.
    """
    text = doc_text(doc)
    paragraphs = paragraph_starts(text)
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        paragraph = bisect.bisect_right(paragraphs, start) - 1
        out.append(Sentence(start=start, end=end, paragraph=paragraph))
    return tuple(out)


class SentenceIndex:
    """Find the sentence holding a character offset.

    >>> index = SentenceIndex((Sentence(0, 4, 0), Sentence(5, 9, 1)))
    >>> index.sentence_of(6)
    1
    """

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains (or last starts before) ``offset``."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        """Paragraph number of the sentence holding ``offset``."""
        if not self.sentences:
            return 0
        return self.sentences[self.sentence_of(offset)].paragraph
