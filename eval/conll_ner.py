"""Mention-level PER and ORG scores on CoNLL-2003, for the bare spaCy model and entgraph.

Usage::

    python eval/conll_ner.py ../shared/corpora/conll2003-dev/eng.testa [--model NAME]

Each CoNLL document becomes one text (tokens joined by spaces, sentences by line
breaks). A predicted mention counts when its character span and type equal a gold
one (exact match). The bare model's PERSON/ORG entities are compared with entgraph's
PERSON/ORG mentions (after its typing, cleaning and country resolution). CoNLL's LOC
and MISC are not scored: entgraph's countries, and the model's GPE/NORP, have no
equivalent there.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import spacy

import entgraph
from entgraph.nlp import default_model_name

TYPES = {"PERSON": "PER", "ORG": "ORG"}


def read_conll(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Documents as (text, gold spans) with spans (start, end, PER|ORG)."""
    docs: list[tuple[str, set[tuple[int, int, str]]]] = []
    sentences: list[list[tuple[str, str]]] = [[]]

    def flush() -> None:
        parts: list[str] = []
        gold: set[tuple[int, int, str]] = set()
        offset = 0
        for sentence in (s for s in sentences if s):
            current: tuple[int, int, str] | None = None
            previous = "O"
            for word, tag in sentence:
                if parts and parts[-1] != "\n":
                    parts.append(" ")
                    offset += 1
                start, end = offset, offset + len(word)
                parts.append(word)
                offset = end
                kind = tag[2:] if tag != "O" else "O"
                continues = kind != "O" and not tag.startswith("B-") and kind == previous
                if current and not continues:
                    gold.add(current)
                    current = None
                if kind != "O":
                    current = (current[0], end, kind) if current else (start, end, kind)
                previous = kind
            if current:
                gold.add(current)
            parts.append("\n")
            offset += 1
        if parts:
            text = "".join(parts)
            docs.append((text, {g for g in gold if g[2] in ("PER", "ORG")}))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            sentences = [[]]
        elif not line.strip():
            sentences.append([])
        else:
            fields = line.split()
            sentences[-1].append((fields[0], fields[-1]))
    flush()
    return docs


def score(
    gold: set[tuple[int, int, int, str]], pred: set[tuple[int, int, int, str]]
) -> dict[str, tuple[float, float, float]]:
    out = {}
    for kind in ("PER", "ORG"):
        g = {x for x in gold if x[3] == kind}
        p = {x for x in pred if x[3] == kind}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[kind] = (precision, recall, f1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="CoNLL-2003 file, e.g. eng.testa")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: entgraph's)")
    args = parser.parse_args(argv)
    model = args.model or default_model_name()
    docs = read_conll(args.path)
    gold = {(i, s, e, k) for i, (_, spans) in enumerate(docs) for s, e, k in spans}

    nlp = spacy.load(model)  # the model as a user would load it: default components
    bare = set()
    for i, doc in enumerate(nlp.pipe((text for text, _ in docs), batch_size=32)):
        for ent in doc.ents:
            if ent.label_ in TYPES:
                bare.add((i, ent.start_char, ent.end_char, TYPES[ent.label_]))

    result = entgraph.build_graph([(str(i), text) for i, (text, _) in enumerate(docs)], model=model)
    ours = {
        (int(row["document"]), row["start"], row["end"], TYPES[row["type"]])
        for row in result.mention_rows()
        if row["type"] in TYPES
    }
    counts = Counter(k for *_, k in gold)
    print(
        f"CoNLL-2003 {args.path.name}: {len(docs)} documents, "
        f"{counts['PER']} PER and {counts['ORG']} ORG gold mentions; model {model}"
    )
    print(
        f"{'':10} {'PER P':>7} {'PER R':>7} {'PER F1':>7} {'ORG P':>7} {'ORG R':>7} {'ORG F1':>7}"
    )
    for name, pred in (("bare spaCy", bare), ("entgraph", ours)):
        s = score(gold, pred)
        cells = [f"{v:7.3f}" for kind in ("PER", "ORG") for v in s[kind]]
        print(f"{name:10} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
