"""``python -m entgraph`` is the ``entgraph`` command."""

from .cli import run

raise SystemExit(run())
