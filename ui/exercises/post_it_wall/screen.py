"""The post-it wall screen: the post-it line and theme bar above, the wall, the side panel.

Composition only: the scene mirrors the store, the panels show it, and every edit is one
command that runs a core operation (`partnerdesk.post_it_wall.operations`), where its rules live.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.errors import StorageError
from partnerdesk.exports import safe_file_stem, write_image
from partnerdesk.post_it_wall.export import export_csv
from partnerdesk.post_it_wall.values import (
    DotSummary,
    WallSettings,
    clean_text,
    dots_used,
    wall_settings,
    wall_template,
    zone_for_new_theme,
)
from ui.dialogs import Dialogs, report_export_failure
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.post_it_wall import commands
from ui.exercises.post_it_wall.panels import PostItLine, SidePanel, ThemeAndDotBar
from ui.exercises.post_it_wall.projector import WallProjectorView
from ui.exercises.post_it_wall.scene import WallScene
from ui.exercises.post_it_wall.view import WallView
from ui.text import plain_tooltip


class _WallKeys(QObject):
    """The wall's keys on the selected post-its (F2, + and −, a tally, Delete) from a list that
    shows them too (the ranking), as the status line says."""

    def __init__(self, view: WallView, parent: QObject):
        super().__init__(parent)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.KeyPress and event.key() not in (Qt.Key_Return, Qt.Key_Enter):
            return self.view.wall_key(event)
        return False


class PostItWallScreen(ExerciseScreen):
    """The facilitator's wall: post-it line and zone chooser above, the wall, dots and ranking."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        self.setObjectName("post_it_wall_screen")
        exercise = self.exercise
        self.wall = wall_template(exercise.template)
        self._present: int | None = None
        self._gone = False
        self._wall_settings: WallSettings | None = None
        self._clicked_zone = False
        self.scene = WallScene(document, exercise_id, self.wall, self)
        self.view = WallView(self.scene)
        self.line = PostItLine(self.wall)
        self.bar = ThemeAndDotBar(self.group_selected)
        self.side = SidePanel()
        # The controls tests and shortcuts reach, by their names.
        self.zone_combo, self.post_it_edit = self.line.zone_combo, self.line.post_it_edit
        self.author_edit, self.hidden_check = self.line.author_edit, self.line.hidden_check
        self.reveal_button = self.line.reveal_button
        self.theme_combo, self.group_button = self.bar.theme_combo, self.bar.group_button
        self.ungroup_button, self.dot_button = self.bar.ungroup_button, self.bar.dot_button
        self.votes_spin, self.dots_spin = self.bar.votes_spin, self.bar.dots_spin
        self.tidy_button, self.fit_button = self.side.tidy_button, self.side.fit_button
        self.png_button, self.csv_button = self.side.png_button, self.side.csv_button
        self.dots_label, self.ranking_list = self.side.dots_label, self.side.ranking_list

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        self.status = QLabel()
        self.status.setObjectName("wall_status")
        self.status.setTextFormat(Qt.PlainText)
        # A long hint is cut at the window's edge rather than widening the screen.
        self.status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.instructions_label = QLabel(self.wall.instructions)
        self.instructions_label.setObjectName("instructions_label")
        self.instructions_label.setTextFormat(Qt.PlainText)
        self.instructions_label.setWordWrap(True)
        self.instructions_label.setVisible(False)
        self.instructions_button = QPushButton("Instructions")
        self.instructions_button.setObjectName("instructions_button")
        self.instructions_button.setCheckable(True)
        self.instructions_button.toggled.connect(self.instructions_label.setVisible)
        title = QLabel(exercise.title)
        title.setTextFormat(Qt.PlainText)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.instructions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.instructions_label)
        layout.addWidget(self.line)
        layout.addWidget(self.bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.setMinimumHeight(520)

        self.post_it_edit.returnPressed.connect(self._on_post_it_edit_return_pressed)
        self.hidden_check.toggled.connect(self._on_hidden_check_toggled)
        self.reveal_button.clicked.connect(self.reveal_all)
        self.group_button.clicked.connect(self.group_selected)
        self.ungroup_button.clicked.connect(self.ungroup_selected)
        self.dot_button.clicked.connect(self.add_a_dot)
        self.votes_spin.editingFinished.connect(self._on_votes_spin_editing_finished)
        self.dots_spin.editingFinished.connect(self._on_dots_spin_editing_finished)
        self.tidy_button.clicked.connect(self.tidy_current_zone)
        self.fit_button.toggled.connect(self.view.show_whole_wall)
        self.view.mode_changed.connect(self._on_view_mode_changed)
        self.zone_combo.currentIndexChanged.connect(self._on_zone_combo_current_index_changed)
        self.png_button.clicked.connect(self.export_png_dialog)
        self.csv_button.clicked.connect(self.export_csv_dialog)
        self.scene.post_its_dropped.connect(self._on_scene_post_its_dropped)
        self.scene.wall_changed.connect(self._refresh_side)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.edit_finished.connect(self.edit_post_it)
        self.view.tally_started.connect(self._on_view_tally_started)
        self.view.typing_started.connect(self._on_view_typing_started)
        self.view.zone_clicked.connect(self._on_view_zone_clicked)
        self.view.dots_requested.connect(self.add_dots)
        self.view.theme_rename_requested.connect(self.rename_theme_dialog)
        self.ranking_list.itemClicked.connect(self._on_ranking_list_item_clicked)
        self.ranking_list.currentItemChanged.connect(self._on_ranking_list_item_clicked)
        self._ranking_keys = _WallKeys(self.view, self)
        self.ranking_list.installEventFilter(self._ranking_keys)
        QApplication.instance().focusChanged.connect(self._on_application_focus_changed)
        document.records_changed.connect(self._on_document_records_changed)
        document.records_added.connect(self._on_document_records_added_or_removed)
        document.records_removed.connect(self._on_document_records_added_or_removed)
        self._add_shortcuts()

        self._load_settings()
        self._refresh_side()
        self.view.set_current_zone(self.current_zone)
        self.post_it_edit.setFocus()

    def _add_shortcuts(self) -> None:
        for i in range(min(9, len(self.wall.zones))):
            choose = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            choose.setContext(Qt.WidgetWithChildrenShortcut)
            choose.activated.connect(lambda i=i: self.set_current_zone(i))
            move = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            move.setContext(Qt.WidgetWithChildrenShortcut)
            move.activated.connect(lambda i=i: self.move_selected_to_zone(self.wall.zones[i].key))
        group = QShortcut(QKeySequence("Ctrl+G"), self)
        group.setContext(Qt.WidgetWithChildrenShortcut)
        group.activated.connect(self.bar.focus_theme)
        # + and − and a typed tally are the wall's own keys (WallView.wall_key), not shortcuts,
        # so they never take a character from a text field.
        select_all = QShortcut(QKeySequence.SelectAll, self.view)
        select_all.setContext(Qt.WidgetShortcut)
        select_all.activated.connect(self.select_all_post_its)

    # -- state -------------------------------------------------------------------------------------

    @property
    def current_zone(self) -> str:
        return self.line.current_zone

    def set_current_zone(self, index: int) -> None:
        self.zone_combo.setCurrentIndex(index)
        self.post_it_edit.setFocus()

    def _on_zone_combo_current_index_changed(self, _index: int) -> None:
        # Chosen with Ctrl+1… or the box, a busy wall's view goes to the zone; a click on the
        # wall keeps the view where it is (the click may be starting a drag).
        self.view.set_current_zone(self.current_zone, follow=not self._clicked_zone)
        self._show_hint()

    def _on_view_zone_clicked(self, key: str) -> None:
        self._clicked_zone = True
        try:
            self.line.choose_zone(key)
        finally:
            self._clicked_zone = False

    def _on_view_mode_changed(self, mode: str) -> None:
        self.fit_button.blockSignals(True)
        self.fit_button.setChecked(mode == "wall")
        self.fit_button.blockSignals(False)

    # -- the keys, said where they work ------------------------------------------------------------

    def _hint(self, widget: QWidget | None) -> str:
        count = len(self.wall.zones)
        zones = f"1…{count}" if count > 1 else "1"
        if widget is self.post_it_edit or widget is self.author_edit:
            return (f"Enter adds the post-it to {self._zone_label(self.current_zone)} · "
                    f"Ctrl+{zones} choose the zone · typing on the wall starts a post-it")
        if widget is self.theme_combo or widget is self.theme_combo.lineEdit():
            return "Enter groups the selected post-its under this theme"
        if widget is self.view or widget is self.ranking_list:
            place = "On the wall" if widget is self.view else "In the ranking"
            typing = "type to add a post-it · " if widget is self.view else ""
            return (f"{place}: {typing}F2 edits · + and − give or take a dot · a number tallies dots · "
                    f"Alt+{zones} moves · Delete removes")
        return f"Ctrl+{zones} choose the zone · Alt+{zones} move the selected post-its · Ctrl+G theme"

    def _show_hint(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self or self.isAncestorOf(focus)):
            self._say(self._hint(focus))

    def _on_application_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._show_hint()

    def select_all_post_its(self) -> None:
        for item in self.scene.post_it_items.values():
            item.setSelected(True)

    def _zone_label(self, key: str) -> str:
        zone = self.wall.zone(key)
        return zone.label if zone else key

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(plain_tooltip(text))  # where the line is cut at the window's edge

    def _settings(self) -> WallSettings:
        if self._wall_settings is None:
            self._wall_settings = wall_settings(self.exercise, self.wall)
        return self._wall_settings

    def _load_settings(self) -> None:
        self._wall_settings = None
        settings = self._settings()
        self.line.show_collect_hidden(settings.collect_hidden)
        self.bar.show_dots_per_participant(settings.dots_per_participant)

    def _participants(self) -> int:
        """Participants present at the workshop (cached: it changes only with attendance)."""
        if self._present is None:
            self._present = len(records.attendee_ids(self.document.workspace, self.exercise.workshop_id))
        return self._present

    def _push(self, command: commands.OperationCommand) -> bool:
        return self.document.push(command)

    # -- adding, editing, deleting -----------------------------------------------------------------

    def _on_post_it_edit_return_pressed(self) -> None:
        if not clean_text(self.post_it_edit.text()):
            return
        added = self.add_post_it(self.post_it_edit.text(), self.author_edit.text())
        if added is None:
            # Not saved (read-only file, full disk…): keep the words so nothing typed is lost.
            self._say("The post-it was not saved; its text is still in the line.")
            return
        # Clear at once, so the next post-it can be typed straight away.
        self.post_it_edit.clear()
        self.author_edit.clear()
        item = self.scene.post_it_items.get(added)
        if item is not None and self.view.mode != "wall":
            # The newest post-it stays in view (a zone of hundreds scrolls down).
            self.view.ensureVisible(item, 8, 8)

    def add_post_it(self, text: str, author: str = "", zone: str | None = None) -> str | None:
        """A new post-it in the zone (the current one by default); its id, or None if not saved."""
        zone = zone or self.current_zone
        command = commands.AddPostItCommand(self.document, self.exercise_id, zone, self._zone_label(zone),
                                            text, author)
        return command.value if self._push(command) else None

    def edit_post_it(self, post_it_id: str, text: str) -> None:
        found = self.scene.post_its().get(post_it_id)
        if found is None or clean_text(text) == found.text:
            return
        if not clean_text(text):
            self._say("A post-it needs some text; to remove it, select it and press Delete.")
            return
        self._push(commands.EditPostItCommand(self.document, post_it_id, text))

    def delete_selected(self) -> None:
        ids = [p.id for p in self.scene.selected_post_its()]
        if ids:
            self._push(commands.DeletePostItsCommand(self.document, ids))

    # -- moving ------------------------------------------------------------------------------------

    def _on_scene_post_its_dropped(self, dropped: dict) -> None:
        self._push(commands.MovePostItsCommand(self.document, self.exercise_id, dropped))

    def move_selected_to_zone(self, zone: str) -> None:
        """Keyboard move: the selected post-its go to the first free places of another zone."""
        ids = [p.id for p in self.scene.selected_post_its()]
        if ids:
            self._push(commands.MovePostItsToZoneCommand(self.document, self.exercise_id, ids, zone,
                                                         self._zone_label(zone)))

    def tidy_current_zone(self) -> None:
        zone = self.current_zone
        self._push(commands.TidyZoneCommand(self.document, self.exercise_id, zone, self._zone_label(zone)))

    # -- themes ------------------------------------------------------------------------------------

    def group_selected(self) -> None:
        selected = self.scene.selected_post_its()
        name = clean_text(self.theme_combo.currentText())
        # The operation holds these rules too; asking first gives a word in the status line
        # instead of an error box.
        if not selected:
            self._say("Select the post-its to group first (click, Ctrl+click or drag a box round them).")
            return
        if not name:
            self._say("Type or choose a theme for the selected post-its.")
            self.bar.focus_theme()
            return
        if zone_for_new_theme(selected) is None:
            self._say("A theme belongs to one zone: select post-its of one zone to group them.")
            return
        self._push(commands.GroupIntoThemeCommand(self.document, self.exercise_id,
                                                  [p.id for p in selected], name))

    def ungroup_selected(self) -> None:
        ids = {p.theme_id for p in self.scene.selected_post_its() if p.theme_id}
        ids.update(self.scene.selected_theme_ids())
        if not ids:
            self._say("Select a theme (or one of its post-its) to ungroup it.")
            return
        self._push(commands.UngroupThemesCommand(self.document, sorted(ids)))

    def rename_theme_dialog(self, theme_id: str) -> None:
        item = self.scene.theme_items.get(theme_id)
        if item is None:
            return
        name = Dialogs.text(self, "Rename theme", "Theme:", item.theme.name)
        if name is None or clean_text(name) == item.theme.name:
            return
        if not clean_text(name):
            self._say("A theme needs a name; to remove it, ungroup it.")
            return
        self._push(commands.RenameThemeCommand(self.document, theme_id, name))

    # -- dots --------------------------------------------------------------------------------------

    def add_a_dot(self) -> None:
        self.add_dots(1)

    def add_dots(self, step: int) -> None:
        ids = [p.id for p in self.scene.selected_post_its() if max(0, p.votes + step) != p.votes]
        if ids and self._push(commands.AddDotsCommand(self.document, ids, step)):
            self._warn_over_allowance()

    def _warn_over_allowance(self) -> None:
        """More dots than the room was given: said in the status line too, where the eyes are."""
        summary = DotSummary(dots_used(self.scene.post_its().values()), self._participants(),
                             self._settings().dots_per_participant)
        if summary.over_allowance:
            self._say(f"Check the tallies: {summary.text}.")

    def set_votes(self, post_it_id: str, votes: int) -> None:
        found = self.scene.post_its().get(post_it_id)
        if found is not None and found.votes != max(0, votes):
            self._push(commands.TallyDotsCommand(self.document, post_it_id, max(0, votes)))

    def _on_votes_spin_editing_finished(self) -> None:
        selected = self.scene.selected_post_its()
        if len(selected) == 1:
            self.set_votes(selected[0].id, self.votes_spin.value())
            if self.votes_spin.hasFocus():
                self.view.setFocus()
            self._warn_over_allowance()

    def _on_view_tally_started(self, digit: str) -> None:
        self.votes_spin.setFocus()
        self.votes_spin.lineEdit().setText(digit)

    def _on_view_typing_started(self, text: str) -> None:
        self.post_it_edit.setFocus()
        self.post_it_edit.insert(text)

    def _on_dots_spin_editing_finished(self) -> None:
        if self.dots_spin.value() != self._settings().dots_per_participant:
            self._push(commands.SetDotsPerParticipantCommand(self.document, self.exercise_id,
                                                             self.dots_spin.value()))

    # -- hide and reveal ---------------------------------------------------------------------------

    def _on_hidden_check_toggled(self, checked: bool) -> None:
        if checked != self._settings().collect_hidden:
            self._push(commands.CollectHiddenCommand(self.document, self.exercise_id, checked))
        self.post_it_edit.setFocus()

    def reveal_all(self) -> None:
        count = sum(1 for p in self.scene.post_its().values() if p.hidden)
        if not count:
            self._say("No hidden post-its to reveal.")
            return
        self._push(commands.RevealAllCommand(self.document, self.exercise_id, count))
        if self.hidden_check.isChecked():
            self._say(f"Revealed {count} post-its. New post-its are still collected hidden: "
                      "untick “Collect hidden” to stop.")
        else:
            self._say(f"Revealed {count} post-it{'' if count == 1 else 's'}.")

    # -- mirroring into the panels -----------------------------------------------------------------

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        if table == "exercises" and self.exercise_id in ids and not self._gone:
            self._load_settings()
            self._refresh_side()

    def _on_document_records_added_or_removed(self, table: str, ids: list) -> None:
        if table == "exercises" and self.exercise_id in ids:
            # Deleted (for instance with its workshop) or back again by undo.
            self._gone = self.exercise is None
        if table == "attendance" and not self._gone:
            self._present = None
            self._refresh_side()

    def _refresh_side(self) -> None:
        if self._gone:
            return
        on_wall = [item.post_it for item in self.scene.post_it_items.values()]
        self.side.show_counts(self.wall, self.scene.counts())
        self.side.show_dots(DotSummary(dots_used(on_wall), self._participants(),
                                       self._settings().dots_per_participant))
        self.side.show_ranking(self.wall, on_wall)
        self.bar.show_theme_names(self.scene.theme_names())
        self._on_scene_selection_changed()

    def _on_scene_selection_changed(self) -> None:
        self.bar.show_selection(self.scene.selected_post_its(), bool(self.scene.selected_theme_ids()))

    def _on_ranking_list_item_clicked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        found = self.scene.post_it_items.get(item.data(Qt.UserRole))
        if found is not None:
            self.scene.clearSelection()
            found.setSelected(True)
            self.view.ensureVisible(found)

    # -- exports -----------------------------------------------------------------------------------

    def _suggested(self, suffix: str) -> str:
        return str(Path.home() / f"{safe_file_stem(self.exercise.title, fallback='wall')}{suffix}")

    def export_png_dialog(self) -> None:
        path = Dialogs.save_path(self, "Export the wall as PNG", self._suggested(".png"), "PNG images (*.png)")
        if path is None:
            return
        try:
            write_image(path, self.scene.render_png())
        except StorageError as exc:
            report_export_failure(self, "Wall image", exc)
            return
        self._say(f"Wall saved as {path}")

    def export_csv_dialog(self) -> None:
        path = Dialogs.save_path(self, "Export the post-its as CSV", self._suggested(".csv"), "CSV files (*.csv)")
        if path is None:
            return
        try:
            count = export_csv(self.document.workspace, self.exercise_id, path)
        except StorageError as exc:
            report_export_failure(self, "Post-its CSV", exc)
            return
        self._say(f"{count} post-its saved to {path}")

    # -- the projector -----------------------------------------------------------------------------

    def presenter_view(self, parent: QWidget | None = None) -> QWidget | None:
        # Its own mirror of the store: the projector follows every change as soon as it is made,
        # but never shows the laptop's selection or a drag still in progress.
        scene = WallScene(self.document, self.exercise_id, self.wall)
        view = WallProjectorView(scene, parent, zone=self.current_zone)
        scene.setParent(view)
        self.zone_combo.currentIndexChanged.connect(view.show_zone_at)
        view.whole_wall = self.fit_button.isChecked()
        self.fit_button.toggled.connect(view.show_whole_wall)
        return view
