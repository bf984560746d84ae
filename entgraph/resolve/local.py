"""Entities of one document: which name spans are one entity, and its evidence.

Input: the document's name spans (:class:`NameSpan`, plain data found by
:mod:`entgraph.extract.mentions`). Output: one :class:`~entgraph.records.Mention` per
span and one :class:`~entgraph.records.LocalEntity` per entity, carrying the summed
evidence of its mentions. Within a document a shorter name joins the one longer name it
is a short form of, whatever the model labelled either:

- a surname or given name ("Doe" and "Jane" join "Jane Doe");
- an organization without its head noun ("Acme" joins "Acme Party");
- an acronym of the initials ("ACU" joins "Acme Cycling Union");
- an abbreviation ("Acme Utd" joins "Acme United");
- a plural or hyphen variant ("Acme Dems" and "Acme Dem").

Names of countries become ``country:ISO3`` at once; bare codes ("US") become
``code:us`` with the evidence whether this document confirms the country, because only
the corpus can tell "US" the country from a company called "BT".

>>> from collections import Counter, defaultdict
>>> spans = [NameSpan(0, 8, "Jane Doe", 0, 0, "PERSON", Counter({"cue:given_name": 1})),
...          NameSpan(20, 23, "Doe", 1, 0, "ORG", Counter())]
>>> mentions, entities = resolve_document(spans)
>>> [(m.text, m.key, m.type) for m in mentions]
[('Jane Doe', 'name:jane doe', 'PERSON'), ('Doe', 'name:jane doe', 'PERSON')]
>>> entities[0].joined
(('name:doe', 'surname'),)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import LocalEntity, Mention
from .aliases import AliasEntry
from .countries import lookup_country, lookup_place
from .names import ORG_HEADS, given_name_gender, initials, is_abbreviation, name_key, singular_key
from .typing import decide_type, person_shape

__all__ = ["NameSpan", "resolve_document"]

#: The model's labels of people's and organizations' names.
NAME_LABELS = frozenset({"PERSON", "ORG"})


@dataclass
class NameSpan:
    """A cleaned name span of one document with the typing cues its mention shows."""

    start: int
    end: int
    text: str  # exactly as written: the document's text[start:end]
    sentence: int
    paragraph: int
    label: str  # the model's label; "" for a name it did not tag
    cues: Counter[str] = field(default_factory=Counter)
    #: The ISO3 code when the name is a country's name or demonym ("Mexican").
    country: str | None = None
    #: The ISO3 code when the name is a bare country code ("US"), for the corpus to judge.
    code: str | None = None
    alias: AliasEntry | None = None
    determiner: bool = False  # "the X"

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(name_key(self.text).split())


@dataclass
class _Cluster:
    tokens: tuple[str, ...]
    members: list[NameSpan] = field(default_factory=list)
    evidence: Counter[str] = field(default_factory=Counter)
    joined: list[tuple[str, str]] = field(default_factory=list)

    def add(self, span: NameSpan) -> None:
        self.members.append(span)
        self.evidence["mentions"] += 1
        if span.label:  # "" when the model gave none (an item of a list of people)
            self.evidence[f"label:{span.label}"] += 1
        self.evidence.update(span.cues)

    def absorb(self, other: _Cluster, how: str) -> None:
        for span in other.members:
            self.members.append(span)
        self.evidence.update(other.evidence)
        self.joined.append(("name:" + " ".join(other.tokens), how))
        self.joined.extend(other.joined)
        other.members = []

    @property
    def key(self) -> str:
        return "name:" + " ".join(self.tokens)


def _person_like(cluster: _Cluster) -> bool:
    """Some sign that a name is a person's: a PERSON label or a person's shape."""
    return cluster.evidence["label:PERSON"] > 0 or person_shape(cluster.evidence) > 0


def _called_place(cluster: _Cluster) -> bool:
    """The model calls the name a place in at least half of its mentions: "Acmeton" of
    "Acmeton Stock Exchange" is the town, though the word is someone's given name too."""
    places = cluster.evidence["label:GPE"] + cluster.evidence["label:LOC"]
    return places * 2 >= cluster.evidence["mentions"]


def _said_to_be_no_person(cluster: _Cluster) -> bool:
    """The text calls the name a firm, a band, a film ... ("the film Doe")."""
    return any(cluster.evidence[f"cue:{kind}"] for kind in ("org_kind", "work_kind"))


def _is_acronym(cluster: _Cluster) -> bool:
    forms = [m.text.replace(".", "") for m in cluster.members]
    return (
        len(cluster.tokens) == 1
        and 2 <= len(cluster.tokens[0]) <= 6
        and any(f.isupper() and f.isalpha() for f in forms)
    )


def _short_form(short: _Cluster, long: _Cluster, heads: frozenset[str]) -> str | None:
    """How ``short`` is a short form of ``long`` within one document, or None."""
    s, t = short.tokens, long.tokens
    n = len(s)
    if n > 1 and s != t and singular_key(" ".join(s)) == singular_key(" ".join(t)):
        return "variant"  # "Acme Dems" for "Acme Dem"
    # "the film Doe" is not "Jane Doe", though "Doe" is her surname.
    personal = not _said_to_be_no_person(short)
    if (
        n == len(t) > 1
        and s[-1] == t[-1]
        and s != t
        and personal
        and _person_like(long)
        and all(len(a) == 1 and b.startswith(a) for a, b in zip(s[:-1], t[:-1], strict=True))
    ):
        return "initial"  # "J Doe" for "Jane Doe", as in a line-up
    if len(t) > n:
        if t[-n:] == s and not (n == 1 and s[0] in heads):
            # A lone surname stands for a person: "Doe" joins "Jane Doe", not "Doe Fund".
            if not personal:
                return None
            return "surname" if n > 1 or _person_like(long) else None
        given = n == 1 and given_name_gender(short.members[0].text) is not None
        if given and personal and t[0] == s[0] and _person_like(long) and not _called_place(short):
            return "given name"  # "Jane" for "Jane Doe"; "Acme" is no given name
        if t[:n] == s and all(word in heads for word in t[n:]) and not person_shape(short.evidence):
            return "short form"  # "Acme" for "Acme Party"; "Mr Doe" is not "Doe Fund"
    if _is_acronym(short) and len(t) >= 2 and initials(t) == s[0]:
        return "acronym"
    if is_abbreviation(s, t):
        return "abbreviation"
    return None


def _cluster(names: Sequence[NameSpan], heads: frozenset[str]) -> list[_Cluster]:
    clusters: dict[tuple[str, ...], _Cluster] = {}
    for span in names:
        clusters.setdefault(span.tokens, _Cluster(span.tokens)).add(span)
    # The names a short form may shorten, found through indexes rather than by comparing
    # every pair: linear in the number of names, also in a very long document.
    index: dict[tuple[str, object], list[_Cluster]] = defaultdict(list)
    for cluster in clusters.values():
        t = cluster.tokens
        for key in (
            ("last", t[-1]),
            ("first", t[0]),
            ("initials", initials(t)),
            ("letters", tuple(w[0] for w in t)),
            ("singular", singular_key(" ".join(t))),
        ):
            index[key].append(cluster)  # fmt: skip
    # Shortest first, so "Doe" joins "Jane Doe" before "Jane Doe" is looked at.
    for cluster in sorted(clusters.values(), key=lambda c: (len(c.tokens), c.tokens)):
        t = cluster.tokens
        keys: list[tuple[str, object]] = [("last", t[-1]), ("first", t[0]), ("initials", t[0])]
        if len(t) > 1:  # abbreviations and plurals of one word are not looked for
            keys += [("letters", tuple(w[0] for w in t)), ("singular", singular_key(" ".join(t)))]
        candidates = {id(c): c for key in keys for c in index.get(key, ())}
        hosts: list[tuple[_Cluster, str]] = []
        for other in candidates.values():
            if other is cluster or not other.members:
                continue
            how = _short_form(cluster, other, heads)
            if how is not None:
                hosts.append((other, how))
        if len(hosts) == 1:
            hosts[0][0].absorb(cluster, hosts[0][1])
    return [c for c in clusters.values() if c.members]


def _name_of(members: Sequence[NameSpan], type_: str) -> str:
    forms = Counter(" ".join(m.text.split()) for m in members)
    if type_ == "PERSON":
        # The fullest form names a person: "Jane Doe" over "Doe".
        return max(forms, key=lambda f: (len(f.split()), forms[f], f))
    return max(forms, key=lambda f: (forms[f], len(f), f))


def _entity(key: str, name: str, members: Sequence[NameSpan], evidence: Counter[str],
            joined: Sequence[tuple[str, str]] = ()) -> LocalEntity:  # fmt: skip
    forms = Counter(" ".join(m.text.split()) for m in members)
    return LocalEntity(
        key=key,
        name=name,
        evidence=tuple(sorted(evidence.items())),
        forms=tuple(sorted(forms.items())),
        joined=tuple(dict.fromkeys(joined)),
    )


def _mention(span: NameSpan, type_: str, key: str, name: str) -> Mention:
    return Mention(
        start=span.start,
        end=span.end,
        text=span.text,
        sentence=span.sentence,
        paragraph=span.paragraph,
        ner_label=span.label,
        type=type_,
        key=key,
        name=name,
    )


def _surnames(names: Sequence[NameSpan]) -> set[str]:
    """Last words of the document's multi-word people's names ("Doe" of "Jane Doe")."""
    return {
        span.tokens[-1]
        for span in names
        if len(span.tokens) > 1 and (span.label == "PERSON" or span.cues["cue:given_name"])
    }


def resolve_document(
    spans: Sequence[NameSpan],
) -> tuple[tuple[Mention, ...], tuple[LocalEntity, ...]]:
    """Mentions and local entities of one document's name ``spans``."""
    mentions: list[Mention] = []
    entities: list[LocalEntity] = []
    groups: dict[str, list[NameSpan]] = {}
    names: list[NameSpan] = []
    surnames = _surnames(spans)
    for span in spans:
        if span.alias is not None:
            if span.alias.type != "EXCLUDE":
                groups.setdefault("alias:" + span.alias.key, []).append(span)
        elif span.country and not (len(span.tokens) == 1 and span.tokens[0] in surnames):
            groups.setdefault("country:" + span.country.lower(), []).append(span)
        elif span.code:
            groups.setdefault("code:" + " ".join(span.tokens), []).append(span)
        else:
            names.append(span)  # "Jordan" of "Michael Jordan" is a name, not a country
    countries = {key[8:].upper() for key in groups if key.startswith("country:")}
    for key, members in groups.items():
        evidence: Counter[str] = Counter()
        for span in members:
            evidence["mentions"] += 1
            if span.label:
                evidence[f"label:{span.label}"] += 1
            evidence.update(span.cues)
        if key.startswith("alias:"):
            entry = members[0].alias
            assert entry is not None
            type_, name = entry.type, entry.name
        elif key.startswith("country:"):
            country = lookup_country(key[8:].upper())
            type_, name = "COUNTRY", country.name if country else members[0].text
        else:
            iso3 = members[0].code
            evidence[f"country:{iso3}"] += len(members)
            # This document confirms the country when it names it otherwise ("ZZ" and
            # "Zedland"). An article or the model's GPE label do not: "the EC", and
            # company codes called places, are common.
            confirmed = len(members) if iso3 in countries else 0
            evidence["cue:country_confirmed"] += confirmed
            country = lookup_country(str(iso3))
            type_ = "COUNTRY" if confirmed * 2 >= len(members) else "ORG"
            name = country.name if country and type_ == "COUNTRY" else members[0].text
        entities.append(_entity(key, name, members, evidence))
        mentions.extend(_mention(s, type_, key, name) for s in members)
    for cluster in _cluster(names, ORG_HEADS):
        evidence = cluster.evidence
        probe = _name_of(cluster.members, "ORG")
        if lookup_place(probe):
            evidence["cue:gazetteer_place"] = evidence["mentions"]
        type_ = decide_type(evidence)
        name = _name_of(cluster.members, type_)
        entities.append(_entity(cluster.key, name, cluster.members, evidence, cluster.joined))
        mentions.extend(_mention(s, type_, cluster.key, name) for s in cluster.members)
    mentions.sort(key=lambda m: (m.start, m.end))
    entities.sort(key=lambda e: e.key)
    return tuple(mentions), tuple(entities)
