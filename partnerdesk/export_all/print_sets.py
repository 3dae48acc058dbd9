"""What a kind offers File ▸ Print… for a workshop or a programme, found through each kind's
`export.print_sets(ws, scope, scope_id)` hook: the learning log offers its own PDFs, printed only
for their owners, without any shared module reading a log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from partnerdesk.kinds import kind_ids, kind_module
from partnerdesk.store import Workspace


@dataclass(frozen=True)
class PrintSet:
    """One line of the print list: documents made as PDF bytes when printed."""

    label: str  # "The learning logs of every attendee (12)"
    title: str  # the print job's name
    #: (whose or what, a function making its PDF), in print order.
    documents: tuple[tuple[str, Callable[[], bytes]], ...]
    #: Ask which one of `documents` to print (with this question) rather than print them all.
    pick_one: str = ""


def kind_print_sets(ws: Workspace, scope: str, scope_id: str) -> list[PrintSet]:
    """Every kind's print sets for a "workshop" or "programme", in the kinds' order."""
    found: list[PrintSet] = []
    for kind in kind_ids():
        module = kind_module(kind, "export")
        hook = getattr(module, "print_sets", None) if module is not None else None
        if hook is not None:
            found += hook(ws, scope, scope_id)
    return found
