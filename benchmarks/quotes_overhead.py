"""How much quote extraction adds to running the spaCy pipeline.

Usage::

    python benchmarks/quotes_overhead.py ../shared/corpora/bbc/bbc.jsonl [--limit N] [--model NAME]

Parses the articles once with ``nlp.pipe`` (timed), then runs
:func:`entgraph.extract.quotes.extract_quotes` over the parsed docs (timed, with the
sentences and mentions it needs computed beforehand and not counted). Prints both times
and the overhead as a share of the pipeline time; the budget is 15%. Duplicated
articles (``dup_of`` set) are skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from entgraph.extract.mentions import extract_mentions
from entgraph.extract.quotes import extract_quotes
from entgraph.extract.sentences import SentenceIndex, split_sentences
from entgraph.nlp import load_pipeline

BUDGET = 0.15


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if not row.get("dup_of"):
                texts.append(row["text"])
    return texts[:limit] if limit else texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="bbc.jsonl (one JSON article a line)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"quotes_overhead: no such file: {args.corpus}", file=sys.stderr)
        return 2
    texts = read_texts(args.corpus, args.limit)
    nlp = load_pipeline(args.model)
    nlp("warm up")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_seconds = time.perf_counter() - started
    inputs = []
    for doc in docs:
        index = SentenceIndex(split_sentences(doc))
        inputs.append((doc, index, extract_mentions(doc, index)[0]))
    started = time.perf_counter()
    quotes = sum(len(extract_quotes(doc, index, mentions)) for doc, index, mentions in inputs)
    quote_seconds = time.perf_counter() - started
    share = quote_seconds / parse_seconds
    print(f"articles {len(texts)}, quotes {quotes}")
    print(f"spaCy pipeline {parse_seconds:.1f}s, quote extraction {quote_seconds:.2f}s")
    print(f"overhead {share:.1%} of the pipeline (budget {BUDGET:.0%})")
    return 0 if share <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
