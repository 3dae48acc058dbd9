"""The quadrant board as a QGraphicsScene that mirrors the store, its views, and its exports."""

from __future__ import annotations

import functools
import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
    QStyleOptionGraphicsItem,
    QWidget,
)

from partnerdesk import boards
from partnerdesk.errors import StorageError
from partnerdesk.exports import write_atomically
from ui.document import WorkspaceDocument
from ui.text import plain_tooltip

#: The board in scene units: 16:9 like a projector; x in [-1, 1] maps to +-HALF_W.
HALF_W, HALF_H = 800.0, 450.0
BOARD_RECT = QRectF(-HALF_W, -HALF_H, 2 * HALF_W, 2 * HALF_H)
#: Room around the board for the title (top) and the axis labels (left, bottom).
SCENE_RECT = BOARD_RECT.adjusted(-80, -70, 20, 80)
CHIP_W, CHIP_H = 220.0, 54.0
CHIP_FONT_PX = 18
#: Z values: quadrant backgrounds < arrows < chips < the hovered chip < selected chips.
Z_ARROWS, Z_CHIPS, Z_HOVER, Z_SELECTED = 5, 10, 5000, 10000

#: Export sizes in pixels: the projector, and A4 landscape at 200 dpi for print.
PROJECTOR_SIZE = QSize(1920, 1080)
PRINT_SIZE = QSize(2339, 1654)


def to_scene(x: float, y: float) -> QPointF:
    """Board coordinates (y up) to scene coordinates (y down)."""
    return QPointF(x * HALF_W, -y * HALF_H)


def from_scene(point: QPointF) -> tuple[float, float]:
    # Rounded so stored values stay short and a drag back and forth compares equal.
    return (round(boards.clamp(point.x() / HALF_W), 4), round(boards.clamp(-point.y() / HALF_H), 4))


@functools.cache
def _font(px: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _two_lines(text: str, note: str) -> list[str]:
    metrics = QFontMetricsF(_font(CHIP_FONT_PX))
    width = CHIP_W - 16
    if note:
        small = QFontMetricsF(_font(CHIP_FONT_PX - 3))
        return [metrics.elidedText(text, Qt.ElideRight, width), small.elidedText(note, Qt.ElideRight, width)]
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split()
    first = words[0] if words else text
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if metrics.horizontalAdvance(candidate) <= width:
            first = candidate
            rest = " ".join(words[n:])
            break
    else:
        return [metrics.elidedText(text, Qt.ElideRight, width)]
    return [first, metrics.elidedText(rest, Qt.ElideRight, width)] if rest else [first]


class ChipItem(QGraphicsItem):
    """One placement: a labelled chip. It never writes to the store: the scene reports drags."""

    def __init__(self, placement_id: str, item_id: str, interactive: bool):
        super().__init__()
        self.placement_id = placement_id
        self.item_id = item_id
        self.text = ""
        self.note = ""
        self._lines: list[str] = []
        self.base_z = float(Z_CHIPS)
        self._hovered = False
        # Painting a chip (rounded box and text) costs far more than blitting it: cache the
        # pixmap, redrawn only when its text, selection or the zoom changes.
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if interactive:
            # No itemChange override: a Python call per item per mouse move would dominate a
            # drag of many chips; the scene keeps dragged chips on the board instead.
            self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable)
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.OpenHandCursor)

    def set_text(self, text: str, tooltip: str, note: str = "") -> None:
        """Show `text` on up to two lines (a note takes the second), eliding what does not fit;
        the tooltip always has everything."""
        if (text, note) != (self.text, self.note):
            self.text, self.note = text, note
            self._lines = _two_lines(text, note)
            self.update()
        if tooltip != self.toolTip():
            self.setToolTip(plain_tooltip(tooltip))

    @property
    def shown_text(self) -> str:
        return " ".join(self._lines)

    @property
    def elided(self) -> bool:
        return "…" in self.shown_text

    _BOUNDS = QRectF(-CHIP_W / 2 - 2, -CHIP_H / 2 - 2, CHIP_W + 4, CHIP_H + 4)

    def boundingRect(self) -> QRectF:
        return self._BOUNDS

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None,
              ) -> None:
        scene = self.scene()
        selected = self.isSelected() and not getattr(scene, "exporting", False)
        rect = QRectF(-CHIP_W / 2, -CHIP_H / 2, CHIP_W, CHIP_H)
        painter.setPen(QPen(QColor("#1565c0") if selected else QColor("#37474f"), 3 if selected else 1.5))
        painter.setBrush(QColor("#fff3bf") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(QColor("#1a1a1a"))
        inner = rect.adjusted(8, 3, -8, -3)
        if len(self._lines) == 1:
            painter.setFont(_font(CHIP_FONT_PX))
            painter.drawText(inner, Qt.AlignCenter, self._lines[0])
            return
        top, bottom = QRectF(inner), QRectF(inner)
        top.setBottom(inner.center().y())
        bottom.setTop(inner.center().y())
        painter.setFont(_font(CHIP_FONT_PX))
        painter.drawText(top, Qt.AlignHCenter | Qt.AlignBottom, self._lines[0])
        if self.note:
            painter.setPen(QColor("#455a64"))
            painter.setFont(_font(CHIP_FONT_PX - 3))
        painter.drawText(bottom, Qt.AlignHCenter | Qt.AlignTop, self._lines[1])

    def restack(self) -> None:
        if self.isSelected():
            self.setZValue(Z_SELECTED + self.base_z)
        elif self._hovered:
            self.setZValue(Z_HOVER)
        else:
            self.setZValue(self.base_z)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.restack()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.restack()
        super().hoverLeaveEvent(event)


class BoardScene(QGraphicsScene):
    """One board (an exercise, for one small group or the whole room) mirrored from the store."""

    #: A drag ended with these placements moved: {placement_id: (x, y)}.
    chips_moved = Signal(dict)
    #: The chips were brought in line with the store.
    synced = Signal()

    def __init__(self, document: WorkspaceDocument, exercise_id: str, board: boards.BoardTemplate,
                 group_id: str | None, title: str = "", interactive: bool = True, parent=None):
        super().__init__(parent)
        self.document = document
        self.exercise_id = exercise_id
        self.board = board
        self.group_id = group_id
        self.interactive = interactive
        self.exporting = False
        self.chips: dict[str, ChipItem] = {}
        self.show_movement = False
        self._arrows: list[QGraphicsItem] = []
        self._press_positions: dict[ChipItem, QPointF] = {}
        self._selected: set[ChipItem] = set()
        self._restack_pending = False
        self._cycle_from: ChipItem | None = None
        self.setSceneRect(SCENE_RECT)
        self.setItemIndexMethod(QGraphicsScene.BspTreeIndex)
        self.quadrant_items: dict[str, QGraphicsRectItem] = {}
        self._title = QGraphicsSimpleTextItem()
        self._draw_background()
        self.set_title(title)
        self.selectionChanged.connect(self._on_self_selection_changed)
        document.records_added.connect(self._on_document_records)
        document.records_removed.connect(self._on_document_records)
        document.records_changed.connect(self._on_document_records_changed)
        self.sync()

    # -- drawing the board ---------------------------------------------------------------------

    def _draw_background(self) -> None:
        white = QBrush(QColor("#ffffff"))
        self.setBackgroundBrush(white)
        for quadrant in self.board.quadrants:
            left = BOARD_RECT.left() if not quadrant.is_right else 0.0
            top = BOARD_RECT.top() if quadrant.is_top else 0.0
            rect = QRectF(left, top, HALF_W, HALF_H)
            item = QGraphicsRectItem(rect)
            item.setBrush(QColor(quadrant.colour))
            item.setPen(QPen(Qt.NoPen))
            item.setZValue(0)
            item.setToolTip(f"{quadrant.name}\n\n{quadrant.help}" if quadrant.help else quadrant.name)
            self.addItem(item)
            self.quadrant_items[quadrant.key] = item
            name = QGraphicsSimpleTextItem(quadrant.name)
            name.setFont(_font(38, bold=True))
            name.setBrush(QColor(0, 0, 0, 110))
            width = name.boundingRect().width()
            x = rect.left() + 18 if not quadrant.is_right else rect.right() - 18 - width
            y = rect.top() + 12 if quadrant.is_top else rect.bottom() - 12 - name.boundingRect().height()
            name.setPos(x, y)
            name.setZValue(1)
            self.addItem(name)
        axis_pen = QPen(QColor("#37474f"), 3)
        for line in (QLineF(BOARD_RECT.left(), 0, BOARD_RECT.right(), 0),
                     QLineF(0, BOARD_RECT.top(), 0, BOARD_RECT.bottom())):
            axis = self.addLine(line, axis_pen)
            axis.setZValue(2)
        frame = self.addRect(BOARD_RECT, QPen(QColor("#37474f"), 2))
        frame.setZValue(2)
        self._axis_labels()

    def _axis_labels(self) -> None:
        horizontal, vertical = self.board.horizontal, self.board.vertical
        small, large = _font(18), _font(22, bold=True)
        below = BOARD_RECT.bottom() + 10
        self._text(horizontal.low, small, QPointF(BOARD_RECT.left(), below))
        self._text(horizontal.high, small, QPointF(BOARD_RECT.right(), below), align_right=True)
        label = self._text(f"{horizontal.label} →", large, QPointF(0, below + 28))
        label.setX(-label.boundingRect().width() / 2)
        left = BOARD_RECT.left() - 12
        for text, y, font in ((vertical.low, BOARD_RECT.bottom(), small),
                              (vertical.high, BOARD_RECT.top(), small),
                              (f"{vertical.label} →", 0.0, large)):
            item = self._text(text, font, QPointF(0, 0))
            width = item.boundingRect().width()
            item.setRotation(-90)
            x = left - item.boundingRect().height() - (30 if font is large else 0)
            if y == 0.0:
                item.setPos(x, width / 2)
            elif y > 0:
                item.setPos(x, y)
            else:
                item.setPos(x, y + width)

    def _text(self, text: str, font: QFont, at: QPointF,
              align_right: bool = False) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text)
        item.setFont(font)
        item.setBrush(QColor("#263238"))
        if align_right:
            at = QPointF(at.x() - item.boundingRect().width(), at.y())
        item.setPos(at)
        self.addItem(item)
        return item

    def set_title(self, title: str) -> None:
        if self._title.scene() is None:
            self._title.setFont(_font(30, bold=True))
            self._title.setBrush(QColor("#263238"))
            self.addItem(self._title)
        self._title.setText(title)
        self._title.setPos(BOARD_RECT.left(), BOARD_RECT.top() - 52)

    # -- mirroring the store -------------------------------------------------------------------

    def set_group(self, group_id: str | None, title: str) -> None:
        self.group_id = group_id
        self.set_title(title)
        for chip in list(self.chips.values()):
            self.removeItem(chip)
        self.chips.clear()
        self.sync()

    def sync(self) -> None:
        ws = self.document.workspace
        listed = {i.id: i for i in boards.items(ws, self.exercise_id, self.group_id)}
        spots = boards.placements(ws, self.exercise_id, self.group_id)
        seen = set()
        for n, spot in enumerate(spots):
            seen.add(spot.id)
            chip = self.chips.get(spot.id)
            if chip is None:
                chip = ChipItem(spot.id, spot.item_id, self.interactive)
                self.chips[spot.id] = chip
                self.addItem(chip)
            chip.base_z = Z_CHIPS + n * 0.001
            found = listed[spot.item_id]
            chip.set_text(found.label, self._tooltip(found, spot), spot.note)
            target = to_scene(spot.x, spot.y)
            if chip.pos() != target:
                chip.setPos(target)
            chip.restack()
        for placement_id in [p for p in self.chips if p not in seen]:
            self.removeItem(self.chips.pop(placement_id))
        self._draw_movement()
        self.synced.emit()

    def _tooltip(self, found: boards.BoardItem, spot: boards.Placement) -> str:
        lines = [found.label]
        lines += [text for text in (found.organisation, found.role) if text]
        if spot.note:
            lines.append(spot.note)
        lines.append(f"Quadrant: {boards.quadrant_of(self.board, spot.x, spot.y).name}")
        if found.notes:
            lines.append(found.notes)
        return "\n".join(lines)

    def _on_document_records(self, table: str, ids: list) -> None:
        if table in ("board_items", "placements"):
            self.sync()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table in ("board_items", "placements"):
            self.sync()

    # -- movement over a programme -------------------------------------------------------------

    def set_show_movement(self, show: bool) -> None:
        self.show_movement = show
        self._draw_movement()

    def _draw_movement(self) -> None:
        for item in self._arrows:
            self.removeItem(item)
        self._arrows = []
        if not self.show_movement:
            return
        pen = QPen(QColor("#6a1b9a"), 4, Qt.DashLine)
        pen.setCapStyle(Qt.RoundCap)
        for label, steps in boards.movement(self.document.workspace, self.exercise_id, self.group_id).items():
            points = [to_scene(s.x, s.y) for s in steps]
            points[-1] = _to_chip_edge(points[-2], points[-1])
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            line = QGraphicsPathItem(path)
            line.setPen(pen)
            line.setToolTip(plain_tooltip(f"{label}: " + " → ".join(s.workshop_title for s in steps)))
            self._add_arrow_item(line)
            for n, (step, point) in enumerate(zip(steps, points, strict=True)):
                if n < len(steps) - 1:
                    dot = self.addEllipse(QRectF(point.x() - 7, point.y() - 7, 14, 14),
                                          QPen(Qt.NoPen), QColor("#6a1b9a"))
                    dot.setToolTip(plain_tooltip(f"{label}\n{step.workshop_title}\n{step.date}"))
                    self._arrows.append(dot)
                    dot.setZValue(Z_ARROWS)
            head = _arrow_head(points[-2], points[-1])
            self._add_arrow_item(self.addPolygon(head, QPen(Qt.NoPen), QColor("#6a1b9a")))

    def _add_arrow_item(self, item: QGraphicsItem) -> None:
        if item.scene() is None:
            self.addItem(item)
        item.setZValue(Z_ARROWS)
        self._arrows.append(item)

    # -- drags: one command per drag, pushed by whoever listens --------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        under = self.chips_at(event.scenePos())
        # A plain click on a chip that is already the only one selected, where chips overlap,
        # selects the next one beneath it: clicking again and again goes through the pile.
        self._cycle_from = (under[0] if under and under[0].isSelected() and len(under) > 1
                            and len(self.selected_chips()) == 1
                            and event.button() == Qt.LeftButton and not event.modifiers() else None)
        super().mousePressEvent(event)
        self._press_positions = {chip: chip.pos() for chip in self.selected_chips()}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        for chip in self._press_positions:
            point = chip.pos()
            x, y = point.x(), point.y()
            if not (-HALF_W <= x <= HALF_W and -HALF_H <= y <= HALF_H):
                chip.setPos(min(max(x, -HALF_W), HALF_W), min(max(y, -HALF_H), HALF_H))

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = {chip.placement_id: from_scene(chip.pos())
                 for chip, before in self._press_positions.items()
                 if chip.scene() is self and chip.pos() != before}
        self._press_positions = {}
        if moved:
            self.chips_moved.emit(moved)
        elif self._cycle_from is not None:
            pile = sorted(self.chips_at(event.scenePos()), key=lambda c: c.base_z, reverse=True)
            if self._cycle_from in pile and len(pile) > 1:
                following = pile[(pile.index(self._cycle_from) + 1) % len(pile)]
                self.clearSelection()
                following.setSelected(True)
                self.restack_selection()
        self._cycle_from = None

    def selected_chips(self) -> list[ChipItem]:
        return [item for item in self.selectedItems() if isinstance(item, ChipItem)]

    def chips_at(self, point: QPointF) -> list[ChipItem]:
        return [item for item in self.items(point) if isinstance(item, ChipItem)]

    def _on_self_selection_changed(self) -> None:
        # Selecting 200 chips one by one emits 200 signals: restack once, when they are done.
        if not self._restack_pending:
            self._restack_pending = True
            QTimer.singleShot(0, self.restack_selection)

    def restack_selection(self) -> None:
        """Selected chips on top, so a chip picked from under others can be seen and dragged;
        only the chips whose selection changed are touched."""
        self._restack_pending = False
        selected = set(self.selected_chips())
        for chip in selected ^ self._selected:
            if chip.scene() is self:
                chip.restack()
        self._selected = selected

    # -- export --------------------------------------------------------------------------------

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        # Draw every chip afresh at the export's resolution and without selection marks,
        # rather than from the screen's cached pixmaps.
        self.exporting = True
        for chip in self.chips.values():
            chip.setCacheMode(QGraphicsItem.NoCache)
        try:
            self.render(painter, target, SCENE_RECT, Qt.KeepAspectRatio)
        finally:
            self.exporting = False
            for chip in self.chips.values():
                chip.setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def _to_chip_edge(start: QPointF, end: QPointF) -> QPointF:
    """Where the line from `start` enters the chip centred at `end`, so the arrowhead shows."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    reach = []
    if dx:
        reach.append((CHIP_W / 2 + 6) / abs(dx))
    if dy:
        reach.append((CHIP_H / 2 + 6) / abs(dy))
    back = min(min(reach, default=0.0), 1.0)
    return QPointF(end.x() - dx * back, end.y() - dy * back)


def _arrow_head(start: QPointF, end: QPointF) -> QPolygonF:
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    size = 22.0
    left = QPointF(end.x() - size * math.cos(angle - 0.45), end.y() - size * math.sin(angle - 0.45))
    right = QPointF(end.x() - size * math.cos(angle + 0.45), end.y() - size * math.sin(angle + 0.45))
    return QPolygonF([end, left, right])


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
        self.setMinimumSize(480, 300)

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


class PresenterBoardView(QGraphicsView):
    """The projector's view of the same scene: no controls, no selection, fills the screen."""

    def __init__(self, scene: BoardScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("presenter_board_view")
        self.setInteractive(False)
        self.setFrameShape(QGraphicsView.NoFrame)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("#ffffff"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(SCENE_RECT, Qt.KeepAspectRatio)


# -- exports, written atomically ---------------------------------------------------------------


def render_image(scene: BoardScene, size: QSize) -> QImage:
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    scene.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


def export_png(scene: BoardScene, path: Path | str, size: QSize = PROJECTOR_SIZE) -> Path:
    """Render in memory, then write the file whole (`partnerdesk.exports.write_atomically`)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    if not render_image(scene, size).save(buffer, "PNG"):
        raise StorageError("The image could not be made.", path)
    buffer.close()
    return write_atomically(path, bytes(data))


def export_svg(scene: BoardScene, path: Path | str, title: str = "") -> Path:
    """Draw the board as SVG in memory, then write the file whole; a failed drawing never
    replaces an earlier export."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(int(SCENE_RECT.width()), int(SCENE_RECT.height()))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title or scene.board.title)
    painter = QPainter()
    if not painter.begin(generator):
        raise StorageError("The drawing could not be made.", path)
    scene.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    if not painter.end() or data.isEmpty():
        raise StorageError("The drawing could not be made.", path)
    buffer.close()
    return write_atomically(path, bytes(data))
