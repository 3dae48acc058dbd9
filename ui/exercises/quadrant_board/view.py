"""The facilitator's view of the board: drag, rubber-band select, the board's keys and menu."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QGraphicsView, QMenu, QWidget

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

    def board_scene(self) -> BoardScene:
        return self.scene()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)

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
