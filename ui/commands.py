"""Undoable commands over the store.

`OperationCommand` runs one core operation (`partnerdesk.changes`) and keeps its change set:
undo applies the inverse, redo the change set again. Exercise kinds subclass it with a command
named for what the facilitator did (`AddPostItCommand`, `PlaceStakeholderCommand`...).
The generic record commands (add, change, delete records of any table) remain for the editors
of programmes, workshops, participants and agenda.

A command never touches widgets. A store error in the first `redo()` marks the command failed
and obsolete, so it never enters the undo stack, and is reported to the user.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from partnerdesk.changes import Changes, Operation
from partnerdesk.errors import StorageError
from partnerdesk.store import Snapshot, new_id
from ui.document import WorkspaceDocument

log = logging.getLogger(__name__)


class StoreCommand(QUndoCommand):
    """Base: subclasses implement `_redo` and `_undo`; errors are caught and reported."""

    def __init__(self, document: WorkspaceDocument, text: str):
        super().__init__(text)
        self.document = document
        self.failed = False
        self._done_once = False

    def redo(self) -> None:
        try:
            self._redo()
            self._done_once = True
        except StorageError as exc:
            self._fail(exc)

    def undo(self) -> None:
        try:
            self._undo()
        except StorageError as exc:
            self._fail(exc)

    def _fail(self, exc: StorageError) -> None:
        log.warning("command %r failed: %s", self.text(), exc)
        if not self._done_once:
            self.failed = True
        # Obsolete in any case: QUndoStack then drops the command instead of believing a failed
        # undo/redo happened, so the stack always describes what is on disk.
        self.setObsolete(True)
        self.document.error_occurred.emit(exc)

    def _redo(self) -> None:
        """Subclasses make the change here."""

    def _undo(self) -> None:
        """Subclasses make the change here."""


class OperationCommand(StoreCommand):
    """One core operation as one undo step.

    The first `redo()` runs the operation (every rule lives there); later redos and undos
    replay its recorded change set, so they need no rule and cannot drift. With a `merge_key`,
    consecutive commands with the same key merge into one step (typing, a held arrow key).
    """

    _MERGE_ID = 2

    def __init__(self, document: WorkspaceDocument, text: str, operation: Operation,
                 merge_key: str | None = None):
        super().__init__(document, text)
        self.operation = operation
        self.merge_key = merge_key
        self.changes: Changes | None = None

    @property
    def value(self) -> Any:
        """What the operation returned (a new record's id, say); None before it ran."""
        return self.changes.value if self.changes is not None else None

    def id(self) -> int:
        return self._MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OperationCommand) or other.failed or other.merge_key != self.merge_key:
            return False
        if self.changes is None or other.changes is None:
            return False
        self.changes = self.changes.then(other.changes)
        if not self.changes:
            self.setObsolete(True)
        return True

    def _redo(self) -> None:
        if self.changes is None:
            self.changes = self.document.run(self.operation)
            if not self.changes:
                # Nothing changed (the same value typed again): no empty step on the Edit menu.
                self.setObsolete(True)
        else:
            self.document.apply(self.changes)

    def _undo(self) -> None:
        if self.changes is not None:
            self.document.apply(self.changes.inverse())


class AddRecordsCommand(StoreCommand):
    """Add one or more records of a table; ids are chosen now so redo restores the same ones."""

    def __init__(
        self,
        document: WorkspaceDocument,
        table: str,
        rows: Sequence[Mapping[str, Any]],
        text: str,
        ids: Sequence[str] | None = None,
    ):
        super().__init__(document, text)
        self.table = table
        self.rows = [dict(r) for r in rows]
        self.ids = list(ids) if ids is not None else [new_id() for _ in self.rows]
        self._snapshot: Snapshot | None = None

    @property
    def id(self) -> str:
        return self.ids[0]

    def _redo(self) -> None:
        if self._snapshot is not None:
            # Redo after undo: put back exactly what was there, children included.
            self.document.restore(self._snapshot)
        else:
            self.document.insert(self.table, self.rows, self.ids)

    def _undo(self) -> None:
        self._snapshot = self.document.delete(self.table, self.ids)


class ChangeRecordsCommand(StoreCommand):
    """Change columns of one or more records of a table.

    With a `merge_key`, consecutive changes with the same key and the same records merge into
    one undo step (typing a word, a nudge held down); each change is still written at once.
    """

    _MERGE_ID = 1

    def __init__(
        self,
        document: WorkspaceDocument,
        table: str,
        after: Mapping[str, Mapping[str, Any]],
        text: str,
        merge_key: str | None = None,
    ):
        super().__init__(document, text)
        self.table = table
        self.after = {rid: dict(values) for rid, values in after.items()}
        self.before: dict[str, dict[str, Any]] = {}
        workspace = document.workspace
        for record_id, values in self.after.items():
            row = workspace.get(table, record_id)
            if row is None:
                raise StorageError(f"The {table} record {record_id} no longer exists.")
            self.before[record_id] = {column: row[column] for column in values}
        self.merge_key = merge_key

    def id(self) -> int:
        return self._MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeRecordsCommand) or other.failed:
            return False
        if other.merge_key != self.merge_key or other.table != self.table:
            return False
        if set(other.after) != set(self.after):
            return False
        for record_id, values in other.after.items():
            self.after[record_id].update(values)
            for column in values:
                if column not in self.before[record_id]:
                    self.before[record_id][column] = other.before[record_id][column]
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def _redo(self) -> None:
        self.document.update(self.table, self.after)

    def _undo(self) -> None:
        self.document.update(self.table, self.before)


class DeleteRecordsCommand(StoreCommand):
    """Delete records and everything that depends on them, as one undo step."""

    def __init__(self, document: WorkspaceDocument, table: str, ids: Sequence[str], text: str):
        super().__init__(document, text)
        self.table = table
        self.ids = list(ids)
        self._snapshot: Snapshot | None = None

    def _redo(self) -> None:
        self._snapshot = self.document.delete(self.table, self.ids)

    def _undo(self) -> None:
        if self._snapshot is not None:
            self.document.restore(self._snapshot)


def change_field(
    document: WorkspaceDocument,
    table: str,
    record_id: str,
    column: str,
    value: Any,
    label: str,
    typing_session: str | None = None,
) -> bool:
    """Push a change of one field. Changes from one typing session (one visit to a text field,
    every keystroke on disk) merge into one undo step; a finished cell edit stands alone."""
    row = document.workspace.get(table, record_id)
    if row is None or row[column] == value:
        return True
    merge_key = None if typing_session is None else f"{table}:{record_id}:{column}:{typing_session}"
    command = ChangeRecordsCommand(document, table, {record_id: {column: value}}, f"Edit {label}",
                                   merge_key=merge_key)
    return document.push(command)
