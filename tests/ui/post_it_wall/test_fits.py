"""Every wall fits the laptop: a 1366×768 screen with the agenda runner open and the 1200×760
default window, quiet or busy, with no control off the window and no sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsView

from partnerdesk.post_it_wall import values
from tests.ui.conftest import laptop_window
from tests.ui.post_it_wall.test_readable import add_busy_wall
from tests.ui.test_fits_the_laptop import SIZES, _outside
from ui.navigator import NodeKey


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_every_wall_fits_the_laptop(start_window, demo_path, size):
    busy = add_busy_wall(demo_path)
    window = laptop_window(start_window, demo_path, SIZES[size])
    ws = window.document.workspace
    walls = [e.id for w in ws.rows("workshops") for e in values.walls(ws, w["id"])]
    assert busy in walls and len(walls) >= 5
    problems = {}
    for wall in walls:
        window.navigator.select(NodeKey("exercise", wall))
        QApplication.processEvents()
        screen = window.current_exercise_screen()
        found = _outside(window)
        if window.editor_area.horizontalScrollBar().isVisible():
            found.append(f"the screen scrolls sideways ({screen.minimumSizeHint().width()} px wide)")
        if window.editor_area.verticalScrollBar().isVisible():
            found.append(f"the wall scrolls as a whole ({screen.minimumSizeHint().height()} px tall)")
        found += [f"{view.objectName()} scrolls sideways" for view in screen.findChildren(QGraphicsView)
                  if view.isVisible() and view.horizontalScrollBar().isVisible()]
        if found:
            problems[screen.exercise.title] = found
    assert problems == {}
