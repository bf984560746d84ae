"""Score a graph against hand judgments of the BBC corpus's biggest nodes.

Usage::

    python eval/bbc_nodes.py tests/data/bbc_top300_judgments.json OUT/graph.graphml

The judgments (``tests/data/bbc_top300_judgments.json``) were made by hand on the 300
biggest nodes of the round-1 graph of ``../shared/corpora/bbc`` (see
``tests/data/bbc_top300.README``): each has the node's label, its true type
(PERSON, ORG, COUNTRY, PLACE or OTHER), whether it should be a node, and which other
judged node it duplicates. A judged name is looked up in the scored graph by its
commonest correct surface form (``form``) among every node's aliases, so the score
does not depend on node ids. Checks:

- *type*: a name that should be a PERSON/ORG/COUNTRY node is one, of that type;
- *not a node*: a place or a thing (gold PLACE or OTHER) is no PERSON/ORG/COUNTRY node;
- *merged*: a judged duplicate ends in the same node as the name it duplicates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import networkx as nx

ACTOR_TYPES = ("PERSON", "ORG", "COUNTRY")


def alias_index(G: nx.Graph) -> dict[str, str]:
    """Lower-cased alias -> node, the most mentioned node winning a shared alias."""
    found: dict[str, tuple[int, str]] = {}
    for node, data in G.nodes(data=True):
        counts = json.loads(data.get("alias_counts", "{}"))
        for alias, count in counts.items():
            key = " ".join(alias.split()).casefold()
            if key not in found or count > found[key][0]:
                found[key] = (count, node)
        label = " ".join(str(data.get("label", "")).split()).casefold()
        found.setdefault(label, (0, node))
    return {alias: node for alias, (_, node) in found.items()}


def score(judgments: list[dict], G: nx.Graph) -> dict[str, tuple[int, int]]:
    index = alias_index(G)

    # The judged node's label finds it, else its commonest correct surface form ("BT"
    # for a node labelled "Bhutan").
    def find(j: dict) -> str | None:
        for name in (j["label"], j["form"]):
            node = index.get(" ".join(name.split()).casefold())
            if node is not None:
                return node
        return None

    node_of = {j["node"]: find(j) for j in judgments}
    checks: dict[str, Counter[str]] = {"type": Counter(), "not a node": Counter(),
                                       "merged": Counter()}  # fmt: skip
    failures: list[str] = []
    for j in judgments:
        node = node_of[j["node"]]
        got = G.nodes[node]["type"] if node is not None else None
        if j["gold_type"] in ACTOR_TYPES:
            ok = got == j["gold_type"]
            checks["type"]["ok" if ok else "fail"] += 1
            if not ok:
                failures.append(f"type   {j['label']!r}: gold {j['gold_type']}, got {got}")
        else:
            ok = got not in ACTOR_TYPES
            checks["not a node"]["ok" if ok else "fail"] += 1
            if not ok:
                failures.append(f"node   {j['label']!r}: gold {j['gold_type']}, got {got}")
        if j.get("duplicate_of"):
            other = node_of.get(j["duplicate_of"])
            ok = node is not None and node == other
            checks["merged"]["ok" if ok else "fail"] += 1
            if not ok:
                failures.append(f"merge  {j['label']!r} -> {j['duplicate_of']}: {node} vs {other}")
    for line in failures:
        print(line)
    return {name: (c["ok"], c["ok"] + c["fail"]) for name, c in checks.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("judgments", type=Path)
    parser.add_argument("graphml", type=Path)
    args = parser.parse_args(argv)
    judgments = json.loads(args.judgments.read_text(encoding="utf-8"))
    G = nx.read_graphml(args.graphml)
    results = score(judgments, G)
    total_ok = sum(ok for ok, _ in results.values())
    total = sum(n for _, n in results.values())
    for name, (ok, n) in results.items():
        print(f"{name:12} {ok:4}/{n:<4} {ok / n if n else 0:.3f}")
    print(f"{'all checks':12} {total_ok:4}/{total:<4} {total_ok / total if total else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
