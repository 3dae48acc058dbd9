"""The controls round the wall: the post-it line, the theme and dot bar, and the side panel.

They show what they are given and hand clicks to the screen; none of them writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.post_it_wall.values import MAX_TEXT, DotSummary, PostIt, WallTemplate, ranking
from ui.text import plain_tooltip

HIDDEN_TEXT = "(hidden post-it)"


class _UndoPassThrough(QObject):
    """Lets Ctrl+Z reach the wall's undo when a line is empty (a line edit keeps it otherwise)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.ShortcutOverride and isinstance(watched, QLineEdit)
                and not watched.text()
                and (event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo))):
            event.ignore()
            return True
        return False


class _EnterFilter(QObject):
    """Runs an action on Enter in a line edit and keeps the key from going any further."""

    def __init__(self, action: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.action()
            return True
        return False


class PostItLine(QWidget):
    """Where the next post-it goes, who wrote it (only if they want), its words, hide and reveal."""

    def __init__(self, wall: WallTemplate, parent: QWidget | None = None):
        super().__init__(parent)
        self.wall = wall
        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("zone_combo")
        for i, zone in enumerate(wall.zones, start=1):
            self.zone_combo.addItem(f"{i}  {zone.label}: {zone.question}", zone.key)
        # Long questions would make the box, and so the screen, too wide for a laptop.
        self.zone_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.zone_combo.setMinimumContentsLength(18)
        self.zone_combo.setToolTip("The zone new post-its go to (Ctrl+1, Ctrl+2… to switch)")
        self.zone_swatch = QLabel()
        self.zone_swatch.setFixedSize(22, 22)
        self.post_it_edit = QLineEdit()
        self.post_it_edit.setObjectName("post_it_edit")
        self.post_it_edit.setPlaceholderText("Type a post-it and press Enter")
        self.post_it_edit.setMaxLength(MAX_TEXT)
        self._undo_filter = _UndoPassThrough(self)
        self.post_it_edit.installEventFilter(self._undo_filter)
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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.zone_swatch)
        row.addWidget(self.zone_combo, 2)
        row.addWidget(self.post_it_edit, 3)
        row.addWidget(self.author_edit, 1)
        row.addWidget(self.hidden_check)
        row.addWidget(self.reveal_button)
        self.zone_combo.currentIndexChanged.connect(self._on_zone_combo_current_index_changed)
        self._show_zone_colour()

    @property
    def current_zone(self) -> str:
        return self.zone_combo.currentData()

    def choose_zone(self, key: str) -> None:
        index = self.zone_combo.findData(key)
        if index >= 0:
            self.zone_combo.setCurrentIndex(index)

    def show_collect_hidden(self, hidden: bool) -> None:
        self.hidden_check.blockSignals(True)
        self.hidden_check.setChecked(hidden)
        self.hidden_check.blockSignals(False)

    def _on_zone_combo_current_index_changed(self, _index: int) -> None:
        self._show_zone_colour()

    def _show_zone_colour(self) -> None:
        zone = self.wall.zone(self.current_zone)
        colour = zone.colour if zone else "#eeeeee"
        self.zone_swatch.setStyleSheet(f"background: {colour}; border: 1px solid #666;")
        self.post_it_edit.setStyleSheet(f"QLineEdit {{ background: {colour}; font-size: 16px; padding: 4px; }}")


class ThemeAndDotBar(QWidget):
    """Themes for the selected post-its, and their dots."""

    def __init__(self, group: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("theme_combo")
        self.theme_combo.setEditable(True)
        self.theme_combo.setInsertPolicy(QComboBox.NoInsert)
        self.theme_combo.lineEdit().setPlaceholderText("Theme for the selected post-its")
        self.theme_combo.setMinimumWidth(160)
        # An editable combo box hands Enter to its line twice; a filter sees the key once.
        self._enter = _EnterFilter(group, self)
        self.theme_combo.lineEdit().installEventFilter(self._enter)
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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.theme_combo, 2)
        row.addWidget(self.group_button)
        row.addWidget(self.ungroup_button)
        row.addSpacing(12)
        row.addWidget(self.dot_button)
        row.addWidget(self.votes_spin)
        row.addWidget(self.dots_spin)
        row.addStretch(1)

    def focus_theme(self) -> None:
        self.theme_combo.setFocus()
        self.theme_combo.lineEdit().selectAll()

    def show_theme_names(self, names: Sequence[str]) -> None:
        """The wall's themes to choose from, keeping whatever is typed in the box."""
        current = self.theme_combo.currentText()
        self.theme_combo.blockSignals(True)
        self.theme_combo.clear()
        self.theme_combo.addItems(list(names))
        self.theme_combo.setEditText(current)
        self.theme_combo.blockSignals(False)

    def show_selection(self, selected: Sequence[PostIt], theme_selected: bool) -> None:
        self.votes_spin.blockSignals(True)
        self.votes_spin.setEnabled(len(selected) == 1)
        self.votes_spin.setValue(selected[0].votes if len(selected) == 1 else 0)
        self.votes_spin.blockSignals(False)
        self.ungroup_button.setEnabled(any(p.theme_id for p in selected) or theme_selected)
        self.group_button.setEnabled(bool(selected))
        self.dot_button.setEnabled(bool(selected))

    def show_dots_per_participant(self, dots: int) -> None:
        self.dots_spin.blockSignals(True)
        self.dots_spin.setValue(dots)
        self.dots_spin.blockSignals(False)


class SidePanel(QWidget):
    """Tidy, whole wall and exports; post-its per zone; dots against the allowance; the ranking."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tidy_button = QPushButton("Tidy zone")
        self.tidy_button.setObjectName("tidy_button")
        self.tidy_button.setToolTip("Arrange the current zone's post-its in a neat grid, themes together")
        self.fit_button = QPushButton("Whole wall")
        self.fit_button.setObjectName("fit_button")
        self.png_button = QPushButton("Export PNG…")
        self.png_button.setObjectName("png_button")
        self.csv_button = QPushButton("Export CSV…")
        self.csv_button.setObjectName("csv_button")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.counts_label.setWordWrap(True)
        self.dots_label = QLabel()
        self.dots_label.setObjectName("dots_label")
        self.dots_label.setWordWrap(True)
        self.dots_label.setTextFormat(Qt.PlainText)
        self.ranking_list = QListWidget()
        self.ranking_list.setObjectName("ranking_list")
        self.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QGridLayout()
        buttons.addWidget(self.tidy_button, 0, 0)
        buttons.addWidget(self.fit_button, 0, 1)
        buttons.addWidget(self.png_button, 1, 0)
        buttons.addWidget(self.csv_button, 1, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("<b>Post-its per zone</b>"))
        layout.addWidget(self.counts_label)
        layout.addWidget(QLabel("<b>Ranking by dots</b>"))
        layout.addWidget(self.dots_label)
        layout.addWidget(self.ranking_list, 1)

    def show_counts(self, wall: WallTemplate, counts: dict[str, int]) -> None:
        self.counts_label.setText("<br>".join(
            f"<span style='background:{z.colour}'>&nbsp;&nbsp;&nbsp;</span> {escape(z.label)}: "
            f"<b>{counts.get(z.key, 0)}</b>" for z in wall.zones) + f"<br>All: <b>{sum(counts.values())}</b>")

    def show_dots(self, summary: DotSummary) -> None:
        """Dots against the allowance; more than the room was given shows in red."""
        self.dots_label.setText(summary.text)
        self.dots_label.setStyleSheet("color: #c62828; font-weight: bold;" if summary.over_allowance else "")

    def show_ranking(self, wall: WallTemplate, post_its: Sequence[PostIt]) -> None:
        self.ranking_list.clear()
        for found in ranking(post_its):
            zone = wall.zone(found.zone)
            text = HIDDEN_TEXT if found.hidden else found.text
            item = QListWidgetItem(f"{found.votes} ●  {text}  ({zone.label if zone else found.zone})")
            item.setData(Qt.UserRole, found.id)
            item.setToolTip(plain_tooltip(text))
            if zone:
                item.setBackground(QBrush(QColor(zone.colour)))
            self.ranking_list.addItem(item)
