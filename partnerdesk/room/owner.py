"""Who applies the room's inputs: the one thread that owns the workspace.

The server never touches the workspace itself (an SQLite connection belongs to the thread that
opened it, and the laptop's undo stack must see every edit). It hands each input to an owner:
`apply` runs a core operation as one edit, `read` runs a query; both answer with a
`concurrent.futures.Future`. `DirectOwner` serves the command line: it opens the workspace on
its own single thread and applies operations directly. The app's owner (`ui/room/owner.py`)
pushes each operation onto the document's undo stack on the Qt thread instead.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from partnerdesk.changes import Changes, Operation
from partnerdesk.store import Workspace

T = TypeVar("T")


#: An edit's name on an undo menu, or a function naming it from its `Changes` once applied.
Label = str | Callable[[Changes], str]


class Owner(Protocol):
    def apply(self, label: Label, operation: Operation, merge_key: str | None = None) -> concurrent.futures.Future:
        """Run `operation(workspace)` as one edit (named `label` on an undo menu); the future's
        result is its `Changes`, or the `StorageError` that refused it."""
        ...

    def read(self, query: Callable[[Workspace], T]) -> concurrent.futures.Future:
        """Run a read-only `query(workspace)` on the owner's thread."""
        ...


class DirectOwner:
    """Applies operations straight to a workspace, one at a time, on one thread of its own."""

    def __init__(self, path: Path | str, on_changed: Callable[[Changes], None] | None = None):
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="room-owner")
        self.on_changed = on_changed
        self._closed = False
        self.workspace: Workspace = self._pool.submit(lambda: Workspace.open(path, create=False)).result()

    def apply(self, label: Label, operation: Operation, merge_key: str | None = None) -> concurrent.futures.Future:
        return self._pool.submit(self._apply, operation)

    def _apply(self, operation: Operation) -> Changes:
        changes = operation(self.workspace)
        if changes and self.on_changed is not None:
            self.on_changed(changes)
        return changes

    def read(self, query: Callable[[Workspace], T]) -> concurrent.futures.Future:
        return self._pool.submit(query, self.workspace)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.submit(self.workspace.close).result()
        self._pool.shutdown()
