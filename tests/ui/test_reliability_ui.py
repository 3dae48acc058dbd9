"""Work safety through the window: full disk and read-only file, undo kept honest, a workspace open in
another PartnerDesk, a damaged workspace and its latest backup, automatic backups and File ▸ Restore."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView

from partnerdesk import lock as lock_module
from partnerdesk.backups import BackupInfo, list_backups, utcnow
from partnerdesk.lock import lock_path
from partnerdesk.store import Workspace
from tests.workspace_files import digest, titles
from ui.editors.programme_editor import ProgrammeEditor
from ui.reliability import ReliabilityDialogs
from ui.restore_backup import RestoreBackupDialog

HOLDER = Path(__file__).resolve().parents[1] / "e2e" / "hold_workspace.py"
UNLIMITED = 1073741823


@pytest.fixture
def safety(monkeypatch):
    """Replaces this module's questions: answers in `answers`, each question asked in `asked`."""

    class Recorder:
        asked: list[tuple[str, str]]
        answers: dict[str, object]

    recorder = Recorder()
    recorder.asked, recorder.answers = [], {}

    def ask(kind):
        def answer(parent, title, message):
            recorder.asked.append((kind, message))
            return recorder.answers.get(kind, False)
        return staticmethod(answer)

    monkeypatch.setattr(ReliabilityDialogs, "offer_read_only", ask("read_only"))
    monkeypatch.setattr(ReliabilityDialogs, "offer_backup", ask("backup"))
    return recorder


def new_programme(window, qtbot, title: str) -> ProgrammeEditor:
    window.new_programme_action.trigger()
    editor = window.current_screen()
    assert isinstance(editor, ProgrammeEditor)
    editor.title_edit.selectAll()
    QTest.keyClicks(editor.title_edit, title)
    return editor


def paste(widget, text: str) -> None:
    QApplication.clipboard().setText(text)
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key_V, Qt.ControlModifier)


def test_full_disk_is_reported_the_app_stays_usable_and_earlier_work_is_kept(start_window, dialogs, qtbot,
                                                                               tmp_path):
    path = tmp_path / "room.partnerdesk"
    window = start_window(path)
    editor = new_programme(window, qtbot, "Stakeholders")
    document = window.document
    ws = document.workspace
    steps = document.undo_stack.count()
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    ws.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full

    paste(editor.description_edit, "Notes from the flip chart about who could make or break it. " * 5000)
    assert dialogs.shown and dialogs.shown[-1][0] == "Change not saved"
    assert "disk is full" in dialogs.shown[-1][1]
    pid = editor.programme_id
    assert ws.get("programmes", pid)["description"] == ""
    assert editor.description_edit.toPlainText() == "", "the editor shows what is on disk"
    assert document.undo_stack.count() == steps, "the failed change is not an undo step"

    ws.db.execute(f"PRAGMA max_page_count = {UNLIMITED}")  # space freed: carry on
    paste(editor.description_edit, "Short note")
    assert ws.get("programmes", pid)["description"] == "Short note"
    document.undo_stack.undo()
    assert ws.get("programmes", pid)["description"] == ""
    document.undo_stack.redo()
    window.close()
    assert titles(path) == ["Stakeholders"]


def test_read_only_file_refuses_the_edit_and_says_so(start_window, dialogs, qtbot, tmp_path):
    window = start_window(tmp_path / "ro.partnerdesk")
    editor = new_programme(window, qtbot, "Kept")
    ws = window.document.workspace
    ws.db.execute("PRAGMA query_only = ON")  # what a file turned read-only looks like to SQLite
    QTest.keyClicks(editor.title_edit, " and more")
    assert dialogs.shown[-1][0] == "Change not saved" and "read-only" in dialogs.shown[-1][1]
    assert ws.get("programmes", editor.programme_id)["title"] == "Kept"
    assert editor.title_edit.text() == "Kept"
    ws.db.execute("PRAGMA query_only = OFF")


def test_a_failed_undo_leaves_the_undo_stack_describing_the_disk(start_window, dialogs, qtbot, tmp_path):
    window = start_window(tmp_path / "undo.partnerdesk")
    editor = new_programme(window, qtbot, "Agenda")
    pid = editor.programme_id
    stack = window.document.undo_stack
    ws = window.document.workspace
    ws.db.execute("PRAGMA query_only = ON")
    stack.undo()  # the title edit cannot be undone on disk
    assert "read-only" in dialogs.shown[-1][1]
    assert ws.get("programmes", pid)["title"] == "Agenda"
    assert not stack.canRedo(), "no redo of a change that was never undone"
    ws.db.execute("PRAGMA query_only = OFF")
    stack.undo()  # the programme itself
    assert ws.get("programmes", pid) is None
    stack.redo()
    assert ws.get("programmes", pid)["title"] == "Agenda"


def test_workspace_open_in_another_partnerdesk_opens_read_only(start_window, dialogs, safety, tmp_path):
    path = tmp_path / "shared.partnerdesk"
    Workspace.open(path).close()
    holder = subprocess.Popen([sys.executable, str(HOLDER), str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        safety.answers["read_only"] = True
        window = start_window(path)
        kind, message = safety.asked[-1]
        assert kind == "read_only" and "open in PartnerDesk by" in message
        assert window.document.read_only and window.document.path == path
        assert "(read-only)" in window.windowTitle()
        assert window.work_safety.read_only_label.isVisible()
        window.new_programme_action.trigger()
        assert "read-only" in dialogs.shown[-1][1]
        window.close()
    finally:
        holder.communicate(timeout=60)
    assert titles(path) == ["Written by the first PartnerDesk"]
    assert not lock_path(path).exists()


def test_declining_read_only_keeps_the_current_workspace(start_window, dialogs, safety, tmp_path):
    mine = tmp_path / "mine.partnerdesk"
    window = start_window(mine)
    other = tmp_path / "other.partnerdesk"
    Workspace.open(other).close()
    now = utcnow().isoformat()
    lock_path(other).write_text(json.dumps({"host": "hall-pc", "user": "sam", "pid": 1,
                                            "acquired": now, "refreshed": now}))
    assert not window.open_workspace(other)
    assert "hall-pc" in safety.asked[-1][1] and "sam" in safety.asked[-1][1]
    assert window.document.path == mine and not window.document.read_only
    assert dialogs.shown == [], "one question, no second message"


@pytest.mark.parametrize("keep", [0.5, 0.0], ids=["truncated", "emptied"])
def test_damaged_workspace_offers_the_latest_backup_in_a_new_file(start_window, dialogs, safety, qtbot,
                                                                    tmp_path, keep):
    path = tmp_path / "workshop.partnerdesk"
    window = start_window(path)
    new_programme(window, qtbot, "Before the crash")
    window.close()  # a backup on close
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    before = digest(path)

    safety.answers["backup"] = True
    window = start_window(path)
    kind, message = safety.asked[-1]
    assert kind == "backup" and "latest backup" in message
    assert "damaged" in message or "empty" in message
    restored = window.document.path
    assert restored != path and restored.parent == path.parent and "restored from" in restored.name
    assert not window.document.read_only
    assert [r["title"] for r in window.document.workspace.rows("programmes")] == ["Before the crash"]
    assert dialogs.shown[-1][0] == "Backup restored" and "has not been changed" in dialogs.shown[-1][1]
    assert digest(path) == before


def test_damaged_workspace_without_backup_is_refused_with_a_message(start_window, dialogs, safety, tmp_path):
    window = start_window(tmp_path / "fine.partnerdesk")
    bad = tmp_path / "never-backed-up.partnerdesk"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(4000))
    assert not window.open_workspace(bad)
    assert safety.asked == []
    assert dialogs.shown[-1][0] in ("Damaged workspace", "Not a PartnerDesk workspace")


def test_backups_on_open_hourly_while_in_use_and_on_close(start_window, qtbot, tmp_path, partnerdesk_home):
    path = tmp_path / "day.partnerdesk"
    window = start_window(path)
    safety = window.work_safety
    # The backup on opening waits for the window's first paint (ui/startup.py).
    qtbot.waitUntil(lambda: [b.reason for b in safety.keeper.backups()] == ["open"])
    folder = safety.keeper.folder
    assert folder.parent == partnerdesk_home / "backups"

    clock_now = [utcnow()]
    safety.keeper.clock = lambda: clock_now[0]
    new_programme(window, qtbot, "Morning")
    assert [b.reason for b in safety.keeper.backups()] == ["open"], "not an hour yet"
    clock_now[0] += timedelta(hours=1, minutes=1)
    safety.timer.timeout.emit()
    assert [b.reason for b in safety.keeper.backups()] == ["hourly", "open"]
    assert "Morning" in titles(safety.keeper.backups()[0].path)

    clock_now[0] += timedelta(hours=2)
    new_programme(window, qtbot, "Afternoon")  # an edit also checks the schedule
    assert len(safety.keeper.backups()) == 3
    clock_now[0] += timedelta(minutes=10)
    window.close()
    reasons = [b.reason for b in list_backups(folder)]
    assert reasons[0] == "close" and len(reasons) == 4
    assert not lock_path(path).exists()


def test_restore_from_backup_dialog_restores_into_a_new_file(start_window, dialogs, qtbot, tmp_path,
                                                             monkeypatch):
    path = tmp_path / "programme.partnerdesk"
    window = start_window(path)
    new_programme(window, qtbot, "Version one")
    window.work_safety.keeper.backup_now()
    new_programme(window, qtbot, "Added later")
    shown_dialogs: list[RestoreBackupDialog] = []

    def choose(parent, backups: list[BackupInfo], folder: Path):
        dialog = RestoreBackupDialog(backups, folder, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown_dialogs.append(dialog)
        assert dialog.list.count() == 2 and "on request" in dialog.list.item(0).text()
        rect = dialog.list.visualItemRect(dialog.list.item(0))
        QTest.mouseClick(dialog.list.viewport(), Qt.LeftButton, pos=rect.center())
        with qtbot.waitSignal(dialog.accepted):
            QTest.mouseClick(dialog.restore_button, Qt.LeftButton)
        return dialog.chosen()

    monkeypatch.setattr(ReliabilityDialogs, "choose_backup", staticmethod(choose))
    target = tmp_path / "as it was.partnerdesk"
    dialogs.answers["save_path"] = target
    window.file_menu.actions()  # the action sits in the File menu
    assert window.work_safety.restore_action in window.file_menu.actions()
    window.work_safety.restore_action.trigger()
    assert shown_dialogs
    assert window.document.path == target
    assert [r["title"] for r in window.document.workspace.rows("programmes")] == ["Version one"]
    assert titles(path) == ["Version one", "Added later"], "the workspace it came from is unchanged"


def test_restore_never_overwrites_the_open_workspace(start_window, dialogs, monkeypatch, tmp_path, qtbot):
    path = tmp_path / "open.partnerdesk"
    window = start_window(path)
    qtbot.waitUntil(lambda: len(window.work_safety.keeper.backups()) == 1)  # taken after the first paint
    monkeypatch.setattr(ReliabilityDialogs, "choose_backup",
                        staticmethod(lambda parent, backups, folder: backups[0]))
    dialogs.answers["save_path"] = path
    before = titles(path)
    window.work_safety.restore_action.trigger()
    assert dialogs.shown[-1][0] == "Change not saved" and "already exists" in dialogs.shown[-1][1]
    assert window.document.path == path and titles(path) == before


def test_restore_dialog_double_click_chooses(qtbot, tmp_path):
    backups = [BackupInfo(tmp_path / f"{n}.partnerdesk", utcnow() - timedelta(hours=n), "hourly")
               for n in range(3)]
    dialog = RestoreBackupDialog(backups, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    rect = dialog.list.visualItemRect(dialog.list.item(2))
    QTest.mouseClick(dialog.list.viewport(), Qt.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.accepted):
        QTest.mouseDClick(dialog.list.viewport(), Qt.LeftButton, pos=rect.center())
    assert dialog.chosen() == backups[2]


def test_lock_left_by_a_crashed_partnerdesk_is_cleared_without_a_question(start_window, safety, tmp_path):
    path = tmp_path / "crashed.partnerdesk"
    Workspace.open(path).close()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    now = utcnow().isoformat()
    lock_path(path).write_text(json.dumps({"host": lock_module._host(), "user": "me", "pid": gone.pid,
                                           "acquired": now, "refreshed": now}))
    window = start_window(path)
    assert safety.asked == []
    assert window.document.path == path and not window.document.read_only
    owner = json.loads(lock_path(path).read_text())
    assert owner["pid"] != gone.pid
    window.work_safety.timer.timeout.emit()  # the periodic check also refreshes the lock
    assert window.document.workspace.lock.is_ours()


# -- issue 17.6: another program holds the file; 17.4 read-only location; 12.2 a foreign -wal -------

OTHER = Path(__file__).resolve().parents[1] / "e2e" / "other_program.py"


def type_into(window, qtbot, widget, text: str) -> None:
    """Keys to the focused widget of the active window, as typed at the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    widget.end(False)
    QTest.keyClicks(QApplication.focusWidget(), text)


def test_typing_while_another_program_holds_the_file_loses_nothing(start_window, dialogs, qtbot, tmp_path):
    path = tmp_path / "busy.partnerdesk"
    window = start_window(path)
    editor = new_programme(window, qtbot, "Stakeholders")
    safety = window.work_safety
    holder = subprocess.Popen([sys.executable, str(OTHER), "write", str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        type_into(window, qtbot, editor.title_edit, " and partners")
        assert editor.title_edit.text() == "Stakeholders and partners"
        assert not any(title == "Change not saved" for title, _ in dialogs.shown)
        qtbot.waitUntil(safety.busy_label.isVisible)
        assert "another program" in safety.busy_label.text()
        assert titles(path) == ["Stakeholders"]  # on disk: not yet
    finally:
        holder.communicate("", timeout=60)
    qtbot.waitUntil(lambda: not safety.busy_label.isVisible())
    assert titles(path) == ["Stakeholders and partners"]
    window.document.undo_stack.undo()  # the kept edits are ordinary undo steps
    assert window.document.workspace.get("programmes", editor.programme_id)["title"] != \
        "Stakeholders and partners"


def test_a_long_busy_file_offers_a_copy_with_everything_typed(start_window, dialogs, qtbot, tmp_path,
                                                              monkeypatch):
    import ui.reliability as reliability

    monkeypatch.setattr(reliability, "OFFER_COPY_AFTER_S", 0.0)
    offered = []
    monkeypatch.setattr(ReliabilityDialogs, "offer_copy_while_busy",
                        staticmethod(lambda parent, message: offered.append(message) or True))
    path = tmp_path / "busy.partnerdesk"
    copy = tmp_path / "copy.partnerdesk"
    dialogs.answers["save_path"] = copy
    window = start_window(path)
    editor = new_programme(window, qtbot, "Agenda")
    holder = subprocess.Popen([sys.executable, str(OTHER), "write", str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        type_into(window, qtbot, editor.title_edit, " for the day")
        qtbot.waitUntil(lambda: bool(offered))
        assert titles(copy) == ["Agenda for the day"]
    finally:
        holder.communicate("", timeout=60)


def test_a_read_only_location_opens_read_only_and_says_why(start_window, dialogs, safety, tmp_path,
                                                           monkeypatch):
    import partnerdesk.store as store

    path = tmp_path / "stick.partnerdesk"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "On the stick"})
    # The real read-only filesystem is in tests/e2e/test_reliability_edges.py (a private mount);
    # here only what the window says about it.
    monkeypatch.setattr(store, "_writable_location", lambda p: False)
    window = start_window(path)
    assert window.document is not None and window.document.read_only
    label = window.work_safety.read_only_label
    assert label.isVisible() and "cannot be written" in label.text()
    assert not safety.asked and not any("damaged" in m for _, m in dialogs.shown)


def test_a_wal_of_another_copy_is_offered_without_the_log(start_window, dialogs, monkeypatch, tmp_path):
    import shutil

    live = tmp_path / "live.partnerdesk"
    ws = Workspace.open(live)
    ws.insert("programmes", {"title": "In the file"})
    ws.checkpoint()
    older = tmp_path / "older.partnerdesk"
    ws.backup_to(older)
    ws.insert("programmes", {"title": "Only in the log"})
    folder = tmp_path / "crashed"
    folder.mkdir()
    for suffix in ("-wal", ".lock"):
        shutil.copy2(f"{live}{suffix}", folder / f"{live.name}{suffix}")
    ws.close()
    path = folder / live.name
    shutil.copy(older, path)
    before = {p.name: digest(p) for p in folder.iterdir()}
    asked = []
    monkeypatch.setattr(ReliabilityDialogs, "offer_without_wal",
                        staticmethod(lambda parent, title, message: asked.append(message) or "without"))
    window = start_window(path)
    assert asked and "does not belong" in asked[0]
    assert window.document is not None and "without the unsaved log" in window.document.path.name
    assert [r["title"] for r in window.document.workspace.rows("programmes")] == ["In the file"]
    assert {p.name: digest(p) for p in folder.iterdir() if p.name in before} == before


def test_a_file_dialog_in_the_workspace_folder_keeps_its_locks(start_window, qtbot, tmp_path):
    """Issue 12.1: the dialog's file model must not open the workspace (that drops SQLite's POSIX
    locks); then another SQLite program that opens and closes the file leaves the -wal alone."""
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "room.partnerdesk"
    window = start_window(path)
    new_programme(window, qtbot, "Kept")
    seen = []

    def close_when_listed():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, close_when_listed)
            return
        view = dialog.findChild(QListView, "listView")
        if view is None or view.model().rowCount(view.rootIndex()) == 0:
            QTimer.singleShot(20, close_when_listed)  # still listing the folder
            return
        seen.append(view.model().rowCount(view.rootIndex()))
        dialog.reject()

    QTimer.singleShot(0, close_when_listed)
    # The app's one file-dialog path (ui.dialogs), not a stand-in: the tests replace Dialogs.
    from ui.dialogs import get_save_file_name

    get_save_file_name(window, "Export image", str(tmp_path / "board.png"), "PNG image (*.png)")
    assert seen  # the dialog listed the folder holding the workspace
    other = subprocess.run([sys.executable, str(OTHER), "look", str(path)], capture_output=True,
                           text=True, timeout=60)
    assert other.stdout.startswith("looked"), other.stderr
    assert Path(f"{path}-wal").exists(), "the other program thought it was alone and deleted the -wal"


def test_a_file_with_the_mark_but_not_the_tables_is_refused_and_the_app_carries_on(start_window, dialogs,
                                                                                   safety, tmp_path):
    import sqlite3

    from partnerdesk.store import APPLICATION_ID

    path = tmp_path / "junk.partnerdesk"
    conn = sqlite3.connect(path)
    conn.executescript(f"PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version=5;")
    conn.close()
    before = digest(path)
    window = start_window(path)
    assert window.document is not None and window.document.path != path
    assert any(title == "Not a PartnerDesk workspace" and "lacks its tables" in message
               for title, message in dialogs.shown)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("junk")) == [path.name]
