"""Every screen fits a 1366×768 laptop (with the agenda runner open) and the 1200×760 default
window: no control falls off the window, no screen scrolls sideways, and no board needs a
horizontal scroll bar. Controls inside a list or a scrolling panel count when the panel fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from partnerdesk import records
from tests.ui.conftest import laptop_window
from ui.navigator import NodeKey

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QAbstractScrollArea)
#: The laptop's window inside a 1366×768 screen less a task bar and title bar; the default size.
SIZES = {"1366x768 with the agenda runner": (1366, 700, True), "1200x760": (1200, 760, False)}


def _screens(window) -> list[NodeKey]:
    ws = window.document.workspace
    keys = [NodeKey("programme", p.id) for p in records.programmes(ws)]
    seen_templates = set()
    for workshop in records.all_workshops(ws):
        keys.append(NodeKey("workshop", workshop.id))
        for exercise in records.exercises(ws, workshop.id):
            if exercise.template not in seen_templates:
                seen_templates.add(exercise.template)
                keys.append(NodeKey("exercise", exercise.id))
    return keys


def _outside(window) -> list[str]:
    """Visible controls that lie outside the window, ignoring those a scrolling panel holds."""
    frame = window.rect()
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if any(isinstance(a, QAbstractScrollArea) and a is not window.editor_area
               for a in _ancestors(widget, window)):
            continue  # reachable by scrolling its panel, which is itself checked
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not frame.contains(rect):
            name = widget.objectName() or type(widget).__name__
            text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
            problems.append(f"{name} {text!r} at {rect.getRect()} outside {frame.getRect()}")
    return problems


def _ancestors(widget: QWidget, stop: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_every_screen_fits_the_laptop(start_window, demo_path, qtbot, size):
    window = laptop_window(start_window, demo_path, SIZES[size])
    problems = {}
    for key in _screens(window):
        window.navigator.select(key)
        QApplication.processEvents()
        screen = window.current_screen()
        found = _outside(window)
        area = window.editor_area
        if area.horizontalScrollBar().isVisible():
            found.append(f"the screen scrolls sideways ({screen.minimumSizeHint().width()} px wide)")
        if key.kind == "exercise" and area.verticalScrollBar().isVisible():
            found.append(f"the exercise scrolls as a whole ({screen.minimumSizeHint().height()} px tall)")
        for view in screen.findChildren(QGraphicsView):
            if view.isVisible() and view.horizontalScrollBar().isVisible():
                found.append(f"{view.objectName()} has a horizontal scroll bar")
        if found:
            title = screen.objectName() or type(screen).__name__
            if key.kind == "exercise":  # screens of one kind share a name: say which template
                title += f" ({records.exercise(window.document.workspace, key.id).template})"
            problems[f"{key.kind} {title}"] = found
    assert not problems, "\n".join(f"{where}: {p}" for where, found in problems.items() for p in found)
