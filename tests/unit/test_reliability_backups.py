"""Automatic backups: the schedule (injected clock), consistent copies, pruning, restoring to a new file."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from partnerdesk import backups
from partnerdesk.backups import BackupInfo, BackupKeeper, backup_due, restore_backup, to_prune
from partnerdesk.errors import CorruptWorkspace, NotAWorkspace, WriteFailed
from partnerdesk.paths import backups_dir
from partnerdesk.store import Workspace
from tests.workspace_files import titles

START = datetime(2026, 11, 23, 8, 55, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def keeper(workspace, clock) -> BackupKeeper:
    return BackupKeeper(workspace, clock=clock)


def test_due_only_after_a_change_and_an_hour():
    assert backup_due(None, START, changed=True)
    assert not backup_due(None, START, changed=False)
    assert not backup_due(START, START + timedelta(minutes=59), changed=True)
    assert backup_due(START, START + timedelta(hours=1), changed=True)
    assert not backup_due(START, START + timedelta(hours=5), changed=False)


def test_prune_keeps_the_newest():
    made = [BackupInfo(Path(f"{i}.partnerdesk"), START + timedelta(hours=i), "hourly") for i in range(12)]
    pruned = to_prune(made, keep=10)
    assert sorted(b.taken for b in pruned) == [START, START + timedelta(hours=1)]


def test_names_carry_the_utc_time_and_reason():
    name = backups.backup_name(START, "open")
    assert name == "20261123T085500.000Z-open.partnerdesk"
    info = backups.parse_backup_name(Path(name))
    assert info.taken == START and info.reason == "open"
    assert backups.parse_backup_name(Path("notes.txt")) is None
    later = backups.parse_backup_name(Path(backups.backup_name(START + timedelta(milliseconds=7), "close")))
    assert later.taken == START + timedelta(milliseconds=7)


def test_backup_on_open_goes_to_the_workspaces_own_folder(workspace, keeper):
    workspace.insert("programmes", {"title": "Cornwall"})
    info = keeper.on_open()
    assert info is not None and info.reason == "open"
    assert info.path.parent.parent == backups_dir()
    assert info.path.parent.name.startswith("test-")
    assert titles(info.path) == ["Cornwall"]
    assert keeper.backups() == [info]


def test_hourly_while_in_use_and_only_when_something_changed(workspace, keeper, clock):
    keeper.on_open()
    clock.advance(minutes=30)
    workspace.insert("programmes", {"title": "A"})
    assert keeper.maybe_backup() is None, "not an hour yet"
    clock.advance(minutes=31)
    hourly = keeper.maybe_backup()
    assert hourly is not None and hourly.reason == "hourly"
    assert titles(hourly.path) == ["A"]
    clock.advance(hours=3)
    assert keeper.maybe_backup() is None, "nothing changed since"
    workspace.insert("programmes", {"title": "B"})
    assert keeper.maybe_backup() is not None
    assert [b.reason for b in keeper.backups()] == ["hourly", "hourly", "open"]


def test_on_close_only_when_changed(workspace, keeper, clock):
    keeper.on_open()
    clock.advance(minutes=5)
    assert keeper.on_close() is None
    workspace.insert("programmes", {"title": "Late edit"})
    clock.advance(minutes=5)
    closing = keeper.on_close()
    assert closing is not None and titles(closing.path) == ["Late edit"]


def test_two_backups_in_the_same_second_both_kept(workspace, keeper):
    first = keeper.backup_now()
    workspace.insert("programmes", {"title": "x"})
    second = keeper.backup_now()
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert keeper.backups()[0] == second


def test_only_the_last_ten_are_kept(workspace, clock):
    keeper = BackupKeeper(workspace, clock=clock, keep=10)
    keeper.on_open()
    for hour in range(14):
        workspace.insert("programmes", {"title": f"hour {hour}"})
        clock.advance(hours=1)
        assert keeper.maybe_backup() is not None
    kept = keeper.backups()
    assert len(kept) == 10
    assert kept[0].taken == START + timedelta(hours=14)
    assert len(titles(kept[0].path)) == 14
    assert len(list(keeper.folder.glob("*.partnerdesk"))) == 10


def test_read_only_workspace_takes_no_backups(demo_path, clock):
    with Workspace.open(demo_path, read_only=True) as ws:
        assert BackupKeeper(ws, clock=clock).on_open() is None


def test_a_failing_backup_never_stops_work(workspace, keeper, monkeypatch):
    def full(target):
        raise WriteFailed("The disk is full.", target)

    monkeypatch.setattr(workspace, "backup_to", full)
    assert keeper.on_open() is None
    assert isinstance(keeper.last_error, WriteFailed)
    workspace.insert("programmes", {"title": "still working"})


def test_restore_into_a_new_file_opens_with_everything(workspace, keeper, tmp_path, clock):
    workspace.insert("programmes", {"title": "Before the accident"})
    backup = keeper.on_open()
    workspace.insert("programmes", {"title": "After"})
    target = tmp_path / "restored.partnerdesk"
    assert restore_backup(backup.path, target) == target
    with Workspace.open(target, create=False) as restored:
        assert [r["title"] for r in restored.rows("programmes")] == ["Before the accident"]
        assert restored.integrity_problems() == []


def test_restore_never_writes_over_a_file(workspace, keeper, tmp_path):
    backup = keeper.on_open()
    existing = tmp_path / "mine.partnerdesk"
    existing.write_bytes(b"precious")
    with pytest.raises(WriteFailed, match="new file"):
        restore_backup(backup.path, existing)
    assert existing.read_bytes() == b"precious"
    with pytest.raises(WriteFailed):
        restore_backup(backup.path, workspace.path)


def test_restore_refuses_a_damaged_backup(tmp_path):
    bad = tmp_path / "20261123T085500Z-open.partnerdesk"
    bad.write_bytes(b"not a workspace at all" * 10)
    with pytest.raises(NotAWorkspace):
        restore_backup(bad, tmp_path / "out.partnerdesk")
    assert not (tmp_path / "out.partnerdesk").exists()


def test_latest_backup_found_for_a_file_that_is_now_damaged(workspace, keeper, clock):
    keeper.on_open()
    workspace.insert("programmes", {"title": "x"})
    clock.advance(hours=2)
    newest = keeper.maybe_backup()
    path = workspace.path
    workspace.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises((CorruptWorkspace, NotAWorkspace)):
        Workspace.open(path)
    assert backups.latest_backup(path) == newest
    target = backups.restored_name(path, newest)
    assert target.parent == path.parent and not target.exists()
    restore_backup(newest.path, target)
    assert titles(target) == ["x"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_backups_of_other_workspaces_are_not_mixed_up(tmp_path, clock):
    with Workspace.open(tmp_path / "a.partnerdesk") as a, Workspace.open(tmp_path / "b.partnerdesk") as b:
        BackupKeeper(a, clock=clock).on_open()
        BackupKeeper(b, clock=clock).on_open()
    assert len(backups.backups_of_file(tmp_path / "a.partnerdesk")) == 1
    assert backups.backups_of_file(tmp_path / "nothing.partnerdesk") == []


def test_label_is_local_time_with_reason():
    info = BackupInfo(Path("x"), START, "close")
    assert "when closed" in info.label and "2026" in info.label


def test_command_line_backup_list_and_restore(demo_path, tmp_path, capsys):
    from partnerdesk.cli import main

    assert main(["backups", str(demo_path)]) == 1
    assert main(["backup", str(demo_path)]) == 0
    assert main(["backups", str(demo_path)]) == 0
    out = capsys.readouterr().out
    latest = Path(out.strip().splitlines()[-1].removeprefix("latest backup: "))
    assert latest.exists() and "on request" in out
    target = tmp_path / "restored.partnerdesk"
    assert main(["restore", str(latest), str(target)]) == 0
    assert main(["restore", str(latest), str(target)]) == 2, "never over an existing file"
    assert "already exists" in capsys.readouterr().err
    assert main(["check", str(target)]) == 0


def test_check_of_a_damaged_workspace_names_its_latest_backup(demo_path, capsys):
    from partnerdesk.cli import main

    assert main(["backup", str(demo_path)]) == 0
    capsys.readouterr()
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    assert main(["check", str(demo_path)]) == 2
    captured = capsys.readouterr()
    assert "damaged" in captured.err
    assert captured.out.startswith("latest backup: ") and "on request" in captured.out


def test_half_written_backup_left_by_a_crash_is_ignored_then_removed(workspace, keeper, clock):
    keeper.on_open()
    leftover = keeper.folder / "20261123T090000.000Z-hourly.partnerdesk.part"
    leftover.write_bytes(b"SQLite format 3\x00 cut short")
    assert [b.reason for b in keeper.backups()] == ["open"]
    workspace.insert("programmes", {"title": "x"})
    clock.advance(hours=1)
    keeper.maybe_backup()
    assert not leftover.exists()
