"""Ordered schema migrations: `mNNNN_name.py` modules, each with `migrate(db)`.

A released migration is never edited; a change to the schema is a new module with the next
number. Numbers are the schema version stored in ``PRAGMA user_version``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    migrate: Callable[[sqlite_utils.Database], None]


_NAME = re.compile(r"^m(\d{4})_(\w+)$")


def all_migrations() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(match.group(1)), match.group(2), module.migrate))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {versions}")
    return found


def latest_version() -> int:
    return len(all_migrations())
