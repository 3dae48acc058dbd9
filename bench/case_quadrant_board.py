"""Quadrant board: a board of 200 stakeholders, dragged and repainted, against a bare
QGraphicsScene of 200 plain rectangles receiving the same mouse drags and repaints.

Both views are painted once before the timing starts, as the facilitator sees the board before
dragging on it: a drag is timed, not a fresh screen's first paint (which draws every chip
once, 30-40 ms for 200; it was inside this case's timing until the kind's restructure).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from run import Case

STAKEHOLDERS = 200
MOVES = 12  # mouse moves per drag, each followed by a full repaint of the view
VIEW_SIZE = (1280, 720)


def _app():
    from PySide6.QtWidgets import QApplication

    from ui.app import load_fonts

    app = QApplication.instance() or QApplication(["bench"])
    load_fonts()
    return app


def _board_screen():
    """A real board screen on a fresh workspace with 200 placed stakeholders."""
    from partnerdesk.quadrant_board import KIND, operations, values
    from partnerdesk.store import Workspace
    from ui.document import WorkspaceDocument
    from ui.exercises.quadrant_board.screen import QuadrantBoardScreen

    _app()
    folder = Path(tempfile.mkdtemp(prefix="pd-bench-quadrant-board-"))
    ws = Workspace.open(folder / "bench.partnerdesk")
    matrix = values.board_template("stakeholder-matrix")
    with ws.atomic():
        workshop = ws.insert("workshops", {"title": "Bench"})
        exercise = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                           "template": matrix.id, "title": "Stakeholders"})
        for n in range(STAKEHOLDERS):
            key = str(n % 4 + 1)
            point = values.spread(matrix, key, STAKEHOLDERS // 4)[n // 4]
            operations.add_item(ws, exercise, None, f"Stakeholder {n + 1}", at=point,
                                organisation="Organisation")
    document = WorkspaceDocument(ws)
    screen = QuadrantBoardScreen(document, exercise)
    screen.resize(1600, 900)
    screen.view.resize(*VIEW_SIZE)
    screen.show()
    return screen, screen.view


def _bare_view():
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

    from ui.exercises.quadrant_board.items import CHIP_H, CHIP_W, SCENE_RECT

    _app()
    scene = QGraphicsScene()
    scene.setSceneRect(SCENE_RECT)
    for n in range(STAKEHOLDERS):
        item = QGraphicsRectItem(QRectF(-CHIP_W / 2, -CHIP_H / 2, CHIP_W, CHIP_H))
        item.setBrush(QColor("#ffffff"))
        item.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable)
        item.setPos(-700 + (n % 20) * 70, -400 + (n // 20) * 80)
        scene.addItem(item)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.fitInView(SCENE_RECT)
    view.show()
    return scene, view


def _paint_once(view) -> None:
    from PySide6.QtGui import QImage, QPainter

    image = QImage(view.viewport().size(), QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    view.render(painter)
    painter.end()


def _drag(view, select_all: bool) -> None:
    """Press on an item, move in steps repainting the whole view each time, release."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtTest import QTest

    scene = view.scene()
    chips = [i for i in scene.items() if i.flags() & i.GraphicsItemFlag.ItemIsMovable]
    target = chips[len(chips) // 2]
    if select_all:
        for chip in chips:
            chip.setSelected(True)
    start = view.mapFromScene(target.scenePos())
    viewport = view.viewport()
    image = QImage(viewport.size(), QImage.Format_ARGB32_Premultiplied)
    modifiers = Qt.ControlModifier if select_all else Qt.NoModifier
    QTest.mousePress(viewport, Qt.LeftButton, modifiers, start)
    for n in range(1, MOVES + 1):
        QTest.mouseMove(viewport, start + QPoint(3 * n, 2 * n))
        painter = QPainter(image)
        view.render(painter)
        painter.end()
    QTest.mouseRelease(viewport, Qt.LeftButton, modifiers, start + QPoint(3 * MOVES, 2 * MOVES))


def _project(select_all: bool):
    def prepare():
        screen, view = _board_screen()
        _paint_once(view)
        return lambda: (screen, _drag(view, select_all))

    return prepare


def _baseline(select_all: bool):
    def prepare():
        scene, view = _bare_view()
        _paint_once(view)
        # The view does not own its scene: keep it alive for the run.
        return lambda: (scene, _drag(view, select_all))

    return prepare


CASES = [
    Case("quadrant board: drag 1 of 200 stakeholders + repaint", _project(False), _baseline(False),
         note="includes the committed move (one command, fsync'd)"),
    Case("quadrant board: drag all 200 stakeholders + repaint", _project(True), _baseline(True),
         note="one command for the 200-item move"),
]
