"""One exception tree for everything entgraph reports to its users.

::

    EntgraphError            base class: the CLI prints its message on one line, exit 2
    ├── InputError           a path, file or record that cannot be used
    ├── ModelError           the requested spaCy pipeline is not installed or not usable
    └── OutputError          an output file or folder cannot be written

Foreign exceptions (OSError, json.JSONDecodeError, ...) are translated where they
happen, with ``raise InputError(...) from exc``, so messages always name the file.
"""

from __future__ import annotations

__all__ = ["EntgraphError", "InputError", "ModelError", "OutputError"]


class EntgraphError(Exception):
    """Base class of every error entgraph raises on purpose."""


class InputError(EntgraphError):
    """An input path, file or record cannot be used.

    >>> str(InputError("no such file or directory: 'missing.txt'"))
    "no such file or directory: 'missing.txt'"
    """


class ModelError(EntgraphError):
    """The spaCy pipeline asked for is missing or unusable."""


class OutputError(EntgraphError):
    """An output cannot be written (permissions, full disk, ...)."""
