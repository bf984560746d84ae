"""The driver's peak memory and wall time of warm rebuilds, from 2k to 200k documents.

Usage::

    python benchmarks/warm_scale.py [--sizes 2k,10k,50k,200k] [--work DIR]
                                    [--time-limit 600] [--rss-limit 6144] [--wall-limit 0]

For each size N the synthetic corpus of :mod:`synthetic_news` (fixed pools of names, so
the graph saturates) is written with its records already in a cache under the
fingerprint ``entgraph build`` computes, so nothing is parsed. Then, in a subprocess::

    python -m entgraph build corpus.jsonl -o out --cache cache.sqlite

is timed (wall clock, interpreter start and imports included), and its peak RSS is
read from the kernel's accounting of that one child (``os.wait4``), with its CPU time.
A run that passes ``--time-limit`` CPU seconds, ``--rss-limit`` MB or ``--wall-limit``
wall seconds is stopped and reported as such.
Every run must report all N documents "from cache"; otherwise the figures are not those
of a warm rebuild and the benchmark says so.

Each document tells one of a fixed set of stories, so nodes and edges both saturate;
the table prints the edge count beside RSS, since the driver's memory is O(nodes +
edges + evidence kept), not O(documents).

Prints a table and the ratios measured in this one run: RSS(10k)/RSS(2k) (target
<= 1.25), RSS(200k)/RSS(10k) (target: flat), and time per document at each size
(target: constant, i.e. time linear in N).

``--verify N`` instead builds N generated documents twice, from the written records
and from a real parse, and prints both graphs' shape side by side.

Generated documents are kept in ``--work`` (a store of the largest N, shared by every
size and reused by later runs of the same code), so only the first run pays for
generating them (about 2-3 ms a document).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_news import build_fingerprint, export_store, fill_store, store_path

_SUMMARY = re.compile(
    r"(?P<docs>[\d,]+) documents?(?: \((?P<cached>[\d,]+) from cache[^)]*\))?, "
    r"(?P<nodes>[\d,]+) nodes?, (?P<edges>[\d,]+) edges?"
)


@dataclass
class Run:
    """One measured ``entgraph build``."""

    n: int
    seconds: float
    peak_rss_mb: float
    #: CPU seconds (user + system) of the run: steadier than wall time on a busy machine.
    cpu: float = 0.0
    stopped: str | None = None  # why it was stopped, when it was
    documents: int = 0
    cached: int = 0
    nodes: int = 0
    edges: int = 0
    returncode: int | None = None
    stderr_tail: str = ""


def parse_size(text: str) -> int:
    """``"2k"`` -> 2000, ``"1.5m"`` -> 1500000, ``"300"`` -> 300.

    >>> [parse_size(s) for s in ("2k", "200K", "1m", "75")]
    [2000, 200000, 1000000, 75]
    """
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def measure(
    cmd: list[str], folder: Path, time_limit: float, rss_limit_mb: float, wall_limit: float = 0
) -> Run:
    """Run ``cmd`` in ``folder``; its wall time, CPU time and peak RSS.

    It is stopped past ``time_limit`` CPU seconds (on a shared machine the wall clock
    measures the other users), ``rss_limit_mb`` or ``wall_limit`` wall seconds (0: none).
    """
    import psutil

    out, err = (folder / "stdout.txt").open("wb"), (folder / "stderr.txt").open("wb")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=err)
    stopped = None
    watched = psutil.Process(proc.pid)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.perf_counter() - start
        try:
            rss = watched.memory_info().rss / 2**20
            times = watched.cpu_times()
            used = times.user + times.system
        except psutil.NoSuchProcess:
            rss = used = 0.0
        if stopped is None and used > time_limit:
            stopped = f"stopped after {used:.0f} s CPU ({elapsed:.0f} s wall)"
        elif stopped is None and rss > rss_limit_mb:
            stopped = f"stopped at {rss:.0f} MB RSS after {elapsed:.0f} s wall"
        elif stopped is None and wall_limit and elapsed > wall_limit:
            stopped = f"stopped after {elapsed:.0f} s wall ({used:.0f} s CPU)"
        if stopped is not None:
            proc.kill()
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    err.close()
    cpu = usage.ru_utime + usage.ru_stime
    run = Run(0, seconds, usage.ru_maxrss / 1024, cpu, stopped, returncode=proc.returncode)
    text = (folder / "stdout.txt").read_text(encoding="utf-8", errors="replace")
    found = _SUMMARY.search(text)
    if found:
        run.documents = int(found["docs"].replace(",", ""))
        run.cached = int((found["cached"] or "0").replace(",", ""))
        run.nodes = int(found["nodes"].replace(",", ""))
        run.edges = int(found["edges"].replace(",", ""))
    errors = (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    run.stderr_tail = "\n".join(errors.strip().splitlines()[-3:])
    return run


def warm_run(
    n: int,
    store: Path,
    work: Path,
    fingerprint: str,
    time_limit: float,
    rss_limit_mb: float,
    wall_limit: float,
) -> Run:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    export_store(store, n, folder / "corpus.jsonl", folder / "cache.sqlite", fingerprint)
    cmd = [sys.executable, "-m", "entgraph", "build", "corpus.jsonl", "-o", "out",
           "--cache", "cache.sqlite"]  # fmt: skip
    run = measure(cmd, folder, time_limit, rss_limit_mb, wall_limit)
    run.n = n
    shutil.rmtree(folder, ignore_errors=True)  # 200k documents take GBs of outputs
    return run


def help_seconds() -> float:
    """Wall time of ``entgraph --help``: the cost of starting the command."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "entgraph", "--help"], check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def report(runs: list[Run]) -> None:
    print(f"{'documents':>9} {'wall s':>8} {'CPU s':>7} {'CPU ms/doc':>10} {'peak RSS MB':>11} "
          f"{'from cache':>10} "
          f"{'nodes':>6} {'edges':>7}  note")  # fmt: skip
    for r in runs:
        note = r.stopped or ("" if r.returncode == 0 else f"exit {r.returncode}: {r.stderr_tail}")
        if not r.stopped and r.returncode == 0 and r.cached != r.n:
            note = f"NOT WARM: {r.cached} of {r.n} from cache"
        print(f"{r.n:>9,} {r.seconds:8.1f} {r.cpu:7.1f} {1000 * r.cpu / r.n:10.3f} "
              f"{r.peak_rss_mb:11.0f} "
              f"{r.cached:>10,} {r.nodes:>6,} {r.edges:>7,}  {note}")  # fmt: skip
    done = {r.n: r for r in runs if r.stopped is None and r.returncode == 0 and r.cached == r.n}

    def ratio(a: int, b: int, what: str, target: str) -> None:
        if a in done and b in done:
            value = done[a].peak_rss_mb / done[b].peak_rss_mb
            print(f"peak RSS {what}: {value:.2f}x ({target})")
        else:
            print(f"peak RSS {what}: not measured (a run is missing or was stopped)")

    ratio(10_000, 2_000, "10k / 2k", "target <= 1.25")
    ratio(200_000, 10_000, "200k / 10k", "target: flat, about 1.0")
    for n in sorted(done):
        if n > 10_000 and n != 200_000 and 10_000 in done:
            ratio(n, 10_000, f"{n // 1000}k / 10k", "target: flat, about 1.0")
    sizes = sorted(done)
    if len(sizes) >= 2:
        first, last = done[sizes[0]], done[sizes[-1]]
        for what in ("seconds", "cpu"):
            a, b = getattr(first, what), getattr(last, what)
            per_doc = (b / last.n) / (a / first.n)
            # The fixed cost (start-up, imports) is the intercept of a line through the
            # two ends; what grows with N is its slope.
            slope = (b - a) / (last.n - first.n)
            label = "wall" if what == "seconds" else "CPU"
            fit = f"{a - slope * first.n:.1f} s fixed + {1000 * slope:.3f} ms per document"
            print(f"{label} time per document, {last.n:,} / {first.n:,}: {per_doc:.2f}x; "
                  f"fit: {fit}")  # fmt: skip
        for r in (done[n] for n in sizes[1:]):
            slope = (r.cpu - first.cpu) / (r.n - first.n)
            print(f"  CPU ms per extra document, {first.n:,} -> {r.n:,}: {1000 * slope:.3f}")


def shape(out: Path) -> dict[str, int]:
    """Nodes by type, edges by relation, and rows of the tables of one output folder."""
    import json
    from collections import Counter

    import networkx as nx

    graph = nx.read_graphml(out / "graph.graphml")
    figures: Counter[str] = Counter()
    figures.update(f"nodes {a.get('type')}" for _, a in graph.nodes(data=True))
    figures.update(f"edges {a.get('relation')}" for *_, a in graph.edges(data=True))
    for name in ("mentions", "quotes"):
        with (out / f"{name}.jsonl").open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        figures[f"{name} rows"] = len(rows)
        if name == "quotes":
            figures["quotes with a speaker node"] = sum(1 for r in rows if r.get("speaker_id"))
    return dict(figures)


def verify(n: int, work: Path) -> None:
    """Compare the graph of ``n`` generated documents from their written records with the
    graph of a real, cold parse of the same corpus."""
    from synthetic_news import write_corpus

    folder = work / f"verify-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    write_corpus(n, folder / "corpus.jsonl", cache=folder / "written.sqlite")
    build = [sys.executable, "-m", "entgraph", "build", "corpus.jsonl", "-o"]
    runs = {
        "written": measure([*build, "warm", "--cache", "written.sqlite"], folder, 1e9, 1e9),
        "parsed": measure([*build, "cold", "--cache", "parsed.sqlite"], folder, 1e9, 1e9),
    }
    shapes = {"written": shape(folder / "warm"), "parsed": shape(folder / "cold")}
    for name, run in runs.items():
        print(f"{name}: {run.documents} documents, {run.cached} from cache, "
              f"{run.seconds:.1f} s wall, {run.cpu:.1f} s CPU")  # fmt: skip
    print(f"{'':28} {'written':>8} {'parsed':>8}")
    for key in sorted(set(shapes["written"]) | set(shapes["parsed"])):
        print(f"{key:28} {shapes['written'].get(key, 0):8} {shapes['parsed'].get(key, 0):8}")
    shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2k,10k,50k,200k", help="comma-separated sizes")
    parser.add_argument(
        "--work", type=Path, default=None, help="folder of the document store and runs"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=600.0, help="CPU seconds per run")
    parser.add_argument("--wall-limit", type=float, default=0.0, help="wall seconds (0: none)")
    parser.add_argument("--rss-limit", type=float, default=6144.0, help="MB per run")
    parser.add_argument(
        "--verify", type=int, default=None, metavar="N",
        help="instead: compare N written documents' graph with a real parse's, and stop",
    )  # fmt: skip
    args = parser.parse_args()
    if args.verify:
        verify(args.verify, args.work or Path(tempfile.mkdtemp(prefix="entgraph-verify-")))
        return 0
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="entgraph-warm-"))
    work.mkdir(parents=True, exist_ok=True)
    store = store_path(work, args.seed)
    generated = fill_store(store, max(sizes), args.seed)
    fingerprint = build_fingerprint()
    import entgraph

    print(f"entgraph {entgraph.__version__} from {Path(entgraph.__file__).parent}; store "
          f"{store} ({generated:.0f} s generating); cache fingerprint {fingerprint}")  # fmt: skip
    print(f"entgraph --help: {help_seconds():.2f} s wall")
    runs = []
    for n in sizes:
        run = warm_run(
            n, store, work, fingerprint, args.time_limit, args.rss_limit, args.wall_limit
        )
        runs.append(run)
        print(f"  {n:,}: {run.seconds:.1f} s wall, {run.cpu:.1f} s CPU, {run.peak_rss_mb:.0f} MB, "
              f"{run.cached:,} from cache"
              f"{', ' + run.stopped if run.stopped else ''}", flush=True)  # fmt: skip
    report(runs)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
