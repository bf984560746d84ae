"""Tables built from data packages, kept between runs in the user's cache folder.

The gazetteer index (countries, cities, subdivisions; see
:mod:`entgraph.resolve.countries`) takes about 1.4 s of CPU to build from its packages,
in every process: more than all the rest of a warm rebuild of 500 cached articles.
Built once, it is pickled under ``$ENTGRAPH_DATA_CACHE`` (default
``~/.cache/entgraph``, or ``$XDG_CACHE_HOME/entgraph``) with a key made of the versions
of the packages it comes from and of the code that builds it, and loaded from there by
later runs (0.03 s). A missing, stale, damaged or unwritable file only means building
it again.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> load_or_build("squares", ["v1"], lambda: {n: n * n for n in range(3)}, folder=folder)
{0: 0, 1: 1, 2: 4}
>>> load_or_build("squares", ["v1"], lambda: "not built again", folder=folder)
{0: 0, 1: 1, 2: 4}
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["data_cache_folder", "load_or_build", "package_versions"]

T = TypeVar("T")


def data_cache_folder() -> Path:
    """Where built tables are kept (see the module doc)."""
    if os.environ.get("ENTGRAPH_DATA_CACHE"):
        return Path(os.environ["ENTGRAPH_DATA_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "entgraph"


def package_versions(names: Iterable[str]) -> list[str]:
    """``name==version`` of each installed distribution (``name==?`` when missing)."""
    out = []
    for name in names:
        try:
            out.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{name}==?")
    return out


def load_or_build(
    name: str,
    key_parts: Iterable[str],
    build: Callable[[], T],
    *,
    folder: str | os.PathLike[str] | None = None,
) -> T:
    """The table ``name`` for ``key_parts`` from the cache folder (``folder``, by default
    :func:`data_cache_folder`), or ``build()`` and keep it."""
    digest = hashlib.sha256("\x1f".join(key_parts).encode()).hexdigest()[:16]
    path = Path(folder or data_cache_folder()) / f"{name}-{digest}.pickle"
    # A damaged or stale pickle, or an unreadable file, is built again.
    with contextlib.suppress(Exception), path.open("rb") as fh:
        return pickle.load(fh)  # type: ignore[no-any-return]
    table = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)  # whole or not at all, for concurrent runs
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return table
