"""The board as the room sees it on the projector: laid out in the projector's own pixels, so
that no word is smaller than its minimum (1/40 of its height, times the chosen text size).

A chip shows its name only, and where the name does not fit on two lines at that size, fewer
words of it ending in "…" rather than smaller ones. Nothing here is selectable: the room sees
no selection, and the laptop's board keeps the notes, tooltips and controls.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from partnerdesk.exports import xml_text
from partnerdesk.quadrant_board import values
from ui.exercises.quadrant_board.items import Z_ARROWS, Z_CHIPS, arrow_head, fewer_words
from ui.exercises.quadrant_board.mirror import BoardMirror
from ui.projector.widgets import MIN_TEXT_SHARE, min_text_px
from ui.projector_view import ProjectorBoardView

#: The widest and narrowest a chip may be, as shares of the board's width: a chip is as wide
#: as its neighbours on the same row leave room for, within these.
WIDEST, NARROWEST = 0.3, 0.12
#: The most lines a chip's name takes, where the chips above and below leave room for them.
MOST_LINES = 3


def room_font(px: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


class RoomChip(QGraphicsRectItem):
    """One placement as the room sees it: the name, large, in a box that fits it."""

    def __init__(self, placement_id: str):
        super().__init__()
        self.placement_id = placement_id
        self.text_font = room_font(12)
        self.lines: list[str] = []
        self.label = ""
        # Never drawn (paint draws the chip): its width keeps the outline inside the bounds.
        self.setPen(QPen(Qt.transparent, 2))
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    def show_name(self, label: str, font: QFont, max_width: float, max_lines: int, at: QPointF) -> None:
        self.label = label
        self.text_font = font
        metrics = QFontMetricsF(font)
        pad = metrics.height() * 0.3
        self.lines = fewer_words(xml_text(label), font, max_width - 2 * pad, max_lines)
        width = max((metrics.horizontalAdvance(line) for line in self.lines), default=0.0) + 2 * pad
        height = metrics.lineSpacing() * max(1, len(self.lines)) + pad
        self.setRect(QRectF(-width / 2, -height / 2, width, height))
        self.setPos(at)
        self.update()

    @property
    def shown_text(self) -> str:
        return " ".join(self.lines)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.rect()
        painter.setPen(QPen(QColor("#37474f"), 2))
        painter.setBrush(QColor("#ffffff"))
        radius = min(rect.height() / 4, 10)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(QColor("#1a1a1a"))
        painter.setFont(self.text_font)
        painter.drawText(rect, Qt.AlignCenter, "\n".join(self.lines))


class RoomBoardScene(QGraphicsScene):
    """The board in the projector's pixels, following the laptop's board through its mirror."""

    def __init__(self, mirror: BoardMirror, board: values.BoardTemplate, title: str, parent=None):
        super().__init__(parent)
        self.mirror = mirror
        self.board = board
        self.title = title
        self.chips: dict[str, RoomChip] = {}
        self.show_movement = False
        self._arrows: list[QGraphicsItem] = []
        self._frame: list[QGraphicsItem] = []
        self._size = (1024.0, 768.0)
        self.text_px = 20
        self.board_rect = QRectF()
        # Owned by the scene, so a lay-out due when the projector's view goes never runs.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._place_chips)
        self.setBackgroundBrush(QColor("#ffffff"))
        for signal in (mirror.reset, mirror.items_added, mirror.items_changed, mirror.items_removed,
                       mirror.placements_added, mirror.placements_changed, mirror.placements_removed):
            signal.connect(self._on_mirror_changed)

    def set_title(self, title: str) -> None:
        self.title = title
        self.lay_out(*self._size, self.text_px)

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        """Draw the board as the room would see it on a screen of `target`'s size (the PNG
        for the projector): laid out for that size, no word under 1/40 of its height."""
        self.lay_out(target.width(), target.height(), math.ceil(target.height() * MIN_TEXT_SHARE))
        self.render(painter, target, self.sceneRect())

    def set_show_movement(self, show: bool) -> None:
        self.show_movement = bool(show)
        self._draw_movement()

    def _on_mirror_changed(self, *_args) -> None:
        # A drag of many chips reports each: lay the chips out once, after.
        self._timer.start()

    # -- layout ----------------------------------------------------------------------------------

    def lay_out(self, width: float, height: float, text_px: int) -> None:
        """The whole board for a view of `width` × `height` pixels, no text below `text_px`."""
        self._size, self.text_px = (float(width), float(height)), text_px
        for item in self._frame:
            self.removeItem(item)
        self._frame = []
        t = float(text_px)
        small, label = room_font(t), room_font(t * 1.1, bold=True)
        title_font, quadrant_font = room_font(t * 1.35, bold=True), room_font(t * 1.5, bold=True)
        line = QFontMetricsF(small).lineSpacing()
        label_line = QFontMetricsF(label).lineSpacing()
        top = QFontMetricsF(title_font).lineSpacing() + t * 0.5
        left = line + label_line + t * 0.5
        bottom = line + label_line + t * 0.4
        board = QRectF(left, top, width - left - t * 0.6, height - top - bottom)
        self.board_rect = board
        self.setSceneRect(QRectF(0, 0, width, height))
        half_w, half_h = board.width() / 2, board.height() / 2
        for quadrant in self.board.quadrants:
            rect = QRectF(board.left() + (half_w if quadrant.is_right else 0),
                          board.top() + (0 if quadrant.is_top else half_h), half_w, half_h)
            back = self.addRect(rect, QPen(Qt.NoPen), QColor(quadrant.colour))
            self._frame.append(back)
            pad = t * 0.4
            text = self._text(quadrant.name, quadrant_font, half_w - 2 * pad, QColor(0, 0, 0, 130))
            bounds = text.boundingRect()
            x = rect.left() + pad if not quadrant.is_right else rect.right() - pad - bounds.width()
            y = rect.top() + pad * 0.5 if quadrant.is_top else rect.bottom() - pad * 0.5 - bounds.height()
            text.setPos(x, y)
        axis_pen = QPen(QColor("#37474f"), 3)
        centre = board.center()
        self._frame.append(self.addLine(board.left(), centre.y(), board.right(), centre.y(), axis_pen))
        self._frame.append(self.addLine(centre.x(), board.top(), centre.x(), board.bottom(), axis_pen))
        self._frame.append(self.addRect(board, QPen(QColor("#37474f"), 2)))
        for share in (1.35, 1.2, 1.1, 1.0):  # a smaller title before fewer words
            title_font = room_font(t * share, bold=True)
            if QFontMetricsF(title_font).horizontalAdvance(xml_text(self.title)) <= board.width():
                break
        heading = self._text(self.title, title_font, board.width(), QColor("#263238"))
        heading.setPos(board.left(), (top - heading.boundingRect().height()) / 2)
        self._axis_labels(board, small, label)
        for item in self._frame:
            item.setZValue(1)
        self._place_chips()

    def _text(self, text: str, font: QFont, width: float, colour: QColor) -> QGraphicsSimpleTextItem:
        lines = fewer_words(xml_text(text), font, width)
        item = QGraphicsSimpleTextItem(lines[0] if lines else "")
        item.setFont(font)
        item.setBrush(colour)
        self.addItem(item)
        self._frame.append(item)
        return item

    def _axis_labels(self, board: QRectF, small: QFont, label: QFont) -> None:
        horizontal, vertical = self.board.horizontal, self.board.vertical
        ink = QColor("#263238")
        half_w, half_h = board.width() / 2 - 8, board.height() / 2 - 8
        below = board.bottom() + 2
        low = self._text(horizontal.low, small, half_w, ink)
        low.setPos(board.left(), below)
        high = self._text(horizontal.high, small, half_w, ink)
        high.setPos(board.right() - high.boundingRect().width(), below)
        name = self._text(f"{horizontal.label} →", label, board.width(), ink)
        name.setPos(board.center().x() - name.boundingRect().width() / 2, below + low.boundingRect().height())
        # Up the left side, read from the bottom: the axis's name, then its two ends.
        name = self._text(f"{vertical.label} →", label, board.height(), ink)
        name.setRotation(-90)
        name.setPos(0, board.center().y() + name.boundingRect().width() / 2)
        x = name.boundingRect().height()
        low = self._text(vertical.low, small, half_h, ink)
        low.setRotation(-90)
        low.setPos(x, board.bottom())
        high = self._text(vertical.high, small, half_h, ink)
        high.setRotation(-90)
        high.setPos(x, board.top() + high.boundingRect().width())

    def _place_chips(self) -> None:
        self._timer.stop()
        if self.board_rect.isEmpty():
            return
        placements = self.mirror.placements
        for placement_id in [p for p in self.chips if p not in placements]:
            self.removeItem(self.chips.pop(placement_id))
        font = room_font(self.text_px)
        board = self.board_rect
        spots = {}
        for placement_id, spot in placements.items():
            found = self.mirror.items.get(spot.item_id)
            if found is not None:
                spots[placement_id] = (found, QPointF(board.center().x() + spot.x * board.width() / 2,
                                                      board.center().y() - spot.y * board.height() / 2))
        room = self._room({p: at for p, (_, at) in spots.items()}, QFontMetricsF(font).lineSpacing())
        for placement_id, (found, at) in spots.items():
            chip = self.chips.get(placement_id)
            if chip is None:
                chip = self.chips[placement_id] = RoomChip(placement_id)
                self.addItem(chip)
            width, lines = room[placement_id]
            chip.show_name(found.label, font, width, lines, at)
            chip.setZValue(Z_CHIPS + found.position * 1e-3)
        self._draw_movement()

    def _at(self, x: float, y: float) -> QPointF:
        board = self.board_rect
        return QPointF(board.center().x() + x * board.width() / 2, board.center().y() - y * board.height() / 2)

    def _draw_movement(self) -> None:
        """Each item's path over the programme's sessions, as on the laptop's board, with lines
        and heads sized for the room."""
        for item in self._arrows:
            self.removeItem(item)
        self._arrows = []
        if not self.show_movement or self.board_rect.isEmpty():
            return
        mirror = self.mirror
        width = max(3.0, self.text_px * 0.2)
        pen = QPen(QColor("#6a1b9a"), width, Qt.DashLine)
        pen.setCapStyle(Qt.RoundCap)
        ink = QColor("#6a1b9a")
        ends = {(round(c.pos().x()), round(c.pos().y())): c for c in self.chips.values()}
        for steps in values.movement(mirror.document.workspace, mirror.exercise_id, mirror.group_id).values():
            points = [self._at(s.x, s.y) for s in steps]
            chip = ends.get((round(points[-1].x()), round(points[-1].y())))
            if chip is not None:
                points[-1] = _to_edge(points[-2], points[-1], chip.rect())
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            self._arrows.append(self.addPath(path, pen))
            dot = width * 2.2
            for point in points[:-1]:
                self._arrows.append(self.addEllipse(QRectF(point.x() - dot / 2, point.y() - dot / 2, dot, dot),
                                                    QPen(Qt.NoPen), ink))
            self._arrows.append(self.addPolygon(arrow_head(points[-2], points[-1]), QPen(Qt.NoPen), ink))
        for item in self._arrows:
            item.setZValue(Z_ARROWS)


    def _room(self, centres: dict[str, QPointF], line: float) -> dict[str, tuple[float, int]]:
        """How wide and how many lines each chip may be: as wide as the chips beside it on its
        row leave room for, then as many lines as the chips above and below leave room for."""
        board = self.board_rect
        widest, narrowest = board.width() * WIDEST, board.width() * NARROWEST
        gap, touch = line * 0.3, line * 0.1  # beside, and above or below
        row = line * 2.5  # chips nearer than this in height share a row
        # Plain numbers: a board of 200 compares 40,000 pairs, no call into Qt for any.
        points = [(placement_id, at.x(), at.y()) for placement_id, at in centres.items()]
        room = {}
        for placement_id, x, y in points:
            width = widest
            for other_id, other_x, other_y in points:
                if other_id != placement_id and abs(other_y - y) < row:
                    width = min(width, abs(other_x - x) - gap)
            width = max(width, narrowest)
            height = board.height() / 2
            for other_id, other_x, other_y in points:
                if other_id != placement_id and abs(other_x - x) < width:
                    height = min(height, abs(other_y - y) - touch)
            room[placement_id] = (width, max(1, min(MOST_LINES, int((height - line * 0.3) // line))))
        return room


def _to_edge(start: QPointF, end: QPointF, chip: QRectF) -> QPointF:
    """Where the line from `start` enters the chip centred at `end`, so its head shows."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    reach = []
    if dx:
        reach.append((chip.width() / 2 + 6) / abs(dx))
    if dy:
        reach.append((chip.height() / 2 + 6) / abs(dy))
    back = min(min(reach, default=0.0), 1.0)
    return QPointF(end.x() - dx * back, end.y() - dy * back)

class RoomBoardView(ProjectorBoardView):
    """The projector's view of a board: the room scene laid out for this view's pixels and the
    projector's text size, one scene pixel to one screen pixel."""

    def __init__(self, scene: RoomBoardScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("room_board_view")
        self._laid_out: tuple | None = None

    def room_scene(self) -> RoomBoardScene:
        return self.scene()

    def _refit(self) -> None:
        size = self.viewport().size()
        key = (size.width(), size.height(), min_text_px(self))
        if key != self._laid_out and size.width() > 0 and size.height() > 0:
            self._laid_out = key
            self.room_scene().lay_out(*key)
        self.resetTransform()
        self.setSceneRect(self.room_scene().sceneRect())

    def paintEvent(self, event) -> None:
        # The projector's text size changed (View ▸ Projector text size): lay out again.
        size = self.viewport().size()
        if (size.width(), size.height(), min_text_px(self)) != self._laid_out:
            self._refit()
        super().paintEvent(event)
