"""Pass the laptop: each participant answers privately; nothing already given can be seen.

The private-entry widget of the behaviours audit, kept in its own module so it can become the
one private-entry widget shared with the learning logs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.behaviours_audit import values
from ui.dialogs import Dialogs
from ui.exercises.behaviours_audit.entry import Form, ScoreEdit, read_scores

LEAVE_WORD = "LEAVE"


def confirm_leave(parent: QWidget) -> bool:
    """Only the facilitator leaves: by typing the word, which a participant is not told."""
    typed = Dialogs.text(parent, "Leave private answering",
                         f"For the facilitator: type {LEAVE_WORD} to leave private answering.")
    return typed is not None and typed.strip().upper() == LEAVE_WORD


class PrivateAnswerDialog(QDialog):
    """Pass the laptop: one person answers, submits, and the screen clears for the next."""

    def __init__(self, questions: Sequence[values.Question], add_answers: Callable[[Form], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.add_answers = add_answers
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
        for i, question in enumerate(questions):
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
        comments = [values.clean_comment(c.text()) for c in self.comments]
        if all(s is None for s in scores) and not any(comments):
            self.message.setText("You have not answered anything yet.")
            return False
        if not self.add_answers(tuple(zip(scores, comments, strict=True))):
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
        if confirm_leave(self):
            self.wipe()
            super().reject()

    def wipe(self) -> None:
        for edit in [*self.edits, *self.comments]:
            edit.setText("")
            edit.setStyleSheet("")

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()
