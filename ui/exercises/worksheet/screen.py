"""The worksheet screen, composed: heading, instructions, reference, summary and one box per step.

Edits go through the kind's commands (core operations); the boxes show what the store holds,
refreshed from the document's signals for this one exercise. Opening it writes nothing.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from partnerdesk import records
from partnerdesk.worksheet.values import answers_of, summary_text, worksheet_of
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.worksheet.commands import EditNotesCommand, MarkItemCommand
from ui.exercises.worksheet.panels import SectionBox
from ui.exercises.worksheet.view import WorksheetPresenterView


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    return label


class WorksheetScreen(ExerciseScreen):
    scrolls_itself = True  # its panels scroll; the window never scrolls it whole

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("worksheet")
        exercise = records.exercise(document.workspace, exercise_id)
        self.worksheet = worksheet_of(exercise)
        layout = QVBoxLayout(self)
        heading = _plain_label(exercise.title or self.worksheet.title)
        heading.setObjectName("worksheet_title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary = QLabel()
        self.summary.setObjectName("worksheet_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # The steps scroll inside the screen, under the heading: a long worksheet (ten steps
        # of notes) never pushes the window into scrolling as a whole.
        body = QWidget()
        body.setObjectName("worksheet_body")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(_plain_label(self.worksheet.instructions))
        if self.worksheet.reference:
            reference = QGroupBox(self.worksheet.reference_title or "For reference")
            QVBoxLayout(reference).addWidget(_plain_label(self.worksheet.reference))
            body_layout.addWidget(reference)
        self.sections = [SectionBox(s, self.worksheet.scale) for s in self.worksheet.sections]
        for box in self.sections:
            box.notes_edited.connect(partial(self.set_notes, box.section.key))
            box.item_marked.connect(partial(self.set_item, box.section.key))
            body_layout.addWidget(box)
        body_layout.addStretch(1)
        self.steps = QScrollArea()
        self.steps.setObjectName("worksheet_steps")
        self.steps.setWidgetResizable(True)
        self.steps.setFrameShape(QFrame.NoFrame)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.steps.setWidget(body)
        layout.addWidget(self.steps, 1)
        document.records_changed.connect(self._on_document_records_changed)
        self.refresh()


    def answers(self):
        return answers_of(self.document.workspace, self.exercise_id)

    def refresh(self) -> None:
        answers = self.answers()
        for box in self.sections:
            box.show_answers(answers)
        self.summary.setText(summary_text(self.worksheet, answers))

    # -- editing -------------------------------------------------------------------------------

    def set_notes(self, section_key: str, notes: str, typing_session: int = 0) -> None:
        section = self.worksheet.section(section_key)
        self._push(EditNotesCommand(self.document, self.exercise_id, section, notes, typing_session))

    def set_item(self, section_key: str, index: int, value: str) -> None:
        section = self.worksheet.section(section_key)
        self._push(MarkItemCommand(self.document, self.exercise_id, section, index, value))

    def _push(self, command) -> None:
        if not self.document.push(command):
            # Refused (a read-only file, say): show what the store holds again.
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            self.refresh()

    # -- the projector -------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget:
        return WorksheetPresenterView(self.document, self.exercise_id, self.worksheet, parent)
