"""entgraph: turn news text into a graph of who is mentioned with whom, and who said
what about whom.

>>> import entgraph
>>> result = entgraph.build_graph(["seeds/"])          # doctest: +SKIP
>>> result.write("out/")                               # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import _threads  # noqa: F401  (before anything loads numpy: see the module)
from ._started import STARTED
from .api import OUTPUT_FILES, GraphResult, build_graph
from .errors import EntgraphError, EntityNotFoundError, InputError, ModelError, OutputError
from .load import load
from .records import Affiliation, Document, DocumentRecords, Mention, Quote, Sentence

__all__ = [
    "OUTPUT_FILES",
    "STARTED",
    "Affiliation",
    "Document",
    "DocumentRecords",
    "EntgraphError",
    "EntityNotFoundError",
    "GraphResult",
    "InputError",
    "Mention",
    "ModelError",
    "OutputError",
    "Quote",
    "Sentence",
    "__version__",
    "build_graph",
    "load",
]
