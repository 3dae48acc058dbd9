"""The facilitator's view of the board: drag, rubber-band select, the board's keys and menu."""

from __future__ import annotations

import collections
import itertools

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu, QWidget

from ui.exercises.quadrant_board.items import BOARD_RECT, SCENE_RECT, ChipItem, from_scene
from ui.exercises.quadrant_board.scene import BoardScene


class BoardView(QGraphicsView):
    """The facilitator's view: drag, rubber-band select, and the board's keys."""

    nudge_requested = Signal(float, float)
    quadrant_requested = Signal(str)
    delete_requested = Signal()
    rename_requested = Signal()
    #: Double-click on an empty spot: add a new item there, (x, y) in board coordinates.
    add_requested = Signal(float, float)

    NUDGE = 0.02
    NUDGE_LARGE = 0.1

    def __init__(self, scene: BoardScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("board_view")
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(320, 200)
        #: While chips are dragged: everything that is not moving, drawn once at the view's
        #: transform, and the transform it was drawn at; see `_begin_drag_layer`.
        self._layer: QPixmap | None = None
        self._layer_transform = QTransform()
        self._buffer: QPixmap | None = None
        # Anything else that changes the board mid-drag (an undo by key, another group's
        # board) ends the layer; the next mouse move draws it afresh.
        mirror = scene.mirror
        for signal in (mirror.reset, mirror.items_changed, mirror.placements_added,
                       mirror.placements_changed, mirror.placements_removed,
                       scene.title_changed, scene.movement_shown):
            signal.connect(self._on_board_changed)
        #: The items the layer stands for, hidden from the scene meanwhile, and their opacity.
        self._layered: list[QGraphicsItem] = []
        self._layered_opacity: list[float] = []

    def board_scene(self) -> BoardScene:
        return self.scene()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)

    # -- the drag layer -------------------------------------------------------------------------

    # A repaint during a drag would otherwise draw the whole board (its quadrants, words and
    # 200 chips, each blended from its cached picture) for one moving chip. Instead the board
    # without the moving chips is drawn once into a pixmap when they start moving; each
    # repaint blits it and draws only the moving chips, which are on top of everything (the
    # selection's z), so the picture is the same. Only this view's repaints use it: exports
    # and the projector's room (another scene) draw every item as before.

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if self._layer is None and event.buttons() & Qt.LeftButton:
            moving = self.board_scene().moving_chips()
            if moving:
                self._begin_drag_layer(moving)

    def mouseReleaseEvent(self, event) -> None:
        self._end_drag_layer()
        super().mouseReleaseEvent(event)

    def _begin_drag_layer(self, moving: list) -> None:
        scene = self.board_scene()
        moving_set = set(moving)
        still = [item for item in scene.items() if item.parentItem() is None
                 and item.isVisible() and item not in moving_set]
        opacities = [item.opacity() for item in moving]
        _set_opacity(moving, 0.0)
        layer = self._layer_buffer()
        size = self.viewport().size()
        painter = QPainter(layer)
        painter.setRenderHints(self.renderHints())
        self.render(painter, QRectF(0, 0, size.width(), size.height()), self.viewport().rect())
        painter.end()
        _set_opacity(moving, opacities)
        self._layered = still
        self._layered_opacity = [item.opacity() for item in still]
        # Fully transparent items are skipped by the scene's index: neither drawn nor looked
        # at during the drag (the grabbed chips get the mouse).
        _set_opacity(still, 0.0)
        self._layer = layer
        self._layer_transform = self.viewportTransform()

    def _on_board_changed(self, *_args) -> None:
        self._end_drag_layer()

    def _layer_buffer(self) -> QPixmap:
        """The view's pixmap for the drag layer, kept for the next drag: allocating and first
        touching a screen-sized pixmap costs as much as drawing the board into it."""
        ratio = self.viewport().devicePixelRatioF()
        size = self.viewport().size() * ratio
        if self._buffer is None or self._buffer.size() != size or self._buffer.devicePixelRatio() != ratio:
            self._buffer = QPixmap(size)
            self._buffer.setDevicePixelRatio(ratio)
            self._buffer.fill(Qt.white)
        return self._buffer

    def _end_drag_layer(self) -> None:
        if self._layer is None:
            return
        self._layer = None
        scene = self.scene()
        back = [(item, opacity) for item, opacity in zip(self._layered, self._layered_opacity, strict=True)
                if item.scene() is scene]
        _set_opacity([item for item, _ in back], [opacity for _, opacity in back])
        self._layered, self._layered_opacity = [], []

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        if self._layer is None:
            super().drawBackground(painter, rect)
            if self._buffer is None:
                # Ready at the first paint, before the facilitator's first drag.
                self._layer_buffer()
            return
        if self.scene().mouseGrabberItem() is None:
            # The drag ended without a release here (a dialog took the mouse): draw it all.
            self._end_drag_layer()
            super().drawBackground(painter, rect)
            return
        painter.save()
        transform = painter.worldTransform()
        if transform == self._layer_transform or _same(transform, self._layer_transform):
            painter.resetTransform()
            painter.drawPixmap(0, 0, self._layer)
        else:
            # Rendered at another size: the layer scaled, in scene units.
            area = self._layer_transform.inverted()[0].mapRect(QRectF(self.viewport().rect()))
            painter.drawPixmap(area, self._layer, QRectF(self._layer.rect()))
        painter.restore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = self.NUDGE_LARGE if event.modifiers() & Qt.ShiftModifier else self.NUDGE
        arrows = {Qt.Key_Left: (-step, 0.0), Qt.Key_Right: (step, 0.0),
                  Qt.Key_Up: (0.0, step), Qt.Key_Down: (0.0, -step)}
        if key in arrows:
            self.nudge_requested.emit(*arrows[key])
        elif event.text() and event.text() in {q.key for q in self.board_scene().board.quadrants}:
            self.quadrant_requested.emit(event.text())
        elif key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.delete_requested.emit()
        elif key == Qt.Key_F2:
            self.rename_requested.emit()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        point = self.mapToScene(event.position().toPoint())
        if not self.board_scene().chips_at(point) and BOARD_RECT.contains(point):
            self.add_requested.emit(*from_scene(point))
            return
        if self.board_scene().chips_at(point):
            self.rename_requested.emit()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(self.mapToScene(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())

    def context_menu(self, point: QPointF) -> QMenu | None:
        """Pick one of several overlapping chips, or send the selection to a quadrant."""
        scene = self.board_scene()
        under = scene.chips_at(point)
        menu = QMenu(self)
        if len(under) > 1:
            menu.addSection("Pick one of the overlapping items")
            for chip in under:
                action = menu.addAction(f"{chip.text} — {chip.note}" if chip.note else chip.text)
                action.triggered.connect(lambda _=False, c=chip: self.pick(c))
        elif under and not under[0].isSelected():
            self.pick(under[0])
        if scene.selected_chips():
            menu.addSection("Send to")
            for quadrant in scene.board.quadrants:
                action = menu.addAction(f"{quadrant.key}  {quadrant.name}")
                action.triggered.connect(lambda _=False, k=quadrant.key: self.quadrant_requested.emit(k))
            menu.addSeparator()
            menu.addAction("Rename (F2)").triggered.connect(lambda _=False: self.rename_requested.emit())
            menu.addAction("Remove (Delete)").triggered.connect(lambda _=False: self.delete_requested.emit())
        elif BOARD_RECT.contains(point):
            x, y = from_scene(point)
            menu.addAction(f"Add a {scene.board.item_noun} here").triggered.connect(
                lambda _=False: self.add_requested.emit(x, y))
        return menu if menu.actions() else None

    def pick(self, chip: ChipItem) -> None:
        scene = self.board_scene()
        scene.clearSelection()
        chip.setSelected(True)
        scene.restack_selection()


def _same(a: QTransform, b: QTransform) -> bool:
    return all(abs(x - y) < 1e-6 for x, y in zip(
        (a.m11(), a.m12(), a.m21(), a.m22(), a.dx(), a.dy()),
        (b.m11(), b.m12(), b.m21(), b.m22(), b.dx(), b.dy()), strict=True))


def _set_opacity(items: list[QGraphicsItem], opacity: float | list[float]) -> None:
    # One call per item from C (map), not a Python loop: a drag hides and shows 200 items.
    opacities = opacity if isinstance(opacity, list) else itertools.repeat(opacity, len(items))
    collections.deque(map(QGraphicsItem.setOpacity, items, opacities), maxlen=0)
