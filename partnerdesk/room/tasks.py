"""What every kind's room module shares: the `Edit` an action returns, checks of what a phone
sent, and finding each kind's room module.

A kind that the room can join has a module `partnerdesk/<kind>/room.py` (found by name, like
its `cli` and `demo`), so its rules for phones live with the kind: `TASKS` (what the room can
be asked to do with it), `public(ws, opening)` (the state every phone shares, read once per
change on the owner's thread), `mine(opening, device, public)` (a device's own state, from the
session's memory) or `mine_stored(ws, opening, device)` (read for that device only), and
actions `(opening, device, body, public) -> Edit`. An action checks the shape of what the
phone sent and returns the kind's own operation to apply, with what to remember once applied.

Inputs of the same sort arriving together (a room answering at once) are applied as one edit
(`apply_together`): one transaction, one undo step named for them all, and for the audit one
shuffle of its round instead of one per answer. Each input still runs its kind's own operation,
in a savepoint of its own, so one that the kind's rules refuse is refused alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from partnerdesk.changes import Changes, Operation, operation
from partnerdesk.errors import InvalidValue
from partnerdesk.room.session import Refused
from partnerdesk.store import Workspace

MAX_FIELD = 2_000


@dataclass(frozen=True)
class Edit:
    label: str
    operation: Operation
    merge_key: str | None = None
    #: Called with the applied change set, on the server's thread; returns the reply.
    done: Callable[[Changes], dict[str, Any]] = lambda changes: {}
    #: The undo step's name for several such inputs applied together, with `{n}` for their
    #: number ("Add {n} post-its from phones"); "" if this input is always applied alone.
    plural: str = ""
    #: Wraps applying several such inputs in one transaction (the audit: `one_shuffle`).
    together: Callable[[Workspace], AbstractContextManager[Any]] | None = None


def together_label(edits: Sequence[Edit], outcomes: Sequence[Any] | None = None) -> str:
    """The undo step's name for `edits` applied as one; given their `outcomes`, it counts only
    those that were not refused."""
    if outcomes is not None:
        kept = [e for e, o in zip(edits, outcomes, strict=True) if not isinstance(o, Exception)]
        edits = kept or edits
    return edits[0].label if len(edits) == 1 else edits[0].plural.format(n=len(edits))


def apply_together(edits: Sequence[Edit]) -> Operation:
    """One operation applying every edit in order, each in its own savepoint.

    Its `Changes.value` has one outcome per edit, in order: the edit's own `Changes`, or the
    `InvalidValue` with which the kind's rules refused it (that edit alone is rolled back). Any
    other error (the disk is full...) fails them all: nothing is stored.
    """
    edits = list(edits)

    @operation
    def apply(ws: Workspace) -> list[Changes | InvalidValue]:
        outcomes: list[Changes | InvalidValue] = []
        wrap = edits[0].together
        with wrap(ws) if wrap is not None else contextlib.nullcontext():
            for edit in edits:
                try:
                    # A savepoint: a refusal takes back this edit's writes, and its rows leave
                    # the change set (the edit may run several operations, the audit's does).
                    with ws.recording(), ws.atomic():
                        outcomes.append(edit.operation(ws))
                except InvalidValue as exc:
                    outcomes.append(exc)
        return outcomes

    return apply


def room_module(kind: str) -> ModuleType | None:
    """The kind's room module, or None if the room cannot join that kind."""
    from partnerdesk.kinds import kind_module

    return kind_module(kind, "room")


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
