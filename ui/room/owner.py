"""The app's owner of room inputs: each one runs on the Qt thread as an undoable command.

The server's thread calls `apply`/`read`; the job crosses to the Qt thread through a queued
signal and answers through a `concurrent.futures.Future`. A phone's input is pushed onto the
document's undo stack like any laptop edit (`RoomCommand`, an `OperationCommand`), so the
screens and the projector mirror it through the document's signals and the facilitator can
undo it. A refusal by the kind's rules goes back to the phone, not to a message box.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from partnerdesk.changes import Changes, Operation
from partnerdesk.errors import StorageError
from partnerdesk.room.owner import Label
from partnerdesk.store import Workspace
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument

log = logging.getLogger(__name__)


class RoomClosed(StorageError):
    title = "Room closed"


class RoomCommand(OperationCommand):
    """A phone's input as one undo step; the first run's refusal is kept for the phone."""

    def __init__(self, document: WorkspaceDocument, label: Label, operation: Operation,
                 merge_key: str | None = None):
        super().__init__(document, label if isinstance(label, str) else "Add from phones", operation, merge_key)
        self.error: StorageError | None = None
        self._label = label

    def _redo(self) -> None:
        first = self.changes is None
        super()._redo()
        if first and self.changes is not None and not isinstance(self._label, str):
            # Named once applied (and before the stack shows it): "Add 12 audit responses
            # from phones" counts those the kind's rules accepted.
            self.setText(self._label(self.changes))

    def _fail(self, exc: StorageError) -> None:
        if self.changes is None and not self._done_once:
            # The phone is told why (an empty post-it...); the facilitator is not interrupted.
            self.error = exc
            self.failed = True
            self.setObsolete(True)
            return
        super()._fail(exc)


class QtOwner(QObject):
    """Runs the server's jobs on the Qt thread, against one document."""

    _job = Signal(object)

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.closed = False
        self._job.connect(self._on_job, Qt.QueuedConnection)

    def close(self) -> None:
        """Jobs still on their way are refused, never applied after the room has stopped."""
        self.closed = True

    # -- called from the server's thread ---------------------------------------------------------

    def apply(self, label: Label, operation: Operation, merge_key: str | None = None) -> concurrent.futures.Future:
        return self._submit(lambda: self._push(label, operation, merge_key))

    def read(self, query: Callable[[Workspace], Any]) -> concurrent.futures.Future:
        return self._submit(lambda: query(self.document.workspace))

    def _submit(self, job: Callable[[], Any]) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        if self.closed:
            future.set_exception(RoomClosed("The room has closed."))
        else:
            self._job.emit((job, future))
        return future

    # -- on the Qt thread ------------------------------------------------------------------------

    def _on_job(self, item: tuple[Callable[[], Any], concurrent.futures.Future]) -> None:
        job, future = item
        if not future.set_running_or_notify_cancel():
            return
        if self.closed:
            future.set_exception(RoomClosed("The room has closed."))
            return
        try:
            future.set_result(job())
        except Exception as exc:  # handed to the server, which answers the phone
            if not isinstance(exc, StorageError):
                log.exception("a room job failed")
            future.set_exception(exc)

    def _push(self, label: Label, operation: Operation, merge_key: str | None) -> Changes:
        if self.document.read_only:
            raise StorageError("This workspace is open read-only; the room cannot add to it.")
        command = RoomCommand(self.document, label, operation, merge_key)
        self.document.push(command)
        if command.failed:
            raise command.error or StorageError("That could not be saved.")
        # An empty change set still carries its value (inputs applied together, all refused).
        return command.changes if command.changes is not None else Changes()
