"""Work safety through the window: full disk and read-only file, undo kept honest, a workspace open in
another PartnerDesk, a damaged workspace and its latest backup, automatic backups and File ▸ Restore."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from partnerdesk import lock as lock_module
from partnerdesk.backups import BackupInfo, list_backups, utcnow
from partnerdesk.lock import lock_path
from partnerdesk.store import Workspace
from ui.editors.programme_editor import ProgrammeEditor
from ui.reliability import ReliabilityDialogs, RestoreBackupDialog

HOLDER = Path(__file__).resolve().parents[1] / "e2e" / "hold_workspace.py"
UNLIMITED = 1073741823


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(path: Path) -> list[str]:
    with Workspace.open(path, create=False, read_only=True) as ws:
        return [r["title"] for r in ws.rows("programmes")]


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
