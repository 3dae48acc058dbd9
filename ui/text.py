"""User text shown as typed: Qt guesses rich text from content, so a name like `<b>Council</b>`
or `<img src=…>` would otherwise be rendered (or load a local file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def plain_html(text: str) -> str:
    """`text` for a place that reads rich text, so that it shows exactly as typed.

    Escaped here rather than with `html.escape`: the navigator's tooltips are made before the
    first paint, and the `html` package imports its table of every named entity (2 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly, line breaks included."""
    return "<p style='white-space:pre-wrap'>" + plain_html(text) + "</p>"


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str) -> None:
    """A modal message whose text is never read as markup."""
    box = QtWidgets.QMessageBox(icon, title, message, QtWidgets.QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.exec()
