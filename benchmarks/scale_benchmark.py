"""entgraph's full build against bare spaCy, on a real corpus, in one run.

Usage::

    python benchmarks/scale_benchmark.py ../shared/corpora/bbc/bbc.jsonl [--articles 500]
                                         [--rss-limit 500] [--repeat 3]

``--articles N`` runs every phase on the first N articles (default: all). Phases, each
in its own process so time and peak memory are its own:

1. ``bare``: ``nlp.pipe`` over every text with the model's default components (what a
   user of spaCy runs), consuming the Docs;
2. ``cold``: entgraph's full build in one process (entities, quotes, affiliations,
   graph) and every output file, with a fresh cache;
3. ``warm``: the same command again on the unchanged corpus (the cache is warm);
4. ``jobs2``: the cold build with ``--jobs 2``;
5. ``small``: the cold build on the first ``--rss-limit`` articles, for peak memory
   (skipped when that is the whole corpus).

Prints documents/s, words/s, the time ratios and peak RSS of each phase, and whether the
warm run wrote a byte-identical GraphML file. ``seconds`` is the phase's own work, timed
inside its process (the model's loading included, the interpreter's start and imports
not); ``process s`` is the wall time of the whole process, as a user of the command
waits for it; ``CPU s`` is the CPU time of the work, worker processes included (steadier
than wall time on a busy machine), and ``process CPU`` that of the whole process.
The targets are those of issue 18. ``--repeat N`` runs N rounds of bare, cold and
``--jobs 2`` back to back and prints the median of the rounds' ratios: on a shared
machine the speed drifts by a quarter between phases minutes apart, and a ratio of two
phases run side by side is steadier than either time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children, user and system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # worker processes add to the total


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if limit and len(texts) >= limit:
                    break
    return texts


def phase_bare(path: Path, limit: int | None) -> dict[str, float]:
    import spacy

    from entgraph.nlp import default_model_name

    texts = read_texts(path, limit)
    nlp = spacy.load(default_model_name())
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu}


def phase_build(path: Path, limit: int | None, out: Path, jobs: int) -> dict[str, float]:
    import entgraph

    if limit:
        subset = out.parent / f"subset-{limit}.jsonl"
        with path.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if n >= limit:
                    break
                dst.write(line)
        path = subset
    start, cpu = time.perf_counter(), cpu_seconds()
    result = entgraph.build_graph([path], jobs=jobs, cache=out / "entgraph-cache.sqlite")
    result.write(out)
    return {
        "seconds": time.perf_counter() - start,
        "cpu": cpu_seconds() - cpu,
        "nodes": result.graph.number_of_nodes(),
        "edges": result.graph.number_of_edges(),
        "cached": result.diagnostics.cached,
    }


def run_phase(args: list[str]) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", *args]
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    figures["process"] = time.perf_counter() - start
    figures["process_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures


def _median(ratios: list[float]) -> str:
    """ "0.91x", or with several rounds "0.91x (median of 0.89x, 0.91x, 0.95x)"."""
    middle = f"{statistics.median(ratios):.2f}x"
    if len(ratios) == 1:
        return middle
    return f"{middle} (median of {', '.join(f'{r:.2f}x' for r in ratios)})"


def first_articles(path: Path, n: int, folder: Path) -> Path:
    """The first ``n`` lines of the JSONL file ``path``, as a file in ``folder``."""
    subset = folder / f"first-{n}.jsonl"
    with path.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return subset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL corpus with a 'text' field")
    parser.add_argument("--articles", type=int, default=None, help="use the first N articles")
    parser.add_argument("--rss-limit", type=int, default=500, help="articles in the small run")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of bare, cold and --jobs 2, back to back; the ratios are the medians "
        "of the rounds' (a shared machine's speed drifts between phases minutes apart)",
    )
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "bare":
        figures = phase_bare(args.corpus, args.limit)
    elif args.phase == "build":
        figures = phase_build(args.corpus, args.limit, args.out, args.jobs)
    if args.phase:
        figures["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(figures))
        return 0

    work = Path(tempfile.mkdtemp(prefix="entgraph-bench-"))
    source = args.corpus
    if args.articles:
        source = first_articles(args.corpus, args.articles, work)
    texts = read_texts(source, None)
    docs, words = len(texts), sum(len(t.split()) for t in texts)
    corpus = str(source)
    results = {"bare": run_phase(["bare", corpus])}
    results["cold"] = run_phase(["build", corpus, "--out", str(work / "one")])
    cold_graphml = (work / "one" / "graph.graphml").read_bytes()
    results["warm"] = run_phase(["build", corpus, "--out", str(work / "one")])
    warm_same = (work / "one" / "graph.graphml").read_bytes() == cold_graphml
    results["jobs2"] = run_phase(["build", corpus, "--out", str(work / "two"), "--jobs", "2"])
    jobs_same = (work / "two" / "graph.graphml").read_bytes() == cold_graphml
    rounds = [results]
    for n in range(1, args.repeat):
        again = {"bare": run_phase(["bare", corpus])}
        again["cold"] = run_phase(["build", corpus, "--out", str(work / f"one{n}")])
        again["jobs2"] = run_phase(["build", corpus, "--out", str(work / f"two{n}"), "--jobs", "2"])
        rounds.append(again)
    if args.rss_limit < docs:
        results["small"] = run_phase(
            ["build", corpus, "--out", str(work / "small"), "--limit", str(args.rss_limit)]
        )
    print(f"corpus: {source} — {docs} documents, {words:,} words")
    print(f"{'phase':8} {'seconds':>8} {'process s':>9} {'CPU s':>7} {'process CPU':>11} "
          f"{'docs/s':>8} {'words/s':>9} {'peak RSS MB':>12}")  # fmt: skip
    for name, r in results.items():
        n = args.rss_limit if name == "small" else docs
        w = words * n / docs
        rate = f"{n / r['seconds']:8.1f} {w / r['seconds']:9.0f}"
        print(f"{name:8} {r['seconds']:8.1f} {r['process']:9.1f} {r['cpu']:7.1f} "
              f"{r['process_cpu']:11.1f} {rate} "
              f"{r['peak_rss_mb']:12.0f}")  # fmt: skip
    cold, warm = results["cold"]["seconds"], results["warm"]["seconds"]
    wall = [r["cold"]["seconds"] / r["bare"]["seconds"] for r in rounds]
    cpu = [r["cold"]["cpu"] / r["bare"]["cpu"] for r in rounds]
    jobs = [r["cold"]["seconds"] / r["jobs2"]["seconds"] for r in rounds]
    print(
        f"full build / bare nlp.pipe (one process): {_median(wall)} wall, "
        f"{_median(cpu)} CPU (target <= 0.9)"
    )
    print(f"--jobs 2 speed-up over --jobs 1: {_median(jobs)} (target >= 1.7)")
    if "small" in results:
        print(
            f"peak RSS, all / first {args.rss_limit}: "
            f"{results['cold']['peak_rss_mb'] / results['small']['peak_rss_mb']:.2f}x "
            "(target <= 1.3)"
        )
    process = {k: results[k]["process"] for k in ("cold", "warm")}
    process_cpu = {k: results[k]["process_cpu"] for k in ("cold", "warm")}
    print(f"warm rerun speed-up: {cold / warm:.1f}x in-process, "
          f"{process['cold'] / process['warm']:.1f}x whole process, "
          f"{process_cpu['cold'] / process_cpu['warm']:.1f}x whole-process CPU (target >= 30); "
          f"cached documents: {results['warm']['cached']:.0f}; "
          f"GraphML identical to the cold run: {warm_same}")  # fmt: skip
    print(f"--jobs 2 GraphML identical to --jobs 1: {jobs_same}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
