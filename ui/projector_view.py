"""The projector's view of a board or wall: the same scene, no controls, the whole of it in view."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget


class ProjectorBoardView(QGraphicsView):
    """A non-interactive view that keeps `scene_rect()` (by default the scene's rect) in view.

    It takes no focus, so the laptop keeps the keyboard, and shows no selection or scroll bar.
    """

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None,
                 rect: QRectF | None = None, background: str = "#ffffff"):
        super().__init__(scene, parent)
        self.setObjectName("projector_board_view")
        self._rect = rect
        self.setInteractive(False)
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.NoFocus)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor(background))
        # A bound slot, not a lambda: Qt drops the connection when the view goes.
        scene.sceneRectChanged.connect(self._on_scene_scene_rect_changed)

    def scene_rect(self) -> QRectF:
        return self._rect if self._rect is not None else self.scene().sceneRect()

    def _on_scene_scene_rect_changed(self, _rect: QRectF) -> None:
        self._refit()

    def _refit(self) -> None:
        self.fitInView(self.scene_rect(), Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refit()
