"""The post-it wall screen: type notes onto coloured zones, move, group, vote, hide and reveal."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records, walls
from partnerdesk.errors import StorageError
from partnerdesk.exports import safe_file_stem
from partnerdesk.walls import CLUSTERS, NOTE_HEIGHT, NOTE_WIDTH, NOTES, Cluster, Note, WallTemplate, Zone
from ui.commands import AddRecordsCommand, ChangeRecordsCommand, DeleteRecordsCommand
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen, InstructionsScreen
from ui.text import plain_tooltip, show_message

log = logging.getLogger(__name__)

KIND = walls.KIND

#: Below this many screen pixels per wall unit a post-it is a plain coloured rectangle: its
#: text would be unreadable, and skipping it keeps a zoomed-out wall of thousands fast.
TEXT_DETAIL = 0.3
HIDDEN_TEXT = "(hidden post-it)"
NOTE_BOUNDS = QRectF(0, 0, NOTE_WIDTH, NOTE_HEIGHT)
NO_PEN = QPen(Qt.NoPen)
# Looked up once, outside paint().
STATE_SELECTED = QStyle.StateFlag.State_Selected


WALL_COLOUR = QColor("#fafafa")


def _faded(colour: QColor, under: QColor, strength: float) -> QColor:
    return QColor(*(round(strength * c + (1 - strength) * u) for c, u in
                    ((colour.red(), under.red()), (colour.green(), under.green()),
                     (colour.blue(), under.blue()))))


class WallDialogs:
    """The wall's file questions, in one place tests can replace."""

    @staticmethod
    def save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None

    @staticmethod
    def error(parent: QWidget, title: str, message: str) -> None:
        show_message(parent, QMessageBox.Warning, title, message)


# -- graphics items (they draw; they never write to the store) -------------------------------



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
        header = QRectF(self.rect.x() + 16, self.rect.y() + 8, self.rect.width() - 32, walls.ZONE_HEADER - 14)
        painter.setPen(QColor("#202020"))
        font = QFont(painter.font())
        font.setPixelSize(17)
        font.setBold(True)
        painter.setFont(font)
        count_text = f"{self.count} post-it" + ("" if self.count == 1 else "s")
        painter.drawText(header, Qt.AlignRight | Qt.AlignTop, count_text)
        label = self.zone.label
        painter.drawText(header.adjusted(0, 0, -130, 0), Qt.AlignLeft | Qt.AlignTop, label)
        font.setBold(False)
        font.setPixelSize(20)
        painter.setFont(font)
        painter.drawText(header.adjusted(0, 24, 0, 0), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
                         self.zone.question)


class NoteItem(QGraphicsRectItem):
    """A post-it: a plain coloured rectangle that Qt paints itself (no Python per paint), so a
    zoomed-out wall of thousands repaints as fast as bare rectangles. Its words, border, dots
    and selection are drawn by the scene's `NoteDetailLayer` only when they are readable."""

    def __init__(self, note: Note, colour: QColor):
        super().__init__(NOTE_BOUNDS)
        self.note = note
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
        key = (self.note.text, font.family(), height)
        if self._words is None or self._words_key != key:
            sizes = (22, 17, 14, 12) if len(self.note.text) < 20 else (17, 14, 12)
            for size in sizes:
                sized = QFont(font)
                sized.setPixelSize(size)
                words = QStaticText(self.note.text)
                words.setTextFormat(Qt.PlainText)
                words.setTextWidth(NOTE_WIDTH - 16)
                words.prepare(QTransform(), sized)
                if words.size().height() <= height:
                    break
            self._words, self._words_font, self._words_key = words, sized, key
        return self._words, self._words_font

    def set_note(self, note: Note, colour: QColor) -> None:
        self.note = note
        if colour != self.colour:
            self.colour = colour
            self.setBrush(colour)
        self.update()


def paint_note_detail(painter: QPainter, item: NoteItem, selected: bool) -> None:
    """One readable post-it, in wall coordinates at the item's place: paper, words, name, dots."""
    note = item.note
    painter.save()
    painter.translate(item.pos())
    painter.setPen(QPen(QColor("#1565c0"), 4) if selected else QPen(item.colour.darker(140), 1))
    painter.setBrush(item.colour)
    painter.drawRect(NOTE_BOUNDS)
    if note.hidden:
        # Blank for everyone, the projector too: a fold mark says something is written here.
        painter.setPen(QPen(item.colour.darker(125), 2))
        painter.drawLine(QPointF(NOTE_WIDTH - 26, NOTE_HEIGHT), QPointF(NOTE_WIDTH, NOTE_HEIGHT - 26))
        painter.restore()
        return
    painter.setPen(QColor("#111111"))
    bottom = 22 if (note.author or note.votes) else 6
    available = NOTE_HEIGHT - 6 - bottom
    words, font = item.words(painter.font(), available)
    painter.setFont(font)
    if words.size().height() > available:
        # Too long even in small type: cut at the note's edge rather than spill onto the next one.
        painter.save()
        painter.setClipRect(QRectF(0, 0, NOTE_WIDTH, NOTE_HEIGHT - bottom), Qt.IntersectClip)
        painter.drawStaticText(QPointF(8, 6), words)
        painter.restore()
    else:
        painter.drawStaticText(QPointF(8, 6), words)
    font = QFont(font)
    font.setPixelSize(13)
    if note.author:
        font.setItalic(True)
        painter.setFont(font)
        painter.drawText(QRectF(8, NOTE_HEIGHT - 22, NOTE_WIDTH - 60, 18),
                         Qt.AlignLeft | Qt.AlignVCenter, f"— {note.author}")
    if note.votes:
        font.setItalic(False)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#c62828"))
        badge = QRectF(NOTE_WIDTH - 50, NOTE_HEIGHT - 24, 44, 20)
        painter.drawRoundedRect(badge, 10, 10)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignCenter, f"● {note.votes}")
    painter.restore()


class NoteDetailLayer(QGraphicsItem):
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
        self.prepareGeometryChange()
        self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_DETAIL:
            return
        scene = self.scene()
        for item in scene.items(option.exposedRect, Qt.IntersectsItemBoundingRect, Qt.AscendingOrder):
            if isinstance(item, NoteItem):
                paint_note_detail(painter, item, item.isSelected())


class ClusterItem(QGraphicsItem):
    """A theme: a frame round its post-its with the theme's name on a tab. Dragging the tab
    moves every post-it of the theme."""

    def __init__(self, cluster: Cluster):
        super().__init__()
        self.cluster = cluster
        self.frame = QRectF()
        self.tab = QRectF()
        self.member_items: list[NoteItem] = []
        self.setZValue(-5)
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable)

    def set_members(self, items: list[NoteItem]) -> None:
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
        self.tab = QRectF(self.frame.x(), self.frame.y() - walls.CLUSTER_TAB + 4,
                          max(120.0, min(self.frame.width(), 12.0 * len(self.cluster.name) + 30)),
                          walls.CLUSTER_TAB - 4)
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
                             f"{self.cluster.name} ({len(self.member_items)})")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Select the theme's post-its too, so Qt's own drag moves them all together.
        if not (event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)) and not self.isSelected():
            self.scene().clearSelection()
        self.setSelected(True)
        for item in self.member_items:
            item.setSelected(True)
        super().mousePressEvent(event)


# -- the scene: a mirror of the store ------------------------------------------------------------


class WallScene(QGraphicsScene):
    """The wall for one exercise, kept in step with the store through the document's signals."""

    #: Post-its dragged to new places: {note id: (left, top) on the wall}.
    notes_dropped = Signal(dict)
    #: Something about the post-its changed (count, votes, themes): lists and labels refresh.
    wall_changed = Signal()

    def __init__(self, document: WorkspaceDocument, exercise_id: str, wall: WallTemplate,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.exercise_id = exercise_id
        self.wall = wall
        self.colours = {z.key: QColor(z.colour) for z in wall.zones}
        self.zone_items: dict[str, ZoneItem] = {}
        self.note_items: dict[str, NoteItem] = {}
        self.cluster_items: dict[str, ClusterItem] = {}
        self.rects: dict[str, walls.Rect] = {}
        self._pressed: dict[NoteItem, QPointF] = {}
        # Post-its per zone, kept up to date as post-its come, go and move.
        self._counts: Counter[str] = Counter()
        self.setBackgroundBrush(WALL_COLOUR)
        # The item index costs more than it saves when every post-it can move.
        self.setItemIndexMethod(QGraphicsScene.NoIndex)
        self.detail_layer = NoteDetailLayer()
        self.addItem(self.detail_layer)
        for zone in wall.zones:
            item = ZoneItem(zone)
            self.addItem(item)
            self.zone_items[zone.key] = item
        ws = document.workspace
        for found in walls.clusters(ws, exercise_id):
            self._add_cluster(found)
        for found in walls.notes(ws, exercise_id):
            self._add_note(found)
        self.relayout()
        document.records_added.connect(self._on_document_records_added)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_removed.connect(self._on_document_records_removed)

    # -- reading the mirror --------------------------------------------------------------------

    def notes(self) -> dict[str, Note]:
        return {nid: item.note for nid, item in self.note_items.items()}

    def selected_notes(self) -> list[Note]:
        return [i.note for i in self.selectedItems() if isinstance(i, NoteItem)]

    def counts(self) -> dict[str, int]:
        return {z.key: self._counts.get(z.key, 0) for z in self.wall.zones}

    def note_scene_pos(self, note: Note) -> QPointF:
        rect = self.rects.get(note.zone)
        if rect is None:
            return QPointF(note.x, note.y)
        return QPointF(rect.x + note.x, rect.y + note.y)

    def zone_rect(self, key: str) -> QRectF:
        r = self.rects[key]
        return QRectF(r.x, r.y, r.width, r.height)

    # -- layout --------------------------------------------------------------------------------

    def relayout(self) -> None:
        by_zone: dict[str, list[Note]] = {z.key: [] for z in self.wall.zones}
        for item in self.note_items.values():
            by_zone.setdefault(item.note.zone, []).append(item.note)
        extents = {key: walls.zone_extent(found) for key, found in by_zone.items()}
        old = self.rects
        self.rects = walls.zone_rects(self.wall.zones, extents)
        moved = {key for key, rect in self.rects.items()
                 if key not in old or (old[key].x, old[key].y) != (rect.x, rect.y)}
        for key, item in self.zone_items.items():
            item.set_rect(self.zone_rect(key))
        # Only post-its of zones that moved need moving: the others keep their places.
        for item in self.note_items.values():
            if item.note.zone in moved or item.note.zone not in self.rects:
                item.setPos(self.note_scene_pos(item.note))
        for cid in self.cluster_items:
            self._refresh_cluster(cid)
        self._refresh_counts()
        whole = QRectF()
        for key in self.rects:
            whole = whole.united(self.zone_rect(key))
        self.setSceneRect(whole.adjusted(-20, -20, 20, 20))
        self.detail_layer.set_rect(self.sceneRect())

    def _fits(self, note: Note) -> bool:
        rect = self.rects.get(note.zone)
        return (rect is not None and note.x + NOTE_WIDTH + walls.ZONE_MARGIN <= rect.width
                and note.y + NOTE_HEIGHT + walls.ZONE_MARGIN <= rect.height)

    def _refresh_counts(self) -> None:
        counts = self.counts()
        for key, item in self.zone_items.items():
            item.set_count(counts.get(key, 0))

    def _refresh_cluster(self, cluster_id: str) -> None:
        item = self.cluster_items.get(cluster_id)
        if item is None:
            return
        members = [i for i in self.note_items.values() if i.note.cluster_id == cluster_id]
        item.set_members(members)

    def restore_positions(self) -> None:
        """Put every item back where the store says (after a drag the store refused or ignored)."""
        for item in self.note_items.values():
            target = self.note_scene_pos(item.note)
            if item.pos() != target:
                item.setPos(target)
        for cid in self.cluster_items:
            self._refresh_cluster(cid)

    # -- mirroring -----------------------------------------------------------------------------

    def _add_note(self, note: Note) -> NoteItem:
        item = NoteItem(note, self.colours.get(note.zone, QColor("#eeeeee")))
        self.addItem(item)
        self.note_items[note.id] = item
        self._counts[note.zone] += 1
        item.setPos(self.note_scene_pos(note))
        return item

    def _add_cluster(self, found: Cluster) -> None:
        item = ClusterItem(found)
        self.addItem(item)
        self.cluster_items[found.id] = item

    def _on_document_records_added(self, table: str, ids: list) -> None:
        if table == NOTES:
            ws = self.document.workspace
            needs_layout = False
            touched: set[str] = set()
            fetched = walls.notes_by_id(ws, ids)
            for nid in ids:
                found = fetched.get(nid)
                if found is None or found.exercise_id != self.exercise_id:
                    continue
                if nid in self.note_items:
                    self._counts[self.note_items[nid].note.zone] -= 1
                    self._counts[found.zone] += 1
                    self.note_items[nid].set_note(found, self.colours.get(found.zone, QColor("#eee")))
                else:
                    self._add_note(found)
                needs_layout = needs_layout or not self._fits(found)
                if found.cluster_id:
                    touched.add(found.cluster_id)
            if needs_layout:
                self.relayout()
            else:
                self._refresh_counts()
                for cid in touched:
                    self._refresh_cluster(cid)
            self.wall_changed.emit()
        elif table == CLUSTERS:
            ws = self.document.workspace
            for cid in ids:
                found = walls.cluster(ws, cid)
                if found is None or found.exercise_id != self.exercise_id or cid in self.cluster_items:
                    continue
                self._add_cluster(found)
                self._refresh_cluster(cid)
            self.wall_changed.emit()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == NOTES:
            ws = self.document.workspace
            needs_layout = False
            touched: set[str] = set()
            fetched = walls.notes_by_id(ws, [nid for nid in ids if nid in self.note_items])
            for nid in ids:
                item = self.note_items.get(nid)
                found = fetched.get(nid)
                if item is None or found is None:
                    continue
                old = item.note
                item.set_note(found, self.colours.get(found.zone, QColor("#eee")))
                if old.zone != found.zone:
                    self._counts[old.zone] -= 1
                    self._counts[found.zone] += 1
                    needs_layout = True
                if not self._fits(found):
                    needs_layout = True
                item.setPos(self.note_scene_pos(found))
                touched.update(c for c in (old.cluster_id, found.cluster_id) if c)
            if needs_layout:
                self.relayout()
            else:
                for cid in touched:
                    self._refresh_cluster(cid)
            self.wall_changed.emit()
        elif table == CLUSTERS:
            ws = self.document.workspace
            for cid in ids:
                item = self.cluster_items.get(cid)
                found = walls.cluster(ws, cid)
                if item is not None and found is not None:
                    item.cluster = found
                    self._refresh_cluster(cid)
            self.wall_changed.emit()

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        if table == NOTES:
            touched = set()
            removed = False
            for nid in ids:
                item = self.note_items.pop(nid, None)
                if item is not None:
                    removed = True
                    self._counts[item.note.zone] -= 1
                    if item.note.cluster_id:
                        touched.add(item.note.cluster_id)
                    self.removeItem(item)
            if removed:
                self.relayout()
                self.wall_changed.emit()
        elif table == CLUSTERS:
            removed = False
            for cid in ids:
                item = self.cluster_items.pop(cid, None)
                if item is not None:
                    removed = True
                    self.removeItem(item)
            if removed:
                self.wall_changed.emit()

    # -- one drag = one drop signal on release -------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._pressed = {i: i.pos() for i in self.selectedItems() if isinstance(i, NoteItem)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, {}
        moved = {item.note.id: (item.pos().x(), item.pos().y())
                 for item, before in pressed.items() if item.scene() is self and item.pos() != before}
        if moved:
            self.notes_dropped.emit(moved)
            self.restore_positions()


# -- views ---------------------------------------------------------------------------------------


class WallView(QGraphicsView):
    """The laptop's view: select, drag, edit in place, keys for votes and zones."""

    delete_requested = Signal()
    edit_finished = Signal(str, str)  # note id, new text
    tally_started = Signal(str)  # the first digit typed over a selected post-it
    typing_started = Signal(str)  # text typed on the wall with nothing to tally: a new post-it
    zone_clicked = Signal(str)  # an empty part of a zone was clicked: it becomes the current zone

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
        selected = self.scene().selected_notes()
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and selected:
            self.delete_requested.emit()
            return
        if event.key() == Qt.Key_Escape and selected:
            self.scene().clearSelection()
            return
        if event.key() in (Qt.Key_F2, Qt.Key_Return, Qt.Key_Enter) and len(selected) == 1:
            self.edit_note(selected[0].id)
            return
        if (event.text().isdigit() and len(selected) == 1
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            self.tally_started.emit(event.text())
            return
        text = event.text()
        if (text and text.isprintable() and not text.isspace() and text not in "+-"
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            # Typing never goes nowhere: it starts the next post-it in the note line.
            self.typing_started.emit(text)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        under = self.items(event.position().toPoint())
        if not any(isinstance(i, (NoteItem, ClusterItem)) for i in under):
            zone = next((i for i in under if isinstance(i, ZoneItem)), None)
            if zone is not None:
                self.zone_clicked.emit(zone.zone.key)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        item = next((i for i in self.items(event.position().toPoint()) if isinstance(i, NoteItem)), None)
        if item is not None:
            self.edit_note(item.note.id)
            return
        super().mouseDoubleClickEvent(event)

    def edit_note(self, note_id: str) -> None:
        """Edit a post-it where it is: a line over it; Enter keeps the text, Escape does not."""
        item = self.scene().note_items.get(note_id)
        if item is None:
            return
        self.close_editor()
        self._editing = note_id
        editor = QLineEdit(self.viewport())
        editor.setObjectName("note_editor")
        editor.setText(item.note.text)
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
        note_id, text = self._editing, self.editor.text()
        self.close_editor()
        self.edit_finished.emit(note_id, text)

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


class PresenterView(QGraphicsView):
    """The projector's view: the same scene, no controls, always showing the whole wall."""

    def __init__(self, scene: WallScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setObjectName("wall_presenter_view")
        self.setInteractive(False)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setFocusPolicy(Qt.NoFocus)
        # A bound slot, not a lambda: Qt drops the connection when the view goes.
        scene.sceneRectChanged.connect(self._on_scene_scene_rect_changed)

    def _on_scene_scene_rect_changed(self, _rect: QRectF) -> None:
        self._refit()

    def _refit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()


# -- the screen ------------------------------------------------------------------------------------


class _UndoPassThrough(QObject):
    """Lets Ctrl+Z reach the wall's undo when the note line is empty (a line edit keeps it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.ShortcutOverride and isinstance(watched, QLineEdit)
                and not watched.text()
                and (event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo))):
            event.ignore()
            return True
        return False


class _EnterFilter(QObject):
    """Runs an action on Enter in a line edit and keeps the key from going any further."""

    def __init__(self, action, parent: QObject):
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.action()
            return True
        return False


class PostItWallScreen(ExerciseScreen):
    """The facilitator's wall: note line and zone chooser above, the wall, votes and ranking."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("post_it_wall_screen")
        exercise = self.exercise
        self.wall = walls.wall_template(exercise.template)
        self._present: int | None = None
        self._gone = False
        self._wall_settings: walls.WallSettings | None = None
        self.scene = WallScene(document, exercise_id, self.wall, self)
        self.view = WallView(self.scene)

        # Row 1: where the next post-it goes, who wrote it (only if they want), and its text.
        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("zone_combo")
        for i, zone in enumerate(self.wall.zones, start=1):
            self.zone_combo.addItem(f"{i}  {zone.label}: {zone.question}", zone.key)
        # Long questions would make the box, and so the screen, too wide for a laptop.
        self.zone_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.zone_combo.setMinimumContentsLength(18)
        self.zone_combo.setToolTip("The zone new post-its go to (Ctrl+1, Ctrl+2… to switch)")
        self.zone_swatch = QLabel()
        self.zone_swatch.setFixedSize(22, 22)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText("Type a post-it and press Enter")
        self.note_edit.setMaxLength(walls.MAX_TEXT)
        self._undo_filter = _UndoPassThrough(self)
        self.note_edit.installEventFilter(self._undo_filter)
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author_edit")
        self.author_edit.setPlaceholderText("Name (optional)")
        self.author_edit.setToolTip("Post-its are anonymous unless a name is typed here; "
                                    "the name is cleared after each post-it.")
        self.author_edit.setMaximumWidth(160)
        self.author_edit.installEventFilter(self._undo_filter)
        self.hidden_check = QCheckBox("Collect hidden")
        self.hidden_check.setObjectName("hidden_check")
        self.hidden_check.setToolTip("New post-its appear blank until you reveal them all")
        self.reveal_button = QPushButton("Reveal all")
        self.reveal_button.setObjectName("reveal_button")

        row1 = QHBoxLayout()
        row1.addWidget(self.zone_swatch)
        row1.addWidget(self.zone_combo, 2)
        row1.addWidget(self.note_edit, 3)
        row1.addWidget(self.author_edit, 1)
        row1.addWidget(self.hidden_check)
        row1.addWidget(self.reveal_button)

        # Row 2: themes, dots, tidy, exports.
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("theme_combo")
        self.theme_combo.setEditable(True)
        self.theme_combo.setInsertPolicy(QComboBox.NoInsert)
        self.theme_combo.lineEdit().setPlaceholderText("Theme for the selected post-its")
        self.theme_combo.setMinimumWidth(160)
        self.group_button = QPushButton("Group")
        self.group_button.setObjectName("group_button")
        self.group_button.setToolTip("Group the selected post-its under this theme (Ctrl+G)")
        self.ungroup_button = QPushButton("Ungroup")
        self.ungroup_button.setObjectName("ungroup_button")
        self.dot_button = QPushButton("Add a dot")
        self.dot_button.setObjectName("dot_button")
        self.dot_button.setToolTip("One more dot on each selected post-it (+)")
        self.votes_spin = QSpinBox()
        self.votes_spin.setObjectName("votes_spin")
        self.votes_spin.setRange(0, 999)
        self.votes_spin.setPrefix("Dots: ")
        self.votes_spin.setToolTip("Tally: select a post-it, type its number of dots, press Enter")
        self.votes_spin.setKeyboardTracking(False)
        self.dots_spin = QSpinBox()
        self.dots_spin.setObjectName("dots_spin")
        self.dots_spin.setRange(0, 50)
        self.dots_spin.setSuffix(" dots each")
        self.dots_spin.setToolTip("How many dots each participant may give")
        self.dots_label = QLabel()
        self.dots_label.setObjectName("dots_label")
        self.dots_label.setWordWrap(True)
        self.tidy_button = QPushButton("Tidy zone")
        self.tidy_button.setObjectName("tidy_button")
        self.tidy_button.setToolTip("Arrange the current zone's post-its in a neat grid, themes together")
        self.fit_button = QPushButton("Whole wall")
        self.fit_button.setObjectName("fit_button")
        self.png_button = QPushButton("Export PNG…")
        self.png_button.setObjectName("png_button")
        self.csv_button = QPushButton("Export CSV…")
        self.csv_button.setObjectName("csv_button")

        row2 = QHBoxLayout()
        row2.addWidget(self.theme_combo, 2)
        row2.addWidget(self.group_button)
        row2.addWidget(self.ungroup_button)
        row2.addSpacing(12)
        row2.addWidget(self.dot_button)
        row2.addWidget(self.votes_spin)
        row2.addWidget(self.dots_spin)
        row2.addStretch(1)

        # Right: counts and the ranking.
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.counts_label.setWordWrap(True)
        self.ranking_list = QListWidget()
        self.ranking_list.setObjectName("ranking_list")
        side = QWidget()
        side.setMinimumWidth(220)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QGridLayout()
        buttons.addWidget(self.tidy_button, 0, 0)
        buttons.addWidget(self.fit_button, 0, 1)
        buttons.addWidget(self.png_button, 1, 0)
        buttons.addWidget(self.csv_button, 1, 1)
        side_layout.addLayout(buttons)
        side_layout.addWidget(QLabel("<b>Post-its per zone</b>"))
        side_layout.addWidget(self.counts_label)
        side_layout.addWidget(QLabel("<b>Ranking by dots</b>"))
        side_layout.addWidget(self.dots_label)
        side_layout.addWidget(self.ranking_list, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.status = QLabel()
        self.status.setObjectName("wall_status")
        self.instructions_label = QLabel(self.wall.instructions)
        self.instructions_label.setObjectName("instructions_label")
        self.instructions_label.setTextFormat(Qt.PlainText)
        self.instructions_label.setWordWrap(True)
        self.instructions_label.setVisible(False)
        self.instructions_button = QPushButton("Instructions")
        self.instructions_button.setObjectName("instructions_button")
        self.instructions_button.setCheckable(True)
        self.instructions_button.toggled.connect(self.instructions_label.setVisible)
        layout = QVBoxLayout(self)
        title = QLabel(exercise.title)
        title.setTextFormat(Qt.PlainText)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.instructions_button)
        layout.addLayout(heading)
        layout.addWidget(self.instructions_label)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.setMinimumHeight(520)

        # Wiring.
        self.note_edit.returnPressed.connect(self._on_note_edit_return_pressed)
        self.zone_combo.currentIndexChanged.connect(lambda _: self._show_zone_colour())
        self.hidden_check.toggled.connect(self._on_hidden_check_toggled)
        self.reveal_button.clicked.connect(self.reveal_all)
        self.group_button.clicked.connect(self.group_selected)
        # An editable combo box hands Enter to its line twice; a filter sees the key once.
        self._theme_enter = _EnterFilter(self.group_selected, self)
        self.theme_combo.lineEdit().installEventFilter(self._theme_enter)
        self.ungroup_button.clicked.connect(self.ungroup_selected)
        self.dot_button.clicked.connect(lambda: self.add_dots(1))
        self.votes_spin.editingFinished.connect(self._on_votes_spin_editing_finished)
        self.dots_spin.editingFinished.connect(self._on_dots_spin_editing_finished)
        self.tidy_button.clicked.connect(self.tidy_current_zone)
        self.fit_button.clicked.connect(self.view.show_whole_wall)
        self.png_button.clicked.connect(self.export_png_dialog)
        self.csv_button.clicked.connect(self.export_csv_dialog)
        self.scene.notes_dropped.connect(self._on_scene_notes_dropped)
        self.scene.wall_changed.connect(self._refresh_side)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.edit_finished.connect(self.edit_note)
        self.view.tally_started.connect(self._on_view_tally_started)
        self.view.typing_started.connect(self._on_view_typing_started)
        self.view.zone_clicked.connect(self._on_view_zone_clicked)
        self.ranking_list.itemClicked.connect(self._on_ranking_list_item_clicked)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_added.connect(self._on_document_attendance_changed)
        document.records_removed.connect(self._on_document_attendance_changed)

        for i in range(min(9, len(self.wall.zones))):
            choose = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            choose.setContext(Qt.WidgetWithChildrenShortcut)
            choose.activated.connect(lambda i=i: self.set_current_zone(i))
            move = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            move.setContext(Qt.WidgetWithChildrenShortcut)
            move.activated.connect(lambda i=i: self.move_selected_to_zone(self.wall.zones[i].key))
        group = QShortcut(QKeySequence("Ctrl+G"), self)
        group.setContext(Qt.WidgetWithChildrenShortcut)
        group.activated.connect(self._focus_theme)
        plus = QShortcut(QKeySequence("+"), self.view)
        plus.setContext(Qt.WidgetShortcut)
        plus.activated.connect(lambda: self.add_dots(1))
        select_all = QShortcut(QKeySequence.SelectAll, self.view)
        select_all.setContext(Qt.WidgetShortcut)
        select_all.activated.connect(self.select_all_notes)
        minus = QShortcut(QKeySequence("-"), self.view)
        minus.setContext(Qt.WidgetShortcut)
        minus.activated.connect(lambda: self.add_dots(-1))

        self._show_zone_colour()
        self._load_settings()
        self._refresh_side()
        self._on_scene_selection_changed()
        self.note_edit.setFocus()

    # -- helpers ---------------------------------------------------------------------------------

    @property
    def current_zone(self) -> str:
        return self.zone_combo.currentData()

    def select_all_notes(self) -> None:
        for item in self.scene.note_items.values():
            item.setSelected(True)

    def set_current_zone(self, index: int) -> None:
        self.zone_combo.setCurrentIndex(index)
        self.note_edit.setFocus()

    def _show_zone_colour(self) -> None:
        zone = self.wall.zone(self.current_zone)
        colour = zone.colour if zone else "#eeeeee"
        self.zone_swatch.setStyleSheet(f"background: {colour}; border: 1px solid #666;")
        self.note_edit.setStyleSheet(f"QLineEdit {{ background: {colour}; font-size: 16px; padding: 4px; }}")

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _settings(self) -> walls.WallSettings:
        if self._wall_settings is None:
            self._wall_settings = walls.wall_settings(self.exercise, self.wall)
        return self._wall_settings

    def _load_settings(self) -> None:
        self._wall_settings = None
        settings = self._settings()
        self.hidden_check.blockSignals(True)
        self.hidden_check.setChecked(settings.collect_hidden)
        self.hidden_check.blockSignals(False)
        self.dots_spin.blockSignals(True)
        self.dots_spin.setValue(settings.dots_per_participant)
        self.dots_spin.blockSignals(False)

    def _change_settings(self, text: str, **changes) -> None:
        exercise = self.exercise
        self.document.push(ChangeRecordsCommand(
            self.document, "exercises", {exercise.id: {"settings": walls.settings_with(exercise, **changes)}},
            text))

    def _participants(self) -> int:
        """Participants present at the workshop (cached: it changes only with attendance)."""
        if self._present is None:
            exercise = self.exercise
            self._present = len(records.attendee_ids(self.document.workspace, exercise.workshop_id))
        return self._present

    def _on_document_attendance_changed(self, table: str, ids: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            # Deleted (for instance with its workshop) or back again by undo.
            self._gone = self.exercise is None
        if table == "attendance" and not self._gone:
            self._present = None
            self._refresh_side()

    # -- adding, editing, deleting ---------------------------------------------------------------

    def _on_note_edit_return_pressed(self) -> None:
        text = walls.clean_text(self.note_edit.text())
        if not text:
            return
        if self.add_note(text, self.author_edit.text()) is None:
            # Not saved (read-only file, full disk…): keep the words so nothing typed is lost.
            self._say("The post-it was not saved; its text is still in the line.")
            return
        # Clear at once, so the next post-it can be typed straight away.
        self.note_edit.clear()
        self.author_edit.clear()

    def add_note(self, text: str, author: str = "", zone: str | None = None) -> str | None:
        zone = zone or self.current_zone
        taken = [(i.note.x, i.note.y) for i in self.scene.note_items.values() if i.note.zone == zone]
        position = walls.next_free_slots(taken, 1, walls.zone_columns(len(taken) + 1))[0]
        row = walls.note_row(self.exercise_id, zone, text, position, author=author,
                             hidden=self.hidden_check.isChecked())
        label = self.wall.zone(zone).label if self.wall.zone(zone) else zone
        command = AddRecordsCommand(self.document, NOTES, [row], f"Add post-it to {label}")
        if self.document.push(command):
            return command.id
        return None

    def edit_note(self, note_id: str, text: str) -> None:
        text = walls.clean_text(text)
        found = self.scene.notes().get(note_id)
        if found is None or text == found.text:
            return
        if not text:
            self._say("A post-it needs some text; to remove it, select it and press Delete.")
            return
        self.document.push(ChangeRecordsCommand(self.document, NOTES, {note_id: {"text": text}},
                                                "Edit post-it"))

    def delete_selected(self) -> None:
        ids = [n.id for n in self.scene.selected_notes()]
        if not ids:
            return
        text = "Delete post-it" if len(ids) == 1 else f"Delete {len(ids)} post-its"
        self.document.push(DeleteRecordsCommand(self.document, NOTES, ids, text))

    # -- moving ----------------------------------------------------------------------------------

    def _on_scene_notes_dropped(self, dropped: dict) -> None:
        notes = self.scene.notes()
        note_changes, cluster_changes = walls.drop_changes(self.scene.rects, notes, dropped)
        clusters = {cid: item.cluster for cid, item in self.scene.cluster_items.items()}
        cluster_changes = {cid: c for cid, c in cluster_changes.items()
                           if cid in clusters and clusters[cid].zone != c["zone"]}
        if not note_changes and not cluster_changes:
            return
        count = len(note_changes)
        text = "Move post-it" if count == 1 else f"Move {count} post-its"
        self._push_changes(text, note_changes, cluster_changes)

    def _push_changes(self, text: str, note_changes: dict, cluster_changes: dict | None = None) -> None:
        if cluster_changes:
            with self.document.macro(text):
                self.document.push(ChangeRecordsCommand(self.document, CLUSTERS, cluster_changes, text))
                if note_changes:
                    self.document.push(ChangeRecordsCommand(self.document, NOTES, note_changes, text))
        elif note_changes:
            self.document.push(ChangeRecordsCommand(self.document, NOTES, note_changes, text))

    def move_selected_to_zone(self, zone: str) -> None:
        """Keyboard move: the selected post-its go to the first free places of another zone."""
        selected = [n.id for n in self.scene.selected_notes()]
        changes, theme_changes = walls.move_to_zone_changes(self.scene.notes(), selected, zone)
        if not changes:
            return
        label = self.wall.zone(zone).label
        noun = "post-it" if len(changes) == 1 else "post-its"
        self._push_changes(f"Move {len(changes)} {noun} to {label}", changes, theme_changes)

    def tidy_current_zone(self) -> None:
        self.tidy_zone(self.current_zone)

    def tidy_zone(self, zone: str) -> None:
        zone_notes = [n for n in self.scene.notes().values() if n.zone == zone]
        names = {cid: item.cluster.name for cid, item in self.scene.cluster_items.items()}
        positions = walls.tidy_positions(zone_notes, names, walls.zone_columns(len(zone_notes)))
        changes = {n.id: {"x": positions[n.id][0], "y": positions[n.id][1]}
                   for n in zone_notes if (n.x, n.y) != positions[n.id]}
        if changes:
            self._push_changes(f"Tidy {self.wall.zone(zone).label}", changes)

    # -- themes ------------------------------------------------------------------------------------

    def _focus_theme(self) -> None:
        self.theme_combo.setFocus()
        self.theme_combo.lineEdit().selectAll()

    def group_selected(self) -> None:
        selected = self.scene.selected_notes()
        name = walls.clean_text(self.theme_combo.currentText(), 80)
        if not selected:
            self._say("Select the post-its to group first (click, Ctrl+click or drag a box round them).")
            return
        if not name:
            self._say("Type or choose a theme for the selected post-its.")
            self._focus_theme()
            return
        zone = walls.zone_for_new_cluster(selected)
        if zone is None:
            self._say("A theme belongs to one zone: select post-its of one zone to group them.")
            return
        existing = next((item.cluster for item in self.scene.cluster_items.values()
                         if item.cluster.zone == zone and item.cluster.name.casefold() == name.casefold()),
                        None)
        text = f"Group {len(selected)} post-it{'s' if len(selected) > 1 else ''} as “{name}”"
        with self.document.macro(text):
            if existing is None:
                add = AddRecordsCommand(self.document, CLUSTERS,
                                        [{"exercise_id": self.exercise_id, "zone": zone, "name": name}], text)
                if not self.document.push(add):
                    return
                cluster_id = add.id
                members = selected
            else:
                cluster_id = existing.id
                members = [*(i.note for i in self.scene.note_items.values()
                             if i.note.cluster_id == cluster_id), *selected]
            # Bring the theme's post-its together where the first of them is.
            unique = sorted({n.id: n for n in members}.values(), key=lambda n: (n.y, n.x, n.id))
            anchor = min(unique, key=lambda n: (n.y, n.x))
            top = max(anchor.y, walls.ZONE_HEADER + walls.CLUSTER_TAB)
            positions = walls.block_positions(len(unique), (anchor.x, top))
            changes = {n.id: {"cluster_id": cluster_id, "x": x, "y": y}
                       for n, (x, y) in zip(unique, positions, strict=True)}
            self.document.push(ChangeRecordsCommand(self.document, NOTES, changes, text))
            others = [(n.x, n.y) for n in self.scene.notes().values()
                      if n.zone == zone and n.id not in changes]
            if walls.overlapping(positions, others):
                # The theme landed on other post-its: tidy the zone, in the same undo step.
                self.tidy_zone(zone)
        self._refresh_themes()

    def ungroup_selected(self) -> None:
        ids = {n.cluster_id for n in self.scene.selected_notes() if n.cluster_id}
        ids.update(cid for cid, item in self.scene.cluster_items.items() if item.isSelected())
        if not ids:
            self._say("Select a theme (or one of its post-its) to ungroup it.")
            return
        text = "Ungroup theme" if len(ids) == 1 else f"Ungroup {len(ids)} themes"
        self.document.push(DeleteRecordsCommand(self.document, CLUSTERS, sorted(ids), text))

    def _refresh_themes(self) -> None:
        current = self.theme_combo.currentText()
        names = sorted({item.cluster.name for item in self.scene.cluster_items.values()}, key=str.casefold)
        self.theme_combo.blockSignals(True)
        self.theme_combo.clear()
        self.theme_combo.addItems(names)
        self.theme_combo.setEditText(current)
        self.theme_combo.blockSignals(False)

    # -- dots --------------------------------------------------------------------------------------

    def add_dots(self, step: int) -> None:
        selected = self.scene.selected_notes()
        changes = {n.id: {"votes": max(0, n.votes + step)} for n in selected
                   if max(0, n.votes + step) != n.votes}
        if changes:
            self.document.push(ChangeRecordsCommand(
                self.document, NOTES, changes, "Add a dot" if step > 0 else "Remove a dot"))

    def set_votes(self, note_id: str, votes: int) -> None:
        found = self.scene.notes().get(note_id)
        if found is None or found.votes == votes:
            return
        self.document.push(ChangeRecordsCommand(self.document, NOTES, {note_id: {"votes": max(0, votes)}},
                                                f"Tally {votes} dots"))

    def _on_votes_spin_editing_finished(self) -> None:
        selected = self.scene.selected_notes()
        if len(selected) == 1:
            self.set_votes(selected[0].id, self.votes_spin.value())
            if self.votes_spin.hasFocus():
                self.view.setFocus()

    def _on_view_typing_started(self, text: str) -> None:
        self.note_edit.setFocus()
        self.note_edit.insert(text)

    def _on_view_zone_clicked(self, key: str) -> None:
        index = self.zone_combo.findData(key)
        if index >= 0:
            self.zone_combo.setCurrentIndex(index)

    def _on_view_tally_started(self, digit: str) -> None:
        self.votes_spin.setFocus()
        self.votes_spin.lineEdit().setText(digit)

    def _on_dots_spin_editing_finished(self) -> None:
        if self.dots_spin.value() != self._settings().dots_per_participant:
            self._change_settings("Change dots per participant", dots_per_participant=self.dots_spin.value())

    # -- hide and reveal -----------------------------------------------------------------------------

    def _on_hidden_check_toggled(self, checked: bool) -> None:
        if checked != self._settings().collect_hidden:
            self._change_settings("Collect post-its hidden" if checked else "Collect post-its visible",
                                  collect_hidden=checked)
        self.note_edit.setFocus()

    def reveal_all(self) -> None:
        hidden = [n.id for n in self.scene.notes().values() if n.hidden]
        if not hidden:
            self._say("No hidden post-its to reveal.")
            return
        self.document.push(ChangeRecordsCommand(self.document, NOTES, {i: {"hidden": 0} for i in hidden},
                                                f"Reveal {len(hidden)} post-its"))
        if self.hidden_check.isChecked():
            self._say(f"Revealed {len(hidden)} post-its. New post-its are still collected hidden: "
                      "untick “Collect hidden” to stop.")
        else:
            self._say(f"Revealed {len(hidden)} post-its.")

    # -- mirroring into the side panel -----------------------------------------------------------------

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids and not self._gone:
            self._load_settings()
            self._refresh_side()

    def _refresh_side(self) -> None:
        if self._gone:
            return
        notes = [item.note for item in self.scene.note_items.values()]
        counts = self.scene.counts()
        self.counts_label.setText("<br>".join(
            f"<span style='background:{z.colour}'>&nbsp;&nbsp;&nbsp;</span> {z.label}: <b>{counts[z.key]}</b>"
            for z in self.wall.zones) + f"<br>All: <b>{len(notes)}</b>")
        participants = self._participants()
        settings = self._settings()
        used = walls.dots_used(notes)
        if participants:
            allowance = walls.dot_allowance(participants, settings.dots_per_participant)
            self.dots_label.setText(f"{used} of {allowance} dots placed "
                                    f"({participants} present × {settings.dots_per_participant})")
        else:
            self.dots_label.setText(f"{used} dots placed (tick attendance to see the allowance)")
        self.ranking_list.clear()
        for found in walls.ranking(notes):
            zone = self.wall.zone(found.zone)
            text = HIDDEN_TEXT if found.hidden else found.text
            item = QListWidgetItem(f"{found.votes} ●  {text}  ({zone.label if zone else found.zone})")
            item.setData(Qt.UserRole, found.id)
            item.setToolTip(plain_tooltip(text))
            if zone:
                item.setBackground(QBrush(QColor(zone.colour)))
            self.ranking_list.addItem(item)
        self._refresh_themes()
        self._on_scene_selection_changed()

    def _on_scene_selection_changed(self) -> None:
        selected = self.scene.selected_notes()
        self.votes_spin.blockSignals(True)
        self.votes_spin.setEnabled(len(selected) == 1)
        self.votes_spin.setValue(selected[0].votes if len(selected) == 1 else 0)
        self.votes_spin.blockSignals(False)
        themed = [n for n in selected if n.cluster_id]
        theme_selected = any(i.isSelected() for i in self.scene.cluster_items.values())
        self.ungroup_button.setEnabled(bool(themed) or theme_selected)
        self.group_button.setEnabled(bool(selected))
        self.dot_button.setEnabled(bool(selected))

    def _on_ranking_list_item_clicked(self, item: QListWidgetItem) -> None:
        note_id = item.data(Qt.UserRole)
        found = self.scene.note_items.get(note_id)
        if found is not None:
            self.scene.clearSelection()
            found.setSelected(True)
            self.view.ensureVisible(found)

    # -- exports -------------------------------------------------------------------------------------

    def render_png(self, longest: int = 3200) -> bytes:
        """The whole wall as a PNG whose longer side is `longest` pixels, without selection."""
        rect = self.scene.sceneRect()
        scale = longest / max(rect.width(), rect.height())
        width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
        image = QImage(width, height, QImage.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        selected = self.scene.selectedItems()
        for item in selected:
            item.setSelected(False)
        self.scene.render(painter, QRectF(0, 0, width, height), rect)
        painter.end()
        for item in selected:
            item.setSelected(True)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def _suggested(self, suffix: str) -> str:
        return str(Path.home() / f"{safe_file_stem(self.exercise.title, fallback='wall')}{suffix}")

    def export_png_dialog(self) -> None:
        path = WallDialogs.save_path(self, "Export the wall as PNG", self._suggested(".png"),
                                     "PNG images (*.png)")
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".png")
        try:
            walls.write_atomically(path, self.render_png())
        except StorageError as exc:
            WallDialogs.error(self, exc.title, exc.user_message)
            return
        self._say(f"Wall saved as {path}")

    def export_csv_dialog(self) -> None:
        path = WallDialogs.save_path(self, "Export the post-its as CSV", self._suggested(".csv"),
                                     "CSV files (*.csv)")
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            count = walls.export_csv(self.document.workspace, self.exercise_id, path)
        except StorageError as exc:
            WallDialogs.error(self, exc.title, exc.user_message)
            return
        self._say(f"{count} post-its saved to {path}")

    # -- the projector ---------------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget | None:
        # Its own mirror of the store: the projector follows every change as soon as it is made,
        # but never shows the laptop's selection or a drag still in progress.
        scene = WallScene(self.document, self.exercise_id, self.wall)
        view = PresenterView(scene, parent)
        scene.setParent(view)
        return view


def create_screen(
    document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None
) -> ExerciseScreen:
    found = records.exercise(document.workspace, exercise_id)
    try:
        walls.wall_template(found.template)
    except KeyError:
        # A workspace from a PartnerDesk with a wall template this one lacks: say so, keep data.
        log.warning("no wall template %r for exercise %s", found.template, exercise_id)
        return InstructionsScreen(document, exercise_id, parent)
    return PostItWallScreen(document, exercise_id, parent)
