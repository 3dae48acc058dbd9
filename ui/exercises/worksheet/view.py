"""What the room sees of a worksheet: the steps with the group's notes, large, following edits."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTextBrowser, QWidget

from partnerdesk.worksheet.values import TICKED, Answers, Worksheet, answers_of, item_value, notes_of, summary_text
from ui.document import WorkspaceDocument
from ui.projector.widgets import min_text_px, text_scale

#: How many words of each step's notes the projector shows when the whole worksheet does not
#: fit at the smallest readable size: all of them first, then fewer.
NOTE_WORDS = (None, 60, 30, 12)


def _shortened(text: str, words: int | None) -> str:
    found = text.split()
    if words is None or len(found) <= words:
        return text
    return " ".join(found[:words]) + " …"


def _answered(answers: Answers, section) -> bool:
    return bool(notes_of(answers, section.key).strip()) or any(
        item_value(answers, section.key, index) for index in range(len(section.items)))


def presenter_html(worksheet: Worksheet, answers: Answers, note_words: int | None = None,
                   steps: int | None = None, answered_only: bool = False) -> str:
    """The worksheet as large, plain HTML for the projector; every user string is escaped.

    Fewer words on the wall rather than smaller ones: `answered_only` leaves out the steps the
    group has not reached, `note_words` shortens each step's notes, and `steps` shows only
    that many steps, then says how many more there are.
    """
    parts = [f"<h1>{escape(worksheet.title)}</h1>",
             f"<p class='summary'>{escape(summary_text(worksheet, answers))}</p>"]
    shown = [s for s in worksheet.sections if not answered_only or _answered(answers, s)]
    total = len(shown)
    if steps is not None:
        shown = shown[:steps]
    for section in shown:
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
        notes = _shortened(notes_of(answers, section.key).strip(), note_words)
        if notes:
            parts.append("<p>" + escape(notes).replace("\n", "<br>") + "</p>")
    hidden = total - len(shown)
    if hidden:
        parts.append(f"<p><i>… and {hidden} more step{'s' if hidden != 1 else ''} on the laptop.</i></p>")
    return "\n".join(parts)


class WorksheetPresenterView(QTextBrowser):
    """What the room sees: the steps with the group's notes, large, following every edit.

    No text is smaller than the projector's minimum (`min_text_px`, a fortieth of its height
    times the facilitator's text size): where the worksheet does not fit at that size, each
    step's notes are shortened, then the later steps are left off, rather than made smaller.
    """

    def __init__(self, document: WorkspaceDocument, exercise_id: str, worksheet: Worksheet,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("worksheet_presenter")
        # Not `self.document`: QTextBrowser.document() is the text document.
        self.workspace_document = document
        self.exercise_id = exercise_id
        self.worksheet = worksheet
        self._fitted_for: tuple | None = None
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QTextBrowser.NoFrame)
        self.document().setDocumentMargin(32)
        document.records_changed.connect(self._on_document_records_changed)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refresh()

    def paintEvent(self, event) -> None:
        # The facilitator's projector text size changes without a resize: fit again for it
        # once this paint is over.
        if self._fitted_for != self._fit_key():
            QTimer.singleShot(0, self._on_text_size_changed)
        super().paintEvent(event)

    def _on_text_size_changed(self) -> None:
        if self._fitted_for != self._fit_key():
            self.refresh()

    def _fit_key(self) -> tuple:
        return (min_text_px(self), self.viewport().size().toTuple())

    def _fits(self) -> bool:
        return self.document().size().height() <= self.viewport().height()

    def _set_size(self, pixels: int) -> None:
        font = self.font()
        font.setPixelSize(pixels)
        self.document().setDefaultFont(font)

    def refresh(self) -> None:
        answers = answers_of(self.workspace_document.workspace, self.exercise_id)
        text = self.document()
        text.setTextWidth(self.viewport().width())
        floor = min_text_px(self)
        self._fitted_for = self._fit_key()
        self.setHtml(presenter_html(self.worksheet, answers))
        # As large as the projector allows (readable at the back), shrinking to fit the whole
        # worksheet on screen, but never below the floor: the room cannot scroll.
        size = max(floor, int(self.window().height() / 26 * text_scale(self)))
        while True:
            self._set_size(size)
            if size <= floor or self._fits():
                break
            size = max(floor, int(size * 0.9))
        for words in NOTE_WORDS:
            if self._fits():
                return
            self.setHtml(presenter_html(self.worksheet, answers, note_words=words, answered_only=True))
        for steps in range(len(self.worksheet.sections) - 1, -1, -1):
            if self._fits():
                return
            self.setHtml(presenter_html(self.worksheet, answers, note_words=NOTE_WORDS[-1], steps=steps,
                                        answered_only=True))

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            self.refresh()
