"""The boards fit the room's laptop: 1366×768 with the agenda runner open, and the 1200×760
default window; the compare view fits the screen and shows every quadrant's row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from partnerdesk import records
from tests.ui.conftest import laptop_window
from tests.ui.test_fits_the_laptop import SIZES, _outside
from ui.exercises import create_screen
from ui.exercises.quadrant_board.items import CHIP_FONT_PX, LAPTOP_MIN_PX
from ui.navigator import NodeKey


def _boards(window) -> dict[str, str]:
    ws = window.document.workspace
    found = {}
    for workshop in records.all_workshops(ws):
        for exercise in records.exercises(ws, workshop.id):
            if exercise.kind == "quadrant_board":
                found.setdefault(exercise.template, exercise.id)
    return found


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_both_boards_fit_the_laptop(start_window, demo_path, qtbot, size):
    window = laptop_window(start_window, demo_path, SIZES[size])
    boards = _boards(window)
    assert set(boards) == {"stakeholder-matrix", "purpose-of-partnership"}
    for template, exercise_id in boards.items():
        window.navigator.select(NodeKey("exercise", exercise_id))
        QApplication.processEvents()
        screen = window.current_screen()
        assert _outside(window) == [], template
        assert not window.editor_area.horizontalScrollBar().isVisible(), template
        assert not window.editor_area.verticalScrollBar().isVisible(), template
        view = screen.view
        assert not view.horizontalScrollBar().isVisible()
        # The board scales to its view: the whole board, as large as the view allows.
        shown = view.mapFromScene(view.scene().sceneRect()).boundingRect()
        assert view.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown), template
        assert shown.width() >= view.viewport().width() - 6 or shown.height() >= view.viewport().height() - 6
        # The board gets more room than the list beside it.
        assert view.width() > screen.side.width(), (template, view.width(), screen.side.width())


def test_the_side_folds_away_and_the_sizes_are_remembered(qtbot, demo_path):
    from partnerdesk.store import Workspace
    from ui.document import WorkspaceDocument

    doc = WorkspaceDocument(Workspace.open(demo_path))
    try:
        exercise_id = next(r["id"] for r in doc.workspace.rows("exercises", {"template": "stakeholder-matrix"}))
        screen = create_screen(doc, exercise_id)
        qtbot.addWidget(screen)
        screen.resize(900, 600)
        screen.show()
        qtbot.waitExposed(screen)
        splitter = screen.splitter
        splitter.moveSplitter(0, 1)  # the facilitator drags the handle to the left edge: folded
        assert splitter.sizes()[0] == 0 and screen.view.width() > 800
        screen.close()
        again = create_screen(doc, exercise_id)
        qtbot.addWidget(again)
        again.resize(900, 600)
        again.show()
        qtbot.waitExposed(again)
        assert again.splitter.sizes()[0] == 0
    finally:
        doc.close()


def test_the_compare_view_fits_the_screen_and_shows_every_quadrant(start_window, demo_path, qtbot):
    window = start_window(demo_path)
    boards = _boards(window)
    window.navigator.select(NodeKey("exercise", boards["stakeholder-matrix"]))
    screen = window.current_screen()
    dialog = screen.open_compare()
    qtbot.waitUntil(dialog.isVisible)
    room = window.screen().availableGeometry()
    assert room.contains(QRect(dialog.pos(), dialog.size()))
    table = dialog.table
    qtbot.waitUntil(lambda: sum(dialog.splitter.sizes()) > 0 and dialog.splitter.sizes()[1] > 100)
    QApplication.processEvents()
    viewport = table.viewport().height()
    whole = [r for r in range(table.rowCount())
             if table.rowViewportPosition(r) >= 0 and table.rowViewportPosition(r) + table.rowHeight(r) <= viewport]
    assert len(whole) == table.rowCount() == 4
    assert not table.horizontalScrollBar().isVisible()
    dialog.close()


def test_a_board_shown_small_on_the_laptop_keeps_its_names_readable(start_window, demo_path, qtbot):
    """With the runner open the board is a third of its size: each chip draws its name, in the
    words that fit, at LAPTOP_MIN_PX on the screen rather than at 5 px."""
    window = laptop_window(start_window, demo_path, SIZES["1366x768 with the agenda runner"])
    window.navigator.select(NodeKey("exercise", _boards(window)["stakeholder-matrix"]))
    QApplication.processEvents()
    view = window.current_screen().view
    scale = view.transform().m11()
    assert CHIP_FONT_PX * scale < LAPTOP_MIN_PX  # small indeed: the plain chip would not read
    for chip in window.current_screen().scene.chips.values():
        font, lines = chip.small_text(scale)
        assert font.pixelSize() * scale >= LAPTOP_MIN_PX
        first = chip.text.split()[0]
        assert lines and (lines[0].split()[0] == first or lines[0].endswith("…")), (chip.text, lines)
    # At full size nothing changes.
    assert all(c.small_text(1.0) is None for c in window.current_screen().scene.chips.values())
