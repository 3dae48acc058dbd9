"""The board's keyboard flows, keys delivered through the window as the window system does."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGraphicsView

from partnerdesk.quadrant_board import values
from tests.ui.conftest import activate, first_exercise, press, type_text
from ui.exercises import create_screen
from ui.exercises.quadrant_board.commands import edit_text
from ui.exercises.quadrant_board.screen import QuadrantBoardScreen
from ui.navigator import NodeKey


def test_keyboard_redo_works_on_a_board(start_window, demo_path, qtbot):
    window = start_window(demo_path)
    ws = window.document.workspace
    board = first_exercise(ws, kind="quadrant_board")
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


@pytest.fixture
def matrix(qtbot, demo_document) -> QuadrantBoardScreen:
    """The stakeholder matrix as its own window, active, so keys go through it."""
    exercise_id = next(r["id"] for r in demo_document.workspace.rows("exercises",
                                                                     {"template": "stakeholder-matrix"}))
    screen = create_screen(demo_document, exercise_id)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    activate(qtbot, screen)
    return screen


def _item(screen, label):
    found = [i for i in screen.mirror.items.values() if i.label == label]
    assert len(found) == 1, label
    return found[0]


def _quadrant(screen, item_id) -> list[str]:
    return [values.quadrant_of(screen.board, s.x, s.y).name
            for s in values.placements_of(screen.document.workspace, item_id)]


def test_after_adding_a_digit_places_the_stakeholder_just_added(matrix):
    matrix.add_edit.setFocus()
    type_text(matrix, "Neighbourhood Watch")
    press(matrix, Qt.Key_Return)
    added = _item(matrix, "Neighbourhood Watch")
    assert _quadrant(matrix, added.id) == []
    assert "Press 1-4 now to place it" in matrix.status.text()
    assert QApplication.focusWidget() is matrix.add_edit and matrix.add_edit.text() == ""
    press(matrix, Qt.Key_2)
    assert _quadrant(matrix, added.id) == ["INVOLVE"]
    assert matrix.add_edit.text() == "" and QApplication.focusWidget() is matrix.add_edit
    assert matrix.document.undo_stack.undoText() == "Place stakeholder in INVOLVE"
    assert "Placed “Neighbourhood Watch” in INVOLVE" in matrix.status.text()
    # The moment has passed: the next digit is typed, as the start of the next name.
    type_text(matrix, "4Children")
    press(matrix, Qt.Key_Return)
    assert _quadrant(matrix, _item(matrix, "4Children").id) == []
    assert _quadrant(matrix, added.id) == ["INVOLVE"]


def test_a_name_that_starts_with_a_digit_is_typed_after_esc_or_a_first_letter(matrix):
    matrix.add_edit.setFocus()
    type_text(matrix, "Police")
    press(matrix, Qt.Key_Return)
    press(matrix, Qt.Key_Escape)  # not now: the digit that follows is text
    type_text(matrix, "3rd sector forum")
    press(matrix, Qt.Key_Return)
    assert _quadrant(matrix, _item(matrix, "3rd sector forum").id) == []
    assert len([i for i in matrix.mirror.items.values() if i.label == "Police"]) == 2
    # Only 1-4 place; other digits are typed at once.
    type_text(matrix, "5 ways partnership")
    press(matrix, Qt.Key_Return)
    assert _quadrant(matrix, _item(matrix, "5 ways partnership").id) == []


def test_f2_after_adding_renames_the_stakeholder_just_added(matrix, qtbot):
    matrix.add_edit.setFocus()
    type_text(matrix, "Resdents")
    press(matrix, Qt.Key_Return)
    added = _item(matrix, "Resdents")
    press(matrix, Qt.Key_F2)
    assert matrix.list_view.state() == matrix.list_view.State.EditingState
    press(matrix, Qt.Key_A, Qt.ControlModifier)
    type_text(matrix, "Residents group")
    press(matrix, Qt.Key_Return)
    qtbot.waitUntil(lambda: values.item(matrix.document.workspace, added.id).label == "Residents group")
    assert matrix.document.undo_stack.undoText() == "Rename stakeholder"


def test_board_keys_through_the_window_f2_renames_the_chosen_chip(matrix, qtbot):
    chip = next(c for c in matrix.scene.chips.values() if c.text == "Residents")
    matrix.scene.clearSelection()
    chip.setSelected(True)
    matrix.view.setFocus()
    press(matrix, Qt.Key_3)
    assert _quadrant(matrix, chip.item_id) == ["BE AWARE"]
    matrix.view.setFocus()
    press(matrix, Qt.Key_F2)
    assert matrix.list_view.state() == matrix.list_view.State.EditingState
    press(matrix, Qt.Key_A, Qt.ControlModifier)
    type_text(matrix, "Local residents")
    press(matrix, Qt.Key_Return)
    qtbot.waitUntil(lambda: chip.text == "Local residents")


def test_undo_texts_read_well():
    for template_id in ("stakeholder-matrix", "purpose-of-partnership"):
        board = values.board_template(template_id)
        for column in board.list_columns:
            words = edit_text(board, column.name, column.heading).split()
            assert all(a.lower().removesuffix("'s") != b.lower() for a, b in pairwise(words)), words
    matrix_board = values.board_template("stakeholder-matrix")
    assert edit_text(matrix_board, "label", "Stakeholder") == "Rename stakeholder"
    assert edit_text(matrix_board, "notes", "Notes") == "Edit stakeholder's notes"
    assert edit_text(matrix_board, "organisation", "Stakeholder") == "Edit stakeholder"
