"""What the wall draws: zones, post-its, their words, and theme frames. Items never write."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
)

from partnerdesk.post_it_wall.layout import POST_IT_HEIGHT, POST_IT_WIDTH, THEME_TAB, ZONE_HEADER
from partnerdesk.post_it_wall.values import PostIt, Theme, Zone
from ui.exercises.post_it_wall.lettering import (
    LINE_HEIGHT,
    ONE_LINE,
    fewer_words,
    floor_in_wall_units,
    sized,
    view_scale,
)

#: Below this many screen pixels per wall unit a post-it is a plain coloured rectangle: its
#: text would be unreadable, and skipping it keeps a zoomed-out wall of thousands fast.
TEXT_DETAIL = 0.3
POST_IT_BOUNDS = QRectF(0, 0, POST_IT_WIDTH, POST_IT_HEIGHT)
NO_PEN = QPen(Qt.NoPen)
# Looked up once, outside paint().
STATE_SELECTED = QStyle.StateFlag.State_Selected
WALL_COLOUR = QColor("#fafafa")
#: How far a theme's tab may grow upwards, in wall units, to hold its name at the floor size.
TALL_TAB = 34.0


def text_floor(item: QGraphicsItem) -> float:
    """The smallest text, in screen pixels, that the view showing this item's wall may show."""
    scene = item.scene()
    return float(getattr(scene, "text_floor_px", 0.0)) if scene is not None else 0.0


def _faded(colour: QColor, under: QColor, strength: float) -> QColor:
    return QColor(*(round(strength * c + (1 - strength) * u) for c, u in
                    ((colour.red(), under.red()), (colour.green(), under.green()),
                     (colour.blue(), under.blue()))))


class ZoneItem(QGraphicsItem):
    """A zone of the wall: its colour, its question and how many post-its it holds."""

    def __init__(self, zone: Zone):
        super().__init__()
        self.zone = zone
        self.rect = QRectF(0, 0, 100, 100)
        self.count = 0
        self.colour = QColor(zone.colour)
        # The zone's colour faded into the wall, as an opaque colour: no blending to repaint.
        self.background = _faded(self.colour, WALL_COLOUR, 70 / 255)
        self.setZValue(-10)
        self.setFlag(QGraphicsItem.ItemIsSelectable, False)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = rect

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.update()

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        background = self.background
        scale = view_scale(painter)
        floor = floor_in_wall_units(text_floor(self), scale)
        if scale < TEXT_DETAIL:
            painter.fillRect(self.rect, background)
        else:
            painter.setPen(QPen(self.colour.darker(130), 3))
            painter.setBrush(background)
            painter.drawRoundedRect(self.rect, 14, 14)
        header = QRectF(self.rect.x() + 16, self.rect.y() + 8, self.rect.width() - 32, ZONE_HEADER - 14)
        bold = sized(painter.font(), 17, floor, bold=True)
        if not header_fits(bold):
            return  # named over its post-its by the detail layer (paint_overview)
        painter.setPen(QColor("#202020"))
        painter.setFont(bold)
        metrics = QFontMetricsF(bold)
        count_text = f"{self.count} post-it" + ("" if self.count == 1 else "s")
        count_width = metrics.horizontalAdvance(count_text) + 12
        if count_width < header.width() / 2:
            painter.drawText(header, Qt.AlignRight | Qt.AlignTop, count_text)
        else:
            count_width = 0
        label = fewer_words(self.zone.label, bold, header.width() - count_width, metrics.height(), ONE_LINE)
        if label:
            painter.drawText(header.adjusted(0, 0, -count_width, 0), Qt.AlignLeft | Qt.AlignTop, label)
        below = header.adjusted(0, metrics.height() + 2, 0, 0)
        font = sized(painter.font(), 20, floor)
        flags = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
        question = fewer_words(self.zone.question, font, below.width(), below.height(), flags)
        if question:
            painter.setFont(font)
            painter.drawText(below, flags, question)

    def paint_overview(self, painter: QPainter, font: QFont) -> None:
        """Too far out for a header: the zone's name and count over its middle, or just the
        count, on a light band, as large as the floor asks."""
        count = f"{self.count} post-it" + ("" if self.count == 1 else "s")
        box = self.rect.adjusted(8, 8, -8, -8)
        metrics = QFontMetricsF(font)
        for text in (f"{self.zone.label}: {count}", str(self.count)):
            width = metrics.horizontalAdvance(text) + metrics.height()
            if width <= box.width() and metrics.height() * 1.4 <= box.height():
                band = QRectF(0, 0, width, metrics.height() * 1.4)
                band.moveCenter(box.center())
                painter.setPen(Qt.NoPen)
                painter.setBrush(QColor(255, 255, 255, 225))
                painter.drawRoundedRect(band, 8, 8)
                painter.setPen(QColor("#202020"))
                painter.setFont(font)
                painter.drawText(band, Qt.AlignCenter, text)
                return


def header_fits(font: QFont) -> bool:
    """Whether a zone's header holds its name at this size (else the zone is named over its
    post-its, as from afar)."""
    return QFontMetricsF(font).height() <= (ZONE_HEADER - 14) / 2


class PostItItem(QGraphicsRectItem):
    """A post-it: a plain coloured rectangle that Qt paints itself (no Python per paint), so a
    zoomed-out wall of thousands repaints as fast as bare rectangles. Its words, border, dots
    and selection are drawn by the scene's `PostItDetailLayer` only when they are readable."""

    def __init__(self, post_it: PostIt, colour: QColor):
        super().__init__(POST_IT_BOUNDS)
        self.post_it = post_it
        self.colour = colour
        self._words: QStaticText | None = None
        self._words_font: QFont | None = None
        self._words_key: tuple[str, str, float] | None = None
        self.setPen(NO_PEN)
        self.setBrush(colour)
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable)
        self.setAcceptedMouseButtons(Qt.LeftButton)

    def words(self, font: QFont, height: float, floor: float = 0.0) -> tuple[QStaticText | None, QFont]:
        """The post-it's words laid out once, not at every repaint (plain text: never markup),
        in the largest of a few sizes that fits `height` and is not below `floor` (wall
        units): a word or two reads from the back of the room, a sentence still fits. Where the
        whole text does not fit at the smallest allowed size, its first words and an ellipsis;
        where not even a word fits, None."""
        least = math.ceil(floor)
        key = (self.post_it.text, font.family(), height, least)
        if self._words_key != key:
            preferred = (22, 17, 14, 12) if len(self.post_it.text) < 20 else (17, 14, 12)
            sizes = [size for size in preferred if size >= least] or [least]
            words = None
            for size in sizes:
                chosen = sized(font, size, 0)
                shown = self.post_it.text if size != sizes[-1] else fewer_words(
                    self.post_it.text, chosen, POST_IT_WIDTH - 16, height)
                if shown is None:
                    break
                laid_out = QStaticText(shown)
                laid_out.setTextFormat(Qt.PlainText)
                laid_out.setTextWidth(POST_IT_WIDTH - 16)
                laid_out.prepare(QTransform(), chosen)
                if laid_out.size().height() <= height or size == sizes[-1]:
                    words = laid_out
                    break
            self._words, self._words_font, self._words_key = words, chosen, key
        return self._words, self._words_font

    def set_post_it(self, post_it: PostIt, colour: QColor) -> None:
        was, self.post_it = self.post_it, post_it
        if colour is not self.colour and colour != self.colour:
            self.colour = colour
            self.setBrush(colour)
        elif (post_it.text != was.text or post_it.author != was.author or post_it.votes != was.votes
              or post_it.hidden != was.hidden):
            self.update()


def _strip_height(post_it: PostIt, small: QFont) -> float:
    """The height of a post-it's bottom strip (its author's name and dots), or 0 for none, or
    where a readable strip would leave too little room for the words."""
    strip = QFontMetricsF(small).height() + 6 if (post_it.author or post_it.votes) else 0.0
    return strip if strip <= POST_IT_HEIGHT / 2 else 0.0


def shows_every_word(item: PostItItem, font: QFont, floor: float) -> bool:
    """Whether the post-it shows its whole text with no word smaller than `floor` (wall units)."""
    if item.post_it.hidden:
        return True
    strip = _strip_height(item.post_it, sized(font, 13, floor, bold=True))
    words, _ = item.words(font, POST_IT_HEIGHT - 6 - max(strip, 6), floor)
    return words is not None and words.text() == item.post_it.text


def paint_post_it_detail(painter: QPainter, item: PostItItem, selected: bool, floor: float = 0.0) -> None:
    """One readable post-it, in wall coordinates at the item's place: paper, words, name, dots,
    none of them smaller than `floor` (wall units); what does not fit at that size is left out."""
    post_it = item.post_it
    painter.save()
    painter.translate(item.pos())
    painter.setPen(QPen(QColor("#1565c0"), 4) if selected else QPen(item.colour.darker(140), 1))
    painter.setBrush(item.colour)
    painter.drawRect(POST_IT_BOUNDS)
    if post_it.hidden:
        # Blank for everyone, the projector too: a fold mark says something is written here.
        painter.setPen(QPen(item.colour.darker(125), 2))
        painter.drawLine(QPointF(POST_IT_WIDTH - 26, POST_IT_HEIGHT), QPointF(POST_IT_WIDTH, POST_IT_HEIGHT - 26))
        painter.restore()
        return
    small = sized(painter.font(), 13, floor, bold=True)
    strip = _strip_height(post_it, small)
    words, font = item.words(painter.font(), POST_IT_HEIGHT - 6 - max(strip, 6), floor)
    available = POST_IT_HEIGHT - 6 - max(strip, 6)
    painter.setPen(QColor("#111111"))
    if words is not None:
        painter.setFont(font)
        if words.size().height() > available:
            # Cut at the post-it's edge rather than spill onto the next.
            painter.save()
            painter.setClipRect(QRectF(0, 0, POST_IT_WIDTH, POST_IT_HEIGHT - strip), Qt.IntersectClip)
            painter.drawStaticText(QPointF(8, 6), words)
            painter.restore()
        else:
            painter.drawStaticText(QPointF(8, 6), words)
    if not strip:
        painter.restore()
        return
    row = QRectF(6, POST_IT_HEIGHT - strip, POST_IT_WIDTH - 12, strip - 2)
    badge_width = 0.0
    if post_it.votes:
        dots = f"● {post_it.votes}"
        badge_width = QFontMetricsF(small).horizontalAdvance(dots) + strip * 0.8
        badge = QRectF(row.right() - badge_width, row.y(), badge_width, row.height())
        painter.setFont(small)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#c62828"))
        painter.drawRoundedRect(badge, row.height() / 2, row.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignCenter, dots)
    if post_it.author:
        name_font = sized(painter.font(), 13, floor, italic=True)
        name = fewer_words(f"— {post_it.author}", name_font, row.width() - badge_width - 4, row.height(),
                           ONE_LINE)
        if name:
            painter.setFont(name_font)
            painter.setPen(QColor("#111111"))
            painter.drawText(row.adjusted(2, 0, -badge_width - 4, 0), Qt.AlignLeft | Qt.AlignVCenter, name)
    painter.restore()


class PostItDetailLayer(QGraphicsItem):
    """Draws the words of the post-its in view, over the plain rectangles, when readable.

    One Python paint per repaint instead of one per post-it; it draws each post-it whole, in
    stacking order, so overlapping post-its still cover each other properly. It takes no
    clicks: everything goes through to the post-its below.
    """

    def __init__(self):
        super().__init__()
        self.rect = QRectF()
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.NoButton)
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, True)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        scale = view_scale(painter)
        floor = floor_in_wall_units(text_floor(self), scale)
        scene = self.scene()
        bold = sized(painter.font(), 17, floor, bold=True)
        if not header_fits(bold):
            # From afar: each zone's name and count over its post-its, above them all.
            for zone in scene.zone_items.values():
                if zone.rect.intersects(option.exposedRect):
                    zone.paint_overview(painter, bold)
        if scale < TEXT_DETAIL or floor * LINE_HEIGHT > POST_IT_HEIGHT - 12:
            # Not one line would fit at a readable size: plain coloured rectangles.
            return
        for item in scene.items(option.exposedRect, Qt.IntersectsItemBoundingRect, Qt.AscendingOrder):
            if isinstance(item, PostItItem):
                paint_post_it_detail(painter, item, item.isSelected(), floor)


class ThemeItem(QGraphicsItem):
    """A theme: a frame round its post-its with the theme's name on a tab. Dragging the tab
    moves every post-it of the theme."""

    def __init__(self, theme: Theme):
        super().__init__()
        self.theme = theme
        self.frame = QRectF()
        self.tab = QRectF()
        self.member_items: list[PostItItem] = []
        self.setZValue(-5)
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable)

    def set_members(self, items: list[PostItItem]) -> None:
        self.prepareGeometryChange()
        self.member_items = items
        self.setPos(0, 0)
        if items:
            frame = QRectF()
            for item in items:
                frame = frame.united(item.sceneBoundingRect())
            self.frame = frame.adjusted(-6, -6, 6, 6)
        else:
            self.frame = QRectF()
        self.tab = QRectF(self.frame.x(), self.frame.y() - THEME_TAB + 4,
                          max(120.0, min(self.frame.width(), 12.0 * len(self.theme.name) + 30)),
                          THEME_TAB - 4)
        self.update()

    def boundingRect(self) -> QRectF:
        # Room above the tab for a taller one where the floor asks for larger words.
        return self.frame.united(self.tab).adjusted(-3, -TALL_TAB, 3, 3)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.tab)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if not self.member_items:
            return
        selected = bool(option.state & STATE_SELECTED)
        painter.setPen(QPen(QColor("#1565c0") if selected else QColor("#555555"), 2, Qt.DashLine))
        painter.setBrush(QColor(255, 255, 255, 90))
        painter.drawRoundedRect(self.frame, 8, 8)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#37474f"))
        scale = view_scale(painter)
        if scale < TEXT_DETAIL:
            painter.drawRoundedRect(self.tab, 6, 6)
            return
        font = sized(painter.font(), 15, floor_in_wall_units(text_floor(self), scale), bold=True)
        height = max(self.tab.height(), QFontMetricsF(font).height() + 4)
        tab = QRectF(self.tab.x(), self.tab.bottom() - min(height, self.tab.height() + TALL_TAB),
                     self.frame.width(), min(height, self.tab.height() + TALL_TAB))
        name = fewer_words(f"{self.theme.name} ({len(self.member_items)})", font, tab.width() - 16,
                           tab.height(), ONE_LINE)
        if name is None:
            painter.drawRoundedRect(self.tab, 6, 6)
            return
        tab.setWidth(min(tab.width(), max(self.tab.width(), QFontMetricsF(font).horizontalAdvance(name) + 20)))
        painter.drawRoundedRect(tab, 6, 6)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(tab.adjusted(8, 0, -8, 0), Qt.AlignVCenter | Qt.AlignLeft, name)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Select the theme's post-its too, so Qt's own drag moves them all together.
        if not (event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)) and not self.isSelected():
            self.scene().clearSelection()
        self.setSelected(True)
        for item in self.member_items:
            item.setSelected(True)
        super().mousePressEvent(event)
