"""One step of a worksheet on the laptop: its prompt, its items (tick boxes or a scale) and the
group's notes. It shows answers it is given and reports edits; it never writes to the store."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from partnerdesk.worksheet.values import TICKED, Answers, Section, item_value, notes_of

#: The scale's first choice: the item is not rated.
NO_ANSWER = "—"


class SectionBox(QGroupBox):
    """One step of the worksheet: its prompt, its items and the group's notes."""

    #: The notes as typed, and the typing session (typing merges until the notes lose focus).
    notes_edited = Signal(str, int)
    #: An item's index and its new value (TICKED, a scale label, or "" to clear it).
    item_marked = Signal(int, str)

    def __init__(self, section: Section, scale: tuple[str, ...]):
        super().__init__(section.title)
        self.section = section
        self.setObjectName(f"section-{section.key}")
        #: True while answers from the store are being shown, so they are not edits.
        self.filling = False
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
                if scale:
                    label = QLabel(text)
                    label.setWordWrap(True)
                    label.setTextFormat(Qt.PlainText)
                    combo = QComboBox()
                    combo.addItems([NO_ANSWER, *scale])
                    combo.currentTextChanged.connect(
                        lambda value, i=index: self._on_item_changed(i, "" if value == NO_ANSWER else value))
                    grid.addWidget(label, index, 0)
                    grid.addWidget(combo, index, 1)
                    self.item_widgets.append(combo)
                else:
                    box = QCheckBox(text)
                    box.toggled.connect(lambda on, i=index: self._on_item_changed(i, TICKED if on else ""))
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
        self.typing_session = 0
        layout.addWidget(self.notes)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.notes and event.type() == QEvent.FocusOut:
            self.typing_session += 1
        return super().eventFilter(watched, event)

    def show_answers(self, answers: Answers) -> None:
        self.filling = True
        try:
            notes = notes_of(answers, self.section.key)
            if self.notes.toPlainText() != notes:
                cursor = self.notes.textCursor().position()
                self.notes.setPlainText(notes)
                cursor_after = self.notes.textCursor()
                cursor_after.setPosition(min(cursor, len(notes)))
                self.notes.setTextCursor(cursor_after)
            for index, widget in enumerate(self.item_widgets):
                value = item_value(answers, self.section.key, index)
                if isinstance(widget, QCheckBox):
                    widget.setChecked(value == TICKED)
                else:
                    widget.setCurrentText(value or NO_ANSWER)
        finally:
            self.filling = False

    def _on_notes_text_changed(self) -> None:
        if not self.filling:
            self.notes_edited.emit(self.notes.toPlainText(), self.typing_session)

    def _on_item_changed(self, index: int, value: str) -> None:
        if not self.filling:
            self.item_marked.emit(index, value)
