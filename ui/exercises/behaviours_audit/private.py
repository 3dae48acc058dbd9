"""Pass the laptop: each participant answers privately; nothing already given can be seen.

The form one person fills in. The window around it is the shared `ui.private_entry.PrivateEntry`
(as for the learning logs): it fills the facilitator's window, keeps the Submit and Leave
buttons in a fixed bar, and only the facilitator leaves, with the leave word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from partnerdesk.behaviours_audit import values
from ui.exercises.behaviours_audit.entry import Form, ScoreEdit, read_scores

TITLE = "Partnership behaviours audit: your answers"
LEAVE_TEXT = "Leave private answering"


class PrivateAnswerForm(QWidget):
    """One person answers, submits, and the form clears for the next.

    `submit_button` belongs in the private entry's bar (`PrivateEntry.add_to_bar`).
    """

    def __init__(self, questions: Sequence[values.Question], add_answers: Callable[[Form], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.add_answers = add_answers
        self.setObjectName("audit_private")
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
        form = QGridLayout()
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
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("private_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.submit_button = QPushButton("Submit my answers")
        self.submit_button.setObjectName("private_submit")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)

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

    def wipe(self) -> None:
        for edit in [*self.edits, *self.comments]:
            edit.setText("")
            edit.setStyleSheet("")
