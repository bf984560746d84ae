"""Plain per-document records: the spine of entgraph.

Extraction turns each spaCy ``Doc`` into one :class:`DocumentRecords`, made only of
strings, ints and tuples. Nothing here refers to a live spaCy object, so records can be
cached, sent between processes and compared in tests. Offsets are character offsets into
the document text (``text[start:end]``); sentence and paragraph numbers count from 0.

>>> m = Mention(start=0, end=9, text="Bundestag", sentence=0, paragraph=0,
...             ner_label="ORG", type="ORG", key="org:bundestag", name="Bundestag")
>>> m.key
'org:bundestag'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar, cast

__all__ = [
    "Affiliation",
    "Document",
    "DocumentRecords",
    "LocalEntity",
    "Mention",
    "Quote",
    "Sentence",
    "positional_builder",
]

_R = TypeVar("_R")

#: Entity types that become graph nodes. PLACE only appears with ``places="keep"``.
ENTITY_TYPES = ("PERSON", "ORG", "COUNTRY", "PLACE")


@dataclass(frozen=True, slots=True)
class Document:
    """One input text with a stable id.

    ``id`` is the path relative to the input folder, or the JSONL/CSV id field;
    ``source`` says where it came from, for messages (``"data.jsonl:12"``).
    ``locator`` lets a distributed worker read the text itself instead of receiving it.
    """

    id: str
    text: str
    source: str = ""
    #: Where a worker can read the text again: (path, byte offset of a JSONL line),
    #: or (path, -1) for a whole text file; None when the text only lives here.
    locator: tuple[str, int] | None = None
    #: Publication date as an ISO date (``"2016-03-05"``), or None when undated.
    #: Parsed by :func:`entgraph.dates.parse_date`; never guessed from the text.
    date: str | None = None
    #: Other metadata as plain strings: ``title``, ``url``, ``author``, ``site``, and any
    #: ``--meta-fields`` of a JSONL/CSV record.
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span; sentences never cross paragraph boundaries."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity.

    ``key`` is the key of its :class:`LocalEntity` (``"name:jane doe"``,
    ``"country:fra"``), which the corpus resolution maps to a node (or to nothing, for
    places and things that are no nodes); ``name`` is the entity's name in this
    document; ``ner_label`` is the statistical model's label and ``type`` the
    document's provisional type (PERSON, ORG, COUNTRY, PLACE or OTHER), used by the
    quote and affiliation rules. The node's type is decided over the whole corpus.
    """

    start: int
    end: int
    text: str
    sentence: int
    paragraph: int
    ner_label: str
    type: str
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One entity as one document knows it: its mentions' evidence, not a verdict.

    ``key`` is shared by every document that writes the same name the same way
    (``"name:jane doe"``; ``"country:fra"``; ``"code:usa"`` for a bare country code
    whose meaning the corpus decides; ``"alias:org:acme"`` for the user's alias file).
    ``evidence`` counts ``mentions``, the model's labels (``label:PERSON``) and typing
    cues (``cue:title``), see :mod:`entgraph.resolve.typing`. ``forms`` are the
    surface forms with counts; ``joined`` says which shorter names joined this one in
    the document and how (``("name:doe", "surname")``).

    >>> e = LocalEntity("name:jane doe", "Jane Doe", (("mentions", 2), ("cue:title", 1)),
    ...                 (("Jane Doe", 1), ("Doe", 1)), (("name:doe", "surname"),))
    >>> dict(e.evidence)["mentions"]
    2
    """

    key: str
    name: str
    evidence: tuple[tuple[str, int], ...] = ()
    forms: tuple[tuple[str, int], ...] = ()
    joined: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: content offsets, how it was recognised, and who said it.

    ``kind`` is ``"direct"``, ``"partial"``, ``"reported"`` or ``"belief"`` (a clause
    of a verb of thought or intention: "X believes ..."). Speaker fields are ``None``
    when no speaker was found; ``speaker_key`` is ``None`` when the speaker text was
    found but does not resolve to an entity. ``fragments`` are the character spans of
    the words in quotation marks inside a reported quote ("X said the plan was “dead on
    arrival”"), as offsets into the document text.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    sentence: int
    paragraph: int
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_key: str | None = None
    mention_keys: tuple[str, ...] = ()
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A person's link to an organization or country, with the role text."""

    person_key: str
    org_key: str
    role: str
    sentence: int


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """Everything extracted from one document."""

    document_id: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    entities: tuple[LocalEntity, ...] = ()
    #: Why the document produced nothing, when it was skipped ("empty", ...).
    skipped: str | None = field(default=None)
    #: The document's date and metadata, copied from its :class:`Document`; not part of
    #: what extraction computes, so they are not cached with the records.
    date: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    #: Where the document came from (its :attr:`Document.source`), copied likewise.
    source: str = ""

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``, whitespace-trimmed."""
        s = self.sentences[index]
        return self.text[s.start : s.end].strip()


def positional_builder(cls: type[_R]) -> Callable[..., _R]:
    """A constructor of the record class ``cls`` that takes every field, in order, and
    makes the same object as ``cls(*values)`` three to four times faster: for decoding
    many records (see :func:`entgraph.cache.records_from_payload`).

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, a
    call per field. This one fills the slots of a twin class (the same slots, without
    the frozen guard) and then gives the object its real class, so what it makes is a
    ``cls`` in every way: equality, hash, repr, pickling. No defaults and no
    ``__post_init__``: only for values known to be complete, as a payload's are.

    >>> make = positional_builder(Sentence)
    >>> make(0, 5, 0) == Sentence(0, 5, 0), type(make(0, 5, 0)) is Sentence
    (True, True)
    """
    names = tuple(f.name for f in fields(cast(Any, cls)))
    if getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass without __post_init__")
    # Same slots, same base: CPython lets an object change between the two classes.
    twin = type(f"_{cls.__name__}Slots", (), {"__slots__": names})
    params = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    o.{name} = v{i}\n" for i, name in enumerate(names))
    source = f"def make({params}):\n    o = new(twin)\n{body}    o.__class__ = cls\n    return o\n"
    namespace: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(source, namespace)  # one function per class, made once at import
    make = namespace["make"]
    make.__qualname__ = f"positional_builder({cls.__name__})"
    return cast(Callable[..., _R], make)
