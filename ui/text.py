"""User text shown as typed: Qt guesses rich text from content, so a name like `<b>Council</b>`
or `<img src=…>` would otherwise be rendered (or load a local file)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly, line breaks included."""
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str) -> None:
    """A modal message whose text is never read as markup."""
    box = QMessageBox(icon, title, message, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.exec()
