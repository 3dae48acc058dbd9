"""Passing the laptop round for learning logs: each participant finds their name, writes, and
hands on. The window around it is the shared `ui.private_entry.PrivateEntry`."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.learning_log.values import log_for
from partnerdesk.resources import Template
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.exercises.learning_log.editor import LogEditor
from ui.exercises.learning_log.models import ID_ROLE, NAME_ROLE, AttendeesModel

TITLE = "Learning log: private entry"
LEAVE_TEXT = "Leave private entry"


class PrivateLogWriting(QStackedWidget):
    """Two pages: the names to choose from, then the chosen person's own log and nothing else."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, tpl: Template,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("private_writing")
        self.document = document
        self.workshop_id = workshop_id

        picker = QWidget()
        picker_layout = QVBoxLayout(picker)
        intro = QLabel("Find your name and choose <b>Start writing</b>. Your learning log is "
                       "confidential to you: nobody else's log is shown here, and yours is "
                       "hidden again when you hand on.")
        intro.setWordWrap(True)
        self.names = QListView()
        self.names.setObjectName("private_names")
        self.names.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # No ticks here: who has written is nobody else's business.
        self.names_model = AttendeesModel(document, workshop_id, show_written=False, parent=self)
        self.names.setModel(self.names_model)
        self.start_button = QPushButton("Start writing")
        self.start_button.setObjectName("private_start")
        self.start_button.setEnabled(False)
        self.names.selectionModel().currentChanged.connect(self._on_names_current_changed)
        self.names.activated.connect(self._on_names_activated)
        self.start_button.clicked.connect(self.start_writing)
        picker_layout.addWidget(intro)
        picker_layout.addWidget(self.names, 1)
        picker_layout.addWidget(self.start_button)

        writing = QWidget()
        writing_layout = QVBoxLayout(writing)
        self.editor = LogEditor(document, workshop_id, tpl, own_history_only=True)
        self.editor.setObjectName("private_editor")
        self.next_button = QPushButton("I have finished: next person")
        self.next_button.setObjectName("private_next")
        self.next_button.clicked.connect(self.next_person)
        saved = QLabel("Everything you type is saved as you go.")
        writing_layout.addWidget(self.editor, 1)
        writing_layout.addWidget(saved)
        writing_layout.addWidget(self.next_button)

        self.addWidget(picker)
        self.addWidget(writing)
        self.currentChanged.connect(self._on_current_changed)

    def heightForWidth(self, width: int) -> int:
        # The private entry scrolls its content at the height it asks for: the page shown,
        # not the tallest page (the names need no scroll bar because a log is long).
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None and page.hasHeightForWidth() else -1

    def _on_current_changed(self, _index: int) -> None:
        self.updateGeometry()

    @property
    def writing(self) -> bool:
        return self.currentIndex() == 1

    def _on_names_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.start_button.setEnabled(current.isValid())

    def _on_names_activated(self, _index: QModelIndex) -> None:
        self.start_writing()

    def start_writing(self) -> bool:
        index = self.names.currentIndex()
        if not index.isValid():
            return False
        participant_id = index.data(ID_ROLE)
        name = index.data(NAME_ROLE)
        entry = log_for(self.document.workspace, participant_id, self.workshop_id)
        # Someone else's words stay hidden unless the person says the log is theirs.
        if entry is not None and not entry.is_empty and not Dialogs.confirm(
            self, "Is this you?",
            f"{name} has already written in their learning log, which is confidential to them.\n\n"
            f"Open it only if you are {name}. Is this you?",
        ):
            return False
        self.editor.set_participant(participant_id)
        self.setCurrentIndex(1)
        self.editor.fields["experience"].setFocus()
        return True

    def next_person(self) -> None:
        """Hide this person's log and go back to the names, with nobody chosen."""
        self.editor.set_participant(None)
        self.names.setCurrentIndex(QModelIndex())
        self.names.clearSelection()
        self.start_button.setEnabled(False)
        self.setCurrentIndex(0)
