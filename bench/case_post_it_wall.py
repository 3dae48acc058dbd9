"""The post_it_wall kind: adding, dragging and repainting 1,000 post-its, and 2,000 zoomed out,
each against a bare QGraphicsScene with the same number of plain rectangles in the same run."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsView

from bench.run import Case
from partnerdesk.post_it_wall import KIND, layout, values
from partnerdesk.store import Workspace
from ui.document import WorkspaceDocument
from ui.exercises.post_it_wall.scene import WallScene
from ui.exercises.post_it_wall.screen import PostItWallScreen

APP = QApplication.instance() or QApplication([])
FOLDER = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-post-it-wall-"))
atexit.register(shutil.rmtree, FOLDER, True)
VIEW_SIZE = (1280, 720)
_counter = [0]


def _document() -> tuple[WorkspaceDocument, str]:
    _counter[0] += 1
    ws = Workspace.open(FOLDER / f"wall{_counter[0]}.partnerdesk")
    workshop = ws.insert("workshops", {"title": "Bench"})
    exercise = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                       "template": "evaluation-wall", "title": "Evaluation"})
    return WorkspaceDocument(ws), exercise


def _filled(count: int) -> tuple[WorkspaceDocument, str]:
    document, exercise = _document()
    wall = values.wall_template("evaluation-wall")
    rows = []
    per_zone = count // len(wall.zones)
    for zone in wall.zones:
        slots = layout.next_free_slots([], per_zone, layout.zone_columns(per_zone))
        for i, position in enumerate(slots):
            text = f"Post-it {zone.label} {i}: a few words"
            rows.append({"exercise_id": exercise, "zone": zone.key, "text": text, "author": "",
                         "x": position[0], "y": position[1], "hidden": 0, "votes": 0, "cluster_id": None})
    document.workspace.insert_many(values.POST_ITS, rows)
    return document, exercise


def _bare(count: int) -> tuple[QGraphicsScene, list[QGraphicsRectItem]]:
    """The same number of plain rectangles, laid out as the wall lays out its post-its."""
    scene = QGraphicsScene()
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    items = []
    wall = values.wall_template("evaluation-wall")
    per_zone = count // len(wall.zones)
    slots = layout.next_free_slots([], per_zone, layout.zone_columns(per_zone))
    last = slots[-1]
    extent = (max(x for x, _ in slots) + layout.POST_IT_WIDTH + layout.ZONE_MARGIN,
              last[1] + layout.POST_IT_HEIGHT + layout.ZONE_MARGIN)
    extents = {z.key: extent for z in wall.zones}
    rects = layout.zone_rects(wall.zones, extents)
    for zone in wall.zones:
        origin = rects[zone.key]
        colour = QColor(zone.colour)
        for x, y in slots:
            item = QGraphicsRectItem(QRectF(0, 0, layout.POST_IT_WIDTH, layout.POST_IT_HEIGHT))
            item.setBrush(colour)
            item.setPos(origin.x + x, origin.y + y)
            scene.addItem(item)
            items.append(item)
    return scene, items


# -- adding -------------------------------------------------------------------------------------


def add_project():
    document, exercise = _document()
    screen = PostItWallScreen(document, exercise)

    def run():
        for i in range(1000):
            screen.add_post_it(f"Post-it {i}: a few words")
    return run


def add_baseline():
    scene = QGraphicsScene()
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)

    def run():
        for i in range(1000):
            x, y = layout.slot_position(i)
            item = QGraphicsRectItem(QRectF(0, 0, layout.POST_IT_WIDTH, layout.POST_IT_HEIGHT))
            item.setBrush(QColor("#f8a5c2"))
            item.setPos(x, y)
            scene.addItem(item)
    return run


def open_project():
    document, exercise = _filled(1000)
    wall = values.wall_template("evaluation-wall")
    return lambda: WallScene(document, exercise, wall)


def open_baseline():
    return lambda: _bare(1000)


# -- dragging -----------------------------------------------------------------------------------


def _fitted(scene) -> QGraphicsView:
    view = _view(scene, True)
    view.viewport().grab()  # warm caches (fonts, glyphs, buffers) before timing
    return view


def drag_project():
    document, exercise = _filled(1000)
    screen = PostItWallScreen(document, exercise)
    items = list(screen.scene.post_it_items.values())
    view = _fitted(screen.scene)

    def run():
        assert view is not None
        # What Qt does during the drag (move the items), then on release the one command (the
        # operation, its commit and the scene following its change set), then the repaint.
        moved = {}
        for item in items:
            item.moveBy(7, 5)
            moved[item.post_it.id] = (item.pos().x(), item.pos().y())
        screen.scene.post_its_dropped.emit(moved)
        screen.scene.restore_positions()
        view.viewport().grab()
    return run


def drag_baseline():
    scene, items = _bare(1000)
    view = _fitted(scene)

    def run():
        assert scene is not None  # keeps the items alive
        for item in items:
            item.moveBy(7, 5)
        view.viewport().grab()
    return run


# -- repainting -----------------------------------------------------------------------------------


def _view(scene, fit: bool) -> QGraphicsView:
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    if fit:
        view.fitInView(scene.itemsBoundingRect(), Qt.KeepAspectRatio)
    else:
        view.centerOn(scene.itemsBoundingRect().topLeft())
    return view


def _repaints(view: QGraphicsView):
    """Ten repaints of the whole view, after one to warm caches (fonts, glyphs, buffers)."""
    view.viewport().grab()

    def run():
        for _ in range(10):
            view.viewport().grab()
    return run


def repaint_project(count: int, fit: bool):
    def prepare():
        document, exercise = _filled(count)
        wall = values.wall_template("evaluation-wall")
        scene = WallScene(document, exercise, wall)
        view = _view(scene, fit)
        view._keep = (document, scene)
        return _repaints(view)
    return prepare


def repaint_baseline(count: int, fit: bool):
    def prepare():
        scene, _ = _bare(count)
        view = _view(scene, fit)
        view._keep = scene
        return _repaints(view)
    return prepare


CASES = [
    Case("post_it_wall: type 1,000 post-its (each on disk)", add_project, add_baseline, repeat=3,
         note="project commits every post-it to SQLite (synchronous=FULL); baseline only adds items"),
    Case("post_it_wall: open a wall of 1,000 post-its", open_project, open_baseline, repeat=3),
    Case("post_it_wall: drag 1,000 post-its (commit and repaint)", drag_project, drag_baseline, repeat=5,
         note="project: the operation, its commit, the scene following, a repaint; baseline: move and repaint"),
    Case("post_it_wall: repaint 1,000 post-its at 1:1 (x10)", repaint_project(1000, False),
         repaint_baseline(1000, False), repeat=7, note="project draws the words of those in view"),
    Case("post_it_wall: repaint 2,000 post-its zoomed out (x10)", repaint_project(2000, True),
         repaint_baseline(2000, True), repeat=9, note="should be no slower than the bare scene"),
]
