"""Benchmark the HTML explorer: write time, first draw, search and filter in the browser.

Uses a built graph (``--graphml out/graph.graphml``, e.g. the full BBC corpus) or
generates one with entgraph's schema (default 3,000 nodes, 10,000 edges, hub-heavy like
news). Times ``write_html``, then opens the file in headless Chromium (Debian's
``chromium``, driven by playwright) and times: the first draw, a search for a left-out
entity and a type filter (each until the next frame is painted).

    python benchmarks/html_benchmark.py [--graphml PATH] [--max-nodes N] [--out DIR]
    python benchmarks/html_benchmark.py [--nodes 3000] [--edges 10000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from entgraph.export.html import write_html
from entgraph.export.layout import rank_nodes

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TYPES = ("PERSON", "ORG", "COUNTRY", "PLACE")
WORDS = "minister said talks would resume after the summit in the capital on Monday".split()


def sentence(rng: random.Random) -> str:
    """A random sentence of news-like length.

    >>> sentence(random.Random(0)).endswith(".")
    True
    """
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "."


def random_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A MultiDiGraph with entgraph's node and edge attributes; a few hubs, many leaves.

    >>> G = random_graph(50, 120)
    >>> G.number_of_nodes(), G.number_of_edges()
    (50, 120)
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph(generator="entgraph benchmark", model="none", window="sentence")
    G.graph["documents"] = n_nodes // 3
    for i in range(n_nodes):
        type_ = rng.choices(TYPES, weights=(5, 3, 1, 1))[0]
        name = f"Entity {i} " + rng.choice(WORDS).title()
        aliases = [name, f"E{i}"]
        G.add_node(
            f"{type_.lower()}:{i}",
            label=name,
            type=type_,
            aliases=json.dumps(aliases),
            alias_counts=json.dumps({a: rng.randint(1, 9) for a in aliases}),
            mentions=rng.randint(1, 200),
            documents=rng.randint(1, 40),
            quotes=rng.randint(0, 5),
            roles="[]",
        )
    nodes = list(G.nodes)
    # Cumulative weights once: rng.choices would otherwise sum them on every call.
    popularity = list(itertools.accumulate(1 / (rank + 1) ** 0.7 for rank in range(n_nodes)))
    relations = ("co-mention", "quotation", "affiliation")
    added = 0  # G.number_of_edges() walks every node: too slow for a loop test
    while added < n_edges:
        u, v = rng.choices(nodes, cum_weights=popularity, k=2)
        relation = rng.choices(relations, weights=(8, 1, 1))[0]
        if relation == "co-mention" and u > v:  # stored once per pair, smaller id first
            u, v = v, u
        if u == v or G.has_edge(u, v, relation):
            continue
        G.add_edge(
            u,
            v,
            key=relation,
            relation=relation,
            weight=rng.randint(1, 20),
            documents=rng.randint(1, 5),
            evidence=json.dumps([sentence(rng) for _ in range(rng.randint(1, 3))]),
            **({"role": "adviser"} if relation == "affiliation" else {}),
        )
        added += 1
    return G


# Run `action` in the page, then wait for the frame after the next one: painted.
TIMED_JS = """async (action) => {
  const started = performance.now();
  if (action.find !== undefined) entgraphView.find(action.find);
  if (action.click !== undefined) document.querySelector(action.click).click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - started, entgraphView.nodeCount(), entgraphView.edgeCount()];
}"""


def draw_seconds(
    path: Path, screenshot: Path | None = None, find: str | None = None
) -> tuple[float, float, int, int, list[float]]:
    """Open ``path`` in headless Chromium: (seconds to first draw, page's own ms, nodes,
    edges, [search ms, filter ms, filter-back ms])."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("chromium not found (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        # A selector, not wait_for_function: the page's CSP forbids the eval that needs.
        page.wait_for_selector("body[data-drawn=true]", state="attached", timeout=120_000)
        seconds = time.perf_counter() - started
        own_ms, nodes, edges = page.evaluate(
            "[entgraphView.firstDrawMs, entgraphView.nodeCount(), entgraphView.edgeCount()]"
        )
        if screenshot is not None:
            page.screenshot(path=str(screenshot))
        interactions = []
        if find is not None:
            interactions.append(page.evaluate(TIMED_JS, {"find": find})[0])
        for _ in range(2):  # the first entity type off, then on again
            interactions.append(page.evaluate(TIMED_JS, {"click": "#types input"})[0])
        browser.close()
    return seconds, float(own_ms), int(nodes), int(edges), interactions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphml", type=Path, default=None, help="a built graph to draw")
    parser.add_argument("--max-nodes", type=int, default=0, help="first view (0: all)")
    parser.add_argument("--nodes", type=int, default=3000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3, help="browser runs (median reported)")
    parser.add_argument("--out", type=Path, default=None, help="keep the page here")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="entgraph-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.graphml is not None:
        from entgraph.export.graphml import read_graphml

        G = read_graphml(args.graphml)
    else:
        G = random_graph(args.nodes, args.edges)
    path = out / "graph.html"
    started = time.perf_counter()
    write_html(G, path, max_nodes=args.max_nodes)
    write = time.perf_counter() - started
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")
    print(f"write_html: {write:.2f} s, {path.stat().st_size / 1e6:.1f} MB -> {path}")

    # Search for the least connected entity: left out of any first view that is not all.
    last = str(rank_nodes(G)[-1]) if G.number_of_nodes() else None
    name = str(G.nodes[last].get("label", last)) if last is not None else None
    runs = [
        draw_seconds(path, out / "graph.png" if i == 0 else None, find=name)
        for i in range(args.runs)
    ]
    _, _, nodes, edges, _ = runs[0]
    print(f"first view draws: {nodes:,} nodes, {edges:,} edges")
    print(
        "drawn in headless chromium: "
        + ", ".join(f"{r[0]:.2f} s" for r in runs)
        + f" (median {statistics.median(r[0] for r in runs):.2f} s from navigation; "
        f"page's own first-draw time median {statistics.median(r[1] for r in runs):.0f} ms)"
    )
    for i, what in enumerate((f"search for {name!r}", "filter (a type off)", "filter (on again)")):
        times = [r[4][i] for r in runs if len(r[4]) > i]
        if times:
            print(f"{what}: " + ", ".join(f"{t:.0f} ms" for t in times) + " until painted")
    print(f"screenshot: {out / 'graph.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
