"""Entities over the corpus: which local entities are one, and what each one is.

The resolver reads only the documents' :class:`~entgraph.records.LocalEntity`
summaries, never their texts, and keeps statistics per key, so it runs as records
stream past (``add`` per document, ``resolve`` once). It decides, in this order:

1. **bare codes**: "US" is a country when the documents that use it confirm it (they
   name the country otherwise, write "the US", or the model calls it a place); "BT" in
   documents that never do is a name like any other;
2. **identity**: a shorter name joins a longer one when the corpus supports it:
   documents where the two were one entity ("Doe" was the surname of "Jane Doe"), or,
   without such documents, a single candidate or one that dominates the others by
   mentions. The same for acronyms, abbreviations, organization short forms and
   plural or hyphen variants. A user alias file overrides all of it;
3. **type**: the summed evidence of every merged key decides it once
   (:func:`entgraph.resolve.typing.decide_type`), with the place gazetteers. A
   territory that is no sovereign state ("Acme Islands") is a place, not a country.

Every alias records how it joined its node (its *provenance*), so a user can see why
"Doe" became "Jane Doe" and undo it with an alias file.

>>> from entgraph.records import LocalEntity
>>> r = CorpusResolver()
>>> r.add([LocalEntity("name:jane doe", "Jane Doe",
...        (("mentions", 2), ("label:PERSON", 2), ("cue:given_name", 1)),
...        (("Jane Doe", 1), ("Doe", 1)), (("name:doe", "surname"),))])
>>> r.add([LocalEntity("name:doe", "Doe", (("mentions", 1), ("label:ORG", 1)), (("Doe", 1),))])
>>> table = r.resolve()
>>> table.node_of["name:doe"], table.entities["person:jane doe"].type
('person:jane doe', 'PERSON')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..counters import add_counts, empty_counter
from ..options import PLACES_OPTIONS
from ..records import LocalEntity
from .aliases import AliasTable
from .countries import is_territory, lookup_country, lookup_place
from .names import (
    ORG_HEADS,
    abbreviates,
    initials,
    is_abbreviation,
    is_name_form,
    name_key,
    singular_key,
    surname_key,
)
from .table import Entity, EntityTable
from .typing import decide_evidence_type, person_shape, type_scores

__all__ = ["PLACES_OPTIONS", "CorpusResolver"]


#: Key prefixes of records that were resolved already (built by hand, or by another
#: tool): their key is their node.
_FIXED = frozenset({"person", "org", "place"})
#: A bare code is a country when at least this share of its mentions confirm it.
_CODE_CONFIRMED = 0.5
#: Without documents that tie them, a candidate must have this many times the mentions
#: of the next one to take a short name.
_DOMINANCE = 3.0
#: Prepositions that end the head of a name ("Bank of ...", "Department for ...").
_PREPOSITIONS = frozenset("of for on in at to".split())
#: A lone head noun ("the Commission") joins the one longer name with that head that its
#: documents name, when they do in at least this many documents and this share of its.
_HEAD_MIN = 2
_HEAD_SHARE = 0.3


@dataclass
class _KeyStats:
    documents: int = 0
    evidence: Counter[str] = field(default_factory=empty_counter)
    forms: Counter[str] = field(default_factory=empty_counter)
    names: Counter[str] = field(default_factory=empty_counter)
    #: Shorter keys that joined this one inside documents, with how and in how many.
    joined: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: For a lone head noun ("Commission"): the one longer name with that head that
    #: its documents also name ("Acme Commission"), counted per document.
    heads: Counter[str] = field(default_factory=empty_counter)


class _Groups:
    """Union-find over keys, remembering how each key joined its group."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.how: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent.get(key, key)
        return root

    def join(self, short: str, long: str, how: str) -> None:
        a, b = self.find(short), self.find(long)
        if a != b:
            self.parent[a] = b
            self.how.setdefault(short, how)


class CorpusResolver:
    """Per-key statistics of the corpus's local entities, resolved into an
    :class:`~entgraph.resolve.table.EntityTable`."""

    def __init__(self, *, places: str = "drop", aliases: AliasTable | None = None) -> None:
        self.places = places
        self.aliases = aliases
        self.stats: dict[str, _KeyStats] = defaultdict(_KeyStats)

    def add(self, entities: Iterable[LocalEntity]) -> None:
        """Count one document's local entities."""
        entities = list(entities)
        for entity in entities:
            stats = self.stats[entity.key]
            stats.documents += 1
            add_counts(stats.evidence, entity.evidence)
            add_counts(stats.forms, entity.forms)
            stats.names[entity.name] += 1
            for short, how in entity.joined:
                stats.joined[(short, how)] += 1
        for head, long in _lone_heads([e.key for e in entities]).items():
            self.stats[head].heads[long] += 1

    def merge(self, other: CorpusResolver) -> CorpusResolver:
        """Add ``other``'s statistics to these (partial results of a partition)."""
        for key, theirs in other.stats.items():
            mine = self.stats[key]
            mine.documents += theirs.documents
            mine.evidence.update(theirs.evidence)
            mine.forms.update(theirs.forms)
            mine.names.update(theirs.names)
            mine.joined.update(theirs.joined)
            mine.heads.update(theirs.heads)
        return self

    # -- resolution ---------------------------------------------------------------

    def _codes(self) -> dict[str, str]:
        """Bare-code keys and the key they stand for: a country, or their name."""
        out = {}
        for key, stats in self.stats.items():
            if not key.startswith("code:"):
                continue
            n = max(stats.evidence["mentions"], 1)
            iso3 = next((k[8:] for k in stats.evidence if k.startswith("country:")), "")
            confirmed = stats.evidence["cue:country_confirmed"] / n >= _CODE_CONFIRMED
            out[key] = f"country:{iso3.lower()}" if iso3 and confirmed else "name:" + key[5:]
        return out

    def _fold_codes(self, codes: dict[str, str]) -> None:
        for key, target in codes.items():
            stats = self.stats[key]
            into = self.stats[target]
            into.documents += stats.documents
            evidence = Counter(
                {k: v for k, v in stats.evidence.items() if not k.startswith("country:")}
            )
            evidence.pop("cue:country_confirmed", None)
            into.evidence.update(evidence)
            into.forms.update(stats.forms)
            into.names.update(stats.forms if target.startswith("name:") else stats.names)

    def resolve(self) -> EntityTable:
        """Decide identity and type of every key; see the module docstring."""
        codes = self._codes()
        self._fold_codes(codes)
        names = {k: s for k, s in self.stats.items() if k.startswith("name:")}
        groups = _Groups()
        _join_variants(names, groups)
        _join_short_forms(names, groups)
        return self._table(codes, names, groups)

    def _table(
        self, codes: dict[str, str], names: dict[str, _KeyStats], groups: _Groups
    ) -> EntityTable:
        members: dict[str, list[str]] = defaultdict(list)
        for key in names:
            members[groups.find(key)].append(key)
        node_of: dict[str, str] = {}
        entities: dict[str, _Building] = {}
        for keys in members.values():
            evidence, forms = empty_counter(), empty_counter()
            for key in keys:
                add_counts(evidence, names[key].evidence.items())
                add_counts(forms, names[key].forms.items())
            # The fullest name is looked up: "Jane Acmeton", whose surname is a town's
            # name, is no place.
            person_label = _label(forms, "PERSON")
            place = lookup_place(person_label)
            if place:
                evidence["cue:gazetteer_place"] = evidence["mentions"]
            else:
                evidence.pop("cue:gazetteer_place", None)
            type_ = decide_evidence_type(tuple(evidence.items()))
            label = person_label if type_ == "PERSON" else _label(forms, type_)
            node = self._node(type_, label, place)
            if node is None:
                continue
            building = entities.setdefault(node, _Building(node.partition(":")[0].upper()))
            for key in keys:
                node_of[key] = node
                how = groups.how.get(key, "same name")
                stats = names[key]
                # Forms that joined inside their documents say how ("surname").
                inside = {short[5:]: how for (short, how) in stats.joined}
                building.add(stats.forms, how, stats.evidence, inside)
        for key, stats in self.stats.items():
            if key.startswith("country:"):
                node = self._country_node(key)
                if node is None:
                    continue
                entities.setdefault(node, _Building(node.partition(":")[0].upper())).add(
                    stats.forms, "country name", stats.evidence
                )
                node_of[key] = node
            elif key.startswith("alias:") or key.partition(":")[0] in _FIXED:
                # The user's alias file, or records that name their node already.
                node = key[6:] if key.startswith("alias:") else key
                type_ = node.partition(":")[0].upper()
                how = "alias file" if key.startswith("alias:") else "given"
                entities.setdefault(node, _Building(type_)).add(stats.forms, how, stats.evidence)
                entities[node].fixed_label = max(stats.names, key=lambda n: stats.names[n])
                node_of[key] = node
        for key, target in codes.items():
            if target in node_of:
                node_of[key] = node_of[target]
                if target.startswith("country:"):
                    entities[node_of[target]].add(self.stats[key].forms, "country code", Counter())
        return EntityTable(
            node_of=node_of,
            entities={node: b.entity(node) for node, b in sorted(entities.items())},
        )

    def _country_node(self, key: str) -> str | None:
        """A country's node; a territory ("Acme Islands") is a place, like a city."""
        iso3 = key[8:].upper()
        if not is_territory(iso3) or self.places == "country":
            return key
        if self.places == "keep":
            country = lookup_country(iso3)
            return f"place:{name_key(country.name if country else iso3)}"
        return None

    def _node(self, type_: str, label: str, place: str | None) -> str | None:
        if type_ == "OTHER":
            return None
        if type_ == "PLACE":
            if self.places == "keep":
                return f"place:{name_key(label)}"
            if self.places == "country" and place:
                return f"country:{place.lower()}"
            return None
        return f"{type_.lower()}:{name_key(label)}"


@dataclass
class _Building:
    type: str
    forms: Counter[str] = field(default_factory=empty_counter)
    provenance: dict[str, str] = field(default_factory=dict)
    evidence: Counter[str] = field(default_factory=empty_counter)
    fixed_label: str | None = None

    def add(
        self,
        forms: Counter[str],
        how: str,
        evidence: Counter[str],
        inside: dict[str, str] | None = None,
    ) -> None:
        """Count ``forms`` that joined by ``how``; ``inside``: name key -> how, for
        forms that joined inside their documents."""
        add_counts(self.forms, forms.items())
        add_counts(self.evidence, evidence.items())
        for form in forms:
            joined = inside.get(name_key(form)) if inside else None
            if joined:
                self.provenance.setdefault(form, f"{joined}, same document")
            else:
                self.provenance.setdefault(form, how)

    def entity(self, node: str) -> Entity:
        if self.type == "COUNTRY":
            country = lookup_country(node.partition(":")[2].upper())
            label = country.name if country else _label(self.forms, "ORG")
        else:
            label = self.fixed_label or _label(self.forms, self.type)
        return Entity(
            id=node,
            label=label,
            type=self.type,
            provenance=tuple(sorted(self.provenance.items())),
            evidence=tuple(sorted(self.evidence.items())),
        )


def _label(forms: Counter[str], type_: str) -> str:
    if len(forms) < 2:
        # Most names are written one way: that way is the label, whatever the type.
        return next(iter(forms), "")
    if type_ == "PERSON":
        # The fullest form that is written at least a tenth as often as the commonest,
        # and reads as a name: "Diary of Jane Doe" (a title) does not label her.
        top = max(forms.values())
        usable = [f for f, n in forms.items() if n * 10 >= top and is_name_form(f)]
        usable = usable or [f for f, n in forms.items() if n * 10 >= top] or list(forms)
        return max(usable, key=lambda f: (len(f.split()), forms[f], f))
    # A lone head noun ("Commission") does not name a node with a fuller name written
    # at least a third as often.
    top = max(forms.values())
    named = [f for f in forms if not _lone_head(f) and forms[f] * 3 >= top] or list(forms)
    return max(named, key=lambda f: (forms[f], len(f), f))


def _tokens(key: str) -> tuple[str, ...]:
    return tuple(key[5:].split())


def _join_variants(names: dict[str, _KeyStats], groups: _Groups) -> None:
    """ "acme dems" and "acme dem": one name, written in the plural or singular."""
    by_singular: dict[str, list[str]] = defaultdict(list)
    for key in names:
        if " " in key[5:]:
            by_singular[singular_key(key[5:])].append(key)
    for keys in by_singular.values():
        if len(keys) > 1:
            top = max(keys, key=lambda k: (names[k].evidence["mentions"], k))
            for key in keys:
                if key != top:
                    groups.join(key, top, "plural variant")


class _Shapes:
    """What :func:`_join_short_forms` asks of a key's evidence, computed once per key:
    no key's evidence changes while short forms join, and a key is asked about again
    for every longer name it could stand for."""

    def __init__(self, names: dict[str, _KeyStats]) -> None:
        self.names = names
        self._kinds: dict[str, str] = {}
        self._surnames: dict[str, bool] = {}

    def kind(self, key: str) -> str:
        """The type of ``key`` alone (:func:`~entgraph.resolve.typing.decide_type`)."""
        kind = self._kinds.get(key)
        if kind is None:
            kind = self._kinds[key] = decide_evidence_type(tuple(self.names[key].evidence.items()))
        return kind

    def compatible(self, short: str, long: str, how: str) -> bool:
        """The short name may stand for the long one: no strong evidence of another kind."""
        long_kind = self.kind(long)
        if how in ("surname", "given name"):
            return long_kind == "PERSON" and self._surname(short)
        if how == "acronym":
            # Organizations and things have acronyms; people's and places' initials are none.
            return long_kind in ("ORG", "OTHER")
        short_kind = self.kind(short)
        return short_kind == long_kind or short_kind == "OTHER" or long_kind == "OTHER"

    def _surname(self, key: str) -> bool:
        known = self._surnames.get(key)
        if known is None:
            known = self._surnames[key] = _surname_evidence(self.names[key].evidence)
        return known


def _surname_evidence(evidence: Counter[str]) -> bool:
    """A short name's own evidence lets it be a person's surname or given name."""
    # "Acme" with its own evidence of an organization or a place ("Acme striker",
    # "in Acme") is not "Jane Acme"'s surname.
    # A gazetteer hit alone does not count: many surnames are also towns. A town
    # that the model calls a place more often than not is the town.
    labels = sum(v for k, v in evidence.items() if k.startswith("label:"))
    places = evidence["label:GPE"] + evidence["label:LOC"]
    if evidence["cue:gazetteer_place"] and places * 2 > labels:
        return False
    scores = type_scores({k: v for k, v in evidence.items() if k != "cue:gazetteer_place"})
    other = scores["ORG"] + scores["PLACE"]
    return other <= max(scores["PERSON"], 1.0) * 1.5


def _candidates(key: str, names: dict[str, _KeyStats], index: _Index) -> list[tuple[str, str]]:
    """Longer keys that ``key`` could be a short form of, with how."""
    tokens = index.tokens[key]
    found: list[tuple[str, str]] = []
    forms = names[key].forms
    acronym = (
        len(tokens) == 1
        and 2 <= len(tokens[0]) <= 6
        and any(f.replace(".", "").isupper() for f in forms)
    )
    if acronym:
        found += [(k, "acronym") for k in index.by_initials.get(tokens[0], ())]
    if not (len(tokens) == 1 and tokens[0] in ORG_HEADS):
        found += [(k, "surname") for k in index.by_surname.get(" ".join(tokens), ())]
    found += [(k, "short form") for k in index.by_prefix.get(" ".join(tokens), ())]
    letters = tuple(t[0] for t in tokens)
    # An abbreviation is shorter, so a name with no more letters is none, and its first
    # word shortens the other's: the two cheap tests spare most of the pairs of a long
    # bucket ("john smith", "jane stone", ...) the word-by-word test.
    length, first = sum(map(len, tokens)), tokens[0]
    found += [(k, "abbreviation") for k, k_tokens, k_length in index.by_letters.get(letters, ())
              if k_length > length and abbreviates(first, k_tokens[0])
              and is_abbreviation(tokens, k_tokens)]  # fmt: skip
    return [(k, how) for k, how in dict.fromkeys(found) if k != key]


@dataclass
class _Index:
    #: Every name key's words, split once.
    tokens: dict[str, tuple[str, ...]]
    by_surname: dict[str, list[str]]
    by_initials: dict[str, list[str]]
    by_prefix: dict[str, list[str]]
    #: First letters -> (key, its words, their letters in all), in key order.
    by_letters: dict[tuple[str, ...], list[tuple[str, tuple[str, ...], int]]]


def _index(names: dict[str, _KeyStats]) -> _Index:
    all_tokens = {key: _tokens(key) for key in names}
    by_surname: dict[str, list[str]] = defaultdict(list)
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    by_letters: dict[tuple[str, ...], list[tuple[str, tuple[str, ...], int]]] = defaultdict(list)
    for key, stats in names.items():
        tokens = all_tokens[key]
        if len(tokens) < 2:
            continue
        label = max(stats.forms, key=stats.forms.__getitem__) if stats.forms else key[5:]
        if person_shape(stats.evidence) > 0 or stats.evidence["label:PERSON"]:
            surname = surname_key(label)
            if surname:
                by_surname[surname].append(key)
            if surname != tokens[-1]:
                by_surname[tokens[-1]].append(key)
        by_initials[initials(tokens)].append(key)
        for n in range(1, len(tokens)):
            if all(word in ORG_HEADS for word in tokens[n:]):
                by_prefix[" ".join(tokens[:n])].append(key)
        # Abbreviations keep every word's first letter ("Acme Utd" for "Acme United").
        by_letters[tuple(t[0] for t in tokens)].append((key, tokens, sum(map(len, tokens))))
    return _Index(all_tokens, by_surname, by_initials, by_prefix, by_letters)


def _head(tokens: tuple[str, ...]) -> str | None:
    """The head noun of a name of several words: "commission" of "Acme Commission",
    "bank" of "Bank of Acmeland"."""
    if len(tokens) < 2:
        return None
    for i, word in enumerate(tokens[1:], 1):
        if word in _PREPOSITIONS:
            return tokens[i - 1] if i > 1 or tokens[0] in ORG_HEADS else None
    return tokens[-1]


def _lone_head(form: str) -> bool:
    """ "Commission": one word, an organization's head noun."""
    key = name_key(form)
    return " " not in key and key in ORG_HEADS


def _lone_heads(keys: Iterable[str]) -> dict[str, str]:
    """Lone head-noun keys of one document ("name:commission") and the one longer name
    with that head the document names ("name:acme commission"), if just one."""
    words = {k: _tokens(k) for k in keys if k.startswith("name:")}
    lone = [k for k, w in words.items() if len(w) == 1 and w[0] in ORG_HEADS]
    if not lone:
        return {}
    longs: dict[str, list[str]] = defaultdict(list)
    for key, w in words.items():
        head = _head(w)
        if head is not None:
            longs[head].append(key)
    out = {}
    for key in lone:
        found = longs.get(words[key][0], [])
        if len(found) == 1:
            out[key] = found[0]
    return out


def _head_host(key: str, stats: _KeyStats, names: dict[str, _KeyStats]) -> str | None:
    """The longer name a lone head noun stands for ("the Commission"): the one its own
    documents name, in most of them and in twice as many as any other."""
    if not stats.heads:
        return None
    ranked = stats.heads.most_common()
    (best, count), runner = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    if best not in names or count < _HEAD_MIN or count < 2 * runner:
        return None
    if count < _HEAD_SHARE * stats.documents:
        return None  # mostly written alone, where it may be another one
    return best


def _join_short_forms(names: dict[str, _KeyStats], groups: _Groups) -> None:
    """Join each short key to the longer key the corpus supports, if any."""
    support: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for key, stats in names.items():
        for (short, how), count in stats.joined.items():
            if short in names and short != key:
                support[short][(key, how)] += count
    index = _index(names)
    shapes = _Shapes(names)
    # Shortest keys first: "doe" is placed before "jane doe" might move.
    for key in sorted(names, key=lambda k: (len(index.tokens[k]), k)):
        stats = names[key]
        tied = support.get(key)
        choice: tuple[str, str] | None = None
        if tied:
            ranked = tied.most_common()
            best, count = ranked[0]
            runner = ranked[1][1] if len(ranked) > 1 else 0
            if count >= 2 * runner and shapes.compatible(key, best[0], best[1]):
                choice = (best[0], f"{best[1]}, tied in {count} document(s)")
        if choice is None:
            host = _head_host(key, stats, names)
            if host is not None and shapes.compatible(key, host, "head noun"):
                count = stats.heads[host]
                choice = (host, f"head noun, named with it in {count} document(s)")
        if choice is None:
            candidates = [
                (k, how) for k, how in _candidates(key, names, index)
                if shapes.compatible(key, k, how)
            ]  # fmt: skip
            if candidates:
                ranked_c = sorted(candidates, key=lambda c: -names[c[0]].evidence["mentions"])
                best_key, how = ranked_c[0]
                top = names[best_key].evidence["mentions"]
                runner = names[ranked_c[1][0]].evidence["mentions"] if len(ranked_c) > 1 else 0
                if len(ranked_c) == 1 or top >= _DOMINANCE * runner:
                    choice = (best_key, f"{how}, over the corpus")
        if choice is not None and groups.find(choice[0]) != groups.find(key):
            groups.join(key, choice[0], choice[1])
