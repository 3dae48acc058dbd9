"""The laptop's view of the wall: select, drag, edit in place, keys for dots and zones."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QWidget

from ui.exercises.post_it_wall.items import PostItItem, ThemeItem, ZoneItem
from ui.exercises.post_it_wall.lettering import LAPTOP_TEXT_PX, readable_scale
from ui.exercises.post_it_wall.scene import WallScene
from ui.projector.keys import TAKES_TYPING

#: + and − (and =, the unshifted + key, and the keypad's) give or take a dot.
DOT_KEYS = {"+": 1, "=": 1, "-": -1, "−": -1}
#: The whole wall shows on the laptop while each post-it can show this many lines at the floor.
LAPTOP_LINES = 3


class WallView(QGraphicsView):
    """The laptop's view: select, drag, edit in place, keys for votes and zones."""

    delete_requested = Signal()
    edit_finished = Signal(str, str)  # post-it id, new text
    tally_started = Signal(str)  # the first digit typed over a selected post-it
    typing_started = Signal(str)  # text typed on the wall with nothing to tally: a new post-it
    zone_clicked = Signal(str)  # an empty part of a zone was clicked: it becomes the current zone
    theme_rename_requested = Signal(str)  # a theme's name tab was double-clicked
    dots_requested = Signal(int)  # + or − on the selected post-its: one dot more or fewer
    mode_changed = Signal(str)  # "auto", "wall" or "free"

    def __init__(self, scene: WallScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("wall_view")
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        # Plain keys typed here become a post-it's text: the projector's single keys
        # (ui/projector/keys.py) leave them alone.
        self.setProperty(TAKES_TYPING, True)
        #: "auto": the whole wall while it reads, else the current zone; "wall": the whole wall
        #: whatever its size; "free": where the facilitator zoomed to.
        self.mode = "auto"
        self.current_zone: str | None = None
        self.editor: QLineEdit | None = None
        self._editing: str | None = None
        # A bound slot, not a lambda: Qt drops the connection when the view goes.
        scene.sceneRectChanged.connect(self._on_scene_scene_rect_changed)

    def _on_scene_scene_rect_changed(self, _rect: QRectF) -> None:
        self._refit()

    def _fit_scale(self, rect: QRectF, width_only: bool = False) -> float:
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return 1.0
        across = viewport.width() / rect.width()
        return across if width_only else min(across, viewport.height() / rect.height())

    def showing_zone(self) -> bool:
        """Whether the view shows the current zone rather than the whole wall: in "auto", when
        the whole wall would be too small to read."""
        if self.mode != "auto" or self.current_zone not in self.scene().rects:
            return False
        return self._fit_scale(self.scene().sceneRect()) < readable_scale(LAPTOP_TEXT_PX, LAPTOP_LINES)

    def _refit(self) -> None:
        if self.mode == "free":
            return
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        if not self.showing_zone():
            self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)
            return
        zone = self.scene().zone_focus_rect(self.current_zone)
        # The whole zone if it reads; else as large as reads, but never wider than the view
        # (no scrolling sideways): a zone of hundreds scrolls down.
        readable = readable_scale(LAPTOP_TEXT_PX, LAPTOP_LINES)
        scale = min(self._fit_scale(zone, width_only=True), max(self._fit_scale(zone), readable))
        self.setTransform(QTransform.fromScale(scale, scale))
        visible_height = self.viewport().height() / scale
        if visible_height >= zone.height():
            self.centerOn(zone.center())
        else:
            self.centerOn(zone.center().x(), zone.top() + visible_height / 2)

    def set_current_zone(self, key: str, follow: bool = True) -> None:
        """The zone new post-its go to. Chosen on purpose (`follow`), the view goes back to
        "auto" and so shows it where the wall is busy; chosen by a click on the wall, the view
        stays put until the wall next changes."""
        self.current_zone = key
        if follow:
            self.set_mode("auto")

    def set_mode(self, mode: str) -> None:
        changed = mode != self.mode
        self.mode = mode
        if mode == "free":
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self._refit()
        if changed:
            self.mode_changed.emit(mode)

    def show_whole_wall(self, whole: bool = True) -> None:
        self.set_mode("wall" if whole else "auto")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.zoom(factor)
            event.accept()
            return
        super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        self.set_mode("free")
        self.scale(factor, factor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.wall_key(event, typing=True):
            super().keyPressEvent(event)

    def wall_key(self, event: QKeyEvent, typing: bool = False) -> bool:
        """The wall's own keys on the selected post-its: Delete, Escape, F2 (or Enter) to edit,
        + and − for a dot, a number to tally dots; with `typing`, any other text starts a new
        post-it. True if the key was used (the ranking list hands its keys here too)."""
        selected = self.scene().selected_post_its()
        key, text = event.key(), event.text()
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and selected:
            self.delete_requested.emit()
        elif key == Qt.Key_Escape and selected:
            self.scene().clearSelection()
        elif key in (Qt.Key_F2, Qt.Key_Return, Qt.Key_Enter) and len(selected) == 1:
            self.edit_post_it(selected[0].id)
        elif plain and text in DOT_KEYS and selected:
            self.dots_requested.emit(DOT_KEYS[text])
        elif plain and text.isdigit() and len(selected) == 1:
            self.tally_started.emit(text)
        elif (typing and plain and text and text.isprintable() and not text.isspace()
              and text not in DOT_KEYS):
            # Typing never goes nowhere: it starts the next post-it in the post-it line.
            self.typing_started.emit(text)
        else:
            return False
        return True

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
