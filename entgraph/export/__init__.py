"""Exporters: graph and records to files. Each writes atomically."""

from __future__ import annotations

from .formats import write_edges_csv, write_gexf, write_node_link_json, write_nodes_csv
from .graphml import write_graphml
from .html import render_html, write_html
from .tables import (
    iter_document_rows,
    iter_mention_rows,
    iter_quote_rows,
    write_jsonl,
    write_tables,
)

__all__ = [
    "iter_document_rows",
    "iter_mention_rows",
    "iter_quote_rows",
    "render_html",
    "write_edges_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_jsonl",
    "write_node_link_json",
    "write_nodes_csv",
    "write_tables",
]
