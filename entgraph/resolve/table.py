"""The entity table: what every later stage reads about entities.

One :class:`Entity` per node, with its label, its type and how each of its aliases
joined it; ``node_of`` maps every local-entity key of the corpus to its node. A key
that is absent is no node: a place (unless kept), a product, a common word.

>>> table = EntityTable({"name:doe": "person:jane doe"},
...     {"person:jane doe": Entity("person:jane doe", "Jane Doe", "PERSON",
...                                (("Doe", "surname, over the corpus"),))})
>>> table.node("name:doe").label
'Jane Doe'
>>> table.node("name:acme") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Entity", "EntityTable"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A node: id, display label, type, and the provenance of each alias."""

    id: str
    label: str
    type: str
    #: (alias as written, how it joined: "same name", "surname, tied in 3 document(s)",
    #: "acronym, over the corpus", "alias file", "country code", ...)
    provenance: tuple[tuple[str, str], ...] = ()
    #: The summed typing evidence the type was decided from (``label:X``, ``cue:Y``).
    evidence: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class EntityTable:
    """Local-entity keys to nodes, and the nodes' entities."""

    node_of: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)

    def node(self, key: str | None) -> Entity | None:
        """The entity of a local-entity key, or None when it is no node."""
        node = self.node_of.get(key) if key is not None else None
        return self.entities.get(node) if node is not None else None
