"""What the wall draws: zones, post-its, their words, and theme frames. Items never write."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QStaticText, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
)

from partnerdesk.post_it_wall.layout import POST_IT_HEIGHT, POST_IT_WIDTH, THEME_TAB, ZONE_HEADER
from partnerdesk.post_it_wall.values import PostIt, Theme, Zone

#: Below this many screen pixels per wall unit a post-it is a plain coloured rectangle: its
#: text would be unreadable, and skipping it keeps a zoomed-out wall of thousands fast.
TEXT_DETAIL = 0.3
POST_IT_BOUNDS = QRectF(0, 0, POST_IT_WIDTH, POST_IT_HEIGHT)
NO_PEN = QPen(Qt.NoPen)
# Looked up once, outside paint().
STATE_SELECTED = QStyle.StateFlag.State_Selected
WALL_COLOUR = QColor("#fafafa")


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
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_DETAIL:
            painter.fillRect(self.rect, background)
            return
        painter.setPen(QPen(self.colour.darker(130), 3))
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect, 14, 14)
        header = QRectF(self.rect.x() + 16, self.rect.y() + 8, self.rect.width() - 32, ZONE_HEADER - 14)
        painter.setPen(QColor("#202020"))
        font = QFont(painter.font())
        font.setPixelSize(17)
        font.setBold(True)
        painter.setFont(font)
        count_text = f"{self.count} post-it" + ("" if self.count == 1 else "s")
        painter.drawText(header, Qt.AlignRight | Qt.AlignTop, count_text)
        painter.drawText(header.adjusted(0, 0, -130, 0), Qt.AlignLeft | Qt.AlignTop, self.zone.label)
        font.setBold(False)
        font.setPixelSize(20)
        painter.setFont(font)
        painter.drawText(header.adjusted(0, 24, 0, 0), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
                         self.zone.question)


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

    def words(self, font: QFont, height: float) -> tuple[QStaticText, QFont]:
        """The post-it's words laid out once, not at every repaint (plain text: never markup),
        in the largest of a few sizes that fits `height`: a word or two reads from the back of
        the room, a sentence still fits."""
        key = (self.post_it.text, font.family(), height)
        if self._words is None or self._words_key != key:
            sizes = (22, 17, 14, 12) if len(self.post_it.text) < 20 else (17, 14, 12)
            for size in sizes:
                sized = QFont(font)
                sized.setPixelSize(size)
                words = QStaticText(self.post_it.text)
                words.setTextFormat(Qt.PlainText)
                words.setTextWidth(POST_IT_WIDTH - 16)
                words.prepare(QTransform(), sized)
                if words.size().height() <= height:
                    break
            self._words, self._words_font, self._words_key = words, sized, key
        return self._words, self._words_font

    def set_post_it(self, post_it: PostIt, colour: QColor) -> None:
        was, self.post_it = self.post_it, post_it
        if colour is not self.colour and colour != self.colour:
            self.colour = colour
            self.setBrush(colour)
        elif (post_it.text != was.text or post_it.author != was.author or post_it.votes != was.votes
              or post_it.hidden != was.hidden):
            self.update()


def paint_post_it_detail(painter: QPainter, item: PostItItem, selected: bool) -> None:
    """One readable post-it, in wall coordinates at the item's place: paper, words, name, dots."""
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
    painter.setPen(QColor("#111111"))
    bottom = 22 if (post_it.author or post_it.votes) else 6
    available = POST_IT_HEIGHT - 6 - bottom
    words, font = item.words(painter.font(), available)
    painter.setFont(font)
    if words.size().height() > available:
        # Too long even in small type: cut at the post-it's edge rather than spill onto the next.
        painter.save()
        painter.setClipRect(QRectF(0, 0, POST_IT_WIDTH, POST_IT_HEIGHT - bottom), Qt.IntersectClip)
        painter.drawStaticText(QPointF(8, 6), words)
        painter.restore()
    else:
        painter.drawStaticText(QPointF(8, 6), words)
    font = QFont(font)
    font.setPixelSize(13)
    if post_it.author:
        font.setItalic(True)
        painter.setFont(font)
        painter.drawText(QRectF(8, POST_IT_HEIGHT - 22, POST_IT_WIDTH - 60, 18),
                         Qt.AlignLeft | Qt.AlignVCenter, f"— {post_it.author}")
    if post_it.votes:
        font.setItalic(False)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#c62828"))
        badge = QRectF(POST_IT_WIDTH - 50, POST_IT_HEIGHT - 24, 44, 20)
        painter.drawRoundedRect(badge, 10, 10)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignCenter, f"● {post_it.votes}")
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
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_DETAIL:
            return
        scene = self.scene()
        for item in scene.items(option.exposedRect, Qt.IntersectsItemBoundingRect, Qt.AscendingOrder):
            if isinstance(item, PostItItem):
                paint_post_it_detail(painter, item, item.isSelected())


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
        return self.frame.united(self.tab).adjusted(-3, -3, 3, 3)

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
        painter.drawRoundedRect(self.tab, 6, 6)
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= TEXT_DETAIL:
            painter.setPen(QColor("white"))
            font = QFont(painter.font())
            font.setPixelSize(15)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(self.tab.adjusted(8, 0, -8, 0), Qt.AlignVCenter | Qt.AlignLeft,
                             f"{self.theme.name} ({len(self.member_items)})")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Select the theme's post-its too, so Qt's own drag moves them all together.
        if not (event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)) and not self.isSelected():
            self.scene().clearSelection()
        self.setSelected(True)
        for item in self.member_items:
            item.setSelected(True)
        super().mousePressEvent(event)
