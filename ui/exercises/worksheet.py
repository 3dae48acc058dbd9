"""The worksheet screen: a workbook activity's steps, with the group's notes and ticks."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records, worksheets
from partnerdesk.resources import template
from ui.commands import ChangeRecordsCommand
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen

KIND = "worksheet"
NO_ANSWER = "—"


class SectionBox(QGroupBox):
    """One step of the worksheet: its prompt, its items and the group's notes."""

    def __init__(self, screen: WorksheetScreen, section: worksheets.Section):
        super().__init__(section.title)
        self.screen = screen
        self.section = section
        self.setObjectName(f"section-{section.key}")
        layout = QVBoxLayout(self)
        if section.prompt:
            prompt = QLabel(section.prompt)
            prompt.setWordWrap(True)
            prompt.setTextFormat(Qt.PlainText)
            layout.addWidget(prompt)
        self.item_widgets: list[QCheckBox | QComboBox] = []
        if section.items:
            grid = QGridLayout()
            for index, text in enumerate(section.items):
                if screen.worksheet.scale:
                    label = QLabel(text)
                    label.setWordWrap(True)
                    combo = QComboBox()
                    combo.addItems([NO_ANSWER, *screen.worksheet.scale])
                    combo.currentTextChanged.connect(
                        lambda value, i=index: self._on_item_changed(i, "" if value == NO_ANSWER else value))
                    grid.addWidget(label, index, 0)
                    grid.addWidget(combo, index, 1)
                    self.item_widgets.append(combo)
                else:
                    box = QCheckBox(text)
                    box.toggled.connect(
                        lambda on, i=index: self._on_item_changed(i, worksheets.TICKED if on else ""))
                    grid.addWidget(box, index, 0)
                    self.item_widgets.append(box)
            grid.setColumnStretch(0, 1)
            layout.addLayout(grid)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName(f"notes-{section.key}")
        self.notes.setPlaceholderText("The group's notes…")
        self.notes.setMinimumHeight(60)
        self.notes.setMaximumHeight(120)
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.notes.installEventFilter(self)
        #: Typing merges into one undo step until the notes lose focus.
        self.typing_session = 0
        layout.addWidget(self.notes)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.notes and event.type() == QEvent.FocusOut:
            self.typing_session += 1
        return super().eventFilter(watched, event)

    def show_answers(self, answers) -> None:
        notes = worksheets.notes_of(answers, self.section.key)
        if self.notes.toPlainText() != notes:
            cursor = self.notes.textCursor().position()
            self.notes.setPlainText(notes)
            cursor_after = self.notes.textCursor()
            cursor_after.setPosition(min(cursor, len(notes)))
            self.notes.setTextCursor(cursor_after)
        for index, widget in enumerate(self.item_widgets):
            value = worksheets.item_value(answers, self.section.key, index)
            if isinstance(widget, QCheckBox):
                widget.setChecked(value == worksheets.TICKED)
            else:
                widget.setCurrentText(value or NO_ANSWER)

    def _on_notes_text_changed(self) -> None:
        if not self.screen.filling:
            self.screen.set_notes(self.section.key, self.notes.toPlainText(), self.typing_session)

    def _on_item_changed(self, index: int, value: str) -> None:
        if not self.screen.filling:
            self.screen.set_item(self.section.key, index, value)


class WorksheetScreen(ExerciseScreen):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("worksheet")
        exercise = records.exercise(document.workspace, exercise_id)
        self.worksheet = worksheets.Worksheet.from_template(template(exercise.template))
        self.filling = False
        layout = QVBoxLayout(self)
        heading = QLabel(exercise.title or self.worksheet.title)
        heading.setObjectName("worksheet_title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        instructions = QLabel(self.worksheet.instructions)
        instructions.setWordWrap(True)
        instructions.setTextFormat(Qt.PlainText)
        layout.addWidget(instructions)
        if self.worksheet.reference:
            reference = QGroupBox(self.worksheet.reference_title or "For reference")
            text = QLabel(self.worksheet.reference)
            text.setWordWrap(True)
            text.setTextFormat(Qt.PlainText)
            QVBoxLayout(reference).addWidget(text)
            layout.addWidget(reference)
        self.summary = QLabel()
        self.summary.setObjectName("worksheet_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.sections = [SectionBox(self, s) for s in self.worksheet.sections]
        for box in self.sections:
            layout.addWidget(box)
        layout.addStretch(1)
        document.records_changed.connect(self._on_document_records_changed)
        self.refresh()

    # -- reading -------------------------------------------------------------------------------

    def settings_json(self) -> str:
        row = self.document.workspace.get("exercises", self.exercise_id)
        return row["settings"] if row else "{}"

    def answers(self):
        return worksheets.read_answers(self.settings_json())

    def refresh(self) -> None:
        answers = self.answers()
        self.filling = True
        try:
            for box in self.sections:
                box.show_answers(answers)
        finally:
            self.filling = False
        self.summary.setText(summary_text(self.worksheet, answers))

    # -- editing -------------------------------------------------------------------------------

    def set_notes(self, section_key: str, notes: str, typing_session: int = 0) -> None:
        after = worksheets.with_notes(self.settings_json(), section_key, notes)
        title = self.worksheet.section(section_key).title
        self._push(after, f"Edit notes: {title}",
                   merge_key=f"worksheet:{self.exercise_id}:{section_key}:{typing_session}")

    def set_item(self, section_key: str, index: int, value: str) -> None:
        after = worksheets.with_item(self.worksheet, self.settings_json(), section_key, index, value)
        item = self.worksheet.section(section_key).items[index]
        self._push(after, f"{'Clear' if not value else value.capitalize()}: {item[:40]}")

    def _push(self, settings_json: str, text: str, merge_key: str | None = None) -> None:
        if settings_json == self.settings_json():
            return
        command = ChangeRecordsCommand(self.document, "exercises",
                                       {self.exercise_id: {"settings": settings_json}}, text,
                                       merge_key=merge_key)
        if not self.document.push(command):
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            self.refresh()

    # -- the projector -------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget:
        return WorksheetPresenterView(self.document, self.exercise_id, self.worksheet, parent)


def summary_text(worksheet: worksheets.Worksheet, answers) -> str:
    done = worksheets.answered_sections(worksheet, answers)
    text = f"{done} of {len(worksheet.sections)} sections answered."
    has_ticks = any(s.items for s in worksheet.sections) and not worksheet.scale
    if has_ticks:
        stage = worksheets.most_recognised(worksheet, answers)
        if stage is not None:
            text += f" Most recognised: {stage.title}."
    elif worksheet.scale:
        totals = dict.fromkeys(worksheet.scale, 0)
        for counts in worksheets.tally(worksheet, answers).values():
            for label, count in counts.items():
                totals[label] += count
        text += " " + ", ".join(f"{label}: {count}" for label, count in totals.items()) + "."
    return text


def presenter_html(worksheet: worksheets.Worksheet, answers) -> str:
    """The worksheet as large, plain HTML for the projector; every user string is escaped."""
    parts = [f"<h1>{escape(worksheet.title)}</h1>",
             f"<p class='summary'>{escape(summary_text(worksheet, answers))}</p>"]
    for section in worksheet.sections:
        parts.append(f"<h2>{escape(section.title)}</h2>")
        marks = []
        for index, item in enumerate(section.items):
            value = worksheets.item_value(answers, section.key, index)
            if value == worksheets.TICKED:
                marks.append(f"✔ {escape(item)}")
            elif value:
                marks.append(f"<b>{escape(value)}</b> — {escape(item)}")
        if marks:
            parts.append("<p style='margin-left:24px'>" + "<br>".join(marks) + "</p>")
        notes = worksheets.notes_of(answers, section.key).strip()
        if notes:
            parts.append("<p>" + escape(notes).replace("\n", "<br>") + "</p>")
    return "\n".join(parts)


class WorksheetPresenterView(QTextBrowser):
    """What the room sees: the steps with the group's notes, large, following every edit."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, worksheet: worksheets.Worksheet,
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
        worksheet on screen, but never below 18 px: the room cannot scroll."""
        text = self.document()
        text.setTextWidth(self.viewport().width())
        size = max(18, self.height() // 26)
        font = self.font()
        while True:
            font.setPixelSize(size)
            text.setDefaultFont(font)
            if size <= 18 or text.size().height() <= self.viewport().height():
                break
            size = max(18, int(size * 0.9))

    def refresh(self) -> None:
        row = self.workspace_document.workspace.get("exercises", self.exercise_id)
        answers = worksheets.read_answers(row["settings"] if row else "{}")
        self.setHtml(presenter_html(self.worksheet, answers))
        self._fit_type()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            self.refresh()


def create_screen(document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None) -> ExerciseScreen:
    return WorksheetScreen(document, exercise_id, parent)
