"""Linguistic evidence for the type of a named entity, read off the parse.

The small statistical model often calls people organizations. Each cue below is a
fact about how English names people and organizations, not about any entity:

- a title or honorific that modifies the name ("President Doe", "Mr. Doe") -> PERSON
- a role appositive ("Doe, a senior fellow at ...") -> PERSON
- a known given name first ("Jane Doe") -> PERSON
- a personal pronoun that refers back ("Doe ... his") -> PERSON
- the subject of a speech verb: a bare name ("Doe said") -> PERSON; with an article
  ("the ministry said") -> ORG
- an article ("the Acme Group"), an organization head noun ("... Council",
  "... University"), an all-capitals acronym -> ORG
- the two sides of an affiliation ("Doe, a senior fellow at the Acme Institute")

>>> from spacy.tokens import Doc
>>> import spacy
>>> doc = Doc(spacy.blank("en").vocab, words=["Jane", "Doe", "spoke"])
>>> given_name_gender("Jane")
'female'
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .affiliations import AffiliationCue
from .lexicon import ORG_HEADS, PERSON_TITLES, ROLE_NOUNS, SPEECH_VERBS

__all__ = ["entity_evidence", "given_name_gender", "is_title"]

_PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@cache
def _name_detector() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@cache
def given_name_gender(word: str) -> str | None:
    """``"male"``/``"female"`` for a known given name, ``"unknown"`` if known but unisex.

    None when ``word`` is not a given name. Data: the gender-guesser package (about
    40,000 first names from many countries).
    """
    if not word[:1].isupper() or not word.isalpha():
        return None
    answer = str(_name_detector().get_gender(word))
    if answer == "unknown":
        return None
    if answer in ("male", "mostly_male"):
        return "male"
    if answer in ("female", "mostly_female"):
        return "female"
    return "unknown"


def is_title(token: Token) -> bool:
    """A title, honorific or role word ("President", "Mr.", "spokesman")."""
    word = token.lower_.rstrip(".")
    return word in PERSON_TITLES or (token.is_lower and word in ROLE_NOUNS)


def _modifies(token: Token, span: Span) -> bool:
    return span.start <= token.head.i < span.end


def _title_cue(span: Span, stripped_title: bool) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    # A capitalized title right before a name is its title ("President Doe", "Mr. Doe");
    # a lower-case role word must modify it ("chief Acme spokesman Jane Doe").
    if stripped_title and (before is None or before.is_title or _modifies(before, span)):
        return True
    # "chief Acme spokesman Jane Doe": the title must modify this name, not a later one.
    return any(
        is_title(t) and t.dep_ in ("compound", "appos", "nmod")
        for t in span.root.children
        if t.i < span.start
    )


def _role_appositive(span: Span) -> bool:
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and (child.lower_ in ROLE_NOUNS or child.lower_ in PERSON_TITLES):
            return True
    head = root.head
    return root.dep_ == "appos" and head.lower_ in ROLE_NOUNS


def _speech_subject(span: Span) -> bool:
    root = span.root
    if root.dep_ in _SUBJECT_DEPS and root.head.lower_ in SPEECH_VERBS:
        return True
    # "according to Doe"
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _acronym(span: Span) -> bool:
    text = span.text.replace(".", "")
    return len(span) == 1 and len(text) >= 2 and text.isalpha() and text.isupper()


def _span_cues(span: Span, determiner: bool, title: bool) -> Counter[str]:
    cues: Counter[str] = Counter()
    acronym = _acronym(span)
    if _title_cue(span, title):
        cues["PERSON"] += 2
    if _role_appositive(span):
        cues["PERSON"] += 2
    if 2 <= len(span) <= 4 and given_name_gender(span[0].text) is not None:
        cues["PERSON"] += 2
    if determiner:
        cues["ORG"] += 1
    if acronym:
        cues["ORG"] += 1
    if span[-1].lower_ in ORG_HEADS:
        cues["ORG"] += 2
    if _speech_subject(span):
        # An entity that speaks is an actor; with an article it is an organization.
        cues["ORG" if determiner or acronym else "PERSON"] += 2 if determiner else 1
    return cues


def _pronoun_cues(doc: Doc, spans: list[tuple[int, Span]]) -> Counter[int]:
    """+1 for the nearest preceding name of each personal pronoun (same or last sentence)."""
    found: Counter[int] = Counter()
    ordered = sorted(spans, key=lambda item: item[1].start)
    position = 0
    # Starts of this and the previous sentence, kept while walking the tokens once
    # (``token.sent`` walks the sentence again for every pronoun).
    sentence_start = previous_start = 0
    for token in doc:
        if token.is_sent_start and token.i > 0:
            sentence_start, previous_start = token.i, sentence_start
        while position < len(ordered) and ordered[position][1].end <= token.i:
            position += 1
        if token.lower_ not in _PERSONAL_PRONOUNS or position == 0:
            continue
        cid, span = ordered[position - 1]
        if span.start >= previous_start:
            found[cid] += 1
    return found


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start_char < end and start < span.end_char


def entity_evidence(
    doc: Doc,
    items: Iterable[tuple[int, Span, bool, bool]],
    cues: tuple[AffiliationCue, ...] = (),
) -> dict[int, Counter[str]]:
    """Type cues for each ``(id, span, has_article, had_title)`` item, by id.

    Each counter holds evidence weights for ``PERSON`` and ``ORG``.
    """
    items = list(items)
    evidence = {cid: _span_cues(span, det, title) for cid, span, det, title in items}
    for cid, count in _pronoun_cues(doc, [(cid, span) for cid, span, _, _ in items]).items():
        evidence[cid]["PERSON"] += count
    # Each cue looks only at the spans that can overlap it (spans by start; a cue reaches
    # back at most the longest span), not at every span of the document.
    ordered = sorted(items, key=lambda item: item[1].start_char)
    starts = [span.start_char for _, span, _, _ in ordered]
    longest = max((span.end_char - span.start_char for _, span, _, _ in ordered), default=0)
    for cue in cues:
        lo = bisect.bisect_left(starts, min(cue.person_start, cue.org_start) - longest)
        hi = bisect.bisect_left(starts, max(cue.person_end, cue.org_end))
        for cid, span, _, _ in ordered[lo:hi]:
            if _overlaps(span, cue.person_start, cue.person_end):
                evidence[cid]["PERSON"] += 2
            elif _overlaps(span, cue.org_start, cue.org_end):
                evidence[cid]["ORG"] += 2
    return evidence
