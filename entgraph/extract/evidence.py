"""Linguistic evidence for the type of a named entity, read off the parse.

The small statistical model often calls people organizations and organizations
people. Each cue below is a fact about how English writes about people,
organizations, places and things, not about any entity. This module only *records*
which cues a mention shows, by name (``cue:title``, ``cue:member_noun``, ...); how
much each one weighs is decided in one place, :mod:`entgraph.resolve.typing`, from
the evidence of the whole corpus.

- people: a title ("President Doe", "Mr. Doe"), a role appositive ("Doe, a senior
  fellow at ..."), a known given name ("Jane Doe"), a pronoun that refers back, the
  subject of a speech verb, the person side of an affiliation, "the Doe
  administration";
- organizations: an article ("the Acme Group"), an acronym, a head noun ("... Council"),
  a legal suffix ("... plc", via ``cleanco``), members and money ("Acme MPs", "Acme
  shares", "Acme's board"), "shares in Acme", "the ministry said", "Acme said in a
  statement", the organization side of an affiliation;
- places: "in X", "from X" (gazetteer hits are added by the resolver);
- things: "Acme software", "the film Acme", "a system called Acme", "Acme, starring
  Jane Doe", "four Acmes", "the 2005 Acme Awards", a name in quotation marks, a unit
  after a number ("12:00 GMT"), a word that only modifies a common noun, the same word
  written in lower case, an abbreviation of the lower-case words before it ("gross
  domestic product (GDP)");
- no person: a number among the words ("Acme 5").

>>> from spacy.tokens import Doc
>>> import spacy
>>> doc = Doc(spacy.blank("en").vocab, words=["Jane", "Doe", "spoke"])
>>> given_name_gender("Jane")
'female'
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from spacy.attrs import IS_ALPHA, IS_LOWER, LENGTH, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from ..resolve.names import given_name_gender
from .affiliations import AffiliationCue
from .cue_words import (
    EVENT_HEADS,
    MEMBER_NOUNS,
    NAMING_VERBS,
    ORG_KINDS,
    PERSON_MODIFIED_NOUNS,
    PRODUCT_NOUNS,
    PRODUCT_PREP_HEADS,
    PRODUCT_VERBS,
    STAKE_NOUNS,
    WORK_KINDS,
    WORK_NOUNS,
    WORK_PARTICIPLES,
    WORK_PREP_HEADS,
    WORK_SUFFIXES,
)
from .lexicon import ORG_HEADS, PERSON_TITLES, ROLE_NOUNS, SPEECH_VERBS, verb_forms
from .positions import sentence_start_positions, word_positions

__all__ = ["entity_evidence", "given_name_gender", "is_title"]

_PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A name that is an object ("told Acme", "with Acme") is rarely what "he" refers to.
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_CLOSE_QUOTES = frozenset({'"', "”", "’", "'", "»"})
# Verbs of working somewhere ("works at Acme"), as surface forms: the parse has no lemmas.
_WORK_VERBS = frozenset("work works worked working job jobs joined join joins".split())
_PRODUCT_VERB_FORMS = frozenset(form for lemma in PRODUCT_VERBS for form in verb_forms(lemma))
_INDEFINITE = frozenset({"a", "an"})
# A match score ("2-1", "17-16") or "v" between two sides.
_SCORE = re.compile(r"^\d{1,3}-\d{1,3}$")
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
_HYPHENS = frozenset({"-", "–"})
_CONJUNCTIONS = frozenset({"and", "&"})
# A year as a modifier: "the 2005 Acme Awards".
_YEAR = re.compile(r"^(?:19|20)\d\d$")


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


def _in_statement(span: Span) -> bool:
    """ "Acme said in a statement": organizations issue statements."""
    verb = span.root.head
    if span.root.dep_ not in _SUBJECT_DEPS or verb.lower_ not in SPEECH_VERBS:
        return False
    return any(
        prep.lower_ == "in" and any(o.lower_ == "statement" for o in prep.children)
        for prep in verb.children
        if prep.dep_ == "prep"
    )


def _acronym(span: Span) -> bool:
    """A word in capitals in lower-case text: "ACME said". In a headline or a dateline
    ("ACMETON 1996-08-30") capitals say nothing."""
    text = span.text.replace(".", "")
    if not (len(span) == 1 and len(text) >= 2 and text.isalpha() and text.isupper()):
        return False
    doc = span.doc
    sentence = span.sent  # bounded by the sentence, so linear in the document
    lo, hi = max(span.start - 6, sentence.start), min(span.end + 6, sentence.end)
    around = [t for t in doc[lo:hi] if t.is_alpha and len(t) > 1 and t.i != span.start]
    return bool(around) and sum(t.is_upper for t in around) * 2 < len(around)


def _next_noun(span: Span) -> Token | None:
    """The lower-case noun the name modifies: "Acme" in "Acme chief executive"."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    after = doc[span.end]
    root = span.root
    if root.dep_ in _MODIFIER_DEPS and root.head.i >= span.end:
        return root.head  # "Acme MPs": the noun may be capitalized
    return after if after.is_lower and after.is_alpha else None


def _possessed(span: Span) -> Token | None:
    """The noun after "Acme's": "board" in "Acme's board"."""
    doc = span.doc
    if span.end < len(doc) - 1 and doc[span.end].lower_ in ("'s", "’s", "'", "’"):
        after = doc[span.end + 1]
        return after if after.is_lower else None
    return None


def _prep_head(span: Span) -> tuple[str, Token] | None:
    """("in", "shares") for "shares in Acme"."""
    root = span.root
    if root.dep_ != "pobj":
        return None
    prep = root.head
    return prep.lower_, prep.head


def _quoted(span: Span) -> bool:
    doc = span.doc
    if span.start == 0 or span.end >= len(doc):
        return False
    return doc[span.start - 1].text in _OPEN_QUOTES and doc[span.end].text in _CLOSE_QUOTES


def _after_number(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return len(span) == 1 and before is not None and (before.like_num or before.text[:1].isdigit())


def _numbered(span: Span) -> bool:
    """A number among the words: "Acme 5", "Radio 4". No person's name has one."""
    return len(span) > 1 and any(t.text[:1].isdigit() for t in span)


def _defined_term(span: Span) -> bool:
    """An abbreviation of the lower-case words just before it, in brackets: "gross
    domestic product (GDP)", "megabits per second (Mbps)": a term, not a name."""
    doc = span.doc
    if len(span) != 1 or span.start < 3 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    words = []
    for token in reversed(doc[max(span.start - 6, 0) : span.start - 1]):
        if not (token.is_lower and token.is_alpha):
            break
        words.append(token)
    text = span.text.lower()
    # Its first letter opens one of the words and its last opens the last word.
    return (
        len(words) >= 2
        and text[-1:] == words[0].text[:1]
        and any(w.text[:1] == text[:1] for w in words[1:])
    )


def _legal_suffix(span: Span) -> bool:
    return len(span) >= 2 and _has_legal_suffix(str(span.text))


@lru_cache(maxsize=65536)
def _has_legal_suffix(text: str) -> bool:
    # Cached: names recur across a corpus, and cleanco tries every legal form it knows
    # on each call (the costliest cue of all before).
    from cleanco import basename  # company legal forms of many countries

    # Spacing and control characters are no legal form, though cleanco drops them.
    text = " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())
    return str(basename(text)) != text.rstrip(" .,")


def _kind(span: Span) -> str | None:
    """ "org" or "work" when a kind noun stands right before the name and goes with it
    ("the firm Acme", "rock band Acme", "the film Acme"), or heads its appositive ("Acme,
    the US handset and chip maker")."""
    doc = span.doc
    root = span.root
    words = []
    if span.start > 0:
        before = doc[span.start - 1]
        if before.is_lower and (
            _modifies(before, span) or (root.dep_ == "appos" and root.head.i == before.i)
        ):
            words.append(before.lower_)
    for child in root.children:
        if child.dep_ == "appos" and child.is_lower and child.lower_ not in ROLE_NOUNS:
            words += [child.lower_, *(c.lower_ for c in child.children if c.dep_ == "conj")]
    if span.start > 1 and doc[span.start - 1].lower_ in NAMING_VERBS:
        # "a file-sharing system called Acme", "a firm dubbed Acme"
        noun = doc[span.start - 2]
        if noun.is_lower:
            words.append(noun.lower_)
    if any(word in ORG_KINDS for word in words):
        return "org"
    if any(word in WORK_KINDS or word in PRODUCT_NOUNS for word in words):
        return "work"
    return None


def _work_noun(span: Span) -> bool:
    """ "X nominations", "the X final", "X-winning": a work, an award or a competition."""
    doc = span.doc
    root = span.root
    if root.dep_ in _MODIFIER_DEPS and root.head.i >= span.end and root.head.lower_ in WORK_NOUNS:
        return True
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text in _HYPHENS
        and doc[span.end + 1].lower_ in WORK_SUFFIXES
    )


def _work_participle(span: Span) -> bool:
    """ "Acme, starring Jane Doe", "Acme, directed by Jane Doe": a film or a show.

    "Doe, starring in Acme" is the star: a preposition after the participle says so.
    """
    doc = span.doc
    i = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    if i + 1 >= len(doc) or doc[i].lower_ not in WORK_PARTICIPLES:
        return False
    after = doc[i + 1].lower_
    return after == "by" if doc[i].lower_ == "directed" else after not in ("in", "as", "on")


def _counted(span: Span) -> bool:
    """ "four Acmes", "the 2005 Acme Awards": things and events are counted and dated,
    people and organizations are not."""
    root = span.root
    if root.dep_ in _MODIFIER_DEPS:
        return False  # "the 2005 Acme team": the number is the team's
    for child in root.children:
        if child.i >= span.start or child.dep_ not in ("nummod", "compound", "amod"):
            continue
        word = child.text
        if (child.like_num and word.isalpha()) or _YEAR.match(word):
            return True
    return False


def _indefinite(span: Span) -> bool:
    """ "an Acme", "won an Acme": people and organizations take no indefinite article."""
    root = span.root
    if root.dep_ in _MODIFIER_DEPS:
        return False  # "a Acme spokesman": the article is the spokesman's
    # A capital "A" may be an initial ("A Doe" in a line-up), so only "a", "an", "An".
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE and c.text != "A" for c in root.children)


def _product_use(span: Span) -> bool:
    """ "launched the X", "won an X", "available on X", "starred in X"."""
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lower_ in _PRODUCT_VERB_FORMS:
        return True
    if root.dep_ != "pobj":
        return False
    word, above = head.lower_, head.head.lower_
    return (word in ("on", "for") and above in PRODUCT_PREP_HEADS) or (
        word == "in" and above in WORK_PREP_HEADS
    )


def _team(span: Span) -> bool:
    """A side in a result: "Acme 2-1 Zedco", "Acme v Zedco"."""
    doc = span.doc
    around = []
    if span.end < len(doc):
        around.append(doc[span.end])
    if span.start > 0:
        around.append(doc[span.start - 1])
    return any(_SCORE.match(t.text) or t.lower_ in _VERSUS for t in around)


def _initial(span: Span) -> bool:
    """ "J Doe", "J. van Doe": a person's initial before a surname."""
    first, last = span[0].text.rstrip("."), span[-1].text
    return (
        2 <= len(span) <= 3
        and not any(t.text in _HYPHENS for t in span)  # "J-Acme" is a brand
        and len(first) == 1
        and first.isupper()
        and last[:1].isupper()
        and len(last) > 1
        and not any(ch.isdigit() for ch in last)
    )


def _span_cues(
    span: Span, determiner: bool, title: bool, lowercase: frozenset[str]
) -> Counter[str]:
    cues: Counter[str] = Counter()
    acronym = _acronym(span)
    if _title_cue(span, title):
        cues["cue:title"] += 1
    if _role_appositive(span):
        cues["cue:role_appos"] += 1
    # "Jane and Acme", "Jane & Doe": a name with a conjunction is no person's; nor is
    # one whose head says what it is ("Jane Doe Foundation", "the Jane Doe Lecture").
    joined = any(t.lower_ in _CONJUNCTIONS for t in span)
    headed = span[-1].lower_ in ORG_HEADS or span[-1].lower_ in EVENT_HEADS
    given = given_name_gender(span[0].text) is not None and not joined and not headed
    if 2 <= len(span) <= 4 and given:
        cues["cue:given_name"] += 1
    elif _initial(span):
        cues["cue:initial"] += 1
    kind = _kind(span)
    if kind is not None:
        cues[f"cue:{kind}_kind"] += 1
    if _work_noun(span):
        cues["cue:work_noun"] += 1
    if _indefinite(span):
        cues["cue:indefinite"] += 1
    if _product_use(span):
        cues["cue:product_use"] += 1
    if _work_participle(span):
        cues["cue:work_kind"] += 1
    if _counted(span):
        cues["cue:counted"] += 1
    if _team(span):
        cues["cue:team"] += 1
    if determiner:
        cues["cue:article"] += 1
    if acronym:
        cues["cue:acronym"] += 1
    if len(span) > 1 and span[-1].lower_ in EVENT_HEADS:
        # "Acme Awards", "the Acme Society Prize": the awards of an organization
        cues["cue:event_head"] += 1
    elif any(t.lower_ in ORG_HEADS for t in span[1:]):
        cues["cue:org_head"] += 1  # "... Council", "Royal Society of Acmeton"
    if _legal_suffix(span):
        cues["cue:legal_suffix"] += 1
    if _unlike_person(span):
        cues["cue:unlike_person"] += 1
    if _numbered(span):
        cues["cue:numbered"] += 1
    if _defined_term(span):
        cues["cue:defined_term"] += 1
    if _speech_subject(span):
        # An entity that speaks is an actor; with an article it is an organization.
        cues["cue:org_speaker" if determiner or _in_statement(span) else "cue:speaker"] += 1
    noun = _next_noun(span)
    if noun is not None:
        word = noun.lower_
        if word in MEMBER_NOUNS:
            cues["cue:member_noun"] += 1
        elif word in PERSON_MODIFIED_NOUNS:
            cues["cue:person_modifier"] += 1
        elif word in PRODUCT_NOUNS:
            cues["cue:product_noun"] += 1
        elif len(span) == 1 and span.root.dep_ in _MODIFIER_DEPS and noun.is_lower:
            cues["cue:modifier"] += 1  # "Hellfire missiles"
    owned = _possessed(span)
    if owned is not None and owned.lower_ in MEMBER_NOUNS:
        cues["cue:org_possessive"] += 1
    prep = _prep_head(span)
    if prep is not None:
        word, head = prep
        stake = word == "in" and head.lower_ in STAKE_NOUNS
        if stake or (word == "at" and (head.lower_ in ROLE_NOUNS or head.lower_ in _WORK_VERBS)):
            cues["cue:org_prep"] += 1
        elif word in ("in", "from") and head.dep_ != "pobj" and not head.is_title:
            # "lives in X", "arrived from X": the preposition hangs on a verb or clause.
            cues["cue:place_prep"] += 1
    if _quoted(span):
        cues["cue:quoted_title"] += 1
    if acronym and _after_number(span):
        cues["cue:number_unit"] += 1
    if len(span) == 1 and span[0].lower_ in lowercase:
        cues["cue:lowercase_use"] += 1
    return cues


def _pronoun_cues(doc: Doc, spans: list[tuple[int, Span]]) -> Counter[int]:
    """+1 for the nearest preceding name of each personal pronoun (same or last sentence)."""
    found: Counter[int] = Counter()
    ordered = sorted(spans, key=lambda item: item[1].start)
    position = 0
    starts = [0, *(i for i in sentence_start_positions(doc) if i > 0)]
    for i in word_positions(doc, LOWER, _PERSONAL_PRONOUNS):
        # Where the sentence before this pronoun's starts (0 in the first two).
        previous_start = starts[max(bisect.bisect_right(starts, i) - 2, 0)]
        while position < len(ordered) and ordered[position][1].end <= i:
            position += 1
        if position == 0:
            continue
        # The nearest preceding name that could be a person's: "Acme Radio 4" or "ACME"
        # is nobody's antecedent for "he". Only this sentence and the one before count,
        # so the walk stops there (not at the start of the document).
        back = position - 1
        while (
            back >= 0
            and ordered[back][1].start >= previous_start
            and (
                _unlike_person(ordered[back][1])
                or _acronym(ordered[back][1])
                or ordered[back][1].root.dep_ in _OBJECT_DEPS
            )
        ):
            back -= 1
        if back >= 0 and ordered[back][1].start >= previous_start:
            found[ordered[back][0]] += 1
    return found


def _unlike_person(span: Span) -> bool:
    """A name no person has: digits, an acronym among its words, an organization head."""
    words = [t.text for t in span]
    return any(any(ch.isdigit() for ch in w) for w in words) or (
        len(words) > 1
        and (
            any(len(w) > 1 and w.isalpha() and w.isupper() for w in words)
            or any(t.lower_ in ORG_HEADS for t in span[1:])
        )
    )


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start_char < end and start < span.end_char


def _lowercase_words(doc: Doc) -> frozenset[str]:
    """Words written in lower case in ``doc``: a name that is one of them is suspect."""
    if not len(doc):
        return frozenset()
    table = doc.to_array([IS_LOWER, IS_ALPHA, LENGTH, ORTH])
    chosen = (table[:, 0] == 1) & (table[:, 1] == 1) & (table[:, 2] > 2)
    strings = doc.vocab.strings
    return frozenset(strings[key] for key in set(table[chosen, 3].tolist()))


def entity_evidence(
    doc: Doc,
    items: Iterable[tuple[int, Span, bool, bool]],
    cues: tuple[AffiliationCue, ...] = (),
) -> dict[int, Counter[str]]:
    """Typing cues for each ``(id, span, has_article, had_title)`` item, by id.

    Each counter holds cue names (``cue:title``, ...) with counts; see
    :data:`entgraph.resolve.typing.CUE_VOTES` for what they weigh.
    """
    items = list(items)
    lowercase = _lowercase_words(doc)
    evidence = {cid: _span_cues(span, det, title, lowercase) for cid, span, det, title in items}
    for cid, count in _pronoun_cues(doc, [(cid, span) for cid, span, _, _ in items]).items():
        evidence[cid]["cue:pronoun"] += count
    # Items by character offset, so each affiliation cue finds its spans by bisection:
    # linear in the document's length, not quadratic.
    ordered = sorted(items, key=lambda item: item[1].start_char)
    starts = [span.start_char for _, span, _, _ in ordered]
    for cue in cues:
        for side, start, end in (
            ("cue:affiliated_person", cue.person_start, cue.person_end),
            ("cue:affiliated_org", cue.org_start, cue.org_end),
        ):
            i = max(bisect.bisect_left(starts, start) - 1, 0)
            while i < len(ordered) and ordered[i][1].start_char < end:
                cid, span, _, _ = ordered[i]
                if _overlaps(span, start, end):
                    evidence[cid][side] += 1
                i += 1
    return evidence
