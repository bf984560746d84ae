"""Speakers of quotes: the subject of a speech verb, resolved to an entity key.

A speaker is found on the parse (the ``nsubj`` of the cue verb, or of the verb it
hangs from: "X said, stressing that ..." gives "stressing" the subject X; a verb the
parser joined to an aside in dashes has the subject of the clause the aside
interrupts) and resolved against the document's mentions:

- a name: the mention holding the subject's head word ("chief spokesman Ann Lee");
- a name: the entity of the mention holding the subject's head word, reported by the
  entity's key (so by its full name: "Lee" in "Lee said" is "Ann Lee"); a capitalized
  word the recognizer missed goes to the person named last with that surname;
- a pronoun: "he"/"she" go to the latest speaker or the most recent person in subject
  position before it (a main clause's subject first), skipping people whose gender is
  known to differ (from a given name, a title such as "Mrs." or an earlier pronoun);
  a name modifying a role noun ("the Acme Party spokesman") is not that subject, and
  an unresolved group ("Critics said") does not hold the pronoun back;
  "it" and "they" to the latest organization speaking or in subject position;
- a definite description of an organization ("the agency", "the union", "the
  statement"): the most recent organization whose name holds the description's words,
  else, for a generic word ("the company", "the group"), the latest organization;
- a role description ("the Peruvian president", "the ministry's spokesman"): a person
  the document introduces with that role, else, for a role tied to a country or
  organization, the nearest person named in a sentence with that country or
  organization and given no other role; a role nobody was introduced with ("the
  minister said") goes to the person speaking or acting in the last two sentences;
- anything else ("officials") stays unresolved: ``speaker_key`` is ``None``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from lemminflect import getLemma
from spacy.tokens import Doc, Token

from ..records import Mention
from .evidence import given_name_gender
from .lexicon import BELIEF_LEMMAS, ORG_HEADS, PERSON_TITLES, ROLE_NOUNS, cue_lemma
from .sentences import SentenceIndex

__all__ = [
    "Resolver",
    "SpeakerSpan",
    "cue_kind",
    "cue_subject",
    "is_plural_noun",
    "is_speech_verb",
    "speaker_span",
]

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
_GIVEN_GENDER = {"male": "m", "female": "f"}
# Nouns that stand for any organization named before ("the company said"); a more
# specific head ("the union", "the ministry") must appear in the organization's name.
# "statement": "the statement said" speaks for whoever issued it.
_GENERIC_ORG_NOUNS = frozenset(
    """
    agency body business company firm group organisation organization outfit statement
    """.split()
)
# How far back (in sentences) a pronoun or a description looks for its entity.
_PRONOUN_WINDOW = 8
_DESCRIPTION_WINDOW = 15
# A role description no one was introduced with ("the minister said") stands for the
# person speaking or acting in the last sentences, no further back than this.
_ROLE_SALIENCE_WINDOW = 2
# A person introduced with a role after the description ("The Belgian minister says ...
# Ann Lee, the minister, ...") is this few sentences away at most.
_ROLE_AFTER_WINDOW = 8
# A question put to someone: "Asked what he would do, Lee said ...", "When asked ...".
_QUESTION_MARKERS = frozenset({"when", "if", "as", "after", "once", "while"})


def is_speech_verb(token: Token) -> bool:
    """A reporting or thought verb used as a verb, in the active voice: it has a subject,
    a clause, or hangs from one. "Lee was told", "it was announced" and "Asked what he
    would do, ..." report no speech by their subject.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Ann", "said", "so"],
    ...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "advmod"])
    >>> is_speech_verb(doc[1])
    True
    """
    lemma = cue_lemma(token.lower_)
    if lemma is None:
        return False
    deps = {c.dep_ for c in token.children}
    if deps & {"nsubjpass", "auxpass"}:
        return False  # passive: the subject is told, not telling
    if lemma == "ask" and "nsubj" not in deps and _question_put(token):
        return False
    return bool(deps & {"nsubj", "ccomp", "dobj", "aux", "neg", "parataxis"}) or token.dep_ in {
        "ROOT",
        "conj",
        "advcl",
        "xcomp",
        "ccomp",
        "parataxis",
        "relcl",
    }


def _question_put(token: Token) -> bool:
    """ "Asked what he would do, Lee said": the participle of a question put to the
    subject (it opens its sentence, or follows "when"/"if"), not a question they ask."""
    sent_start = token.i == 0 or token.is_sent_start or token.doc[token.i - 1].is_punct
    marked = any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKERS for c in token.children)
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return bool(token.is_sent_start) or sent_start or marked or before in _QUESTION_MARKERS


def cue_kind(token: Token) -> str:
    """``"belief"`` for a verb of thought or intention ("believes", "decided"), else
    ``"speech"``."""
    return "belief" if cue_lemma(token.lower_) in BELIEF_LEMMAS else "speech"


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
        if verb.dep_ == "conj" and verb.head.dep_ == "relcl" and _aside_closed(verb.head, verb):
            # "Lee tried to save Acme - which folded - but conceded ...": the parser
            # joins "conceded" to the aside; it goes with the verb the aside interrupts.
            verb = verb.head.head
            if verb.head.i == verb.i:
                return None
        verb = verb.head
        # "X told them that Y “...,” adding ...": the parser may hang "adding" in the
        # reported clause; the clause's subject is not the one who adds.
        while verb.dep_ == "ccomp" and verb.head is not verb:
            verb = verb.head
    return None


def _aside_closed(relative: Token, verb: Token) -> bool:
    """A relative clause set off by dashes or brackets closes before ``verb``: "Acme -
    which folded - but conceded" has two dashes between the noun and the verb."""
    between = relative.doc[relative.head.i + 1 : verb.i]
    dashes = sum(t.text in ("-", "–", "—", "--") for t in between)
    return dashes >= 2 or any(t.text == ")" for t in between)


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


def speaker_span(token: Token, text: str | None = None) -> SpeakerSpan:
    """The noun phrase of a subject, without appositions and relative clauses.

    ``text`` is the document's text when the caller has it (``Doc.text`` is rebuilt
    from the tokens at each read).

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
    text = doc.text if text is None else text
    return SpeakerSpan(start, end, text[start:end], token.i)


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


def _is_org(m: Mention) -> bool:
    """An organization: so typed, or so labelled by the model when typing made it a
    person ("Acme said ..." reads like a person's name to the type vote).

    >>> _is_org(Mention(0, 4, "Acme", 0, 0, "ORG", "PERSON", "person:acme", "Acme"))
    True
    """
    return m.type == "ORG" or (m.ner_label == "ORG" and m.type == "PERSON" and " " not in m.text)


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
    """Resolve speaker spans of one document to mention keys.

    Every lookup is a binary search or a walk back over a few sentences, so resolving
    all the quotes of a document stays linear in its length.
    """

    def __init__(
        self,
        doc: Doc,
        index: SentenceIndex,
        mentions: tuple[Mention, ...],
        quoted: list[tuple[int, int]],
        text: str | None = None,
    ) -> None:
        self.doc = doc
        # Doc.text joins every token at each read: the caller passes it when it has it.
        self.text = doc.text if text is None else text
        self.index = index
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self.gender: dict[str, str] = {}
        self._person_keys: set[str] = set()
        self._org_keys: set[str] = set()
        self._persons = [m for m in mentions if _is_person(m)]
        self._person_starts = [m.start for m in self._persons]
        # Multi-word person names by their last word, to give a surname its full name.
        self._by_surname: dict[str, list[Mention]] = {}
        self._descriptors: dict[int, _Descriptor] | None = None
        self._sentence_keys: dict[int, set[str]] | None = None
        self._subject_cache: dict[int, str] = {}
        self._first_person: int | None = None
        # Person indices accepted by a role lookup, by what the lookup asks (see
        # _nearest_person).
        self._accepted: dict[tuple[object, ...], list[int]] = {}
        for m in mentions:
            if _is_org(m):
                self._org_keys.add(m.key)
            # An honorific right before a name gives the person's gender ("Mrs. Lee").
            before = self.text[max(0, m.start - 6) : m.start].strip().lower().rstrip(".")
            word = before.rsplit(" ", 1)[-1] if before else ""
            if word in _HONORIFIC_GENDER:
                self.gender.setdefault(m.key, _HONORIFIC_GENDER[word])
        for m in self._persons:
            self._person_keys.add(m.key)
            words = m.name.split()
            # A known given name gives it too ("Ann Lee"); a title said first wins.
            given = given_name_gender(words[0]) if len(words) > 1 else None
            if given in _GIVEN_GENDER:
                self.gender.setdefault(m.key, _GIVEN_GENDER[given])
            if len(m.text.split()) > 1:
                self._by_surname.setdefault(m.text.split()[-1], []).append(m)

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

    def is_person_key(self, key: str | None) -> bool:
        return key in self._person_keys

    def is_org_key(self, key: str | None) -> bool:
        return key in self._org_keys

    # -- resolution --------------------------------------------------------------------

    def resolve(self, span: SpeakerSpan, last_speakers: list[tuple[int, str | None]]) -> str | None:
        """The entity key ``span`` refers to, or ``None``."""
        head = self.doc[span.head]
        m = self.mention_at(head.idx, head.idx + len(head))
        definite = span.text.split()[0].lower() in ("the", "this", "that")
        if m is not None and m.type == "COUNTRY" and definite and m.start == head.idx:
            # "The Peruvian said": a person of that nationality, named before.
            return self._pronoun(span.start, None, last_speakers)
        if m is not None:
            # The entity's key: its display name is the entity's full name. Which
            # entity a surname belongs to is the mention extractor's decision.
            return m.key
        if head.is_title and head.is_alpha:
            # A surname the entity recognizer missed here.
            key = self._full_name(head.text, span.start)
            if key is not None:
                return key
        word = head.lower_
        if word in ("he", "she"):
            key = self._pronoun(span.start, "m" if word == "he" else "f", last_speakers)
            if key is not None:
                self.gender.setdefault(key, "m" if word == "he" else "f")
            return key
        if word in ("it", "they"):
            return self._organization(span.start, last_speakers, plural=word == "they")
        if word in _SINGULAR_ROLES or (definite and head.is_alpha and head.is_lower):
            # "the senator", "the actress": a person introduced with that word.
            key = self._role(head, span)
            if key is None and definite:
                key = self._org_description(head, span, last_speakers)
            if key is None and definite and word in _SINGULAR_ROLES:
                # "Ann Lee has made an appeal ... The chancellor said": nobody was
                # introduced as chancellor, so the person just speaking or acting.
                gender = "f" if word.endswith("woman") else "m" if word.endswith("man") else None
                key = self._pronoun(
                    span.start, gender, last_speakers, window=_ROLE_SALIENCE_WINDOW, loose=False
                )
            return key
        return None

    def _full_name(self, surname: str, offset: int) -> str | None:
        """The person with a multi-word name ending in ``surname``: the one named last
        before ``offset``, else the first named after it."""
        named = self._by_surname.get(surname)
        if not named:
            return None
        before = bisect.bisect_left(named, offset, key=lambda m: m.start)
        return named[before - 1 if before else 0].key

    def _subject_role(self, m: Mention) -> str:
        """``"main"`` for the subject of a main clause, ``"sub"`` for another subject,
        else ``""``."""
        cached = self._subject_cache.get(m.start)
        if cached is None:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            cached = ""
            root = span.root if span is not None else None
            # "frontbencher Ann Lee MP demanded": the name may modify the subject's head;
            # in "the Acme Party spokesman said" it names the speaker's organization.
            while root is not None and root.dep_ in ("compound", "flat") and root.head is not root:
                root = root.head
                if root.is_lower and root.lower_ in _SINGULAR_ROLES:
                    root = None
            if root is not None and root.dep_ in ("nsubj", "nsubjpass"):
                cached = "main" if root.head.dep_ == "ROOT" else "sub"
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
    ) -> Mention | None:
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
            return m
        return None

    def _near(self, offset: int, at: int, window: int) -> bool:
        return self.index.sentence_of(offset) - self.index.sentence_of(at) <= window

    def _pronoun(
        self,
        offset: int,
        gender: str | None,
        last_speakers: list[tuple[int, str | None]],
        *,
        window: int = _PRONOUN_WINDOW,
        loose: bool = True,
    ) -> str | None:
        """He/she: the latest person in subject position (a speaker is one), else (when
        ``loose``) the latest person. ``gender`` None accepts either."""
        # The subject of a main clause is the most salient ("X took offense when Y
        # confronted him. He ..." is X); then any subject.
        subject = self._recent(
            offset, _is_person, subjects_only=True, gender=gender, main=True, window=window
        )
        if subject is None:
            subject = self._recent(
                offset, _is_person, subjects_only=True, gender=gender, window=window
            )
        subject_at = subject.start if subject is not None else -1
        for at, key in reversed(last_speakers):
            if at >= offset:
                continue
            if not self._near(offset, at, window):
                break  # and so are all speakers before: none can be taken
            if not (key is None or self.is_person_key(key)):
                continue
            if gender is not None and key is not None and self.gender.get(key, gender) != gender:
                continue
            # The latest speaker, unless another person became the subject since; a
            # speaker named but not resolved ("Col Ann Lee told ...") is not guessed.
            if at > subject_at and self._near(offset, at, window):
                return key
            break
        if subject is not None:
            return subject.key
        if not loose:
            return None
        found = self._recent(offset, _is_person, subjects_only=False, gender=gender, window=2)
        return found.key if found is not None else None

    def _organization(
        self, offset: int, last_speakers: list[tuple[int, str | None]], *, plural: bool
    ) -> str | None:
        """It/they: the latest organization speaking or in subject position. "They" is
        also said of groups of people, so it looks back less far."""
        window = 2 if plural else 5

        subject = self._recent(offset, _is_org, subjects_only=True, window=window)
        subject_at = subject.start if subject is not None else -1
        for at, key in reversed(last_speakers):
            if at >= offset:
                continue
            if self.is_org_key(key) and at > subject_at and self._near(offset, at, window):
                return key
            break
        return subject.key if subject is not None else None

    def _org_description(
        self, head: Token, span: SpeakerSpan, last_speakers: list[tuple[int, str | None]]
    ) -> str | None:
        """ "the agency", "the union", "the hereditary leaders": the latest organization
        whose name holds the head noun or one of its modifiers; for a generic noun ("the
        company", "the statement"), the latest organization."""
        words = {
            _singular(t.lower_)
            for t in self.doc[span.head].subtree
            if t.is_alpha and t.dep_ not in ("det", "poss", "case") and t.i <= head.i
        }
        if not words:
            return None

        def named(m: Mention) -> bool:
            return _is_org(m) and bool(words & {_singular(w.lower()) for w in m.name.split()})

        found = self._recent(span.start, named, subjects_only=False, window=_DESCRIPTION_WINDOW)
        if found is not None:
            return found.key
        if _singular(head.lower_) not in _GENERIC_ORG_NOUNS:
            return None
        # The organization speaking or acting last, else the one named last.
        key = self._organization(span.start, last_speakers, plural=False)
        if key is not None:
            return key
        found = self._recent(span.start, _is_org, subjects_only=False)
        return found.key if found is not None else None

    # -- role descriptions -------------------------------------------------------------

    def _descriptors_of(self) -> dict[int, _Descriptor]:
        """Role words and entities each person mention is introduced with, by position."""
        if self._descriptors is not None:
            return self._descriptors
        out: dict[int, _Descriptor] = {}
        for m in self._persons:
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

        def described(m: Mention) -> bool:
            d = descriptors.get(m.start)
            return d is not None and bool(d.words & group) and keys <= d.keys

        key = self._nearest_person(span.start, described, ("described", group, frozenset(keys)))
        if key is not None:
            return key
        if not self._person_before(span.start):
            # A news lead: "The Belgian sports minister says ... Ann Lee claims ...":
            # the first person named after, as the subject of the next sentences.
            found = self._first_subject_after(span.start, window=2)
            if found is not None or not keys:
                return found
        if not keys:
            return None
        sentence = self.index.sentence_of(span.start)
        by_sentence = self._keys_by_sentence()
        other_roles = _SINGULAR_ROLES - group

        def tied(m: Mention) -> bool:
            if not keys <= by_sentence.get(m.sentence, set()):
                return False
            d = descriptors.get(m.start)
            return d is None or not (d.words & other_roles)

        def in_sentence(m: Mention) -> bool:
            return m.sentence == sentence

        signature = ("tied", group, frozenset(keys))
        return self._nearest_person(span.start, tied, signature, skip=in_sentence)

    def _person_before(self, offset: int) -> bool:
        """Whether a person is named outside quotes before ``offset``."""
        if self._first_person is None:
            outside = (m.start for m in self._persons if not self.in_quote(m.start))
            self._first_person = next(outside, len(self.text) + 1)
        return self._first_person < offset

    def _first_subject_after(self, offset: int, window: int) -> str | None:
        """The first person after ``offset``, outside quotes, in subject position, within
        ``window`` sentences."""
        last = self.index.sentence_of(offset) + window
        for j in range(bisect.bisect_right(self._person_starts, offset), len(self._persons)):
            m = self._persons[j]
            if m.sentence > last:
                break
            if not self.in_quote(m.start) and self._subject_role(m):
                return m.key
        return None

    def _nearest_person(
        self,
        offset: int,
        accept: Callable[[Mention], bool],
        signature: tuple[object, ...],
        skip: Callable[[Mention], bool] | None = None,
    ) -> str | None:
        """The key of the closest accepted person mention before ``offset``, else a few
        sentences after, leaving out those ``skip`` rejects.

        ``accept`` depends on nothing but ``signature`` and the mention: the persons it
        accepts are listed once per signature, so a role description costs a binary
        search, not a walk over every person of the document (which made a long text
        of reported speech cost the square of its length).
        """
        accepted = self._accepted.get(signature)
        if accepted is None:
            accepted = [j for j, m in enumerate(self._persons) if accept(m)]
            self._accepted[signature] = accepted
        i = bisect.bisect_left(accepted, bisect.bisect_left(self._person_starts, offset))
        for n in range(i - 1, -1, -1):
            m = self._persons[accepted[n]]
            if skip is None or not skip(m):
                return m.key
        # After it, only a few sentences on: a later "party leader Ann Lee" is not "the
        # chancellor" before.
        last = self.index.sentence_of(offset) + _ROLE_AFTER_WINDOW
        for n in range(i, len(accepted)):
            m = self._persons[accepted[n]]
            if m.sentence > last:
                break
            if m.start > offset and (skip is None or not skip(m)):
                return m.key
        return None


def is_plural_noun(token: Token) -> bool:
    """A plural common noun ("Critics", "officials"): not one person a "he" can be.

    >>> import spacy
    >>> doc = spacy.blank("en")("Critics said")
    >>> is_plural_noun(doc[0])
    True
    """
    return _singular(token.lower_) != token.lower_


@cache
def _singular(word: str) -> str:
    """ "leaders" -> "leader", "agencies" -> "agency" (lemminflect's noun lemma)."""
    lemmas = getLemma(word, upos="NOUN")
    return lemmas[0] if lemmas else word
