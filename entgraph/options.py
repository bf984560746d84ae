"""Option values that the command line and the API check before any model is loaded.

Kept apart from the modules that use them, which import spaCy: ``entgraph --help`` and
``import entgraph`` must not.

>>> "country" in PLACES_OPTIONS
True
"""

from __future__ import annotations

__all__ = ["PLACES_OPTIONS"]

#: ``--places``: drop cities and regions, count them toward their country, or keep them.
PLACES_OPTIONS = ("drop", "country", "keep")
