"""The wall on the projector: the whole wall while its words can be read from the back of the
room, otherwise one zone at a time, stepped through with the clicker."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from ui.exercises.post_it_wall.items import WALL_COLOUR, shows_every_word
from ui.exercises.post_it_wall.lettering import floor_in_wall_units, readable_scale
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
        self._floor = 0
        #: Decided at each refit (not at each paint): a zone at a time, or the whole wall.
        self.zone_at_a_time = False
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
        if len(scene.wall.zones) < 2:
            return False
        scale = self._fit_scale(scene.sceneRect())
        if scale < readable_scale(self.text_floor(), WALL_LINES):
            return True
        floor = floor_in_wall_units(self.text_floor(), scale)
        font = self.font()
        return not all(shows_every_word(item, font, floor) for item in scene.post_it_items.values())

    def scene_rect(self) -> QRectF:
        if self.zone_at_a_time:
            return self.wall_scene.zone_focus_rect(self.zone_key)
        return self.wall_scene.sceneRect()

    def _refit(self) -> None:
        self._floor = self.text_floor()
        self.wall_scene.text_floor_px = self._floor
        self.zone_at_a_time = self.one_zone_at_a_time()
        # The view's own scene rect is what it shows, so a zone at the wall's edge is centred.
        self.setSceneRect(self.scene_rect())
        super()._refit()

    def _on_scene_wall_changed(self) -> None:
        # A zone shown on its own grows downwards as post-its come; a wall may become busy.
        self._refit()

    def show_zone_at(self, index: int) -> None:
        """Follow the laptop's current zone (where the facilitator is adding post-its)."""
        if 0 <= index < len(self.wall_scene.wall.zones) and index != self.zone_index:
            self.zone_index = index
            self._refit()

    def clicker_step(self, step: int) -> bool:
        """Page Down / Page Up from the clicker: the next or previous zone of a busy wall. False
        when the whole wall shows, or past the last (first) zone, so the agenda moves on."""
        if not self.zone_at_a_time:
            return False
        index = self.zone_index + step
        if not 0 <= index < len(self.wall_scene.wall.zones):
            return False
        self.zone_index = index
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
        shown = QPainterPath()
        shown.addRect(self.scene_rect())
        painter.fillPath(outside.subtracted(shown), WALL_COLOUR)
