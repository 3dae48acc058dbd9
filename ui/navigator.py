"""The navigator: programmes, their workshops and each workshop's exercises, then standalone
workshops. Each node carries what it shows as a `NodeKey` (kind, record id)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from partnerdesk import records
from partnerdesk.resources import templates
from ui.document import WorkspaceDocument
from ui.text import plain_tooltip

KEY_ROLE = Qt.UserRole + 1
_WATCHED = {"programmes", "workshops", "exercises", "small_groups"}


class NodeKey(NamedTuple):
    kind: str  # "programme", "workshop", "exercise", "standalone"
    id: str

    def encode(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> NodeKey | None:
        if not text:
            return None
        kind, _, record_id = str(text).partition(":")
        return cls(kind, record_id)


STANDALONE = NodeKey("standalone", "")


def _workshop_label(workshop: records.Workshop) -> str:
    title = workshop.title or "Untitled workshop"
    return f"{workshop.date}  {title}" if workshop.date else title


class NavigatorModel(QStandardItemModel):
    """Rebuilt from the store when a programme, workshop or exercise changes (a few hundred
    nodes at most, so a rebuild is cheaper than bookkeeping); the view keeps its place."""

    def __init__(self, document: WorkspaceDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.setHorizontalHeaderLabels(["Workspace"])
        self.rebuild()

    def rebuild(self) -> None:
        ws = self.document.workspace
        self.clear()
        self.setHorizontalHeaderLabels(["Workspace"])
        root = self.invisibleRootItem()
        template_titles = {t.id: t.title for t in templates().values()}
        for programme in records.programmes(ws):
            item = self._item(programme.title or "Untitled programme", NodeKey("programme", programme.id))
            root.appendRow(item)
            for workshop in records.workshops(ws, programme.id):
                item.appendRow(self._workshop_item(workshop, template_titles))
        standalone = self._item("Standalone workshops", STANDALONE)
        standalone.setSelectable(True)
        root.appendRow(standalone)
        for workshop in records.workshops(ws, None):
            standalone.appendRow(self._workshop_item(workshop, template_titles))

    def _workshop_item(self, workshop: records.Workshop, template_titles: dict[str, str]) -> QStandardItem:
        item = self._item(_workshop_label(workshop), NodeKey("workshop", workshop.id))
        groups = {g.id: g.name for g in records.small_groups(self.document.workspace, workshop.id)}
        for exercise in records.exercises(self.document.workspace, workshop.id):
            label = exercise.title or template_titles.get(exercise.template, exercise.template)
            if exercise.group_id and exercise.group_id in groups:
                label = f"{label} ({groups[exercise.group_id]})"
            item.appendRow(self._item(label, NodeKey("exercise", exercise.id)))
        return item

    @staticmethod
    def _item(text: str, key: NodeKey) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(key.encode(), KEY_ROLE)
        item.setToolTip(plain_tooltip(text))
        return item

    def index_of(self, key: NodeKey) -> QModelIndex:
        found = self.match(self.index(0, 0), KEY_ROLE, key.encode(), 1, Qt.MatchRecursive | Qt.MatchExactly)
        return found[0] if found else QModelIndex()


class Navigator(QTreeView):
    """The tree on the left; emits `node_selected` with the chosen `NodeKey`."""

    node_selected = Signal(object)  # NodeKey

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigator")
        self.document = document
        self.tree_model = NavigatorModel(document, self)
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setUniformRowHeights(True)
        # Long titles end in "…" within the navigator's width (the splitter makes it wider and
        # is remembered); the tooltip always has the whole title. No sideways scrolling.
        self.setTextElideMode(Qt.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        document.records_added.connect(self._on_document_changed)
        document.records_removed.connect(self._on_document_changed)
        document.records_changed.connect(self._on_document_records_changed)
        self._rebuilding = False

    def current_key(self) -> NodeKey | None:
        index = self.currentIndex()
        return NodeKey.decode(index.data(KEY_ROLE)) if index.isValid() else None

    def select(self, key: NodeKey) -> bool:
        index = self.tree_model.index_of(key)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _rebuild(self) -> None:
        current = self.current_key()
        collapsed = self._collapsed_keys()
        self._rebuilding = True
        try:
            self.tree_model.rebuild()
            self.expandAll()
            for key in collapsed:
                index = self.tree_model.index_of(key)
                if index.isValid():
                    self.collapse(index)
            if current is not None and self.select(current):
                return
        finally:
            self._rebuilding = False
        # The shown record has gone (deleted, or undo of its creation): tell the window.
        self.node_selected.emit(self.current_key())

    def _collapsed_keys(self) -> list[NodeKey]:
        keys = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.tree_model.rowCount(parent)):
                index = self.tree_model.index(row, 0, parent)
                if self.tree_model.hasChildren(index):
                    if not self.isExpanded(index):
                        keys.append(NodeKey.decode(index.data(KEY_ROLE)))
                    walk(index)

        walk(QModelIndex())
        return keys

    def _on_selection_current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous) -> None:
        if not self._rebuilding:
            self.node_selected.emit(NodeKey.decode(current.data(KEY_ROLE)) if current.isValid() else None)

    def _on_document_changed(self, table: str, ids: list) -> None:
        if table in _WATCHED:
            self._rebuild()

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        relevant = {"title", "date", "name", "programme_id", "group_id", "position"}
        if table in _WATCHED and (not columns or relevant & set(columns)):
            self._rebuild()
