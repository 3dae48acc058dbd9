"""The workshop's personal learning logs: written in the room (openly or privately), printed as PDF.

Composition only: the attendees (`models`), the chosen one's log (`editor`), private entry
(`private` inside the shared `ui.private_entry`) and printing (`panels`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.learning_log.values import log_template
from partnerdesk.resources import Template, template
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.learning_log.editor import LogEditor
from ui.exercises.learning_log.models import ID_ROLE, AttendeesModel
from ui.exercises.learning_log.panels import PrintPanel
from ui.exercises.learning_log.private import LEAVE_TEXT, TITLE, PrivateLogWriting
from ui.private_entry import PrivateEntry

log = logging.getLogger(__name__)

#: Tables whose changes change who is listed.
_ATTENDEE_TABLES = ("attendance", "participants", "workshops")


class LearningLogScreen(ExerciseScreen):
    """Attendees on the left; the selected one's log on the right; printing below."""

    scrolls_itself = True  # its panels scroll; the window never scrolls it whole

    #: Emitted when private entry starts (True) and ends (False).
    private_mode_changed = Signal(bool)

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("learning_log_screen")
        found = self.exercise
        self.workshop_id = found.workshop_id if found else ""
        self.template = _template_for(found)
        self.private_entry: PrivateEntry | None = None

        self.attendees = QListView()
        self.attendees.setObjectName("attendees")
        self.attendees.setMinimumWidth(180)
        self.attendees.setMaximumWidth(220)
        self.attendees.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.attendees_model = AttendeesModel(document, self.workshop_id, parent=self)
        self.attendees.setModel(self.attendees_model)
        self.attendees.selectionModel().currentChanged.connect(self._on_attendees_current_changed)
        self.private_button = QPushButton("Private entry…")
        self.private_button.setObjectName("private_button")
        self.private_button.setToolTip("Pass the laptop round: each participant sees only their own log.")
        self.private_button.clicked.connect(self.start_private_entry)
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Attendees</b>"))
        left.addWidget(self.attendees, 1)
        left.addWidget(self.private_button)

        self.instructions_label = QLabel(self.instructions())
        self.instructions_label.setWordWrap(True)
        self.editor = LogEditor(document, self.workshop_id, self.template)
        self.empty_label = QLabel("Choose an attendee on the left to see and write their log. "
                                  "Mark attendance in the workshop to add people here.")
        self.empty_label.setWordWrap(True)
        self.printing = PrintPanel(document, self.workshop_id, self.selected_participant)

        # The log scrolls above the printing panel where a laptop is too short for its five
        # boxes and their prompts; the instructions make way while a log is shown.
        self.log_area = QScrollArea()
        self.log_area.setObjectName("log_area")
        self.log_area.setWidgetResizable(True)
        self.log_area.setFrameShape(QFrame.NoFrame)
        self.log_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.log_area.setWidget(self.editor)
        right = QVBoxLayout()
        right.addWidget(self.instructions_label)
        self.empty_label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        right.addWidget(self.empty_label, 1)
        right.addWidget(self.log_area, 1)
        right.addWidget(self.printing)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        document.records_added.connect(self._on_document_records)
        document.records_removed.connect(self._on_document_records)
        document.records_changed.connect(self._on_document_records_changed)
        self._update_enabled()


    # -- attendees -----------------------------------------------------------------------------

    def selected_participant(self) -> str | None:
        index = self.attendees.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_participant(self, participant_id: str | None) -> bool:
        row = self.attendees_model.row_of(participant_id)
        if row < 0:
            self.attendees.setCurrentIndex(QModelIndex())
            return False
        self.attendees.setCurrentIndex(self.attendees_model.index(row))
        return True

    def reload_attendees(self) -> None:
        current = self.selected_participant()
        self.attendees_model.reload()
        if current is None or not self.select_participant(current):
            self.editor.set_participant(None)
        self._update_enabled()

    def _on_attendees_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        private = self.private_entry is not None
        chosen = current.data(ID_ROLE) if current.isValid() and not private else None
        self.editor.set_participant(chosen)
        self._update_enabled()

    def _on_document_records(self, table: str, _ids: list) -> None:
        if table in _ATTENDEE_TABLES:
            self.reload_attendees()

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        self._on_document_records(table, ids)

    def _update_enabled(self) -> None:
        private = self.private_entry is not None
        # During private entry the screen behind it shows nobody's log.
        self.attendees.setEnabled(not private)
        chosen = self.editor.participant_id is not None and not private
        self.log_area.setVisible(chosen)
        self.instructions_label.setVisible(not chosen)
        self.empty_label.setVisible(not chosen)
        self.printing.update_enabled(chosen, self.attendees_model.rowCount())

    # -- private entry -------------------------------------------------------------------------

    def start_private_entry(self) -> PrivateEntry:
        # Nothing of anyone's log stays on the screen behind private entry.
        self.attendees.setCurrentIndex(QModelIndex())
        self.editor.set_participant(None)
        writing = PrivateLogWriting(self.document, self.workshop_id, self.template)
        entry = PrivateEntry(writing, self, title=TITLE, leave_text=LEAVE_TEXT)
        entry.left.connect(writing.next_person)
        entry.finished.connect(self._on_private_entry_finished)
        self.private_entry = entry
        self._update_enabled()
        self.private_mode_changed.emit(True)
        entry.enter()
        return entry

    def _on_private_entry_finished(self, _result: int) -> None:
        entry, self.private_entry = self.private_entry, None
        if entry is not None:
            entry.deleteLater()
        self._update_enabled()
        self.private_mode_changed.emit(False)


def _template_for(found: records.Exercise | None) -> Template:
    if found is not None:
        try:
            return template(found.template)
        except KeyError:
            log.warning("template %s is missing; using the standard learning log", found.template)
    return log_template()
