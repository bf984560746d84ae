"""When entgraph was first imported (imported at the top of ``entgraph/__init__.py``).

The command line's summary counts its seconds from here, so they include start-up
(importing spaCy) as well as loading the model.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
