"""The wall on the projector: the whole wall while its words can be read from the back of the
room, otherwise one zone at a time, stepped through with the clicker."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from partnerdesk.post_it_wall.layout import CELL_HEIGHT, GAP, ZONE_HEADER, ZONE_MARGIN
from ui.exercises.post_it_wall.items import WALL_COLOUR, shows_every_word
from ui.exercises.post_it_wall.lettering import ONE_LINE, fewer_words, floor_in_wall_units, readable_scale, sized
from ui.exercises.post_it_wall.scene import WallScene
from ui.projector.widgets import min_text_px
from ui.projector_view import ProjectorBoardView

#: The whole wall is shown only where each post-it shows its whole text at the floor size, and
#: could show at least this many lines.
WALL_LINES = 2


class WallProjectorView(ProjectorBoardView):
    """The projector's view of a wall: its own scene (no selection, no drag in progress), words
    never smaller than `min_text_px`, and, for a busy wall, one zone at a time."""

    def __init__(self, scene: WallScene, parent: QWidget | None = None, zone: str | None = None):
        super().__init__(scene, parent, background=WALL_COLOUR.name())
        self.setObjectName("wall_projector_view")
        self.wall_scene = scene
        keys = [z.key for z in scene.wall.zones]
        self.zone_index = keys.index(zone) if zone in keys else 0
        #: A zone too full to read whole is shown in pages of rows: this page (-1: the last).
        self.page = 0
        self.pages: list[QRectF] = []
        self._floor = 0
        #: Decided at each refit (not at each paint): a zone at a time, or the whole wall.
        self.zone_at_a_time = False
        #: The facilitator asked for the whole wall (the laptop's *Whole wall*): fewer words.
        self.whole_wall = False
        scene.wall_changed.connect(self._on_scene_wall_changed)

    # -- what is shown -----------------------------------------------------------------------------

    @property
    def zone_key(self) -> str:
        return self.wall_scene.wall.zones[self.zone_index].key

    def text_floor(self) -> int:
        """The smallest text this view may show: 1/40 of the projector's height, times the
        facilitator's text size."""
        return min_text_px(self)

    def _fit_scale(self, rect: QRectF) -> float:
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return 1.0
        return min(viewport.width() / rect.width(), viewport.height() / rect.height())

    def one_zone_at_a_time(self) -> bool:
        """Whether the whole wall would cut post-its short (their words at the floor size do
        not fit), so it is shown a zone at a time."""
        scene = self.wall_scene
        if len(scene.wall.zones) < 2 or self.whole_wall:
            return False
        scale = self._fit_scale(scene.sceneRect())
        if scale < readable_scale(self.text_floor(), WALL_LINES):
            return True
        floor = floor_in_wall_units(self.text_floor(), scale)
        font = self.font()
        return not all(shows_every_word(item, font, floor) for item in scene.post_it_items.values())

    def zone_pages(self, key: str) -> list[QRectF]:
        """The zone whole, or, where it would show too few words, in pages of whole rows, each
        as large as reads (a page after the first keeps a band for the zone's name)."""
        rect = self.wall_scene.zone_focus_rect(key)
        need = readable_scale(self._floor, WALL_LINES)
        viewport = self.viewport().rect()
        if self._fit_scale(rect) >= need or viewport.isEmpty():
            return [rect]
        scale = min(need, viewport.width() / rect.width())
        top = rect.top() + 8  # the zone's own top: the focus rect has a margin round it
        rows = max(1, round((rect.bottom() - 8 - top - ZONE_HEADER - ZONE_MARGIN + GAP) / CELL_HEIGHT))
        per_page = max(1, int((viewport.height() / scale - ZONE_HEADER - 16) // CELL_HEIGHT))
        if per_page >= rows:
            return [rect]
        pages = []
        for first in range(0, rows, per_page):
            page_top = top + first * CELL_HEIGHT
            # Down to its last row's post-its, short of the next row's tops.
            bottom = top + ZONE_HEADER + min(rows, first + per_page) * CELL_HEIGHT - GAP + 6
            pages.append(QRectF(rect.left(), page_top - 8, rect.width(), bottom - page_top + 8))
        return pages

    def scene_rect(self) -> QRectF:
        if self.zone_at_a_time:
            return self.pages[self.page]
        return self.wall_scene.sceneRect()

    def _refit(self) -> None:
        self._floor = self.text_floor()
        self.wall_scene.text_floor_px = self._floor
        self.zone_at_a_time = self.one_zone_at_a_time()
        if self.zone_at_a_time:
            self.pages = self.zone_pages(self.zone_key)
            self.page = len(self.pages) - 1 if self.page < 0 else min(self.page, len(self.pages) - 1)
        # The view's own scene rect is what it shows, so a zone at the wall's edge is centred.
        self.setSceneRect(self.scene_rect())
        super()._refit()

    def _on_scene_wall_changed(self) -> None:
        # A zone shown on its own grows downwards as post-its come; a wall may become busy.
        self._refit()

    def show_zone_at(self, index: int) -> None:
        """Follow the laptop's current zone (where the facilitator is adding post-its)."""
        if 0 <= index < len(self.wall_scene.wall.zones) and index != self.zone_index:
            self.zone_index, self.page = index, 0
            self._refit()

    def show_whole_wall(self, whole: bool) -> None:
        self.whole_wall = bool(whole)
        self._refit()

    def clicker_step(self, step: int) -> bool:
        """Page Down / Page Up from the clicker: the next or previous page or zone of a busy
        wall. False when the whole wall shows, or past the last (first) zone, so the agenda
        moves on."""
        if not self.zone_at_a_time:
            return False
        if 0 <= self.page + step < len(self.pages):
            self.page += step
        else:
            index = self.zone_index + step
            if not 0 <= index < len(self.wall_scene.wall.zones):
                return False
            self.zone_index, self.page = index, 0 if step > 0 else -1
        self._refit()
        return True

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        if self.text_floor() != self._floor:
            # The facilitator chose another projector text size: the scale may need a zone.
            self._refit()
        super().paintEvent(event)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.zone_at_a_time:
            return
        # Only the zone shown: its neighbours' edges would be noise at the side of the screen.
        outside = QPainterPath()
        outside.addRect(rect)
        page = self.scene_rect()
        shown = QPainterPath()
        shown.addRect(page)
        painter.fillPath(outside.subtracted(shown), WALL_COLOUR)
        if self.page > 0:
            self._paint_continued(painter, page)

    def _paint_continued(self, painter: QPainter, page: QRectF) -> None:
        """A later page of a zone: a band where the zone's header would be, naming it."""
        zone = self.wall_scene.zone_items[self.zone_key]
        band = QRectF(page.left() + 8, page.top(), page.width() - 16, ZONE_HEADER)
        painter.fillRect(band, zone.background)
        floor = floor_in_wall_units(self._floor, self.transform().m11())
        font = sized(self.font(), 20, floor, bold=True)
        text = fewer_words(f"{zone.zone.label}, continued ({self.page + 1} of {len(self.pages)})", font,
                           band.width() - 32, band.height() - 16, ONE_LINE)
        if text:
            painter.setPen(QColor("#202020"))
            painter.setFont(font)
            painter.drawText(band.adjusted(16, 8, -16, -8), Qt.AlignLeft | Qt.AlignVCenter, text)
