"""What the room sees of a worksheet: the steps with the group's notes, large, following edits."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from partnerdesk.worksheet.values import TICKED, Answers, Worksheet, answers_of, item_value, notes_of, summary_text
from ui.document import WorkspaceDocument

#: The smallest type on the projector: below it the back of the room cannot read.
MIN_PIXEL_SIZE = 18


def presenter_html(worksheet: Worksheet, answers: Answers) -> str:
    """The worksheet as large, plain HTML for the projector; every user string is escaped."""
    parts = [f"<h1>{escape(worksheet.title)}</h1>",
             f"<p class='summary'>{escape(summary_text(worksheet, answers))}</p>"]
    for section in worksheet.sections:
        parts.append(f"<h2>{escape(section.title)}</h2>")
        marks = []
        for index, item in enumerate(section.items):
            value = item_value(answers, section.key, index)
            if value == TICKED:
                marks.append(f"✔ {escape(item)}")
            elif value:
                marks.append(f"<b>{escape(value)}</b> — {escape(item)}")
        if marks:
            parts.append("<p style='margin-left:24px'>" + "<br>".join(marks) + "</p>")
        notes = notes_of(answers, section.key).strip()
        if notes:
            parts.append("<p>" + escape(notes).replace("\n", "<br>") + "</p>")
    return "\n".join(parts)


class WorksheetPresenterView(QTextBrowser):
    """What the room sees: the steps with the group's notes, large, following every edit."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, worksheet: Worksheet,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("worksheet_presenter")
        # Not `self.document`: QTextBrowser.document() is the text document.
        self.workspace_document = document
        self.exercise_id = exercise_id
        self.worksheet = worksheet
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QTextBrowser.NoFrame)
        self.document().setDocumentMargin(32)
        document.records_changed.connect(self._on_document_records_changed)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_type()

    def _fit_type(self) -> None:
        """As large as the projector allows (readable at the back), shrinking to fit the whole
        worksheet on screen, but never below MIN_PIXEL_SIZE: the room cannot scroll."""
        text = self.document()
        text.setTextWidth(self.viewport().width())
        size = max(MIN_PIXEL_SIZE, self.height() // 26)
        font = self.font()
        while True:
            font.setPixelSize(size)
            text.setDefaultFont(font)
            if size <= MIN_PIXEL_SIZE or text.size().height() <= self.viewport().height():
                break
            size = max(MIN_PIXEL_SIZE, int(size * 0.9))

    def refresh(self) -> None:
        answers = answers_of(self.workspace_document.workspace, self.exercise_id)
        self.setHtml(presenter_html(self.worksheet, answers))
        self._fit_type()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            self.refresh()
