"""Score entgraph's quotes and speakers against the hand annotation of BBC articles.

Usage::

    python eval/bbc_quotes.py ../shared/corpora/bbc/bbc.jsonl \
        [--annotation tests/data/bbc_quotes.json ...] [--overlap 0.3] [--beliefs] [--show N]

``--annotation`` may be given several times (e.g. ``tests/data/bbc_quotes.json`` and
``tests/data/bbc_quotes_more.json``) to score their articles together.

The annotation (``tests/data/bbc_quotes.json``) holds only ids, offsets and speaker
names; the article texts are read from the corpus. The annotated articles are built
into one graph with entgraph, and its quotes are scored the way
``eval/polnear_quotes.py`` scores PolNeAR:

- Predictions are entgraph's quotes except those of kind ``belief`` (``--beliefs``
  scores them too); a quote lying inside another is not scored on its own.
- A prediction is right when at least ``--overlap`` (30%) of its characters lie in one
  annotated quote. One that lands on an annotated belief or agentless passive ("is
  thought to be") is ignored, neither right nor wrong: entgraph leaves those out on
  purpose. One that lands on a ``not_quotes`` span, or on no quote, is wrong.
- An annotated quote is found when right predictions cover 30% of its characters.
- Speaker accuracy, over found quotes by named people (``speaker_type`` PERSON): the
  prediction overlapping the quote most must have a speaker whose graph label is the
  annotated full name (``speaker_name``, case-insensitive). A missing or unresolved
  speaker is wrong. The same is printed for named organizations, where a label that
  shares a word with the annotated name counts (organizations are named as written).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script from eval/: the PolNeAR scorer beside it is importable.
from polnear_quotes import nested, print_errors, print_quote_scores

DEFAULT_ANNOTATION = Path(__file__).resolve().parent.parent / "tests" / "data" / "bbc_quotes.json"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    ignored: int = 0
    found: int = 0
    fn: int = 0
    person_ok: int = 0
    person_n: int = 0
    org_ok: int = 0
    org_n: int = 0


def read_texts(corpus: Path, ids: set[str]) -> dict[str, str]:
    texts = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in ids:
                texts[row["id"]] = row["text"]
    return texts


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(
    result: Any, annotation: dict[str, Any], threshold: float, beliefs: bool, errors: list[str]
) -> Tally:
    labels = {n: d["label"] for n, d in result.graph.nodes(data=True)}
    tally = Tally()
    for rec in result.records:
        golds = [q for q in annotation["quotes"] if q["doc"] == rec.document_id]
        wrong_spans = [
            tuple(q["content"]) for q in annotation["not_quotes"] if q["doc"] == rec.document_id
        ]
        quotes = [q for q in rec.quotes if beliefs or q.kind != "belief"]
        skip = nested(quotes)
        preds = [q for i, q in enumerate(quotes) if i not in skip]
        covered = [0] * len(golds)
        best: dict[int, tuple[int, Any]] = {}
        for q in preds:
            span = (q.start, q.end)
            inters = [overlap(span, tuple(g["content"])) for g in golds]
            j = max(range(len(golds)), key=lambda k: inters[k], default=None)
            if j is None or inters[j] < threshold * max(1, q.end - q.start):
                tally.fp += 1
                why = "not_quote" if any(overlap(span, w) for w in wrong_spans) else "no quote"
                errors.append(f"FP {rec.document_id} ({why}): {q.kind} {q.text[:80]!r}")
                continue
            g = golds[j]
            if (g.get("agentless") or g["belief"]) and not beliefs:
                tally.ignored += 1
                continue
            tally.tp += 1
            covered[j] += inters[j]
            if j not in best or inters[j] > best[j][0]:
                best[j] = (inters[j], q)
        for j, g in enumerate(golds):
            if (g.get("agentless") or g["belief"]) and not beliefs:
                continue
            s, e = g["content"]
            if covered[j] < threshold * (e - s):
                tally.fn += 1
                errors.append(f"FN {rec.document_id}: {g['kind']} {rec.text[s:e][:80]!r}")
                continue
            tally.found += 1
            _speaker(rec, best[j][1], g, labels, result.node_of, tally, errors)
    return tally


def _speaker(
    rec: Any,
    q: Any,
    g: dict[str, Any],
    labels: dict[str, str],
    node_of: dict[str, str],
    tally: Tally,
    errors: list[str],
) -> None:
    name = g.get("speaker_name")
    if g["speaker"] is None or not name or g["speaker_type"] not in ("PERSON", "ORG"):
        return
    label = labels.get(node_of.get(q.speaker_key, "")) if q.speaker_key else None
    if g["speaker_type"] == "PERSON":
        ok = label is not None and label.casefold() == name.casefold()
        tally.person_n += 1
        tally.person_ok += ok
    else:
        words = {w.casefold().strip("()") for w in name.split()}
        ok = label is not None and bool(words & {w.casefold() for w in label.split()})
        tally.org_n += 1
        tally.org_ok += ok
    if not ok:
        errors.append(f"SPK {rec.document_id}: gold {name!r} got {q.speaker_text!r} -> {label!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="bbc.jsonl")
    parser.add_argument(
        "--annotation", type=Path, action="append", help="annotation file (repeatable)"
    )
    parser.add_argument("--overlap", type=float, default=0.3)
    parser.add_argument("--beliefs", action="store_true", help="score beliefs too")
    parser.add_argument("--show", type=int, default=0, help="print N errors of each kind")
    args = parser.parse_args(argv)
    paths = args.annotation or [DEFAULT_ANNOTATION]
    for path in (args.corpus, *paths):
        if not path.is_file():
            print(f"bbc_quotes: no such file: {path}", file=sys.stderr)
            return 2
    import entgraph

    annotation: dict[str, Any] = {"articles": [], "quotes": [], "not_quotes": []}
    for path in paths:
        part = json.loads(path.read_text(encoding="utf-8"))
        for key in annotation:
            annotation[key] += part[key]
    texts = read_texts(args.corpus, set(annotation["articles"]))
    result = entgraph.build_graph([(i, texts[i]) for i in annotation["articles"]])
    errors: list[str] = []
    t = score(result, annotation, args.overlap, args.beliefs, errors)
    print(f"articles {len(texts)}, annotated quotes {len(annotation['quotes'])}")
    print_quote_scores(t, args.overlap)
    print(
        f"right speaker: named people {t.person_ok / max(1, t.person_n):.3f} "
        f"({t.person_ok}/{t.person_n}), organizations {t.org_ok / max(1, t.org_n):.3f} "
        f"({t.org_ok}/{t.org_n})"
    )
    print_errors(errors, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
