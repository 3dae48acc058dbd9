"""Ordered schema migrations: `mNNNN_name.py` modules, each with `migrate(db)`.

A released migration is never edited; a change to the schema is a new module with the next
number. Numbers are the schema version stored in ``PRAGMA user_version``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.machinery
import os
import re
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from partnerdesk.migrations import schema
from partnerdesk.plain import Frozen

if TYPE_CHECKING:
    import sqlite_utils


class Migration(Frozen):
    __slots__ = _fields = ("version", "name", "migrate")
    version: int
    name: str
    migrate: Callable[[sqlite_utils.Database], None]

    def __init__(self, version: int, name: str, migrate: Callable[[sqlite_utils.Database], None]) -> None:
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "migrate", migrate)


_NAME = re.compile(r"^m(\d{4})_(\w+)$")


@functools.cache
def _module_names() -> tuple[tuple[int, str, str], ...]:
    """(version, name, module) of every migration module, in order, checked to have no gaps.

    Listed once per process: opening a workspace asks several times, and each listing reads the
    package's folder."""
    found = []
    for module in _module_listing():
        match = _NAME.match(module)
        if match:
            found.append((int(match.group(1)), match.group(2), module))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {versions}")
    return tuple(found)


def all_migrations() -> list[Migration]:
    return [Migration(version, name, importlib.import_module(f"{__name__}.{module}").migrate)
            for version, name, module in _module_names()]


def latest_version() -> int:
    """The schema version this code writes, found from the module names without importing them
    (the migrations import sqlite-utils, which opening an up-to-date workspace does not need)."""
    return len(_module_names())


def _module_listing() -> Iterable[str]:
    """The names of this package's modules: read from its folder when they are files there (from
    source, as `pkgutil.iter_modules` reads them, without importing `pkgutil` at every start), else
    (a bundle's archive) from `pkgutil`."""
    if isinstance(__loader__, importlib.machinery.SourceFileLoader | importlib.machinery.SourcelessFileLoader):
        names = set()
        suffixes = sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)
        for folder in __path__:
            with contextlib.suppress(OSError):
                for entry in os.listdir(folder):
                    suffix = next((s for s in suffixes if entry.endswith(s)), None)
                    if suffix is not None:
                        names.add(entry[:-len(suffix)])
                    elif "." not in entry and os.path.isfile(os.path.join(folder, entry, "__init__.py")):
                        names.add(entry)
        names.discard("__init__")
        if names:
            return names
    import pkgutil

    return [info.name for info in pkgutil.iter_modules(__path__)]


_EXPECTED: dict[int, Mapping[str, AbstractSet[str]]] = {}


def expected_schema(version: int) -> Mapping[str, AbstractSet[str]]:
    """The tables and columns a workspace of `version` has: the latest version's written down
    (`partnerdesk.migrations.schema`, tested against `built_schema`), older ones built."""
    if version == schema.VERSION:
        return schema.TABLES
    if version not in _EXPECTED:
        _EXPECTED[version] = built_schema(version)
    return _EXPECTED[version]


def built_schema(version: int) -> dict[str, set[str]]:
    """The tables and columns that running the migrations up to `version` in an in-memory
    database makes."""
    from partnerdesk.workspace_file import _schema_of, database  # the store's, when first asked

    db = database()
    try:
        for migration in all_migrations():
            if migration.version <= version:
                migration.migrate(db)
        return _schema_of(db.conn)
    finally:
        db.close()
