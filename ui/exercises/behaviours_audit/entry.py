"""Paper forms typed in fast: one row per form; digits and Enter move through the questions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.behaviours_audit import values
from ui.text import plain_tooltip

ERROR_STYLE = "background: #fee2e2; border: 2px solid #dc2626;"
#: One form as typed: (score, comment) per question, in the round's order.
Form = tuple[tuple[int | None, str], ...]


class ScoreEdit(QLineEdit):
    """One question's score: blank for no answer, or 0-10."""

    def __init__(self, index: int, question: values.Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"score_{index + 1}")
        self.setMaxLength(4)
        self.setPlaceholderText("–")
        self.setAlignment(Qt.AlignCenter)
        self.setToolTip(plain_tooltip(f"Q{index + 1}. {question.text}\n"
                                      "A whole number from 0 to 10; leave blank for no answer."))
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
            scores.append(values.parse_score(edit.text()))
            edit.set_error(False)
        except values.AnswerError as exc:
            scores.append(None)
            edit.set_error(True)
            problems.append(f"Q{edit.index + 1}: {exc}")
    return scores, problems


class PaperFormEntry(QWidget):
    """Paper forms typed in fast: one row per form; digits and Enter move through the questions.

    `add_form(form)`, `correct_form(typed, corrected)` and `delete_form(form)` change the store
    and say whether they did. The forms typed here since the screen opened are listed (in memory
    only) so the typing can be checked and a slip corrected; answers given privately, or typed
    earlier, are never shown one by one.
    """

    def __init__(self, add_form: Callable[[Form], bool], count: Callable[[], int],
                 correct_form: Callable[[Form, Form], bool], delete_form: Callable[[Form], bool]):
        super().__init__()
        self.add_form = add_form
        self.count = count
        self.correct_form = correct_form
        self.delete_form = delete_form
        #: The listed form being corrected in the entry row, or None when typing a new one.
        self.correcting: Form | None = None
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
        self.comments: list[QLineEdit] = []
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
        self.forms.setSelectionMode(QAbstractItemView.SingleSelection)
        self.forms.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.forms.verticalHeader().setVisible(False)
        #: The forms typed here, in typing order (never stored: the file keeps no order).
        self.typed: list[Form] = []
        self._shown: tuple[Sequence[values.Question], Sequence[values.Response]] = ((), ())
        listed = QLabel("Forms you have typed here (to check your typing; * has a comment). Answers "
                        "given on the laptop are never listed:")
        listed.setWordWrap(True)
        layout.addWidget(listed)
        layout.addWidget(self.forms, 1)
        fixes = QHBoxLayout()
        self.correct_button = QPushButton("Correct the selected form")
        self.correct_button.setObjectName("correct_form")
        self.correct_button.clicked.connect(self.start_correcting)
        self.delete_button = QPushButton("Delete the selected form")
        self.delete_button.setObjectName("delete_form")
        self.delete_button.clicked.connect(self.delete_selected)
        fixes.addWidget(self.correct_button)
        fixes.addWidget(self.delete_button)
        fixes.addStretch(1)
        layout.addLayout(fixes)
        #: The forms listed now, row by row.
        self.listed: list[Form] = []

    def set_questions(self, questions: Sequence[values.Question]) -> None:
        while self.entry_row.count():
            item = self.entry_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.edits = []
        self.comments = []
        # Row names instead of a placeholder in each box: ten boxes share a laptop's width,
        # too narrow to show "comment" in each.
        for row, text in ((1, "Score"), (2, "Comment")):
            self.entry_row.addWidget(QLabel(text), row, 0)
        for i, question in enumerate(questions):
            label = QLabel(f"Q{i + 1}")
            label.setToolTip(plain_tooltip(question.text))
            label.setAlignment(Qt.AlignCenter)
            edit = ScoreEdit(i, question)
            edit.returnPressed.connect(lambda i=i: self._on_return(i))
            # A form's written comments: click in and type; Enter goes back to the next score.
            comment = QLineEdit()
            comment.setObjectName(f"paper_comment_{i + 1}")
            comment.setToolTip(plain_tooltip(f"Q{i + 1}. {question.text}\nA comment written on the form (optional)."))
            comment.returnPressed.connect(lambda i=i: self._on_return(i))
            self.entry_row.addWidget(label, 0, i + 1)
            self.entry_row.addWidget(edit, 1, i + 1)
            self.entry_row.addWidget(comment, 2, i + 1)
            self.edits.append(edit)
            self.comments.append(comment)
        self.forms.setColumnCount(len(questions))
        self.forms.setHorizontalHeaderLabels([f"Q{i + 1}" for i in range(len(questions))])
        for i, question in enumerate(questions):
            self.forms.horizontalHeaderItem(i).setToolTip(plain_tooltip(question.text))
        self.forms.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)

    def _on_return(self, index: int) -> None:
        edit = self.edits[index]
        try:
            values.parse_score(edit.text())
        except values.AnswerError as exc:
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
        form = tuple(zip(scores, (values.clean_comment(c.text()) for c in self.comments), strict=True))
        if self.correcting is not None:
            typed, self.correcting = self.correcting, None
            self.add_button.setText("Add this form")
            if not self.correct_form(typed, form):
                return False
            if typed in self.typed:
                self.typed[self.typed.index(typed)] = form
            self.show_responses(*self._shown)
            self.clear()
            self.message.setText("Form corrected.")
            return True
        if not self.add_form(form):
            return False
        self.typed.append(form)
        self.show_responses(*self._shown)
        self.clear()
        self.message.setText(f"Form added: {self.count()} so far.")
        if self.edits:
            self.edits[0].setFocus()
        return True

    def selected_form(self) -> Form | None:
        row = self.forms.currentRow()
        return self.listed[row] if 0 <= row < len(self.listed) else None

    def start_correcting(self) -> None:
        """Put the selected form back in the entry row; adding it then replaces the one stored."""
        form = self.selected_form()
        if form is None or len(form) != len(self.edits):
            self.message.setText("Select a form in the list first.")
            return
        for edit, comment, (score, text) in zip(self.edits, self.comments, form, strict=True):
            edit.setText("" if score is None else str(score))
            comment.setText(text)
        self.correcting = form
        self.add_button.setText("Save the correction")
        self.message.setText("Correct the form above, then press Enter on the last question.")
        if self.edits:
            self.edits[0].setFocus()
            self.edits[0].selectAll()

    def delete_selected(self) -> None:
        form = self.selected_form()
        if form is None:
            self.message.setText("Select a form in the list first.")
            return
        if self.delete_form(form):
            self.message.setText(f"Form deleted: {self.count()} left.")

    def clear(self) -> None:
        if self.correcting is not None:
            self.correcting = None
            self.add_button.setText("Add this form")
        for edit in self.edits:
            edit.setText("")
            edit.set_error(False)
        for comment in self.comments:
            comment.setText("")

    def show_responses(self, questions: Sequence[values.Question], given: Sequence[values.Response]) -> None:
        """List the forms typed here that the round still holds (an undone one drops out)."""
        self._shown = (questions, given)
        held = Counter(tuple((r.answers[q.id].score, r.answers[q.id].comment) if q.id in r.answers else (None, "")
                             for q in questions) for r in given)
        shown = []
        for form in self.typed:
            if held[form] > 0:
                held[form] -= 1
                shown.append(form)
        self.listed = shown
        self.forms.setRowCount(len(shown))
        for row, form in enumerate(shown):
            for col, (score, comment) in enumerate(form):
                item = QTableWidgetItem(("" if score is None else str(score)) + (" *" if comment else ""))
                item.setTextAlignment(Qt.AlignCenter)
                if comment:
                    item.setToolTip(plain_tooltip(comment))  # a participant's words, never markup
                self.forms.setItem(row, col, item)
