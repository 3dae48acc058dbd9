"""One participant's log for one workshop: the four prompts and notes, saved as typed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from partnerdesk import records
from partnerdesk.learning_log.values import FIELDS, TABLE, log_for
from partnerdesk.resources import Template
from ui.document import WorkspaceDocument
from ui.exercises.learning_log.commands import EditLearningLogCommand


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
        #: The shown log's id, once it exists: the store's signals name logs by id.
        self.log_id: str | None = None
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
        # Bound methods, not lambdas: Qt drops these connections when the editor is destroyed.
        document.records_added.connect(self._on_document_records_added)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_removed.connect(self._on_document_records_removed)
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
        """Show the participant's log as stored (empty boxes before its first keystroke)."""
        entry = None
        if self.participant_id:
            entry = log_for(self.document.workspace, self.participant_id, self.workshop_id)
        self.log_id = entry.id if entry else None
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
        command = EditLearningLogCommand(self.document, self.participant_id, self.workshop_id,
                                         column, self.fields[column].toPlainText(),
                                         self.labels[column])
        if not self.document.push(command):
            self.refresh()

    # -- the store's changes, log by log ---------------------------------------------------------

    def _on_document_records_added(self, table: str, ids: list) -> None:
        # A new log may be this participant's (their first keystroke, or a redo).
        if table == TABLE and self.participant_id and self.log_id is None:
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        if table == TABLE and self.log_id in ids:
            self.refresh()

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        if table == TABLE and self.log_id in ids:
            self.refresh()

    # -- undo from the keyboard ------------------------------------------------------------------

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


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
