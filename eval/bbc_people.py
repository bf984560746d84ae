"""Per-article people F1: the PERSON nodes of each article against hand-listed people.

Usage::

    python eval/bbc_people.py tests/data/bbc_people.json OUT/mentions.jsonl

``bbc_people.json`` lists, for a fixed sample of BBC articles, every person named in
each article (full name and the forms used) and names that are not people; it holds
no article text. A PERSON node mentioned in an article counts as right when one of the
node's surface forms in that article is a form of one of the article's people, and
each person is matched at most once. The macro average over articles is the figure
reported; micro totals are printed too. Forms are compared without leading titles on
both sides (nameparser's list), since a peer's gold form keeps the title ("Lord Doe")
while entgraph names people without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from nameparser.config import CONSTANTS

#: Honorifics and titles of people ("Lord", "Baroness", "Mr"), from nameparser.
_TITLES = frozenset(str(t) for t in CONSTANTS.titles)


def _norm(text: str) -> str:
    """The comparison form: casefolded, one space, and no leading titles ("Lord Doe" is
    "doe", as entgraph names people without their titles; done on both sides)."""
    words = " ".join(text.replace("’", "'").split()).casefold().split()
    while len(words) > 1 and words[0].rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("mentions", type=Path, help="mentions.jsonl of a build")
    parser.add_argument("--show", action="store_true", help="print every error")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["articles"]
    wanted = {a["id"] for a in gold}
    # document -> node -> (label, forms)
    found: dict[str, dict[str, tuple[str, set[str]]]] = defaultdict(dict)
    with args.mentions.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["document"] not in wanted or row["type"] != "PERSON":
                continue
            label, forms = found[row["document"]].setdefault(row["entity"], (row["label"], set()))
            forms.add(_norm(row["text"]))
            forms.add(_norm(label))
    f1s, tp_all, pred_all, gold_all = [], 0, 0, 0
    for article in gold:
        people = [{_norm(f) for f in [p["name"], *p["forms"]]} for p in article["people"]]
        predicted = found.get(article["id"], {})
        matched: set[int] = set()
        right = 0
        for label, forms in predicted.values():
            hit = next((i for i, p in enumerate(people) if i not in matched and forms & p), None)
            if hit is None:
                if args.show:
                    print(f"{article['id']}: not a person of the article: {label}")
                continue
            matched.add(hit)
            right += 1
        if args.show:
            for i, p in enumerate(article["people"]):
                if i not in matched:
                    print(f"{article['id']}: missed {p['name']}")
        precision = right / len(predicted) if predicted else (1.0 if not people else 0.0)
        recall = right / len(people) if people else 1.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        tp_all, pred_all, gold_all = (
            tp_all + right,
            pred_all + len(predicted),
            gold_all + len(people),
        )
    p = tp_all / pred_all if pred_all else 0.0
    r = tp_all / gold_all if gold_all else 0.0
    print(f"{len(gold)} articles, {gold_all} people, {pred_all} PERSON nodes found")
    print(f"macro F1 per article {sum(f1s) / len(f1s):.3f}")
    print(f"micro P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
