"""Build the entity graph from per-document records.

Nodes are entities; edges are relations between them, at most one per pair, direction
and relation (the edge key is the relation name):

- ``co-mention``: two entities in the same window (sentence, paragraph or document);
  stored once per pair, from the smaller node id to the larger, read it as undirected;
  ``weight`` counts windows, so a pair is never counted twice in one window.
- ``quotation``: speaker -> each entity named in what they said; ``weight`` counts quotes.
- ``affiliation``: person -> organization or country; ``weight`` counts sentences.

Which mentions are one entity, and its type, come from the entity table of
:mod:`entgraph.resolve`; this module only counts.

>>> from entgraph.records import DocumentRecords, LocalEntity, Mention, Sentence
>>> def m(s, e, text):
...     key = "name:" + text.lower()
...     return Mention(s, e, text, 0, 0, "PERSON", "PERSON", key, text)
>>> def person(text):
...     ev = (("mentions", 1), ("label:PERSON", 1), ("cue:given_name", 1))
...     return LocalEntity("name:" + text.lower(), text, ev, ((text, 1),))
>>> rec = DocumentRecords("d1", "Ann Lee met Bob Roe.", (Sentence(0, 20, 0),),
...     (m(0, 7, "Ann Lee"), m(12, 19, "Bob Roe")),
...     entities=(person("Ann Lee"), person("Bob Roe")))
>>> G = build_graph([rec]).graph
>>> G.edges["person:ann lee", "person:bob roe", "co-mention"]["weight"]
1
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from .errors import InputError
from .records import DocumentRecords, LocalEntity, Mention, Quote
from .resolve.aliases import AliasTable
from .resolve.corpus import CorpusResolver
from .resolve.table import EntityTable
from .timeline import PERIODS, TimeCounts, graph_time_attributes

__all__ = ["RELATIONS", "WINDOWS", "BuiltGraph", "build_graph", "resolve_entities"]

WINDOWS = ("sentence", "paragraph", "document")
RELATIONS = ("co-mention", "quotation", "affiliation")
DIRECTED_RELATIONS = frozenset({"quotation", "affiliation"})
#: Entities of one window that get co-mention edges: its most mentioned ones. A window
#: of n entities makes n(n-1)/2 pairs; a whole document with 1,000 names would make
#: half a million edges. 100 entities (4,950 pairs) is more than any news sentence,
#: paragraph or article names.
MAX_WINDOW_ENTITIES = 100
#: Example sentences or quotes kept per edge and per speaker node by default
#: (``evidence=``, ``--evidence``), and the longest kept text.
DEFAULT_EVIDENCE = 10
MAX_EVIDENCE_CHARS = 1000


@dataclass
class _NodeStats:
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    aliases: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    # Time (entgraph/timeline.py): mentions per document date.
    time: TimeCounts = field(default_factory=TimeCounts)
    quote_evidence: list[dict[str, str]] = field(default_factory=list)


def _clipped(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_EVIDENCE_CHARS else text[: MAX_EVIDENCE_CHARS - 1] + "…"


def _quote_item(rec: DocumentRecords, quote: Quote) -> dict[str, str]:
    """A speaker's quote as node evidence: its text, kind and document (title, url)."""
    item = {"text": _clipped(quote.text), "document": rec.document_id, "kind": quote.kind}
    for name in ("title", "url"):
        if rec.metadata.get(name):
            item[name] = rec.metadata[name]
    return item


@dataclass
class _EdgeStats:
    weight: int = 0
    documents: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    #: The document of each evidence item, in the same order, and its title and URL
    #: ("" when it has none): the explorer links each item to its page.
    evidence_documents: list[str] = field(default_factory=list)
    evidence_titles: list[str] = field(default_factory=list)
    evidence_urls: list[str] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    # Time (entgraph/timeline.py): weight per document date, and each evidence's date.
    time: TimeCounts = field(default_factory=TimeCounts)
    evidence_dates: list[str | None] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add(
        self,
        document: str,
        evidence: str,
        limit: int,
        role: str | None = None,
        date: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        self.weight += 1
        self.documents.add(document)
        self.time.add(date)
        evidence = _clipped(evidence)
        if evidence and len(self.evidence) < limit and evidence not in self._seen:
            self._seen.add(evidence)
            self.evidence.append(evidence)
            self.evidence_documents.append(document)
            self.evidence_titles.append((metadata or {}).get("title", ""))
            self.evidence_urls.append((metadata or {}).get("url", ""))
            self.evidence_dates.append(date)
        if role:
            self.roles[role] += 1


@dataclass
class BuiltGraph:
    """The graph, and the entity table it was built from.

    ``capped_windows`` counts the windows with more than ``max_window_entities``
    entities, and ``left_out`` the entities of those windows that got no co-mentions.
    """

    graph: nx.MultiDiGraph
    table: EntityTable
    capped_windows: int = 0
    left_out: int = 0

    @property
    def node_of(self) -> dict[str, str]:
        """The node id of every local-entity key that is a node."""
        return self.table.node_of


def resolve_entities(
    records: Iterable[DocumentRecords],
    *,
    places: str = "drop",
    aliases: AliasTable | None = None,
) -> EntityTable:
    """The corpus's entity table, from the records' local entities (see
    :mod:`entgraph.resolve.corpus`)."""
    resolver = CorpusResolver(places=places, aliases=aliases)
    for rec in records:
        resolver.add(rec.entities or entities_of_mentions(rec.mentions))
    return resolver.resolve()


def entities_of_mentions(mentions: Iterable[Mention]) -> tuple[LocalEntity, ...]:
    """Local entities for records made without them (by hand): one per mention key,
    with the mentions' types as evidence."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    out = []
    for key, group in by_key.items():
        evidence = Counter({"mentions": len(group)})
        evidence.update(f"label:{m.type}" for m in group)
        forms = Counter(" ".join(m.text.split()) for m in group)
        name = Counter(m.name for m in group).most_common(1)[0][0]
        out.append(LocalEntity(key, name, tuple(evidence.items()), tuple(forms.items())))
    return tuple(out)


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


def _edge_time(stats: _EdgeStats, period: str) -> dict[str, str]:
    # Time attributes (entgraph/timeline.py), only for edges seen in dated documents.
    attributes = stats.time.attributes(period)
    if attributes:
        attributes["evidence_dates"] = json.dumps(stats.evidence_dates)
    return attributes


def build_graph(
    records: Sequence[DocumentRecords],
    *,
    window: str = "sentence",
    places: str = "drop",
    aliases: AliasTable | None = None,
    table: EntityTable | None = None,
    period: str = "month",
    graph_attrs: dict[str, str | int | float | bool] | None = None,
    evidence: int = DEFAULT_EVIDENCE,
    beliefs: bool = False,
    max_window_entities: int = MAX_WINDOW_ENTITIES,
) -> BuiltGraph:
    """Turn per-document records into a ``networkx.MultiDiGraph``.

    Entities come from ``table`` (by default resolved from ``records`` with ``places``
    and ``aliases``, see :func:`resolve_entities`); mentions of keys that are no node
    (places, products) are left out.

    Node attributes: ``label``, ``type``, ``aliases`` (JSON array, most frequent first),
    ``alias_counts`` (JSON object), ``provenance`` (JSON object: how each alias joined
    the node), ``mentions``, ``documents``, ``quotes``, ``roles``
    (JSON array), ``quote_evidence`` (JSON array of the speaker's quotes, each
    ``{"text", "document", "kind"}`` and ``"title"``, ``"url"`` when the document has
    them, also the quotes that name no entity). Edge attributes: ``relation``,
    ``weight``, ``documents``, ``evidence`` (JSON array of texts), ``evidence_documents``,
    ``evidence_titles`` and ``evidence_urls`` (JSON arrays: the document of each
    evidence text, its title and its URL, ``""`` when it has none) and, for
    affiliations, ``role``. Only strings and numbers, so the graph writes to GraphML as
    it is. In a window with more than ``max_window_entities`` entities (0: no limit),
    only that many of its most mentioned ones get co-mention edges (see
    :data:`MAX_WINDOW_ENTITIES`).

    ``evidence`` items are kept per edge and per node (the first ones met; ``0``: all);
    quotes of kind ``belief`` count and make quotation edges only with ``beliefs=True``.

    Time, when documents are dated (see :mod:`entgraph.timeline`): nodes and edges get
    ``first_seen``, ``last_seen`` and ``timeline`` (JSON object: mentions or weight per
    ``period``), edges ``evidence_dates`` (JSON array, one date or null per evidence),
    and the graph ``period``, ``first_seen``, ``last_seen``, ``dated_documents`` and
    ``timeline`` (documents per period).
    """
    if window not in WINDOWS:
        raise InputError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")
    if period not in PERIODS:
        raise InputError(f"period must be one of {PERIODS}, not {period!r}")
    if evidence < 0:
        raise InputError(f"evidence must be 0 (all) or more, not {evidence!r}")
    limit = evidence or sys.maxsize
    if table is None:
        table = resolve_entities(records, places=places, aliases=aliases)
    node_of = table.node_of
    nodes: dict[str, _NodeStats] = defaultdict(_NodeStats)
    edges: dict[tuple[str, str, str], _EdgeStats] = defaultdict(_EdgeStats)
    capped_windows = left_out = 0

    for rec in records:
        windows: dict[int, dict[str, Mention]] = defaultdict(dict)
        in_window: dict[int, Counter[str]] = defaultdict(Counter)
        for mention in rec.mentions:
            node = node_of.get(mention.key)
            if node is None:
                continue
            stats = nodes[node]
            stats.mentions += 1
            stats.documents.add(rec.document_id)
            stats.aliases[" ".join(mention.text.split())] += 1
            stats.time.add(rec.date)
            # The first mention of each entity in a window stands for the window.
            windows[_window_of(mention, window)].setdefault(node, mention)
            in_window[_window_of(mention, window)][node] += 1
        for number, members in windows.items():
            if max_window_entities and len(members) > max_window_entities:
                capped_windows += 1
                left_out += len(members) - max_window_entities
                members = _most_mentioned(members, in_window[number], max_window_entities)
            for a, b in combinations(sorted(members), 2):
                example = _window_evidence(rec, members[a], members[b])
                edges[(a, b, "co-mention")].add(
                    rec.document_id, example, limit, date=rec.date, metadata=rec.metadata
                )
        for quote in rec.quotes:
            if quote.kind == "belief" and not beliefs:
                continue
            speaker = node_of.get(quote.speaker_key) if quote.speaker_key else None
            if speaker is None:
                continue
            # The speaker keeps every quote, also one that names nobody.
            stats = nodes[speaker]
            stats.quotes += 1
            if len(stats.quote_evidence) < limit:
                stats.quote_evidence.append(_quote_item(rec, quote))
            for key in dict.fromkeys(quote.mention_keys):
                target = node_of.get(key)
                if target is not None and target != speaker:
                    edge = edges[(speaker, target, "quotation")]
                    edge.add(
                        rec.document_id, quote.text, limit, date=rec.date, metadata=rec.metadata
                    )
        for aff in rec.affiliations:
            person = node_of.get(aff.person_key)
            org = node_of.get(aff.org_key)
            if person is not None and org is not None and person != org:
                nodes[person].roles[aff.role] += 1
                example = rec.sentence_text(aff.sentence)
                edges[(person, org, "affiliation")].add(
                    rec.document_id, example, limit, aff.role, rec.date, metadata=rec.metadata
                )

    G = nx.MultiDiGraph(**(graph_attrs or {}))
    G.graph.update(graph_time_attributes((rec.date for rec in records), period))
    G.add_nodes_from(
        (
            node,
            {
                "label": table.entities[node].label,
                "type": table.entities[node].type,
                "aliases": json.dumps([a for a, _ in stats.aliases.most_common()]),
                "alias_counts": json.dumps(dict(stats.aliases.most_common())),
                "provenance": json.dumps(dict(table.entities[node].provenance)),
                "mentions": stats.mentions,
                "documents": len(stats.documents),
                "quotes": stats.quotes,
                "roles": json.dumps([r for r, _ in stats.roles.most_common()]),
                **stats.time.attributes(period),
                "quote_evidence": json.dumps(stats.quote_evidence, ensure_ascii=False),
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
                "evidence_documents": json.dumps(stats.evidence_documents, ensure_ascii=False),
                "evidence_titles": json.dumps(stats.evidence_titles, ensure_ascii=False),
                "evidence_urls": json.dumps(stats.evidence_urls, ensure_ascii=False),
                **({"role": stats.roles.most_common(1)[0][0]} if stats.roles else {}),
                **_edge_time(stats, period),
            },
        )
        for (u, v, relation), stats in sorted(edges.items())
    )
    return BuiltGraph(graph=G, table=table, capped_windows=capped_windows, left_out=left_out)


def _most_mentioned(
    members: dict[str, Mention], counts: Counter[str], n: int
) -> dict[str, Mention]:
    """The ``n`` entities of a window mentioned most in it (the first mentioned first
    on ties)."""
    order = sorted(members, key=lambda node: (-counts[node], members[node].start))
    return {node: members[node] for node in order[:n]}
