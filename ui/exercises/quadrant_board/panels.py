"""Beside the board: the list of its items, the checklists, and the groups' boards compared."""

from __future__ import annotations

import bisect
import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.errors import InvalidValue
from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board import values
from ui.document import WorkspaceDocument
from ui.exercises.quadrant_board.commands import EditItemCommand, TickCommand
from ui.exercises.quadrant_board.mirror import BoardMirror
from ui.exercises.quadrant_board.scene import BoardScene
from ui.exercises.quadrant_board.side import remember_splitter
from ui.projector_view import ProjectorBoardView
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
NOT_PLACED = "Not placed"
QUADRANT = "quadrant"


class BoardItemModel(QAbstractTableModel):
    """The board's items in list order, with the template's columns and, second (so it stays
    in sight however narrow the list is), the quadrant(s) each is in. Follows its mirror row by
    row; editing a cell pushes one command."""

    def __init__(self, mirror: BoardMirror, board: values.BoardTemplate, parent: QObject | None = None):
        super().__init__(parent)
        self.mirror = mirror
        self.document = mirror.document
        self.board = board
        self.columns = [(c.name, c.heading) for c in board.list_columns]
        self.columns.insert(1, (QUADRANT, "Quadrant"))
        self._ids: list[str] = []
        self._keys: list[tuple[float, str]] = []  # (position, id) of each row, for bisect
        self._where: dict[str, str] = {}
        #: Called with a message when a typed value is refused.
        self.on_invalid = lambda message: None
        self._reset()
        mirror.reset.connect(self._on_mirror_reset)
        mirror.items_added.connect(self._on_mirror_items_added)
        mirror.items_changed.connect(self._on_mirror_items_changed)
        mirror.items_removed.connect(self._on_mirror_items_removed)
        mirror.placements_added.connect(self._on_mirror_placements_touched)
        mirror.placements_changed.connect(self._on_mirror_placements_touched)
        mirror.placements_removed.connect(self._on_mirror_placements_removed)

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][1]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        item_id = self._ids[index.row()]
        if role == Qt.UserRole:
            return item_id
        if role not in (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole):
            return None
        name = self.columns[index.column()][0]
        value = self._where[item_id] if name == QUADRANT else getattr(self.mirror.items[item_id], name)
        if role == Qt.ToolTipRole:
            return plain_tooltip(str(value)) if value else None  # typed text, never markup
        return value

    def flags(self, index: Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.columns[index.column()][0] != QUADRANT and not self.document.read_only:
            flags |= Qt.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole:
            return False
        field, heading = self.columns[index.column()]
        if field == QUADRANT:
            return False
        if field == "label":
            try:
                ops.clean_name(str(value))  # say why here, rather than as a store error
            except InvalidValue as exc:
                self.on_invalid(exc.user_message)
                return False
        command = EditItemCommand(self.document, self.board, self._ids[index.row()], field, heading,
                                  str(value))
        return self.document.push(command)

    # -- helpers -------------------------------------------------------------------------------

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, item_id: str) -> int:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1

    def quadrants_of(self, item_id: str) -> str:
        names: list[str] = []
        for spot in self.mirror.placements_of(item_id):
            name = values.quadrant_of(self.board, spot.x, spot.y).name
            if name not in names:
                names.append(name)
        return ", ".join(names) or NOT_PLACED

    # -- following the mirror ------------------------------------------------------------------

    def _reset(self) -> None:
        listed = self.mirror.ordered_items()
        self._ids = [i.id for i in listed]
        self._keys = [(i.position, i.id) for i in listed]
        self._where = {i.id: self.quadrants_of(i.id) for i in listed}

    def _on_mirror_reset(self) -> None:
        self.beginResetModel()
        self._reset()
        self.endResetModel()

    def _on_mirror_items_added(self, ids: list) -> None:
        for item_id in ids:
            found = self.mirror.items[item_id]
            row = bisect.bisect(self._keys, (found.position, found.id))
            self.beginInsertRows(QModelIndex(), row, row)
            self._keys.insert(row, (found.position, found.id))
            self._ids.insert(row, item_id)
            self._where[item_id] = self.quadrants_of(item_id)
            self.endInsertRows()

    def _on_mirror_items_changed(self, ids: list) -> None:
        for item_id in ids:
            row = self.row_of(item_id)
            if row < 0:
                continue
            position = self.mirror.items[item_id].position
            if self._keys[row][0] != position:
                # Moved in the list: out and back in at its place.
                self._on_mirror_items_removed([item_id])
                self._on_mirror_items_added([item_id])
                continue
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _on_mirror_items_removed(self, ids: list) -> None:
        for item_id in ids:
            row = self.row_of(item_id)
            if row < 0:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            del self._keys[row]
            self._where.pop(item_id, None)
            self.endRemoveRows()

    def _on_mirror_placements_touched(self, ids: list) -> None:
        self._requadrant({self.mirror.placements[p].item_id for p in ids if p in self.mirror.placements})

    def _on_mirror_placements_removed(self, _ids: list, item_ids: list) -> None:
        self._requadrant(set(item_ids))

    def _requadrant(self, item_ids: set[str]) -> None:
        column = 1
        for item_id in item_ids:
            if item_id not in self._where:
                continue
            where = self.quadrants_of(item_id)
            if where != self._where[item_id]:
                self._where[item_id] = where
                index = self.index(self.row_of(item_id), column)
                self.dataChanged.emit(index, index)


class ChecklistPanel(QTreeWidget):
    """The template's checklists (Box 7, Box 8) for the item chosen in the list: ticking an
    entry is one command. Built once: refreshing only changes ticks and flags, so no tree item
    is ever deleted while it is emitting its own change."""

    #: An entry was chosen: its title and its text, for the help pane.
    entry_chosen = Signal(str, str)

    def __init__(self, mirror: BoardMirror, board: values.BoardTemplate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checklists")
        self.setHeaderHidden(True)
        self.mirror = mirror
        self.document = mirror.document
        self.board = board
        self.item_id: str | None = None
        self._filling = False
        self._entries: dict[tuple[str, str], QTreeWidgetItem] = {}
        for checklist in board.checklists:
            top = QTreeWidgetItem([checklist.title])
            top.setFlags(Qt.ItemIsEnabled)
            self.addTopLevelItem(top)
            for entry in checklist.entries:
                child = QTreeWidgetItem([entry.title])
                child.setToolTip(0, plain_tooltip(entry.text))
                child.setData(0, Qt.UserRole, (checklist.id, entry.id))
                top.addChild(child)
                self._entries[(checklist.id, entry.id)] = child
            top.setExpanded(True)
        self.setVisible(bool(board.checklists))
        self.itemChanged.connect(self._on_self_item_changed)
        self.currentItemChanged.connect(self._on_self_current_item_changed)

    def entry(self, checklist_id: str, entry_id: str) -> QTreeWidgetItem | None:
        return self._entries.get((checklist_id, entry_id))

    def show_item(self, item_id: str | None) -> None:
        """Show the ticks of one item (None: none chosen, nothing to tick)."""
        self.item_id = item_id
        if not self.board.checklists:
            return
        found = self.mirror.items.get(item_id) if item_id else None
        ticked = values.ticks(self.document.workspace, item_id) if found else {}
        self._filling = True
        try:
            for key, child in self._entries.items():
                flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
                if found is not None:
                    child.setFlags(flags | Qt.ItemIsUserCheckable)
                    child.setCheckState(0, Qt.Checked if key in ticked else Qt.Unchecked)
                else:
                    child.setFlags(flags)
                    child.setData(0, Qt.CheckStateRole, None)
            heading = f"For: {found.label}" if found else f"Choose a {self.board.item_noun} to tick these"
            self.setHeaderLabel(heading)
            self.setHeaderHidden(False)
        finally:
            self._filling = False

    def _on_self_item_changed(self, tree_item: QTreeWidgetItem, _column: int) -> None:
        key = tree_item.data(0, Qt.UserRole)
        if self._filling or not self.item_id or not key:
            return
        checklist, entry = key
        wanted = tree_item.checkState(0) == Qt.Checked
        if wanted != ((checklist, entry) in values.ticks(self.document.workspace, self.item_id)):
            self.document.push(TickCommand(self.document, self.item_id, checklist, entry, tree_item.text(0),
                                           wanted))

    def _on_self_current_item_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and current.toolTip(0):
            self.entry_chosen.emit(current.text(0), current.toolTip(0))


class CompareView(QDialog):
    """The groups' boards side by side, and the items by quadrant per group, as in the
    workbook's feedback for Activity 3. Follows every edit, item by item.

    A window of its own, sized to the screen it opens on; the boards and the table share it
    through a splitter the facilitator can move (remembered), and the table starts tall enough
    to show every quadrant's row."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, board: values.BoardTemplate,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("compare_view")
        self.setWindowTitle(f"Compare groups — {board.title}")
        self.document = document
        self.exercise_id = exercise_id
        self.board = board
        exercise = records.exercise(document.workspace, exercise_id)
        groups = values.compared_groups(document.workspace, exercise)
        self.names = [values.group_label(g) for g in groups]
        boards_widget = QWidget(self)
        grid = QGridLayout(boards_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.scenes: list[BoardScene] = []
        self.mirrors: list[BoardMirror] = []
        # Side by side: all in one row when there are few, two rows for four or more.
        columns = len(groups) if len(groups) <= 2 else math.ceil(len(groups) / 2)
        for n, group in enumerate(groups):
            mirror = BoardMirror(document, exercise_id, group.id if group else None, self)
            for signal in (mirror.items_added, mirror.items_changed, mirror.items_removed,
                           mirror.placements_added, mirror.placements_changed, mirror.placements_removed):
                signal.connect(self._on_mirror_changed)
            self.mirrors.append(mirror)
            scene = BoardScene(mirror, board, values.group_label(group), interactive=False, parent=self)
            self.scenes.append(scene)
            view = ProjectorBoardView(scene, boards_widget, rect=scene.sceneRect())
            view.setMinimumSize(160, 90)
            grid.addWidget(view, n // columns, n % columns)
        self.table = QTableWidget(self)
        self.table.setObjectName("compare_table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.setObjectName("compare_splitter")
        self.splitter.addWidget(boards_widget)
        self.splitter.addWidget(self.table)
        self.splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignRight)
        # Wrapped cells grow or shrink with their column: their rows follow.
        self.table.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        self.refresh()
        self._fit_screen(parent)
        self._share_pending = not remember_splitter(self.splitter, "compare")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._share_pending:
            # Once laid out, when the columns have their widths and the rows their heights.
            self._share_pending = False
            QTimer.singleShot(0, self._share_height)

    def _on_header_section_resized(self, *_args) -> None:
        self.table.resizeRowsToContents()

    def _fit_screen(self, parent: QWidget | None) -> None:
        """Within the screen it opens on: a 1366×768 laptop has room for 1100×800 less a task bar."""
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        width = min(1100, room.width() - 40)
        height = min(800, room.height() - 60)
        self.resize(width, height)
        self.move(room.left() + (room.width() - width) // 2, room.top() + (room.height() - height) // 2)

    def _share_height(self) -> None:
        """The table as tall as its rows (up to half the window), the boards the rest."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        wanted = rows + self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 4
        total = sum(self.splitter.sizes())
        table = min(wanted, total // 2)
        self.splitter.setSizes([total - table, table])

    def refresh(self) -> None:
        """The table from the mirrors (no store read): each cell the group's names in that
        quadrant, one after another and wrapped, so four rows fit."""
        quadrants = [q.name for q in self.board.quadrants]
        self.table.setColumnCount(len(self.names))
        self.table.setRowCount(len(quadrants))
        self.table.setHorizontalHeaderLabels(self.names)
        self.table.setVerticalHeaderLabels(quadrants)
        for column, mirror in enumerate(self.mirrors):
            cells = values.by_quadrant(self.board, mirror.ordered_items(), mirror.placements.values())
            for row, quadrant in enumerate(quadrants):
                labels = list(cells[quadrant])
                cell = QTableWidgetItem("; ".join(labels))
                cell.setData(Qt.UserRole, labels)
                cell.setToolTip(plain_tooltip("\n".join(labels)))
                self.table.setItem(row, column, cell)

    def cell_labels(self, quadrant: str, group: str) -> list[str]:
        quadrants = [q.name for q in self.board.quadrants]
        return list(self.table.item(quadrants.index(quadrant), self.names.index(group)).data(Qt.UserRole))

    def _on_mirror_changed(self, *_args) -> None:
        self.refresh()
