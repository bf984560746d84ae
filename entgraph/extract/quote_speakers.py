"""Speakers of quotes: the subject of a speech verb, resolved to an entity key.

A speaker is found on the parse (the ``nsubj`` of the cue verb, or of the verb it
hangs from: "X said, stressing that ..." gives "stressing" the subject X) and resolved
against the document's mentions:

- a name: the mention holding the subject's head word ("chief spokesman Ann Lee");
- a pronoun: "he"/"she" go to the most recent person in subject position before it,
  with a compatible gender when titles or earlier pronouns give one; "it" to the most
  recent organization;
- a role description ("the Peruvian president", "the ministry's spokesman"): a person
  the document introduces with that role, else, for a role tied to a country or
  organization, the nearest person named in a sentence with that country or
  organization and given no other role;
- anything else ("officials") stays unresolved: ``speaker_key`` is ``None``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Mention
from .lexicon import ORG_HEADS, PERSON_TITLES, ROLE_NOUNS, SPEECH_VERBS
from .sentences import SentenceIndex, doc_text

__all__ = ["Resolver", "SpeakerSpan", "cue_subject", "is_speech_verb", "speaker_span"]

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# A verb without a subject borrows the one of the verb it depends on through these.
_BORROW_DEPS = frozenset({"conj", "xcomp", "advcl", "dep"})
_RELATIVE = frozenset({"who", "which", "that"})
# Left dependents that belong to a speaker's noun phrase ("the ministry's spokesman").
_NP_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case"})
_NP_BREAKS = frozenset({"–", "—", "--", ")", "(", ":", ";", ",", "|"})
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}
_SINGULAR_ROLES = (ROLE_NOUNS | PERSON_TITLES) - {"mr", "mrs", "ms", "miss", "mx", "dr"}
# Role words that name the same position ("leader" is said of presidents and premiers).
_ROLE_GROUPS = (
    frozenset({"leader", "president", "premier", "prime", "chancellor", "king", "queen", "head"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
)


def is_speech_verb(token: Token) -> bool:
    """A reporting verb used as a verb (it has a subject, a clause, or hangs from one).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Ann", "said", "so"],
    ...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "advmod"])
    >>> is_speech_verb(doc[1])
    True
    """
    if token.lower_ not in SPEECH_VERBS:
        return False
    deps = {c.dep_ for c in token.children}
    return bool(deps & {"nsubj", "ccomp", "dobj", "aux", "neg", "parataxis"}) or token.dep_ in {
        "ROOT",
        "conj",
        "advcl",
        "xcomp",
        "ccomp",
        "parataxis",
        "relcl",
    }


def cue_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, borrowed from the verb it depends on when it has none.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Ann", "said", ",", "adding", "more"],
    ...           heads=[1, 1, 1, 1, 3], deps=["nsubj", "ROOT", "punct", "advcl", "dobj"])
    >>> cue_subject(doc[3]).text
    'Ann'
    """
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head  # "Ann Lee, who said ..."
                return _past_dateline(child)
        if verb.dep_ == "relcl" and verb.head.i < verb.i:
            return None
        if verb.dep_ == "acl" and verb.head.i < verb.i:
            return verb.head  # "a man saying he was nervous", "a report saying that ..."
        if verb.dep_ not in _BORROW_DEPS or verb.head is verb:
            return None
        verb = verb.head
        # "X told them that Y “...,” adding ...": the parser may hang "adding" in the
        # reported clause; the clause's subject is not the one who adds.
        while verb.dep_ == "ccomp" and verb.head is not verb:
            verb = verb.head
    return None


def _past_dateline(subject: Token) -> Token:
    """ "LIMA — Ann Lee said": the parser may take the dateline for the subject, with the
    speaker as its apposition after the dash."""
    doc = subject.doc
    place = subject.text.isupper() or subject.ent_type_ in ("GPE", "LOC")
    if place and subject.i + 1 < len(doc) and doc[subject.i + 1].text in ("—", "–", "--"):
        after = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
        if after:
            return after[-1]
    return subject


@dataclass(frozen=True, slots=True)
class SpeakerSpan:
    """A speaker as written: character span and its head word."""

    start: int
    end: int
    text: str
    head: int  # token index of the head word


def speaker_span(token: Token) -> SpeakerSpan:
    """The noun phrase of a subject, without appositions and relative clauses.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["the", "ministry", "'s", "spokesman"],
    ...           spaces=[True, False, True, False],
    ...           heads=[1, 3, 1, 3], deps=["det", "poss", "case", "ROOT"])
    >>> speaker_span(doc[3]).text
    "the ministry's spokesman"
    """
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    # A dateline or a parenthesis before the subject is not part of it
    # ("LIMA (Agency) – Party donor Ann Lee").
    for i in range(token.i - 1, left - 1, -1):
        if doc[i].text in _NP_BREAKS or "\n" in doc[i].text:
            left = i + 1
            break
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    right = token.i + 1
    if token.ent_iob_ in ("B", "I"):
        # Stretch to the entity, which may go past the head ("Ann Lee Jr.").
        while right < len(doc) and doc[right].ent_iob_ == "I":
            right += 1
    start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1])
    return SpeakerSpan(start, end, doc_text(doc)[start:end], token.i)


def _is_person(m: Mention) -> bool:
    """A person, or a name of several words the statistical model took for a person
    even if entity typing voted otherwise.

    >>> _is_person(Mention(0, 7, "Ann Lee", 0, 0, "PERSON", "ORG", "org:ann lee", "Ann Lee"))
    True
    """
    if m.type == "PERSON":
        return True
    words = m.text.split()
    return (
        m.ner_label == "PERSON"
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in ORG_HEADS
    )


def _role_group(word: str) -> frozenset[str]:
    for group in _ROLE_GROUPS:
        if word in group:
            return group
    return frozenset({word})


@dataclass
class _Descriptor:
    """The words and entity keys a person is introduced with ("Peruvian President")."""

    words: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


class Resolver:
    """Resolve speaker spans of one document to mention keys."""

    def __init__(
        self,
        doc: Doc,
        index: SentenceIndex,
        mentions: tuple[Mention, ...],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.index = index
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self.gender: dict[str, str] = {}
        self._descriptors: dict[int, _Descriptor] | None = None
        self._sentence_keys: dict[int, set[str]] | None = None
        self._persons: list[Mention] | None = None
        self._person_starts: list[int] = []
        self._described: list[Mention] = []
        self._described_starts: list[int] = []
        self._by_surname: dict[str, set[str]] | None = None
        self._subject_cache: dict[int, str] = {}
        for m in mentions:
            # An honorific right before a name gives the person's gender ("Mrs. Lee").
            before = doc_text(doc)[max(0, m.start - 6) : m.start].strip().lower().rstrip(".")
            word = before.rsplit(" ", 1)[-1] if before else ""
            if word in _HONORIFIC_GENDER:
                self.gender.setdefault(m.key, _HONORIFIC_GENDER[word])

    # -- lookups -----------------------------------------------------------------------

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside quoted content."""
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping the character span ``start:end``, if any."""
        i = bisect.bisect_right(self._starts, end) - 1
        while i >= 0 and self.mentions[i].end > start - 200:
            m = self.mentions[i]
            if m.start < end and start < m.end:
                return m
            i -= 1
        return None

    def mentions_in(self, start: int, end: int) -> Iterable[Mention]:
        """Mentions lying inside ``start:end``."""
        i = bisect.bisect_left(self._starts, start)
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                yield self.mentions[i]
            i += 1

    # -- resolution --------------------------------------------------------------------

    def resolve(self, span: SpeakerSpan, last_speakers: list[tuple[int, str]]) -> str | None:
        """The entity key ``span`` refers to, or ``None``."""
        head = self.doc[span.head]
        m = self.mention_at(head.idx, head.idx + len(head))
        if m is not None:
            return m.key
        if head.is_title and head.is_alpha:
            # A surname the entity recognizer missed here: the one person named so.
            named = self._surnames().get(head.text, set())
            if len(named) == 1:
                return next(iter(named))
        word = head.lower_
        if word in ("he", "she"):
            key = self._pronoun(span.start, "m" if word == "he" else "f", last_speakers)
            if key is not None:
                self.gender.setdefault(key, "m" if word == "he" else "f")
            return key
        if word == "it":
            return self._recent(span.start, lambda m: m.type == "ORG", subjects_only=True)
        definite = span.text.split()[0].lower() in ("the", "this", "that")
        if word in _SINGULAR_ROLES or (definite and head.is_alpha and head.is_lower):
            # "the senator", "the actress": a person introduced with that word.
            return self._role(head, span)
        return None

    def _subject_role(self, m: Mention) -> str:
        """``"main"`` for the subject of a main clause, ``"sub"`` for another subject,
        else ``""``."""
        cached = self._subject_cache.get(m.start)
        if cached is None:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            cached = ""
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                cached = "main" if span.root.head.dep_ == "ROOT" else "sub"
            self._subject_cache[m.start] = cached
        return cached

    def _recent(
        self,
        offset: int,
        accept: Callable[[Mention], bool],
        *,
        subjects_only: bool,
        gender: str | None = None,
        window: int = 5,
        main: bool = False,
    ) -> str | None:
        """The most recent accepted mention before ``offset``, outside quotes."""
        first_sentence = self.index.sentence_of(offset) - window
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            if m.sentence < first_sentence:
                break
            if self.in_quote(m.start) or not accept(m):
                continue
            if gender is not None and self.gender.get(m.key, gender) != gender:
                continue
            role = self._subject_role(m) if subjects_only else ""
            if subjects_only and (not role or (main and role != "main")):
                continue
            return m.key
        return None

    def _pronoun(
        self, offset: int, gender: str, last_speakers: list[tuple[int, str]]
    ) -> str | None:
        """He/she: the latest person in subject position (a speaker is one), else the
        latest person."""
        # The subject of a main clause is the most salient ("X took offense when Y
        # confronted him. He ..." is X); then any subject.
        subject = self._recent(offset, _is_person, subjects_only=True, gender=gender, main=True)
        if subject is None:
            subject = self._recent(offset, _is_person, subjects_only=True, gender=gender)
        subject_at = -1
        if subject is not None:
            # The subject's latest mention before offset: walk back from offset, not
            # over every mention of the document (once per pronoun: quadratic).
            i = bisect.bisect_left(self._starts, offset) - 1
            while self.mentions[i].key != subject:
                i -= 1
            subject_at = self.mentions[i].start
        for at, key in reversed(last_speakers):
            if at < offset:
                near = self.index.sentence_of(offset) - self.index.sentence_of(at) <= 5
                if at > subject_at and near and self.gender.get(key, gender) == gender:
                    return key
                break
        if subject is not None:
            return subject
        return self._recent(offset, _is_person, subjects_only=False, gender=gender, window=2)

    # -- role descriptions -------------------------------------------------------------

    def _descriptors_of(self) -> dict[int, _Descriptor]:
        """Role words and entities each person mention is introduced with, by position."""
        if self._descriptors is not None:
            return self._descriptors
        out: dict[int, _Descriptor] = {}
        for m in self.mentions:
            if not _is_person(m):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            desc = _Descriptor()
            parts = [c for c in root.lefts if c.dep_ in _NP_LEFT_DEPS and c.i < span.start]
            parts += [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                parts.append(root.head)  # "the Peruvian president, Ann Lee"
            for part in parts:
                tokens = (
                    list(part.subtree)
                    if part is not root.head
                    else [t for t in part.subtree if t.i < root.i and not t.is_punct]
                )
                for t in tokens:
                    desc.words.add(t.lower_)
                if tokens:
                    for inner in self.mentions_in(tokens[0].idx, tokens[-1].idx + len(tokens[-1])):
                        desc.keys.add(inner.key)
            if desc.words:
                out[m.start] = desc
        self._descriptors = out
        return out

    def _surnames(self) -> dict[str, set[str]]:
        """The keys of the persons named by each last word (built once per document)."""
        if self._by_surname is None:
            self._by_surname = {}
            for m in self.mentions:
                if _is_person(m) and m.text.split():
                    self._by_surname.setdefault(m.text.split()[-1], set()).add(m.key)
        return self._by_surname

    def _keys_by_sentence(self) -> dict[int, set[str]]:
        if self._sentence_keys is None:
            keys: dict[int, set[str]] = {}
            for m in self.mentions:
                keys.setdefault(m.sentence, set()).add(m.key)
            self._sentence_keys = keys
        return self._sentence_keys

    def _role(self, head: Token, span: SpeakerSpan) -> str | None:
        """A role description: a person introduced with it, else one tied to its entity."""
        group = _role_group(head.lower_)
        keys = {m.key for m in self.mentions_in(span.start, span.end)}
        descriptors = self._descriptors_of()
        if self._persons is None:  # once per document, not once per role
            self._persons = [m for m in self.mentions if _is_person(m)]
            self._person_starts = [m.start for m in self._persons]
            self._described = [m for m in self._persons if m.start in descriptors]
            self._described_starts = [m.start for m in self._described]
        persons, starts = self._persons, self._person_starts

        def described(m: Mention) -> bool:
            d = descriptors.get(m.start)
            return d is not None and bool(d.words & group) and keys <= d.keys

        # Only persons with a descriptor can be described: walk those alone.
        key = _nearest(self._described, self._described_starts, span.start, described)
        if key is not None or not keys:
            return key
        sentence = self.index.sentence_of(span.start)
        by_sentence = self._keys_by_sentence()
        other_roles = _SINGULAR_ROLES - group

        def tied(m: Mention) -> bool:
            if m.sentence == sentence or not keys <= by_sentence.get(m.sentence, set()):
                return False
            d = descriptors.get(m.start)
            return d is None or not (d.words & other_roles)

        return _nearest(persons, starts, span.start, tied)


def _nearest(
    mentions: list[Mention], starts: list[int], offset: int, accept: Callable[[Mention], bool]
) -> str | None:
    """The key of the closest accepted mention before ``offset``, else after it.

    ``mentions`` are in text order (``starts`` their offsets): the search walks out from
    ``offset`` and stops at the first accepted one, instead of testing every mention.
    """
    for i in range(bisect.bisect_left(starts, offset) - 1, -1, -1):
        if accept(mentions[i]):
            return mentions[i].key
    for i in range(bisect.bisect_right(starts, offset), len(mentions)):
        if accept(mentions[i]):
            return mentions[i].key
    return None
