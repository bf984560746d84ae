"""Keep entgraph's processes single-threaded: no idle BLAS threads (imported first by
``entgraph/__init__.py``, before anything loads numpy).

spaCy's CPU pipelines do their matrix products with ``blis``, in the calling thread.
numpy's bundled OpenBLAS starts a pool of threads when numpy is loaded (one per core
less one) that spaCy never uses, and their mere presence costs: a process with more
than one thread takes a lock on every memory allocation, and the parser allocates all
the time. Parsing 80 BBC articles took 10-15% more CPU with one idle extra thread
than without (same parses); ``--jobs`` workers, started from this process, inherit
the setting.

So unless the user chose a number of threads (``OPENBLAS_NUM_THREADS``,
``GOTO_NUM_THREADS`` or ``OMP_NUM_THREADS`` set), OpenBLAS is asked for one. When
numpy was imported before entgraph its threads exist already, and nothing changes.
"""

from __future__ import annotations

import os
import sys

#: The variables OpenBLAS reads for its number of threads, in the order it reads them.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def single_blas_thread(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Ask OpenBLAS for one thread unless numpy is loaded or the user chose a number;
    whether it was asked.

    >>> single_blas_thread({"OMP_NUM_THREADS": "4"})
    False
    >>> import numpy
    >>> single_blas_thread({})  # numpy is loaded: too late
    False
    """
    if "numpy" in sys.modules or any(environ.get(v) for v in BLAS_THREAD_VARIABLES):
        return False
    environ["OPENBLAS_NUM_THREADS"] = "1"
    return True


single_blas_thread()
