"""Run the extraction over a stream of documents: text -> Doc -> records.

This is the only loop over documents; the API and the CLI call it. A document that
fails to extract is reported and skipped, never the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from .aliases import AliasTable
from .diagnostics import Diagnostics
from .extract import extract_document
from .records import Document, DocumentRecords

__all__ = ["extract_records"]


def _usable(
    documents: Iterable[Document], nlp: Language, diagnostics: Diagnostics
) -> Iterator[tuple[str, Document]]:
    for doc in documents:
        if not doc.text.strip():
            diagnostics.skip("empty")
            continue
        if len(doc.text) > nlp.max_length:
            diagnostics.warn(
                f"{doc.source or doc.id}: document of {len(doc.text):,} characters is longer "
                f"than the pipeline's limit ({nlp.max_length:,}); skipped",
                strictable=False,
            )
            diagnostics.skip("too long")
            continue
        yield doc.text, doc


def extract_records(
    documents: Iterable[Document],
    nlp: Language,
    *,
    places: str = "drop",
    aliases: AliasTable | None = None,
    diagnostics: Diagnostics | None = None,
    batch_size: int = 64,
    on_document: Callable[[], None] | None = None,
) -> Iterator[DocumentRecords]:
    """Parse ``documents`` with ``nlp.pipe`` and yield the records of each.

    Empty documents are counted in ``diagnostics.skipped`` and yield nothing.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    pairs = _usable(documents, nlp, diagnostics)
    for spacy_doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield extract_document(spacy_doc, document, places=places, aliases=aliases)
        except Exception as exc:  # one bad document must not lose the corpus
            diagnostics.warn(
                f"{document.source or document.id}: extraction failed "
                f"({type(exc).__name__}: {exc}); skipped",
                strictable=False,
            )
            diagnostics.skip("failed")
        finally:
            if on_document is not None:
                on_document()
