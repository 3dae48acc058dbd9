"""The open workspace as the UI sees it: the store, its undo stack, and change signals.

Commands change the store through this object; screens and models listen to its signals and
mirror the store. Nothing else in `ui/` writes to the store.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from partnerdesk.changes import Changes, Operation
from partnerdesk.errors import StorageError
from partnerdesk.store import Snapshot, Workspace

log = logging.getLogger(__name__)


class WorkspaceDocument(QObject):
    """Owns one open `Workspace` and its `QUndoStack`.

    Signals carry the table name and record ids, past tense: the change is already on disk.
    """

    # The ids and column names are Python lists handed over as they are (`object`): a `list`
    # signal argument is converted to Qt and back for every receiver, string by string, which
    # for the thousand ids of a drag cost more than the scene's whole mirror and slowed the
    # next repaint. Listeners read the lists and never change them.
    records_added = Signal(str, object)  # table, ids
    records_changed = Signal(str, object, object)  # table, ids, changed column names
    records_removed = Signal(str, object)  # table, ids
    #: The whole change set of an operation (or its undo), after the per-table signals.
    changed = Signal(object)  # partnerdesk.changes.Changes
    #: A store error a command could not recover from; the window shows it.
    error_occurred = Signal(object)  # StorageError

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        # Keep undo memory bounded over a long day; each step is small.
        self.undo_stack.setUndoLimit(1000)
        #: The change set whose signals are being emitted (None between them): a listener of
        #: the per-table signals can read the rows' new values from it instead of the store.
        self.announcing: Changes | None = None

    @property
    def path(self):
        return self.workspace.path

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def close(self) -> None:
        self.undo_stack.clear()
        self.workspace.close()

    # -- the one path for edits ----------------------------------------------------------------

    def push(self, command: QUndoCommand) -> bool:
        """Run a command and keep it for undo; returns False if the store refused it."""
        if self.read_only:
            self.error_occurred.emit(
                StorageError("This workspace is open read-only; changes are not possible.", self.path)
            )
            return False
        self.undo_stack.push(command)
        return not getattr(command, "failed", False)

    @contextlib.contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group the commands pushed inside into one undo step. If none of them succeeded
        (the store refused the first), no empty step is left on the Edit menu."""
        stack = self.undo_stack
        stack.beginMacro(text)
        try:
            yield
        finally:
            stack.endMacro()
            index = stack.index()
            last = stack.command(index - 1) if index > 0 else None
            if last is not None and last.childCount() == 0:
                # An obsolete command is dropped by undo() without being undone.
                last.setObsolete(True)
                stack.undo()

    # -- operations (each emits from its change set after the commit) ------------------------

    def run(self, operation: Operation) -> Changes:
        """Run a core operation (`operation(workspace) -> Changes`) and tell listeners."""
        changes = operation(self.workspace)
        self.emit_changes(changes)
        return changes

    def apply(self, changes: Changes) -> None:
        """Put a change set's after images in the store (redo; undo passes its inverse)."""
        self.workspace.apply(changes)
        self.emit_changes(changes)

    def emit_changes(self, changes: Changes) -> None:
        """Signals from a change set: removals children first, additions parents first."""
        if not changes:
            return
        summary = changes.summary()  # one pass over the rows, however many
        order = list(summary)
        outer, self.announcing = self.announcing, changes
        try:
            for table in reversed(order):
                if summary[table].removed:
                    self.records_removed.emit(table, summary[table].removed)
            for table in order:
                if summary[table].added:
                    self.records_added.emit(table, summary[table].added)
            for table in order:
                if summary[table].changed:
                    self.records_changed.emit(table, summary[table].changed, summary[table].columns)
            self.changed.emit(changes)
        finally:
            self.announcing = outer

    # -- store operations for the generic record commands ---------------------------------------

    def insert(self, table: str, rows: list[dict[str, Any]], ids: list[str]) -> None:
        self.workspace.insert_many(table, rows, ids)
        self.records_added.emit(table, list(ids))

    def update(self, table: str, changes: Mapping[str, Mapping[str, Any]]) -> None:
        self.workspace.update_many(table, changes)
        columns = sorted({c for values in changes.values() for c in values})
        self.records_changed.emit(table, list(changes), columns)

    def delete(self, table: str, ids: Iterable[str]) -> Snapshot:
        snapshot = self.workspace.delete_many(table, ids)
        self._emit_removed(snapshot)
        return snapshot

    def restore(self, snapshot: Snapshot) -> None:
        self.workspace.restore(snapshot)
        by_table: dict[str, list[str]] = {}
        for table, row in snapshot.rows:
            by_table.setdefault(table, []).append(row["id"])
        for table, ids in by_table.items():
            self.records_added.emit(table, ids)
        cleared: dict[str, list[str]] = {}
        for table, record_id, _column, _value in snapshot.cleared:
            cleared.setdefault(table, []).append(record_id)
        for table, ids in cleared.items():
            self.records_changed.emit(table, ids, [])

    def _emit_removed(self, snapshot: Snapshot) -> None:
        # Children first, so listeners never see a child whose parent is already gone.
        by_table: dict[str, list[str]] = {}
        for table, row in reversed(snapshot.rows):
            by_table.setdefault(table, []).append(row["id"])
        for table, ids in by_table.items():
            self.records_removed.emit(table, ids)
        cleared: dict[str, list[str]] = {}
        for table, record_id, _column, _value in snapshot.cleared:
            cleared.setdefault(table, []).append(record_id)
        for table, ids in cleared.items():
            self.records_changed.emit(table, ids, [])
