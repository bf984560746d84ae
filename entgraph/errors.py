"""One exception tree for everything entgraph reports to its users.

::

    EntgraphError            base class: the CLI prints its message on one line, exit 2
    ├── InputError           a path, file, record or argument that cannot be used
    │                        (also a ValueError)
    ├── ModelError           the requested spaCy pipeline is not installed or not usable
    ├── OutputError          an output file or folder cannot be written
    └── EntityNotFoundError  a name that is no entity of the graph, or more than one
                             (also a KeyError)

Foreign exceptions (OSError, json.JSONDecodeError, ...) are translated where they
happen, with ``raise InputError(...) from exc``, so messages always name the file.
"""

from __future__ import annotations

__all__ = ["EntgraphError", "EntityNotFoundError", "InputError", "ModelError", "OutputError"]


class EntgraphError(Exception):
    """Base class of every error entgraph raises on purpose."""


class InputError(EntgraphError, ValueError):
    """An input path, file, record or argument cannot be used.

    It is a ``ValueError`` too, so code that caught the bare ``ValueError`` of a bad
    argument keeps working.

    >>> str(InputError("no such file or directory: 'missing.txt'"))
    "no such file or directory: 'missing.txt'"
    """


class ModelError(EntgraphError):
    """The spaCy pipeline asked for is missing or unusable."""


class OutputError(EntgraphError):
    """An output cannot be written (permissions, full disk, ...)."""


class EntityNotFoundError(EntgraphError, KeyError):
    """A name matches no entity of the graph, or several (the message says which).

    It is a ``KeyError`` too, so ``except KeyError`` works as for a dict.

    >>> str(EntityNotFoundError("no entity named 'Ann Leigh'; did you mean: Ann Lee?"))
    "no entity named 'Ann Leigh'; did you mean: Ann Lee?"
    """

    def __str__(self) -> str:
        # KeyError's str() is the repr of its argument; show the message as written.
        return str(self.args[0]) if self.args else ""
