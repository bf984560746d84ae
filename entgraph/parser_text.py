"""The text the parser reads: the document's text with hazards replaced, same length.

Every offset of the records points into the document's own text, so nothing is ever
deleted or inserted here; characters are replaced one for one:

- control characters (NUL, BEL, ...) become spaces, so a name glued to one is still a
  name ("Mexico\\x00 and");
- every line break Unicode knows (a CR alone, NEL, U+2028, U+2029, vertical tab, form
  feed) becomes ``\\n``, the only one spaCy and the paragraph rules read, so sentences
  and paragraphs never run across them;
- a run of more than :data:`MAX_SYMBOL_RUN` punctuation marks or symbols keeps its first
  :data:`MAX_SYMBOL_RUN` and the rest become spaces: spaCy's tokenizer strips such runs
  one character at a time, so 10,000 ``"`` marks took half a minute.

>>> parser_text("Mexico\\x00 and Peru\\rmet\\u2028here")
'Mexico  and Peru\\nmet\\nhere'
>>> len(parser_text('"' * 100)) == 100
True
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from .records import DocumentRecords

__all__ = ["MAX_SYMBOL_RUN", "as_written", "parser_text"]

#: Longest run of punctuation or symbols given to the tokenizer as it is; longer ones
#: ("!!!", "----", a row of emoji) carry no names and cost the square of their length.
MAX_SYMBOL_RUN = 16

# Line breaks of str.splitlines() that are not "\n" (CR is handled apart: CRLF stays);
# the file, group and record separators (\x1c-\x1e) are controls, not text lines.
_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_TABLE = {
    **{
        code: " "
        for code in range(0xA0)  # every control character (Cc) lies below U+00A0
        if unicodedata.category(chr(code)) == "Cc" and chr(code) not in "\t\n\r"
    },
    **{ord(ch): "\n" for ch in _LINE_BREAKS},
}
_LONE_CR = re.compile(r"\r(?!\n)")
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")


def _cap(match: re.Match[str]) -> str:
    run = match.group()
    return run[:MAX_SYMBOL_RUN] + " " * (len(run) - MAX_SYMBOL_RUN)


def parser_text(text: str) -> str:
    """``text`` made safe to parse, character for character (see the module)."""
    out = _LONE_CR.sub("\n", text.translate(_TABLE))
    return _SYMBOL_RUN.sub(_cap, out)


def as_written(records: DocumentRecords, parsed: str) -> DocumentRecords:
    """``records`` with the texts of mentions, speakers and quotes taken from the
    document as written, where the parser read a replaced copy (``parsed``).

    Offsets are the same in both, so ``records.text[m.start:m.end] == m.text`` holds.
    A quote made of several paragraphs keeps its joined text.
    """
    text = records.text
    if parsed == text:
        return records
    mentions = tuple(dataclasses.replace(m, text=text[m.start : m.end]) for m in records.mentions)
    quotes = []
    for q in records.quotes:
        quote = q.text
        if quote == parsed[q.start : q.end]:
            quote = text[q.start : q.end]
        speaker = q.speaker_text
        if q.speaker_start is not None and q.speaker_end is not None:
            speaker = text[q.speaker_start : q.speaker_end]
        quotes.append(dataclasses.replace(q, text=quote, speaker_text=speaker))
    return dataclasses.replace(records, mentions=mentions, quotes=tuple(quotes))
