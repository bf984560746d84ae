"""The Python API: ``build_graph`` and the :class:`GraphResult` it returns.

>>> import entgraph
>>> text = "The French government said Germany would talk to the Acme Trade Council."
>>> result = entgraph.build_graph([("a", text)])
>>> sorted(result.graph.nodes)
['country:deu', 'country:fra', 'org:acme trade council']
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from . import __version__
from .atomic import ensure_folder, output_set, remove_stale_temporaries
from .cache import RecordCache, records_to_payload
from .dates import parse_date
from .diagnostics import Diagnostics
from .errors import InputError
from .explore import GraphExplorer
from .export import (
    iter_document_rows,
    iter_mention_rows,
    iter_quote_rows,
    write_edges_csv,
    write_gexf,
    write_graphml,
    write_html,
    write_jsonl,
    write_node_link_json,
    write_nodes_csv,
    write_tables,
)
from .export.html import DEFAULT_MAX_NODES
from .fingerprint import model_fingerprint
from .forking import beside
from .graph import DEFAULT_EVIDENCE, MAX_WINDOW_ENTITIES, WINDOWS, local_entities
from .graph import build_graph as _build
from .graphstore import StoredGraph, cached_graph, graph_key
from .manifest import MANIFEST, InputDigest, build_key, manifest_text
from .options import PLACES_OPTIONS
from .records import Document, DocumentRecords, LocalEntity
from .resolve.aliases import AliasTable, load_aliases
from .resolve.corpus import CorpusResolver
from .resolve.table import EntityTable
from .sources import count_documents, iter_documents
from .sources.decode import clean_text
from .spool import RecordSpool
from .timeline import check_period, date_range, in_range

if TYPE_CHECKING:  # spaCy is imported only when a document has to be parsed
    from spacy.language import Language

    from .pipeline import ExtractionSettings

__all__ = ["OUTPUT_FILES", "GraphResult", "build_graph"]

#: The files :meth:`GraphResult.write` creates in the output folder.
OUTPUT_FILES = ("graph.html", "graph.graphml", "mentions.jsonl", "quotes.jsonl", "documents.jsonl")

InputItem = str | os.PathLike[str] | Document | tuple[str, str] | tuple[str, str, Any]


# repr=False: the explorer's short repr, not every record (notebooks print it).
@dataclass(repr=False)
class GraphResult(GraphExplorer):
    """The outcome of :func:`build_graph`: the graph, the records, and what happened.

    ``graph`` is a ``networkx.MultiDiGraph`` (see the README for its schema);
    ``records`` the per-document records; ``node_of`` maps entity keys to node ids.
    The methods of :class:`~entgraph.explore.GraphExplorer` explore it: ``top``,
    ``lookup``, ``neighbors``, ``ego``, ``filter``, ``between`` (a date range),
    ``timeline``, ``communities``, DataFrames, and inline display in Jupyter.
    """

    graph: nx.MultiDiGraph
    records: Sequence[DocumentRecords]
    node_of: dict[str, str]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0
    #: What the build read and how (see :mod:`entgraph.manifest`); written with the
    #: outputs so that a rerun with nothing changed can stop early.
    build_inputs: str = ""
    build_settings: dict[str, Any] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        """Number of documents that were processed."""
        return len(self.records)

    def mention_rows(self) -> list[dict[str, Any]]:
        """One dict per entity mention (the rows of ``mentions.jsonl``)."""
        return list(iter_mention_rows(self.records, self.node_of, self.graph.nodes))

    def quote_rows(self) -> list[dict[str, Any]]:
        """One dict per quote (the rows of ``quotes.jsonl``)."""
        return list(iter_quote_rows(self.records, self.node_of, self.graph.nodes))

    def write_graphml(self, path: str | os.PathLike[str], *, direction: str = "data") -> Path:
        """Write the graph as GraphML; ``direction="per-edge"`` also marks co-mentions
        with GraphML's per-edge ``directed="false"``, for Gephi and yEd (networkx's
        reader refuses such a file; :func:`entgraph.load` reads it)."""
        write_graphml(self.graph, path, direction=direction)
        return Path(path)

    def write_html(
        self,
        path: str | os.PathLike[str],
        *,
        max_nodes: int | None = DEFAULT_MAX_NODES,
        title: str | None = None,
    ) -> Path:
        """Write the self-contained interactive HTML page.

        The page holds every entity and first draws the ``max_nodes`` most connected
        (``0``: all); the rest are one click away.
        """
        write_html(self.graph, path, max_nodes=max_nodes, title=title)
        return Path(path)

    def write_mentions(self, path: str | os.PathLike[str]) -> Path:
        """Write ``mentions.jsonl``."""
        write_jsonl(iter_mention_rows(self.records, self.node_of, self.graph.nodes), path)
        return Path(path)

    def write_quotes(self, path: str | os.PathLike[str]) -> Path:
        """Write ``quotes.jsonl`` (empty when no quote was found)."""
        write_jsonl(iter_quote_rows(self.records, self.node_of, self.graph.nodes), path)
        return Path(path)

    def write_tables(
        self,
        mentions: str | os.PathLike[str],
        quotes: str | os.PathLike[str],
        documents: str | os.PathLike[str],
    ) -> None:
        """Write ``mentions.jsonl``, ``quotes.jsonl`` and ``documents.jsonl`` in one pass
        over the records (each record is read back once)."""
        write_tables(self.records, self.node_of, self.graph.nodes, mentions, quotes, documents)

    def document_rows(self) -> list[dict[str, Any]]:
        """One dict per document (the rows of ``documents.jsonl``)."""
        return list(iter_document_rows(self.records))

    def write_documents(self, path: str | os.PathLike[str]) -> Path:
        """Write ``documents.jsonl``: id, source, date, metadata and counts per document."""
        write_jsonl(iter_document_rows(self.records), path)
        return Path(path)

    def write_gexf(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as GEXF, for Gephi."""
        write_gexf(self.graph, path)
        return Path(path)

    def write_json(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as node-link JSON; ``nx.node_link_graph(data, edges="edges")``."""
        write_node_link_json(self.graph, path)
        return Path(path)

    def write_csv(self, folder: str | os.PathLike[str]) -> dict[str, Path]:
        """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` (created if needed)."""
        out = ensure_folder(folder)
        write_nodes_csv(self.graph, out / "nodes.csv")
        write_edges_csv(self.graph, out / "edges.csv")
        return {"nodes.csv": out / "nodes.csv", "edges.csv": out / "edges.csv"}

    def write(
        self,
        folder: str | os.PathLike[str],
        *,
        max_nodes: int | None = DEFAULT_MAX_NODES,
        graphml_direction: str = "data",
    ) -> dict[str, Path]:
        """Write every output file into ``folder`` (created if needed).

        ``max_nodes``: the entities ``graph.html`` draws first (``0``: all).
        ``graphml_direction``: see :meth:`write_graphml`.
        """
        out = ensure_folder(folder)
        remove_stale_temporaries(out, (*OUTPUT_FILES, MANIFEST))
        # All files are written first and renamed into place together: a failed or
        # interrupted write leaves the previous outputs as they were.
        written = {name: out / name for name in OUTPUT_FILES}
        with output_set(out) as stage:
            staged = {name: stage(name) for name in OUTPUT_FILES}
            # The page needs only the graph: a second core writes it while this one
            # writes the rest (which reads the records back from the spool).
            with beside(lambda: self.write_html(staged["graph.html"], max_nodes=max_nodes)):
                self.write_graphml(staged["graph.graphml"], direction=graphml_direction)
                self.write_tables(
                    staged["mentions.jsonl"], staged["quotes.jsonl"], staged["documents.jsonl"]
                )
            if self.build_inputs:  # made by build_graph: say what it was made of
                written_as = _written_as(max_nodes, graphml_direction)
                key = build_key(self.build_inputs, {**self.build_settings, **written_as})
                summary = self.summary().rsplit(" in ", 1)[0]
                manifest = manifest_text(key, staged, summary)
                stage(MANIFEST).write_text(manifest, encoding="utf-8")
        return written

    def summary(self, *, started: float | None = None) -> str:
        """One line: documents (cached, repeated), nodes, edges, skipped, seconds.

        The seconds are those of :func:`build_graph`, or since ``started`` (a
        ``time.perf_counter()`` value; the CLI gives the time entgraph was imported).

        >>> from entgraph.records import DocumentRecords
        >>> result = GraphResult(nx.MultiDiGraph(), [DocumentRecords("a", "")], {})
        >>> result.diagnostics.cached = 1
        >>> result.summary()
        '1 document (1 from cache), 0 nodes, 0 edges in 0.0 s'
        >>> result.graph.add_edge("a", "b")
        0
        >>> result.summary()
        '1 document (1 from cache), 2 nodes, 1 edge in 0.0 s'
        """
        diagnostics = self.diagnostics
        skipped = sum(diagnostics.skipped.values())
        reused = [
            f"{n} {what}"
            for n, what in (
                (diagnostics.cached, "from cache"),
                (diagnostics.duplicates, "repeated"),
            )
            if n
        ]
        parts = [
            _count(self.documents, "document") + (f" ({', '.join(reused)})" if reused else ""),
            _count(self.graph.number_of_nodes(), "node"),
            _count(self.graph.number_of_edges(), "edge"),
        ]
        if skipped:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.diagnostics.skipped.items()))
            parts.append(f"{skipped} skipped ({reasons})")
        if self.diagnostics.warnings:
            parts.append(_count(len(self.diagnostics.warnings), "warning"))
        seconds = self.seconds if started is None else time.perf_counter() - started
        return ", ".join(parts) + f" in {seconds:.1f} s"


def _count(n: int, word: str) -> str:
    """``_count(1, "edge")`` -> ``'1 edge'``; ``_count(2, "edge")`` -> ``'2 edges'``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _check_whole_number(name: str, value: object, *, minimum: int | None) -> None:
    """Raise :class:`InputError` unless ``value`` is an int (at least ``minimum``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{name} must be a whole number, not {value!r}")
    if minimum is not None and value < minimum:
        raise InputError(f"{name} must be {minimum} or more, not {value}")


def _split_inputs(
    inputs: Iterable[InputItem] | str | bytes | os.PathLike[str], diagnostics: Diagnostics
) -> tuple[list[str | os.PathLike[str]], list[Document]]:
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]  # type: ignore[list-item]
    paths: list[str | os.PathLike[str]] = []
    docs: list[Document] = []
    for n, item in enumerate(inputs):
        if isinstance(item, bytes):  # a path as bytes (os.fsencode): decoded as the OS does
            item = os.fsdecode(item)
        if isinstance(item, Document):
            docs.append(_dated(item, item.date, diagnostics))
        elif isinstance(item, tuple) and len(item) in (2, 3):
            doc_id, text, *date = item
            doc = _pair_document(n, doc_id, text)
            docs.append(_dated(doc, date[0] if date else None, diagnostics))
        elif isinstance(item, (str, os.PathLike)):
            _check_not_text(item)
            paths.append(item)
        else:
            raise InputError(
                f"cannot use {type(item).__name__} as input: give paths, "
                "(id, text) pairs, (id, text, date) triples or entgraph.Document objects"
            )
    return paths, docs


def _dated(doc: Document, value: object, diagnostics: Diagnostics) -> Document:
    """``doc`` with ``value`` as its ISO date; an unreadable date warns and leaves it undated."""
    if value is None or value == "":
        return dataclasses.replace(doc, date=None) if doc.date is not None else doc
    date = parse_date(value)
    if date is None:
        diagnostics.warn(
            f"{doc.source or doc.id}: cannot read the date {value!r}; the document stays undated"
        )
    return doc if date == doc.date else dataclasses.replace(doc, date=date)


def _in_dates(
    documents: Iterator[Document], since: str | None, until: str | None, diagnostics: Diagnostics
) -> Iterator[Document]:
    """The documents dated from ``since`` to ``until``; the others are counted as skipped."""
    for doc in documents:
        if in_range(doc.date, since, until):
            yield doc
        else:
            diagnostics.skip("undated" if doc.date is None else "outside the dates")


def _pair_document(n: int, doc_id: object, text: object) -> Document:
    # str(None) would be the text "None": an (id, text) pair must hold text.
    if not isinstance(text, str):
        raise InputError(
            f"inputs[{n}]: the text of ({doc_id!r}, ...) is {type(text).__name__}, not str"
        )
    if not isinstance(doc_id, (str, int)):
        raise InputError(f"inputs[{n}]: the id {doc_id!r} is {type(doc_id).__name__}, not str")
    return Document(
        id=clean_text(str(doc_id)), text=clean_text(text), source=clean_text(str(doc_id))
    )


def _check_not_text(item: str | os.PathLike[str]) -> None:
    # A string is always a path: say how to pass text when it plainly is text.
    if not isinstance(item, str) or os.path.lexists(item):
        return
    if "\n" in item or len(item.split()) > 5:
        shown = " ".join(item.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise InputError(
            f"no such file or directory: {shown!r}; to pass text itself, use "
            "build_graph(texts=[...]) or (id, text) pairs"
        )


def _text_documents(texts: str | Iterable[str] | None) -> list[Document]:
    """``texts`` as documents ``text-1``, ``text-2``, ... in order."""
    if texts is None:
        return []
    items = [texts] if isinstance(texts, str) else list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise InputError(f"texts[{i}] is {type(text).__name__}, not str")
    return [
        Document(id=f"text-{i}", text=clean_text(t), source=f"texts[{i - 1}]")
        for i, t in enumerate(items, 1)
    ]


def _progress(total: int | None, enabled: bool) -> Any:
    if not enabled or (total is not None and total < 2):
        return None
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        # No monitor thread: an idle thread slows parsing (see entgraph._threads), and
        # --jobs workers are forked only from a process without threads.
        monitor_interval = 0

    # Until the first document is done the bar says why it sits at 0: the model loads.
    return Bar(
        total=total,
        unit="doc",
        file=sys.stderr,
        dynamic_ncols=True,
        leave=False,
        desc="loading the model",
    )


def build_graph(
    inputs: Iterable[InputItem] | str | bytes | os.PathLike[str] = (),
    *,
    texts: str | Iterable[str] | None = None,
    model: str | None = None,
    window: str = "sentence",
    period: str = "month",
    since: object = None,
    until: object = None,
    places: str = "drop",
    aliases: str | os.PathLike[str] | AliasTable | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str | None = None,
    meta_fields: Iterable[str] | str = (),
    input_format: str = "auto",
    strict: bool = False,
    progress: bool = False,
    jobs: int = 1,
    cache: str | os.PathLike[str] | None = None,
    client: Any = None,
    batch_size: int = 32,
    nlp: Language | None = None,
    evidence: int = DEFAULT_EVIDENCE,
    beliefs: bool = False,
    max_window_entities: int = MAX_WINDOW_ENTITIES,
) -> GraphResult:
    """Read ``inputs``, extract entities and relations, and build the graph.

    ``inputs``: file or folder paths, ``"-"`` for stdin, ``(id, text)`` pairs or
    :class:`~entgraph.records.Document` objects; a string is always a path. ``texts``:
    the text itself, one string or a list of them (ids ``text-1``, ``text-2``, ...).
    ``model`` names any installed spaCy pipeline (default: the small English model).
    ``window`` is the co-mention window: ``"sentence"``, ``"paragraph"`` or
    ``"document"``. ``period``: ``"day"``, ``"week"`` or ``"month"``, the period of the
    ``timeline`` attributes (see :mod:`entgraph.timeline`). ``since`` and ``until``
    (ISO strings or dates, inclusive) keep only the documents dated in that range.
    ``places``: ``"drop"`` cities and regions, map them to their
    ``"country"``, or ``"keep"`` them as PLACE nodes.
    ``aliases``: a user alias file (see :func:`entgraph.resolve.aliases.load_aliases`) whose
    names, types and exclusions override everything the pipeline decides.
    ``text_field``, ``id_field``, ``date_field`` and ``meta_fields`` name the JSONL/CSV
    fields holding the text, the id, the date and other metadata (``["title", "url"]``).
    ``input_format``: ``"auto"`` (by suffix, then content), ``"text"``, ``"html"``,
    ``"jsonl"``, ``"csv"`` or ``"warc"``.
    ``jobs``: worker processes for extraction (0: one per core). ``cache``: a SQLite
    file of per-document records; a rerun only processes new or changed documents.
    ``max_window_entities``: in a window with more entities, only that many of its most
    mentioned ones get co-mention edges (``0``: no limit); a warning says so.
    ``client``: a ``distributed.Client``; extraction then runs on its Dask cluster
    (see :mod:`entgraph.distributed`). ``nlp``: an already loaded spaCy pipeline to
    use in this process. ``evidence``: how many example sentences or quotes each edge
    and each speaker keeps (default 10; ``0``: all). ``beliefs``: let quotes of kind ``belief``
    ("X believes ...") make quotation edges too (by default they are only in
    ``quotes.jsonl``).

    Raises :class:`~entgraph.errors.InputError` for unusable input and
    :class:`~entgraph.errors.ModelError` for a missing pipeline; problems with single
    documents are in ``result.diagnostics`` instead.
    """
    if window not in WINDOWS:
        raise InputError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")
    if places not in PLACES_OPTIONS:
        raise InputError(f"unknown places option {places!r}; use one of {PLACES_OPTIONS}")
    period = check_period(period)
    since, until = date_range(since, until)
    if isinstance(evidence, bool) or not isinstance(evidence, int) or evidence < 0:
        raise InputError(f"evidence must be a whole number, 0 or more, not {evidence!r}")
    _check_whole_number("batch_size", batch_size, minimum=1)
    _check_whole_number("jobs", jobs, minimum=None)
    _check_whole_number("max_window_entities", max_window_entities, minimum=0)
    started = time.perf_counter()
    alias_table = load_aliases(aliases) if isinstance(aliases, (str, os.PathLike)) else aliases
    diagnostics = Diagnostics(strict=strict)
    stream, paths, given = _document_stream(
        inputs, texts, diagnostics, since=since, until=until, text_field=text_field,
        id_field=id_field, date_field=date_field, meta_fields=meta_fields,
        input_format=input_format,
    )  # fmt: skip
    digest = InputDigest()
    stream = digest.through(stream)
    # Here, not at the top: importing entgraph, or asking for --help, loads no spaCy.
    from .models import check_model, default_model_name
    from .pipeline import WINDOW, ExtractionSettings, iter_extraction

    model_name = model or default_model_name()
    if nlp is None:
        check_model(model_name)
    settings = ExtractionSettings(model=model_name, aliases=alias_table, batch_size=batch_size)
    model_id = model_fingerprint(model_name, nlp.meta if nlp is not None else None)
    build_settings = _key_settings(
        model_id, alias_table,
        window=window, period=period, since=since, until=until, places=places,
        text_field=text_field, id_field=id_field, date_field=date_field,
        meta_fields=meta_fields, input_format=input_format, strict=strict,
        evidence=evidence, beliefs=beliefs, max_window_entities=max_window_entities,
    )  # fmt: skip
    record_cache = None
    if cache is not None:
        record_cache = RecordCache(cache, settings.fingerprint(model_id))
        if record_cache.read_only:
            diagnostics.warn(
                f"cache {record_cache.path} is read-only: cached documents are used, "
                "new ones are processed but not saved",
                strictable=False,
            )
    total = None
    if progress:
        counted = count_documents(paths, input_format=input_format) if paths else 0
        total = None if counted is None else counted + len(given)
    bar = _progress(total, progress)
    # Records stream past once: the spool keeps them on disk for the graph, the tables
    # and the explorer, and the corpus resolution counts them on the way. A build of one
    # window, whose records extraction held at once anyway, keeps them in memory too.
    spool = RecordSpool(shared=client is not None, keep=WINDOW)
    # Counted as the records pass; in a build of one window only at the end, and not at
    # all when the graph is found in the cache.
    resolver = _DeferredResolver(CorpusResolver(places=places, aliases=alias_table), WINDOW)
    # What the graph is made of, for finding it in the cache (entgraph/graphstore.py).
    made_of = hashlib.sha256()
    try:
        try:
            for item in iter_extraction(
                stream,
                settings,
                nlp=nlp,
                jobs=jobs,
                cache=record_cache,
                diagnostics=diagnostics,
                on_progress=_on_progress(bar),
                executor=_dask_executor(client, settings, text_field),
                earlier=spool.records_of,
            ):
                spool.add(item.records, item.digest, item.payload)
                made_of.update(item.payload or records_to_payload(item.records))
                if client is None:
                    resolver.add(local_entities(item.records))
        finally:
            if bar is not None:
                bar.close()
        if record_cache is not None and record_cache.unsaved:
            diagnostics.note(
                f"{record_cache.unsaved} document(s) were not saved to the read-only cache "
                f"{record_cache.path}"
            )
        if not len(spool):
            raise InputError("no usable documents in the input" + _skipped_note(diagnostics))
        records = spool.records()
        graph_attrs: dict[str, str | int | float | bool] = {
            "generator": f"entgraph {__version__}",
            "model": model_name if nlp is None else f"{nlp.meta['lang']}_{nlp.meta['name']}",
            "window": window,
            "places": places,
            "documents": len(records),
        }
        options: dict[str, Any] = {
            "window": window,
            "evidence": evidence,
            "beliefs": beliefs,
            "max_window_entities": max_window_entities,
        }

        def make() -> StoredGraph:
            if client is not None:
                from .distributed import graph_on_cluster

                made = graph_on_cluster(
                    client, spool, places=places, aliases=alias_table, period=period,
                    graph_attrs=graph_attrs, **options,
                )  # fmt: skip
            else:
                made = _build(records, table=resolver.resolve(), period=period,
                              graph_attrs=graph_attrs, **options)  # fmt: skip
            return StoredGraph(made.graph, made.node_of, made.capped_windows, made.left_out)

        key = graph_key(build_key(digest.hexdigest(), build_settings), made_of.hexdigest())
        built = cached_graph(record_cache, key, make)
    finally:
        if record_cache is not None:
            record_cache.close()
    if built.capped_windows:
        diagnostics.warn(
            f"{built.capped_windows} {window} window(s) name more than {max_window_entities} "
            f"entities: co-mentions were kept among the {max_window_entities} most mentioned "
            f"of each, {built.left_out} left out (raise --max-window-entities, or 0 for "
            "no limit)",
            strictable=False,
        )
    return GraphResult(
        graph=built.graph,
        records=records,
        node_of=built.node_of,
        diagnostics=diagnostics,
        seconds=time.perf_counter() - started,
        build_inputs=digest.hexdigest(),
        build_settings=build_settings,
    )


def _key_settings(model: str, aliases: AliasTable | None, **options: Any) -> dict[str, Any]:
    """Everything besides the documents that the outputs depend on (the build key)."""
    meta = options.get("meta_fields")
    if isinstance(meta, str):
        options["meta_fields"] = meta.split(",")
    elif meta is not None:
        options["meta_fields"] = list(meta)
    return {"model": model, "aliases": aliases.fingerprint if aliases else "", **options}


#: The options of :func:`build_graph` that decide its outputs, besides the model and the
#: alias file (their fingerprints are in the key too).
_OUTPUT_OPTIONS = (
    "window", "period", "since", "until", "places", "text_field", "id_field", "date_field",
    "meta_fields", "input_format", "strict", "evidence", "beliefs", "max_window_entities",
)  # fmt: skip


def _written_as(max_nodes: int | None, graphml_direction: str) -> dict[str, Any]:
    """The options of :meth:`GraphResult.write` that change the files, for the build key
    (one place, for the build that writes the key and the rerun that checks it)."""
    return {"max_nodes": max_nodes, "graphml_direction": graphml_direction}


def input_key(
    inputs: Iterable[InputItem] | str | bytes | os.PathLike[str] = (),
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    graphml_direction: str = "data",
    **options: Any,
) -> str:
    """The build key (see :mod:`entgraph.manifest`) that :func:`build_graph` with these
    ``options`` (its keyword options, with its defaults), then ``write(max_nodes=...,
    graphml_direction=...)``, would give: the inputs are read and hashed, nothing is
    parsed and spaCy is not loaded.
    """
    try:  # build_graph's own signature: one place for the options and their defaults
        bound = inspect.signature(build_graph).bind(inputs, **options)
    except TypeError as exc:
        raise InputError(f"input_key: {exc}") from None
    bound.apply_defaults()
    given = bound.arguments
    period = check_period(given["period"])
    since, until = date_range(given["since"], given["until"])
    aliases = given["aliases"]
    alias_table = load_aliases(aliases) if isinstance(aliases, (str, os.PathLike)) else aliases
    stream, _, _ = _document_stream(
        inputs, given["texts"], Diagnostics(strict=given["strict"], quiet=True),
        since=since, until=until, text_field=given["text_field"], id_field=given["id_field"],
        date_field=given["date_field"], meta_fields=given["meta_fields"],
        input_format=given["input_format"],
    )  # fmt: skip
    digest = InputDigest()
    for _ in digest.through(stream):
        pass
    from .models import default_model_name

    values = {name: given[name] for name in _OUTPUT_OPTIONS}
    values.update(period=period, since=since, until=until)
    model = model_fingerprint(given["model"] or default_model_name())
    settings = _key_settings(model, alias_table, **values)
    return build_key(digest.hexdigest(), {**settings, **_written_as(max_nodes, graphml_direction)})


def _document_stream(
    inputs: Iterable[InputItem] | str | bytes | os.PathLike[str],
    texts: str | Iterable[str] | None,
    diagnostics: Diagnostics,
    *,
    since: str | None,
    until: str | None,
    text_field: str,
    id_field: str,
    date_field: str | None,
    meta_fields: Iterable[str] | str,
    input_format: str,
) -> tuple[Iterator[Document], list[str | os.PathLike[str]], list[Document]]:
    """The documents of a build as they are read, and the paths and given documents."""
    paths, given = _split_inputs(inputs, diagnostics)
    given += _text_documents(texts)
    if not paths and not given:
        raise InputError("no inputs given: pass paths or (id, text) pairs, or texts=[...]")

    def documents() -> Iterator[Document]:
        yield from given
        if paths:
            yield from iter_documents(
                paths,
                text_field=text_field,
                id_field=id_field,
                date_field=date_field,
                # "title,url" as on the command line, or a list of names
                meta_fields=meta_fields.split(",") if isinstance(meta_fields, str) else meta_fields,
                input_format=input_format,
                diagnostics=diagnostics,
            )

    stream = documents()
    if since is not None or until is not None:
        stream = _in_dates(stream, since, until, diagnostics)
    if paths:
        # Check every path before loading the model: bad input fails fast.
        first = next(stream, None)
        stream = _chain(first, stream)
    return stream, paths, given


def _on_progress(bar: Any) -> Any:
    if bar is None:
        return None

    def update(n: int = 1) -> None:
        if bar.desc:
            bar.set_description_str("", refresh=False)
        bar.update(n)

    return update


def _dask_executor(client: Any, settings: ExtractionSettings, text_field: str) -> Any:
    if client is None:
        return None
    from .distributed import DaskExecutor

    return DaskExecutor(client, settings, text_field)


def _skipped_note(diagnostics: Diagnostics) -> str:
    if not diagnostics.skipped:
        return ""
    return " (" + ", ".join(f"{n} {r}" for r, n in sorted(diagnostics.skipped.items())) + ")"


def _chain(first: Document | None, rest: Iterator[Document]) -> Iterator[Document]:
    if first is not None:
        yield first
    yield from rest


class _DeferredResolver:
    """A :class:`CorpusResolver` that holds the first ``hold`` documents' entities
    instead of counting them: a warm build of a few documents whose graph is in the
    cache never needs the counts. Past ``hold`` documents it counts as they come, so it
    holds no more than that; :meth:`resolve` counts what it holds, in order, first.
    """

    def __init__(self, resolver: CorpusResolver, hold: int) -> None:
        self.resolver = resolver
        self.hold = hold
        self.held: list[Iterable[LocalEntity]] | None = []

    def add(self, entities: Iterable[LocalEntity]) -> None:
        if self.held is not None and len(self.held) < self.hold:
            self.held.append(entities)
            return
        self._count_held()
        self.resolver.add(entities)

    def _count_held(self) -> None:
        for entities in self.held or ():
            self.resolver.add(entities)
        self.held = None

    def resolve(self) -> EntityTable:
        self._count_held()
        return self.resolver.resolve()
