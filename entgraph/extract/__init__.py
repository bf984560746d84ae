"""Extraction: one spaCy ``Doc`` in, one plain :class:`DocumentRecords` out.

This is the only place where live spaCy objects are read; what leaves it is plain data.
Mentions come first: quotes and affiliations refer to entities by their mention keys.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Document, DocumentRecords
from ..resolve.aliases import AliasTable
from .affiliations import extract_affiliations, find_affiliation_cues
from .mentions import extract_mentions
from .quotes import extract_quotes
from .sentences import SentenceIndex, split_sentences

__all__ = ["extract_document"]


def extract_document(
    doc: Doc,
    document: Document,
    *,
    aliases: AliasTable | None = None,
) -> DocumentRecords:
    """Extract the records of ``document`` from its parsed ``doc``.

    Mentions and the document's local entities come first (their identity within the
    document is decided by :mod:`entgraph.resolve.local`); quotes and affiliations
    refer to them by key.
    """
    sentences = split_sentences(doc)
    index = SentenceIndex(sentences)
    cues = find_affiliation_cues(doc)
    mentions, entities = extract_mentions(doc, index, cues=cues, aliases=aliases)
    return DocumentRecords(
        document_id=document.id,
        text=document.text,
        sentences=sentences,
        mentions=mentions,
        quotes=extract_quotes(doc, index, mentions),
        affiliations=extract_affiliations(index, mentions, cues),
        entities=entities,
    )
