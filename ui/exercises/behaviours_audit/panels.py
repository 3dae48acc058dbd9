"""The audit screen's panels: results, the comparison of two rounds, and the question set."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.behaviours_audit import values
from partnerdesk.behaviours_audit.stats import Comparison, RoundResults, fmt, fmt_change
from ui.dialogs import Dialogs
from ui.exercises.behaviours_audit.charts import LOW_COLOUR, ChartView, comparison_chart, results_chart
from ui.exercises.behaviours_audit.commands import (
    AddQuestionCommand,
    ChooseQuestionSetCommand,
    DuplicateToEditCommand,
    RemoveQuestionCommand,
    RewordQuestionCommand,
    SetBenchmarkCommand,
    SetMinimumCommand,
)

if TYPE_CHECKING:
    from ui.exercises.behaviours_audit.screen import BehavioursAuditScreen as AuditScreen


def _narrow(combo: QComboBox) -> None:
    """A combo box as wide as its place, not its longest entry (a round's label is long)."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)


class ResultsView(QWidget):
    def __init__(self, screen: AuditScreen):
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
        # The chart first: on a laptop with the runner open the table and comments scroll.
        for index, stretch in enumerate((3, 2, 1)):
            splitter.setStretchFactor(index, stretch)
        splitter.setSizes([400, 220, 100])
        layout.addWidget(splitter, 1)
        self.filling = False

    def refresh(self, found: values.Round, results: RoundResults, comments) -> None:
        self.filling = True
        try:
            self.benchmark.setValue(found.benchmark or 0.0)
            self.minimum.setValue(found.minimum_responses)
        finally:
            self.filling = False
        # The summary above says what the chart's title would: the bars get its room.
        self.chart.show_chart(results_chart(results, found.title or "Results", titled=False))
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
            note = "lowest" if q.lowest else (f"fewer than {results.minimum_responses} answers" if q.withheld else "")
            cells = [f"Q{q.position}. {q.text}", str(q.n), fmt(q.mean), fmt(q.median, 1), q.spread, note]
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
            self.screen.push(SetBenchmarkCommand(self.screen.document, self.screen.exercise_id,
                                                 round(value, 1) if value > 0 else None))

    def _on_minimum_changed(self, value: int) -> None:
        if not self.filling:
            self.screen.push(SetMinimumCommand(self.screen.document, self.screen.exercise_id, value))


class CompareView(QWidget):
    def __init__(self, screen: AuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("audit_compare")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Compare with:"))
        self.other = QComboBox()
        self.other.setObjectName("compare_with")
        _narrow(self.other)
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

    def set_rounds(self, infos: list[values.RoundInfo], current_id: str) -> None:
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

    def pair(self) -> tuple[values.RoundInfo, values.RoundInfo] | None:
        other_id = self.other.currentData()
        if not other_id or other_id not in self.labels or self.current_id not in self.labels:
            return None
        here, there = self.labels[self.current_id], self.labels[other_id]
        ordered = sorted([here, there], key=lambda i: (i.workshop_date, i.round.day, i.round.id))
        return ordered[0], ordered[1]

    def comparison(self) -> Comparison | None:
        found = self.pair()
        if found is None:
            return None
        return values.comparison_of(self.screen.document.workspace, found[0].round, found[1].round)

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

    def __init__(self, screen: AuditScreen):
        super().__init__()
        self.screen = screen
        self.setObjectName("audit_questions")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Question set:"))
        self.sets = QComboBox()
        self.sets.setObjectName("question_set")
        _narrow(self.sets)
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
            if not current.id:
                # Only planned: the template's questions, made into a set by the first edit.
                self.sets.addItem(current.title, "")
            for found in values.question_sets(ws):
                self.sets.addItem(found.title + ("  (frozen)" if found.frozen else ""), found.id)
            self.sets.setCurrentIndex(self.sets.findData(current.id))
            self.sets.setEnabled(not answered)
            self.table.setRowCount(len(current.questions))
            for row, q in enumerate(current.questions):
                item = QTableWidgetItem(q.text)
                if current.frozen:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                self.table.setItem(row, 0, item)
        finally:
            self.filling = False
        self.add_button.setEnabled(not current.frozen)
        self.remove_button.setEnabled(not current.frozen)
        if current.frozen:
            self.notice.setText(values.FROZEN_MESSAGE)
        else:
            self.notice.setText("You can change these questions until someone answers them; then they are "
                                "frozen so that rounds stay comparable.")

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self.filling:
            return
        if not self.screen.push(RewordQuestionCommand(self.screen.document, self.screen.exercise_id,
                                                      item.row(), item.text())):
            self.refresh()

    def add_question(self) -> None:
        self.screen.push(AddQuestionCommand(self.screen.document, self.screen.exercise_id))

    def remove_question(self) -> None:
        row = self.table.currentRow()
        if row < 0 or self.screen.question_set.frozen:
            return
        self.screen.push(RemoveQuestionCommand(self.screen.document, self.screen.exercise_id, row))

    def _on_set_chosen(self, index: int) -> None:
        set_id = self.sets.itemData(index)
        if set_id and set_id != self.screen.round.set_id and self.screen.response_count() == 0:
            self.screen.push(ChooseQuestionSetCommand(self.screen.document, self.screen.exercise_id, set_id))

    def duplicate(self) -> None:
        command = DuplicateToEditCommand(self.screen.document, self.screen.exercise_id)
        if self.screen.push(command) and not command.value[1]:
            Dialogs.information(self, "Duplicate to edit",
                                "This round already has answers, so it keeps its questions. The copy is ready "
                                "for a new round: add a behaviours audit exercise and choose the copy there.")
