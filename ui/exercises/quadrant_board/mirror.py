"""One board's items and placements, kept in step with the store item by item.

The board is read once (and again only when another small group's board is chosen). After
that each change the document reports is applied to the rows it names: a drag of one chip
reads one placement, never the whole board. The scene, the list and the compare table all
draw from a mirror.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from partnerdesk.quadrant_board import values
from ui.document import WorkspaceDocument

ITEMS, PLACEMENTS = "board_items", "placements"


class BoardMirror(QObject):
    """The items and placements of one board (an exercise, for one small group or the room)."""

    #: The whole board was read again (another group's board).
    reset = Signal()
    items_added = Signal(list)  # item ids
    items_changed = Signal(list)
    items_removed = Signal(list)
    placements_added = Signal(list)  # placement ids
    placements_changed = Signal(list)
    #: Placement ids and the ids of their items; they are already gone from `placements`.
    placements_removed = Signal(list, list)

    def __init__(self, document: WorkspaceDocument, exercise_id: str, group_id: str | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.exercise_id = exercise_id
        self.group_id = group_id
        self.items: dict[str, values.BoardItem] = {}
        self.placements: dict[str, values.Placement] = {}
        #: The placements of each item, in the order they were made.
        self.by_item: dict[str, dict[str, None]] = {}
        self._read()
        document.records_added.connect(self._on_document_records_added)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_removed.connect(self._on_document_records_removed)

    def _read(self) -> None:
        ws = self.document.workspace
        self.items = {i.id: i for i in values.items(ws, self.exercise_id, self.group_id)}
        self.placements = {}
        self.by_item = {item_id: {} for item_id in self.items}
        for spot in values.placements(ws, self.exercise_id, self.group_id):
            self._keep_placement(spot)

    def set_group(self, group_id: str | None) -> None:
        self.group_id = group_id
        self._read()
        self.reset.emit()

    # -- reading ---------------------------------------------------------------------------------

    def placements_of(self, item_id: str) -> list[values.Placement]:
        return [self.placements[p] for p in self.by_item.get(item_id, ())]

    def ordered_items(self) -> list[values.BoardItem]:
        return sorted(self.items.values(), key=lambda i: i.position)

    # -- following the store ---------------------------------------------------------------------

    def _mine(self, row: dict | None) -> bool:
        return (row is not None and row["exercise_id"] == self.exercise_id
                and row["group_id"] == self.group_id)

    def _keep_placement(self, spot: values.Placement) -> None:
        self.placements[spot.id] = spot
        self.by_item.setdefault(spot.item_id, {})[spot.id] = None

    def _drop_placement(self, placement_id: str) -> str | None:
        """Forget a placement; returns its item's id (None if it was not on this board)."""
        spot = self.placements.pop(placement_id, None)
        if spot is None:
            return None
        self.by_item.get(spot.item_id, {}).pop(placement_id, None)
        return spot.item_id

    def _on_document_records_added(self, table: str, ids: list) -> None:
        ws = self.document.workspace
        if table == ITEMS:
            added = []
            rows = values.items_by_id(ws, ids)
            for item_id in ids:
                row = rows.get(item_id)
                if self._mine(row):
                    self.items[item_id] = values.item_from_row(row)
                    self.by_item.setdefault(item_id, {})
                    added.append(item_id)
            if added:
                self.items_added.emit(added)
        elif table == PLACEMENTS:
            added = []
            spots = values.placements_by_id(ws, ids)
            for placement_id in ids:
                spot = spots.get(placement_id)
                if spot is not None and spot.item_id in self.items:
                    self._keep_placement(spot)
                    added.append(placement_id)
            if added:
                self.placements_added.emit(added)

    def _on_document_records_changed(self, table: str, ids: list, _columns: list) -> None:
        ws = self.document.workspace
        if table == ITEMS:
            changed, gone = [], []
            rows = values.items_by_id(ws, [i for i in ids if i in self.items])
            for item_id in ids:
                if item_id not in self.items:
                    continue
                row = rows.get(item_id)
                if self._mine(row):
                    self.items[item_id] = values.item_from_row(row)
                    changed.append(item_id)
                else:
                    gone.append(item_id)
            if changed:
                self.items_changed.emit(changed)
            if gone:
                self._remove_items(gone)
        elif table == PLACEMENTS:
            changed, added, gone, owners = [], [], [], []
            spots = values.placements_by_id(ws, ids)
            for placement_id in ids:
                spot = spots.get(placement_id)
                known = placement_id in self.placements
                if known and (spot is None or self.placements[placement_id].item_id != spot.item_id):
                    owners.append(self._drop_placement(placement_id))
                    gone.append(placement_id)
                    known = False
                if spot is not None and spot.item_id in self.items:
                    self._keep_placement(spot)
                    (changed if known else added).append(placement_id)
            if gone:
                self.placements_removed.emit(gone, owners)
            if added:
                self.placements_added.emit(added)
            if changed:
                self.placements_changed.emit(changed)

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        if table == ITEMS:
            self._remove_items([i for i in ids if i in self.items])
        elif table == PLACEMENTS:
            gone, owners = [], []
            for placement_id in ids:
                owner = self._drop_placement(placement_id)
                if owner is not None:
                    gone.append(placement_id)
                    owners.append(owner)
            if gone:
                self.placements_removed.emit(gone, owners)

    def _remove_items(self, ids: list[str]) -> None:
        if not ids:
            return
        # Their placements go first (the store reports them first too, children before parents).
        spots = [p for item_id in ids for p in self.by_item.get(item_id, ())]
        owners = [self._drop_placement(p) for p in spots]
        if spots:
            self.placements_removed.emit(spots, owners)
        for item_id in ids:
            self.items.pop(item_id, None)
            self.by_item.pop(item_id, None)
        self.items_removed.emit(ids)
