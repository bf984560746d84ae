"""Entities read from saved web pages against entities of the article text alone.

For every page ``PAGES_DIR/NAME.html`` that has a hand-made article body
``BODIES_DIR/NAME.txt`` (the story's paragraphs as a reader sees them: no menus,
related links, captions, credits or bylines), builds the graph of the pages as
entgraph reads them and the graph of the bodies, and compares, per page, the entities
each document mentions:

- precision: share of the (page, entity) pairs found in the HTML that are entities
  of the article;
- recall: share of the article's (page, entity) pairs that are found in the HTML.

Entities match by node id or by label (case-insensitive), so that one name resolved
a little differently in the two runs still counts. Runs on any entgraph version with
``build_graph`` (to measure before and after a change)::

    python eval/html_entities.py ../shared/corpora/html-news BODIES_DIR [--show]

The bodies are publisher text: keep them outside the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import entgraph


def entities_by_document(result: object) -> dict[str, set[tuple[str, str]]]:
    """Document id -> {(node id, lower-cased label)} of the entities it mentions."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in result.mention_rows():  # type: ignore[attr-defined]
        found[row["document"]].add((row["entity"], str(row["label"]).lower()))
    return found


def _matches(entity: tuple[str, str], others: set[tuple[str, str]]) -> bool:
    ids = {o[0] for o in others}
    labels = {o[1] for o in others}
    return entity[0] in ids or entity[1] in labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("bodies", type=Path)
    parser.add_argument("--show", action="store_true", help="list the entities that differ")
    args = parser.parse_args(argv)
    names = sorted(
        p.stem for p in args.bodies.glob("*.txt") if (args.pages / f"{p.stem}.html").exists()
    )
    if not names:
        print(f"no page of {args.pages} has a body in {args.bodies}", file=sys.stderr)
        return 2
    pages = [args.pages / f"{name}.html" for name in names]
    bodies = [(f"{name}.html", (args.bodies / f"{name}.txt").read_text("utf-8")) for name in names]
    from_html = entities_by_document(entgraph.build_graph(pages))
    from_text = entities_by_document(entgraph.build_graph(bodies))
    print(f"{'page':45} {'html':>5} {'body':>5} {'prec':>6} {'recall':>6}")
    totals = [0, 0, 0, 0]  # html pairs, html pairs in body, body pairs, body pairs found
    for name in names:
        doc = f"{name}.html"
        html, text = from_html.get(doc, set()), from_text.get(doc, set())
        good = [e for e in html if _matches(e, text)]
        found = [e for e in text if _matches(e, html)]
        totals = [
            a + b
            for a, b in zip(totals, [len(html), len(good), len(text), len(found)], strict=True)
        ]
        precision = len(good) / len(html) if html else 1.0
        recall = len(found) / len(text) if text else 1.0
        print(f"{name:45} {len(html):5} {len(text):5} {precision:6.1%} {recall:6.1%}")
        if args.show:
            extra = sorted(e[1] for e in html if not _matches(e, text))
            missed = sorted(e[1] for e in text if not _matches(e, html))
            print(f"    not in the article: {extra}\n    missed: {missed}")
    precision = totals[1] / totals[0] if totals[0] else 1.0
    recall = totals[3] / totals[2] if totals[2] else 1.0
    print(f"{'all ' + str(len(names)) + ' pages':45} {totals[0]:5} {totals[2]:5} "
          f"{precision:6.1%} {recall:6.1%}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
