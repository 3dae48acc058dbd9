"""Help inside the app: the user guide and the keyboard shortcuts card.

The card reads the menus' own actions, so their keys are always right, and adds each screen's
keys from `resources/help/shortcuts.json`.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.resources import resource_path


def _fit_to_screen(dialog: QDialog, width: int, height: int) -> None:
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
    dialog.resize(width, height)


class UserGuideDialog(QDialog):
    """The short user guide (resources/help/guide.md), in the facilitator's words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("PartnerDesk user guide")
        self.browser = QTextBrowser()
        self.browser.setObjectName("user_guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(resource_path("help", "guide.md").read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        _fit_to_screen(self, 720, 680)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action that has a shortcut, in menu order."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        rows.extend(_menu_rows(menu_action.text().replace("&", ""), menu.actions()))
    return rows


def _menu_rows(menu_title: str, actions: list[QAction]) -> list[tuple[str, str, str]]:
    rows = []
    for action in actions:
        if action.menu() is not None:
            rows.extend(_menu_rows(f"{menu_title} ▸ {action.text().replace('&', '')}", action.menu().actions()))
            continue
        keys = ", ".join(s.toString(QKeySequence.NativeText) for s in action.shortcuts() if not s.isEmpty())
        if keys:
            name = action.text().replace("&", "").rstrip("…")
            rows.append((menu_title, name, keys))
    return rows


def screen_shortcuts() -> list[tuple[str, str, str]]:
    raw = json.loads(resource_path("help", "shortcuts.json").read_text(encoding="utf-8"))
    return [(screen["title"], what, keys) for screen in raw["screens"] for keys, what in screen["keys"]]


class ShortcutsDialog(QDialog):
    """Every key, grouped by menu and by screen: a card to keep beside the laptop."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = menu_shortcuts(window) + screen_shortcuts()
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemIsEnabled)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        _fit_to_screen(self, 760, 640)
