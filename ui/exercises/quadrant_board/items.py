"""The board's pieces in scene units: its coordinates, a chip for each placement, and arrows."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from partnerdesk.exports import xml_text
from partnerdesk.quadrant_board import values
from ui.text import plain_tooltip

#: The board in scene units: 16:9 like a projector; x in [-1, 1] maps to +-HALF_W.
HALF_W, HALF_H = 800.0, 450.0
BOARD_RECT = QRectF(-HALF_W, -HALF_H, 2 * HALF_W, 2 * HALF_H)
#: Room around the board for the title (top) and the axis labels (left, bottom).
SCENE_RECT = BOARD_RECT.adjusted(-80, -70, 20, 80)
CHIP_W, CHIP_H = 220.0, 54.0
CHIP_FONT_PX = 18
#: The smallest text on the laptop's board, in screen pixels: a board shown small (a narrow
#: window, the runner open) draws each chip's name only, at this size, in fewer words.
LAPTOP_MIN_PX = 10
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
    return (round(values.clamp(point.x() / HALF_W), 4), round(values.clamp(-point.y() / HALF_H), 4))


@functools.cache
def board_font(px: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _two_lines(text: str, note: str) -> list[str]:
    metrics = QFontMetricsF(board_font(CHIP_FONT_PX))
    width = CHIP_W - 16
    if note:
        small = QFontMetricsF(board_font(CHIP_FONT_PX - 3))
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


def fewer_words(text: str, font: QFont, width: float, lines: int = 1) -> list[str]:
    """`text` on at most `lines` lines of `width` at this font: whole words, and where they do
    not all fit, the first ones ending in "…"; a single word too long for a line is cut."""
    metrics = QFontMetricsF(font)
    words = text.split()
    if not words:
        return []
    shown: list[str] = []
    rest = list(words)
    while rest and len(shown) < lines:
        line = rest.pop(0)
        while rest and metrics.horizontalAdvance(f"{line} {rest[0]}") <= width:
            line = f"{line} {rest.pop(0)}"
        shown.append(line)
    if rest:
        last = shown[-1] + "…"
        while metrics.horizontalAdvance(last) > width and " " in last[:-1]:
            last = last[:-1].rsplit(" ", 1)[0] + "…"
        shown[-1] = last
    return [line if metrics.horizontalAdvance(line) <= width
            else metrics.elidedText(line, Qt.ElideRight, width) for line in shown]


class ChipItem(QGraphicsRectItem):
    """One placement: a labelled chip. It never writes to the store: the scene reports drags.

    A rectangle item, so that its bounds and shape are Qt's own: a scene asks for them
    thousands of times a drag, and each answer from Python costs a call across the binding.
    """

    def __init__(self, placement_id: str, item_id: str, interactive: bool):
        super().__init__(QRectF(-CHIP_W / 2, -CHIP_H / 2, CHIP_W, CHIP_H))
        # Never drawn (paint draws the chip): its width keeps the selected outline in bounds.
        self.setPen(QPen(Qt.transparent, 4))
        self.placement_id = placement_id
        self.item_id = item_id
        self.text = ""
        self.note = ""
        self._lines: list[str] = []
        self.base_z = float(Z_CHIPS)
        self._hovered = False
        self._tooltip = ""
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
            # Only characters XML can hold: the same lines are drawn into an SVG export.
            self._lines = _two_lines(xml_text(text), xml_text(note))
            self.update()
        if tooltip != self._tooltip:
            self._tooltip = tooltip
            self.setToolTip(plain_tooltip(tooltip))

    @property
    def shown_text(self) -> str:
        return " ".join(self._lines)

    @property
    def elided(self) -> bool:
        return "…" in self.shown_text

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
        small = self.small_text(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()))
        if small is not None and not getattr(scene, "exporting", False):
            font, lines = small
            painter.setFont(font)
            painter.drawText(rect.adjusted(3, 1, -3, -1), Qt.AlignCenter, "\n".join(lines))
            return
        if len(self._lines) == 1:
            painter.setFont(board_font(CHIP_FONT_PX))
            painter.drawText(inner, Qt.AlignCenter, self._lines[0])
            return
        top, bottom = QRectF(inner), QRectF(inner)
        top.setBottom(inner.center().y())
        bottom.setTop(inner.center().y())
        painter.setFont(board_font(CHIP_FONT_PX))
        painter.drawText(top, Qt.AlignHCenter | Qt.AlignBottom, self._lines[0])
        if self.note:
            painter.setPen(QColor("#455a64"))
            painter.setFont(board_font(CHIP_FONT_PX - 3))
        painter.drawText(bottom, Qt.AlignHCenter | Qt.AlignTop, self._lines[1])

    def small_text(self, scale: float) -> tuple[QFont, list[str]] | None:
        """Where the board is shown so small (`scale` screen pixels to a scene unit) that the
        chip's text would be under LAPTOP_MIN_PX: the font (in scene units) and lines that keep
        the name at that size, in as many of its words as fit. None where it reads as it is."""
        if scale <= 0 or (CHIP_FONT_PX - 3 if self.note else CHIP_FONT_PX) * scale >= LAPTOP_MIN_PX:
            return None
        font = board_font(math.ceil(LAPTOP_MIN_PX / scale))
        rows = max(1, int((CHIP_H - 2) // QFontMetricsF(font).lineSpacing()))
        return font, fewer_words(xml_text(self.text), font, CHIP_W - 6, rows)

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


def to_chip_edge(start: QPointF, end: QPointF) -> QPointF:
    """Where the line from `start` enters the chip centred at `end`, so the arrowhead shows."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    reach = []
    if dx:
        reach.append((CHIP_W / 2 + 6) / abs(dx))
    if dy:
        reach.append((CHIP_H / 2 + 6) / abs(dy))
    back = min(min(reach, default=0.0), 1.0)
    return QPointF(end.x() - dx * back, end.y() - dy * back)


def arrow_head(start: QPointF, end: QPointF) -> QPolygonF:
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    size = 22.0
    left = QPointF(end.x() - size * math.cos(angle - 0.45), end.y() - size * math.sin(angle - 0.45))
    right = QPointF(end.x() - size * math.cos(angle + 0.45), end.y() - size * math.sin(angle + 0.45))
    return QPolygonF([end, left, right])


