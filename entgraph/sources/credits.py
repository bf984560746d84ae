"""Drop bylines, photo credits and captions that article extraction lets through.

trafilatura keeps the article's paragraphs; some pages still put a caption ("... in
Taipei. Photo: AP"), a credit ("Jane Doe/Acme Wire"), a byline ("By Jane Doe") or a
tag line ("Additional reporting by ...", "With files from ...", "© Acme 2020") among
them. None of these is part of the story, and each names people or organisations that
would become false entities and co-mentions. The cues are the conventions newsrooms
use for such lines (what words open them, a ``Name/Agency`` credit); they name no
agency or person, so they hold for any outlet.

>>> drop_credits(["Jane Doe met Acme.", "Additional reporting by Ann Lee", "By Bob Roe"])
['Jane Doe met Acme.']
>>> drop_credits(["The minister speaks in Oslo on Monday. Photo: Ann Lee"])
[]
"""

from __future__ import annotations

import re

__all__ = ["drop_author_bio", "drop_credits", "is_credit"]

# A paragraph that *opens* like one of these is a credit or tag line, whatever follows.
_CREDIT_OPENINGS = re.compile(
    r"""^\W{0,3}(?:
        (?:additional\s+)?(?:reporting|writing|editing|research|compiled|produced|translated)
            (?:\s+and\s+\w+)?\s+by\b
      | (?:with\s+)?(?:files|wires?)\s+from\b
      | (?:photos?|photographs?|images?|pictures?|videos?|illustrations?|graphics?|captions?
           |credits?|photo\s+credits?)\s*(?::|by\b)
      | (?:©|\(c\)\s|copyright\b)
      | (?:contact|follow)\s+(?:the\s+)?(?:author|writer|reporter)\b
      | \(via\s  # "(via Acme Blog)": where a post was found
      | this\s+(?:article|story|piece)\s+(?:was\s+)?(?:originally|first)\s+
            (?:appeared|published|ran)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline: "By Jane Doe", "By Jane Doe and Ann Lee, Acme Wire" (short, no sentence).
_BYLINE = re.compile(r"^(?:by|written\s+by|posted\s+by|story\s+by)\s+[A-Z]", re.IGNORECASE)
_BYLINE_MAX_WORDS = 12
# A credit closing a caption: "... Photo: Jane Doe", "(Photo by Jane Doe/Acme)",
# "Jane Doe/Acme Wire", "Image credit: Acme". A two-word capitalised name before the
# slash keeps "TCP/IP" and "and/or" safe.
_CREDIT_TAIL = re.compile(
    r"""(?:
        (?:photos?|photograph|image|picture|illustration|video|credit|source)
            (?:\s+credit)?\s*(?::|by)\s*[^.!?]{1,80}
      | (?-i:[A-Z][a-z][\w.'-]*(?:\s+[A-Z][\w.'-]*)+\s?/\s?[A-Z][\w&.' -]{1,40})
    )\)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption is short; a long paragraph ending in a credit keeps its text.
_CAPTION_MAX_WORDS = 60


def is_credit(paragraph: str) -> bool:
    """Whether ``paragraph`` is a credit, byline or caption as a whole.

    >>> is_credit("Jane Doe/Acme Wire"), is_credit("The deal was signed by Jane Doe.")
    (True, False)
    """
    text = paragraph.strip()
    return _is_credit(text, _credit_tail(text))


def _is_credit(text: str, tail: int | None) -> bool:
    # ``text`` is stripped; ``tail`` is where its closing credit starts (or None).
    if not text:
        return False
    if _CREDIT_OPENINGS.match(text):
        return True
    words = len(text.split())
    if _BYLINE.match(text) and words <= _BYLINE_MAX_WORDS and not text.endswith((".", "?", "!")):
        return True
    return words <= _CAPTION_MAX_WORDS and tail is not None


# A credit is short: only the end of a paragraph is searched (the pattern is costly), and
# only when that end holds the slash or one of the cue words of _CREDIT_TAIL, without
# which it cannot match: plain substring tests of the case-folded end, five times faster
# than the pattern on most paragraphs (which have neither).
_TAIL_CHARS = 200
_TAIL_HINTS = ("/", "photo", "image", "picture", "illustration", "video", "credit", "source")


def _credit_tail(text: str) -> int | None:
    """Where the credit closing ``text`` starts, or None."""
    offset = max(0, len(text) - _TAIL_CHARS)
    end = text[offset:].casefold()
    if not any(hint in end for hint in _TAIL_HINTS):
        return None
    found = _CREDIT_TAIL.search(text, offset)
    # A tail cue in the middle of a sentence ("said the photo: ...") is not a credit:
    # the credit must start a sentence of its own (after ". " or "(") or the paragraph.
    if found is None:
        return None
    before = text[: found.start()].rstrip()
    ok = not before or before.endswith((".", "!", "?", "(", "|", "—", "-"))
    return found.start() if ok else None


def drop_credits(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without the credits, bylines and captions (see the module doc)."""
    kept = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        tail = _credit_tail(text)  # once: it decides both whether and where to cut
        if _is_credit(text, tail):
            continue
        if tail is not None:  # a long paragraph ending in a credit: cut the credit only
            paragraph = text[:tail].rstrip(" (|—-")
        if paragraph.strip():
            kept.append(paragraph)
    return kept


def drop_author_bio(paragraphs: list[str], author: str | None) -> list[str]:
    """``paragraphs`` without the closing author note ("Jane Doe is a columnist ...").

    Opinion pages end with one; its names (the author, their employers) are not the
    story's. Only the page's own author (its metadata) opens such a note.

    >>> drop_author_bio(["Acme won.", "Jane Doe is a writer at Acme."], "Jane Doe")
    ['Acme won.']
    >>> drop_author_bio(["Acme won. Jane Doe is a writer."], "Jane Doe")
    ['Acme won.']
    """
    if not author or not paragraphs:
        return paragraphs
    opening = re.compile(rf"(?:^|(?<=[.!?]\s)){re.escape(author)}\s+(?:is|was)\s+(?:an?|the)\b")
    last = paragraphs[-1]
    # The last such sentence: the note closes the article.
    found = max(opening.finditer(last), key=lambda m: m.start(), default=None)
    if found is None:
        return paragraphs
    kept = last[: found.start()].rstrip()
    return paragraphs[:-1] + ([kept] if kept else [])
