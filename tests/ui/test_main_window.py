"""The app shell driven as a facilitator would: create, type, tick, undo, redo, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit

from partnerdesk import records
from partnerdesk.store import Workspace
from tests.ui.conftest import first_exercise
from ui.editors.programme_editor import ProgrammeEditor
from ui.editors.workshop_editor import WorkshopEditor
from ui.navigator import NodeKey


def open_cell_editor(view) -> QLineEdit:
    """The line edit a table opened for editing (the window is never active offscreen)."""
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "expected one open cell editor"
    return editors[0]


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_build_a_programme_through_the_widgets_then_reopen(start_window, qtbot, tmp_path):
    path = tmp_path / "room.partnerdesk"
    window = start_window(path)
    ws = window.document.workspace

    window.new_programme_action.trigger()
    editor = window.current_screen()
    assert isinstance(editor, ProgrammeEditor)
    type_into(qtbot, editor.title_edit, "Partners in Kernow")
    programme = records.programmes(ws)[0]
    assert programme.title == "Partners in Kernow"  # on disk as typed

    table = editor.participants
    # QTest.keyClicks aborts Qt on non-ASCII keys; Unicode round trips are tested in unit tests.
    for name in ("Zoe Harding", "Lukasz Nowak"):
        qtbot.mouseClick(table.add_button, Qt.LeftButton)
        cell_editor = open_cell_editor(table.view)
        cell_editor.selectAll()
        qtbot.keyClicks(cell_editor, name)
        qtbot.keyClick(cell_editor, Qt.Key_Return)
        # The delegate commits on Return through a queued call.
        qtbot.waitUntil(lambda n=name: n in {p.name for p in records.participants_of_programme(ws, programme.id)})
    names = sorted(p.name for p in records.participants_of_programme(ws, programme.id))
    assert names == ["Lukasz Nowak", "Zoe Harding"]

    window.new_workshop_action.trigger()
    workshop_editor = window.current_screen()
    assert isinstance(workshop_editor, WorkshopEditor)
    type_into(qtbot, workshop_editor.title_edit, "Session 1")
    type_into(qtbot, workshop_editor.venue_edit, "Truro")
    workshop = records.workshops(ws, programme.id)[0]
    assert (workshop.title, workshop.venue) == ("Session 1", "Truro")

    attendance = workshop_editor.attendance
    assert attendance.list.count() == 2
    item = attendance.list.item(0)
    rect = attendance.list.visualItemRect(item)
    # Tick the first participant's box as a user would (space on the current item).
    attendance.list.setCurrentItem(item)
    qtbot.keyClick(attendance.list, Qt.Key_Space)
    assert len(records.attendee_ids(ws, workshop.id)) == 1
    assert "Present: 1 of 2" in attendance.totals.text()
    assert rect.isValid()

    window.close()
    with Workspace.open(path) as reopened:
        programme = records.programmes(reopened)[0]
        assert programme.title == "Partners in Kernow"
        session = records.workshops(reopened, programme.id)[0]
        assert session.venue == "Truro"
        assert len(records.attendee_ids(reopened, session.id)) == 1


def test_typing_is_one_undo_step_per_field_and_undo_survives_screen_changes(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    stack = window.document.undo_stack
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    editor = window.current_screen()
    qtbot.keyClicks(editor.title_edit, " (pilot)")
    assert records.programme(ws, programme.id).title.endswith("(pilot)")
    assert stack.count() == 1
    assert window.undo_action.text() == "&Undo Edit programme title"

    # Go elsewhere, then undo: the change is undone and the editor shows it when we return.
    session = records.workshops(ws, programme.id)[0]
    window.navigator.select(NodeKey("workshop", session.id))
    stack.undo()
    assert records.programme(ws, programme.id).title == programme.title
    window.navigator.select(NodeKey("programme", programme.id))
    assert window.current_screen().title_edit.text() == programme.title
    stack.redo()
    assert window.current_screen().title_edit.text().endswith("(pilot)")


def test_undo_shortcut_and_edit_menu(start_window, qtbot, tmp_path):
    window = start_window(tmp_path / "keys.partnerdesk")
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    window.new_programme_action.trigger()
    assert window.undo_action.isEnabled()
    assert "New programme" in window.undo_action.text()
    window.undo_action.trigger()
    assert records.programmes(window.document.workspace) == []
    assert window.current_key() is None or window.current_key().kind != "programme"
    window.redo_action.trigger()
    assert len(records.programmes(window.document.workspace)) == 1


def test_delete_workshop_and_undo_restores_agenda_and_attendance(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    programme = records.programmes(ws)[0]
    session = records.workshops(ws, programme.id)[0]
    agenda_before = records.agenda(ws, session.id)
    present_before = records.attendee_ids(ws, session.id)
    window.navigator.select(NodeKey("workshop", session.id))
    window.delete_action.trigger()
    assert records.workshop(ws, session.id) is None
    assert ws.rows("attendance", {"workshop_id": session.id}) == []
    window.document.undo_stack.undo()
    assert records.agenda(ws, session.id) == agenda_before
    assert records.attendee_ids(ws, session.id) == present_before
    assert ws.integrity_problems() == []


def test_agenda_rejects_bad_times_with_a_message(start_window, qtbot, tmp_path):
    window = start_window(tmp_path / "agenda.partnerdesk")
    window.new_workshop_action.trigger()
    editor = window.current_screen()
    agenda = editor.agenda
    qtbot.mouseClick(agenda.add_button, Qt.LeftButton)
    model = agenda.model
    assert not model.setData(model.index(0, 0), "25:99")
    assert "not a time of day" in agenda.message.text()
    assert model.setData(model.index(0, 0), "9.30")
    assert records.agenda(window.document.workspace, editor.workshop_id)[0].start_time == "09:30"
    qtbot.mouseClick(agenda.add_button, Qt.LeftButton)
    second = records.agenda(window.document.workspace, editor.workshop_id)[1]
    assert second.start_time == "09:45"  # follows on from the item before


def test_refused_file_shows_a_message_and_keeps_running(start_window, dialogs, tmp_path):
    window = start_window(tmp_path / "good.partnerdesk")
    bad = tmp_path / "bad.partnerdesk"
    bad.write_bytes(b"this is not a database" * 20)
    dialogs.answers["open_path"] = bad
    window.open_action.trigger()
    assert dialogs.shown and dialogs.shown[-1][0] == "Not a PartnerDesk workspace"
    assert str(bad) in dialogs.shown[-1][1]
    assert window.document.path == tmp_path / "good.partnerdesk"
    assert bad.read_bytes() == b"this is not a database" * 20


def test_save_a_copy_and_reopen_last_workspace(start_window, dialogs, tmp_path):
    first = tmp_path / "first.partnerdesk"
    window = start_window(first)
    window.new_programme_action.trigger()
    copy = tmp_path / "copy.partnerdesk"
    dialogs.answers["save_path"] = copy
    window.save_copy_action.trigger()
    with Workspace.open(copy) as ws:
        assert [p.title for p in records.programmes(ws)] == ["New programme"]
    window.close()
    again = start_window(None)  # no --workspace: the last one reopens
    assert again.document.path == first


def test_first_start_creates_the_default_workspace(start_window, partnerdesk_home):
    window = start_window(None)
    assert window.document.path == partnerdesk_home / "workspace.partnerdesk"
    assert window.document.path.exists()


def test_models_pass_qtmodeltester(start_window, qtmodeltester, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    qtmodeltester.check(window.current_screen().participants.model)
    qtmodeltester.check(window.navigator.tree_model)
    session = records.workshops(ws, programme.id)[0]
    window.navigator.select(NodeKey("workshop", session.id))
    qtmodeltester.check(window.current_screen().agenda.model)


def test_side_is_chosen_from_a_list_and_delete_key_removes(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    editor = window.current_screen()
    table = editor.participants
    count = table.model.rowCount()
    assert editor.participants_box.title() == f"Participants ({count})"
    side_index = table.model.index(0, 3)
    table.view.edit(side_index)
    combo = table.view.viewport().findChild(QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == list(records.SIDES)
    combo.setCurrentText("other")
    qtbot.keyClick(combo, Qt.Key_Return)
    first_id = table.model.record_id(0)
    qtbot.waitUntil(lambda: records.participant(ws, first_id).side == "other")
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)

    table.view.setFocus()
    table.view.selectRow(0)
    qtbot.keyClick(table.view, Qt.Key_Delete)
    assert records.participant(ws, first_id) is None
    assert editor.participants_box.title() == f"Participants ({count - 1})"
    window.document.undo_stack.undo()
    assert records.participant(ws, first_id) is not None


def test_window_layout_and_recent_workspaces_are_remembered(start_window, dialogs, tmp_path):
    first = tmp_path / "a.partnerdesk"
    window = start_window(first)
    window.resize(700, 500)  # within the offscreen screen (800x600): restoreGeometry clamps
    window.splitter.setSizes([200, 500])
    sizes = window.splitter.sizes()
    second = tmp_path / "b.partnerdesk"
    dialogs.answers["save_path"] = second
    window.new_workspace_action.trigger()
    assert window.document.path == second and second.exists()
    assert window.recent_workspaces()[:2] == [str(second), str(first)]
    window.close()

    again = start_window(None)
    assert again.document.path == second
    assert (again.size().width(), again.size().height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_new_workspace_never_overwrites_a_file(start_window, dialogs, tmp_path):
    window = start_window(tmp_path / "a.partnerdesk")
    existing = tmp_path / "precious.partnerdesk"
    existing.write_bytes(b"keep me")
    dialogs.answers["save_path"] = existing
    window.new_workspace_action.trigger()
    assert existing.read_bytes() == b"keep me"
    assert dialogs.shown[-1][0] == "File exists"
    assert window.document.path == tmp_path / "a.partnerdesk"


def test_separate_edits_of_one_field_are_separate_undo_steps(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    stack = window.document.undo_stack
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    editor = window.current_screen()
    # Two finished cell edits of the same cell: two steps.
    model = editor.participants.model
    person = model.record_id(0)
    assert model.setData(model.index(0, 2), "Chair")
    assert model.setData(model.index(model.row_of(person), 2), "Vice chair")
    stack.undo()
    assert records.participant(ws, person).role == "Chair"
    # Typing, leaving the field, typing again: two steps; the keystrokes of each merge.
    title = editor.title_edit
    qtbot.keyClicks(title, " A")
    title.editingFinished.emit()
    qtbot.keyClicks(title, " B")
    assert records.programme(ws, programme.id).title == programme.title + " A B"
    stack.undo()
    assert records.programme(ws, programme.id).title == programme.title + " A"
    stack.undo()
    assert records.programme(ws, programme.id).title == programme.title


def test_renaming_moves_the_row_and_tab_continues_on_the_same_person(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    table = window.current_screen().participants
    person = table.model.record_id(0)
    index = table.model.index(0, 0)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    cell_editor = open_cell_editor(table.view)
    cell_editor.selectAll()
    qtbot.keyClicks(cell_editor, "Zzz Last")
    qtbot.keyClick(cell_editor, Qt.Key_Tab)
    qtbot.waitUntil(lambda: records.participant(ws, person).name == "Zzz Last")
    current = table.view.currentIndex()
    assert table.model.record_id(current.row()) == person  # the row moved to the end, with focus
    assert current.column() == 1


def test_a_macro_whose_first_step_fails_leaves_no_empty_undo_step(document, qtbot, monkeypatch):
    from partnerdesk.errors import WriteFailed
    from ui.commands import AddRecordsCommand

    errors = []
    document.error_occurred.connect(errors.append)
    with document.macro("Two programmes"):
        document.push(AddRecordsCommand(document, "programmes", [{"title": "one"}], "Add"))
    assert document.undo_stack.count() == 1  # a real step stays

    def disk_full(*args, **kwargs):
        raise WriteFailed("The disk is full, so the last change was not saved.")

    monkeypatch.setattr(document.workspace, "insert_many", disk_full)
    with document.macro("Refused"):
        assert not document.push(AddRecordsCommand(document, "programmes", [{"title": "x"}], "Add"))
    assert isinstance(errors[-1], WriteFailed)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Two programmes"


def test_a_broken_template_is_named_at_start_and_the_window_works(qtbot, dialogs, tmp_path, monkeypatch):
    import shutil

    from partnerdesk import resources
    from ui.document import WorkspaceDocument
    from ui.main_window import MainWindow

    root = tmp_path / "resources"
    shutil.copytree(resources.resource_root(), root)
    (root / "templates" / "broken.json").write_text('{"id": ', encoding="utf-8")
    monkeypatch.setattr(resources, "resource_root", lambda: root)
    resources._load_templates.cache_clear()
    try:
        window = MainWindow(WorkspaceDocument(Workspace.open(tmp_path / "w.partnerdesk")))
        qtbot.addWidget(window)
        # Named once the window is painted, not in the way of it showing.
        assert not dialogs.shown
        window.show()
        qtbot.waitUntil(lambda: bool(dialogs.shown))
        assert "broken.json" in dialogs.shown[0][1]
        assert window.isEnabled()
    finally:
        resources._load_templates.cache_clear()


def test_the_window_opens_inside_its_screen_and_remembers_its_size_per_screen(start_window, demo_path):
    from PySide6.QtCore import QRect

    from ui.main_window import _screen_key, settings

    window = start_window(demo_path)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())
    window.setGeometry(QRect(available.x() + 10, available.y() + 10, 700, 500))
    window.close()
    stored = settings()
    key = f"window/geometry/{_screen_key(window.screen())}"
    assert stored.value(key) is not None
    # A geometry saved on a bigger screen, far off this one, still opens inside it.
    huge = start_window(demo_path)
    huge.setGeometry(QRect(5000, 4000, 4000, 3000))
    huge.close()
    again = start_window(demo_path)
    assert available.contains(again.frameGeometry())


def test_f9_gives_the_navigators_width_to_a_board_and_is_remembered(qtbot, start_window, demo_path):
    """With the agenda runner open on a 1366×768 laptop a board had about 370 px; F9 (View ▸
    Show the navigator) hides the navigator and the board takes its width, in this window and the
    next one, until F9 brings it back."""
    from tests.ui.conftest import activate, press

    window = start_window(demo_path)
    window.resize(1366, 700)
    window.presenter.run_agenda_action.trigger()
    ws = window.document.workspace
    board = first_exercise(ws, kind="quadrant_board")
    window.navigator.select(NodeKey("exercise", board.id))
    activate(qtbot, window)
    window.navigator.setFocus()
    qtbot.waitUntil(lambda: window.editor_area.width() > 0)
    narrow = window.editor_area.width()
    press(window, Qt.Key_F9)
    qtbot.waitUntil(lambda: window.editor_area.width() > narrow + 200)
    assert not window.navigator.isVisible() and not window.navigator_action.isChecked()
    assert window.editor_area.isAncestorOf(window.focusWidget()) or window.focusWidget() is window.editor_area
    assert window.current_exercise_screen() is not None, "the board stays on screen"
    window.close()

    again = start_window(demo_path)
    assert not again.navigator.isVisible() and not again.navigator_action.isChecked()
    activate(qtbot, again)
    press(again, Qt.Key_F9)
    qtbot.waitUntil(lambda: again.navigator.isVisible())
    assert again.navigator.hasFocus() and again.navigator_action.isChecked()
