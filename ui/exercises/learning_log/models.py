"""The workshop's attendees as a list model, with a tick for those who have written."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from partnerdesk import records
from partnerdesk.learning_log.values import TABLE, log_with_id, logs_of_workshop
from ui.document import WorkspaceDocument

ID_ROLE = Qt.UserRole
NAME_ROLE = Qt.UserRole + 1


class AttendeesModel(QAbstractListModel):
    """The workshop's attendees by id, with a tick for those who have written (if shown).

    The ticks follow the store log by log, from the document's signals; `reload()` reads the
    attendees again (after attendance changes).
    """

    def __init__(self, document: WorkspaceDocument, workshop_id: str, show_written: bool = True,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.show_written = show_written
        self._rows: list[tuple[str, str]] = []  # (participant id, name)
        self._owners: dict[str, str] = {}  # this workshop's log ids -> participant ids
        self._written: set[str] = set()
        self.reload()
        if show_written:
            # Bound methods, not lambdas: Qt drops these connections when the model goes.
            document.records_added.connect(self._on_document_records_added)
            document.records_changed.connect(self._on_document_records_changed)
            document.records_removed.connect(self._on_document_records_removed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        participant_id, name = self._rows[index.row()]
        written = self.show_written and participant_id in self._written
        if role == Qt.DisplayRole:
            return f"{name}  ✓" if written else name
        if role == Qt.ToolTipRole and self.show_written:
            return "Has written in their log" if written else "Nothing written yet"
        if role == ID_ROLE:
            return participant_id
        if role == NAME_ROLE:
            return name
        return None

    def participant_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, participant_id: str | None) -> int:
        for row, (found, _) in enumerate(self._rows):
            if found == participant_id:
                return row
        return -1

    def reload(self) -> None:
        self.beginResetModel()
        ws = self.document.workspace
        self._rows = [(p.id, p.name) for p in records.attendees(ws, self.workshop_id)]
        self._owners, self._written = {}, set()
        if self.show_written:
            for participant_id, entry in logs_of_workshop(ws, self.workshop_id).items():
                self._owners[entry.id] = participant_id
                if not entry.is_empty:
                    self._written.add(participant_id)
        self.endResetModel()

    # -- one log at a time ---------------------------------------------------------------------

    def _on_document_records_added(self, table: str, ids: list) -> None:
        if table == TABLE:
            self._read_logs(ids)

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        if table == TABLE:
            self._read_logs(ids)

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        if table != TABLE:
            return
        for log_id in ids:
            participant_id = self._owners.pop(log_id, None)
            if participant_id is not None:
                self._set_written(participant_id, False)

    def _read_logs(self, ids: list) -> None:
        ws = self.document.workspace
        for log_id in ids:
            entry = log_with_id(ws, log_id)
            if entry is None or entry.workshop_id != self.workshop_id:
                continue
            self._owners[entry.id] = entry.participant_id
            self._set_written(entry.participant_id, not entry.is_empty)

    def _set_written(self, participant_id: str, written: bool) -> None:
        """Only the tick changes while someone types: update that row, keep the selection."""
        if (participant_id in self._written) == written:
            return
        if written:
            self._written.add(participant_id)
        else:
            self._written.discard(participant_id)
        row = self.row_of(participant_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.ToolTipRole])
