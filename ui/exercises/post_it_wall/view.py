"""The laptop's view of the wall: select, drag, edit in place, keys for dots and zones."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QWidget

from ui.exercises.post_it_wall.items import PostItItem, ThemeItem, ZoneItem
from ui.exercises.post_it_wall.scene import WallScene


class WallView(QGraphicsView):
    """The laptop's view: select, drag, edit in place, keys for votes and zones."""

    delete_requested = Signal()
    edit_finished = Signal(str, str)  # post-it id, new text
    tally_started = Signal(str)  # the first digit typed over a selected post-it
    typing_started = Signal(str)  # text typed on the wall with nothing to tally: a new post-it
    zone_clicked = Signal(str)  # an empty part of a zone was clicked: it becomes the current zone
    theme_rename_requested = Signal(str)  # a theme's name tab was double-clicked

    def __init__(self, scene: WallScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("wall_view")
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.fit_wall = True
        self.editor: QLineEdit | None = None
        self._editing: str | None = None
        # A bound slot, not a lambda: Qt drops the connection when the view goes.
        scene.sceneRectChanged.connect(self._on_scene_scene_rect_changed)

    def _on_scene_scene_rect_changed(self, _rect: QRectF) -> None:
        self._refit()

    def _refit(self) -> None:
        if self.fit_wall:
            self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)

    def show_whole_wall(self) -> None:
        self.fit_wall = True
        self._refit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            self.fit_wall = False
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        self.fit_wall = False
        self.scale(factor, factor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        selected = self.scene().selected_post_its()
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and selected:
            self.delete_requested.emit()
            return
        if event.key() == Qt.Key_Escape and selected:
            self.scene().clearSelection()
            return
        if event.key() in (Qt.Key_F2, Qt.Key_Return, Qt.Key_Enter) and len(selected) == 1:
            self.edit_post_it(selected[0].id)
            return
        if (event.text().isdigit() and len(selected) == 1
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            self.tally_started.emit(event.text())
            return
        text = event.text()
        if (text and text.isprintable() and not text.isspace() and text not in "+-"
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            # Typing never goes nowhere: it starts the next post-it in the post-it line.
            self.typing_started.emit(text)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        under = self.items(event.position().toPoint())
        if not any(isinstance(i, (PostItItem, ThemeItem)) for i in under):
            zone = next((i for i in under if isinstance(i, ZoneItem)), None)
            if zone is not None:
                self.zone_clicked.emit(zone.zone.key)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        under = self.items(event.position().toPoint())
        item = next((i for i in under if isinstance(i, PostItItem)), None)
        if item is not None:
            self.edit_post_it(item.post_it.id)
            return
        tab = next((i for i in under if isinstance(i, ThemeItem)), None)
        if tab is not None:
            self.theme_rename_requested.emit(tab.theme.id)
            return
        super().mouseDoubleClickEvent(event)

    def edit_post_it(self, post_it_id: str) -> None:
        """Edit a post-it where it is: a line over it; Enter keeps the text, Escape does not."""
        item = self.scene().post_it_items.get(post_it_id)
        if item is None:
            return
        self.close_editor()
        self._editing = post_it_id
        editor = QLineEdit(self.viewport())
        editor.setObjectName("post_it_editor")
        editor.setText(item.post_it.text)
        area = self.mapFromScene(item.sceneBoundingRect()).boundingRect()
        editor.setGeometry(area.x(), area.y() + area.height() // 2 - 16, max(area.width(), 220), 32)
        editor.selectAll()
        editor.returnPressed.connect(self._on_editor_return_pressed)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self.editor = editor

    def _on_editor_return_pressed(self) -> None:
        if self.editor is None or self._editing is None:
            return
        post_it_id, text = self._editing, self.editor.text()
        self.close_editor()
        self.edit_finished.emit(post_it_id, text)

    def close_editor(self) -> None:
        editor, self.editor, self._editing = self.editor, None, None
        if editor is not None:
            editor.removeEventFilter(self)
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor:
            if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
                self.close_editor()
                return True
            if event.type() == QEvent.FocusOut:
                # Clicking elsewhere keeps what was typed, as a paper post-it would.
                self._on_editor_return_pressed()
                return False
        return super().eventFilter(watched, event)
