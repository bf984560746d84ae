"""Run extraction over a corpus: text -> Doc -> records, streamed, parallel, cached.

- :func:`extract_partition` is the one pure function from a list of documents to their
  records. Every execution path uses it: in-process, ``--jobs N`` worker processes, and
  any external scheduler. The model is loaded once per process and each partition runs
  inside ``nlp.memory_zone()``, so memory stays flat however long the run.
- :func:`run_extraction` streams documents through it in windows: documents already in
  the cache, and copies of a document seen earlier, are never sent to the model.
- Documents longer than :data:`MAX_PIECE_CHARS` are parsed in pieces cut at paragraph
  breaks, batched with the other texts of the partition, and joined back into one
  ``Doc``, so offsets are those of the whole text and a long document costs per
  character what the same text as many short documents costs.

One document that fails is reported and skipped; the rest of the corpus is kept.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .cache import (
    EXTRACTION_VERSION,
    RecordCache,
    content_hash,
    records_from_payload,
    records_to_payload,
)
from .diagnostics import Diagnostics
from .fingerprint import code_fingerprint
from .forking import can_fork
from .parser_text import as_written, parser_text
from .records import Document, DocumentRecords, positional_builder
from .resolve.aliases import AliasTable

if TYPE_CHECKING:  # spaCy is imported only when a document has to be parsed
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "MAX_PIECE_CHARS",
    "Extracted",
    "ExtractionSettings",
    "Failure",
    "extract_partition",
    "iter_extraction",
    "run_extraction",
    "split_text",
]

#: Longest text given to the parser at once. A longer document is cut into pieces of at
#: most this size and they are parsed in batches, like short documents: spaCy's parser
#: and entity recognizer step through the texts of a batch together, one transition at
#: a time, so one long text parsed alone (a batch of one) costs about 1.3x per
#: character what the same text in pieces costs (measured: one 100,000-character text
#: 38 µs/char, its 3,000-character pieces in batches of 32 about 31). Pieces this size
#: also bound the memory of a batch (the parser needs about 1 GB per 100,000
#: characters) and change no short document: most news articles are shorter.
MAX_PIECE_CHARS = 5_000
#: Documents looked up and dispatched together; bounds memory, keeps workers busy.
WINDOW = 2048


@dataclass(frozen=True)
class ExtractionSettings:
    """Everything that changes what extraction produces (and so the cache key)."""

    model: str
    aliases: AliasTable | None = None
    batch_size: int = 32

    def fingerprint(self, model_version: str = "") -> str:
        """A short hash of the settings and the extraction code, for cache keys.

        ``model_version``: what identifies the model as installed (see
        :func:`entgraph.fingerprint.model_fingerprint`).

        >>> ExtractionSettings("m").fingerprint() == ExtractionSettings("m").fingerprint()
        True
        """
        parts = [
            EXTRACTION_VERSION,
            code_fingerprint(),
            self.model,
            model_version,
            self.aliases.fingerprint if self.aliases else "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Failure:
    """A document whose extraction failed, and why."""

    document_id: str
    source: str
    message: str


class Executor(Protocol):
    """Runs partitions elsewhere; yields ``(partition index, outcomes)`` as they finish."""

    def run(self, chunks: list[list[Document]]) -> Iterator[tuple[int, list[Any]]]: ...


_PIPELINES: dict[str, Language] = {}


def pipeline_for(model: str) -> Language:
    """The pipeline for ``model``, loaded once per process."""
    if model not in _PIPELINES:
        from .nlp import load_pipeline

        _PIPELINES[model] = load_pipeline(model)
    return _PIPELINES[model]


# Where a piece may end, best first. A sentence end after a word of three lower-case
# letters or digits, before a capital, is rarely an abbreviation ("Mr.", "Dr.", "U.S.").
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"),
           re.compile(r"(?<=[a-z0-9]{3}[.!?])\s+(?=[\"“]?[A-Z])"),
           re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))  # fmt: skip


def split_text(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back exactly.

    Cuts fall after a blank line if possible, else after a line break, a sentence end,
    or any whitespace; only a text with no whitespace at all is cut mid-word. Each cut
    is the last one that fits, so a text costs one pass whatever its length.

    >>> split_text("aaa\\n\\nbbb\\nccc", limit=6)
    ['aaa\\n\\n', 'bbb\\n', 'ccc']
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > 0:
                cut = ends[-1]
                break
        if cut == 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _join(pieces: list[Doc]) -> Doc:
    if len(pieces) == 1:
        return pieces[0]
    from spacy.tokens import Doc

    # The parser never links across pieces, and a piece starts after a line break,
    # where a sentence starts anyway. Token vectors are not read by extraction (copying
    # them would hold a second 400-byte-per-token array); spaCy's stub lacks `exclude`.
    return Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def _parse(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc]:
    """One ``Doc`` per text: every text cut into pieces of at most
    :data:`MAX_PIECE_CHARS`, the pieces of all texts parsed in batches, then joined."""
    pieces = [
        (piece, n) for n, text in enumerate(texts) for piece in split_text(text, MAX_PIECE_CHARS)
    ]
    parsed: list[list[Doc]] = [[] for _ in texts]
    for doc, n in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        parsed[n].append(doc)
    return [_join(p) for p in parsed]


def extract_partition(
    documents: Sequence[Document],
    settings: ExtractionSettings,
    nlp: Language | None = None,
) -> list[DocumentRecords | Failure]:
    """Parse and extract ``documents``; one result per document, in order.

    Pure in the sense that matters for scheduling: the output depends only on the
    documents and the settings. The pipeline is loaded once per process (or ``nlp``
    is used), and all spaCy objects are freed when the partition is done.
    """
    from .extract import extract_document
    from .extract.mentions import alias_matcher

    nlp = nlp if nlp is not None else pipeline_for(settings.model)
    if settings.aliases:
        # Built (once) before the zone, whose strings are freed when it ends.
        alias_matcher(settings.aliases, nlp.vocab, nlp.lang)
    results: list[DocumentRecords | Failure] = []
    with nlp.memory_zone():
        # The parser reads a copy with control characters, odd line breaks and runs of
        # symbols replaced (same length, so every offset still points into d.text).
        texts = [parser_text(d.text) for d in documents]
        parsed: list[Doc | None]
        try:
            parsed = list(_parse(nlp, texts, settings.batch_size))
        except Exception:  # a batch failed: parse one by one to find the culprit
            parsed = [None] * len(documents)
        for document, text, doc in zip(documents, texts, parsed, strict=True):
            try:
                if doc is None:
                    doc = _parse(nlp, [text], settings.batch_size)[0]
                records = extract_document(doc, document, aliases=settings.aliases)
                results.append(as_written(records, doc.text))
            except Exception as exc:  # one bad document must not lose the corpus
                message = f"{type(exc).__name__}: {exc}"
                results.append(Failure(document.id, document.source or document.id, message))
    return results


# --- worker processes -------------------------------------------------------------------

_WORKER_SETTINGS: ExtractionSettings | None = None
#: The pipeline a forked worker inherits from the parent (None in a spawned worker).
_WORKER_NLP: Language | None = None


def _start_method() -> str:
    """``"fork"`` where that is safe (see :func:`entgraph.forking.can_fork`), else
    ``"spawn"``. A forked worker starts with the parent's loaded pipeline: importing
    spaCy and loading the model cost each spawned worker about 2 s of CPU, on the
    cores that should be parsing, and a forked one nothing (the parent loads it once,
    as one process would). A notebook kernel, which runs threads, spawns them."""
    return "fork" if can_fork() else "spawn"


def _init_worker(settings: ExtractionSettings) -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (and stops the
    # pool), so workers print no tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the parent's handlers; the pool stops it with SIGTERM,
    # which must end it quietly, not raise the CLI's exception in it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    if _WORKER_NLP is None:
        pipeline_for(settings.model)  # load once, before the first task


def serialized(outcomes: Iterable[DocumentRecords | Failure]) -> list[bytes | Failure]:
    """A partition's outcomes as a worker (a process of ``--jobs`` or of Dask) sends
    them back: records serialized as the cache stores them. The parent stores those
    bytes as they are and decodes them with the cache's fast constructors, where
    unpickling records (a ``setattr`` per field) and serializing them again took the
    parent's CPU from the workers."""
    return [r if isinstance(r, Failure) else records_to_payload(r) for r in outcomes]


def _work(task: tuple[int, list[Document]]) -> tuple[int, list[bytes | Failure]]:
    assert _WORKER_SETTINGS is not None
    n, documents = task
    return n, serialized(extract_partition(documents, _WORKER_SETTINGS, _WORKER_NLP))


def _windows(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    window: list[Document] = []
    for document in documents:
        window.append(document)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def balanced_chunks(sizes: Sequence[int], most: int, workers: int) -> list[list[int]]:
    """Indices of items of ``sizes`` (their cost, e.g. characters) cut into chunks for
    ``workers`` processes: longest first, at most ``most`` items a chunk, and smaller
    chunks towards the end, so that no worker is left with a long last chunk while the
    others wait (guided self-scheduling: each chunk takes at most an even share of
    what is left among twice the workers). Every index is in exactly one chunk.

    >>> balanced_chunks([1, 9, 5, 7, 3], most=2, workers=1)
    [[1, 3], [2, 4], [0]]
    """
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    chunks: list[list[int]] = []
    start = 0
    while start < len(order):
        share = -(-(len(order) - start) // (2 * workers))  # ceiling
        end = start + max(1, min(most, share))
        chunks.append(order[start:end])
        start = end
    return chunks


def resolve_jobs(jobs: int) -> int:
    """``jobs`` worker processes; 0 or -1 mean one per core, -2 all cores but one, ...
    (as ``n_jobs`` in joblib and ``n_process`` in spaCy); never fewer than one.

    >>> resolve_jobs(3)
    3
    """
    cores = os.cpu_count() or 1
    if jobs <= 0:
        return max(1, cores + 1 + jobs) if jobs < 0 else cores
    return jobs


class _Run:
    """State of one extraction run: pool, cache, and how to find texts done earlier."""

    def __init__(
        self,
        settings: ExtractionSettings,
        nlp: Language | None,
        jobs: int,
        cache: RecordCache | None,
        diagnostics: Diagnostics,
        on_progress: Callable[[int], Any] | None,
        executor: Executor | None = None,
        earlier: Callable[[str], DocumentRecords | None] | None = None,
    ) -> None:
        self.settings = settings
        self.executor = executor
        self.nlp = nlp
        self.jobs = jobs
        self.cache = cache
        self.diagnostics = diagnostics
        self.on_progress = on_progress or (lambda n: None)
        self.pool: Any = None
        # The records of a text finished earlier in this run, for its later copies: by
        # default kept here; a caller that stores the records itself (the build's spool)
        # looks them up there, so this run holds no more than a window.
        if earlier is None:
            done: dict[str, DocumentRecords] = {}
            self.earlier: Callable[[str], DocumentRecords | None] = done.get
            self.remember: Callable[[str, DocumentRecords], Any] = done.setdefault
        else:
            self.earlier = earlier
            self.remember = lambda digest, records: None

    def _dispatch(self, chunks: list[list[Document]]) -> Iterator[tuple[int, list[Any]]]:
        if self.executor is not None:
            yield from self.executor.run(chunks)
            return
        if self.jobs == 1 or len(chunks) == 1:
            for n, chunk in enumerate(chunks):
                yield n, extract_partition(chunk, self.settings, self.nlp)
            return
        if self.pool is None:
            method = _start_method()
            global _WORKER_NLP
            # Forked workers parse with this process's pipeline (the one given, or the
            # model loaded here once); spawned ones load the model by name.
            _WORKER_NLP = None
            if method == "fork":
                _WORKER_NLP = self.nlp or pipeline_for(self.settings.model)
            context = multiprocessing.get_context(method)
            self.pool = context.Pool(self.jobs, initializer=_init_worker,
                                     initargs=(self.settings,))  # fmt: skip
        yield from self.pool.imap_unordered(_work, list(enumerate(chunks)))

    def window(self, window: list[Document]) -> list[Extracted]:
        diagnostics = self.diagnostics
        hashes: list[str | None] = [
            content_hash(d.text) if d.text.strip() else None for d in window
        ]
        for _ in range(hashes.count(None)):
            diagnostics.skip("empty")
        wanted = [h for h in hashes if h]
        payloads = self.cache.get_payloads(wanted) if self.cache is not None else {}
        todo: dict[str, Document] = {}
        # Records of this window's texts: from the cache, from earlier in the run, or new.
        found: dict[str, DocumentRecords] = {}
        for document, digest in zip(window, hashes, strict=True):
            if digest is None:
                continue
            if digest in payloads:
                diagnostics.cached += 1
                if digest not in found:
                    found[digest] = records_from_payload(payloads[digest], "", "")
            elif digest in todo or digest in found:
                diagnostics.duplicates += 1
            elif (records := self.earlier(digest)) is not None:
                diagnostics.duplicates += 1
                found[digest] = records
            else:
                todo[digest] = document
        self.on_progress(len(window) - len(todo))
        items = list(todo.items())
        size = self.settings.batch_size
        if self.executor is None and self.jobs > 1 and len(items) > size:
            # Worker processes take the chunks as they come free: balanced chunks keep
            # all busy to the end. One process takes them in order, as read, and so
            # does a window of one chunk (parsed here: no workers are started for it).
            lengths = [len(document.text) for _, document in items]
            chunks = [[items[i] for i in c] for c in balanced_chunks(lengths, size, self.jobs)]
        else:
            chunks = [items[i : i + size] for i in range(0, len(items), size)]
        for n, outcomes in self._dispatch([[d for _, d in chunk] for chunk in chunks]):
            finished: dict[str, bytes] = {}
            for (digest, _), outcome in zip(chunks[n], outcomes, strict=True):
                if isinstance(outcome, Failure):
                    diagnostics.warn(
                        f"{outcome.source}: extraction failed ({outcome.message}); skipped",
                        strictable=False,
                    )
                    diagnostics.skip("failed")
                else:
                    if isinstance(outcome, bytes):  # from a worker (see serialized)
                        finished[digest] = outcome
                        outcome = records_from_payload(outcome, "", "")
                    else:
                        finished[digest] = records_to_payload(outcome)
                    found[digest] = outcome
                    self.remember(digest, outcome)
            if self.cache is not None:
                self.cache.put_payloads(finished)  # committed now: a killed run keeps it
            payloads.update(finished)
            self.on_progress(len(chunks[n]))
        results = []
        for document, digest in zip(window, hashes, strict=True):
            records = found.get(digest) if digest else None
            if records is not None:
                assert digest is not None
                results.append(Extracted(_of(document, records), digest, payloads.get(digest)))
        return results

    def close(self) -> None:
        global _WORKER_NLP
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            _WORKER_NLP = None


_DOCUMENT_RECORDS = positional_builder(DocumentRecords)


def _of(document: Document, records: DocumentRecords) -> DocumentRecords:
    """``records`` (cached, or of a copy of the text) as those of ``document``: its id,
    text, date, metadata and source. ``dataclasses.replace`` without its per-field
    overhead: a warm build does this for every document."""
    r = records
    return _DOCUMENT_RECORDS(document.id, document.text, r.sentences, r.mentions, r.quotes,
                             r.affiliations, r.entities, r.skipped, document.date,
                             document.metadata, document.source)  # fmt: skip


@dataclass(frozen=True)
class Extracted:
    """One document's records as extraction hands them on, with its text's hash and
    the records serialized (as cached), when they were."""

    records: DocumentRecords
    digest: str
    payload: bytes | None = None


def iter_extraction(
    documents: Iterable[Document],
    settings: ExtractionSettings,
    *,
    nlp: Language | None = None,
    jobs: int = 1,
    cache: RecordCache | None = None,
    diagnostics: Diagnostics | None = None,
    on_progress: Callable[[int], Any] | None = None,
    executor: Executor | None = None,
    earlier: Callable[[str], DocumentRecords | None] | None = None,
) -> Iterator[Extracted]:
    """The records of every usable document, in input order, as they are done.

    Documents are read and processed a window (:data:`WINDOW`) at a time, so no more
    than a window of records is held here. Empty documents are counted in
    ``diagnostics.skipped``; documents whose text was already extracted (in the cache,
    or earlier in this run) are not parsed again and are counted in
    ``diagnostics.cached`` and ``diagnostics.duplicates``. ``earlier`` finds the records
    of a text finished earlier in this run (by content hash) for a caller that keeps
    them; by default they are kept in memory. With an ``executor`` (e.g.
    :class:`entgraph.distributed.DaskExecutor`) partitions run there instead of in
    local processes; everything else is the same.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    run = _Run(
        settings, nlp, resolve_jobs(jobs), cache, diagnostics, on_progress, executor, earlier
    )
    try:
        for window in _windows(documents, WINDOW):
            yield from run.window(window)
    finally:
        run.close()
    if diagnostics.duplicates:
        diagnostics.note(
            f"{diagnostics.duplicates} document(s) repeat the text of another; "
            "each text was processed once"
        )


def run_extraction(
    documents: Iterable[Document], settings: ExtractionSettings, **options: Any
) -> list[DocumentRecords]:
    """Records of every usable document, in input order, as a list (see
    :func:`iter_extraction`, which takes the same options)."""
    return [item.records for item in iter_extraction(documents, settings, **options)]
