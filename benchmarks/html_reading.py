"""What reading HTML costs next to spaCy: article extraction vs parsing, same pages.

Reads every ``*.html`` page of PAGES_DIR the way ``entgraph build`` does (decoding,
trafilatura, credit filter, metadata), then parses the resulting article texts with
the spaCy pipeline and runs entgraph's extraction on them. Prints the time of each
and the ratio reading / spaCy (the target is under 20%). Times are CPU seconds of this
process (wall time is noisy on a shared machine). After one warm-up run (imports, model
load), ``--repeat`` rounds each run the three stages one after the other, so that a
busy spell of the machine slows all three alike; the medians over the rounds are
printed, and the ratio is the median of the rounds' ratios.

    python benchmarks/html_reading.py ../shared/corpora/html-news [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from entgraph.diagnostics import Diagnostics
from entgraph.nlp import default_model_name
from entgraph.pipeline import ExtractionSettings, extract_partition, pipeline_for
from entgraph.sources import iter_documents


def _cpu(run: Callable[[], object]) -> float:
    # CPU time of this process: the machine may be shared, wall time is noisy.
    started = time.process_time()
    run()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    docs = list(iter_documents(pages, diagnostics=Diagnostics()))
    chars = sum(len(d.text) for d in docs)
    settings = ExtractionSettings(model=default_model_name())
    nlp = pipeline_for(settings.model)
    texts = [d.text for d in docs]

    stages: dict[str, Callable[[], object]] = {
        "read": lambda: list(iter_documents(pages, diagnostics=Diagnostics())),
        "parse": lambda: list(nlp.pipe(texts)),
        "extract": lambda: extract_partition(docs, settings, nlp),
    }
    for run in stages.values():  # warm-up: imports, caches
        run()
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(args.repeat):
        for name, run in stages.items():
            times[name].append(_cpu(run))
    read, parse, extract = (statistics.median(times[name]) for name in stages)
    ratios = [r / p for r, p in zip(times["read"], times["parse"], strict=True)]
    ratios_x = [r / e for r, e in zip(times["read"], times["extract"], strict=True)]
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB of HTML -> {chars:,} characters of text")
    print(f"medians of {args.repeat} rounds, CPU seconds:")
    print(f"reading HTML (decode + trafilatura + filter): {read:6.2f} s")
    print(f"spaCy parse (nlp.pipe) of the article texts: {parse:6.2f} s")
    print(f"entgraph extraction (parse + records):        {extract:6.2f} s")
    print(
        f"reading / spaCy parse: {statistics.median(ratios):.1%} "
        f"(rounds {min(ratios):.1%}-{max(ratios):.1%}); "
        f"reading / extraction: {statistics.median(ratios_x):.1%}"
    )


if __name__ == "__main__":
    main()
