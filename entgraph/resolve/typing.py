"""The type of an entity, decided once from all of its evidence.

Extraction records *evidence*, not verdicts (see :mod:`entgraph.extract.evidence`): the
model's labels and typing cues, counted per mention. This module is the only place that
weighs them. It decides a document's provisional type (for quotes and affiliations)
and, from the evidence of the whole corpus, the type of every node.

The small model says PERSON for many organizations, places and products. A person has
a name of a person's shape somewhere: a given name, a title, a role, a pronoun. Without
any of that a PERSON label counts for little, so "Acme" with "Acme MPs", "the Acme
party" and "Acme's manifesto" is an organization however often the model said PERSON.

>>> from collections import Counter
>>> decide_type(Counter({"mentions": 4, "label:PERSON": 3, "label:ORG": 1, "cue:member_noun": 2}))
'ORG'
>>> decide_type(Counter({"mentions": 2, "label:PERSON": 2, "cue:given_name": 1}))
'PERSON'
>>> decide_type(Counter({"mentions": 3, "label:PERSON": 3, "cue:gazetteer_place": 3}))
'PLACE'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "CUE_VOTES",
    "LABEL_VOTES",
    "NODE_TYPES",
    "decide_evidence_type",
    "decide_type",
    "type_scores",
]

#: What each resolved entity can be. OTHER (products, works, events, common words) and
#: PLACE (unless ``--places keep``) do not become nodes.
NODE_TYPES = ("PERSON", "ORG", "PLACE", "OTHER")

#: The model's labels, as votes. Every label of a mention counts; their shares are
#: weighed by ``_LABEL_WEIGHT``.
LABEL_VOTES: Mapping[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "ORG",
    "PRODUCT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "EVENT": "OTHER",
    "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}

#: Cue name -> (type it supports, weight per mention that shows it). Cue names are what
#: :mod:`entgraph.extract.evidence` records; each is a fact about how English writes
#: about people, organizations, places and things.
CUE_VOTES: Mapping[str, tuple[str, float]] = {
    # people
    "title": ("PERSON", 2.0),  # "President Doe", "Mr Doe"
    "role_appos": ("PERSON", 2.0),  # "Doe, a senior fellow at ..."
    "given_name": ("PERSON", 2.0),  # "Jane Doe"
    "pronoun": ("PERSON", 1.0),  # "Doe ... she"
    "speaker": ("PERSON", 1.0),  # "Doe said": organizations speak too, with other cues
    "affiliated_person": ("PERSON", 2.0),  # the person side of an affiliation
    "initial": ("PERSON", 2.0),  # "J Doe" in a line-up
    "person_modifier": ("PERSON", 1.0),  # "the Doe administration", "a Doe aide"
    # an item of a list of people ("Doe, Roe, J Poe"): outweighs one stray model label,
    # not an organization's own cues elsewhere
    "list_person": ("PERSON", 2.0),
    # organizations
    "article": ("ORG", 1.0),  # "the Acme Group"
    "acronym": ("ORG", 1.0),  # "ACME"
    "org_head": ("ORG", 2.0),  # "... Council", "... University"
    "legal_suffix": ("ORG", 3.0),  # "... plc", "... GmbH"
    "member_noun": ("ORG", 2.0),  # "Acme MPs", "Acme shares", "Acme chief executive"
    "org_speaker": ("ORG", 2.0),  # "the ministry said", "Acme said in a statement"
    "org_prep": ("ORG", 1.5),  # "shares in Acme", "a stake in Acme", "works at Acme"
    "org_possessive": ("ORG", 2.0),  # "Acme's board", "Acme's profits"
    "affiliated_org": ("ORG", 2.0),  # the organization side of an affiliation
    "org_kind": ("ORG", 2.0),  # "the firm Acme", "rock band Acme"
    "team": ("ORG", 2.0),  # a side in a result: "Acme 2-1 Zedco", "Acme v Zedco"
    # places
    # a city, region or state of the gazetteers: a fact about the string, so it counts
    # once, not per mention (see ``_FLAT``)
    "gazetteer_place": ("PLACE", 1.0),
    "place_prep": ("PLACE", 0.5),  # "in Acmeton", "from Acmeton"
    # things that are no actors
    "product_noun": ("OTHER", 1.5),  # "Acme software", "a Acme console"
    "work_kind": ("OTHER", 2.0),  # "the film Acme", "Acme, starring Jane Doe"
    "event_head": ("OTHER", 2.0),  # "Acme Awards", "the Acme Cup"
    "work_noun": ("OTHER", 2.0),  # "Acme nominations", "the Acme final", "Acme-winning"
    "indefinite": ("OTHER", 1.5),  # "an Acme", "won an Acme"
    "counted": ("OTHER", 1.5),  # "four Acmes", "the 2005 Acme Awards"
    "product_use": ("OTHER", 1.5),  # "launched the Acme", "available on Acme"
    "quoted_title": ("OTHER", 2.0),  # a name in quotation marks
    "number_unit": ("OTHER", 3.0),  # "12:00 GMT", "500 MB"
    "modifier": ("OTHER", 1.0),  # "Hellfire missiles": only modifies a common noun
    "unlike_person": ("ORG", 1.0),  # digits, an acronym or a head noun: no person's name
    "defined_term": ("OTHER", 3.0),  # "gross domestic product (GDP)": a term
    # "Acme 5", "Acme 2-1": a band, a channel, or a score the model took into a name (it
    # also rules a person out, see ``type_scores``)
    "numbered": ("OTHER", 2.0),
    "lowercase_use": ("OTHER", 1.0),  # the same word written in lower case nearby
}

#: Cues that only say a name is nobody's ("the X", digits, an acronym among its words):
#: what it is instead, an organization, a place or a thing, the model's other labels
#: say. Without such labels they vote ORG.
_NOT_PERSON = frozenset({"article", "unlike_person"})
#: ... where a building with one is often the institution in it ("the Acme House
#: said"), so FAC counts as ORG; and a town or country takes no article of its own, so
#: "the" before one is a following noun's ("the Acmeton coach", "the Acmeton office"),
#: a team's or the place's: GPE counts half as ORG, half as PLACE. Regions and seas do
#: take one ("the Acme Sea", LOC).
_NOT_PERSON_LABELS: Mapping[str, tuple[tuple[str, float], ...]] = {
    **{label: ((kind, 1.0),) for label, kind in LABEL_VOTES.items()},
    "GPE": (("ORG", 0.5), ("PLACE", 0.5)),
    "FAC": (("ORG", 1.0),),
}
#: Person cues that show a name of a person's shape.
#: An item of a list of people counts: its siblings have a person's shape.
_PERSON_SHAPE = (
    "title",
    "role_appos",
    "given_name",
    "initial",
    "affiliated_person",
    "list_person",
)
_LABEL_WEIGHT = 1.5
#: Cues about the name's string rather than its context: they count once.
#: A given name is one: "Jane Doe" written a hundred times has one given name, and many
#: names of firms, works and places start with a word that is also someone's given
#: name ("San ...", "Royal ...").
_FLAT = frozenset({"gazetteer_place", "numbered", "given_name"})
#: The model's labels of places (not FAC: a building is often an institution).
_PLACE_LABELS = ("GPE", "LOC")
#: Evidence of another kind at this rate (per mention) makes a PERSON vote weak ...
_CONTRARY_RATE = 0.2
#: With evidence of another kind and without a person's shape (rate below this), a
#: PERSON vote keeps this share.
_SHAPELESS_RATE = 0.1
_SHAPELESS_FACTOR = 0.3
#: The model says PERSON for less than this share of the mentions and nothing shows a
#: person's shape: its pronouns and speech verbs are someone else's ("Acme said ... he").
_RARE_PERSON_LABEL = 0.25
#: ... over this many mentions: the model's labels of a few are often all wrong.
_RARE_MIN = 10
#: ... unless "he" or "said" follow it in this share of its mentions: a person known
#: by one name the model does not know ("Doe said", "Doe ... he").
_SAID_RATE = 0.4
#: Cues that say what kind of thing a name is ("the firm X", "the film X") ...
_KIND_CUES = ("org_kind", "work_kind")
#: ... and those that say it is a person ("Mr X", "X, a spokesman").
_STATED_PERSON = ("title", "role_appos")
#: Kind cues in this many mentions, and at this rate, outweigh a given name.
_KIND_MIN = 2
_KIND_RATE = 0.05
#: A number among the name's words in this share of mentions rules a person out.
_NUMBERED_RATE = 0.5
_NO_PERSON = -1.0


#: Evidence keys of the cues above, spelled once (``cue:title``), in their order.
_PERSON_SHAPE_KEYS = tuple(f"cue:{c}" for c in _PERSON_SHAPE)
_KIND_KEYS = tuple(f"cue:{c}" for c in _KIND_CUES)
_STATED_KEYS = tuple(f"cue:{c}" for c in _STATED_PERSON)
_PLACE_LABEL_KEYS = tuple(f"label:{label}" for label in _PLACE_LABELS)
_ORDER = {kind: i for i, kind in enumerate(NODE_TYPES)}


def person_shape(evidence: Mapping[str, float]) -> float:
    """How often the name shows a person's shape (title, given name, role), per mention.

    Pronouns do not count: "he" after a name is too often someone else's.
    """
    n = max(float(evidence.get("mentions", 0)), 1.0)
    return sum(float(evidence.get(c, 0)) for c in _PERSON_SHAPE_KEYS) / n


@lru_cache(maxsize=4096)
def _cue_vote(key: str) -> tuple[str, float, bool, bool] | None:
    """For an evidence key ``cue:X`` of :data:`CUE_VOTES`: its type, its weight, whether
    it counts once (``_FLAT``) and whether it only rules a person out (``_NOT_PERSON``).

    Evidence keys are few and repeat over every entity, so each is read once.
    """
    if not key.startswith("cue:") or key[4:] not in CUE_VOTES:
        return None
    kind, weight = CUE_VOTES[key[4:]]
    return kind, weight, key[4:] in _FLAT, key[4:] in _NOT_PERSON


def type_scores(evidence: Mapping[str, float]) -> dict[str, float]:
    """Scores of each of :data:`NODE_TYPES` for ``evidence`` (a counter of
    ``mentions``, ``label:X`` and ``cue:Y``)."""
    scores = dict.fromkeys(NODE_TYPES, 0.0)
    labels = {k[6:]: float(v) for k, v in evidence.items() if k.startswith("label:")}
    total = sum(labels.values())
    if total:
        for label, count in labels.items():
            kind = LABEL_VOTES.get(label)
            if kind is not None:
                scores[kind] += _LABEL_WEIGHT * count / total
    others: dict[str, float] | None = None
    contrary = 0.0
    for key, count in evidence.items():
        vote = _cue_vote(key) if count > 0 else None
        if vote is not None:
            kind, weight, flat, not_person = vote
            # Each further mention with the same cue adds less: over a corpus, cues
            # decide, but a few stray ones (a misattached pronoun) do not.
            value = weight * (1.0 if flat else math.log2(1 + float(count)))
            if not_person:
                # "the Iraq war", "the Middle East": the article says no person; the
                # model's EVENT and LOC labels say what it is.
                if others is None:
                    others = _other_shares(labels)
                for other, share in others.items():
                    scores[other] += value * share
            else:
                scores[kind] += value
            if kind != "PERSON":
                contrary += float(count)
    get = evidence.get
    if get("cue:gazetteer_place"):
        # The gazetteer and the model agree that it is a place, mention after mention:
        # that counts like a cue, so a city is not made an organization by "the X".
        places = sum(float(get(label, 0)) for label in _PLACE_LABEL_KEYS)
        scores["PLACE"] += math.log2(1 + places)
    n = max(float(get("mentions", 0)), 1.0)
    shape = sum(float(get(c, 0)) for c in _PERSON_SHAPE_KEYS) / n  # person_shape
    rare = n >= _RARE_MIN and bool(total) and labels.get("PERSON", 0.0) / total < _RARE_PERSON_LABEL
    # "Doe said" counts fully; "he" half, as it attaches to the nearest name.
    said = float(get("cue:speaker", 0)) + float(get("cue:pronoun", 0)) / 2
    shapeless = contrary / n >= _CONTRARY_RATE and shape < _SHAPELESS_RATE
    if shapeless or (rare and not shape and said / n < _SAID_RATE):
        # When nothing shows a person's shape, the model's PERSON is a guess (with
        # evidence of another kind), and so are "he" and "said" now and then after a
        # name the model itself rarely calls a person: they are its people's.
        scores["PERSON"] *= _SHAPELESS_FACTOR
        speaks = float(get("cue:speaker", 0))
        if rare and speaks > 0:
            # An actor that speaks and is no person is an organization ("Acme said").
            scores["ORG"] += CUE_VOTES["speaker"][1] * math.log2(1 + speaks)
    kinds = sum(float(get(c, 0)) for c in _KIND_KEYS)
    stated = sum(float(get(c, 0)) for c in _STATED_KEYS)
    if kinds >= _KIND_MIN and kinds / n >= _KIND_RATE and kinds > stated:
        # The text says what it is ("the film X", "the band X") more often than it
        # titles it a person: a given name in it ("Jane Doe" the film) is no person's.
        scores["PERSON"] *= _SHAPELESS_FACTOR
    if float(get("cue:numbered", 0)) / n >= _NUMBERED_RATE:
        # "Acme 5", "Radio 4": a number is no part of a person's name. Other evidence
        # says what it is.
        scores["PERSON"] = _NO_PERSON
    return scores


def _other_shares(labels: Mapping[str, float]) -> dict[str, float]:
    """How the model's labels other than PERSON divide among ORG, PLACE and OTHER."""
    counts: dict[str, float] = {}
    for label, count in labels.items():
        for kind, part in _NOT_PERSON_LABELS.get(label, ()):
            if kind != "PERSON":
                counts[kind] = counts.get(kind, 0.0) + count * part
    total = sum(counts.values())
    if not total:
        return {"ORG": 1.0}
    return {kind: count / total for kind, count in counts.items()}


def decide_type(evidence: Mapping[str, float]) -> str:
    """PERSON, ORG, PLACE or OTHER for ``evidence``; ties go to the model's majority."""
    scores = type_scores(evidence)
    votes = dict.fromkeys(NODE_TYPES, 0)
    for key, count in evidence.items():
        if key.startswith("label:") and key[6:] in LABEL_VOTES:
            votes[LABEL_VOTES[key[6:]]] += int(count)
    return max(scores, key=lambda k: (round(scores[k], 9), votes[k], -_ORDER[k]))


@lru_cache(maxsize=65536)
def decide_evidence_type(items: tuple[tuple[str, float], ...]) -> str:
    """:func:`decide_type` of the evidence whose items, in order, are ``items``.

    Over a corpus the same evidence recurs for thousands of names ("mentions": 1,
    "label:PERSON": 1, ...), so each is weighed once. The order is part of the key, as
    the scores are sums in the evidence's order.

    >>> decide_evidence_type((("mentions", 2), ("label:PERSON", 2), ("cue:given_name", 1)))
    'PERSON'
    """
    return decide_type(dict(items))
