"""The quadrant board as a QGraphicsScene: a chip per placement, mirrored item by item."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from partnerdesk.exports import xml_text
from partnerdesk.quadrant_board import values
from ui.exercises.quadrant_board.items import (
    BOARD_RECT,
    HALF_H,
    HALF_W,
    SCENE_RECT,
    Z_ARROWS,
    Z_CHIPS,
    ChipItem,
    arrow_head,
    board_font,
    from_scene,
    to_chip_edge,
    to_scene,
)
from ui.exercises.quadrant_board.mirror import BoardMirror
from ui.text import plain_tooltip


class BoardScene(QGraphicsScene):
    """One board (an exercise, for one small group or the whole room) mirrored from the store."""

    #: A drag ended with these placements moved: {placement_id: (x, y)}.
    chips_moved = Signal(dict)
    #: The board's title changed (another group's board): the room's view follows.
    title_changed = Signal(str)
    #: Movement over the programme shown or hidden: the room's view follows.
    movement_shown = Signal(bool)

    def __init__(self, mirror: BoardMirror, board: values.BoardTemplate, title: str = "",
                 interactive: bool = True, parent=None):
        super().__init__(parent)
        self.mirror = mirror
        self.document = mirror.document
        self.exercise_id = mirror.exercise_id
        self.board = board
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
        #: The board's fixed words (quadrant names, axes, title): laid out and drawn once into
        #: a cached pixmap, not at every repaint of a drag (`render_to` draws them afresh).
        self._words: list[QGraphicsSimpleTextItem] = []
        self._title = self._cached(QGraphicsSimpleTextItem())
        self._draw_background()
        self.set_title(title)
        self.selectionChanged.connect(self._on_self_selection_changed)
        mirror.reset.connect(self._on_mirror_reset)
        mirror.items_changed.connect(self._on_mirror_items_changed)
        mirror.placements_added.connect(self._on_mirror_placements_added)
        mirror.placements_changed.connect(self._on_mirror_placements_changed)
        mirror.placements_removed.connect(self._on_mirror_placements_removed)
        self._on_mirror_reset()

    @property
    def group_id(self) -> str | None:
        return self.mirror.group_id

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
            name = self._cached(QGraphicsSimpleTextItem(quadrant.name))
            name.setFont(board_font(38, bold=True))
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
        small, large = board_font(18), board_font(22, bold=True)
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
        item = self._cached(QGraphicsSimpleTextItem(text))
        item.setFont(font)
        item.setBrush(QColor("#263238"))
        if align_right:
            at = QPointF(at.x() - item.boundingRect().width(), at.y())
        item.setPos(at)
        self.addItem(item)
        return item

    def _cached(self, item: QGraphicsSimpleTextItem) -> QGraphicsSimpleTextItem:
        item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self._words.append(item)
        return item

    def set_title(self, title: str) -> None:
        if self._title.scene() is None:
            self._title.setFont(board_font(30, bold=True))
            self._title.setBrush(QColor("#263238"))
            self.addItem(self._title)
        self._title.setText(xml_text(title))
        self._title.setPos(BOARD_RECT.left(), BOARD_RECT.top() - 52)
        self.title_changed.emit(title)

    @property
    def title(self) -> str:
        return self._title.text()

    # -- mirroring the store, chip by chip ----------------------------------------------------

    def set_group(self, group_id: str | None, title: str) -> None:
        """Show another small group's board (the mirror reads it afresh)."""
        self.set_title(title)
        self.mirror.set_group(group_id)

    def _on_mirror_reset(self) -> None:
        for chip in self.chips.values():
            self.removeItem(chip)
        self.chips.clear()
        self._on_mirror_placements_added(list(self.mirror.placements))

    def _on_mirror_placements_added(self, ids: list) -> None:
        for placement_id in ids:
            spot = self.mirror.placements[placement_id]
            chip = self.chips.get(placement_id)
            if chip is None:
                chip = ChipItem(placement_id, spot.item_id, self.interactive)
                self.chips[placement_id] = chip
                self.addItem(chip)
            self._show(chip)
        self._movement_changed()

    def _on_mirror_placements_changed(self, ids: list) -> None:
        for placement_id in ids:
            chip = self.chips.get(placement_id)
            if chip is not None:
                self._show(chip)
        self._movement_changed()

    def _on_mirror_placements_removed(self, ids: list, _item_ids: list) -> None:
        for placement_id in ids:
            chip = self.chips.pop(placement_id, None)
            if chip is not None:
                self._press_positions.pop(chip, None)
                self._selected.discard(chip)
                self.removeItem(chip)
        self._movement_changed()

    def _on_mirror_items_changed(self, ids: list) -> None:
        for item_id in ids:
            for spot in self.mirror.placements_of(item_id):
                chip = self.chips.get(spot.id)
                if chip is not None:
                    self._show(chip)
        self._movement_changed()

    def _show(self, chip: ChipItem) -> None:
        """Bring one chip in line with its placement and item in the mirror."""
        spot = self.mirror.placements[chip.placement_id]
        found = self.mirror.items[spot.item_id]
        # List order, then the order of the item's placements: later ones on top.
        chip.base_z = Z_CHIPS + found.position * 1e-3 + len(self.mirror.by_item.get(spot.item_id, ())) * 1e-7
        chip.set_text(found.label, self._tooltip(found, spot), spot.note)
        target = to_scene(spot.x, spot.y)
        if chip.pos() != target:
            chip.setPos(target)
        chip.restack()

    def put_back(self, placement_ids) -> None:
        """Chips a drag moved but the store did not take go back where the store has them."""
        for placement_id in placement_ids:
            chip = self.chips.get(placement_id)
            spot = self.mirror.placements.get(placement_id)
            if chip is not None and spot is not None and chip.pos() != to_scene(spot.x, spot.y):
                self._show(chip)

    def _tooltip(self, found: values.BoardItem, spot: values.Placement) -> str:
        lines = [found.label]
        lines += [text for text in (found.organisation, found.role) if text]
        if spot.note:
            lines.append(spot.note)
        lines.append(f"Quadrant: {values.quadrant_of(self.board, spot.x, spot.y).name}")
        if found.notes:
            lines.append(found.notes)
        return "\n".join(lines)

    # -- movement over a programme -------------------------------------------------------------

    def set_show_movement(self, show: bool) -> None:
        self.show_movement = show
        self._draw_movement()
        self.movement_shown.emit(show)

    def _movement_changed(self) -> None:
        # The arrows span the programme's other sessions: only drawn (and read) when shown.
        if self.show_movement:
            self._draw_movement()

    def _draw_movement(self) -> None:
        for item in self._arrows:
            self.removeItem(item)
        self._arrows = []
        if not self.show_movement:
            return
        pen = QPen(QColor("#6a1b9a"), 4, Qt.DashLine)
        pen.setCapStyle(Qt.RoundCap)
        for label, steps in values.movement(self.document.workspace, self.exercise_id, self.group_id).items():
            points = [to_scene(s.x, s.y) for s in steps]
            points[-1] = to_chip_edge(points[-2], points[-1])
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
            head = arrow_head(points[-2], points[-1])
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

    def moving_chips(self) -> list[ChipItem]:
        """The chips a drag in progress has moved from where they were pressed."""
        if any(chip.pos() != before for chip, before in self._press_positions.items()):
            return list(self._press_positions)
        return []

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
        cached = [*self.chips.values(), *self._words]
        for item in cached:
            item.setCacheMode(QGraphicsItem.NoCache)
        try:
            self.render(painter, target, SCENE_RECT, Qt.KeepAspectRatio)
        finally:
            self.exporting = False
            for item in cached:
                item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)


