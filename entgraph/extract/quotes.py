"""Quotations: direct, partial and reported speech, and beliefs, with speakers.

Four kinds of quote come out of one document:

- ``direct``: a quote in marks that stands as a sentence or clause of its own
  (“We will win,” Ann Lee said.), also across sentences and paragraphs;
- ``partial``: a few quoted words in the writer's sentence, framed by a verb
  (Lee called the plan “dead on arrival”); kept only when a speaker is found;
- ``reported``: speech without marks (Lee said that the plan failed; Lee told reporters
  it failed; according to Lee, it failed). Words in marks inside the reported clause
  (Lee said the plan was “dead on arrival”) are part of that one quote: their offsets
  are its ``fragments``, and they are not a quote of their own;
- ``belief``: a clause of a verb of thought or intention (Lee believes the plan failed;
  Lee decided to run), built like a reported quote; with words in marks inside it
  ("Lee thinks the plan is “a disaster”") it is reported speech: the words were said.

What is not a quote: words in marks without a speaker, titles and names in marks (the
film “Night Train”, a player nicknamed “Ace”), short scare quotes that no verb of
saying or naming frames (the “elected” council), questions put to someone ("Asked what
he would do, Lee said ..." quotes Lee's answer, not the question), speech in the
passive ("Lee was told"), and "according to <a report or data>", which cites a document.

A quote's ``start``/``end`` cover its content without the outer marks; a quote running
over several paragraphs has ``text`` joined from its pieces, without the marks that
reopen it in each paragraph. Speech reported inside someone else's quote is part of
that quote, not a quote of its own.

The cue is the speech verb that governs the quote on the parse, else the nearest one in
the quote's sentence, or at the end of the sentence before that introduces it with a
colon, else any verb with a named subject right before the quote's colon ("Lee
continued: “...”"). A direct quote with no cue that directly follows another quote (in the same
paragraph, or opening the next one) inherits its speaker. Speakers are resolved by
:mod:`.quote_speakers`.

Everything is computed in a few passes over the tokens and sentences of the document;
per quote only its own sentences are read, so the time is linear in the document.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc, Token

from ..records import Mention, Quote
from .lexicon import DOCUMENT_NOUNS, SPEECH_VERBS, cue_lemma, verb_forms
from .positions import word_positions
from .quote_marks import MARKS, QuoteSpan, find_quote_spans
from .quote_speakers import (
    Resolver,
    SpeakerSpan,
    cue_kind,
    cue_subject,
    is_plural_noun,
    is_speech_verb,
    speaker_span,
)
from .sentences import SentenceIndex, doc_text, paragraph_starts

__all__ = ["extract_quotes"]

#: Reported content shorter than this many tokens is not a quote ("he said so").
MIN_REPORTED_TOKENS = 3
#: Quoted words outside a reported clause: at most this many are a scare quote unless a
#: verb of saying or naming frames them ("called it “a disgrace”").
SCARE_QUOTE_WORDS = 3
# Sentences a cue may be away from a direct quote it introduces ("Lee said:" + quote).
_INTRO_ENDINGS = (":", ",")
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})
# Characters of quotation marks ("''" is two apostrophes).
_MARK_CHARS = frozenset("".join(MARKS))
# Verbs that name or describe what someone said in their words: "called it “...”",
# "described the plan as “...”". With the speech verbs they may frame a short quote.
_NAMING_LEMMAS = frozenset(
    """
    brand call characterise characterize condemn denounce describe dub hail label praise
    refer term
    """.split()
)
_NAMING_FORMS = frozenset().union(*(verb_forms(lemma) for lemma in _NAMING_LEMMAS))
# The words a reported quote hangs on: "according (to)" and every speech verb's form
# (lower case, as ``token.lower_`` is; :func:`cue_lemma` knows the same forms).
_REPORTING_WORDS = SPEECH_VERBS | {"according"}


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
    fragments: list[tuple[int, int]] = field(default_factory=list)
    sentence: int = 0


class _Tokens:
    """Character offsets to tokens, and which tokens are quoted content."""

    def __init__(self, doc: Doc, spans: list[QuoteSpan], text: str) -> None:
        self.doc = doc
        self.text = text  # Doc.text joins every token at each read: read once per doc
        self.starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
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

    def follows_quote(self, verb: Token) -> bool:
        """The verb's phrase comes right after a marked quote: '“...,” he claimed.'"""
        doc = self.doc
        i = verb.left_edge.i - 1
        while i >= 0 and (doc[i].is_punct or doc[i].is_space) and not self.quoted[i]:
            if doc[i].text in MARKS:
                return True
            i -= 1
        return i >= 0 and self.quoted[i]

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


def _colon_frame(tokens: _Tokens, a: int) -> Token | None:
    """Any verb with a named subject right before the colon that opens the quote:
    'Lee continued: “...”', 'Lee went on: “...”' (the verb need not be a speech verb)."""
    doc = tokens.doc
    i = a - 1
    while i >= 0 and doc[i].text in MARKS:
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    verb = doc[i - 1]
    if verb.dep_ in ("prt", "advmod") and verb.head.i < verb.i:
        verb = verb.head  # "went on:"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not tokens.outside(verb) or verb.i - subject.i > 3:
        return None
    named = subject.ent_type_ in ("PERSON", "ORG") or subject.is_title
    return verb if named or subject.lower_ in _PERSONAL else None


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


def _framed_by_saying(tokens: _Tokens, a: int, b: int) -> bool:
    """A verb of saying or naming takes the quoted words as its argument, within two
    steps up the parse: 'called it “a disgrace”', 'described it as “unfair”'."""
    doc = tokens.doc
    for i in range(a, b):
        head = doc[i].head
        if a <= head.i < b or head.i == i:
            continue
        for _ in range(3):
            if tokens.outside(head) and (head.lower_ in _NAMING_FORMS or is_speech_verb(head)):
                return True
            if head.head is head:
                break
            head = head.head
        return False
    return False


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
            if t.idx >= draft.end and not _cue_may_follow(tokens, draft, t):
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
    between = tokens.text[previous.end : draft.start].strip()
    if tokens.text[previous.end - 1 : previous.end] not in _INTRO_ENDINGS or (
        between and any(ch not in _MARK_CHARS for ch in between)
    ):
        return None
    # "Lee put it this way:" introduces the quote whatever its verb.
    for i in reversed(_sentence_tokens(tokens, index, first - 1)):
        t = doc[i]
        if tokens.outside(t) and (is_speech_verb(t) or t.dep_ == "ROOT") and cue_subject(t):
            return t
    return None


def _cue_may_follow(tokens: _Tokens, draft: _Draft, verb: Token) -> bool:
    """A quote closed with a full stop ends its sentence: a verb after it belongs to the
    next sentence ('“... terrible.” Lee is also angry and says ...'), unless it comes
    right after the mark ('“We won.” Lee said.')."""
    if not draft.text.rstrip().endswith("."):
        return True
    b = tokens.range(draft.start, draft.end)[1]
    return verb.i - b <= 2


def _following_cue(tokens: _Tokens, index: SentenceIndex, draft: _Draft, last: int) -> Token | None:
    """A cue opening the next sentence, when the parser split '“...?” Lee said.' in two."""
    if last + 1 >= len(index.sentences):
        return None
    following = index.sentences[last + 1]
    between = tokens.text[draft.end : following.start]
    if "\n" in between or any(ch.isalnum() for ch in between):
        return None
    doc = tokens.doc
    for i in list(_sentence_tokens(tokens, index, last + 1))[:8]:
        t = doc[i]
        if tokens.outside(t) and is_speech_verb(t) and cue_subject(t) is not None:
            return t if _cue_may_follow(tokens, draft, t) else None
    return None


def _according_source(according: Token) -> Token | None:
    """The source of "according to X", or None when X is a document or data ("according
    to a report filed by ...", "according to figures"): those cite, nobody speaks."""
    source = next(
        (c for t in (according, *according.children) for c in t.children if c.dep_ == "pobj"),
        None,
    )
    if source is None or source.lower_ in DOCUMENT_NOUNS:
        return None
    return source


def _according_to(tokens: _Tokens, index: SentenceIndex, draft: _Draft) -> Token | None:
    """The source of "according to X" in the quote's sentence, if any."""
    doc = tokens.doc
    for i in _sentence_tokens(tokens, index, index.sentence_of(draft.start)):
        t = doc[i]
        if t.lower_ == "according" and tokens.outside(t) and i + 1 < len(doc):
            return _according_source(t)
    return None


def _is_direct(text: str, q: QuoteSpan, index: SentenceIndex) -> bool:
    """A quote is direct when it starts a sentence or follows an introducing colon or
    comma, and starts with a capital, or when it spans several sentences."""
    if len(q.pieces) > 1 or index.sentence_of(q.end - 1) != index.sentence_of(q.start):
        return True
    mark = q.start - (2 if text[max(0, q.start - 2) : q.start] == "''" else 1)
    before = text[: max(0, mark)].rstrip()
    sentence = index.sentences[index.sentence_of(q.start)] if index.sentences else None
    at_start = sentence is None or mark <= sentence.start or not before
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


def _scare_quote(text: str) -> bool:
    """A few words in marks that are not a sentence ("the “elected” council"): an
    exclamation or a sentence ("yelled “You lie!”") is speech however short."""
    words = sum(1 for w in text.split() if any(ch.isalnum() for ch in w))
    return words <= SCARE_QUOTE_WORDS and not text.rstrip().endswith((".", "!", "?"))


def _opens_paragraph(text: str, start: int, paragraph_start: int) -> bool:
    """The quote's opening mark is the first thing in its paragraph."""
    before = text[paragraph_start : max(paragraph_start, start - 1)]
    return not before.strip() or all(ch in _MARK_CHARS for ch in before.strip())


class _Earlier:
    """The quotes before a point, in text order, read as the point moves forward."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self.drafts = sorted((d for d in drafts if d.subject is not None), key=lambda d: d.end)
        self.next = 0
        self.last: _Draft | None = None

    def before(self, offset: int) -> _Draft | None:
        while self.next < len(self.drafts) and self.drafts[self.next].end <= offset:
            self.last = self.drafts[self.next]
            self.next += 1
        return self.last


def _marked_drafts(
    doc: Doc,
    index: SentenceIndex,
    tokens: _Tokens,
    spans: list[QuoteSpan],
    reported: list[_Draft],
    paragraphs: list[int],
) -> list[_Draft]:
    """Drafts for the quotes in marks outside reported clauses, with their cue verbs."""
    text = tokens.text
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    earlier = _Earlier(reported)
    for q in spans:
        direct = _is_direct(text, q, index)
        content = " ".join(text[s:e] for s, e in q.pieces)
        draft = _Draft(q.start, q.end, content, "direct" if direct else "partial")
        draft.sentence = index.sentence_of(q.start)
        a, b = tokens.range(q.start, q.end)
        draft.cue = _governing_cue(tokens, a, b)
        if (
            draft.cue is not None
            and draft.cue.i >= b
            and not _cue_may_follow(tokens, draft, draft.cue)
        ):
            draft.cue = None
        if _is_title(content):
            continue  # a title or a name in marks: the “Today” programme
        if not direct and _scare_quote(content) and not _framed_by_saying(tokens, a, b):
            continue  # the “elected” council
        if draft.cue is None:
            draft.cue = _nearby_cue(tokens, index, draft, direct)
        if draft.cue is None and direct:
            draft.cue = _colon_frame(tokens, a)
        if draft.cue is None and direct and not content.rstrip().endswith("."):
            # '“...,” Lee went on.' (after a full stop, a new sentence begins)
            draft.cue = _adjacent_frame(tokens, b)
        if draft.cue is None and not direct:
            draft.cue = _framing_verb(tokens, a, b)
        if draft.cue is not None:
            draft.subject = cue_subject(draft.cue)
            draft.cue_text = draft.cue.text
            if not direct and cue_kind(draft.cue) == "belief":
                draft.kind = "belief"
        else:
            source = _according_to(tokens, index, draft)
            if source is not None:
                draft.subject, draft.cue_text = source, "according to"
        if draft.subject is None and direct:
            # The nearest quote before, marked or reported, lends its speaker.
            before = earlier.before(q.start)
            if before is not None and (previous is None or before.end > previous.end):
                previous = before
            if previous is not None and _follows(index, paragraphs, text, previous, draft):
                draft.inherited = previous
        if draft.subject is None and draft.inherited is None and not direct:
            continue  # quoted words with nobody saying them
        drafts.append(draft)
        previous = draft
    return drafts


def _follows(
    index: SentenceIndex, paragraphs: list[int], text: str, previous: _Draft, draft: _Draft
) -> bool:
    """The quote comes right after ``previous``: within two sentences in the same or
    the next paragraph, or as the paragraph right after it, opening with the mark."""
    p0, p1 = index.paragraph_of(previous.start), index.paragraph_of(draft.start)
    s0, s1 = index.sentence_of(previous.end - 1), index.sentence_of(draft.start)
    if p1 - p0 <= 1 and s1 - s0 <= 2:
        return True
    last_paragraph = index.paragraph_of(max(previous.start, previous.end - 1))
    opens = p1 < len(paragraphs) and _opens_paragraph(text, draft.start, paragraphs[p1])
    return p1 - last_paragraph == 1 and opens


def _content_range(doc: Doc, tokens: list[Token]) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    while first.i < last.i and (first.is_punct or first.is_space):
        first = doc[first.i + 1]
    while last.i > first.i and (last.is_punct or last.is_space) and last.text not in MARKS:
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _reported_drafts(doc: Doc, tokens: _Tokens, index: SentenceIndex) -> list[_Draft]:
    """Speech without marks: a speech verb's clause, and "according to X, ..." clauses."""
    drafts: list[_Draft] = []
    for i in word_positions(doc, LOWER, _REPORTING_WORDS):
        t = doc[i]
        if t.lower_ == "according" and tokens.outside(t):
            draft = _according_draft(doc, tokens, t)
        elif cue_lemma(t.lower_) is not None and tokens.outside(t) and is_speech_verb(t):
            draft = _speech_draft(doc, tokens, t)
        else:
            continue
        if draft is not None:
            draft.sentence = index.sentence_of(draft.start)
            drafts.append(draft)
    return drafts


def _mostly_quoted(tokens: _Tokens, a: int, b: int) -> bool:
    words = [i for i in range(a, b) if not tokens.doc[i].is_punct]
    return not words or sum(tokens.quoted[i] for i in words) * 2 > len(words)


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
        if tokens.follows_quote(verb):
            return None  # '“...,” he claimed.' is the marked quote's cue
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
    kind = "belief" if cue_kind(verb) == "belief" else "reported"
    return _Draft(start, end, tokens.text[start:end], kind, verb, subject, verb.text)


def _according_draft(doc: Doc, tokens: _Tokens, according: Token) -> _Draft | None:
    """'According to X, ...': the clause the phrase modifies, said by X."""
    source = _according_source(according)
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
    return _Draft(start, end, tokens.text[start:end], "reported", None, source, "according to")


class _Spans:
    """The marked quotes, for "is this offset range inside one?" in logarithmic time."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.spans = spans  # in text order, never overlapping
        self.starts = [q.start for q in spans]

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i].start <= start and end <= self.spans[i].end


def _attach_fragments(
    text: str, spans: list[QuoteSpan], reported: list[_Draft], index: SentenceIndex
) -> list[QuoteSpan]:
    """Give each reported clause the marked words inside it ("said the plan was “dead
    on arrival”"); return the marked quotes that are not inside one."""
    by_sentence: dict[int, list[_Draft]] = defaultdict(list)
    for d in reported:
        by_sentence[d.sentence].append(d)
    rest = []
    for q in spans:
        # The parse may leave the closing '.”' out of the clause: a quote that starts
        # inside it and runs on by punctuation only is inside it too.
        holders = [
            d
            for d in by_sentence.get(index.sentence_of(q.start), ())
            if d.start <= q.start < d.end
            and (q.end <= d.end or not any(ch.isalnum() for ch in text[d.end : q.end]))
        ]
        # A quote that stands as a sentence is a quote of its own, not a fragment.
        if not holders or len(q.pieces) > 1 or _is_direct(text, q, index):
            rest.append(q)
            continue
        # The innermost clause: "X said Y told him “...”" quotes Y.
        holder = min(holders, key=lambda d: d.end - d.start)
        holder.fragments.append((q.start, q.end))
        if holder.kind == "belief":
            # Words in marks were said: "he thinks the plan is “a disaster”" is speech.
            holder.kind = "reported"
        if q.end > holder.end:
            holder.end, holder.text = q.end, text[holder.start : q.end]
    return rest


def extract_quotes(
    doc: Doc, index: SentenceIndex, mentions: tuple[Mention, ...]
) -> tuple[Quote, ...]:
    """The quotes of ``doc``, each with its speaker resolved against ``mentions``."""
    text = doc_text(doc)
    if not text.strip():
        return ()
    paragraphs = paragraph_starts(text)
    spans = find_quote_spans(text, paragraphs)
    tokens = _Tokens(doc, spans, text)
    marked_spans = _Spans(spans)
    reported = [
        d for d in _reported_drafts(doc, tokens, index) if not marked_spans.holds(d.start, d.end)
    ]
    loose = _attach_fragments(text, spans, reported, index)
    marked = _marked_drafts(doc, index, tokens, loose, reported, paragraphs)
    drafts = sorted(marked + reported, key=lambda d: (d.start, d.end))
    resolver = Resolver(doc, index, mentions, [(q.start, q.end) for q in spans], text)
    # (where, key) of each speaker so far; None for a name that resolved to no entity.
    last_speakers: list[tuple[int, str | None]] = []
    # Speakers are resolved in the order they are written, so that a pronoun can go to
    # the speaker before it; then continuations take the speaker of the quote before.
    for draft in sorted(drafts, key=_speaker_order):
        if draft.inherited is None and draft.subject is not None:
            draft.speaker = speaker_span(draft.subject, text)
            draft.key = resolver.resolve(draft.speaker, last_speakers)
            head = doc[draft.speaker.head]
            # An unresolved name holds a later "he" back (it may be that person); an
            # unresolved group ("Critics said") cannot be "he".
            unresolved_name = head.is_title and not (
                resolver.mention_at(head.idx, head.idx + len(head)) is None and is_plural_noun(head)
            )
            if draft.key is not None or unresolved_name:
                last_speakers.append((draft.speaker.start, draft.key))
    for draft in drafts:
        if draft.inherited is not None:
            draft.speaker, draft.key = draft.inherited.speaker, draft.inherited.key
    return tuple(_quote(draft, index, resolver) for draft in drafts)


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
        fragments=tuple(sorted(draft.fragments)),
    )
