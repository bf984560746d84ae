"""Work in a forked child process: when it is safe, and what runs beside what.

Forking copies a process with everything it has loaded (the model, the graph) at no
cost, so a child can start work at once. It is safe only on Linux, in a process that
runs no other thread: a thread may hold a lock at the moment of the fork, which the
child then waits on forever (macOS's system libraries are not fork-safe, Windows
cannot fork). :func:`can_fork` makes that decision, for the ``--jobs`` workers and for
:func:`beside`.

>>> with beside(lambda: None):
...     pass
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["beside", "can_fork"]


def can_fork() -> bool:
    """Whether this process may fork children safely (see the module's docstring)."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextmanager
def beside(task: Callable[[], object]) -> Iterator[None]:
    """Run ``task`` in a forked child while the ``with`` body runs here.

    The block ends when both are done. Without a second core, or where forking is not
    safe, ``task`` runs here after the body. The child's outcome comes back only as
    its exit status, so ``task`` must leave its result in files, and touch nothing
    open in this process (no database connection). When the child fails, ``task``
    runs again here, so its error is raised in this process, as it would have been
    without a child. When the body fails, or is interrupted, the child is killed.
    """
    pid = None
    if _cores() > 1 and can_fork():
        try:
            pid = os.fork()
        except OSError:  # no memory or processes left for a child: do it here
            pid = None
    if pid == 0:  # the child: never return into the parent's code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            gc.disable()  # nothing to collect in a short life; no finalizer runs
            task()
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
    try:
        yield
        if pid is not None:
            _, status = os.waitpid(pid, 0)
            pid = None
            if os.waitstatus_to_exitcode(status) == 0:
                return
        task()
    finally:
        if pid is not None:  # the body failed or was interrupted: stop the child
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
