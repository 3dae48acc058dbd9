"""Qt item models over store records; editing a cell pushes an undoable command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.commands import change_field
from ui.document import WorkspaceDocument

Index = QModelIndex | QPersistentModelIndex

# Qt calls data() for every visible cell and role: compare with plain ints. The short spelling
# (Qt.DisplayRole) goes through PySide6's compatibility lookup, 25 times slower per use, and
# painting the first programme's participants cost 20 ms of it.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_USER = Qt.ItemDataRole.UserRole.value
_HORIZONTAL = Qt.Orientation.Horizontal
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable


class Column(NamedTuple):
    """One column of a record table: a store column, its heading, and how it is edited."""

    name: str
    heading: str
    editable: bool = True
    kind: str = "text"  # "text" or "int"
    #: Turns a typed value into the stored one, or raises ValueError with a message.
    parse: Callable[[str], Any] | None = None


class RecordTableModel(QAbstractTableModel):
    """Rows are records of one table chosen by `load()`; they follow the document's signals."""

    def __init__(
        self,
        document: WorkspaceDocument,
        table: str,
        columns: Sequence[Column],
        load: Callable[[], list[dict[str, Any]]],
        noun: str,
        watch: Sequence[str] = (),
        parent=None,
    ):
        super().__init__(parent)
        self.document = document
        self.table = table
        self.columns = list(columns)
        self._load = load
        self.noun = noun
        self._watch = {table, *watch}
        self._rows: list[dict[str, Any]] = load()
        document.records_added.connect(self._on_document_records_touched)
        document.records_removed.connect(self._on_document_records_touched)
        document.records_changed.connect(self._on_document_records_changed)
        #: Called with a message when a typed value is refused.
        self.on_invalid: Callable[[str], None] = lambda message: None

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role == _DISPLAY and orientation == _HORIZONTAL and 0 <= section < len(self.columns):
            return self.columns[section].heading
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        # Most calls ask for a role shown by default (font, colours, alignment…): answered first,
        # without asking the index anything (a cell is asked for about nine roles when painted).
        if role != _DISPLAY and role != _EDIT and role != _USER:
            return None
        n = index.row()
        if not index.isValid() or n >= len(self._rows):
            return None
        row = self._rows[n]
        if role == _USER:
            return row["id"]
        value = row.get(self.columns[index.column()].name)
        return "" if value is None else value

    def flags(self, index: Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        if self.columns[index.column()].editable and not self.document.read_only:
            return _EDITABLE
        return _SELECTABLE

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole:
            return False
        column = self.columns[index.column()]
        try:
            if column.parse is not None:
                value = column.parse(str(value))
            elif column.kind == "int":
                value = int(value)
            else:
                value = str(value)
        except ValueError as exc:
            self.on_invalid(str(exc))
            return False
        record_id = self._rows[index.row()]["id"]
        return change_field(self.document, self.table, record_id, column.name, value,
                            f"{self.noun} {column.heading.lower()}")

    # -- helpers -------------------------------------------------------------------------------

    def record_id(self, row: int) -> str:
        return self._rows[row]["id"]

    def row_of(self, record_id: str) -> int:
        for n, row in enumerate(self._rows):
            if row["id"] == record_id:
                return n
        return -1

    def reload(self) -> None:
        """Bring the rows in line with the store with fine-grained signals (keeps selection)."""
        new_rows = self._load()
        new_ids = [r["id"] for r in new_rows]
        keep = set(new_ids)
        for n in range(len(self._rows) - 1, -1, -1):
            if self._rows[n]["id"] not in keep:
                self.beginRemoveRows(QModelIndex(), n, n)
                del self._rows[n]
                self.endRemoveRows()
        old_ids = {r["id"] for r in self._rows}
        for n, row in enumerate(new_rows):
            if row["id"] not in old_ids:
                position = min(n, len(self._rows))
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, row)
                self.endInsertRows()
        if [r["id"] for r in self._rows] != new_ids:
            # A reorder (a rename that sorts elsewhere) moves rows as a layout change, so the
            # selection and an open editor follow their record instead of being thrown away.
            self.layoutAboutToBeChanged.emit()
            old_ids = [r["id"] for r in self._rows]
            new_row = {record_id: n for n, record_id in enumerate(new_ids)}
            persistent = self.persistentIndexList()
            self._rows = new_rows
            self.changePersistentIndexList(
                persistent,
                [self.index(new_row[old_ids[p.row()]], p.column()) for p in persistent],
            )
            self.layoutChanged.emit()
        self._rows = new_rows
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def _on_document_records_touched(self, table: str, ids: list) -> None:
        if table in self._watch:
            self.reload()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table in self._watch:
            self.reload()
