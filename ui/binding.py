"""Keep an input widget and one field of a record in step, in both directions.

Typing pushes merged undoable changes (one undo step per field edit, every keystroke on disk);
a change from elsewhere (undo, another window) updates the widget without pushing anything.
"""

from __future__ import annotations

from collections.abc import Callable

# Date and number fields' classes are looked up where one is met (`QtWidgets.QDateEdit`): PySide6
# makes a class and its enums on first use, and the first window's page has only text fields.
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ui.commands import change_field
from ui.document import WorkspaceDocument


class FieldBinding(QObject):
    def __init__(
        self,
        document: WorkspaceDocument,
        widget: QWidget,
        table: str,
        column: str,
        label: str,
        record_id: Callable[[], str | None],
    ):
        super().__init__(widget)
        self.document = document
        self.widget = widget
        self.table = table
        self.column = column
        self.label = label
        self._record_id = record_id
        self._updating = False
        #: Keystrokes merge into one undo step until the field loses focus or editing finishes.
        self._typing_session = 0
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._on_widget_edited)
            widget.editingFinished.connect(self._end_typing_session)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._on_widget_edited)
        elif isinstance(widget, QtWidgets.QDateEdit):
            widget.dateChanged.connect(self._on_widget_edited)
        elif isinstance(widget, QtWidgets.QSpinBox):
            widget.valueChanged.connect(self._on_widget_edited)
        document.records_changed.connect(self._on_document_records_changed)
        if document.read_only and hasattr(widget, "setReadOnly"):
            widget.setReadOnly(True)  # editable is every field's default

    def refresh(self) -> None:
        record_id = self._record_id()
        row = self.document.workspace.get(self.table, record_id) if record_id else None
        value = row[self.column] if row else ""
        self._updating = True
        try:
            widget = self.widget
            if isinstance(widget, QLineEdit):
                if widget.text() != value:
                    widget.setText(value)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != value:
                    widget.setPlainText(value)
            elif isinstance(widget, QtWidgets.QDateEdit):
                date = QtCore.QDate.fromString(value or "", "yyyy-MM-dd")
                widget.setDate(date if date.isValid() else widget.minimumDate())
            elif isinstance(widget, QtWidgets.QSpinBox):
                widget.setValue(int(value or 0))
        finally:
            self._updating = False

    def _value(self):
        widget = self.widget
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QtWidgets.QDateEdit):
            if widget.date() == widget.minimumDate():
                return ""
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QtWidgets.QSpinBox):
            return widget.value()
        raise TypeError(type(widget))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.FocusOut:
            self._end_typing_session()
        return False

    def _end_typing_session(self) -> None:
        self._typing_session += 1

    def _on_widget_edited(self, *_args) -> None:
        if self._updating:
            return
        record_id = self._record_id()
        # Dates and numbers are picked, not typed: each pick is its own step.
        typing = isinstance(self.widget, (QLineEdit, QPlainTextEdit))
        if record_id and not change_field(
            self.document, self.table, record_id, self.column, self._value(), self.label,
            typing_session=str(self._typing_session) if typing else None,
        ):
            self.refresh()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == self.table and self._record_id() in ids and (not columns or self.column in columns):
            self.refresh()
