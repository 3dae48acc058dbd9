"""The quadrant-board screen: the list of stakeholders or partnerships beside a 2x2 board.

Composition only: the scene, view, list model and compare view live beside it, and every edit
is a command (commands.py) running one core operation.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.errors import InvalidValue, StorageError
from partnerdesk.exports import safe_file_stem
from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board import values
from partnerdesk.quadrant_board.scenarios import scenario_partnerships
from ui.dialogs import Dialogs, report_export_failure, with_suffix
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.quadrant_board.commands import (
    AddFromScenariosCommand,
    AddItemCommand,
    BringFromLastSessionCommand,
    DeleteItemsCommand,
    MoveCommand,
    NudgeCommand,
    PlaceInQuadrantCommand,
    RemoveFromBoardCommand,
    SendToQuadrantCommand,
    plural,
)
from ui.exercises.quadrant_board.export import PRINT_SIZE, PROJECTOR_SIZE, export_png, export_svg
from ui.exercises.quadrant_board.mirror import BoardMirror
from ui.exercises.quadrant_board.panels import BoardItemModel, ChecklistPanel, CompareView
from ui.exercises.quadrant_board.room import RoomBoardScene, RoomBoardView
from ui.exercises.quadrant_board.scene import BoardScene
from ui.exercises.quadrant_board.side import SidePanel, remember_splitter
from ui.exercises.quadrant_board.view import BoardView


class QuadrantBoardScreen(ExerciseScreen):
    """Beside the board, the list (Step 1); on it, the placements (Step 2); instructions and
    help on demand; one board per small group and a compare view."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("quadrant_board_screen")
        exercise = self.exercise
        self.board = values.board_template(exercise.template)
        self._syncing_selection = False
        self._list_sync_pending = False
        self.compare_dialog: CompareView | None = None
        self.groups = values.board_groups(document.workspace, exercise)
        start = self._first_used_group()

        self.mirror = BoardMirror(document, exercise_id, start.id if start else None, self)
        self.scene = BoardScene(self.mirror, self.board, self._board_title(start), parent=self)
        self.view = BoardView(self.scene, self)
        self.model = BoardItemModel(self.mirror, self.board, self)
        self.model.on_invalid = self._say

        # Every widget is made inside its parent: a parentless widget shown (setVisible) for a
        # moment is a window of its own, which takes the activation from the main window, and
        # then no window shortcut (Ctrl+Z) works until the facilitator clicks the window.
        bar = QToolBar(self)
        bar.setObjectName("board_bar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.bar = bar
        self.group_label = QLabel("Board: ", bar)
        self.group_combo = QComboBox(bar)
        self.group_combo.setObjectName("board_group")
        self.group_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.setMinimumContentsLength(14)
        self._fill_group_combo(start)
        self.group_combo.currentIndexChanged.connect(self._on_group_combo_current_index_changed)
        self.compare_button = QPushButton("Compare groups", bar)
        self.compare_button.setObjectName("compare_groups")
        self.compare_button.clicked.connect(lambda: self.open_compare())
        self.movement_check = QCheckBox("Show movement over the programme", bar)
        self.movement_check.setObjectName("show_movement")
        self.movement_check.toggled.connect(self.scene.set_show_movement)
        self.carry_button = QPushButton(f"Bring {self.board.item_noun_plural} from the last session", bar)
        self.carry_button.setObjectName("carry_forward")
        self.carry_button.setToolTip(f"Copy the {self.board.item_noun_plural} of this board in the "
                                     "programme's previous session, where they were left")
        self.carry_button.clicked.connect(lambda: self.carry_forward())
        self.scenarios_button = QPushButton(f"Add the scenarios' {self.board.item_noun_plural}", bar)
        self.scenarios_button.setObjectName("from_scenarios")
        self.scenarios_button.setToolTip("The partnerships named in Step 1 of this workshop's "
                                         "partnership scenarios, with their background as notes")
        self.scenarios_button.clicked.connect(lambda: self.add_from_scenarios())
        self.help_button = QToolButton(bar)
        self.help_button.setText("Help")
        self.help_button.setPopupMode(QToolButton.InstantPopup)
        help_menu = QMenu(self.help_button)
        help_menu.addAction("Instructions").triggered.connect(lambda: self.show_instructions())
        for quadrant in self.board.quadrants:
            help_menu.addAction(f"About {quadrant.name}").triggered.connect(
                lambda _=False, k=quadrant.key: self.show_quadrant_help(k))
        self.help_button.setMenu(help_menu)
        self.export_button = QToolButton(bar)
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction("PNG for the projector (1920×1080)…").triggered.connect(
            lambda: self.export("projector"))
        export_menu.addAction("PNG for print (A4, 200 dpi)…").triggered.connect(lambda: self.export("print"))
        export_menu.addAction("SVG drawing…").triggered.connect(lambda: self.export("svg"))
        self.export_button.setMenu(export_menu)
        # A tool bar: what does not fit a narrow window goes behind its » button, so the
        # screen never grows wider than the window.
        self._bar_actions = {}
        for widget in (self.group_label, self.group_combo, self.compare_button, self.movement_check,
                       self.carry_button, self.scenarios_button):
            self._bar_actions[widget] = bar.addWidget(widget)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        bar.addWidget(spacer)
        for widget in (self.help_button, self.export_button):
            self._bar_actions[widget] = bar.addWidget(widget)
        workshop = records.workshop(document.workspace, exercise.workshop_id)
        self._show_in_bar(self.movement_check, self.board.movement and bool(workshop and workshop.programme_id))
        self._show_in_bar(self.carry_button, values.previous_board(document.workspace, exercise_id) is not None)
        self._show_in_bar(self.scenarios_button, self.board.from_scenarios and bool(
            scenario_partnerships(document.workspace, exercise.workshop_id)))
        self._show_groups()

        # -- beside the board: the list, checklists and help -------------------------------
        self.checklist_tree = ChecklistPanel(self.mirror, self.board, self)
        self.checklist_tree.entry_chosen.connect(self._on_checklist_tree_entry_chosen)
        self.side = SidePanel(self.board, self.checklist_tree)
        self.side.set_model(self.model)
        self.add_edit = self.side.add_edit
        self.add_edit.returnPressed.connect(self._on_add_edit_return_pressed)
        self.add_edit.place_requested.connect(self._on_add_edit_place_requested)
        self.add_edit.rename_requested.connect(self._on_add_edit_rename_requested)
        self.add_edit.moment_ended.connect(self._on_add_edit_moment_ended)
        self.side.add_button.clicked.connect(self._on_add_edit_return_pressed)
        self.completer_model = QStringListModel(self)
        completer = QCompleter(self.completer_model, self.add_edit)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.add_edit.setCompleter(completer)
        self._refresh_suggestions()
        self.list_view = self.side.list_view
        self.list_view.installEventFilter(self)
        self.list_view.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self.list_view.selectionModel().currentRowChanged.connect(lambda *_: self._fill_checklists())
        self.place_buttons = self.side.place_buttons
        for key, button in self.place_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.place_list_selection(k))
        self.help_browser = self.side.help_browser

        # The side folds away to give the board the width; the board never folds.
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.setObjectName("board_splitter")
        splitter.addWidget(self.side)
        splitter.addWidget(self.view)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])  # the side keeps its width; the board takes the rest
        remember_splitter(splitter, "beside")
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)
        self.status.setObjectName("board_status")
        # Wrapped, so a long message never makes the screen wider than the window.
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.scene.chips_moved.connect(self._on_scene_chips_moved)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.view.nudge_requested.connect(self.nudge_selection)
        self.view.quadrant_requested.connect(self.send_selection_to)
        self.view.delete_requested.connect(self.delete_selection)
        self.view.rename_requested.connect(self.rename_selection)
        self.view.add_requested.connect(self._on_view_add_requested)
        document.records_added.connect(self._on_document_records_touched)
        document.records_removed.connect(self._on_document_records_touched)
        document.records_added.connect(self._on_document_groups)
        document.records_removed.connect(self._on_document_groups)
        document.records_changed.connect(self._on_document_groups_changed)
        self.show_instructions()
        self._fill_checklists()

    # -- groups --------------------------------------------------------------------------------

    def _first_used_group(self) -> records.SmallGroup | None:
        ws = self.document.workspace
        for group in self.groups:
            if values.items(ws, self.exercise_id, group.id if group else None):
                return group
        named = [g for g in self.groups if g is not None]
        return named[0] if named else self.groups[0]

    def _board_title(self, group: records.SmallGroup | None) -> str:
        exercise = self.exercise
        title = exercise.title if exercise and exercise.title else self.board.title
        return f"{title} — {group.name}" if group is not None else title

    def _fill_group_combo(self, current: records.SmallGroup | None) -> None:
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in self.groups:
            self.group_combo.addItem(values.group_label(group), group.id if group else "")
        ids = [g.id if g else None for g in self.groups]
        wanted = current.id if current else None
        self.group_combo.setCurrentIndex(ids.index(wanted) if wanted in ids else 0)
        self.group_combo.blockSignals(False)

    def _on_document_groups_changed(self, table: str, ids: list, _columns: list) -> None:
        # A bound method (not a lambda) so Qt disconnects it when this screen goes.
        self._on_document_groups(table, ids)

    def _on_document_groups(self, table: str, ids: list) -> None:
        """Small groups added, renamed or removed in the workshop editor: follow them."""
        if table != "small_groups":
            return
        exercise = self.exercise
        if exercise is None:
            return
        current = self.group_id
        self.groups = values.board_groups(self.document.workspace, exercise)
        still = [g for g in self.groups if (g.id if g else None) == current]
        self._fill_group_combo(still[0] if still else None)
        self._show_groups()
        if still:
            self.scene.set_title(self._board_title(still[0]))
        else:
            self._on_group_combo_current_index_changed(self.group_combo.currentIndex())

    def _show_in_bar(self, widget: QWidget, visible: bool) -> None:
        # A tool bar shows and hides its widgets through their actions.
        self._bar_actions[widget].setVisible(bool(visible))

    def _show_groups(self) -> None:
        for widget in (self.group_label, self.group_combo, self.compare_button):
            self._show_in_bar(widget, len(self.groups) > 1)

    @property
    def group_id(self) -> str | None:
        return self.scene.group_id

    def set_group(self, group_id: str | None) -> None:
        for n, group in enumerate(self.groups):
            if (group.id if group else None) == group_id:
                self.group_combo.setCurrentIndex(n)
                return
        raise KeyError(group_id)

    def _on_group_combo_current_index_changed(self, index: int) -> None:
        group = self.groups[index]
        self.scene.set_group(group.id if group else None, self._board_title(group))
        self._fill_checklists()
        self._refresh_suggestions()

    # -- adding --------------------------------------------------------------------------------

    def add_item(self, label: str, at: tuple[float, float] | None = None) -> str | None:
        """Add an item to the list, and on the board at `at` (board coordinates) if given."""
        try:
            ops.clean_name(label)  # say why here, rather than as a store error
        except InvalidValue as exc:
            self._say(exc.user_message)
            return None
        command = AddItemCommand(self.document, self.board, self.exercise_id, self.group_id, label, at)
        return command.value if self.document.push(command) else None

    def _refresh_suggestions(self) -> None:
        """Names used on this exercise's other boards and sessions, offered while typing."""
        present = {i.label for i in self.mirror.items.values()}
        known = values.known_labels(self.document.workspace, self.exercise_id)
        self.completer_model.setStringList([label for label in known if label not in present])

    def _on_add_edit_return_pressed(self) -> None:
        text = self.add_edit.text()
        item_id = self.add_item(text)
        if item_id:
            self.add_edit.clear()
            self.select_items([item_id])
            # The box keeps the focus: a key 1-4 now places this one, F2 renames it.
            self.add_edit.offer_placing(item_id)
            last = len(self.board.quadrants)
            self._say(f"Added “{text.strip()}”. Press 1-{last} now to place it, or F2 to rename "
                      f"it; or type the next {self.board.item_noun}.")

    def _on_add_edit_place_requested(self, item_id: str, key: str) -> None:
        found = self.mirror.items.get(item_id)
        if found is None:
            return
        if self.document.push(PlaceInQuadrantCommand(self.document, self.board, [item_id], key)):
            self._say(f"Placed “{found.label}” in {self.board.quadrant(key).name}. "
                      f"Type the next {self.board.item_noun}.")

    def _on_add_edit_rename_requested(self, item_id: str) -> None:
        if item_id in self.mirror.items:
            self.select_items([item_id])
            self.rename_selection()

    def _on_add_edit_moment_ended(self) -> None:
        if self.status.text().startswith("Added “"):
            self._say("")

    def _on_view_add_requested(self, x: float, y: float) -> None:
        item_id = self.add_item(f"New {self.board.item_noun}", at=(x, y))
        if item_id:
            self.select_items([item_id])
            self.rename_selection()

    # -- board edits: one command each -----------------------------------------------------------

    def _on_scene_chips_moved(self, moved: dict) -> None:
        self.document.push(MoveCommand(self.document, self.board, moved))
        # Refused, or kept where the store rounds it to: each chip where the store has it.
        self.scene.put_back(moved)

    def selected_placement_ids(self) -> list[str]:
        return [chip.placement_id for chip in self.scene.selected_chips()]

    def nudge_selection(self, dx: float, dy: float) -> None:
        ids = self.selected_placement_ids()
        if ids:
            # Held-down arrows on the same selection merge into one undo step.
            self.document.push(NudgeCommand(self.document, self.board, ids, dx, dy))

    def send_selection_to(self, key: str) -> None:
        ids = self.selected_placement_ids()
        if ids:
            self.document.push(SendToQuadrantCommand(self.document, self.board, ids, key))

    def delete_selection(self) -> None:
        """Delete on the board: a stakeholder goes; a partnership loses the chosen placements
        (its other placements and its row in the list stay)."""
        chips = self.scene.selected_chips()
        if not chips:
            return
        if self.board.multiple_placements:
            ids = [c.placement_id for c in chips]
            if self.document.push(RemoveFromBoardCommand(self.document, ids)):
                self._say(f"Removed {len(ids)} placement(s) from the board. Undo brings them back.")
        else:
            self.delete_items(list(dict.fromkeys(c.item_id for c in chips)))

    def delete_items(self, ids: list[str]) -> None:
        if not ids:
            return
        if self.document.push(DeleteItemsCommand(self.document, self.board, ids)):
            self._say(f"Deleted {len(ids)} {plural(self.board, len(ids))}. Undo brings them back.")

    def rename_selection(self) -> None:
        chips = self.scene.selected_chips()
        item_ids = [c.item_id for c in chips] or self.selected_item_ids()
        if not item_ids:
            return
        row = self.model.row_of(item_ids[0])
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)
        self.list_view.setFocus()
        self.list_view.edit(index)

    # -- the list's own keys -------------------------------------------------------------------

    def selected_item_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        return [self.model.record_id(r) for r in rows]

    def select_items(self, ids: list[str]) -> None:
        selection = QItemSelection()
        rows = {self.model.record_id(n): n for n in range(self.model.rowCount())}
        for item_id in ids:
            row = rows.get(item_id, -1)
            if row >= 0:
                last = self.model.columnCount() - 1
                selection.select(self.model.index(row, 0), self.model.index(row, last))
        model = self.list_view.selectionModel()
        model.select(selection, QItemSelectionModel.ClearAndSelect)
        first = rows.get(ids[0], -1) if ids else -1
        if first >= 0:
            model.setCurrentIndex(self.model.index(first, 0), QItemSelectionModel.NoUpdate)

    def place_list_selection(self, key: str) -> None:
        """From the list: put each selected item in a quadrant (the operation decides how)."""
        ids = self.selected_item_ids()
        if ids:
            self.document.push(PlaceInQuadrantCommand(self.document, self.board, ids, key))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list_view and event.type() == QEvent.KeyPress and \
                self.list_view.state() != QAbstractItemView.EditingState:
            key_event: QKeyEvent = event
            keys = {q.key for q in self.board.quadrants}
            if key_event.text() in keys and not key_event.modifiers() & ~Qt.KeypadModifier:
                self.place_list_selection(key_event.text())
                return True
            if key_event.key() == Qt.Key_Delete:
                self.delete_items(self.selected_item_ids())
                return True
        return super().eventFilter(watched, event)

    # -- selection kept in step between the list and the board ---------------------------------

    def _on_scene_selection_changed(self) -> None:
        # One signal per chip when many are selected at once: follow in the list once, after.
        if self._syncing_selection or self._list_sync_pending:
            return
        self._list_sync_pending = True
        QTimer.singleShot(0, self._sync_list_selection)

    def _sync_list_selection(self) -> None:
        self._list_sync_pending = False
        self._syncing_selection = True
        try:
            ids = list(dict.fromkeys(c.item_id for c in self.scene.selected_chips()))
            if ids:
                self.select_items(ids)
        finally:
            self._syncing_selection = False

    def _on_list_selection_changed(self, *_args) -> None:
        if self._syncing_selection:
            return
        self._syncing_selection = True
        try:
            wanted = set(self.selected_item_ids())
            for chip in self.scene.chips.values():
                chip.setSelected(chip.item_id in wanted)
        finally:
            self._syncing_selection = False

    def carry_forward(self) -> int:
        """Copy the previous session's items and placements onto this board: one undo step."""
        command = BringFromLastSessionCommand(self.document, self.board, self.exercise_id, self.group_id)
        if not self.document.push(command):
            return 0
        count = len(command.value or [])
        if not count:
            self._say(f"Every {self.board.item_noun} of the last session is already here.")
        else:
            self._say(f"Brought {count} {plural(self.board, count)} from the last session.")
        return count

    def add_from_scenarios(self) -> int:
        """List the partnerships the workshop's scenarios name, not yet here: one undo step.
        They arrive unplaced, for the room to place with 1-4 or a drag."""
        command = AddFromScenariosCommand(self.document, self.board, self.exercise_id, self.group_id)
        if not self.document.push(command):
            return 0
        count = len(command.value or [])
        if not count:
            self._say(f"Every {self.board.item_noun} of the scenarios is already listed.")
        else:
            self._say(f"Added {count} {plural(self.board, count)} from the scenarios: "
                      "place each with 1-4 or a drag.")
        return count

    # -- help and checklists -------------------------------------------------------------------

    def show_instructions(self) -> None:
        parts = [f"<h3>{html.escape(self.board.title)}</h3>"]
        for paragraph in self.board.instructions.split("\n\n"):
            parts.append("<p>" + html.escape(paragraph).replace("\n", "<br>") + "</p>")
        if self.board.about:
            parts.append(f"<p><i>{html.escape(self.board.about)}</i></p>")
        keys = ", ".join(f"{q.key} {q.name}" for q in self.board.quadrants)
        last = len(self.board.quadrants)
        parts.append(f"<p><small>Type a name and press Enter to add it; right after, 1-{last} "
                     "places it and F2 renames it. Drag to place; double-click the board to add. "
                     f"On the board and in the list: {html.escape(keys)}; on the board arrows "
                     "nudge, Delete removes, F2 renames.</small></p>")
        self.help_browser.setHtml("".join(parts))

    def show_quadrant_help(self, key: str) -> None:
        quadrant = self.board.quadrant(key)
        self.help_browser.setHtml(f"<h3>{html.escape(quadrant.name)}</h3><p>{html.escape(quadrant.help)}</p>")

    def current_item_id(self) -> str | None:
        index = self.list_view.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def _fill_checklists(self) -> None:
        self.checklist_tree.show_item(self.current_item_id())

    def checklist_item(self, checklist_id: str, entry_id: str) -> QTreeWidgetItem | None:
        return self.checklist_tree.entry(checklist_id, entry_id)

    def _on_checklist_tree_entry_chosen(self, title: str, text: str) -> None:
        self.help_browser.setHtml(f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>")

    def _on_document_records_touched(self, table: str, ids: list) -> None:
        if table in ("checklist_ticks", "board_items"):
            self._fill_checklists()
        if table == "board_items":
            self._refresh_suggestions()

    # -- compare, export, projector ------------------------------------------------------------

    def open_compare(self) -> CompareView:
        if self.compare_dialog is None:
            self.compare_dialog = CompareView(self.document, self.exercise_id, self.board, self)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        exercise = self.exercise
        stem = exercise.title if exercise else self.board.title
        if self.group_id:
            stem += f" - {self.group_combo.currentText()}"
        stem = safe_file_stem(stem, fallback="board")
        if kind == "svg":
            suffix, file_filter = ".svg", "SVG drawing (*.svg)"
        else:
            suffix, file_filter = ".png", "PNG image (*.png)"
        if path is None:
            path = Dialogs.save_path(self, "Export the board", stem + suffix, file_filter)
            if path is None:
                return None
        path = with_suffix(path, file_filter)
        try:
            if kind == "svg":
                export_svg(self.scene, path, self._board_title(self.groups[self.group_combo.currentIndex()]))
            else:
                if kind == "projector":  # what the room sees, at the projector's size
                    room = self.room_scene(self)
                    try:
                        export_png(room, path, PROJECTOR_SIZE)
                    finally:
                        room.deleteLater()
                else:
                    export_png(self.scene, path, PRINT_SIZE)
        except StorageError as exc:
            report_export_failure(self, "Board export", exc)
            return None
        self._say(f"Board exported to {path}")
        return path

    def presenter_view(self, parent: QWidget | None = None) -> QWidget | None:
        room = self.room_scene()
        view = RoomBoardView(room, parent)
        room.setParent(view)
        return view

    def room_scene(self, parent=None) -> RoomBoardScene:
        """The board as the room sees it: its own scene, laid out in the projector's pixels
        with its text at the projector's minimum size or larger, following the same mirror,
        title and movement as the laptop's board."""
        room = RoomBoardScene(self.mirror, self.board, self.scene.title, parent)
        self.scene.title_changed.connect(room.set_title)
        room.set_show_movement(self.scene.show_movement)
        self.scene.movement_shown.connect(room.set_show_movement)
        return room

    def _say(self, message: str) -> None:
        self.status.setText(message)

