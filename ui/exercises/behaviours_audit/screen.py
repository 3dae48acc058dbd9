"""The partnership behaviours audit: paper forms typed in, pass-the-laptop answers, results and comparison."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from html import escape
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import audit, audit_stats, records
from partnerdesk.audit_pdf import ResultsPaper, render_results, results_paper
from partnerdesk.audit_stats import RoundResults, fmt, fmt_change
from partnerdesk.errors import StorageError
from partnerdesk.exports import write_atomically
from partnerdesk.store import Snapshot, new_id
from ui.commands import AddRecordsCommand, ChangeRecordsCommand, DeleteRecordsCommand, StoreCommand
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen, InstructionsScreen

log = logging.getLogger(__name__)

KIND = audit.KIND
LEAVE_WORD = "LEAVE"
AUDIT_TABLES = {"audit_responses", "audit_answers", "audit_rounds", "audit_questions", "audit_question_sets"}
BAR_COLOUR = QColor("#2563eb")
LOW_COLOUR = QColor("#dc2626")
BEFORE_COLOUR = QColor("#9ca3af")
BENCH_COLOUR = QColor("#d97706")
ERROR_STYLE = "background: #fee2e2; border: 2px solid #dc2626;"


class AuditDialogs:
    """Every modal question the audit screen asks, in one place tests can replace."""

    @staticmethod
    def confirm_leave_private(parent: QWidget) -> bool:
        text, ok = QInputDialog.getText(
            parent, "Leave private answering",
            f"For the facilitator: type {LEAVE_WORD} to leave private answering.")
        return ok and text.strip().upper() == LEAVE_WORD

    @staticmethod
    def save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        if not name:
            return None
        path = Path(name)
        suffix = "." + file_filter.rsplit("*.", 1)[-1].rstrip(")")
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    @staticmethod
    def error(parent: QWidget, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)


# -- commands --------------------------------------------------------------------------------


class AddResponseCommand(StoreCommand):
    """One anonymous response (a paper form or a participant's answers); undo removes it whole."""

    def __init__(self, document: WorkspaceDocument, round_id: str,
                 answers: Mapping[str, tuple[int | None, str]], text: str):
        super().__init__(document, text)
        self.round_id = round_id
        self.answers = dict(answers)
        self.response_id = new_id()
        self._snapshot: Snapshot | None = None
        self._set_id: str | None = None
        self._froze = False

    def _redo(self) -> None:
        if self._snapshot is not None:
            self.document.restore(self._snapshot)
            if self._froze:
                self.document.update("audit_question_sets", {self._set_id: {"frozen": 1}})
            return
        ws = self.document.workspace
        found = audit.audit_round(ws, self.round_id)
        self._set_id = found.set_id if found else None
        self._froze = found is not None and not audit.question_set(ws, found.set_id).frozen
        audit.add_response(ws, self.round_id, self.answers, self.response_id)
        self.document.records_added.emit("audit_responses", [self.response_id])
        if self._froze:
            self.document.records_changed.emit("audit_question_sets", [self._set_id], ["frozen"])

    def _undo(self) -> None:
        self._snapshot = self.document.delete("audit_responses", [self.response_id])
        # Undoing the answer that froze the set gives it back for editing; redo freezes it again.
        if self._froze:
            self.document.update("audit_question_sets", {self._set_id: {"frozen": 0}})


class UseSetCommand(StoreCommand):
    """Point a round without answers at another question set (optionally a fresh copy of one)."""

    def __init__(self, document: WorkspaceDocument, round_id: str, set_id: str | None, copy_of: str | None,
                 text: str, point: bool = True):
        super().__init__(document, text)
        self.point = point
        self.round_id = round_id
        self.set_id = set_id
        self.copy_of = copy_of
        self.before = audit.audit_round(document.workspace, round_id).set_id
        self._copy_snapshot: Snapshot | None = None

    def _redo(self) -> None:
        ws = self.document.workspace
        if self.copy_of is not None:
            if self._copy_snapshot is not None:
                self.document.restore(self._copy_snapshot)
            else:
                self.set_id = audit.duplicate_set(ws, self.copy_of)
                self.document.records_added.emit("audit_question_sets", [self.set_id])
        if self.point:
            self.document.update("audit_rounds", {self.round_id: {"set_id": self.set_id}})

    def _undo(self) -> None:
        if self.point:
            self.document.update("audit_rounds", {self.round_id: {"set_id": self.before}})
        if self.copy_of is not None:
            self._copy_snapshot = self.document.delete("audit_question_sets", [self.set_id])


# -- charts ----------------------------------------------------------------------------------


def _benchmark_series(chart: QChart, count: int, benchmark: float | None, x_axis, y_axis) -> None:
    if benchmark is None or count == 0:
        return
    line = QLineSeries()
    line.setName(f"Benchmark {benchmark:.1f}")
    line.append(-0.5, benchmark)
    line.append(count - 0.5, benchmark)
    pen = QPen(BENCH_COLOUR)
    pen.setWidthF(3)
    pen.setStyle(Qt.DashLine)
    line.setPen(pen)
    chart.addSeries(line)
    line.attachAxis(x_axis)
    line.attachAxis(y_axis)


def _axes(chart: QChart, count: int, font_size: int) -> tuple[QBarCategoryAxis, QValueAxis]:
    x_axis = QBarCategoryAxis()
    x_axis.append([f"Q{n}" for n in range(1, count + 1)])
    y_axis = QValueAxis()
    y_axis.setRange(0, 10)
    y_axis.setTickCount(6)
    y_axis.setLabelFormat("%d")
    font = QFont()
    font.setPointSize(font_size)
    x_axis.setLabelsFont(font)
    y_axis.setLabelsFont(font)
    chart.addAxis(x_axis, Qt.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignLeft)
    return x_axis, y_axis


def results_chart(results: RoundResults, title: str, font_size: int = 9) -> QChart:
    """Bars per question (lowest items in red) and the benchmark line; empty while withheld."""
    chart = QChart()
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    title_font = QFont()
    title_font.setPointSize(font_size + 3)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    count = len(results.questions)
    if results.withheld:
        chart.setTitle(f"{title}: results withheld ({results.responses} of {results.minimum_responses} "
                       "responses needed)")
    else:
        chart.setTitle(f"{title}: overall average {fmt(results.overall)}")
    bars = QBarSet("Average score")
    bars.setColor(BAR_COLOUR)
    bars.setSelectedColor(LOW_COLOUR)
    if not results.withheld:
        bars.append([q.mean if q.mean is not None else 0.0 for q in results.questions])
        for q in results.questions:
            if q.lowest:
                bars.selectBar(q.position - 1)
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    x_axis, y_axis = _axes(chart, count, font_size)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    if not results.withheld:
        _benchmark_series(chart, count, results.benchmark, x_axis, y_axis)
    legend_font = QFont()
    legend_font.setPointSize(font_size)
    chart.legend().setFont(legend_font)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


def comparison_chart(comparison: audit_stats.Comparison, before_label: str, after_label: str,
                     benchmark: float | None, font_size: int = 9) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    count = len(comparison.changes)
    if comparison.withheld:
        chart.setTitle("Comparison withheld")
    else:
        chart.setTitle(f"Overall {fmt(comparison.overall_before)} → {fmt(comparison.overall_after)} "
                       f"({fmt_change(comparison.overall_change)})")
    series = QBarSeries()
    for label, colour, values in (
        (before_label, BEFORE_COLOUR, [c.before for c in comparison.changes]),
        (after_label, BAR_COLOUR, [c.after for c in comparison.changes]),
    ):
        bars = QBarSet(label)
        bars.setColor(colour)
        bars.append([v if v is not None else 0.0 for v in values])
        series.append(bars)
    chart.addSeries(series)
    x_axis, y_axis = _axes(chart, max(count, 1), font_size)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    if not comparison.withheld:
        _benchmark_series(chart, count, benchmark, x_axis, y_axis)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


class ChartView(QChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(260)

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


# -- entry -----------------------------------------------------------------------------------


class ScoreEdit(QLineEdit):
    """One question's score: blank for no answer, or 0-10."""

    def __init__(self, index: int, question: audit.Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"score_{index + 1}")
        self.setMaxLength(4)
        self.setPlaceholderText("–")
        self.setAlignment(Qt.AlignCenter)
        self.setToolTip(f"Q{index + 1}. {question.text}\nA whole number from 0 to 10; leave blank for no answer.")
        self.textEdited.connect(self.clear_error)

    def set_error(self, on: bool) -> None:
        self.setStyleSheet(ERROR_STYLE if on else "")

    def clear_error(self) -> None:
        self.set_error(False)


def read_scores(edits: list[ScoreEdit]) -> tuple[list[int | None], list[str]]:
    """The typed scores, and one message per refused answer (each marked on its field)."""
    scores, problems = [], []
    for edit in edits:
        try:
            scores.append(audit.parse_score(edit.text()))
            edit.set_error(False)
        except audit.AnswerError as exc:
            scores.append(None)
            edit.set_error(True)
            problems.append(f"Q{edit.index + 1}: {exc}")
    return scores, problems


class PaperFormEntry(QWidget):
    """Paper forms typed in fast: one row per form; digits and Enter move through the questions."""

    def __init__(self, screen: BehavioursAuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("paper_entry")
        layout = QVBoxLayout(self)
        help_text = QLabel("Type each paper form's scores: a digit (or 10) then Enter moves to the next "
                           "question; Enter on a blank box means no answer. Enter on the last question adds "
                           "the form. Type any written comment in the box under its score. Each form is one "
                           "step to undo.")
        help_text.setWordWrap(True)
        layout.addWidget(help_text)
        self.entry_row = QGridLayout()
        self.edits: list[ScoreEdit] = []
        layout.addLayout(self.entry_row)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add this form")
        self.add_button.setObjectName("add_form")
        self.add_button.clicked.connect(self.submit)
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("paper_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        layout.addWidget(self.message)
        self.forms = QTableWidget()
        self.forms.setObjectName("paper_forms")
        self.forms.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.forms.setSelectionMode(QAbstractItemView.NoSelection)
        self.forms.verticalHeader().setVisible(False)
        #: Forms typed here since the screen opened: shown so the typing can be checked. Answers
        #: given privately (or typed earlier) are never shown one by one, only in the results.
        self.typed_ids: list[str] = []
        layout.addWidget(QLabel("Forms you have typed here (to check your typing; * has a comment). Answers "
                                "given on the laptop are never listed:"))
        layout.addWidget(self.forms, 1)

    def set_questions(self, questions: tuple[audit.Question, ...]) -> None:
        for edit in self.edits:
            edit.deleteLater()
        while self.entry_row.count():
            item = self.entry_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.edits = []
        self.comments: list[QLineEdit] = []
        for i, question in enumerate(questions):
            label = QLabel(f"Q{i + 1}")
            label.setToolTip(question.text)
            label.setAlignment(Qt.AlignCenter)
            edit = ScoreEdit(i, question)
            edit.returnPressed.connect(lambda i=i: self._on_return(i))
            # A form's written comments: click in and type; Enter goes back to the next score.
            comment = QLineEdit()
            comment.setObjectName(f"paper_comment_{i + 1}")
            comment.setPlaceholderText("comment")
            comment.setToolTip(f"Q{i + 1}. {question.text}\nA comment written on the form (optional).")
            comment.returnPressed.connect(lambda i=i: self._on_return(i))
            self.entry_row.addWidget(label, 0, i)
            self.entry_row.addWidget(edit, 1, i)
            self.entry_row.addWidget(comment, 2, i)
            self.edits.append(edit)
            self.comments.append(comment)
        self.forms.setColumnCount(len(questions))
        self.forms.setHorizontalHeaderLabels([f"Q{i + 1}" for i in range(len(questions))])
        for i, question in enumerate(questions):
            self.forms.horizontalHeaderItem(i).setToolTip(question.text)
        self.forms.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

    def _on_return(self, index: int) -> None:
        edit = self.edits[index]
        try:
            audit.parse_score(edit.text())
        except audit.AnswerError as exc:
            edit.set_error(True)
            self.message.setText(f"Q{index + 1}: {exc}")
            edit.selectAll()
            return
        edit.set_error(False)
        self.message.clear()
        if index + 1 < len(self.edits):
            self.edits[index + 1].setFocus()
            self.edits[index + 1].selectAll()
        else:
            self.submit()

    def submit(self) -> bool:
        scores, problems = read_scores(self.edits)
        if problems:
            self.message.setText("This form was not added. " + " ".join(problems))
            return False
        if all(s is None for s in scores):
            self.message.setText("This form has no answers, so nothing was added.")
            return False
        questions = self.screen.questions
        comments = [audit.clean_comment(c.text()) for c in self.comments]
        answers = {q.id: (s, c) for q, s, c in zip(questions, scores, comments, strict=True)}
        command = self.screen.add_response(answers, "Add a paper form")
        if command is None:
            return False
        self.typed_ids.append(command.response_id)
        self.screen.refresh()
        self.clear()
        self.message.setText(f"Form added: {self.screen.response_count()} so far.")
        if self.edits:
            self.edits[0].setFocus()
        return True

    def clear(self) -> None:
        for edit in self.edits:
            edit.setText("")
            edit.set_error(False)
        for comment in self.comments:
            comment.setText("")

    def show_responses(self, questions: tuple[audit.Question, ...], given: list[audit.Response]) -> None:
        typed = set(self.typed_ids)
        given = [r for r in given if r.id in typed]
        self.forms.setRowCount(len(given))
        for row, response in enumerate(given):
            for col, q in enumerate(questions):
                answer = response.answers.get(q.id)
                text = "" if answer is None or answer.score is None else str(answer.score)
                item = QTableWidgetItem(text + (" *" if answer is not None and answer.comment else ""))
                item.setTextAlignment(Qt.AlignCenter)
                if answer is not None and answer.comment:
                    item.setToolTip(answer.comment)
                self.forms.setItem(row, col, item)


class PrivateAnswerDialog(QDialog):
    """Pass the laptop: one person answers, submits, and the screen clears for the next."""

    def __init__(self, screen: BehavioursAuditScreen):
        super().__init__(screen)
        self.screen = screen
        self.setObjectName("audit_private")
        self.setWindowTitle("Partnership behaviours audit: your answers")
        self.setModal(True)
        layout = QVBoxLayout(self)
        intro = QLabel("Your answers are anonymous: no name is asked for and nothing links them to you. "
                       "Rate each question from 0 (not at all) to 10 (completely), or leave it blank. "
                       "When you submit, your answers are saved and hidden, and the form clears for the "
                       "next person.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.thanks = QLabel()
        self.thanks.setObjectName("private_thanks")
        self.thanks.setWordWrap(True)
        self.thanks.setStyleSheet("font-weight: bold; color: #166534;")
        layout.addWidget(self.thanks)
        form_widget = QWidget()
        form = QGridLayout(form_widget)
        self.edits: list[ScoreEdit] = []
        self.comments: list[QLineEdit] = []
        for i, question in enumerate(screen.questions):
            text = QLabel(f"Q{i + 1}. {question.text}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.PlainText)
            edit = ScoreEdit(i, question)
            edit.setMaximumWidth(60)
            edit.returnPressed.connect(lambda i=i: self._on_return(i))
            comment = QLineEdit()
            comment.setObjectName(f"comment_{i + 1}")
            comment.setPlaceholderText("Comment (optional)")
            form.addWidget(text, i, 0)
            form.addWidget(edit, i, 1)
            form.addWidget(comment, i, 2)
            self.edits.append(edit)
            self.comments.append(comment)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(2, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        layout.addWidget(scroll, 1)
        self.message = QLabel()
        self.message.setObjectName("private_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.message)
        footer = QHBoxLayout()
        self.submit_button = QPushButton("Submit my answers")
        self.submit_button.setObjectName("private_submit")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.leave_button = QPushButton("Leave private answering (facilitator)…")
        self.leave_button.setObjectName("private_leave")
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.reject)
        footer.addWidget(self.submit_button)
        footer.addStretch(1)
        footer.addWidget(self.leave_button)
        layout.addLayout(footer)
        self.resize(900, 640)

    def _on_return(self, index: int) -> None:
        if index + 1 < len(self.edits):
            self.edits[index + 1].setFocus()

    def submit(self) -> bool:
        scores, problems = read_scores(self.edits)
        if problems:
            self.message.setText("Please check: " + " ".join(problems))
            return False
        comments = [audit.clean_comment(c.text()) for c in self.comments]
        if all(s is None for s in scores) and not any(comments):
            self.message.setText("You have not answered anything yet.")
            return False
        answers = {q.id: (s, c) for q, s, c in zip(self.screen.questions, scores, comments, strict=True)}
        if self.screen.add_response(answers, "Add private answers") is None:
            self.message.setText("Your answers could not be saved; please tell the facilitator.")
            return False
        # Nothing of this person's answers stays on screen for the next one. setText (not
        # clear) also empties each box's own undo history, so Ctrl+Z cannot bring words back.
        self.wipe()
        self.message.clear()
        self.thanks.setText("Thank you: your answers are saved. Please hand the laptop to the next person.")
        if self.edits:
            self.edits[0].setFocus()
        return True

    def reject(self) -> None:
        # Esc, the close box and the leave button all come here: only the facilitator leaves.
        if AuditDialogs.confirm_leave_private(self):
            self.wipe()
            super().reject()

    def wipe(self) -> None:
        for edit in [*self.edits, *self.comments]:
            edit.setText("")
            edit.setStyleSheet("")

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()


# -- results and comparison ------------------------------------------------------------------


class ResultsView(QWidget):
    def __init__(self, screen: BehavioursAuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("audit_results")
        layout = QVBoxLayout(self)
        controls = QFormLayout()
        self.benchmark = QDoubleSpinBox()
        self.benchmark.setObjectName("benchmark")
        self.benchmark.setRange(0.0, 10.0)
        self.benchmark.setSingleStep(0.1)
        self.benchmark.setDecimals(1)
        self.benchmark.setSpecialValueText("none")
        self.benchmark.setToolTip("The line to compare against, e.g. 7.5 for other forums (about 7-8). "
                                  "0 shows no line.")
        self.benchmark.valueChanged.connect(self._on_benchmark_changed)
        self.minimum = QSpinBox()
        self.minimum.setObjectName("minimum_responses")
        self.minimum.setRange(1, 100)
        self.minimum.setToolTip("Results stay hidden until this many people have answered.")
        self.minimum.valueChanged.connect(self._on_minimum_changed)
        controls.addRow("Benchmark line:", self.benchmark)
        controls.addRow("Show results from:", self.minimum)
        row = QHBoxLayout()
        row.addLayout(controls)
        row.addStretch(1)
        self.pdf_button = QPushButton("Results PDF…")
        self.pdf_button.setObjectName("results_pdf")
        self.pdf_button.clicked.connect(screen.save_pdf)
        self.csv_button = QPushButton("Responses CSV…")
        self.csv_button.setObjectName("responses_csv")
        self.csv_button.clicked.connect(screen.save_csv)
        row.addWidget(self.pdf_button)
        row.addWidget(self.csv_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("results_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Vertical)
        self.chart = ChartView()
        self.chart.setObjectName("results_chart")
        splitter.addWidget(self.chart)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("results_table")
        self.table.setHorizontalHeaderLabels(["Question", "n", "Mean", "Median", "Spread", ""])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        splitter.addWidget(self.table)
        self.comments = QTextBrowser()
        self.comments.setObjectName("results_comments")
        splitter.addWidget(self.comments)
        splitter.setSizes([320, 300, 120])
        layout.addWidget(splitter, 1)
        self.filling = False

    def refresh(self, found: audit.Round, results: RoundResults, comments) -> None:
        self.filling = True
        try:
            self.benchmark.setValue(found.benchmark or 0.0)
            self.minimum.setValue(found.minimum_responses)
        finally:
            self.filling = False
        self.chart.show_chart(results_chart(results, found.title or "Results"))
        if results.withheld:
            self.summary.setText(results.withheld_message)
            self.table.setRowCount(0)
            self.comments.clear()
            return
        text = f"{results.responses} responses. Overall average: {fmt(results.overall)} out of 10"
        if results.benchmark is not None:
            text += f" (benchmark {results.benchmark:.1f})"
        lowest = "; ".join(f"Q{q.position} {q.text} ({fmt(q.mean, 1)})" for q in results.lowest)
        self.summary.setText(text + "." + (f"\nLowest items: {lowest}." if lowest else ""))
        self.table.setRowCount(len(results.questions))
        for row, q in enumerate(results.questions):
            cells = [f"Q{q.position}. {q.text}", str(q.n), fmt(q.mean), fmt(q.median, 1), q.spread,
                     "lowest" if q.lowest else ""]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if q.lowest:
                    item.setForeground(QBrush(LOW_COLOUR))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        html = []
        for question, notes in comments:
            html.append(f"<p><b>{escape(question)}</b></p><ul>")
            html.extend(f"<li>{escape(n)}</li>" for n in notes)
            html.append("</ul>")
        self.comments.setHtml("".join(html) or "<p>No comments.</p>")

    def _on_benchmark_changed(self, value: float) -> None:
        if not self.filling:
            self.screen.set_round_field("benchmark", round(value, 1) if value > 0 else None, "Set the benchmark")

    def _on_minimum_changed(self, value: int) -> None:
        if not self.filling:
            self.screen.set_round_field("minimum_responses", value, "Set the minimum responses")


class CompareView(QWidget):
    def __init__(self, screen: BehavioursAuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("audit_compare")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Compare with:"))
        self.other = QComboBox()
        self.other.setObjectName("compare_with")
        self.other.currentIndexChanged.connect(self.refresh)
        row.addWidget(self.other, 1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("compare_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        layout.addWidget(self.summary)
        self.chart = ChartView()
        self.chart.setObjectName("compare_chart")
        layout.addWidget(self.chart, 2)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("compare_table")
        self.table.setHorizontalHeaderLabels(["Question", "Before", "After", "Change"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        layout.addWidget(self.table, 1)

    def set_rounds(self, infos: list[audit.RoundInfo], current_id: str) -> None:
        chosen = self.other.currentData()
        self.other.blockSignals(True)
        self.other.clear()
        for info in infos:
            if info.round.id != current_id:
                self.other.addItem(info.label, info.round.id)
        index = self.other.findData(chosen) if chosen else -1
        if index < 0 and self.other.count():
            # Default: the most recent other round.
            index = self.other.count() - 1
        self.other.setCurrentIndex(index)
        self.other.blockSignals(False)
        self.labels = {info.round.id: info for info in infos}
        self.current_id = current_id
        self.refresh()

    def pair(self) -> tuple[audit.RoundInfo, audit.RoundInfo] | None:
        other_id = self.other.currentData()
        if not other_id or other_id not in self.labels or self.current_id not in self.labels:
            return None
        here, there = self.labels[self.current_id], self.labels[other_id]
        ordered = sorted([here, there], key=lambda i: (i.workshop_date, i.round.day, i.round.id))
        return ordered[0], ordered[1]

    def comparison(self) -> audit_stats.Comparison | None:
        found = self.pair()
        if found is None:
            return None
        return audit.comparison(self.screen.document.workspace, found[0].round.id, found[1].round.id)

    def refresh(self) -> None:
        found = self.pair()
        if found is None:
            self.summary.setText("There is no other audit round in this workshop or programme to compare with. "
                                 "Add a behaviours audit to a later session to repeat it.")
            self.table.setRowCount(0)
            self.chart.show_chart(QChart())
            return
        before, after = found
        comparison = self.comparison()
        self.chart.show_chart(comparison_chart(comparison, before.short_label, after.short_label,
                                               self.screen.round.benchmark))
        if comparison.withheld:
            self.summary.setText(comparison.withheld)
            self.table.setRowCount(0)
            return
        moved = "; ".join(f"Q{c.position} {c.text} ({fmt_change(c.change)})" for c in comparison.most_moved())
        self.summary.setText(
            f"Before: {before.label}\nAfter: {after.label}\n"
            f"Overall: {fmt(comparison.overall_before)} → {fmt(comparison.overall_after)}, a change of "
            f"{fmt_change(comparison.overall_change)}." + (f"\nMoved most: {moved}." if moved else ""))
        self.table.setRowCount(len(comparison.changes))
        for row, c in enumerate(comparison.changes):
            for col, value in enumerate([f"Q{c.position}. {c.text}", fmt(c.before), fmt(c.after),
                                         fmt_change(c.change)]):
                self.table.setItem(row, col, QTableWidgetItem(value))


class QuestionsView(QWidget):
    """The round's question set: editable until answered, then frozen ("Duplicate to edit")."""

    def __init__(self, screen: BehavioursAuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("audit_questions")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Question set:"))
        self.sets = QComboBox()
        self.sets.setObjectName("question_set")
        self.sets.activated.connect(self._on_set_chosen)
        row.addWidget(self.sets, 1)
        self.duplicate_button = QPushButton("Duplicate to edit")
        self.duplicate_button.setObjectName("duplicate_set")
        self.duplicate_button.clicked.connect(self.duplicate)
        row.addWidget(self.duplicate_button)
        layout.addLayout(row)
        self.notice = QLabel()
        self.notice.setObjectName("questions_notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.table = QTableWidget(0, 1)
        self.table.setObjectName("questions_table")
        self.table.setHorizontalHeaderLabels(["Question"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add a question")
        self.add_button.clicked.connect(self.add_question)
        self.remove_button = QPushButton("Remove the selected question")
        self.remove_button.clicked.connect(self.remove_question)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.filling = False

    def refresh(self) -> None:
        ws = self.screen.document.workspace
        current = self.screen.question_set
        answered = self.screen.response_count() > 0
        self.filling = True
        try:
            self.sets.clear()
            for found in audit.question_sets(ws):
                self.sets.addItem(found.title + ("  (frozen)" if found.frozen else ""), found.id)
            self.sets.setCurrentIndex(self.sets.findData(current.id))
            self.sets.setEnabled(not answered)
            self.table.setRowCount(len(current.questions))
            for row, q in enumerate(current.questions):
                item = QTableWidgetItem(q.text)
                item.setData(Qt.UserRole, q.id)
                if current.frozen:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                self.table.setItem(row, 0, item)
        finally:
            self.filling = False
        self.add_button.setEnabled(not current.frozen)
        self.remove_button.setEnabled(not current.frozen)
        if current.frozen:
            self.notice.setText(audit.FROZEN_MESSAGE)
        else:
            self.notice.setText("You can change these questions until someone answers them; then they are "
                                "frozen so that rounds stay comparable.")

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self.filling:
            return
        question_id = item.data(Qt.UserRole)
        ws = self.screen.document.workspace
        try:
            changes = audit.question_changes(ws, self.screen.question_set.id, {question_id: item.text()})
        except StorageError as exc:
            AuditDialogs.error(self, "Question set frozen", str(exc))
            self.refresh()
            return
        command = ChangeRecordsCommand(self.screen.document, "audit_questions", changes, "Edit a question")
        self.screen.document.push(command)

    def add_question(self) -> None:
        current = self.screen.question_set
        position = max((q.position for q in current.questions), default=0) + 1
        self.screen.document.push(AddRecordsCommand(
            self.screen.document, "audit_questions",
            [{"set_id": current.id, "position": position, "text": "New question"}], "Add a question"))

    def remove_question(self) -> None:
        item = self.table.currentItem()
        if item is None or self.screen.question_set.frozen:
            return
        self.screen.document.push(DeleteRecordsCommand(
            self.screen.document, "audit_questions", [item.data(Qt.UserRole)], "Remove a question"))

    def _on_set_chosen(self, index: int) -> None:
        set_id = self.sets.itemData(index)
        if set_id and set_id != self.screen.round.set_id and self.screen.response_count() == 0:
            self.screen.document.push(UseSetCommand(self.screen.document, self.screen.round.id, set_id, None,
                                                    "Choose the question set"))

    def duplicate(self) -> None:
        answered = self.screen.response_count() > 0
        self.screen.document.push(UseSetCommand(self.screen.document, self.screen.round.id, None,
                                                self.screen.question_set.id, "Duplicate the question set",
                                                point=not answered))
        if answered:
            AuditDialogs.error(self, "Duplicate to edit",
                               "This round already has answers, so it keeps its questions. The copy is ready "
                               "for a new round: add a behaviours audit exercise and choose the copy there.")


# -- the screen ------------------------------------------------------------------------------


class BehavioursAuditScreen(ExerciseScreen):
    """Collect anonymous ratings (paper forms or privately), then show and compare the results."""

    #: Emitted when private answering starts (True) and ends (False).
    private_mode_changed = Signal(bool)

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("behaviours_audit")
        exercise = records.exercise(document.workspace, exercise_id)
        self.template = audit.audit_template(exercise.template)
        # The round is part of the exercise: made once, the first time the exercise is opened.
        self.round = audit.ensure_round(document.workspace, exercise_id)
        self.private_dialog: PrivateAnswerDialog | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(exercise.title or self.template.title)
        heading.setObjectName("audit_title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
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
        self.paper = PaperFormEntry(self)
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
        self._questions_ids: tuple[str, ...] = ()
        document.records_added.connect(self._on_records)
        document.records_removed.connect(self._on_records)
        document.records_changed.connect(self._on_records_changed)
        self.refresh()

    # -- reading -------------------------------------------------------------------------------

    @property
    def question_set(self) -> audit.QuestionSet:
        return audit.question_set(self.document.workspace, self.round.set_id)

    @property
    def questions(self) -> tuple[audit.Question, ...]:
        return self.question_set.questions

    def response_count(self) -> int:
        return audit.response_count(self.document.workspace, self.round.id)

    def results(self) -> RoundResults:
        return audit.results(self.document.workspace, self.round.id)

    def refresh(self) -> None:
        ws = self.document.workspace
        found = audit.audit_round(ws, self.round.id)
        if found is None:
            return
        self.round = found
        questions = self.questions
        ids = tuple(q.id for q in questions)
        if ids != self._questions_ids:
            self._questions_ids = ids
            self.paper.set_questions(questions)
        given = audit.responses(ws, self.round.id)
        self.count_label.setText(f"{len(given)} response{'s' if len(given) != 1 else ''}")
        self.paper.show_responses(questions, given)
        self.results_view.refresh(found, self.results(), audit.comments(ws, self.round.id))
        self.compare_view.set_rounds(audit.related_rounds(ws, self.round.id), self.round.id)
        self.questions_view.refresh()

    def _on_records(self, table: str, _ids: list) -> None:
        if table in AUDIT_TABLES:
            self.refresh()

    def _on_records_changed(self, table: str, _ids: list, _columns: list) -> None:
        if table in AUDIT_TABLES:
            self.refresh()

    # -- editing -------------------------------------------------------------------------------

    def add_response(self, answers: Mapping[str, tuple[int | None, str]], text: str) -> AddResponseCommand | None:
        command = AddResponseCommand(self.document, self.round.id, answers, text)
        return command if self.document.push(command) else None

    def set_round_field(self, column: str, value, text: str) -> None:
        row = self.document.workspace.get("audit_rounds", self.round.id)
        if row is None or row[column] == value:
            return
        command = ChangeRecordsCommand(self.document, "audit_rounds", {self.round.id: {column: value}}, text,
                                       merge_key=f"audit_rounds:{self.round.id}:{column}")
        if not self.document.push(command):
            self.refresh()

    # -- pass the laptop -----------------------------------------------------------------------

    def start_private_answering(self) -> PrivateAnswerDialog:
        # The forms and results behind the dialog are hidden while the laptop goes round.
        self.stack.setCurrentIndex(1)
        self.private_button.setEnabled(False)
        dialog = PrivateAnswerDialog(self)
        dialog.finished.connect(self._on_private_finished)
        self.private_dialog = dialog
        self.private_mode_changed.emit(True)
        dialog.open()
        return dialog

    def _on_private_finished(self, _result: int) -> None:
        dialog, self.private_dialog = self.private_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.stack.setCurrentIndex(0)
        self.private_button.setEnabled(True)
        self.private_mode_changed.emit(False)

    # -- files ---------------------------------------------------------------------------------

    def results_paper(self) -> ResultsPaper:
        pair = self.compare_view.pair()
        other = None
        if pair is not None:
            other = pair[1].round.id if pair[0].round.id == self.round.id else pair[0].round.id
        return results_paper(self.document.workspace, self.round.id, other)

    def save_pdf(self) -> Path | None:
        path = AuditDialogs.save_path(self, "Save the results as PDF", "audit-results.pdf", "PDF files (*.pdf)")
        if path is None:
            return None
        try:
            write_atomically(path, render_results(self.results_paper()))
        except StorageError as exc:
            AuditDialogs.error(self, "Results PDF", str(exc))
            return None
        return path

    def save_csv(self) -> Path | None:
        path = AuditDialogs.save_path(self, "Save the anonymous responses as CSV", "audit-responses.csv",
                                      "CSV files (*.csv)")
        if path is None:
            return None
        results = self.results()
        if results.withheld:
            AuditDialogs.error(self, "Responses CSV", results.withheld_message)
            return None
        try:
            audit.export_csv(self.document.workspace, self.round.id, path)
        except StorageError as exc:
            AuditDialogs.error(self, "Responses CSV", str(exc))
            return None
        return path

    # -- the projector -------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget:
        view = AuditPresenterView(self.document, self.round.id, parent)
        view.set_paused(self.private_dialog is not None)
        # While the laptop goes round, a chart that moved after each person would show what
        # that person answered: the projector waits until the facilitator leaves.
        self.private_mode_changed.connect(view.set_paused)
        return view


class AuditPresenterView(QChartView):
    """What the room sees: the results chart, large, withheld below the minimum, following new answers."""

    def __init__(self, document: WorkspaceDocument, round_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("audit_presenter")
        self.setRenderHint(QPainter.Antialiasing)
        self.workspace_document = document
        self.round_id = round_id
        self.paused = False
        document.records_added.connect(self._on_records)
        document.records_removed.connect(self._on_records)
        document.records_changed.connect(self._on_records_changed)
        self.refresh()

    def results(self) -> RoundResults:
        return audit.results(self.workspace_document.workspace, self.round_id)

    def refresh(self) -> None:
        found = audit.audit_round(self.workspace_document.workspace, self.round_id)
        if found is None:
            return
        old = self.chart()
        if self.paused:
            chart = QChart()
            font = QFont()
            font.setPointSize(22)
            chart.setTitleFont(font)
            chart.setTitle("Answering in progress: the results appear when everyone has answered.")
        else:
            chart = results_chart(self.results(), found.title or "Results", font_size=18)
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.refresh()

    def _on_records(self, table: str, _ids: list) -> None:
        if table in AUDIT_TABLES and not self.paused:
            self.refresh()

    def _on_records_changed(self, table: str, _ids: list, _columns: list) -> None:
        if table in AUDIT_TABLES and not self.paused:
            self.refresh()


def create_screen(document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None) -> ExerciseScreen:
    if document.read_only and audit.round_for_exercise(document.workspace, exercise_id) is None:
        # A read-only workspace cannot set up the round: show the instructions instead.
        return InstructionsScreen(document, exercise_id, parent)
    return BehavioursAuditScreen(document, exercise_id, parent)
