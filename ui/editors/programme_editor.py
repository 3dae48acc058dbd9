"""The programme editor: title, description and the programme's participants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from ui.binding import FieldBinding
from ui.commands import AddRecordsCommand, DeleteRecordsCommand
from ui.document import WorkspaceDocument
from ui.models import Column, RecordTableModel
from ui.widgets import RecordTableView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

PARTICIPANT_COLUMNS = (
    Column("name", "Name"),
    Column("organisation", "Organisation"),
    Column("role", "Role"),
    Column("side", "Side"),
)


class SideDelegate(QStyledItemDelegate):
    """Side is picked from the usual ones (management, staff side, other) or typed."""

    def createEditor(self, parent, option, index):
        combo = QtWidgets.QComboBox(parent)  # looked up at the first edit: made on first use
        combo.setEditable(True)
        combo.addItems(records.SIDES)
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentText().strip(), Qt.EditRole)


class ParticipantTable(QWidget):
    """Participants owned by a programme (or by a standalone workshop), with add and remove."""

    def __init__(self, document: WorkspaceDocument, owner_column: str, owner_id: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.owner_column = owner_column
        self.owner_id = owner_id
        self.model = RecordTableModel(
            document,
            "participants",
            PARTICIPANT_COLUMNS,
            lambda: document.workspace.rows(
                "participants", {owner_column: owner_id}, order_by="name COLLATE NOCASE"
            ),
            noun="participant",
            parent=self,
        )
        self.view = RecordTableView(self)
        self.view.setObjectName("participants")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.side_delegate = SideDelegate(self.view)
        self.view.setItemDelegateForColumn(3, self.side_delegate)
        self.view.delete_requested.connect(self.remove_selected)
        self.add_button = QPushButton("&Add participant")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(lambda: self.add_participant())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_participant(self, name: str = "New participant", organisation: str = "",
                        role: str = "", side: str = "") -> str:
        row = {self.owner_column: self.owner_id, "name": name, "organisation": organisation,
               "role": role, "side": side}
        command = AddRecordsCommand(self.document, "participants", [row], f"Add participant “{name}”")
        self.document.push(command)
        row_number = self.model.row_of(command.id)
        if row_number >= 0:
            index = self.model.index(row_number, 0)
            self.view.setCurrentIndex(index)
            self.view.edit(index)
        return command.id

    def selected_ids(self) -> list[str]:
        return [self.model.record_id(r) for r in self.view.selected_rows()]

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            noun = "participant" if len(ids) == 1 else f"{len(ids)} participants"
            self.document.push(DeleteRecordsCommand(self.document, "participants", ids, f"Remove {noun}"))


class ProgrammeEditor(QWidget):
    def __init__(self, document: WorkspaceDocument, programme_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("programme_editor")
        self.document = document
        self.programme_id = programme_id
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("programme_title")
        self.title_edit.setPlaceholderText("Programme title")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("programme_description")
        self.description_edit.setMaximumHeight(90)
        self.bindings = [
            FieldBinding(document, self.title_edit, "programmes", "title", "programme title",
                         lambda: self.programme_id),
            FieldBinding(document, self.description_edit, "programmes", "description",
                         "programme description", lambda: self.programme_id),
        ]
        for binding in self.bindings:
            binding.refresh()
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Description", self.description_edit)
        self.participants = ParticipantTable(document, "programme_id", programme_id, self)
        box = QGroupBox()
        self.participants_box = box
        self._on_participants_count_changed()
        model = self.participants.model
        model.rowsInserted.connect(self._on_participants_count_changed)
        model.rowsRemoved.connect(self._on_participants_count_changed)
        model.modelReset.connect(self._on_participants_count_changed)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.participants)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box, 1)

    def _on_participants_count_changed(self, *_args) -> None:
        self.participants_box.setTitle(f"Participants ({self.participants.model.rowCount()})")

    @property
    def programme(self) -> records.Programme | None:
        return records.programme(self.document.workspace, self.programme_id)
