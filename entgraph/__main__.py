"""``python -m entgraph`` is the ``entgraph`` command."""

from .cli import main

raise SystemExit(main())
