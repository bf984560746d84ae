"""User alias files: the user's word on names and types, over everything else.

A CSV file with a header row and the columns ``name``, ``type`` and ``aliases``
(other aliases separated by ``|``). ``type`` is PERSON, ORG, COUNTRY or PLACE, or
EXCLUDE for names that must never become nodes. Lines starting with ``#`` are comments.

.. code-block:: text

    name,type,aliases
    Jane Q. Doe,PERSON,Doe|J. Q. Doe|Janie
    Acme Corporation,ORG,Acme|ACME Corp.
    Hellfire,EXCLUDE,

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "aliases.csv"
>>> _ = path.write_text("name,type,aliases\\nAcme Corporation,ORG,Acme|ACME Corp.\\n")
>>> table = load_aliases(path)
>>> table.lookup("ACME CORP.").name
'Acme Corporation'
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .countries import lookup_country, normalize_name

__all__ = ["ALIAS_TYPES", "AliasEntry", "AliasTable", "load_aliases"]

ALIAS_TYPES = ("PERSON", "ORG", "COUNTRY", "PLACE", "EXCLUDE")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One canonical entity of the alias file."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The entity key of this entity (``org:acme corporation``)."""
        if self.type == "COUNTRY":
            country = lookup_country(self.name)
            if country is not None:
                return f"country:{country.code.lower()}"
        return f"{self.type.lower()}:{self.name.casefold()}"

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class AliasTable:
    """Aliases by normalized surface form; see :func:`load_aliases`."""

    entries: tuple[AliasEntry, ...] = ()
    fingerprint: str = ""
    _by_form: dict[str, AliasEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in entry.surface_forms:
                self._by_form.setdefault(normalize_name(form), entry)

    def lookup(self, text: str) -> AliasEntry | None:
        """The entry naming ``text`` (case, "the" and possessive ignored), or None."""
        return self._by_form.get(normalize_name(text))

    @property
    def surface_forms(self) -> list[str]:
        """Every name and alias, to find them in text."""
        return [form for entry in self.entries for form in entry.surface_forms]

    def __bool__(self) -> bool:
        return bool(self.entries)


def _parse(text: str, source: str) -> list[AliasEntry]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = {"name", "type"} - set(header)
    if missing:
        raise InputError(
            f"{source}: alias file needs the columns name, type, aliases "
            f"(missing: {', '.join(sorted(missing))})"
        )
    reader.fieldnames = header
    entries = []
    for row in reader:
        where = f"{source}:{reader.line_num}"
        name = (row.get("name") or "").strip()
        type_ = (row.get("type") or "").strip().upper()
        if not name:
            raise InputError(f"{where}: empty name")
        if type_ not in ALIAS_TYPES:
            raise InputError(f"{where}: type {type_!r} is not one of {', '.join(ALIAS_TYPES)}")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        entries.append(AliasEntry(name, type_, aliases))
    return entries


def load_aliases(path: str | os.PathLike[str]) -> AliasTable:
    """Read an alias CSV file; raise :class:`InputError` naming the file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read alias file {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: alias file is not UTF-8 text") from exc
    entries = _parse(text, str(path))
    return AliasTable(tuple(entries), fingerprint=hashlib.sha256(data).hexdigest()[:16])
