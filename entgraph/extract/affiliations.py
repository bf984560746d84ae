"""Affiliations: person -> organization or country, with the role text.

Being built (issue 9); until then no affiliation is extracted.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Affiliation, Mention
from .sentences import SentenceIndex

__all__ = ["extract_affiliations"]


def extract_affiliations(
    doc: Doc, index: SentenceIndex, mentions: tuple[Mention, ...]
) -> tuple[Affiliation, ...]:
    """The affiliations stated in ``doc`` between entities of ``mentions``."""
    return ()
