"""The workshop editor: details, timed agenda, attendance with totals, and small groups."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import agenda, records
from ui.binding import FieldBinding
from ui.commands import AddRecordsCommand, ChangeRecordsCommand, DeleteRecordsCommand, OperationCommand
from ui.document import WorkspaceDocument
from ui.editors.programme_editor import ParticipantTable
from ui.models import Column, Index, RecordTableModel
from ui.widgets import RecordTableView

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_start_time(text: str) -> str:
    """'9.30', '09:30' -> '09:30'; raises ValueError with a facilitator's message."""
    text = text.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"“{text}” is not a time of day; type it as 09:30 or 9.30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_minutes(text: str) -> int:
    try:
        value = int(text.strip() or "0")
    except ValueError:
        raise ValueError(f"“{text}” is not a number of minutes.") from None
    if not 0 <= value <= 24 * 60:
        raise ValueError("A duration is between 0 and 1,440 minutes.")
    return value


AGENDA_COLUMNS = (
    Column("start_time", "Start", parse=parse_start_time),
    Column("duration_minutes", "Minutes", kind="int", parse=parse_minutes),
    Column("title", "Title"),
    Column("notes", "Notes"),
)


class SetDurationCommand(OperationCommand):
    """An agenda item's minutes, with every later start time moved by the change: one step."""

    def __init__(self, document: WorkspaceDocument, item_id: str, minutes: int):
        row = document.workspace.get("agenda_items", item_id)
        title = " ".join(row["title"].split()) if row else ""
        super().__init__(document, f"Set “{title or 'Untitled item'}” to {minutes} min",
                         partial(agenda.set_duration, item_id=item_id, minutes=minutes))


class AgendaModel(RecordTableModel):
    """The agenda's rows; a new length goes through `agenda.set_duration`, moving later starts."""

    #: Called with a message after a length moved later start times.
    on_moved: Callable[[str], None] = staticmethod(lambda message: None)

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole or self.columns[index.column()].name != "duration_minutes":
            return super().setData(index, value, role)
        try:
            minutes = parse_minutes(str(value))
        except ValueError as exc:
            self.on_invalid(str(exc))
            return False
        item_id = self.record_id(index.row())
        if self.document.workspace.get("agenda_items", item_id)["duration_minutes"] == minutes:
            return True
        command = SetDurationCommand(self.document, item_id, minutes)
        if not self.document.push(command):
            return False
        if command.value:
            later = "start time" if command.value == 1 else "start times"
            self.on_moved(f"{command.value} later {later} moved to follow on. Undo puts them back.")
        return True


class AgendaEditor(QWidget):
    def __init__(self, document: WorkspaceDocument, workshop_id: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.model = AgendaModel(
            document, "agenda_items", AGENDA_COLUMNS,
            lambda: document.workspace.rows("agenda_items", {"workshop_id": workshop_id},
                                            order_by="position"),
            noun="agenda item", parent=self,
        )
        self.view = RecordTableView()
        self.view.setObjectName("agenda")
        self.view.setModel(self.model)
        self.view.delete_requested.connect(self.remove_selected)
        header = self.view.horizontalHeader()
        # Times and minutes are short: the title and notes get the width.
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.message = QLabel()
        self.message.setObjectName("agenda_message")
        self.message.setStyleSheet("color: #a4262c;")
        self.model.on_invalid = self.message.setText
        self.model.dataChanged.connect(lambda *_: self.message.clear())
        self.model.on_moved = self.message.setText
        self.add_button = QPushButton("&Add item")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.add_button.clicked.connect(lambda: self.add_item())
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def add_item(self, title: str = "New item") -> str:
        items = records.agenda(self.document.workspace, self.workshop_id)
        start = ""
        if items and _TIME.match(items[-1].start_time or ""):
            hours, minutes = map(int, items[-1].start_time.split(":"))
            total = hours * 60 + minutes + items[-1].duration_minutes
            start = f"{(total // 60) % 24:02d}:{total % 60:02d}"
        row = {"workshop_id": self.workshop_id, "title": title, "start_time": start,
               "duration_minutes": 15,
               "position": records.next_position(self.document.workspace, "agenda_items",
                                                 {"workshop_id": self.workshop_id})}
        command = AddRecordsCommand(self.document, "agenda_items", [row], f"Add agenda item “{title}”")
        self.document.push(command)
        row_number = self.model.row_of(command.id)
        if row_number >= 0:
            self.view.setCurrentIndex(self.model.index(row_number, 2))
        return command.id

    def remove_selected(self) -> None:
        ids = [self.model.record_id(r) for r in self.view.selected_rows()]
        if ids:
            self.document.push(DeleteRecordsCommand(self.document, "agenda_items", ids,
                                                    "Remove agenda item"))

    def move_selected(self, step: int) -> None:
        rows = self.view.selected_rows()
        if len(rows) != 1:
            return
        items = records.agenda(self.document.workspace, self.workshop_id)
        other = rows[0] + step
        if not 0 <= other < len(items):
            return
        a, b = items[rows[0]], items[other]
        self.document.push(ChangeRecordsCommand(
            self.document, "agenda_items",
            {a.id: {"position": b.position}, b.id: {"position": a.position}},
            "Move agenda item"))
        self.view.selectRow(other)


class AttendanceEditor(QWidget):
    """Tick who came; totals by organisation and side follow at once."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.list = QListWidget()
        self.list.setObjectName("attendance")
        self.totals = QLabel()
        self.totals.setObjectName("attendance_totals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.PlainText)
        self.list.itemChanged.connect(self._on_list_item_changed)
        # The totals under the ticks, in a few wrapped lines: beside a standalone workshop's own
        # participant table a column of them wrapped every name on a laptop.
        present = QVBoxLayout()
        present.addWidget(self.list, 1)
        present.addWidget(self.totals)
        layout = QHBoxLayout(self)
        layout.addLayout(present, 2)
        self._filling = False
        workshop = records.workshop(document.workspace, workshop_id)
        self.own_participants: ParticipantTable | None = None
        if workshop is not None and workshop.programme_id is None:
            # A standalone workshop keeps its own participant list.
            self.own_participants = ParticipantTable(document, "workshop_id", workshop_id, self)
            layout.insertWidget(0, self.own_participants, 3)
        document.records_added.connect(self._on_document_records)
        document.records_removed.connect(self._on_document_records)
        # Bound methods, not lambdas: Qt drops them with this widget, so a closed editor never
        # hears of later edits.
        document.records_changed.connect(self._on_document_records_changed)
        self.refresh()

    def refresh(self) -> None:
        ws = self.document.workspace
        present = records.attendee_ids(ws, self.workshop_id)
        self._filling = True
        try:
            self.list.clear()
            for person in records.participants_for_workshop(ws, self.workshop_id):
                text = person.name or "(no name)"
                if person.organisation:
                    text += f" — {person.organisation}"
                item = QListWidgetItem(text)
                item.setData(Qt.UserRole, person.id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if person.id in present else Qt.Unchecked)
                self.list.addItem(item)
        finally:
            self._filling = False
        totals = records.attendance_totals(ws, self.workshop_id)
        lines = [f"Present: {totals.present} of {totals.invited}"]
        if totals.by_side:
            lines.append("By side: " + ", ".join(f"{name} ({count})" for name, count in totals.by_side.items()))
        if totals.by_organisation:
            lines.append("By organisation: " + ", ".join(f"{name} ({count})"
                                                         for name, count in totals.by_organisation.items()))
        self.totals.setText("\n".join(lines))

    def set_present(self, participant_id: str, present: bool) -> None:
        ws = self.document.workspace
        existing = records.attendance_id(ws, self.workshop_id, participant_id)
        name = (records.participant(ws, participant_id) or records.Participant(
            participant_id, None, None, "", "", "", "")).name
        if present and existing is None:
            self.document.push(AddRecordsCommand(
                self.document, "attendance",
                [{"workshop_id": self.workshop_id, "participant_id": participant_id}],
                f"Mark {name} present"))
        elif not present and existing is not None:
            self.document.push(DeleteRecordsCommand(self.document, "attendance", [existing],
                                                    f"Mark {name} absent"))

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.set_present(item.data(Qt.UserRole), item.checkState() == Qt.Checked)

    def _on_document_records(self, table: str, ids: list) -> None:
        if table in ("attendance", "participants"):
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        self._on_document_records(table, ids)


class GroupsEditor(QWidget):
    """The workshop's small groups (boards can be kept per group)."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.model = RecordTableModel(
            document, "small_groups", (Column("name", "Small group"),),
            lambda: document.workspace.rows("small_groups", {"workshop_id": workshop_id},
                                            order_by="position"),
            noun="small group", parent=self,
        )
        self.view = RecordTableView()
        self.view.setObjectName("small_groups")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.view.delete_requested.connect(self.remove_selected)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("New group name, then Enter")
        self.name_edit.returnPressed.connect(self._on_name_edit_return_pressed)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)

    def add_group(self, name: str) -> str:
        position = records.next_position(self.document.workspace, "small_groups",
                                         {"workshop_id": self.workshop_id})
        command = AddRecordsCommand(self.document, "small_groups",
                                    [{"workshop_id": self.workshop_id, "name": name,
                                      "position": position}], f"Add small group “{name}”")
        self.document.push(command)
        return command.id

    def remove_selected(self) -> None:
        ids = [self.model.record_id(r) for r in self.view.selected_rows()]
        if ids:
            self.document.push(DeleteRecordsCommand(self.document, "small_groups", ids,
                                                    "Remove small group"))

    def _on_name_edit_return_pressed(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            self.add_group(name)
            self.name_edit.clear()


class WorkshopEditor(QWidget):
    def __init__(self, document: WorkspaceDocument, workshop_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("workshop_editor")
        self.document = document
        self.workshop_id = workshop_id
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("workshop_title")
        self.title_edit.setPlaceholderText("Workshop title")
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("workshop_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setMinimumDate(QDate(1990, 1, 1))
        self.date_edit.setSpecialValueText("No date set")
        self.venue_edit = QLineEdit()
        self.venue_edit.setObjectName("workshop_venue")
        self.bindings = [
            FieldBinding(document, self.title_edit, "workshops", "title", "workshop title",
                         lambda: self.workshop_id),
            FieldBinding(document, self.date_edit, "workshops", "date", "workshop date",
                         lambda: self.workshop_id),
            FieldBinding(document, self.venue_edit, "workshops", "venue", "workshop venue",
                         lambda: self.workshop_id),
        ]
        for binding in self.bindings:
            binding.refresh()
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Date", self.date_edit)
        form.addRow("&Venue", self.venue_edit)
        self.agenda = AgendaEditor(document, workshop_id)
        self.attendance = AttendanceEditor(document, workshop_id)
        self.groups = GroupsEditor(document, workshop_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda, "A&genda")
        self.tabs.addTab(self.attendance, "Atte&ndance")
        self.tabs.addTab(self.groups, "Small &groups")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
