"""Entity mentions of one document: clean spans, decide types, cluster into entities.

The statistical NER proposes spans; this module decides what each one is, per entity
rather than per mention, and gives every mention the key of its entity:

- countries by name, code or demonym ("U.A.E.", "Mexican" -> ``country:are``,
  ``country:mex``), through :mod:`entgraph.countries`;
- cities and other places are dropped, mapped to their country, or kept as PLACE,
  depending on ``places``;
- people and organizations: titles, articles and possessives stripped; a short form
  ("Doe") joins the one full name in the document it is part of; the type is voted
  over all mentions of the entity, where a title or honorific counts for PERSON.

>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Mr.", "Smith", "met", "Ann", "Lee", "."],
...           ents=["O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O"])
>>> doc[0].is_sent_start = True
>>> [(m.text, m.type, m.key) for m in extract_mentions(doc, SentenceIndex((Sentence(0, 24, 0),)))]
[('Smith', 'PERSON', 'person:smith'), ('Ann Lee', 'PERSON', 'person:ann lee')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..countries import lookup_country, lookup_place
from ..records import Mention, Sentence
from .affiliations import AffiliationCue
from .lexicon import PERSON_TITLES
from .sentences import SentenceIndex

__all__ = ["PLACES_OPTIONS", "extract_mentions"]

#: What to do with cities, states and regions: ``drop`` (default), map them to their
#: ``country``, or ``keep`` them as PLACE nodes.
PLACES_OPTIONS = ("drop", "country", "keep")

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

_LEADING_DROP = frozenset({"the", "a", "an"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_SPACES = re.compile(r"\s+")
# Heads of a capitalized modifier that make it a product or event, not a person, are
# common nouns; "only modifies" means every mention is such a modifier.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    ner_label: str
    sentence: int
    paragraph: int
    tokens: tuple[str, ...]
    title: bool  # preceded by or starting with a person title
    modifier_only: bool  # a capitalized word modifying a common noun


@dataclass
class _Cluster:
    tokens: tuple[str, ...]
    members: list[_Candidate] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in PERSON_TITLES


def _clean(span: Span) -> tuple[int, int, bool] | None:
    """Token bounds of the name inside ``span``, and whether a title was stripped."""
    start, end = span.start, span.end
    doc = span.doc
    title = start > 0 and _is_title(doc[start - 1].text)
    while start < end and (
        doc[start].lower_ in _LEADING_DROP or (_is_title(doc[start].text) and end - start > 1)
    ):
        title = title or _is_title(doc[start].text)
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return start, end, title


def _modifier_only(span: Span) -> bool:
    root = span.root
    head = root.head
    return (
        len(span) == 1
        and root.dep_ in _MODIFIER_DEPS
        and head is not root
        and head.i > root.i
        and head.text[:1].islower()
    )


def _candidates(doc: Doc, index: SentenceIndex) -> list[_Candidate]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        cleaned = _clean(ent)
        if cleaned is None:
            continue
        start, end, title = cleaned
        span = doc[start:end]
        text = _SPACES.sub(" ", span.text)
        if not any(ch.isalpha() for ch in text):
            continue
        sentence = index.sentence_of(span.start_char)
        out.append(
            _Candidate(
                start=span.start_char,
                end=span.end_char,
                text=text,
                ner_label=ent.label_,
                sentence=sentence,
                paragraph=index.paragraph_of(span.start_char),
                tokens=tuple(t.text.casefold() for t in span if not t.is_punct or t.text == "."),
                title=title,
                modifier_only=_modifier_only(span),
            )
        )
    return out


def _mention(c: _Candidate, type_: str, key: str, name: str) -> Mention:
    return Mention(
        start=c.start,
        end=c.end,
        text=c.text,
        sentence=c.sentence,
        paragraph=c.paragraph,
        ner_label=c.ner_label,
        type=type_,
        key=key,
        name=name,
    )


def _place_mention(c: _Candidate, places: str) -> Mention | None:
    if places == "drop":
        return None
    if places == "keep":
        return _mention(c, "PLACE", f"place:{c.text.casefold()}", c.text)
    iso3 = lookup_place(c.text)
    if iso3 is None:
        return None
    country = lookup_country(iso3)
    if country is None:
        return None
    return _mention(c, "COUNTRY", f"country:{country.code.lower()}", country.name)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """``shorter`` is the last name(s) or the first name(s) of ``longer``."""
    n = len(shorter)
    return len(longer) > n and (longer[-n:] == shorter or longer[:n] == shorter)


def _cluster_names(candidates: list[_Candidate]) -> list[_Cluster]:
    clusters: dict[tuple[str, ...], _Cluster] = {}
    for c in candidates:
        cluster = clusters.setdefault(c.tokens, _Cluster(tokens=c.tokens))
        cluster.members.append(c)
        cluster.votes[c.ner_label] += 1
        if c.title:
            cluster.votes["PERSON"] += 2
    # Short forms join the single longer name of the document that contains them.
    by_length = sorted(clusters.values(), key=lambda cl: len(cl.tokens))
    merged: list[_Cluster] = []
    for cluster in by_length:
        hosts = [
            other
            for other in clusters.values()
            if other is not cluster
            and _contains(other.tokens, cluster.tokens)
            and other.votes["PERSON"] >= other.votes["ORG"]
        ]
        if len(hosts) == 1 and cluster.votes["PERSON"] + cluster.votes["ORG"] > 0:
            host = hosts[0]
            host.members.extend(cluster.members)
            host.votes.update(cluster.votes)
            continue
        merged.append(cluster)
    return [cl for cl in merged if cl.members]


def _name_of(cluster: _Cluster, type_: str) -> str:
    forms = Counter(m.text for m in cluster.members)
    if type_ == "PERSON":
        # The fullest form names a person: "Jane Doe" over "Doe".
        return max(forms, key=lambda f: (len(f.split()), forms[f], f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


def extract_mentions(
    doc: Doc,
    index: SentenceIndex,
    *,
    places: str = "drop",
    cues: tuple[AffiliationCue, ...] = (),
) -> tuple[Mention, ...]:
    """The entity mentions of ``doc``, each with its entity key, in text order."""
    mentions: list[Mention] = []
    names: list[_Candidate] = []
    for c in _candidates(doc, index):
        if c.ner_label in ("PERSON", "ORG"):
            names.append(c)
            continue
        if c.ner_label == "FAC":
            continue  # buildings, airports, roads: not actors
        allow_codes = c.ner_label == "GPE"
        country = lookup_country(c.text, allow_codes=allow_codes)
        if country is not None:
            key = f"country:{country.code.lower()}"
            mentions.append(_mention(c, "COUNTRY", key, country.name))
        elif c.ner_label in ("GPE", "LOC"):
            place = _place_mention(c, places)
            if place is not None:
                mentions.append(place)
    for cluster in _cluster_names(names):
        type_ = "PERSON" if cluster.votes["PERSON"] >= cluster.votes["ORG"] else "ORG"
        if type_ == "PERSON" and all(m.modifier_only for m in cluster.members):
            continue  # "Hellfire missiles": a product name, not a person
        name = _name_of(cluster, type_)
        country = None
        if len(cluster.tokens) <= 3:
            # "U.A.E." or "Peru" mistyped as an organization or a person.
            country = lookup_country(name, allow_codes=True, patterns=False)
        for c in cluster.members:
            if country is not None:
                key = f"country:{country.code.lower()}"
                mentions.append(_mention(c, "COUNTRY", key, country.name))
            else:
                mentions.append(_mention(c, type_, f"{type_.lower()}:{name.casefold()}", name))
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(mentions)


def sentence_index(sentences: tuple[Sentence, ...]) -> SentenceIndex:
    """Shortcut used by callers that already have the sentences."""
    return SentenceIndex(sentences)
