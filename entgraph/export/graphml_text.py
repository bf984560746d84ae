"""GraphML text, byte for byte as networkx's lxml writer (3.x) writes it, made with
string joins instead of one lxml element per node, edge and value (about 5 times faster).

What networkx writes, and so what is written here:

- an XML declaration with single quotes, then ``<graphml ...>`` with the ``<key>``
  elements and the ``<graph>`` on the same line as the tag before them; every element
  inside ends with a newline, a ``<data>`` inside a node or edge is indented two spaces;
- one key per (name, GraphML type, scope), numbered ``d0``, ``d1``, ... as first met
  (graph attributes, then nodes, then edges, in order) and declared LAST first;
- the type of each value as it is (no numeric inference): ``str`` is ``string``,
  ``int`` ``long``, ``float`` ``double``, ``bool`` ``boolean`` (networkx's own table, so
  numpy scalars too); the text is ``str(value)`` (``True``, ``1.0``);
- libxml2's escaping: ``& < >`` and carriage return in text; those, ``"``, tab and
  newline in attribute values; every other character as UTF-8.

The text must be legal XML already (see ``graphml.xml_safe_graph``): lxml would refuse
it otherwise, this writer does not look.

>>> edges = [("a", "b", "e0", {"weight": 1.5})]
>>> text = "".join(graphml_chunks({}, [("a", {}), ("b", {})], edges))
>>> print(text.split("<graph ")[1])
edgedefault="directed"><node id="a"/>
<node id="b"/>
<edge source="a" target="b" id="e0">
  <data key="d0">1.5</data>
</edge>
</graph></graphml>
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from networkx.readwrite.graphml import GraphML

__all__ = ["graphml_chunks"]

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    f'<graphml xmlns="{GraphML.NS_GRAPHML}" xmlns:xsi="{GraphML.NS_XSI}"'
    f' xsi:schemaLocation="{GraphML.SCHEMALOCATION}">'
)
# Elements written between two writes to the file: the text is streamed, not held whole.
_BATCH = 2000


@cache
def _xml_types() -> dict[type, str]:
    # networkx's own table (int -> "long", numpy scalars ...), so the names cannot drift.
    # Made on first need only: making it imports numpy (a tenth of a second).
    table = GraphML()
    table.construct_types()
    return dict(table.xml_type)


#: The types of every value entgraph itself writes, as networkx's table names them
#: (tests/test_graphml_bytes.py checks they agree), so writing needs no numpy.
_PLAIN_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _text(s: str) -> str:
    """``s`` as libxml2 escapes element text.

    >>> _text("a & b <c>\\r\\n\\t\\"")
    'a &amp; b &lt;c&gt;&#13;\\n\\t"'
    """
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    return s


def _attr(s: str) -> str:
    """``s`` as libxml2 escapes an attribute value (in double quotes).

    >>> _attr('a & "b"\\t\\n\\r\\'')
    "a &amp; &quot;b&quot;&#9;&#10;&#13;'"
    """
    s = _text(s)
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "\t" in s:
        s = s.replace("\t", "&#9;")
    if "\n" in s:
        s = s.replace("\n", "&#10;")
    return s


def _xml_type(value: object) -> str:
    plain = _PLAIN_TYPES.get(type(value))
    if plain is not None:
        return plain
    try:
        return _xml_types()[type(value)]
    except KeyError:
        # networkx's message, raised before anything is written
        raise TypeError(f"GraphML does not support type {type(value)} as data values.") from None


class _Keys:
    """The ``<key>`` declarations, and the ready ``<data key=...>`` opening of each."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}
        self.elements: list[str] = []
        # (scope, attribute name as given, value type) -> '<data key="dN">'
        self.opening: dict[tuple[str, Any, type], str] = {}

    def declare(
        self, scope: str, items: Iterable[Mapping[Any, Any]], default: Mapping[Any, Any]
    ) -> None:
        opening = self.opening
        for data in items:
            for k, v in data.items():
                if (scope, k, type(v)) in opening:
                    continue
                name, xml_type = str(k), _xml_type(v)
                key_id = self.ids.get((name, xml_type, scope))
                if key_id is None:
                    key_id = self.ids[name, xml_type, scope] = f"d{len(self.ids)}"
                    self.elements.append(
                        _key_element(key_id, scope, name, xml_type, default.get(k))
                    )
                opening[scope, k, type(v)] = f'<data key="{key_id}">'


def _key_element(key_id: str, scope: str, name: str, xml_type: str, default: object) -> str:
    head = f'<key id="{key_id}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}"'
    if default is None:
        return head + "/>\n"
    return f"{head}>\n  <default>{_text(str(default))}</default>\n</key>\n"


def _element(
    head: str, data: Mapping[Any, Any], opening: Mapping[tuple[str, Any, type], str], scope: str
) -> str:
    if not data:
        return head + "/>\n"
    lines = [head, ">\n"]
    for k, v in data.items():
        lines += ("  ", opening[scope, k, type(v)], _text(str(v)), "</data>\n")
    lines.append(f"</{scope}>\n")
    return "".join(lines)


def graphml_chunks(
    graph: Mapping[str, Any],
    nodes: Collection[tuple[Any, Mapping[Any, Any]]],
    edges: Collection[tuple[Any, Any, Any, Mapping[Any, Any]]],
    *,
    directed: bool = True,
    per_edge: bool = False,
) -> Iterator[str]:
    """The text ``nx.write_graphml(G, fh, prettyprint=True)`` writes for the multigraph
    with attributes ``graph``, ``nodes`` as ``(node, data)`` and ``edges`` as ``(u, v,
    key, data)`` (each read twice: keys first), in pieces of a few thousand elements.

    ``per_edge``: also mark each edge whose ``directed`` attribute is false with
    GraphML's own ``directed="false"`` (after its ``id``).
    """
    graph_data = {k: v for k, v in graph.items() if k not in ("id", "node_default", "edge_default")}
    keys = _Keys()
    keys.declare("graph", [graph_data], {})
    keys.declare("node", (d for _, d in nodes), graph.get("node_default", {}))
    keys.declare("edge", (d for *_, d in edges), graph.get("edge_default", {}))

    opening = keys.opening
    graph_tag = f'<graph edgedefault="{"directed" if directed else "undirected"}"'
    if graph.get("id") is not None:
        graph_tag += f' id="{_attr(str(graph["id"]))}"'
    out = [_HEADER, *reversed(keys.elements), graph_tag, ">"]
    out += (
        f"{opening['graph', k, type(v)]}{_text(str(v))}</data>\n" for k, v in graph_data.items()
    )
    for node, data in nodes:
        out.append(_element(f'<node id="{_attr(str(node))}"', data, opening, "node"))
        if len(out) >= _BATCH:
            yield "".join(out)
            out.clear()
    for u, v, key, data in edges:
        head = f'<edge source="{_attr(str(u))}" target="{_attr(str(v))}" id="{_attr(str(key))}"'
        if per_edge and not data.get("directed", True):
            head += ' directed="false"'
        out.append(_element(head, data, opening, "edge"))
        if len(out) >= _BATCH:
            yield "".join(out)
            out.clear()
    out.append("</graph></graphml>")
    yield "".join(out)
