"""``--dask local:2`` against ``--jobs 2``: the overhead of the cluster path.

Usage::

    python benchmarks/dask_benchmark.py ../shared/corpora/bbc/bbc.jsonl [--articles 500]

Runs ``entgraph build`` twice on the corpus, without cache: once with two local worker
processes, once on a two-worker Dask LocalCluster (started and stopped by the command,
so its start-up is counted). Prints both wall times, their ratio, and whether the two
GraphML files are identical. ``--articles N``: only the first N lines of a JSONL corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_build(corpus: Path, out: Path, *extra: str) -> float:
    cmd = [sys.executable, "-m", "entgraph", "build", str(corpus), "-o", str(out), "-q",
           "--no-cache", *extra]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus entgraph can read")
    parser.add_argument("--articles", type=int, default=None, help="the first N JSONL lines")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="entgraph-dask-"))
    if args.articles:
        from scale_benchmark import first_articles

        args.corpus = first_articles(args.corpus, args.articles, work)
    jobs = timed_build(args.corpus, work / "jobs", "--jobs", "2")
    dask = timed_build(args.corpus, work / "dask", "--dask", "local:2")
    same = (work / "jobs" / "graph.graphml").read_bytes() == (
        work / "dask" / "graph.graphml"
    ).read_bytes()
    print(f"--jobs 2: {jobs:.1f} s; --dask local:2: {dask:.1f} s; "
          f"ratio {dask / jobs:.2f} (target <= 1.2); identical GraphML: {same}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
