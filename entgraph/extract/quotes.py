"""Quotations: direct, partial and reported speech, with speakers.

Being built (issue 4); until then no quote is extracted.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Mention, Quote
from .sentences import SentenceIndex

__all__ = ["extract_quotes"]


def extract_quotes(
    doc: Doc, index: SentenceIndex, mentions: tuple[Mention, ...]
) -> tuple[Quote, ...]:
    """The quotes of ``doc``, each with its speaker resolved against ``mentions``."""
    return ()
