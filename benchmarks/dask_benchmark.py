"""``--dask local:2`` against ``--jobs 2``: the overhead of the cluster path.

Usage::

    python benchmarks/dask_benchmark.py ../shared/corpora/bbc/bbc.jsonl [--articles 500]

Runs ``entgraph build`` twice on the corpus, without cache: once with two local worker
processes, once on a two-worker Dask LocalCluster (started and stopped by the command,
so its start-up is counted). Prints both wall times, their ratio, and whether the two
GraphML files are identical; CPU times count the worker processes the command waited
for (Dask's LocalCluster workers included). ``--articles N``: only the first N lines
of a JSONL corpus.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds of one build; the CPU time of its workers is included."""
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(out), "-q",
           "--no-cache", *extra]  # fmt: skip
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start, children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus entgraph can read")
    parser.add_argument("--articles", type=int, default=None, help="the first N JSONL lines")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="entgraph-dask-"))
    if args.articles:
        from scale_benchmark import first_articles

        args.corpus = first_articles(args.corpus, args.articles, work)
    jobs, jobs_cpu = timed_build(args.corpus, work / "jobs", "--jobs", "2")
    dask, dask_cpu = timed_build(args.corpus, work / "dask", "--dask", "local:2")
    same = (work / "jobs" / "graph.graphml").read_bytes() == (
        work / "dask" / "graph.graphml"
    ).read_bytes()
    print(f"--jobs 2: {jobs:.1f} s wall, {jobs_cpu:.1f} s CPU; --dask local:2: {dask:.1f} s "
          f"wall, {dask_cpu:.1f} s CPU; ratio {dask / jobs:.2f} wall, {dask_cpu / jobs_cpu:.2f} "
          f"CPU (target <= 1.2); identical GraphML: {same}", flush=True)  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
