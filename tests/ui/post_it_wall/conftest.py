"""The wall's fixture and the hand movements its tests share: a wall screen in its own window,
typing a post-it, clicking and dragging on the wall."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from partnerdesk.post_it_wall import KIND, values
from tests.ui.conftest import activate, press, type_text
from ui.exercises import create_screen
from ui.exercises.post_it_wall.screen import PostItWallScreen


def new_wall(document, template="evaluation-wall") -> str:
    ws = document.workspace
    workshop = ws.insert("workshops", {"title": "Collaborative Working"})
    return ws.insert("exercises", {"workshop_id": workshop, "kind": KIND, "template": template,
                                   "title": "Session evaluation"})


@pytest.fixture
def screen(qtbot, document) -> PostItWallScreen:
    exercise_id = new_wall(document)
    widget = create_screen(document, exercise_id)
    assert isinstance(widget, PostItWallScreen)
    qtbot.addWidget(widget)
    widget.resize(1300, 740)
    activate(qtbot, widget)
    widget.post_it_edit.setFocus()
    return widget


def stored(screen) -> list[values.PostIt]:
    return values.post_its(screen.document.workspace, screen.exercise_id)


def type_post_it(qtbot, screen, text: str) -> None:
    """Type a post-it in the post-it box and press Enter, through the window as a keyboard does."""
    if not screen.post_it_edit.hasFocus():
        screen.post_it_edit.setFocus()
    type_text(screen.window(), text)
    press(screen.window(), Qt.Key_Return)


def point_of(screen, post_it_id: str) -> QPoint:
    item = screen.scene.post_it_items[post_it_id]
    return screen.view.mapFromScene(item.sceneBoundingRect().center())


def click_post_it(screen, post_it_id: str, modifier=Qt.NoModifier) -> None:
    QTest.mouseClick(screen.view.viewport(), Qt.LeftButton, modifier, point_of(screen, post_it_id))


def drag(screen, start: QPoint, end: QPoint) -> None:
    viewport = screen.view.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    steps = 6
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * i / steps)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end)
