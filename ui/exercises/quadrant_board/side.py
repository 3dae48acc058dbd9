"""Beside the board: the name box, the list, the quadrant buttons, the checklists and help, in
panels the facilitator can resize or fold away (the sizes are remembered)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.paths import settings_file
from partnerdesk.quadrant_board import values


def remember_splitter(splitter: QSplitter, key: str) -> bool:
    """Restore the facilitator's sizes for this splitter, and keep them when they change.
    Returns whether there were sizes to restore."""
    store = QSettings(str(settings_file()), QSettings.IniFormat)
    state = store.value(f"quadrant_board/{key}")
    restored = isinstance(state, QByteArray | bytes) and bool(state) and splitter.restoreState(QByteArray(state))

    def keep(*_args) -> None:
        # splitterMoved comes with every mouse move of a drag: the value is kept in memory (every
        # QSettings of this file in the process sees it at once) and Qt writes the file itself,
        # from the event loop and when `store` goes, rather than a file write per mouse move.
        store.setValue(f"quadrant_board/{key}", splitter.saveState())

    # The connection goes with the splitter, its sender.
    splitter.splitterMoved.connect(keep)
    return restored


class NameBox(QLineEdit):
    """The name box. Right after an add, while it is still empty, a key 1-4 places the item
    just added and F2 renames it; any other key ends that moment and types as usual, so a
    name that starts with a digit is typed as it is once the first add's moment has passed
    (or after Esc)."""

    #: The item just added goes to the quadrant with this key.
    place_requested = Signal(str, str)
    rename_requested = Signal(str)
    #: The moment after an add ended (Esc, another key, or the focus went elsewhere).
    moment_ended = Signal()

    def __init__(self, board: values.BoardTemplate, parent: QWidget | None = None):
        super().__init__(parent)
        self.board = board
        self.just_added: str | None = None

    def offer_placing(self, item_id: str) -> None:
        self.just_added = item_id

    def end_moment(self) -> None:
        if self.just_added is not None:
            self.just_added = None
            self.moment_ended.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item_id = self.just_added
        if item_id is not None and not self.text():
            plain = not event.modifiers() & ~Qt.KeypadModifier
            if plain and event.text() in {q.key for q in self.board.quadrants}:
                self.just_added = None
                self.place_requested.emit(item_id, event.text())
                event.accept()
                return
            if event.key() == Qt.Key_F2:
                self.just_added = None
                self.rename_requested.emit(item_id)
                event.accept()
                return
            if event.key() == Qt.Key_Escape and plain:
                self.end_moment()
                event.accept()
                return
        if event.key() not in (Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_Meta):
            self.end_moment()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A completer's popup takes the focus for a moment; anything else ends the moment.
        if event.reason() != Qt.PopupFocusReason:
            self.end_moment()
        super().focusOutEvent(event)


class SidePanel(QSplitter):
    """The list (Step 1) with its name box and quadrant buttons; then the checklists (Box 7,
    Box 8) and the help, each a pane of a splitter that can be resized or folded away."""

    def __init__(self, board: values.BoardTemplate, checklists: QWidget, parent: QWidget | None = None):
        super().__init__(Qt.Vertical, parent)
        self.setObjectName("board_side")
        self.board = board
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.add_edit = NameBox(board, top)
        self.add_edit.setObjectName("add_item")
        self.add_edit.setPlaceholderText(f"New {board.item_noun}: type a name, press Enter")
        self.add_button = QPushButton("Add", top)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_button)
        top_layout.addLayout(add_row)

        self.list_view = QTableView(top)
        self.list_view.setObjectName("board_items")
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.setWordWrap(True)
        self.list_view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                       | QAbstractItemView.AnyKeyPressed)
        top_layout.addWidget(self.list_view, 1)

        # The buttons sit as the quadrants do on the board: INFORM top left, and so on.
        grid = QGridLayout()
        grid.setSpacing(4)
        self.place_buttons: dict[str, QPushButton] = {}
        for quadrant in board.quadrants:
            button = QPushButton(f"{quadrant.key} {quadrant.name}", top)
            button.setToolTip(f"Place the selected {board.item_noun_plural} in {quadrant.name} "
                              f"(key {quadrant.key})")
            grid.addWidget(button, 0 if quadrant.is_top else 1, 1 if quadrant.is_right else 0)
            self.place_buttons[quadrant.key] = button
        top_layout.addLayout(grid)
        self.addWidget(top)

        self.checklists = checklists
        self.addWidget(checklists)
        self.help_browser = QTextBrowser(self)
        self.help_browser.setObjectName("board_help")
        self.addWidget(self.help_browser)
        self.setCollapsible(0, False)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setStretchFactor(2, 2)
        remember_splitter(self, "side")

    def set_model(self, model) -> None:
        self.list_view.setModel(model)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.list_view.setColumnWidth(0, 150)
