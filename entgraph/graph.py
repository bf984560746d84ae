"""Build the entity graph from per-document records.

Nodes are entities; edges are relations between them, at most one per pair, direction
and relation (the edge key is the relation name):

- ``co-mention``: two entities in the same window (sentence, paragraph or document);
  stored once per pair, from the smaller node id to the larger, read it as undirected;
  ``weight`` counts windows, so a pair is never counted twice in one window.
- ``quotation``: speaker -> each entity named in what they said; ``weight`` counts quotes.
- ``affiliation``: person -> organization or country; ``weight`` counts sentences.

Across documents a surname-only person ("Doe") joins the one full name in the corpus
that ends with it ("Jane Doe"); with several candidates it stays on its own.

>>> from entgraph.records import DocumentRecords, Mention, Sentence
>>> def m(s, e, text, key, type_):
...     return Mention(s, e, text, 0, 0, type_, type_, key, text)
>>> rec = DocumentRecords("d1", "Ann Lee met Bob Roe.", (Sentence(0, 20, 0),),
...     (m(0, 7, "Ann Lee", "person:ann lee", "PERSON"),
...      m(12, 19, "Bob Roe", "person:bob roe", "PERSON")))
>>> G = build_graph([rec]).graph
>>> G.edges["person:ann lee", "person:bob roe", "co-mention"]["weight"]
1
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from .errors import InputError
from .records import DocumentRecords, Mention

__all__ = ["RELATIONS", "WINDOWS", "BuiltGraph", "build_graph", "resolve_keys"]

WINDOWS = ("sentence", "paragraph", "document")
RELATIONS = ("co-mention", "quotation", "affiliation")
DIRECTED_RELATIONS = frozenset({"quotation", "affiliation"})
#: Entities of one window that get co-mention edges: its most mentioned ones. A window
#: of n entities makes n(n-1)/2 pairs; a whole document with 1,000 names would make
#: half a million edges. 100 entities (4,950 pairs) is more than any news sentence,
#: paragraph or article names.
MAX_WINDOW_ENTITIES = 100
#: Example sentences or quotes kept per edge, and the longest kept text.
MAX_EVIDENCE = 3
MAX_EVIDENCE_CHARS = 1000


@dataclass
class _NodeStats:
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    aliases: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    roles: Counter[str] = field(default_factory=Counter)


@dataclass
class _EdgeStats:
    weight: int = 0
    documents: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)

    def add(self, document: str, evidence: str, role: str | None = None) -> None:
        self.weight += 1
        self.documents.add(document)
        evidence = evidence.strip()
        if len(evidence) > MAX_EVIDENCE_CHARS:
            evidence = evidence[: MAX_EVIDENCE_CHARS - 1] + "…"
        if evidence and evidence not in self.evidence and len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append(evidence)
        if role:
            self.roles[role] += 1


@dataclass
class BuiltGraph:
    """The graph, and the node id of every entity key found in the records.

    ``capped_windows`` counts the windows with more than ``max_window_entities``
    entities, and ``left_out`` the entities of those windows that got no co-mentions.
    """

    graph: nx.MultiDiGraph
    node_of: dict[str, str]
    capped_windows: int = 0
    left_out: int = 0


def _kind_and_name(key: str) -> tuple[str, str]:
    kind, _, name = key.partition(":")
    return kind, name


def resolve_keys(records: Sequence[DocumentRecords]) -> dict[str, str]:
    """Map every entity key of ``records`` to its node id (corpus-level resolution).

    - One name typed differently in different documents ("person:acme" here,
      "org:acme" there) becomes the type with more mentions.
    - A surname-only person joins the one full name of the corpus that ends with it;
      with several candidates it stays on its own.

    >>> from entgraph.records import DocumentRecords, Mention
    >>> def doc(i, key):
    ...     m = Mention(0, 1, "x", 0, 0, "PERSON", "PERSON", key, "x")
    ...     return DocumentRecords(i, "", (), (m,))
    >>> keys = resolve_keys([doc("a", "person:jane doe"), doc("b", "person:doe")])
    >>> keys["person:doe"]
    'person:jane doe'
    """
    counts = Counter(m.key for rec in records for m in rec.mentions)
    # Keys are lower-case; whether a name is an acronym shows in its surface forms.
    acronyms = {m.key for rec in records for m in rec.mentions if m.text.isupper()}
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        kind, name = _kind_and_name(key)
        if kind in ("person", "org"):
            by_name[name].append(key)
    node_of = {key: key for key in counts}
    for keys in by_name.values():
        if len(keys) > 1:
            winner = max(keys, key=lambda k: (counts[k], k.startswith("person:")))
            node_of.update(dict.fromkeys(keys, winner))
    by_surname: dict[str, set[str]] = defaultdict(set)
    for key in set(node_of.values()):
        kind, name = _kind_and_name(key)
        if kind == "person" and " " in name:
            by_surname[name.rsplit(" ", 1)[1]].add(key)
    for key, node in node_of.items():
        kind, name = _kind_and_name(node)
        # The model often types a lone surname as an organization: "org:doe" joins the
        # one "person:jane doe" too, unless it is an acronym.
        surname = kind in ("person", "org") and " " not in name and node not in acronyms
        hosts = by_surname.get(name, set()) if surname else set()
        if len(hosts) == 1:
            node_of[key] = next(iter(hosts))
    return node_of


def _window_of(mention: Mention, window: str) -> int:
    if window == "sentence":
        return mention.sentence
    if window == "paragraph":
        return mention.paragraph
    return 0


def _window_evidence(rec: DocumentRecords, first: Mention, second: Mention) -> str:
    if first.sentence == second.sentence:
        return rec.sentence_text(first.sentence)
    a, b = sorted((first.sentence, second.sentence))
    return f"{rec.sentence_text(a)} … {rec.sentence_text(b)}"


def _best_label(stats: _NodeStats) -> str:
    type_ = stats.types.most_common(1)[0][0]
    if type_ == "PERSON":
        return max(stats.names, key=lambda n: (len(n.split()), stats.names[n], n))
    return max(stats.names, key=lambda n: (stats.names[n], n))


def build_graph(
    records: Sequence[DocumentRecords],
    *,
    window: str = "sentence",
    graph_attrs: dict[str, str | int | float | bool] | None = None,
    max_window_entities: int = MAX_WINDOW_ENTITIES,
) -> BuiltGraph:
    """Turn per-document records into a ``networkx.MultiDiGraph``.

    Node attributes: ``label``, ``type``, ``aliases`` (JSON array, most frequent first),
    ``alias_counts`` (JSON object), ``mentions``, ``documents``, ``quotes``, ``roles``
    (JSON array). Edge attributes: ``relation``, ``weight``, ``documents``,
    ``evidence`` (JSON array) and, for affiliations, ``role``. Only strings and
    numbers, so the graph writes to GraphML as it is. In a window with more than
    ``max_window_entities`` entities (0: no limit), only that many of its most
    mentioned ones get co-mention edges (see :data:`MAX_WINDOW_ENTITIES`).
    """
    if window not in WINDOWS:
        raise InputError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")
    node_of = resolve_keys(records)
    nodes: dict[str, _NodeStats] = defaultdict(_NodeStats)
    edges: dict[tuple[str, str, str], _EdgeStats] = defaultdict(_EdgeStats)
    capped_windows = left_out = 0

    for rec in records:
        windows: dict[int, dict[str, Mention]] = defaultdict(dict)
        in_window: dict[int, Counter[str]] = defaultdict(Counter)
        for mention in rec.mentions:
            node = node_of[mention.key]
            stats = nodes[node]
            stats.mentions += 1
            stats.documents.add(rec.document_id)
            stats.aliases[" ".join(mention.text.split())] += 1
            stats.names[mention.name] += 1
            stats.types[mention.type] += 1
            # The first mention of each entity in a window stands for the window.
            windows[_window_of(mention, window)].setdefault(node, mention)
            in_window[_window_of(mention, window)][node] += 1
        for number, members in windows.items():
            if max_window_entities and len(members) > max_window_entities:
                capped_windows += 1
                left_out += len(members) - max_window_entities
                members = _most_mentioned(members, in_window[number], max_window_entities)
            for a, b in combinations(sorted(members), 2):
                evidence = _window_evidence(rec, members[a], members[b])
                edges[(a, b, "co-mention")].add(rec.document_id, evidence)
        for quote in rec.quotes:
            if quote.speaker_key is None:
                continue
            speaker = node_of.get(quote.speaker_key, quote.speaker_key)
            nodes[speaker].quotes += 1
            for key in dict.fromkeys(quote.mention_keys):
                target = node_of.get(key, key)
                if target != speaker:
                    edges[(speaker, target, "quotation")].add(rec.document_id, quote.text)
        for aff in rec.affiliations:
            person = node_of.get(aff.person_key, aff.person_key)
            org = node_of.get(aff.org_key, aff.org_key)
            if person != org:
                nodes[person].roles[aff.role] += 1
                evidence = rec.sentence_text(aff.sentence)
                edges[(person, org, "affiliation")].add(rec.document_id, evidence, aff.role)

    G = nx.MultiDiGraph(**(graph_attrs or {}))
    G.add_nodes_from(
        (
            node,
            {
                "label": _best_label(stats) if stats.names else node,
                "type": stats.types.most_common(1)[0][0] if stats.types else "PERSON",
                "aliases": json.dumps([a for a, _ in stats.aliases.most_common()]),
                "alias_counts": json.dumps(dict(stats.aliases.most_common())),
                "mentions": stats.mentions,
                "documents": len(stats.documents),
                "quotes": stats.quotes,
                "roles": json.dumps([r for r, _ in stats.roles.most_common()]),
            },
        )
        for node, stats in sorted(nodes.items())
    )
    G.add_edges_from(
        (
            u,
            v,
            relation,
            {
                "relation": relation,
                "weight": stats.weight,
                "documents": len(stats.documents),
                "evidence": json.dumps(stats.evidence, ensure_ascii=False),
                **({"role": stats.roles.most_common(1)[0][0]} if stats.roles else {}),
            },
        )
        for (u, v, relation), stats in sorted(edges.items())
    )
    return BuiltGraph(graph=G, node_of=node_of, capped_windows=capped_windows, left_out=left_out)


def _most_mentioned(
    members: dict[str, Mention], counts: Counter[str], n: int
) -> dict[str, Mention]:
    """The ``n`` entities of a window mentioned most in it (the first mentioned first
    on ties)."""
    order = sorted(members, key=lambda node: (-counts[node], members[node].start))
    return {node: members[node] for node in order[:n]}
