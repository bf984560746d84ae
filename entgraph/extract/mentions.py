"""Entity mentions of one document: clean spans, cluster them, type each entity.

The statistical NER proposes spans; this module decides what each one is, per entity
rather than per mention, and gives every mention the key of its entity:

- countries by name, code or demonym ("U.A.E.", "Mexican" -> ``country:are``,
  ``country:mex``), through :mod:`entgraph.countries`;
- cities and other places are dropped, mapped to their country, or kept as PLACE,
  depending on ``places``;
- people and organizations: titles, articles and possessives stripped; a short form
  ("Doe") joins the one longer name of the document it is part of; the type is voted
  over all mentions of the entity, with linguistic evidence the small model ignores
  (see :mod:`entgraph.extract.evidence`);
- a user alias file overrides all of it.

>>> import spacy
>>> from spacy.tokens import Doc
>>> from entgraph.records import Sentence
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
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..aliases import AliasEntry, AliasTable
from ..countries import lookup_country, lookup_place
from ..options import PLACES_OPTIONS
from ..records import Mention
from .affiliations import AffiliationCue
from .evidence import entity_evidence, given_name_gender, is_title
from .lexicon import ORG_HEADS
from .sentences import SentenceIndex

__all__ = ["PLACES_OPTIONS", "alias_matcher", "extract_mentions"]

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NAME_LABELS = frozenset({"PERSON", "ORG"})
_LEADING_DROP = frozenset({"the", "a", "an"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_SPACES = re.compile(r"\s+")
# NER labels count for at most this much in a type vote; cues count one or two each.
_NER_WEIGHT = 1.5


@dataclass
class _Candidate:
    span: Span
    text: str
    ner_label: str
    sentence: int
    paragraph: int
    tokens: tuple[str, ...]
    title: bool  # a title or honorific was stripped from, or stands before, the name
    determiner: bool  # "the X": organizations take articles, people do not
    alias: AliasEntry | None = None

    @property
    def start(self) -> int:
        return int(self.span.start_char)

    @property
    def end(self) -> int:
        return int(self.span.end_char)


@dataclass
class _Cluster:
    tokens: tuple[str, ...]
    members: list[_Candidate] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)

    def absorb(self, other: _Cluster) -> None:
        self.members.extend(other.members)
        self.labels.update(other.labels)
        self.cues.update(other.cues)

    def scores(self) -> dict[str, float]:
        total = sum(self.labels.values()) or 1
        return {
            kind: _NER_WEIGHT * self.labels[kind] / total + self.cues[kind]
            for kind in ("PERSON", "ORG", "OTHER")
        }

    def decide(self) -> str:
        """PERSON, ORG or OTHER (not an actor), by labels and cues together."""
        scores = self.scores()
        ner_choice = max(self.labels, key=lambda k: (self.labels[k], k == "PERSON"))
        return max(scores, key=lambda k: (scores[k], k == ner_choice))


def _token_key(text: str) -> str:
    # "U.N." and "UN" are one name; "Doe's" was already cut at the possessive.
    if text.replace(".", "").isupper():
        return text.replace(".", "").casefold()
    return text.casefold()


def _clean(span: Span) -> tuple[Span, bool, bool] | None:
    """The name inside ``span``; whether a title and whether an article came with it."""
    doc = span.doc
    start, end = span.start, span.end
    title = start > 0 and is_title(doc[start - 1])
    determiner = start > 0 and doc[start - 1].lower_ == "the"
    # A title opens a person's name ("President Jane Doe"), not an organization's
    # ("General Services Administration").
    organization = doc[end - 1].lower_ in ORG_HEADS
    while start < end and (
        doc[start].lower_ in _LEADING_DROP
        or (is_title(doc[start]) and end - start > 1 and not organization)
    ):
        title = title or is_title(doc[start])
        determiner = determiner or doc[start].lower_ == "the"
        start += 1
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


def _entity_spans(doc: Doc, aliases: AliasTable | None) -> list[tuple[Span, str]]:
    spans = [(ent, ent.label_) for ent in doc.ents if ent.label_ in _ENTITY_LABELS]
    if not aliases:
        return spans
    # The user's names win over overlapping model spans.
    found = _alias_spans(doc, aliases)
    kept = filter_spans(found)
    taken = {i for span in kept for i in range(span.start, span.end)}
    spans = [(s, label) for s, label in spans if not taken.intersection(range(s.start, s.end))]
    spans.extend((span, "ALIAS") for span in kept)
    return sorted(spans, key=lambda item: item[0].start)


def _candidates(doc: Doc, index: SentenceIndex, aliases: AliasTable | None) -> list[_Candidate]:
    out = []
    for ent, label in _entity_spans(doc, aliases):
        cleaned = _clean(ent)
        if cleaned is None:
            continue
        span, title, determiner = cleaned
        text = _SPACES.sub(" ", span.text)
        if not any(ch.isalpha() for ch in text):
            continue
        alias = aliases.lookup(text) if aliases else None
        out.append(
            _Candidate(
                span=span,
                text=text,
                ner_label=label if label != "ALIAS" else (alias.type if alias else "ORG"),
                sentence=index.sentence_of(span.start_char),
                paragraph=index.paragraph_of(span.start_char),
                tokens=tuple(_token_key(t.text) for t in span if not t.is_punct or "." in t.text),
                title=title,
                determiner=determiner,
                alias=alias,
            )
        )
    return out


def _mention(c: _Candidate, type_: str, key: str, name: str) -> Mention:
    return Mention(
        start=c.start,
        end=c.end,
        text=str(c.span.text),  # exactly as written: text[start:end]
        sentence=c.sentence,
        paragraph=c.paragraph,
        ner_label=c.ner_label,
        type=type_,
        key=key,
        name=name,
    )


def _country_mention(c: _Candidate, code: str, name: str) -> Mention:
    return _mention(c, "COUNTRY", f"country:{code.lower()}", name)


def _place_mention(c: _Candidate, places: str) -> Mention | None:
    if places == "keep":
        return _mention(c, "PLACE", f"place:{c.text.casefold()}", c.text)
    iso3 = lookup_place(c.text) if places == "country" else None
    country = lookup_country(iso3) if iso3 else None
    return _country_mention(c, country.code, country.name) if country else None


def _modifier_only(span: Span) -> bool:
    """A single capitalized word that modifies a following common noun."""
    root = span.root
    head = root.head
    return (
        len(span) == 1
        and root.dep_ in ("compound", "amod", "nmod")
        and head.i > root.i
        and head.text[:1].islower()
    )


def _short_form_of(longer: tuple[str, ...], shorter: tuple[str, ...], given: bool) -> bool:
    """``shorter`` is the last name(s) of ``longer``, or its given name (``given``).

    A lone organization head noun ("House", "Party") is the short form of nothing:
    it ends too many different names.
    """
    n = len(shorter)
    if len(longer) <= n or (n == 1 and shorter[0] in ORG_HEADS):
        return False
    return longer[-n:] == shorter or (given and n == 1 and longer[0] == shorter[0])


def _person_like(cluster: _Cluster) -> bool:
    """Some sign that a name is a person's: a PERSON label, a given name, person cues."""
    first = cluster.members[0].text.split()[0] if cluster.members else ""
    return (
        cluster.labels["PERSON"] > 0
        or given_name_gender(first) is not None
        or cluster.cues["PERSON"] > cluster.cues["ORG"]
    )


def _cluster(candidates: list[_Candidate], cues: dict[int, Counter[str]]) -> list[_Cluster]:
    clusters: dict[tuple[str, ...], _Cluster] = {}
    for c in candidates:
        cluster = clusters.setdefault(c.tokens, _Cluster(tokens=c.tokens))
        cluster.members.append(c)
        label = c.ner_label if c.ner_label in _NAME_LABELS else "OTHER"
        cluster.labels[label] += 1
        cluster.cues.update(cues.get(id(c), Counter()))
    # A short form joins the one longer name of the document that contains it,
    # whatever the model labelled either: "Doe" (PERSON) and "Jane Doe" (ORG) are one.
    result: list[_Cluster] = []
    # A host ends with the short form's last word or begins with its given name: only
    # those names are compared, not every name of the document with every other (which
    # made long documents cost the square of their length).
    by_end: dict[str, list[_Cluster]] = {}
    by_start: dict[str, list[_Cluster]] = {}
    for other in clusters.values():
        if other.tokens:
            by_end.setdefault(other.tokens[-1], []).append(other)
            by_start.setdefault(other.tokens[0], []).append(other)
    for cluster in sorted(clusters.values(), key=lambda cl: len(cl.tokens)):
        # "Jane" joins "Jane Doe"; "Cleveland Police" does not join "Cleveland Police
        # Union": only a known given name stands for the full name it begins.
        given = given_name_gender(cluster.members[0].text) is not None if cluster.members else False
        ends = by_end.get(cluster.tokens[-1], []) if cluster.tokens else []
        starts = by_start.get(cluster.tokens[0], []) if given and len(cluster.tokens) == 1 else []
        near = {id(other): other for other in (*ends, *starts)}.values()
        hosts = [
            other
            for other in near
            if other is not cluster
            and _short_form_of(other.tokens, cluster.tokens, given)
            # A lone surname stands for a person: "Doe" joins "Jane Doe", not "Doe Fund".
            and (len(cluster.tokens) > 1 or _person_like(other))
        ]
        if len(hosts) == 1 and cluster.members:
            hosts[0].absorb(cluster)
            cluster.members = []
            continue
        result.append(cluster)
    return [cl for cl in result if cl.members]


def _name_of(cluster: _Cluster, type_: str) -> str:
    forms = Counter(m.text for m in cluster.members)
    if type_ == "PERSON":
        # The fullest form names a person: "Jane Doe" over "Doe".
        return max(forms, key=lambda f: (len(f.split()), forms[f], f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


def _alias_mention(c: _Candidate, entry: AliasEntry) -> Mention | None:
    if entry.type == "EXCLUDE":
        return None
    country = lookup_country(entry.name) if entry.type == "COUNTRY" else None
    name = country.name if country else entry.name
    return _mention(c, entry.type, entry.key, name)


def extract_mentions(
    doc: Doc,
    index: SentenceIndex,
    *,
    places: str = "drop",
    cues: tuple[AffiliationCue, ...] = (),
    aliases: AliasTable | None = None,
) -> tuple[Mention, ...]:
    """The entity mentions of ``doc``, each with its entity key, in text order."""
    mentions: list[Mention] = []
    names: list[_Candidate] = []
    for c in _candidates(doc, index, aliases):
        if c.alias is not None:
            mention = _alias_mention(c, c.alias)
            if mention is not None:
                mentions.append(mention)
            continue
        if c.ner_label in _NAME_LABELS:
            names.append(c)
            continue
        country = lookup_country(c.text, allow_codes=c.ner_label == "GPE")
        if country is not None:
            mentions.append(_country_mention(c, country.code, country.name))
        elif c.ner_label in ("GPE", "LOC") and lookup_place(c.text):
            place = _place_mention(c, places)
            if place is not None:
                mentions.append(place)
        elif c.ner_label != "NORP":
            # Not a known country or place: maybe a metonym that acts ("the ministry
            # building said") or an organization the model called a place.
            names.append(c)
    evidence = entity_evidence(doc, [(id(c), c.span, c.determiner, c.title) for c in names], cues)
    for cluster in _cluster(names, evidence):
        type_ = cluster.decide()
        if type_ == "OTHER":
            if places == "keep" and any(m.ner_label in ("GPE", "LOC") for m in cluster.members):
                mentions.extend(
                    _mention(c, "PLACE", f"place:{c.text.casefold()}", c.text)
                    for c in cluster.members
                )
            continue
        if type_ == "PERSON" and all(_modifier_only(c.span) for c in cluster.members):
            continue  # "Hellfire missiles": a product name, not a person
        name = _name_of(cluster, type_)
        country = None
        if len(cluster.tokens) <= 3 and cluster.cues["PERSON"] < 2:
            # "U.A.E." or "Peru" mistyped as an organization or a person.
            country = lookup_country(name, allow_codes=True, patterns=False)
        for c in cluster.members:
            if country is not None:
                mentions.append(_country_mention(c, country.code, country.name))
            else:
                mentions.append(_mention(c, type_, f"{type_.lower()}:{name.casefold()}", name))
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(mentions)
