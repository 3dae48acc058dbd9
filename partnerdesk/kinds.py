"""The exercise kinds, found one way: each is a package of `partnerdesk` that declares `KIND`.

A kind's core package is named for its template `kind` (`post_it_wall`, `quadrant_board`...)
and sets `KIND` to that name and `ORDER` to its place in the workbook's running order. Its
optional modules are found by name: `demo` (`add_demo(ws, ids)` adds the kind's demo records),
`cli` (registers its subcommands with `partnerdesk.cli.command`). There is no list to append
to: adding a kind means adding its packages (here and in `ui/exercises/`) and a template.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from types import ModuleType

import partnerdesk


@cache
def kinds() -> tuple[ModuleType, ...]:
    """Every kind's core package, in workbook order."""
    import pkgutil  # here: the first window lists no kinds, and pkgutil is a sizeable import

    found = []
    for info in pkgutil.iter_modules(partnerdesk.__path__):
        if not info.ispkg:
            continue
        package = importlib.import_module(f"partnerdesk.{info.name}")
        if getattr(package, "KIND", None) == info.name:
            found.append(package)
    return tuple(sorted(found, key=lambda p: (getattr(p, "ORDER", 1000), p.KIND)))


def kind_ids() -> list[str]:
    return [package.KIND for package in kinds()]


def kind_module(kind: str, name: str) -> ModuleType | None:
    """A kind's module `name` (`demo`, `cli`...), or None if the kind has none.

    `kind` may come from a file (an exercise's or a template's `kind`): anything that is not a
    plain name is no kind, and never becomes a dotted path to some other module."""
    if not kind.isidentifier():
        return None
    full = f"partnerdesk.{kind}.{name}"
    try:
        if importlib.util.find_spec(full) is None:
            return None
    except ModuleNotFoundError:  # no package for that kind at all
        return None
    return importlib.import_module(full)
