"""Entity mentions of one document: clean name spans and the evidence each shows.

The statistical NER proposes spans; this module cleans them (titles, articles and
possessives stripped), completes persons' names the model cut or missed (see
:func:`_completed_person_names`), finds the user's alias names, records the typing cues of each
mention (:mod:`entgraph.extract.evidence`) and whether a span names a country
("U.A.E.", "Mexican") or is a bare country code ("US"). Which spans are one entity and
what it is are decided by :mod:`entgraph.resolve`: per document by
:func:`entgraph.resolve.local.resolve_document`, then over the corpus.

>>> import spacy
>>> from spacy.tokens import Doc
>>> from entgraph.records import Sentence
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Mr.", "Smith", "met", "Ann", "Lee", "."],
...           ents=["O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O"])
>>> doc[0].is_sent_start = True
>>> mentions, _ = extract_mentions(doc, SentenceIndex((Sentence(0, 24, 0),)))
>>> [(m.text, m.type, m.key) for m in mentions]
[('Smith', 'PERSON', 'name:smith'), ('Ann Lee', 'PERSON', 'name:ann lee')]
"""

from __future__ import annotations

from functools import cache, lru_cache

import spacy
from lemminflect import getAllLemmas
from spacy.attrs import DEP, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..records import LocalEntity, Mention
from ..resolve.aliases import AliasTable
from ..resolve.countries import country_code, lookup_country
from ..resolve.local import NameSpan, resolve_document
from ..resolve.names import given_name_gender
from .affiliations import AffiliationCue
from .enumerations import listed_names
from .evidence import entity_evidence, is_title
from .lexicon import ORG_HEADS, PERSON_TITLES
from .positions import word_positions
from .sentences import SentenceIndex

__all__ = ["alias_matcher", "extract_mentions"]

# Labels of names that may be entities, and of things whose labels are typing evidence
# for the same name elsewhere ("Acme" the product).
_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
)
_COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "PERSON", "ORG"})
_ALIAS_LABELS = frozenset({"PERSON", "ORG"})
_LIST_MARKS = frozenset({",", ";"})
_CONJUNCTIONS = frozenset({"and", "&"})
# Articles and prepositions the model sometimes takes into a name ("at Acmeton").
_LEADING_DROP = frozenset({"the", "a", "an", "at", "in", "of", "for", "from", "by", "with", "to"})
_BRACKETS = frozenset({"(", "["})
_NAME_ENDS = frozenset({"-", "–", "—", *_BRACKETS})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
# Honorifics that only ever stand before a person's surname.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
# Honorifics and peerages that stand only before a person's name ("Lord Doe", "Sir Jon
# Doe"): the capitalized words after one are a name, whatever the model said.
_NAME_TITLES = _HONORIFICS | {"sir", "dame", "lord", "lady", "baron", "baroness"}
_NAME_TITLE_FORMS = _NAME_TITLES | {f"{title}." for title in _NAME_TITLES}
_MAX_NAME_WORDS = 3
_COMPOUND = frozenset({"compound"})


def _clean(span: Span, listed: bool = False) -> tuple[Span, bool, bool] | None:
    """The name inside ``span``; whether a title and whether an article came with it.

    In an item of a list of people (``listed``) a capital "A" is an initial ("A Doe").
    """
    doc = span.doc
    start, end = span.start, span.end
    title = start > 0 and is_title(doc[start - 1])
    determiner = start > 0 and doc[start - 1].lower_ == "the"
    # A title opens a person's name ("President Jane Doe"), not an organization's
    # ("General Services Administration").
    organization = doc[end - 1].lower_ in ORG_HEADS
    while start < end and (
        (doc[start].lower_ in _LEADING_DROP and not (listed and doc[start].text == "A"))
        or (is_title(doc[start]) and end - start > 1 and not organization)
    ):
        title = title or is_title(doc[start])
        determiner = determiner or doc[start].lower_ == "the"
        start += 1
    # A spaced dash or a bracket ends a name: "Jane Doe - will", "J Doe (Acmeland";
    # "Smith-Doe" keeps its hyphen.
    for i in range(start + 1, end):
        spaced = bool(doc[i - 1].whitespace_) or doc[i].text in _BRACKETS
        if doc[i].text in _NAME_ENDS and spaced:
            end = i
            break
    while end > start and (
        doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end], title, determiner


@cache
def _tokenizer(lang: str) -> Language:
    # Alias phrases are tokenized like the text, by the language's default rules.
    return spacy.blank(lang)


@lru_cache(maxsize=8)
def alias_matcher(aliases: AliasTable, vocab: Vocab, lang: str) -> PhraseMatcher:
    """The matcher of every alias form, built once per alias table and vocabulary.

    Build it outside ``nlp.memory_zone()`` (see :func:`entgraph.pipeline.
    extract_partition`): its pattern strings must outlive the zone.
    """
    matcher = PhraseMatcher(vocab, attr="LOWER")
    make_doc = _tokenizer(lang).make_doc
    matcher.add("ALIAS", [make_doc(form) for form in aliases.surface_forms])
    return matcher


def _alias_spans(doc: Doc, aliases: AliasTable) -> list[Span]:
    matcher = alias_matcher(aliases, doc.vocab, doc.lang_)
    return [doc[start:end] for _, start, end in matcher(doc)]


def _name_word(token: Token) -> bool:
    """A capitalized word that may be part of a person's name (not a title or a head
    noun of an organization's name)."""
    word = token.lower_
    return (
        token.is_alpha
        and token.is_title
        and not token.is_sent_start
        and not token.is_stop
        and token.ent_iob_ == "O"
        and word not in PERSON_TITLES
        and word not in ORG_HEADS
    )


def _leading_modifier(span: Span) -> bool:
    """The first word of a person's span is no part of the name: a nationality or a
    country ("Acmelandish Doe"), or, before a given name and a surname, a word that is
    no given name ("Acmes Jane Doe": a team or party glued to the name)."""
    if len(span) < 2 or given_name_gender(span[0].text) is not None or not span[0].is_title:
        return False
    if lookup_country(span[0].text, allow_codes=False) is not None:
        return True
    return (
        3 <= len(span) <= 4
        and all(t.is_alpha and t.is_title for t in span)
        and given_name_gender(span[1].text) is not None
    )


def _completed_person_names(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Persons' names the model cut or missed, completed on the parse:

    - a common word opening a sentence taken into a name ("Mogul [Ann Lee]" at the
      start of a headline), when the text names the person with a given name; a
      nationality or a team before a name (see :func:`_leading_modifier`);
    - a person's name cut before its head word: "Deputy Speaker [Ann] Lee agreed" (the
      next word is capitalized and the name's words are its compounds) is "Ann Lee";
    - a given name and a surname the model left out: "Col Ann Lee of the agency" after
      a title or a nationality, or "the Ann Lee affair" when "Lee" is a person elsewhere
      in the text;
    - a surname after an honorific when the text names the person in full elsewhere
      ("Ann Lee said ... Ms Lee added");
    - a name after a capitalized honorific or peerage the model did not tag at all
      ("Baroness Lee", "Sir Ann Lee").
    """
    surnames = {span.text for span, label in spans if label == "PERSON" and len(span) == 1}
    # Last words of full names ("Ann Lee"), for an honorific the model missed ("Ms Lee").
    last_words = {span[-1].text for span, label in spans if label == "PERSON" and len(span) > 1}
    given_last_words = {
        span[-1].text
        for span, label in spans
        if label == "PERSON" and len(span) > 1 and given_name_gender(span[0].text) is not None
    }
    out: list[tuple[Span, str]] = []
    for span, label in spans:
        if label == "PERSON" and len(span) > 1 and span[-1].text in given_last_words:
            first = span[0]
            # A headline's or sentence's first word is capitalized whatever it is:
            # "Mogul Lee backs band" is "Lee" when the text names "Ann Lee".
            common = given_name_gender(first.text) is None and bool(getAllLemmas(first.lower_))
            if first.is_sent_start and common:
                span = span[1:]
        if label == "PERSON" and _leading_modifier(span):
            span = span[1:]  # "Acmelandish Doe", "Acmes Jane Doe": the model took it in
        end = span.end
        cut = label == "PERSON" and end < len(doc) and span.root.head.i == end
        if cut and span.root.dep_ in ("compound", "flat") and _name_word(doc[end]):
            span = doc[span.start : end + 1]
        out.append((span, label))
    taken = {i for span, _ in spans for i in range(span.start, span.end)}
    # Only a full name's last word (after an honorific), the word after a name title,
    # or a compound can start a name.
    candidates = set(word_positions(doc, ORTH, frozenset(last_words)))
    candidates.update(i + 1 for i in word_positions(doc, LOWER, _NAME_TITLE_FORMS))
    candidates.update(word_positions(doc, DEP, _COMPOUND))
    candidates.discard(len(doc))
    for token in (doc[i] for i in sorted(candidates)):
        before = doc[token.i - 1] if token.i > 0 else None
        honorific = before is not None and before.lower_.rstrip(".") in _HONORIFICS
        if honorific and token.text in last_words and token.i not in taken and _name_word(token):
            out.append((doc[token.i : token.i + 1], "PERSON"))
            continue
        titled_name = (
            before is not None
            and before.is_title
            and before.lower_.rstrip(".") in _NAME_TITLES
            and (before.i == 0 or not _name_word(doc[before.i - 1]))
        )
        if titled_name and token.i not in taken and _name_word(token):
            end = token.i + 1
            while end < len(doc) and end - token.i < _MAX_NAME_WORDS and _name_word(doc[end]):
                end += 1
            if not taken.intersection(range(token.i, end)):
                out.append((doc[token.i : end], "PERSON"))
                taken.update(range(token.i, end))
            continue
        # A given name, then the surname it is a compound of.
        if token.i + 1 >= len(doc) or token.ent_iob_ != "O" or token.dep_ != "compound":
            continue
        surname = doc[token.i + 1]
        if token.head.i != surname.i or not _name_word(surname) or not token.is_title:
            continue
        if token.is_stop or given_name_gender(token.text) is None:
            continue
        before_word = doc[token.i - 1] if token.i > 0 else None
        titled = before_word is not None and is_title(before_word) and before_word.is_title
        # "the Acmelandish Jane Doe": a nationality introduces a person as a title does.
        national = (
            before_word is not None
            and before_word.is_title
            and lookup_country(before_word.text, allow_codes=False) is not None
        )
        if titled or national or surname.text in surnames:
            out.append((doc[token.i : token.i + 2], "PERSON"))
    return sorted(out, key=lambda item: item[0].start)


def _entity_spans(
    doc: Doc, aliases: AliasTable | None
) -> tuple[list[tuple[Span, str]], set[tuple[int, int]]]:
    """The name spans with the model's labels ("" for none, "ALIAS" for the user's), and
    the token ranges of those that are items of a list of people."""
    spans = [(ent, ent.label_) for ent in doc.ents if ent.label_ in _ENTITY_LABELS]
    spans = _completed_person_names(doc, spans)
    spans, listed = listed_names(doc, spans)
    if not aliases:
        return spans, listed
    # The user's names win over overlapping model spans.
    found = _alias_spans(doc, aliases)
    kept = filter_spans(found)
    taken = {i for span in kept for i in range(span.start, span.end)}
    spans = [(s, label) for s, label in spans if not taken.intersection(range(s.start, s.end))]
    spans.extend((span, "ALIAS") for span in kept)
    return sorted(spans, key=lambda item: item[0].start), listed


def _name_spans(
    doc: Doc, index: SentenceIndex, aliases: AliasTable | None, cues: tuple[AffiliationCue, ...]
) -> list[NameSpan]:
    out: list[NameSpan] = []
    found: list[tuple[Span, bool, bool]] = []
    in_lists: list[bool] = []
    spans, listed = _entity_spans(doc, aliases)
    for ent, label in spans:
        cleaned = _clean(ent, (ent.start, ent.end) in listed)
        if cleaned is None:
            continue
        span, title, determiner = cleaned
        text = str(span.text)
        if not any(ch.isalpha() for ch in text) or any(t.text in _LIST_MARKS for t in span):
            continue  # "Acme, Zedco": a list the model read as one name
        if label == "PERSON" and any(t.lower_ in _CONJUNCTIONS for t in span):
            continue  # "Doe and Roe": no person's name has "and" in it
        alias = aliases.lookup(text) if aliases else None
        if label == "ALIAS":
            label = alias.type if alias and alias.type in _ALIAS_LABELS else "ORG"
        country = None
        if alias is None and label in _COUNTRY_LABELS:
            # Names and demonyms only: a bare code is judged over the corpus.
            found_country = lookup_country(
                text, allow_codes=False, patterns=label not in ("PERSON", "ORG")
            )
            if found_country is not None and not (label == "PERSON" and title):
                country = found_country.code
        if label == "NORP" and country is None:
            continue  # "Muslims", "Republicans": groups, not entities
        out.append(
            NameSpan(
                start=int(span.start_char),
                end=int(span.end_char),
                text=text,
                sentence=index.sentence_of(span.start_char),
                paragraph=index.paragraph_of(span.start_char),
                label=label,
                country=country,
                code=country_code(text) if alias is None and country is None else None,
                alias=alias,
                determiner=determiner,
            )
        )
        found.append((span, determiner, title))
        in_lists.append((ent.start, ent.end) in listed)
    evidence = entity_evidence(
        doc, [(i, span, det, title) for i, (span, det, title) in enumerate(found)], cues
    )
    for i, name in enumerate(out):
        name.cues = evidence[i]
        if in_lists[i]:
            name.cues["cue:list_person"] += 1  # an item of a list of people
    return out


def extract_mentions(
    doc: Doc,
    index: SentenceIndex,
    *,
    cues: tuple[AffiliationCue, ...] = (),
    aliases: AliasTable | None = None,
) -> tuple[tuple[Mention, ...], tuple[LocalEntity, ...]]:
    """The mentions of ``doc`` in text order, and its local entities with evidence."""
    return resolve_document(_name_spans(doc, index, aliases, cues))
