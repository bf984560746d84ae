"""Extraction: one spaCy ``Doc`` in, one plain :class:`DocumentRecords` out.

This is the only place where live spaCy objects are read; what leaves it is plain data.
Mentions come first: quotes and affiliations refer to entities by their mention keys.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..aliases import AliasTable
from ..records import Document, DocumentRecords
from .affiliations import extract_affiliations, find_affiliation_cues
from .mentions import PLACES_OPTIONS, extract_mentions
from .quotes import extract_quotes
from .sentences import SentenceIndex, split_sentences

__all__ = ["PLACES_OPTIONS", "extract_document"]


def extract_document(
    doc: Doc,
    document: Document,
    *,
    places: str = "drop",
    aliases: AliasTable | None = None,
) -> DocumentRecords:
    """Extract the records of ``document`` from its parsed ``doc``."""
    sentences = split_sentences(doc)
    index = SentenceIndex(sentences)
    cues = find_affiliation_cues(doc)
    mentions = extract_mentions(doc, index, places=places, cues=cues, aliases=aliases)
    return DocumentRecords(
        document_id=document.id,
        text=document.text,
        sentences=sentences,
        mentions=mentions,
        quotes=extract_quotes(doc, index, mentions),
        affiliations=extract_affiliations(index, mentions, cues),
    )
