"""The workshop's personal learning logs: written in the room (openly or privately), printed as PDF."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import learning_logs, records
from partnerdesk.errors import StorageError
from partnerdesk.learning_logs import FIELDS, KIND, TABLE, PrintJob
from partnerdesk.log_pdf import render_learning_log
from partnerdesk.resources import Template, template
from partnerdesk.store import new_id
from ui.commands import StoreCommand
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.text import show_message

__all__ = ["KIND", "LearningLogScreen", "create_screen"]

log = logging.getLogger(__name__)

PAPER_SIZES = ("A4", "US Letter")
#: What the facilitator types to leave private entry, so a participant does not leave by accident.
LEAVE_WORD = "LEAVE"
ID_ROLE = Qt.UserRole
NAME_ROLE = Qt.UserRole + 1


class AttendeesModel(QAbstractListModel):
    """The workshop's attendees by id, with a tick for those who have written (if shown)."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, show_written: bool = True,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.show_written = show_written
        self._rows: list[tuple[str, str]] = []  # (participant id, name)
        self._written: set[str] = set()
        self.reload()

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
        self._written = self._find_written()
        self.endResetModel()

    def refresh_written(self) -> None:
        """Only the ticks change while someone types: update those rows, keep the selection."""
        before, self._written = self._written, self._find_written()
        for participant_id in before ^ self._written:
            row = self.row_of(participant_id)
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.ToolTipRole])

    def _find_written(self) -> set[str]:
        if not self.show_written:
            return set()
        logs = learning_logs.logs_of_workshop(self.document.workspace, self.workshop_id)
        return {pid for pid, entry in logs.items() if not entry.is_empty}


class LogDialogs:
    """Every modal question the logs screen asks, in one place tests can replace."""

    @staticmethod
    def choose_folder(parent: QWidget, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
        return Path(name) if name else None

    @staticmethod
    def save_pdf_path(parent: QWidget, title: str, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF files (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    @staticmethod
    def confirm_leave_private(parent: QWidget) -> bool:
        text, ok = QInputDialog.getText(
            parent, "Leave private entry",
            f"For the facilitator: type {LEAVE_WORD} to leave private entry and see every log.",
        )
        return ok and text.strip().upper() == LEAVE_WORD

    @staticmethod
    def confirm_is_me(parent: QWidget, name: str) -> bool:
        answer = QMessageBox.question(
            parent, "Is this you?",
            f"{name} has already written in their learning log, which is confidential to them.\n\n"
            f"Open it only if you are {name}. Is this you?",
        )
        return answer == QMessageBox.Yes

    @staticmethod
    def progress(parent: QWidget, total: int) -> QProgressDialog:
        dialog = QProgressDialog("Printing learning logs…", "Cancel", 0, total, parent)
        dialog.setWindowTitle("Printing learning logs")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        return dialog

    @staticmethod
    def information(parent: QWidget, title: str, message: str) -> None:
        show_message(parent, QMessageBox.Information, title, message)

    @staticmethod
    def error(parent: QWidget, title: str, message: str) -> None:
        show_message(parent, QMessageBox.Warning, title, message)


class EditLearningLogCommand(StoreCommand):
    """Type in one field of a participant's log; the log is created by its first keystroke.

    Consecutive keystrokes in the same field merge, so one field edit is one undo step, and
    undoing the edit that created the log removes the log again.
    """

    _MERGE_ID = 5005

    def __init__(self, document: WorkspaceDocument, participant_id: str, workshop_id: str,
                 column: str, value: str, label: str):
        super().__init__(document, f"Edit learning log ({label})")
        existing = learning_logs.log_for(document.workspace, participant_id, workshop_id)
        self.participant_id = participant_id
        self.workshop_id = workshop_id
        self.column = column
        self.log_id = existing.id if existing else new_id()
        self.creates = existing is None
        self.before = existing.text(column) if existing else ""
        self.after = value

    def id(self) -> int:  # Qt: commands with the same id may merge
        return self._MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditLearningLogCommand) or other.failed:
            return False
        if (other.log_id, other.column) != (self.log_id, self.column) or other.creates:
            return False
        self.after = other.after
        if not self.creates and self.after == self.before:
            self.setObsolete(True)
        return True

    def _redo(self) -> None:
        if self.creates and self.document.workspace.get(TABLE, self.log_id) is None:
            row = {"participant_id": self.participant_id, "workshop_id": self.workshop_id,
                   self.column: self.after}
            self.document.insert(TABLE, [row], [self.log_id])
        else:
            self.document.update(TABLE, {self.log_id: {self.column: self.after}})

    def _undo(self) -> None:
        if self.creates:
            self.document.delete(TABLE, [self.log_id])
        else:
            self.document.update(TABLE, {self.log_id: {self.column: self.before}})


class _AnswerEdit(QPlainTextEdit):
    """A text box that asks for little height, so the screen fits the window and they share it."""

    def sizeHint(self) -> QSize:
        return QSize(400, 70)


class LogEditor(QWidget):
    """The four prompts and notes of one participant's log for one workshop, saved as typed."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, tpl: Template,
                 parent: QWidget | None = None, own_history_only: bool = False):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.participant_id: str | None = None
        #: In private entry, Ctrl+Z may undo only the writer's own edits, never the last person's.
        self.own_history_only = own_history_only
        self._updating = False
        self.name_label = QLabel()
        self.name_label.setTextFormat(Qt.PlainText)
        self.name_label.setObjectName("log_name")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_label)
        self.fields: dict[str, QPlainTextEdit] = {}
        self.labels: dict[str, str] = {}
        steps = {s["field"]: s for s in tpl.get("steps", [])}
        for column in FIELDS:
            step = steps.get(column)
            heading = step["heading"] if step else tpl.get("notes_label", "Notes")
            prompt = step.get("prompt", "") if step else ""
            self.labels[column] = heading
            title = QLabel(f"<b>{_html(heading)}</b>" + (f"<br>{_html(prompt)}" if prompt else ""))
            title.setWordWrap(True)
            edit = _AnswerEdit()
            edit.setObjectName(f"log_{column}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(52)
            edit.setAccessibleName(heading)
            # The document's undo stack is the one history: one step per field edit.
            edit.setUndoRedoEnabled(False)
            edit.textChanged.connect(lambda c=column: self._on_field_text_changed(c))
            edit.installEventFilter(self)
            layout.addSpacing(6)
            layout.addWidget(title)
            layout.addWidget(edit, 1)
            self.fields[column] = edit
        document.records_added.connect(self._on_document_records)
        document.records_removed.connect(self._on_document_records)
        # Bound methods, not lambdas: Qt drops these connections when the editor is destroyed.
        document.records_changed.connect(self._on_document_records_changed)
        self.set_participant(None)

    def set_participant(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        person = records.participant(self.document.workspace, participant_id) if participant_id else None
        self.name_label.setText(person.name if person else "")
        for edit in self.fields.values():
            edit.setEnabled(person is not None)
            edit.setReadOnly(self.document.read_only)
        self.refresh()

    def refresh(self) -> None:
        entry = None
        if self.participant_id:
            entry = learning_logs.log_for(self.document.workspace, self.participant_id, self.workshop_id)
        self._updating = True
        try:
            for column, edit in self.fields.items():
                value = entry.text(column) if entry else ""
                if edit.toPlainText() != value:
                    edit.setPlainText(value)
        finally:
            self._updating = False

    def _on_field_text_changed(self, column: str) -> None:
        if self._updating or not self.participant_id:
            return
        value = self.fields[column].toPlainText()
        entry = learning_logs.log_for(self.document.workspace, self.participant_id, self.workshop_id)
        if (entry.text(column) if entry else "") == value:
            return
        command = EditLearningLogCommand(self.document, self.participant_id, self.workshop_id,
                                         column, value, self.labels[column])
        if not self.document.push(command):
            self.refresh()

    def _on_document_records(self, table: str, _ids: list) -> None:
        if table == TABLE and self.participant_id:
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        self._on_document_records(table, ids)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A text box keeps Ctrl+Z for its own history; here the document's stack is the history.
        if event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress) and isinstance(event, QKeyEvent):
            redo = event.matches(QKeySequence.Redo) or (
                event.key() == Qt.Key_Z and event.modifiers() == (Qt.ControlModifier | Qt.ShiftModifier))
            undo = not redo and event.matches(QKeySequence.Undo)
            if undo or redo:
                event.accept()
                if event.type() == QEvent.KeyPress:
                    self.step_history(redo=redo)
                return True
        return super().eventFilter(watched, event)

    def step_history(self, redo: bool = False) -> bool:
        """Undo (or redo) the document's last step, if this editor may; True if it did."""
        stack = self.document.undo_stack
        index = stack.index() if redo else stack.index() - 1
        if not 0 <= index < stack.count():
            return False
        if self.own_history_only:
            command = stack.command(index)
            mine = (isinstance(command, EditLearningLogCommand)
                    and command.participant_id == self.participant_id
                    and command.workshop_id == self.workshop_id)
            if not mine or self.participant_id is None:
                return False
        if redo:
            stack.redo()
        else:
            stack.undo()
        return True


class PrivateEntryDialog(QDialog):
    """Passing the laptop round: each participant finds their name, writes, and hands on."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str, tpl: Template,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("private_entry")
        self.setWindowTitle("Learning log: private entry")
        self.setModal(True)
        self.document = document
        self.workshop_id = workshop_id
        self.stack = QStackedWidget()

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

        self.stack.addWidget(picker)
        self.stack.addWidget(writing)
        self.leave_button = QPushButton("Leave private entry (facilitator)…")
        self.leave_button.setObjectName("private_leave")
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.leave_button)
        layout.addLayout(footer)
        self.resize(820, 760)

    @property
    def writing(self) -> bool:
        return self.stack.currentIndex() == 1

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
        entry = learning_logs.log_for(self.document.workspace, participant_id, self.workshop_id)
        # Someone else's words stay hidden unless the person says the log is theirs.
        if entry is not None and not entry.is_empty and not LogDialogs.confirm_is_me(self, name):
            return False
        self.editor.set_participant(participant_id)
        self.stack.setCurrentIndex(1)
        self.editor.fields["experience"].setFocus()
        return True

    def next_person(self) -> None:
        self.editor.set_participant(None)
        self.names.setCurrentIndex(QModelIndex())
        self.names.clearSelection()
        self.start_button.setEnabled(False)
        self.stack.setCurrentIndex(0)

    def reject(self) -> None:
        # Esc, the close box and the leave button all come here: only the facilitator leaves.
        if LogDialogs.confirm_leave_private(self):
            self.editor.set_participant(None)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()


class LearningLogScreen(ExerciseScreen):
    """Attendees on the left; the selected one's log on the right; printing below."""

    #: Emitted when private entry starts (True) and ends (False).
    private_mode_changed = Signal(bool)

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("learning_log_screen")
        found = self.exercise
        self.workshop_id = found.workshop_id if found else ""
        self.template = _template_for(found)
        self.private_dialog: PrivateEntryDialog | None = None

        self.attendees = QListView()
        self.attendees.setObjectName("attendees")
        self.attendees.setMinimumWidth(220)
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

        self.print_button = QPushButton("Print this log…")
        self.print_button.setObjectName("print_one")
        self.print_button.clicked.connect(self.print_selected)
        self.print_workshop_button = QPushButton("Print for every attendee…")
        self.print_workshop_button.setObjectName("print_workshop")
        self.print_workshop_button.clicked.connect(self.print_workshop)
        self.print_programme_button = QPushButton("Print for the whole programme…")
        self.print_programme_button.setObjectName("print_programme")
        self.print_programme_button.clicked.connect(self.print_programme)
        self.print_button.setToolTip("This participant's whole log: every workshop they attended.")
        self.print_workshop_button.setToolTip("One PDF per attendee, with this workshop's page.")
        self.print_programme_button.setToolTip("One PDF per participant of the programme, "
                                               "with every workshop they attended.")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItems(PAPER_SIZES)
        self.fillable = QCheckBox("Fillable form fields")
        self.fillable.setObjectName("fillable")
        self.fillable.setToolTip("Empty sections become fields a participant can complete on a computer.")
        buttons = QHBoxLayout()
        for button in (self.print_button, self.print_workshop_button, self.print_programme_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        options = QFormLayout()
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addWidget(self.fillable)
        paper_row.addStretch(1)
        options.addRow("Paper:", paper_row)

        right = QVBoxLayout()
        right.addWidget(self.instructions_label)
        right.addSpacing(8)
        right.addWidget(self.empty_label)
        right.addWidget(self.editor, 1)
        right.addLayout(buttons)
        right.addLayout(options)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        document.records_added.connect(self._on_document_records)
        document.records_removed.connect(self._on_document_records)
        document.records_changed.connect(self._on_document_records_changed)
        self.reload_attendees()
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
        private = self.private_dialog is not None
        chosen = current.data(ID_ROLE) if current.isValid() and not private else None
        self.editor.set_participant(chosen)
        self._update_enabled()

    def _on_document_records(self, table: str, _ids: list) -> None:
        if table == TABLE:
            self.attendees_model.refresh_written()
        elif table in ("attendance", "participants", "workshops"):
            self.reload_attendees()

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        self._on_document_records(table, ids)

    def _update_enabled(self) -> None:
        private = self.private_dialog is not None
        # During private entry the screen behind the dialog shows nobody's log.
        self.attendees.setEnabled(not private)
        chosen = self.editor.participant_id is not None and not private
        self.editor.setVisible(chosen)
        self.empty_label.setVisible(not chosen)
        self.print_button.setEnabled(chosen)
        self.print_workshop_button.setEnabled(self.attendees_model.rowCount() > 0)
        self.print_programme_button.setEnabled(self._programme_id() is not None)

    def _programme_id(self) -> str | None:
        found = records.workshop(self.document.workspace, self.workshop_id)
        return found.programme_id if found else None

    # -- private entry -------------------------------------------------------------------------

    def start_private_entry(self) -> PrivateEntryDialog:
        # Nothing of anyone's log stays on the screen behind the dialog.
        self.attendees.setCurrentIndex(QModelIndex())
        self.editor.set_participant(None)
        self._update_enabled()
        dialog = PrivateEntryDialog(self.document, self.workshop_id, self.template, self)
        dialog.finished.connect(self._on_private_dialog_finished)
        self.private_dialog = dialog
        self._update_enabled()
        self.private_mode_changed.emit(True)
        dialog.open()
        return dialog

    def _on_private_dialog_finished(self, _result: int) -> None:
        dialog, self.private_dialog = self.private_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._update_enabled()
        self.private_mode_changed.emit(False)

    # -- printing ------------------------------------------------------------------------------

    @property
    def letter(self) -> bool:
        return self.paper.currentText() == "US Letter"

    def print_selected(self) -> Path | None:
        participant_id = self.selected_participant()
        if participant_id is None:
            return None
        ws = self.document.workspace
        person = records.participant(ws, participant_id)
        name = learning_logs.distinct_file_names([person.name])[0]
        path = LogDialogs.save_pdf_path(self, "Print learning log", str(Path.home() / name))
        if path is None:
            return None
        try:
            book = learning_logs.log_book(ws, participant_id)
            data = render_learning_log(book, learning_logs.log_template(), letter=self.letter,
                                       fillable=self.fillable.isChecked())
            learning_logs.write_atomically(path, data)
        except StorageError as exc:
            LogDialogs.error(self, exc.title, exc.user_message)
            return None
        LogDialogs.information(self, "Learning log printed", f"{person.name}'s learning log is in {path}.")
        return path

    def print_workshop(self) -> list[Path]:
        jobs = learning_logs.jobs_for_workshop(self.document.workspace, self.workshop_id)
        return self._print_batch(jobs, "Print a learning log for every attendee")

    def print_programme(self) -> list[Path]:
        programme_id = self._programme_id()
        if programme_id is None:
            return []
        jobs = learning_logs.jobs_for_programme(self.document.workspace, programme_id)
        return self._print_batch(jobs, "Print a learning log for everyone in the programme")

    def _print_batch(self, jobs: list[PrintJob], title: str) -> list[Path]:
        if not jobs:
            LogDialogs.information(self, title, "Nobody has attended yet, so there is nothing to print.")
            return []
        folder = LogDialogs.choose_folder(self, title)
        if folder is None:
            return []
        progress = LogDialogs.progress(self, len(jobs))
        cancelled = False

        def step(done: int, job: PrintJob) -> bool:
            nonlocal cancelled
            progress.setLabelText(f"Printing {job.participant}'s learning log ({done + 1} of {len(jobs)})…")
            progress.setValue(done)
            cancelled = progress.wasCanceled()
            return not cancelled

        try:
            written = learning_logs.write_pdfs(self.document.workspace, jobs, folder,
                                               letter=self.letter, fillable=self.fillable.isChecked(),
                                               progress=step)
        except StorageError as exc:
            progress.close()
            LogDialogs.error(self, exc.title, exc.user_message)
            return []
        progress.setValue(len(jobs))
        progress.close()
        progress.deleteLater()
        if cancelled:
            message = f"Stopped: {len(written)} of {len(jobs)} learning logs were written to {folder}."
        else:
            message = f"{len(written)} learning logs were written to {folder}."
        LogDialogs.information(self, "Learning logs printed", message)
        return written


def _template_for(found: records.Exercise | None) -> Template:
    if found is not None:
        try:
            return template(found.template)
        except KeyError:
            log.warning("template %s is missing; using the standard learning log", found.template)
    return learning_logs.log_template()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def create_screen(
    document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None
) -> ExerciseScreen:
    return LearningLogScreen(document, exercise_id, parent)
