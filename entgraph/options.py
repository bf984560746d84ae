"""Option values that the command line and the API check before any model is loaded.

Kept apart from the modules that use them, which import spaCy: ``entgraph --help`` and
``import entgraph`` must not.

>>> "country" in PLACES_OPTIONS
True
"""

from __future__ import annotations

__all__ = ["GRAPHML_DIRECTIONS", "PLACES_OPTIONS"]

#: ``--places``: drop cities and regions, count them toward their country, or keep them.
PLACES_OPTIONS = ("drop", "country", "keep")

#: ``--graphml-direction``: how ``graph.graphml`` writes an edge's direction: as data only
#: (every reader opens the file), or also as GraphML's per-edge ``directed`` (Gephi and
#: yEd use it; networkx's reader refuses it, having no mixed graphs).
GRAPHML_DIRECTIONS = ("data", "per-edge")
