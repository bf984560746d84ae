"""Quotations: direct, partial and reported speech, with speakers.

Three kinds of quote come out of one document:

- ``direct``: a quote in marks that stands as a sentence or clause of its own
  (“We will win,” Ann Lee said.), also across sentences and paragraphs;
- ``partial``: a few quoted words inside the writer's sentence
  (Lee said the plan was “dead on arrival”); kept only when a speaker is found;
- ``reported``: speech without marks (Lee said that the plan failed; Lee told reporters
  it failed; according to Lee, it failed).

A quote's ``start``/``end`` cover its content without the outer marks; a quote running
over several paragraphs has ``text`` joined from its pieces, without the marks that
reopen it in each paragraph. Speech reported inside someone else's quote is part of
that quote, not a quote of its own.

The cue is the speech verb (``SPEECH_VERBS``) that governs the quote on the parse, else
the nearest one in the quote's sentence, or at the end of the sentence before that
introduces it with a colon. A direct quote with no cue that directly follows another
quote inherits its speaker. Speakers are resolved by :mod:`.quote_speakers`.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Mention, Quote
from .quote_marks import MARKS, QuoteSpan, find_quote_spans
from .quote_speakers import Resolver, SpeakerSpan, cue_subject, is_speech_verb, speaker_span
from .sentences import SentenceIndex, doc_text, paragraph_starts

__all__ = ["extract_quotes"]

#: Reported content shorter than this many tokens is not a quote ("he said so").
MIN_REPORTED_TOKENS = 3
# Sentences a cue may be away from a direct quote it introduces ("Lee said:" + quote).
_INTRO_ENDINGS = (":", ",")
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


@dataclass
class _Draft:
    """A quote being built; becomes a :class:`Quote` once its speaker is resolved."""

    start: int
    end: int
    text: str
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    cue_text: str | None = None
    inherited: _Draft | None = None
    speaker: SpeakerSpan | None = None
    key: str | None = None


class _Tokens:
    """Character offsets to tokens, and which tokens are quoted content."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.quoted = [False] * len(doc)
        for q in spans:
            for s, e in q.pieces:
                for i in range(*self.range(s, e)):
                    self.quoted[i] = True

    def range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``[a, b)`` overlapping the characters ``start:end``."""
        a = max(0, bisect.bisect_right(self.starts, start) - 1)
        if a < len(self.doc) and self.doc[a].idx + len(self.doc[a]) <= start:
            a += 1
        b = bisect.bisect_left(self.starts, end)
        return a, max(a, b)

    def introduces_quote(self, verb: Token) -> bool:
        """The verb is followed by a marked quote: 'said: “...' or 'said, “...'."""
        doc = self.doc
        separated = False  # 'said “it hurts” every time' runs on: reported, not direct
        for i in range(verb.i + 1, min(len(doc), verb.i + 4)):
            if self.quoted[i]:
                return separated
            if not (doc[i].is_punct or doc[i].is_space):
                return False
            separated = separated or doc[i].text in (":", ",")
        return False

    def outside(self, token: Token) -> bool:
        return not self.quoted[token.i] and token.text not in MARKS


def _governing_cue(tokens: _Tokens, a: int, b: int) -> Token | None:
    """The speech verb the quote tokens ``a:b`` hang from on the parse, if any."""
    doc = tokens.doc
    for i in range(a, b):
        head = doc[i].head
        if a <= head.i < b or head.i == i:
            continue
        steps = 0
        while steps < 12:
            if tokens.outside(head) and is_speech_verb(head):
                return head
            if head.head is head:
                break
            head = head.head
            steps += 1
    return None


def _adjacent_frame(tokens: _Tokens, b: int) -> Token | None:
    """Any verb whose subject comes right after the closing mark: '“...,” Lee went on.'"""
    doc = tokens.doc
    i = b
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and "\n" not in doc[i].text:
        i += 1
    for t in doc[i : i + 4]:
        if "\n" in t.text or tokens.quoted[t.i]:
            break
        if t.dep_ == "nsubj" and t.head.i > b and tokens.outside(t.head):
            named = t.ent_type_ in ("PERSON", "ORG") or t.is_title or t.lower_ in _PERSONAL
            return t.head if named and t.head.i - t.i <= 3 else None
    return None


def _framing_verb(tokens: _Tokens, a: int, b: int) -> Token | None:
    """The nearest verb above a partial quote whose subject is a name or a pronoun:
    "Lee called the plan “dead on arrival”" quotes Lee."""
    doc = tokens.doc
    for i in range(a, b):
        head = doc[i].head
        if a <= head.i < b or head.i == i:
            continue
        for _ in range(6):
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and tokens.outside(head):
                named = subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                return head if named or subject.lower_ in _PERSONAL else None
            if head.head is head:
                break
            head = head.head
        return None
    return None


def _sentence_tokens(tokens: _Tokens, index: SentenceIndex, sentence: int) -> range:
    s = index.sentences[sentence]
    return range(*tokens.range(s.start, s.end))


def _nearby_cue(tokens: _Tokens, index: SentenceIndex, draft: _Draft, direct: bool) -> Token | None:
    """A speech verb with a subject near the quote: in its sentences, then the sentence
    before when it ends with a colon or comma that introduces the quote."""
    doc = tokens.doc
    first, last = index.sentence_of(draft.start), index.sentence_of(max(draft.start, draft.end - 1))
    best: tuple[int, Token] | None = None
    for sentence in range(first, last + 1):
        for i in _sentence_tokens(tokens, index, sentence):
            t = doc[i]
            if not tokens.outside(t) or not is_speech_verb(t) or cue_subject(t) is None:
                continue
            distance = t.idx - draft.end if t.idx >= draft.end else (draft.start - t.idx) * 2
            if best is None or distance < best[0]:
                best = (distance, t)
    if best is not None:
        return best[1]
    following = _following_cue(tokens, index, draft, last)
    if following is not None or not direct or first == 0:
        return following
    previous = index.sentences[first - 1]
    between = doc_text(doc)[previous.end : draft.start].strip()
    if doc_text(doc)[previous.end - 1 : previous.end] not in _INTRO_ENDINGS or (
        between and any(ch not in MARKS for ch in between)
    ):
        return None
    # "Lee put it this way:" introduces the quote whatever its verb.
    for i in reversed(_sentence_tokens(tokens, index, first - 1)):
        t = doc[i]
        if tokens.outside(t) and (is_speech_verb(t) or t.dep_ == "ROOT") and cue_subject(t):
            return t
    return None


def _following_cue(tokens: _Tokens, index: SentenceIndex, draft: _Draft, last: int) -> Token | None:
    """A cue opening the next sentence, when the parser split '“...?” Lee said.' in two."""
    if last + 1 >= len(index.sentences):
        return None
    following = index.sentences[last + 1]
    between = doc_text(tokens.doc)[draft.end : following.start]
    if "\n" in between or any(ch.isalnum() for ch in between):
        return None
    doc = tokens.doc
    for i in list(_sentence_tokens(tokens, index, last + 1))[:8]:
        t = doc[i]
        if tokens.outside(t) and is_speech_verb(t) and cue_subject(t) is not None:
            return t
    return None


def _according_to(tokens: _Tokens, index: SentenceIndex, draft: _Draft) -> Token | None:
    """The source of "according to X" in the quote's sentence, if any."""
    doc = tokens.doc
    for i in _sentence_tokens(tokens, index, index.sentence_of(draft.start)):
        t = doc[i]
        if t.lower_ == "according" and tokens.outside(t) and i + 1 < len(doc):
            for child in doc[i + 1].children:
                if child.dep_ == "pobj":
                    return child
    return None


def _is_direct(text: str, q: QuoteSpan, index: SentenceIndex) -> bool:
    """A quote is direct when it starts a sentence or follows an introducing colon or
    comma, and starts with a capital, or when it spans several sentences."""
    if len(q.pieces) > 1 or index.sentence_of(q.end - 1) != index.sentence_of(q.start):
        return True
    before = text[: max(0, q.start - 1)].rstrip()
    sentence = index.sentences[index.sentence_of(q.start)] if index.sentences else None
    at_start = sentence is None or q.start - 1 <= sentence.start or not before
    after_intro = before.endswith((":", ",")) or at_start
    return after_intro and text[q.start : q.start + 1].isupper()


def _is_title(text: str) -> bool:
    """Every word capitalized: a title or a name in marks, not speech ("Rain Man")."""
    words = [w for w in text.split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "or"}
    return (
        bool(words)
        and len(words) <= 6
        and all(w[:1].isupper() or w in small for w in words)
        and not text.rstrip().endswith((".", "!", "?", ","))
    )


def _marked_drafts(
    doc: Doc, index: SentenceIndex, tokens: _Tokens, spans: list[QuoteSpan], reported: list[_Draft]
) -> list[_Draft]:
    """Drafts for the quotes in marks, with their cue verbs."""
    text = doc_text(doc)
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    latest_before = _latest_ending_by(reported)
    for q in spans:
        direct = _is_direct(text, q, index)
        content = " ".join(text[s:e] for s, e in q.pieces)
        draft = _Draft(q.start, q.end, content, "direct" if direct else "partial")
        a, b = tokens.range(q.start, q.end)
        draft.cue = _governing_cue(tokens, a, b)
        if draft.cue is None:
            draft.cue = _nearby_cue(tokens, index, draft, direct)
        if draft.cue is None and direct:
            draft.cue = _adjacent_frame(tokens, b)
        if draft.cue is None and not direct:
            draft.cue = _framing_verb(tokens, a, b)
        if draft.cue is not None:
            draft.subject = cue_subject(draft.cue)
            draft.cue_text = draft.cue.text
        else:
            source = _according_to(tokens, index, draft)
            if source is not None:
                draft.subject, draft.cue_text = source, "according to"
        if draft.subject is None and direct:
            # The nearest quote before, marked or reported, lends its speaker.
            before = latest_before(q.start)
            if before is not None and (previous is None or before.end > previous.end):
                previous = before
            if previous is not None and _follows(index, previous, draft):
                draft.inherited = previous
        if draft.subject is None and draft.inherited is None and (not direct or _is_title(content)):
            continue  # scare quotes, titles: not speech without a speaker
        drafts.append(draft)
        previous = draft
    return drafts


def _latest_ending_by(drafts: list[_Draft]) -> Callable[[int], _Draft | None]:
    """A lookup of the last draft (in list order) with a subject that ends at or before
    an offset. Built once per document, so each quote costs a binary search, not a scan
    of every draft (which made long documents cost the square of their length)."""
    ordered = sorted((d.end, i) for i, d in enumerate(drafts) if d.subject is not None)
    ends = [end for end, _ in ordered]
    latest = list(itertools.accumulate((i for _, i in ordered), max))

    def find(offset: int) -> _Draft | None:
        k = bisect.bisect_right(ends, offset)
        return drafts[latest[k - 1]] if k else None

    return find


def _follows(index: SentenceIndex, previous: _Draft, draft: _Draft) -> bool:
    """The quote comes right after ``previous``: same or next paragraph, within two
    sentences."""
    p0, p1 = index.paragraph_of(previous.start), index.paragraph_of(draft.start)
    s0, s1 = index.sentence_of(previous.end - 1), index.sentence_of(draft.start)
    return p1 - p0 <= 1 and s1 - s0 <= 2


def _content_range(doc: Doc, tokens: list[Token]) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    while first.i < last.i and (first.is_punct or first.is_space):
        first = doc[first.i + 1]
    while last.i > first.i and (last.is_punct or last.is_space) and last.text not in MARKS:
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _reported_drafts(doc: Doc, tokens: _Tokens) -> list[_Draft]:
    """Speech without marks: a speech verb's clause, and "according to X, ..." clauses."""
    drafts: list[_Draft] = []
    for t in doc:
        if t.lower_ == "according" and tokens.outside(t):
            draft = _according_draft(doc, tokens, t)
        elif is_speech_verb(t) and tokens.outside(t):
            draft = _speech_draft(doc, tokens, t)
        else:
            continue
        if draft is not None:
            drafts.append(draft)
    return drafts


def _mostly_quoted(tokens: _Tokens, a: int, b: int) -> bool:
    words = [i for i in range(a, b) if not tokens.doc[i].is_punct]
    return not words or sum(tokens.quoted[i] for i in words) * 2 >= len(words)


def _speech_draft(doc: Doc, tokens: _Tokens, verb: Token) -> _Draft | None:
    """'X said (that) ...', 'X told reporters ...', '..., X said.'"""
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not say what ..." reports no speech
    if tokens.introduces_quote(verb):
        return None  # 'Lee said: “...”' is the marked quote's cue
    clause = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clause:
        # "Lee vowed to fight", "Lee urged them to leave"
        clause = [
            c
            for c in verb.children
            if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)
        ]
    if clause:
        content = list(clause[0].subtree)
    elif verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # "The plan, Lee said, is dead": the content is the clause around the verb.
        inner = set(t.i for t in verb.subtree)
        content = [t for t in verb.head.subtree if t.i not in inner]
    else:
        return None
    subject = cue_subject(verb)
    if subject is None or len(content) < MIN_REPORTED_TOKENS:
        return None
    start, end = _content_range(doc, content)
    a, b = tokens.range(start, end)
    if _mostly_quoted(tokens, a, b):
        return None
    return _Draft(start, end, doc_text(doc)[start:end], "reported", verb, subject, verb.text)


def _according_draft(doc: Doc, tokens: _Tokens, according: Token) -> _Draft | None:
    """'According to X, ...': the clause the phrase modifies, said by X."""
    source = next(
        (c for t in (according, *according.children) for c in t.children if c.dep_ == "pobj"),
        None,
    )
    clause = according.head
    if source is None or clause is according:
        return None
    inner = set(t.i for t in according.subtree)
    content = [t for t in clause.subtree if t.i not in inner]
    if len(content) < MIN_REPORTED_TOKENS:
        return None
    start, end = _content_range(doc, content)
    a, b = tokens.range(start, end)
    if _mostly_quoted(tokens, a, b):
        return None
    return _Draft(start, end, doc_text(doc)[start:end], "reported", None, source, "according to")


def _inside_marked(spans: list[QuoteSpan]) -> Callable[[_Draft], bool]:
    """A test of whether speech is reported inside someone else's quote (it then belongs
    to that quote). Built once per document: spans by start with the furthest end so
    far, so each draft costs a binary search, not a scan of every span."""
    ordered = sorted(spans, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    reach = list(itertools.accumulate((q.end for q in ordered), max))

    def inside(draft: _Draft) -> bool:
        k = bisect.bisect_right(starts, draft.start)
        return k > 0 and reach[k - 1] >= draft.end

    return inside


def extract_quotes(
    doc: Doc, index: SentenceIndex, mentions: tuple[Mention, ...]
) -> tuple[Quote, ...]:
    """The quotes of ``doc``, each with its speaker resolved against ``mentions``."""
    text = doc_text(doc)
    if not text.strip():
        return ()
    spans = find_quote_spans(text, paragraph_starts(text))
    tokens = _Tokens(doc, spans)
    inside_marked = _inside_marked(spans)
    reported = [d for d in _reported_drafts(doc, tokens) if not inside_marked(d)]
    marked = _marked_drafts(doc, index, tokens, spans, reported)
    drafts = sorted(marked + reported, key=lambda d: (d.start, d.end))
    resolver = Resolver(doc, index, mentions, [(q.start, q.end) for q in spans])
    last_speakers: list[tuple[int, str]] = []
    quotes: list[Quote] = []
    # Speakers are resolved in the order they are written, so that a pronoun can go to
    # the speaker before it; then continuations take the speaker of the quote before.
    for draft in sorted(drafts, key=_speaker_order):
        if draft.inherited is None and draft.subject is not None:
            draft.speaker = speaker_span(draft.subject)
            draft.key = resolver.resolve(draft.speaker, last_speakers)
            if draft.key is not None:
                last_speakers.append((draft.speaker.start, draft.key))
    for draft in drafts:
        if draft.inherited is not None:
            draft.speaker, draft.key = draft.inherited.speaker, draft.inherited.key
    for draft in drafts:
        quotes.append(_quote(draft, index, resolver))
    return tuple(quotes)


def _speaker_order(draft: _Draft) -> int:
    """Where the speaker is written (the quote's start when it has none)."""
    return draft.subject.idx if draft.subject is not None else draft.start


def _quote(draft: _Draft, index: SentenceIndex, resolver: Resolver) -> Quote:
    speaker = draft.speaker
    return Quote(
        start=draft.start,
        end=draft.end,
        text=draft.text,
        kind=draft.kind,
        cue=draft.cue_text,
        sentence=index.sentence_of(draft.start),
        paragraph=index.paragraph_of(draft.start),
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_key=draft.key,
        mention_keys=tuple(m.key for m in resolver.mentions_in(draft.start, draft.end)),
    )
