"""graph.graphml is byte for byte what networkx's lxml writer wrote before entgraph wrote
the text itself: for every kind of value, missing attribute, character and direction
mode. The reference is networkx's own writer on the same in-file graph (and, for
``direction="per-edge"``, the subclass of it entgraph used), so any formatting detail
that differs (a key's number or place, a quote, an escape, a newline) fails here."""

from __future__ import annotations

import io
import math
import random
from typing import Any

import networkx as nx
import pytest
from networkx.readwrite.graphml import GraphMLWriterLxml

from entgraph.export.graphml import file_graph, read_graphml, write_graphml
from entgraph.export.graphml_text import graphml_chunks


class _PerEdgeWriter(GraphMLWriterLxml):
    """The per-edge writer entgraph used until it wrote the text itself, verbatim."""

    def add_edges(self, G, graph_element):
        default = G.graph.get("edge_default", {})
        for u, v, key, data in G.edges(data=True, keys=True):
            marks = {} if data.get("directed", True) else {"directed": "false"}
            element = self.myElement("edge", source=str(u), target=str(v), id=str(key), **marks)
            self.add_attributes("edge", element, data, default)
            graph_element.append(element)


def networkx_bytes(G: nx.MultiDiGraph, direction: str) -> bytes:
    """What write_graphml wrote through networkx."""
    buffer = io.BytesIO()
    if direction == "data":
        nx.write_graphml(file_graph(G), buffer, encoding="utf-8", prettyprint=True)
    else:
        _PerEdgeWriter(buffer, graph=file_graph(G), encoding="utf-8", prettyprint=True).dump()
    return buffer.getvalue()


def written(G: nx.MultiDiGraph, tmp_path, direction: str) -> bytes:
    path = tmp_path / f"{direction}.graphml"
    write_graphml(G, path, direction=direction)
    return path.read_bytes()


# Every character XML 1.0 allows, and the ones it forbids (entgraph drops those).
LEGAL = (
    "".join(
        chr(c) for c in range(0x110000) if c in (9, 10, 13) or 0x20 <= c < 0xD800 or c >= 0xE000
    )
    .replace("\ufffe", "")
    .replace("\uffff", "")
)
FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\ud800\udbff\udc00\udfff\ufffe\uffff"
HOSTILE = "a & b < c > d \"q\" 's' \t tab \n nl \r cr ]]> &amp; <!-- --> <![CDATA[x]]>"


def graph(*, attrs=None, nodes=(), edges=()):
    G = nx.MultiDiGraph(**(attrs or {}))
    for node, data in nodes:
        G.add_node(node, **data)
    for u, v, key, data in edges:
        G.add_edge(u, v, key=key, **data)
    return G


def edge(relation="co-mention", **data):
    return {"relation": relation, "weight": 1, **data}


CASES: dict[str, nx.MultiDiGraph] = {
    "empty": nx.MultiDiGraph(),
    "graph attributes only": graph(attrs={"generator": "x", "documents": 3, "w": 0.5, "b": True}),
    "nodes without attributes": graph(nodes=[("a", {}), ("b", {})]),
    "edge without attributes": graph(edges=[("a", "b", "k", {})]),
    "every value type": graph(
        attrs={"s": "str", "i": -7, "f": 2.5, "t": True, "n": False},
        nodes=[("a", {"s": "x", "i": 10**30, "f": 1e-7, "t": True, "n": False, "z": 0})],
        edges=[("a", "a", "co-mention", edge(f=1e16, g=-0.0, h=0.1 + 0.2, b=False))],
    ),
    "float spellings": graph(
        nodes=[
            (f"n{i}", {"x": x})
            for i, x in enumerate([1.0, 1e300, 5e-324, math.inf, -math.inf, math.nan, 123456.789])
        ]
    ),
    "attributes absent on some elements, in varying order": graph(
        nodes=[("a", {"label": "A"}), ("b", {}), ("c", {"type": "T", "label": "C"})],
        edges=[
            ("a", "b", "co-mention", {"relation": "co-mention"}),
            ("b", "c", "quotation", edge("quotation", cue="said")),
            ("c", "a", "affiliation", {"weight": 3, "relation": "affiliation", "role": "r"}),
        ],
    ),
    "one name, several types and scopes": graph(
        attrs={"count": 1},
        nodes=[("a", {"count": 1}), ("b", {"count": 1.5}), ("c", {"count": "many"})],
        edges=[("a", "b", "x", edge(count=True)), ("b", "c", "y", edge(count=2))],
    ),
    "bool and int are different keys": graph(nodes=[("a", {"v": True}), ("b", {"v": 1})]),
    "weights that are not numbers stay as they are": graph(
        edges=[("a", "b", "k", edge(weight="heavy")), ("b", "a", "l", edge(weight=2.5))]
    ),
    "relation missing or unknown": graph(
        edges=[("a", "b", "k", {"weight": 1}), ("a", "b", "l", edge("something-else"))]
    ),
    "parallel edges and self loops": graph(
        edges=[
            ("a", "b", "co-mention", edge()),
            ("a", "b", "quotation", edge("quotation")),
            ("a", "a", "co-mention", edge()),
            ("b", "a", "affiliation", edge("affiliation")),
        ]
    ),
    "empty and blank strings": graph(
        attrs={"places": ""},
        nodes=[("", {"label": ""}), (" ", {"label": "  \n "})],
        edges=[("", " ", "", edge(evidence=""))],
    ),
    "characters XML escapes, everywhere": graph(
        attrs={"note": HOSTILE},
        nodes=[(HOSTILE, {"label": HOSTILE}), ("b", {})],
        edges=[(HOSTILE, "b", HOSTILE, edge(evidence=HOSTILE))],
    ),
    "unicode": graph(
        nodes=[
            ("person:zoë 🙂", {"label": "Zoë 🙂 \u202e\u2028\x85\x7f\u0301 中文 עברית 𝔘"}),
            ("\U0010fffd", {"label": "\U00010000"}),
        ],
        edges=[("person:zoë 🙂", "\U0010fffd", "q", edge("quotation", evidence="«»—…"))],
    ),
    "every legal character, in a value and in an id": graph(
        nodes=[("x", {"label": LEGAL}), (LEGAL, {"label": "y"})]
    ),
    "forbidden characters are dropped": graph(
        attrs={"window": f"sen{FORBIDDEN}tence"},
        nodes=[(f"person:a{FORBIDDEN}b", {"label": f"A{FORBIDDEN}B", "n": 1})],
        edges=[(f"person:a{FORBIDDEN}b", "org:x", "co-mention", edge(evidence=f"[{FORBIDDEN}]"))],
    ),
    "ids that collide once cleaned": graph(
        nodes=[("ab", {"label": "first"}), ("a\x00b", {"label": "second"}), ("c", {})],
        edges=[("ab", "c", "co-mention", edge()), ("a\x00b", "c", "co-mention", edge(weight=5))],
    ),
    "edge keys that collide once cleaned": graph(
        edges=[("a", "b", "k", edge()), ("a", "b", "k\x00", edge(weight=2))]
    ),
    "non-string ids and attribute names": graph(
        nodes=[(1, {"label": "one"}), ((2, "b"), {"label": "tuple"})],
        edges=[(1, (2, "b"), 7, edge())],
    ),
    "graph id and defaults": graph(
        attrs={
            "id": "g<1>",
            "node_default": {"label": "?", "mentions": 0},
            "edge_default": {"weight": 1.0, "evidence": "", "relation": "<&>"},
        },
        nodes=[("a", {"label": "A", "mentions": 2})],
        edges=[("a", "b", "k", edge(evidence="e"))],
    ),
}
# attribute names networkx calls str() on: 5 and "5" are one key
CASES["non-string ids and attribute names"].nodes[1][5] = "five"
CASES["non-string ids and attribute names"].nodes[2, "b"]["5"] = "FIVE"
# A forbidden character late in the file: found after the first pieces were written.
CASES["many elements, forbidden character at the end"] = graph(
    nodes=[(f"n{i}", {"label": f"N {i}", "mentions": i}) for i in range(6000)]
    + [("last", {"label": "bad\x01"})],
    edges=[(f"n{i}", f"n{i + 1}", "co-mention", edge()) for i in range(5000)],
)


def _random_graph(seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    alphabet = "ab &<>\"'\t\n\r]é🙂\x00\x1f\ufffe"

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(6)))

    def value() -> Any:
        return rng.choice(
            [text, lambda: rng.randrange(-5, 5), rng.random, lambda: rng.random() < 0.5]
        )()

    G = nx.MultiDiGraph(**{f"g{i}": value() for i in range(rng.randrange(3))})
    names = ["label", "type", "mentions", "weight", "relation", text()]
    for i in range(rng.randrange(1, 30)):
        G.add_node(f"n{i}{text()}", **{n: value() for n in rng.sample(names, rng.randrange(4))})
    nodes = list(G)
    relations = ["co-mention", "quotation", "affiliation", "other"]
    for _ in range(rng.randrange(40)):
        data = {n: value() for n in rng.sample(names, rng.randrange(5))}
        if rng.random() < 0.8:
            data["relation"] = rng.choice(relations)
        G.add_edge(rng.choice(nodes), rng.choice(nodes), key=rng.choice(relations), **data)
    return G


for _seed in range(25):
    CASES[f"random graph {_seed}"] = _random_graph(_seed)


@pytest.mark.parametrize("direction", ["data", "per-edge"])
@pytest.mark.parametrize("case", CASES)
def test_the_file_is_byte_for_byte_what_networkx_wrote(case, direction, tmp_path):
    G = CASES[case]
    before = outcome(networkx_bytes, G, direction)
    assert outcome(written, G, tmp_path, direction) == before
    assert isinstance(before, bytes) or case.startswith("random")  # only those may fail


def outcome(write, *args):
    """The bytes written, or the kind of error raised (as by a forbidden attribute name)."""
    try:
        return write(*args)
    except (TypeError, ValueError) as exc:
        return type(exc)


@pytest.mark.parametrize("direction", ["data", "per-edge"])
def test_the_seed_build_is_byte_for_byte_what_networkx_wrote(seed_result, direction, tmp_path):
    G = seed_result.graph
    text = written(G, tmp_path, direction)
    assert text == networkx_bytes(G, direction)
    assert (b'directed="false"' in text) == (direction == "per-edge")


@pytest.mark.parametrize(
    "G",
    [
        CASES["graph id and defaults"],
        nx.MultiGraph([("a", "b", {"w": 1}), ("b", "c", {"w": 2.0})], id="u", name="undirected"),
        nx.MultiDiGraph([(1, 2, {"x": "y"}), (1, 2, {"x": "z"})]),
    ],
    ids=["defaults and id", "undirected", "int keys"],
)
def test_the_text_of_any_multigraph_is_networkxs(G):
    # Below entgraph's own changes (e0 ids, double weights): the bare layout.
    buffer = io.BytesIO()
    nx.write_graphml(G.copy(), buffer, encoding="utf-8", prettyprint=True)  # it pops "id"
    edges = G.edges(keys=True, data=True)
    text = "".join(graphml_chunks(G.graph, G.nodes(data=True), edges, directed=G.is_directed()))
    assert text.encode("utf-8") == buffer.getvalue()


def test_numpy_values_keep_networkxs_type_names(tmp_path):
    np = pytest.importorskip("numpy")
    G = graph(
        nodes=[
            ("a", {"x": np.float64(1.5), "y": np.int64(3), "z": np.float32(0.25)}),
            ("b", {"x": np.float32(2.5), "y": np.int8(1), "z": 0.5}),  # the same keys but z
        ],
        edges=[("a", "a", "k", edge(weight=np.int64(2), n=np.int32(-1)))],
    )
    for direction in ("data", "per-edge"):
        assert written(G, tmp_path, direction) == networkx_bytes(G, direction)


@pytest.mark.parametrize("value", [None, ["a"], {"a": 1}, b"bytes"])
def test_a_value_graphml_has_no_type_for_is_refused_as_before_and_nothing_is_written(
    value, tmp_path
):
    G = graph(nodes=[("a", {"x": value})])
    with pytest.raises(TypeError):
        networkx_bytes(G, "data")
    with pytest.raises(TypeError, match="GraphML does not support type"):
        write_graphml(G, tmp_path / "g.graphml")
    assert list(tmp_path.iterdir()) == []


def test_a_forbidden_character_in_an_attribute_name_is_refused_as_before(tmp_path):
    # Names are not cleaned (entgraph's are its own); lxml refused them.
    G = graph(nodes=[("a", {"bad\x00name": 1})])
    with pytest.raises(ValueError):
        networkx_bytes(G, "data")
    with pytest.raises(ValueError):
        write_graphml(G, tmp_path / "g.graphml")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("direction", ["data", "per-edge"])
def test_a_file_with_every_kind_of_value_reads_back(direction, tmp_path):
    G = CASES["every value type"]
    write_graphml(G, tmp_path / "g.graphml", direction=direction)
    H = read_graphml(tmp_path / "g.graphml")
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert H.graph == G.graph


def test_the_plain_value_types_are_named_as_networkx_names_them():
    from networkx.readwrite.graphml import GraphML

    from entgraph.export import graphml_text

    table = GraphML()
    table.construct_types()
    for kind, name in graphml_text._PLAIN_TYPES.items():
        assert table.xml_type[kind] == name
