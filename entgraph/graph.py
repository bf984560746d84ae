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
from functools import partial
from itertools import combinations
from json.encoder import encode_basestring, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any, TypeVar

import networkx as nx

from .counters import empty_counter
from .errors import InputError
from .records import DocumentRecords, LocalEntity, Mention, Quote
from .resolve.aliases import AliasTable
from .resolve.corpus import CorpusResolver
from .resolve.table import EntityTable
from .timeline import PERIODS, TimeCounts, graph_time_attributes

__all__ = [
    "RELATIONS",
    "WINDOWS",
    "BuiltGraph",
    "GraphCounts",
    "build_graph",
    "local_entities",
    "resolve_entities",
]

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
T = TypeVar("T", "_NodeStats", "_EdgeStats")


@dataclass
class _NodeStats:
    mentions: int = 0
    #: Documents that mention the node (each record counts once; see GraphCounts.add).
    documents: int = 0
    aliases: Counter[str] = field(default_factory=empty_counter)
    quotes: int = 0
    roles: Counter[str] = field(default_factory=empty_counter)
    # Time (entgraph/timeline.py): mentions per document date.
    time: TimeCounts = field(default_factory=TimeCounts)
    quote_evidence: list[dict[str, str]] = field(default_factory=list)

    def merge(self, other: _NodeStats, limit: int) -> None:
        """Add the counts of a later part of the corpus (partial results combine)."""
        self.mentions += other.mentions
        self.documents += other.documents
        self.aliases.update(other.aliases)
        self.quotes += other.quotes
        self.roles.update(other.roles)
        self.time.merge(other.time)
        room = limit - len(self.quote_evidence)
        if room > 0:
            self.quote_evidence.extend(other.quote_evidence[:room])


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
    #: Documents with the relation (each record counts once; see GraphCounts.add).
    documents: int = 0
    evidence: list[str] = field(default_factory=list)
    #: The document of each evidence item, in the same order, and its title and URL
    #: ("" when it has none): the explorer links each item to its page.
    evidence_documents: list[str] = field(default_factory=list)
    evidence_titles: list[str] = field(default_factory=list)
    evidence_urls: list[str] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=empty_counter)
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
        self.time.add(date)
        if len(self.evidence) < limit:  # else nothing more is kept
            meta = metadata or {}
            where = (document, meta.get("title", ""), meta.get("url", ""), date)
            self._keep(_clipped(evidence), where, limit)
        if role:
            self.roles[role] += 1

    def _keep(self, evidence: str, where: tuple[str, str, str, str | None], limit: int) -> None:
        # The first ``limit`` distinct texts met, in corpus order, with their document's
        # id, title, URL and date.
        if evidence and len(self.evidence) < limit and evidence not in self._seen:
            self._seen.add(evidence)
            self.evidence.append(evidence)
            document, title, url, date = where
            self.evidence_documents.append(document)
            self.evidence_titles.append(title)
            self.evidence_urls.append(url)
            self.evidence_dates.append(date)

    def merge(self, other: _EdgeStats, limit: int) -> None:
        """Add the counts of a later part of the corpus: the same as adding its items
        one by one after these, so partial results combine to the same edge."""
        self.weight += other.weight
        self.documents += other.documents
        self.time.merge(other.time)
        self.roles.update(other.roles)
        for text, document, title, url, date in zip(
            other.evidence, other.evidence_documents, other.evidence_titles,
            other.evidence_urls, other.evidence_dates, strict=True,
        ):  # fmt: skip
            self._keep(text, (document, title, url, date), limit)


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
        resolver.add(local_entities(rec))
    return resolver.resolve()


def local_entities(rec: DocumentRecords) -> tuple[LocalEntity, ...]:
    """A document's local entities: extraction's, or made from the mentions of records
    built by hand (see :func:`entities_of_mentions`)."""
    return rec.entities or entities_of_mentions(rec.mentions)


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
    attributes = stats.time.attributes()
    if attributes:
        attributes["evidence_dates"] = json.dumps(stats.evidence_dates)
    return attributes


def build_graph(
    records: Iterable[DocumentRecords],
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
    if table is None:
        records = records if isinstance(records, Sequence) else list(records)
        table = resolve_entities(records, places=places, aliases=aliases)
    counts = GraphCounts(
        table.node_of,
        window=window,
        evidence=evidence,
        beliefs=beliefs,
        max_window_entities=max_window_entities,
        period=period,
    )
    for rec in records:
        counts.add(rec)
    return counts.built(table, graph_attrs=graph_attrs)


class GraphCounts:
    """What the graph counts, per node and per edge, from records added one at a time.

    Holds only counters and a bounded number of evidence items, whatever the number of
    documents. Two counts over consecutive parts of the corpus combine with
    :meth:`merge` into exactly the counts of the whole, so partitions can be counted
    apart (on a Dask cluster) and combined in a tree. :meth:`built` makes the graph.

    >>> counts = GraphCounts({}, window="sentence")
    >>> counts.merge(GraphCounts({}, window="sentence")).documents
    0
    """

    def __init__(
        self,
        node_of: Mapping[str, str],
        *,
        window: str = "sentence",
        evidence: int = DEFAULT_EVIDENCE,
        beliefs: bool = False,
        max_window_entities: int = MAX_WINDOW_ENTITIES,
        period: str = "month",
    ) -> None:
        if window not in WINDOWS:
            raise InputError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")
        if evidence < 0:
            raise InputError(f"evidence must be 0 (all) or more, not {evidence!r}")
        self.node_of = node_of
        self.window = window
        self.limit = evidence or sys.maxsize
        self.beliefs = beliefs
        self.max_window_entities = max_window_entities
        if period not in PERIODS:
            raise InputError(f"period must be one of {PERIODS}, not {period!r}")
        self.period = period
        # Time is counted per period as records are added (entgraph/timeline.py).
        # (partial, not lambda: the counts are pickled to and between Dask workers)
        self.nodes: dict[str, _NodeStats] = defaultdict(partial(_with_time, _NodeStats, period))
        self.edges: dict[tuple[str, str, str], _EdgeStats] = defaultdict(
            partial(_with_time, _EdgeStats, period)
        )
        #: Documents counted, and how many carry each date (for the graph's timeline).
        self.documents = 0
        self.dates: Counter[str] = Counter()
        self.capped_windows = 0
        self.left_out = 0

    def __getstate__(self) -> dict[str, Any]:
        # Sent between Dask workers without the node map, which every worker has.
        state = dict(self.__dict__)
        state["node_of"] = {}
        return state

    def add(self, rec: DocumentRecords) -> None:
        """Count one document's mentions, co-mentions, quotes and affiliations."""
        node_of, window, limit = self.node_of, self.window, self.limit
        nodes, edges = self.nodes, self.edges
        self.documents += 1
        if rec.date is not None:
            self.dates[rec.date] += 1
        touched_nodes: set[str] = set()
        touched_edges: set[tuple[str, str, str]] = set()
        windows: dict[int, dict[str, Mention]] = defaultdict(dict)
        in_window: dict[int, dict[str, int]] = defaultdict(dict)
        for mention in rec.mentions:
            node = node_of.get(mention.key)
            if node is None:
                continue
            stats = nodes[node]
            stats.mentions += 1
            touched_nodes.add(node)
            stats.aliases[" ".join(mention.text.split())] += 1
            stats.time.add(rec.date)
            # The first mention of each entity in a window stands for the window.
            number = _window_of(mention, window)
            windows[number].setdefault(node, mention)
            counts = in_window[number]
            counts[node] = counts.get(node, 0) + 1
        cap = self.max_window_entities
        for number, members in windows.items():
            if cap and len(members) > cap:
                self.capped_windows += 1
                self.left_out += len(members) - cap
                members = _most_mentioned(members, in_window[number], cap)
            for a, b in combinations(sorted(members), 2):
                edge = (a, b, "co-mention")
                stats_ = edges[edge]
                # The example text only for an edge that still keeps examples.
                example = (
                    _window_evidence(rec, members[a], members[b])
                    if len(stats_.evidence) < limit
                    else ""
                )
                stats_.add(rec.document_id, example, limit, date=rec.date, metadata=rec.metadata)
                touched_edges.add(edge)
        for quote in rec.quotes:
            if quote.kind == "belief" and not self.beliefs:
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
                    edges[(speaker, target, "quotation")].add(
                        rec.document_id, quote.text, limit, date=rec.date, metadata=rec.metadata
                    )
                    touched_edges.add((speaker, target, "quotation"))
        for aff in rec.affiliations:
            person = node_of.get(aff.person_key)
            org = node_of.get(aff.org_key)
            if person is not None and org is not None and person != org:
                nodes[person].roles[aff.role] += 1
                example = rec.sentence_text(aff.sentence)
                edges[(person, org, "affiliation")].add(
                    rec.document_id, example, limit, aff.role, rec.date, metadata=rec.metadata
                )
                touched_edges.add((person, org, "affiliation"))
        for node in touched_nodes:
            nodes[node].documents += 1
        for edge in touched_edges:
            edges[edge].documents += 1

    def merge(self, other: GraphCounts) -> GraphCounts:
        """Add the counts of the documents that come after these (in input order)."""
        for node, theirs in other.nodes.items():
            self.nodes[node].merge(theirs, self.limit)
        for edge, stats in other.edges.items():
            self.edges[edge].merge(stats, self.limit)
        self.documents += other.documents
        self.dates.update(other.dates)
        self.capped_windows += other.capped_windows
        self.left_out += other.left_out
        return self

    def built(
        self,
        table: EntityTable,
        *,
        graph_attrs: dict[str, str | int | float | bool] | None = None,
    ) -> BuiltGraph:
        """The graph of these counts, with the entities of ``table``."""
        period = self.period
        G = nx.MultiDiGraph(**(graph_attrs or {}))
        G.graph.update(graph_time_attributes(self.dates.elements(), period))
        # One add_node/add_edge per item: add_*_from copies every attribute dict again
        # and looks each new edge up through the graph's views.
        for node in sorted(self.nodes):
            G.add_node(node, **_node_attributes(table, node, self.nodes[node], period))
        for edge in sorted(self.edges):
            u, v, relation = edge
            G.add_edge(u, v, relation, **_edge_attributes(relation, self.edges[edge], period))
        return BuiltGraph(G, table, self.capped_windows, self.left_out)


def _with_time(kind: type[T], period: str) -> T:
    """Empty node or edge statistics that count time per ``period``."""
    return kind(time=TimeCounts(period, empty_counter()))  # type: ignore[call-arg]


#: ``json.dumps(..., ensure_ascii=False)`` without a new encoder per call (there are
#: four JSON arrays per edge, and tens of thousands of edges).
_dumps_unicode = json.JSONEncoder(ensure_ascii=False).encode


def json_strings(items: Iterable[str], *, ascii: bool = True) -> str:
    """``json.dumps(list(items), ensure_ascii=ascii)`` for strings, the same text,
    written by the C string encoder without an encoder object per call.

    >>> print(json_strings(["Jane Doe", "Zoë"], ascii=False))
    ["Jane Doe", "Zoë"]
    """
    encode = encode_basestring_ascii if ascii else encode_basestring
    return "[" + ", ".join(map(encode, items)) + "]"


def _node_attributes(
    table: EntityTable, node: str, stats: _NodeStats, period: str
) -> dict[str, Any]:
    entity = table.entities[node]
    aliases = stats.aliases.most_common()
    return {
        "label": entity.label,
        "type": entity.type,
        "aliases": json_strings([a for a, _ in aliases]),
        "alias_counts": json.dumps(dict(aliases)),
        "provenance": json.dumps(dict(entity.provenance)),
        "mentions": stats.mentions,
        "documents": stats.documents,
        "quotes": stats.quotes,
        "roles": json_strings([r for r, _ in stats.roles.most_common()]),
        **stats.time.attributes(),
        "quote_evidence": _dumps_unicode(stats.quote_evidence),
    }


def _edge_attributes(relation: str, stats: _EdgeStats, period: str) -> dict[str, Any]:
    return {
        "relation": relation,
        "weight": stats.weight,
        "documents": stats.documents,
        "evidence": json_strings(stats.evidence, ascii=False),
        "evidence_documents": json_strings(stats.evidence_documents, ascii=False),
        "evidence_titles": json_strings(stats.evidence_titles, ascii=False),
        "evidence_urls": json_strings(stats.evidence_urls, ascii=False),
        **({"role": stats.roles.most_common(1)[0][0]} if stats.roles else {}),
        **_edge_time(stats, period),
    }


def _most_mentioned(
    members: dict[str, Mention], counts: Mapping[str, int], n: int
) -> dict[str, Mention]:
    """The ``n`` entities of a window mentioned most in it (the first mentioned first
    on ties)."""
    order = sorted(members, key=lambda node: (-counts[node], members[node].start))
    return {node: members[node] for node in order[:n]}
