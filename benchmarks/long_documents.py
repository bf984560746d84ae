"""Time per character of long documents, against the same text as many documents.

Usage::

    python benchmarks/long_documents.py ../shared/corpora/bbc/bbc.jsonl [--sizes 10000,100000]

Two texts are built from the corpus's articles: ordinary news (the articles joined with
blank lines) and reported speech (only the sentences and paragraphs of the articles
that quote someone or report what they said: "X said that ...", quoted paragraphs).
For each size, the first SIZE characters of a text are extracted (parse and
extraction, :func:`entgraph.pipeline.extract_partition`) and its graph is built, once
as one document and once cut at paragraph breaks into documents of about 3,000
characters. The script prints the microseconds per character of every run and the
ratio of the slowest to the fastest; the budget is 1.5 (the cost is linear in the
length of a document). Exit status 1 when over budget.

Times are CPU seconds of this process (``time.process_time``), so other work on a
shared machine skews them less. Each run (extraction and graph) is repeated until
:data:`MIN_SECONDS` have passed and the median run is reported, so one slow moment does
not decide the ratio. Before timing, the model is loaded and one small text is
extracted and made into a graph: the one-time costs of a process (loading the model,
imports and lookup tables built on first use) are paid once per run of entgraph, not
per character, and the benchmark is about how the cost grows with length.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

from entgraph.graph import build_graph
from entgraph.nlp import default_model_name
from entgraph.pipeline import ExtractionSettings, extract_partition, pipeline_for
from entgraph.records import Document, DocumentRecords

BUDGET = 1.5
PIECE = 3_000
#: Runs shorter than this are repeated (the median is kept), so that timer noise does
#: not decide the ratio.
MIN_SECONDS = 5.0
_SPEECH = re.compile(
    r"\b(said|says|told|added|according to|claimed|warned|insisted|stated)\b|[\"“”]"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def read_articles(path: Path) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if not row.get("dup_of") and row.get("text"):
                texts.append(row["text"].strip())
    return texts


def news_text(articles: list[str], size: int) -> str:
    return _fill(articles, size)


def speech_text(articles: list[str], size: int) -> str:
    """Paragraphs of reported speech only: every sentence quotes or reports someone."""
    paragraphs = []
    for article in articles:
        for paragraph in article.split("\n\n"):
            said = [s for s in _SENTENCE.split(paragraph) if _SPEECH.search(s)]
            if said:
                paragraphs.append(" ".join(said))
    return _fill(paragraphs, size)


def _fill(parts: list[str], size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:  # a corpus shorter than SIZE is repeated
        for part in parts:
            out.append(part)
            total += len(part) + 2
            if total >= size:
                break
    return "\n\n".join(out)[:size]


def as_documents(text: str) -> list[Document]:
    docs, current = [], ""
    for paragraph in text.split("\n\n"):
        current = f"{current}\n\n{paragraph}" if current else paragraph
        if len(current) >= PIECE:
            docs.append(current)
            current = ""
    if current:
        docs.append(current)
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(docs)]


def run(documents: list[Document], settings: ExtractionSettings) -> None:
    """Extraction and graph of ``documents``, as ``entgraph build`` does them."""
    results = extract_partition(documents, settings)
    records = [r for r in results if isinstance(r, DocumentRecords)]
    if len(records) != len(documents):
        raise SystemExit(f"long_documents: extraction failed: {results}")
    build_graph(records)


def timed(documents: list[Document], settings: ExtractionSettings) -> float:
    """Seconds per character of extraction plus graph: the median of runs repeated
    until MIN_SECONDS have passed (one run when it takes longer)."""
    chars = sum(len(d.text) for d in documents)
    runs: list[float] = []
    started = time.process_time()
    while not runs or time.process_time() - started < MIN_SECONDS:
        begin = time.process_time()
        run(documents, settings)
        runs.append(time.process_time() - begin)
    return statistics.median(runs) / chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="bbc.jsonl (one JSON article a line)")
    parser.add_argument("--sizes", default="10000,100000,1000000,2000000")
    parser.add_argument("--model", default=None)
    parser.add_argument("--kinds", default="news,speech")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"long_documents: no such file: {args.corpus}", file=sys.stderr)
        return 2
    articles = read_articles(args.corpus)
    sizes = [int(s) for s in args.sizes.split(",")]
    settings = ExtractionSettings(args.model or default_model_name())
    pipeline_for(settings.model)
    run([Document(id="warm", text=" ".join(articles[:3]))], settings)  # one-time costs
    worst = 0.0
    for kind in args.kinds.split(","):
        make = news_text if kind == "news" else speech_text
        per_char: list[float] = []
        for size in sizes:
            text = make(articles, size)
            one = timed([Document(id="one", text=text)], settings)
            many = timed(as_documents(text), settings)
            per_char += [one, many]
            print(
                f"{kind:6} {len(text):>9,} chars: one document {one * 1e6:6.1f} µs/char, "
                f"{len(as_documents(text)):>4} documents {many * 1e6:6.1f} µs/char",
                flush=True,
            )
        ratio = max(per_char) / min(per_char)
        worst = max(worst, ratio)
        print(f"{kind}: slowest / fastest = {ratio:.2f} (budget {BUDGET})", flush=True)
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
