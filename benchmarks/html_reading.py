"""What reading HTML costs next to spaCy: article extraction vs parsing, same pages.

Reads every ``*.html`` page of PAGES_DIR the way ``entgraph build`` does (decoding,
trafilatura, credit filter, metadata), then parses the resulting article texts with
the spaCy pipeline and runs entgraph's extraction on them. Prints the time of each
and the ratio reading / spaCy (the target is under 20%). Each stage runs ``--repeat``
times after one warm-up run (imports, model load); the fastest run counts, in CPU
seconds of this process (wall time is noisy on a shared machine).

    python benchmarks/html_reading.py ../shared/corpora/html-news [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from entgraph.diagnostics import Diagnostics
from entgraph.nlp import default_model_name
from entgraph.pipeline import ExtractionSettings, extract_partition, pipeline_for
from entgraph.sources import iter_documents


def _best(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    run()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        # CPU time of this process: the machine may be shared, wall time is noisy.
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    docs = list(iter_documents(pages, diagnostics=Diagnostics()))
    chars = sum(len(d.text) for d in docs)
    settings = ExtractionSettings(model=default_model_name())
    nlp = pipeline_for(settings.model)
    texts = [d.text for d in docs]

    read = _best(args.repeat, lambda: list(iter_documents(pages, diagnostics=Diagnostics())))
    parse = _best(args.repeat, lambda: list(nlp.pipe(texts)))
    extract = _best(args.repeat, lambda: extract_partition(docs, settings, nlp))
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB of HTML -> {chars:,} characters of text")
    print(f"reading HTML (decode + trafilatura + filter): {read:6.2f} s")
    print(f"spaCy parse (nlp.pipe) of the article texts: {parse:6.2f} s")
    print(f"entgraph extraction (parse + records):        {extract:6.2f} s")
    print(f"reading / spaCy parse: {read / parse:.0%}; reading / extraction: {read / extract:.0%}")


if __name__ == "__main__":
    main()
