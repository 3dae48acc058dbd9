"""What every kind's room module shares: the `Edit` an action returns, checks of what a phone
sent, and finding each kind's room module.

A kind that the room can join has a module `partnerdesk/<kind>/room.py` (found by name, like
its `cli` and `demo`), so its rules for phones live with the kind: `TASKS` (what the room can
be asked to do with it), `public(ws, opening)` (the state every phone shares, read once per
change on the owner's thread), `mine(opening, device, public)` (a device's own state, from the
session's memory) or `mine_stored(ws, opening, device)` (read for that device only), and
actions `(opening, device, body, public) -> Edit`. An action checks the shape of what the
phone sent and returns the kind's own operation to apply, with what to remember once applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from partnerdesk.changes import Changes, Operation
from partnerdesk.room.session import Refused

MAX_FIELD = 2_000


@dataclass(frozen=True)
class Edit:
    label: str
    operation: Operation
    merge_key: str | None = None
    #: Called with the applied change set, on the server's thread; returns the reply.
    done: Callable[[Changes], dict[str, Any]] = lambda changes: {}


def room_module(kind: str) -> ModuleType | None:
    """The kind's room module, or None if the room cannot join that kind."""
    from partnerdesk.kinds import kind_module

    return kind_module(kind, "room") if kind.isidentifier() else None


@cache
def tasks_by_kind() -> dict[str, tuple[str, ...]]:
    """What the room can do with each kind that it can join."""
    from partnerdesk.kinds import kind_ids

    found = {}
    for kind in kind_ids():
        module = room_module(kind)
        if module is not None:
            found[kind] = tuple(module.TASKS)
    return found


def text_field(body: Mapping[str, Any], name: str, limit: int = MAX_FIELD, required: bool = False) -> str:
    value = body.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(f"“{name}” should be text.")
    if len(value) > limit:
        raise Refused(f"That is too long: at most {limit} characters.", 413)
    if required and not value.strip():
        raise Refused("Please write something first.")
    return value


def whole_number(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(f"“{name}” should be a whole number.")
    return value
