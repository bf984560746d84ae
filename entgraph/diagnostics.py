"""Collect the warnings and skip counts of a run, instead of raising.

One bad document must never lose the rest of a corpus, so readers and the pipeline
report problems here; the CLI prints them as they come and sums them up at the end.

>>> d = Diagnostics()
>>> d.warn("data.jsonl:3: not valid JSON")
>>> d.warnings
['data.jsonl:3: not valid JSON']
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from .errors import InputError

__all__ = ["Diagnostics"]

logger = logging.getLogger("entgraph")


@dataclass
class Diagnostics:
    """Warnings, notes and skipped-document counts for one run.

    With ``strict=True`` a warning about bad input raises :class:`InputError` instead.
    """

    strict: bool = False
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    #: Documents whose records came from the cache, and copies of an earlier text.
    cached: int = 0
    duplicates: int = 0
    #: Record without logging (a first pass over inputs that may be read again).
    quiet: bool = False

    def warn(self, message: str, *, strictable: bool = True) -> None:
        """Record a problem with the input; raise it instead in strict mode."""
        if self.strict and strictable:
            raise InputError(message)
        self.warnings.append(message)
        if not self.quiet:
            logger.warning(message)

    def note(self, message: str) -> None:
        """Record something the user may want to know that is not a problem."""
        self.notes.append(message)
        if not self.quiet:
            logger.info(message)

    def skip(self, reason: str) -> None:
        """Count a document skipped for ``reason`` (``"empty"``, ``"binary"``, ...)."""
        self.skipped[reason] += 1
