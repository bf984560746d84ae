"""A reproducible random sample of extracted affiliations from PolNeAR, for hand checking.

Usage::

    python eval/polnear_affiliations.py ../shared/corpora/polnear-train/polnear_train.jsonl \
        [--sample 50] [--seed 9] [--limit N] [--model NAME]

Reads the ``"primary": true`` lines (one per article), extracts every article with
entgraph, and prints the number of affiliations found, then ``--sample`` of them drawn
with a fixed seed: person, organization, role and the sentence they come from. The
sample is the same on every run with the same corpus, model and code.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import entgraph
from entgraph.records import Affiliation, DocumentRecords


def read_articles(path: Path, limit: int | None) -> list[tuple[str, str]]:
    """(article id, text) of the primary annotation lines, in file order."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row.get("primary"):
                articles.append((row["article"], row["text"]))
    return articles[:limit] if limit else articles


def _names(rec: DocumentRecords) -> dict[str, str]:
    return {m.key: m.name for m in rec.mentions}


def rows(records: list[DocumentRecords]) -> list[tuple[str, Affiliation, str, str, str]]:
    """(document id, affiliation, person name, organization name, sentence), in order."""
    out = []
    for rec in records:
        names = _names(rec)
        for aff in rec.affiliations:
            sentence = " ".join(rec.sentence_text(aff.sentence).split())
            out.append((rec.document_id, aff, names[aff.person_key], names[aff.org_key], sentence))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="polnear_train.jsonl")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)

    articles = read_articles(args.corpus, args.limit)
    result = entgraph.build_graph(articles, model=args.model)
    found = rows(result.records)
    roles = Counter(aff.role for _, aff, _, _, _ in found)
    print(f"articles: {len(articles)}  affiliations: {len(found)}")
    print("most common roles:", ", ".join(f"{r or '(none)'} {n}" for r, n in roles.most_common(12)))
    sample = random.Random(args.seed).sample(found, min(args.sample, len(found)))
    sample.sort(key=lambda row: (row[0], row[1].sentence))
    for number, (doc_id, aff, person, org, sentence) in enumerate(sample, 1):
        print(f"\n{number:2}. {person} -> {org} [{aff.role or '-'}]  ({aff.org_key})  {doc_id}")
        print(f"    {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
