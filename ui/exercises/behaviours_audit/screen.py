"""The behaviours audit screen: composition only. Paper forms typed in, pass-the-laptop answers,
results, the comparison of rounds and the question set, each in its own module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from partnerdesk import records
from partnerdesk.behaviours_audit import export, values
from partnerdesk.behaviours_audit.stats import RoundResults
from partnerdesk.changes import Changes
from partnerdesk.errors import StorageError
from partnerdesk.exports import write_atomically
from ui.dialogs import Dialogs, report_export_failure
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.behaviours_audit.charts import AUDIT_TABLES, AuditPresenterView
from ui.exercises.behaviours_audit.commands import (
    AddPaperFormCommand,
    AddPrivateAnswersCommand,
    CorrectPaperFormCommand,
    DeletePaperFormCommand,
)
from ui.exercises.behaviours_audit.entry import Form, PaperFormEntry
from ui.exercises.behaviours_audit.panels import CompareView, QuestionsView, ResultsView
from ui.exercises.behaviours_audit.private import LEAVE_TEXT, TITLE, PrivateAnswerForm
from ui.private_entry import PrivateEntry


class BehavioursAuditScreen(ExerciseScreen):
    """Collect anonymous ratings (paper forms or privately), then show and compare the results.

    Opening it writes nothing: until the first edit sets the round up, it shows the round the
    exercise's template plans (`values.planned_round`).
    """

    scrolls_itself = True  # its panels scroll; the window never scrolls it whole

    #: Emitted when private answering starts (True) and ends (False).
    private_mode_changed = Signal(bool)

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("behaviours_audit")
        exercise = records.exercise(document.workspace, exercise_id)
        self.template = values.audit_template(exercise.template)
        self.round = values.planned_round(document.workspace, exercise_id)
        self.private_entry: PrivateEntry | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(exercise.title or self.template.title)
        heading.setObjectName("audit_title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.PlainText)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("response_count")
        top.addWidget(self.count_label)
        self.private_button = QPushButton("Pass the laptop…")
        self.private_button.setObjectName("private_button")
        self.private_button.setToolTip("Each participant answers privately; nothing already given can be seen.")
        self.private_button.clicked.connect(self.start_private_answering)
        top.addWidget(self.private_button)
        layout.addLayout(top)
        instructions = QLabel(self.instructions())
        instructions.setWordWrap(True)
        instructions.setTextFormat(Qt.PlainText)
        layout.addWidget(instructions)
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("audit_tabs")
        self.paper = PaperFormEntry(
            lambda form: self.push(AddPaperFormCommand(document, exercise_id, form)), self.response_count,
            lambda typed, form: self.push(CorrectPaperFormCommand(document, exercise_id, typed, form)),
            lambda form: self.push(DeletePaperFormCommand(document, exercise_id, form)))
        self.results_view = ResultsView(self)
        self.compare_view = CompareView(self)
        self.questions_view = QuestionsView(self)
        self.tabs.addTab(self.paper, "Paper forms")
        self.tabs.addTab(self.results_view, "Results")
        self.tabs.addTab(self.compare_view, "Compare rounds")
        self.tabs.addTab(self.questions_view, "Questions")
        self.stack.addWidget(self.tabs)
        hidden = QLabel("Private answering is in progress: answers are hidden until the facilitator leaves it.")
        hidden.setObjectName("private_in_progress")
        hidden.setAlignment(Qt.AlignCenter)
        hidden.setWordWrap(True)
        self.stack.addWidget(hidden)
        layout.addWidget(self.stack, 1)
        self._question_texts: tuple[str, ...] | None = None
        document.changed.connect(self._on_changed)
        # The editors of workshops and exercises use the generic record commands, which send
        # only these signals: a round renamed, moved or deleted elsewhere changes the comparison.
        document.records_added.connect(self._on_records)
        document.records_removed.connect(self._on_records)
        document.records_changed.connect(self._on_records_changed)
        self.refresh()


    # -- reading -------------------------------------------------------------------------------

    @property
    def question_set(self) -> values.QuestionSet:
        return values.round_questions(self.document.workspace, self.round)

    @property
    def questions(self) -> tuple[values.Question, ...]:
        return self.question_set.questions

    def response_count(self) -> int:
        return values.response_count(self.document.workspace, self.round.id) if self.round.id else 0

    def results(self) -> RoundResults:
        return values.results_of(self.document.workspace, self.round)

    def refresh(self) -> None:
        ws = self.document.workspace
        if records.exercise(ws, self.exercise_id) is None:
            return  # the exercise was deleted; the window is about to close this screen
        self.round = found = values.planned_round(ws, self.exercise_id)
        questions = self.questions
        texts = tuple(q.text for q in questions)
        if texts != self._question_texts:
            self._question_texts = texts
            self.paper.set_questions(questions)
        given = values.responses(ws, found.id) if found.id else []
        self.count_label.setText(f"{len(given)} response{'s' if len(given) != 1 else ''}")
        self.paper.show_responses(questions, given)
        self.results_view.refresh(found, self.results(), values.comments_of(ws, found))
        self.compare_view.set_rounds(values.related_to(ws, found), found.id)
        self.questions_view.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*AUDIT_TABLES):
            self.refresh()

    def _on_records(self, table: str, _ids: list) -> None:
        if table in ("programmes", "workshops", "exercises"):
            self.refresh()

    def _on_records_changed(self, table: str, ids: list, _columns: list) -> None:
        self._on_records(table, ids)

    # -- editing -------------------------------------------------------------------------------

    def push(self, command: QUndoCommand) -> bool:
        """Push a command; if the store refused it, show the store's state again."""
        if self.document.push(command):
            return True
        self.refresh()
        return False

    # -- pass the laptop -----------------------------------------------------------------------

    def start_private_answering(self) -> PrivateEntry:
        # The forms and results behind the private entry are hidden while the laptop goes round.
        self.stack.setCurrentIndex(1)
        self.private_button.setEnabled(False)
        form = PrivateAnswerForm(self.questions, self._add_private)
        entry = PrivateEntry(form, self, title=TITLE, leave_text=LEAVE_TEXT)
        entry.add_to_bar(form.submit_button)
        entry.left.connect(form.wipe)
        entry.finished.connect(self._on_private_finished)
        self.private_entry = entry
        self.private_mode_changed.emit(True)
        entry.enter()
        if form.edits:
            form.edits[0].setFocus()
        return entry

    def _add_private(self, form: Form) -> bool:
        return self.push(AddPrivateAnswersCommand(self.document, self.exercise_id, form))

    def _on_private_finished(self, _result: int) -> None:
        entry, self.private_entry = self.private_entry, None
        if entry is not None:
            entry.deleteLater()
        self.stack.setCurrentIndex(0)
        self.private_button.setEnabled(True)
        self.private_mode_changed.emit(False)

    # -- files ---------------------------------------------------------------------------------

    def results_paper(self) -> export.ResultsPaper:
        pair = self.compare_view.pair()
        other = None
        if pair is not None:
            other = pair[1].round.id if pair[0].round.id == self.round.id else pair[0].round.id
        return export.paper_of(self.document.workspace, self.round, other)

    def save_pdf(self) -> Path | None:
        path = Dialogs.save_path(self, "Save the results as PDF", "audit-results.pdf", "PDF files (*.pdf)")
        if path is None:
            return None
        try:
            write_atomically(path, export.render_results(self.results_paper()))
        except StorageError as exc:
            report_export_failure(self, "Results PDF", exc)
            return None
        return path

    def save_csv(self) -> Path | None:
        path = Dialogs.save_path(self, "Save the anonymous responses as CSV", "audit-responses.csv",
                                 "CSV files (*.csv)")
        if path is None:
            return None
        results = self.results()
        if results.withheld:
            Dialogs.error(self, "Responses CSV", results.withheld_message)
            return None
        try:
            export.export_csv(self.document.workspace, self.round.id, path)
        except StorageError as exc:
            report_export_failure(self, "Responses CSV", exc)
            return None
        return path

    # -- the projector -------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget:
        view = AuditPresenterView(self.document, self.exercise_id, parent)
        view.set_paused(self.private_entry is not None)
        # While the laptop goes round, a chart that moved after each person would show what
        # that person answered: the projector waits until the facilitator leaves.
        self.private_mode_changed.connect(view.set_paused)
        return view
