"""The laptop's agenda runner: start, next and previous for a workshop's agenda, its clock,
and which exercise each item opens."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import agenda, agenda_clock, records
from partnerdesk.agenda_clock import AgendaRun
from ui.commands import ChangeRecordsCommand, OperationCommand
from ui.document import WorkspaceDocument

if TYPE_CHECKING:
    from ui.presenter import Presenter


def repolish(widget: QWidget) -> None:
    # A dynamic property used in a style sheet selector only takes effect after a re-polish.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def set_states(widget: QWidget, **states: bool) -> None:
    if any(bool(widget.property(name)) != value for name, value in states.items()):
        for name, value in states.items():
            widget.setProperty(name, value)
        repolish(widget)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


class RecordItemStartCommand(OperationCommand):
    """Start, Next or Previous: the workshop's record keeps when the item actually started."""

    def __init__(self, document: WorkspaceDocument, item_id: str, title: str, started_at: float):
        super().__init__(document, f"Start “{one_line(title) or 'Untitled item'}”",
                         partial(agenda.record_actual_start, item_id=item_id, started_at=started_at))


class AgendaRunnerPanel(QWidget):
    """Start, next and previous for the selected workshop's agenda, with its clock."""

    def __init__(self, presenter: Presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setObjectName("agenda_runner")
        self.setStyleSheet('QLabel#agenda_runner_clock[ending="true"] { color: #8a5a00; }'
                           'QLabel#agenda_runner_clock[overrun="true"] { color: #a4262c; }')
        self.workshop_label = QLabel()
        self.workshop_label.setObjectName("agenda_runner_workshop")
        self.workshop_label.setWordWrap(True)
        self.workshop_label.setTextFormat(Qt.PlainText)
        bold = QFont(self.workshop_label.font())
        bold.setBold(True)
        self.workshop_label.setFont(bold)
        self.list = QListWidget()
        self.list.setObjectName("agenda_runner_list")
        self.list.setTextElideMode(Qt.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(lambda *_: self._fill_link_combo())
        self.link_combo = QComboBox()
        self.link_combo.setObjectName("agenda_runner_link")
        self.link_combo.setToolTip("The exercise this agenda item opens when it starts")
        self.link_combo.activated.connect(self._on_link_combo_activated)
        link_row = QHBoxLayout()
        link_label = QLabel("&Opens:")
        link_label.setBuddy(self.link_combo)
        link_row.addWidget(link_label)
        link_row.addWidget(self.link_combo, 1)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("agenda_runner_clock")
        big = QFont(self.clock_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.4)
        big.setBold(True)
        self.clock_label.setFont(big)
        self.clock_label.setAlignment(Qt.AlignCenter)
        self.drift_label = QLabel()
        self.drift_label.setObjectName("agenda_runner_drift")
        self.drift_label.setAlignment(Qt.AlignCenter)
        self.start_button = QPushButton("&Start")
        self.start_button.setToolTip("Start the selected item (or the first) now")
        self.previous_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.stop_button = QPushButton("Stop")
        self.timer_button = QPushButton("Show the timer on the projector")
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.previous_button.clicked.connect(lambda: presenter.previous_item())
        self.next_button.clicked.connect(lambda: presenter.next_item())
        self.stop_button.clicked.connect(lambda: presenter.stop_agenda())
        self.timer_button.clicked.connect(lambda: presenter.show_timer())
        buttons = QHBoxLayout()
        for button in (self.start_button, self.previous_button, self.next_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.workshop_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(link_row)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.drift_label)
        layout.addLayout(buttons)
        layout.addWidget(self.timer_button)
        # The runner says whether the room will hear the chime (View ▸ Agenda chime).
        self.chime_label = QLabel()
        self.chime_label.setObjectName("agenda_runner_chime")
        self.chime_label.setWordWrap(True)
        layout.addWidget(self.chime_label)
        self.show_chime_status()
        self._items: list[records.AgendaItem] = []

    def show_chime_status(self) -> None:
        self.chime_label.setText(self.presenter.chime.status())

    def refresh(self) -> None:
        presenter = self.presenter
        workshop_id = presenter.workshop_id
        ws = presenter.document.workspace
        found = records.workshop(ws, workshop_id) if workshop_id else None
        self._items = records.agenda(ws, workshop_id) if found else []
        enabled = found is not None and bool(self._items)
        for button in (self.start_button, self.previous_button, self.next_button, self.stop_button,
                       self.timer_button):
            button.setEnabled(enabled)
        self.workshop_label.setText(
            (found.title or "Untitled workshop") if found
            else "Choose a workshop or one of its exercises to run its agenda.")
        selected = self.list.currentItem().data(Qt.UserRole) if self.list.currentItem() else None
        self.list.clear()
        for item in self._items:
            text = f"{item.start_time or '--:--'}  {one_line(item.title) or 'Untitled item'}"
            if item.duration_minutes:
                text += f"  ({item.duration_minutes} min)"
            entry = QListWidgetItem(text)
            entry.setData(Qt.UserRole, item.id)
            if item.exercise_id:
                entry.setToolTip("Opens its exercise when started")
            self.list.addItem(entry)
            if item.id == selected:
                self.list.setCurrentItem(entry)
        self._fill_link_combo()
        self.tick()

    def _selected_item(self) -> records.AgendaItem | None:
        entry = self.list.currentItem()
        wanted = entry.data(Qt.UserRole) if entry else None
        return next((i for i in self._items if i.id == wanted), None)

    def _fill_link_combo(self) -> None:
        item = self._selected_item()
        self.link_combo.clear()
        self.link_combo.setEnabled(item is not None)
        if item is None:
            return
        self.link_combo.addItem("No exercise (the projector shows the timer)", None)
        ws = self.presenter.document.workspace
        for exercise in records.exercises(ws, item.workshop_id):
            self.link_combo.addItem(exercise.title or exercise.template, exercise.id)
        index = self.link_combo.findData(item.exercise_id) if item.exercise_id else 0
        self.link_combo.setCurrentIndex(max(0, index))

    def _on_link_combo_activated(self, index: int) -> None:
        item = self._selected_item()
        exercise_id = self.link_combo.itemData(index)
        if item is None or exercise_id == item.exercise_id:
            return
        document = self.presenter.document
        document.push(ChangeRecordsCommand(
            document, "agenda_items", {item.id: {"exercise_id": exercise_id}},
            f"Link “{one_line(item.title)}” to an exercise" if exercise_id
            else f"Unlink “{one_line(item.title)}” from its exercise"))

    def tick(self) -> None:
        presenter = self.presenter
        workshop_id = presenter.workshop_id
        run = presenter.run_of(workshop_id) if workshop_id else AgendaRun()
        state = agenda_clock.clock_state(self._items, run, presenter.now())
        for row in range(self.list.count()):
            entry = self.list.item(row)
            current = state is not None and row == state.index
            if entry.font().bold() != current:
                font = entry.font()
                font.setBold(current)
                entry.setFont(font)
                entry.setBackground(self.palette().color(QPalette.Highlight).lighter(170)
                                    if current else QColor(Qt.transparent))
        if state is None:
            self.clock_label.setText("Not running")
            self.drift_label.setText("")
        else:
            self.clock_label.setText(state.display or "No time set")
            self.drift_label.setText(agenda_clock.drift_text(
                agenda_clock.schedule_drift_minutes(self._items, run)))
        set_states(self.clock_label, overrun=bool(state and state.overrun),
                    ending=bool(state and state.ending))

    def select_item(self, item_id: str | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == item_id:
                self.list.setCurrentRow(row)
                return

    def current_row(self) -> int | None:
        for row in range(self.list.count()):
            if self.list.item(row).font().bold():
                return row
        return None

    def _on_start_button_clicked(self) -> None:
        entry = self.list.currentItem()
        self.presenter.start_item(entry.data(Qt.UserRole) if entry else None)

    def _on_list_item_activated(self, entry: QListWidgetItem) -> None:
        self.presenter.start_item(entry.data(Qt.UserRole))
