"""The board's keyboard flows, keys delivered through the window as the window system does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGraphicsView

from partnerdesk import records
from tests.ui.conftest import activate, press
from ui.navigator import NodeKey


def test_keyboard_redo_works_on_a_board(start_window, demo_path, qtbot):
    window = start_window(demo_path)
    ws = window.document.workspace
    board = next(e for w in records.all_workshops(ws) for e in records.exercises(ws, w.id)
                 if e.kind == "quadrant_board")
    window.navigator.select(NodeKey("exercise", board.id))
    activate(qtbot, window)
    window.new_programme()  # an undoable step to undo and redo by keyboard
    stack = window.document.undo_stack
    done = stack.index()
    window.navigator.select(NodeKey("exercise", board.id))
    view = window.current_screen().findChild(QGraphicsView)
    view.setFocus()
    assert QApplication.focusWidget() is view
    press(window, Qt.Key_Z, Qt.ControlModifier)
    assert stack.index() == done - 1
    press(window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stack.index() == done
