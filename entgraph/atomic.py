"""Write files atomically: to a temporary file beside the target, then rename.

A crash or a full disk midway never leaves a half-written output behind, and a reader
never sees one. :func:`output_set` does the same for several files at once: all are
written first, and renamed into place only when every one succeeded, so a failed run
leaves the previous outputs as they were, never a mix of old and new. Temporary files
are named ``.NAME.PID.XXXX.tmp``; :func:`remove_stale_temporaries` deletes those of
processes that no longer run (a run killed with SIGKILL cannot clean up after itself).

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(target) as fh:
...     _ = fh.write(b"done")
>>> target.read_bytes()
b'done'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

__all__ = ["atomic_write", "ensure_folder", "output_set", "remove_stale_temporaries"]


def ensure_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and parents) or raise :class:`OutputError` saying why."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {path}: {exc.strerror or exc}") from exc
    if not os.access(path, os.W_OK):
        raise OutputError(f"output folder {path} is not writable")
    return path


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary temporary file that replaces ``target`` only on success."""
    target = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_prefix(target.name), suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def _prefix(name: str) -> str:
    # The writer's pid in the name tells a live run's file from a killed run's.
    return f".{name}.{os.getpid()}."


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: it exists
        return True
    return True


def remove_stale_temporaries(folder: str | os.PathLike[str], names: Iterable[str]) -> int:
    """Delete the temporary files of outputs ``names`` left in ``folder`` by processes
    that no longer run; return how many. Other files are never touched.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".graph.graphml.999999999.ab12.tmp").write_text("half")
    >>> remove_stale_temporaries(folder, ["graph.graphml"]), list(folder.iterdir())
    (1, [])
    """
    removed = 0
    for name in names:
        for path in Path(folder).glob(f".{name}.*.tmp"):
            pid = path.name[len(name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed


@contextlib.contextmanager
def output_set(folder: str | os.PathLike[str]) -> Iterator[Callable[[str], Path]]:
    """Write several files into ``folder`` as one: all or none replace what was there.

    Yields ``stage(name)``, which gives the temporary path to write output ``name`` to;
    when the block ends without an error every staged file is renamed into place, and
    on any error (or Ctrl-C, or SIGTERM) every staged file is deleted.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with output_set(folder) as stage:
    ...     _ = stage("a.txt").write_text("new")
    >>> (folder / "a.txt").read_text()
    'new'
    """
    folder = Path(folder)
    staged: dict[Path, Path] = {}

    def stage(name: str) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=_prefix(name), suffix=".tmp", dir=folder)
        os.close(fd)
        staged[folder / name] = Path(tmp)
        return Path(tmp)

    try:
        yield stage
        for target, tmp in staged.items():
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
        raise
