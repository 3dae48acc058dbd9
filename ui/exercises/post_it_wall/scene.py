"""The wall as a scene: a mirror of the store, kept in step item by item from the document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from partnerdesk.changes import ColumnUpdate, RowUpdate
from partnerdesk.post_it_wall.layout import (
    POST_IT_HEIGHT,
    POST_IT_WIDTH,
    ZONE_HEADER,
    ZONE_MARGIN,
    Rect,
    zone_extents,
    zone_rects,
)
from partnerdesk.post_it_wall.values import (
    POST_ITS,
    THEMES,
    PostIt,
    WallTemplate,
    post_it_fields,
    post_it_from_row,
    post_it_moved,
    post_it_updated,
    post_it_written,
    post_its,
    theme_from_row,
    themes,
)
from ui.document import WorkspaceDocument
from ui.exercises.post_it_wall.items import WALL_COLOUR, PostItDetailLayer, PostItItem, ThemeItem, ZoneItem
from ui.exercises.post_it_wall.lettering import LAPTOP_TEXT_PX

OTHER_COLOUR = QColor("#eeeeee")


class WallScene(QGraphicsScene):
    """The wall of one exercise. It reads the store once when made; after that it follows the
    document's signals item by item: an operation's change set carries each row's new values,
    so nothing is re-read; an edit from elsewhere (a workshop deleted, and its undo) is re-read
    by id."""

    #: Post-its dragged to new places: {post-it id: (left, top) on the wall}.
    post_its_dropped = Signal(object)  # a dict, handed over as it is (see `WorkspaceDocument`)
    #: Something about the post-its changed (count, dots, themes): lists and labels refresh.
    wall_changed = Signal()

    def __init__(self, document: WorkspaceDocument, exercise_id: str, wall: WallTemplate,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.exercise_id = exercise_id
        self.wall = wall
        self.colours = {z.key: QColor(z.colour) for z in wall.zones}
        self.zone_items: dict[str, ZoneItem] = {}
        self.post_it_items: dict[str, PostItItem] = {}
        self.theme_items: dict[str, ThemeItem] = {}
        self.rects: dict[str, Rect] = {}
        self._pressed: dict[PostItItem, QPointF] = {}
        # Post-its per zone, kept up to date as post-its come, go and move.
        self._counts: Counter[str] = Counter()
        #: The smallest text its view may show, in screen pixels (the projector's view sets its
        #: own): the items draw larger, or fewer, words rather than smaller ones.
        self.text_floor_px: float = LAPTOP_TEXT_PX
        self.setBackgroundBrush(WALL_COLOUR)
        # The item index costs more than it saves when every post-it can move.
        self.setItemIndexMethod(QGraphicsScene.NoIndex)
        self.detail_layer = PostItDetailLayer()
        self.addItem(self.detail_layer)
        for zone in wall.zones:
            item = ZoneItem(zone)
            self.addItem(item)
            self.zone_items[zone.key] = item
        ws = document.workspace
        for found in themes(ws, exercise_id):
            self._add_theme_item(found)
        for found in post_its(ws, exercise_id):
            self._add_post_it_item(found)
        self.relayout()
        document.records_added.connect(self._on_document_records_added)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_removed.connect(self._on_document_records_removed)

    # -- reading the mirror --------------------------------------------------------------------

    def post_its(self) -> dict[str, PostIt]:
        return {pid: item.post_it for pid, item in self.post_it_items.items()}

    def selected_post_its(self) -> list[PostIt]:
        return [i.post_it for i in self.selectedItems() if isinstance(i, PostItItem)]

    def selected_theme_ids(self) -> list[str]:
        return [tid for tid, item in self.theme_items.items() if item.isSelected()]

    def counts(self) -> dict[str, int]:
        return {z.key: self._counts.get(z.key, 0) for z in self.wall.zones}

    def theme_names(self) -> list[str]:
        return sorted({item.theme.name for item in self.theme_items.values()}, key=str.casefold)

    def post_it_scene_pos(self, post_it: PostIt) -> QPointF:
        rect = self.rects.get(post_it.zone)
        if rect is None:
            return QPointF(post_it.x, post_it.y)
        return QPointF(rect.x + post_it.x, rect.y + post_it.y)

    def zone_rect(self, key: str) -> QRectF:
        r = self.rects[key]
        return QRectF(r.x, r.y, r.width, r.height)

    def zone_focus_rect(self, key: str) -> QRectF:
        """A zone down to its lowest post-it (not the empty rows kept for the next ones): what
        a view of one zone shows."""
        rect = self.zone_rect(key)
        # From the post-its' places, as each item is put (a refit follows every drag of many).
        lowest = max((item.post_it.y for item in self.post_it_items.values() if item.post_it.zone == key),
                     default=ZONE_HEADER)
        bottom = rect.y() + max(lowest, ZONE_HEADER) + POST_IT_HEIGHT + ZONE_MARGIN
        rect.setBottom(min(rect.bottom(), bottom))
        return rect.adjusted(-8, -8, 8, 8)

    # -- layout --------------------------------------------------------------------------------

    def relayout(self, placed: Iterable[PostItItem] = ()) -> None:
        """Lay the zones out for their post-its; `placed` are items whose post-its changed place,
        put where the store has them now (the others keep their places unless their zone moved)."""
        extents = zone_extents((z.key for z in self.wall.zones),
                               [item.post_it for item in self.post_it_items.values()])
        old = self.rects
        self.rects = zone_rects(self.wall.zones, extents)
        moved = {key for key, rect in self.rects.items()
                 if key not in old or (old[key].x, old[key].y) != (rect.x, rect.y)}
        for key, item in self.zone_items.items():
            item.set_rect(self.zone_rect(key))
        # Only post-its of zones that moved need moving: the others keep their places.
        rects = self.rects
        self._place([item for item in self.post_it_items.values()
                     if item.post_it.zone in moved or item.post_it.zone not in rects])
        self._place(item for item in placed if item.post_it.zone not in moved and item.post_it.zone in rects)
        self._refresh_themes(self.theme_items)
        self._refresh_counts()
        whole = QRectF()
        for key in self.rects:
            whole = whole.united(self.zone_rect(key))
        self.setSceneRect(whole.adjusted(-20, -20, 20, 20))
        self.detail_layer.set_rect(self.sceneRect())

    def _place(self, items: Iterable[PostItItem]) -> None:
        """Each item where the store has its post-it. After a drag most already are (Qt moved
        them): `setPos` returns at once for those, cheaper than asking where each one is."""
        rects = self.rects
        for item in items:
            post_it = item.post_it
            rect = rects.get(post_it.zone)
            if rect is None:
                item.setPos(post_it.x, post_it.y)
            else:
                item.setPos(rect.x + post_it.x, rect.y + post_it.y)

    def _refresh_counts(self) -> None:
        counts = self.counts()
        for key, item in self.zone_items.items():
            item.set_count(counts.get(key, 0))

    def restore_positions(self) -> None:
        """Put every item back where the store says (after a drag the store refused or ignored)."""
        self._place(self.post_it_items.values())
        self._refresh_themes(self.theme_items)

    # -- mirroring -----------------------------------------------------------------------------

    def _add_post_it_item(self, post_it: PostIt) -> PostItItem:
        item = PostItItem(post_it, self.colours.get(post_it.zone, OTHER_COLOUR))
        self.addItem(item)
        self.post_it_items[post_it.id] = item
        self._counts[post_it.zone] += 1
        item.setPos(self.post_it_scene_pos(post_it))
        return item

    def _add_theme_item(self, found) -> None:
        item = ThemeItem(found)
        self.addItem(item)
        self.theme_items[found.id] = item

    def _rows(self, table: str, ids: list) -> dict[str, Mapping[str, Any] | None]:
        """The rows' values now: from the operation's change set being announced (no reading),
        else (an edit of the programme editors', a workshop deleted and its undo) from the store."""
        changes = self.document.announcing
        if changes is not None:
            wanted = set(ids)
            found: dict[str, Mapping[str, Any] | None] = {}
            for r in changes.rows:
                if r.table == table and r.id in wanted:
                    found[r.id] = r.after
            return found
        return self._read(table, ids)

    def _post_it_rows(self, ids: list) -> tuple[dict[str, Mapping[str, Any] | None], dict[str, Mapping[str, Any]],
                                               list[ColumnUpdate]]:
        """As `_rows` for post-its, with the values written by each row's one update in the
        change set being announced, by id: the scene applies those to the post-it it holds (a
        drag of a thousand makes no whole row for each); such ids map to None in the rows. An
        update of many rows at once (`ColumnUpdate`, a drag) comes as it is, in the third place."""
        changes = self.document.announcing
        if changes is None:
            return self._read(POST_ITS, ids), {}, []
        touching = [r for r in changes.rows if r.table == POST_ITS]
        columnar = [r for r in touching if type(r) is ColumnUpdate]
        if columnar:
            if len(columnar) == len(touching) and all("exercise_id" not in r.columns for r in columnar):
                return {}, {}, columnar
            return self._read(POST_ITS, ids), {}, []  # mixed with rows of other kinds: as they are now
        wanted = set(ids)
        held = self.post_it_items
        found: dict[str, Any] = {}
        updates: dict[str, Mapping[str, Any]] = {}
        for r in touching:
            if r.id not in wanted:
                continue
            if r.id in found:  # touched again: its last after image, whole
                updates.pop(r.id, None)
                found[r.id] = r.after
            elif (type(r) is RowUpdate and r.id in held
                  and "exercise_id" not in r.values and "id" not in r.values):
                updates[r.id] = r.values
                found[r.id] = None
            else:
                found[r.id] = r.after
        return found, updates, []

    def _read(self, table: str, ids: list) -> dict[str, Mapping[str, Any] | None]:
        if table == POST_ITS:
            rows = {row["id"]: row for start in range(0, len(ids), 500)
                    for row in self._query_post_its(ids[start:start + 500])}
        else:
            rows = {tid: self.document.workspace.get(THEMES, tid) for tid in ids}
        return {i: rows.get(i) for i in ids}

    def _query_post_its(self, ids: list) -> list[dict[str, Any]]:
        marks = ", ".join("?" for _ in ids)
        return self.document.workspace.query(f"SELECT * FROM {POST_ITS} WHERE id IN ({marks})", ids)

    def _on_document_records_added(self, table: str, ids: list) -> None:
        self._on_document_records_changed(table, ids, [])

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        if table == POST_ITS:
            self._mirror_post_its(*self._post_it_rows(ids))
        elif table == THEMES:
            self._mirror_themes(self._rows(THEMES, ids))

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        if table == POST_ITS:
            self._mirror_post_its(dict.fromkeys(ids))
        elif table == THEMES:
            self._mirror_themes(dict.fromkeys(ids))

    def _follow(self, item: PostItItem, old: PostIt, found: PostIt, touched: set[str],
                placed: list[PostItItem]) -> bool:
        """Give an item its post-it's new values; note the themes it leaves and joins and
        whether it moved. True if it changed zone (the zones' layout must follow)."""
        item.set_post_it(found, self.colours.get(found.zone, OTHER_COLOUR))
        if old.theme_id:
            touched.add(old.theme_id)
        if found.theme_id:
            touched.add(found.theme_id)
        if old.x != found.x or old.y != found.y or old.zone != found.zone:
            placed.append(item)
        if old.zone == found.zone:
            return False
        self._counts[old.zone] -= 1
        self._counts[found.zone] += 1
        return True

    def _follow_moves(self, update: ColumnUpdate, indexes: list[int], touched: set[str],
                      placed: list[PostItItem]) -> tuple[bool, bool]:
        """Post-its moved (a drag: the update wrote their zones and places, at `indexes`): each
        item holds its post-it at the new place, to be put there; only one that changed zone
        needs more (`_follow`). Returns whether the scene holds any of them, and whether the
        zones' layout must follow (a zone changed, or a post-it now lies beyond its zone)."""
        items, rects = self.post_it_items, self.rects
        # `_outgrows` for each zone, looked up once.
        limits = {key: (rect.width, rect.height) for key, rect in rects.items()}
        wide, tall = POST_IT_WIDTH + ZONE_MARGIN, POST_IT_HEIGHT + ZONE_MARGIN
        at_zone, at_x, at_y = indexes
        held = needs_layout = False
        for pid, values in zip(update.ids, update.new, strict=True):
            item = items.get(pid)
            if item is None:
                continue
            held = True
            old = item.post_it
            found = post_it_moved(old, values[at_zone], values[at_x], values[at_y])
            if found is None:
                continue
            if found.zone != old.zone:
                self._follow(item, old, found, touched, placed)
                needs_layout = True
                continue
            item.post_it = found  # its words, colour and dots are as they were
            placed.append(item)
            if old.theme_id:
                touched.add(old.theme_id)
            if not needs_layout:
                limit = limits.get(found.zone)
                needs_layout = limit is None or found.x + wide > limit[0] or found.y + tall > limit[1]
        return held, needs_layout

    def _mirror_post_its(self, rows: Mapping[str, Mapping[str, Any] | None],
                         updates: Mapping[str, Mapping[str, Any]] | None = None,
                         columnar: Iterable[ColumnUpdate] = ()) -> None:
        """Post-its added, changed or (None) removed: their items follow, the wall grows or
        shrinks only when a zone must, and only the themes they touch are redrawn. `updates`:
        the values written to rows of items the scene holds (their rows are not given);
        `columnar`: updates of many post-its at once (a drag), in order."""
        needs_layout = False
        touched: set[str] = set()
        placed: list[PostItItem] = []
        mirrored = False
        items, rects, exercise_id = self.post_it_items, self.rects, self.exercise_id
        updates = updates or {}
        for update in columnar:
            # The written columns' new values on the post-its held here (another wall's are not).
            fields = post_it_fields(update.columns)
            if [name for _index, name, _kind in fields] == ["zone", "x", "y"]:
                held, grows = self._follow_moves(update, [index for index, _name, _kind in fields], touched, placed)
                mirrored = mirrored or held
                needs_layout = needs_layout or grows
                continue
            for pid, values in zip(update.ids, update.new, strict=True):
                item = items.get(pid)
                if item is None:
                    continue
                old = item.post_it
                found = post_it_written(old, fields, values)
                mirrored = True
                if found is None:
                    continue
                if self._follow(item, old, found, touched, placed) or (not needs_layout and _outgrows(found, rects)):
                    needs_layout = True
        if updates:
            # Updates of post-its held here: the written values on the post-its they hold (a
            # drag of a thousand); only their places, zones, counts and themes can need more.
            for pid, values in updates.items():
                item = items[pid]
                old = item.post_it
                found = post_it_updated(old, values)
                mirrored = True
                if found is None:
                    continue
                if self._follow(item, old, found, touched, placed) or (not needs_layout and _outgrows(found, rects)):
                    needs_layout = True
        for pid, row in rows.items():
            if row is None and pid in updates:
                continue  # followed above
            item = items.get(pid)
            if row is None or row["exercise_id"] != exercise_id:
                if item is not None:
                    del items[pid]
                    self._counts[item.post_it.zone] -= 1
                    if item.post_it.theme_id:
                        touched.add(item.post_it.theme_id)
                    self.removeItem(item)
                    mirrored = needs_layout = True
                continue
            found = post_it_from_row(row)
            mirrored = True
            if item is None:
                self._add_post_it_item(found)
            else:
                old = item.post_it
                if old == found:
                    continue
                if self._follow(item, old, found, touched, placed):
                    needs_layout = True
            if not needs_layout and _outgrows(found, rects):
                needs_layout = True
            if found.theme_id:
                touched.add(found.theme_id)
        if not mirrored:
            return
        if needs_layout:
            self.relayout(placed)
        else:
            self._place(placed)
            self._refresh_counts()
            self._refresh_themes(touched)
        self.wall_changed.emit()

    def _mirror_themes(self, rows: Mapping[str, Mapping[str, Any] | None]) -> None:
        mirrored = False
        for tid, row in rows.items():
            item = self.theme_items.get(tid)
            if row is None or row["exercise_id"] != self.exercise_id:
                if item is not None:
                    del self.theme_items[tid]
                    self.removeItem(item)
                    mirrored = True
                continue
            found = theme_from_row(row)
            if item is None:
                self._add_theme_item(found)
            else:
                item.theme = found
            self._refresh_themes([tid])
            mirrored = True
        if mirrored:
            self.wall_changed.emit()

    def _refresh_themes(self, theme_ids: Iterable[str]) -> None:
        wanted = {tid for tid in theme_ids if tid in self.theme_items}
        if not wanted:
            return
        members: dict[str, list[PostItItem]] = {tid: [] for tid in wanted}
        for item in self.post_it_items.values():
            if item.post_it.theme_id in members:
                members[item.post_it.theme_id].append(item)
        for tid, items in members.items():
            self.theme_items[tid].set_members(items)

    # -- one drag = one drop signal on release -------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._pressed = {i: i.pos() for i in self.selectedItems() if isinstance(i, PostItItem)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, {}
        moved = {item.post_it.id: (item.pos().x(), item.pos().y())
                 for item, before in pressed.items() if item.scene() is self and item.pos() != before}
        if moved:
            self.post_its_dropped.emit(moved)
            self.restore_positions()

    # -- the picture -----------------------------------------------------------------------------

    def render_png(self, longest: int = 3200) -> bytes | None:
        """The whole wall as PNG bytes whose longer side is `longest` pixels, without the
        selection; None if Qt could not draw or encode it (the caller reports that)."""
        rect = self.sceneRect()
        scale = longest / max(rect.width(), rect.height())
        width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
        image = QImage(width, height, QImage.Format_ARGB32)
        if image.isNull():
            return None
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        selected = self.selectedItems()
        for item in selected:
            item.setSelected(False)
        floor, self.text_floor_px = self.text_floor_px, 0.0
        self.render(painter, QRectF(0, 0, width, height), rect)
        self.text_floor_px = floor
        painter.end()
        for item in selected:
            item.setSelected(True)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        saved = image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data()) if saved else None


def _outgrows(found: PostIt, rects: Mapping[str, QRectF]) -> bool:
    """Whether a post-it lies beyond its zone's rectangle (or its zone has none yet)."""
    rect = rects.get(found.zone)
    return (rect is None or found.x + POST_IT_WIDTH + ZONE_MARGIN > rect.width
            or found.y + POST_IT_HEIGHT + ZONE_MARGIN > rect.height)
