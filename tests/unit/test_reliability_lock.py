"""One writer per workspace: the lock file, who it names, stale locks, release on close and failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from partnerdesk import lock as lockmod
from partnerdesk.errors import WorkspaceInUse, WriteFailed
from partnerdesk.lock import LockOwner, WorkspaceLock, current_owner, is_stale, lock_path, read_lock
from partnerdesk.store import Workspace
from tests.workspace_files import digest


def write_lock(workspace: Path, **changes) -> Path:
    owner = current_owner().replace(token="theirs", **changes)
    path = lock_path(workspace)
    path.write_text(json.dumps(owner.as_dict()), encoding="utf-8")
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def closed_workspace(tmp_path) -> Path:
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "Kept"})
    return path


def test_writer_holds_a_lock_file_naming_host_user_and_process(closed_workspace):
    with Workspace.open(closed_workspace) as ws:
        owner = read_lock(lock_path(closed_workspace))
        assert owner is not None and ws.lock is not None
        assert owner.pid == os.getpid()
        assert owner.host == lockmod._host() and owner.user == lockmod._user()
    assert not lock_path(closed_workspace).exists()


def test_read_only_open_takes_no_lock(closed_workspace):
    with Workspace.open(closed_workspace, read_only=True) as ws:
        assert ws.lock is None
        assert not lock_path(closed_workspace).exists()


def test_new_workspace_is_locked_while_open(tmp_path):
    path = tmp_path / "new.partnerdesk"
    ws = Workspace.open(path)
    assert lock_path(path).exists()
    ws.close()
    assert not lock_path(path).exists()


def test_writers_in_one_process_share_the_lock(closed_workspace):
    first = Workspace.open(closed_workspace)
    second = Workspace.open(closed_workspace)
    assert first.lock is second.lock
    first.close()
    assert lock_path(closed_workspace).exists(), "still held by the second writer"
    second.close()
    assert not lock_path(closed_workspace).exists()


def test_lock_held_on_another_computer_refuses_writing_and_names_it(closed_workspace):
    lock_file = write_lock(closed_workspace, host="facilitator-laptop", user="sarah", pid=4242)
    before, lock_before = digest(closed_workspace), lock_file.read_bytes()
    with pytest.raises(WorkspaceInUse) as caught:
        Workspace.open(closed_workspace)
    message = caught.value.user_message
    assert "facilitator-laptop" in message and "sarah" in message and "read-only" in message
    assert digest(closed_workspace) == before
    assert lock_file.read_bytes() == lock_before
    with Workspace.open(closed_workspace, read_only=True) as ws:
        assert [r["title"] for r in ws.rows("programmes")] == ["Kept"]
        with pytest.raises(WriteFailed, match="read-only"):
            ws.insert("programmes", {"title": "Not allowed"})


def test_lock_of_a_live_process_on_this_computer_is_respected(closed_workspace):
    write_lock(closed_workspace, pid=os.getppid())
    with pytest.raises(WorkspaceInUse):
        Workspace.open(closed_workspace)


def test_lock_left_by_a_dead_process_on_this_computer_is_cleared(closed_workspace):
    write_lock(closed_workspace, pid=dead_pid())
    with Workspace.open(closed_workspace) as ws:
        assert read_lock(lock_path(closed_workspace)).token == ws.lock.owner.token
    assert not lock_path(closed_workspace).exists()


def test_lock_from_before_a_restart_is_cleared(closed_workspace, monkeypatch):
    monkeypatch.setattr(lockmod, "_boot_id", lambda: "this-boot")
    write_lock(closed_workspace, pid=os.getppid(), boot_id="an-earlier-boot")
    Workspace.open(closed_workspace).close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process start times come from /proc")
def test_lock_whose_process_id_was_reused_is_cleared(closed_workspace):
    # Our parent started long after 1990, so a lock "taken in 1990" by its pid is a reused id.
    owner = current_owner().replace(pid=os.getppid(), acquired="1990-01-01T00:00:00+00:00")
    assert is_stale(owner)


def test_quiet_lock_from_another_computer_is_stale_only_after_a_long_time():
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    owner = current_owner().replace(host="elsewhere", refreshed=(now - timedelta(hours=1)).isoformat())
    assert not is_stale(owner, now=now)
    owner = owner.replace(refreshed=(now - lockmod.STALE_AFTER - timedelta(minutes=1)).isoformat())
    assert is_stale(owner, now=now)


def test_refresh_keeps_a_long_session_fresh_for_other_computers(closed_workspace):
    ws = Workspace.open(closed_workspace)
    later = datetime.now(UTC) + timedelta(hours=3)
    assert ws.lock.refresh(later)
    assert read_lock(lock_path(closed_workspace)).refreshed_at == later.replace(microsecond=0)
    ws.close()


def test_refresh_notices_a_lock_that_is_no_longer_ours(closed_workspace):
    ws = Workspace.open(closed_workspace)
    write_lock(closed_workspace, host="elsewhere")
    assert not ws.lock.refresh()
    ws.close()
    assert read_lock(lock_path(closed_workspace)).host == "elsewhere", "someone else's lock survives"
    lock_path(closed_workspace).unlink()


def test_unreadable_lock_is_respected_briefly_then_cleared(closed_workspace):
    path = lock_path(closed_workspace)
    path.write_bytes(b"")
    with pytest.raises(WorkspaceInUse) as caught:
        Workspace.open(closed_workspace)
    # Issue 17.8: an empty lock file names no holder; it says what it is and what to do.
    assert "empty or unreadable" in caught.value.user_message
    assert "by another PartnerDesk" not in caught.value.user_message
    old = time.time() - 3600
    os.utime(path, (old, old))
    Workspace.open(closed_workspace).close()
    assert not path.exists()


def test_failed_open_releases_the_lock(closed_workspace, monkeypatch):
    import partnerdesk.store as store

    def fail(db, path):
        raise WriteFailed("simulated", path)

    monkeypatch.setattr(store, "_configure", fail)
    with pytest.raises(WriteFailed):
        Workspace.open(closed_workspace)
    assert not lock_path(closed_workspace).exists()
    assert not WorkspaceLock._held


def test_release_all_at_exit_removes_forgotten_locks(closed_workspace):
    ws = Workspace.open(closed_workspace)
    WorkspaceLock.release_all()
    assert not lock_path(closed_workspace).exists()
    ws.lock = None
    ws.close()


def test_folder_that_cannot_hold_a_lock_is_reported(closed_workspace, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lockmod.os, "open", refuse)
    with pytest.raises(WriteFailed, match="read-only"):
        Workspace.open(closed_workspace)


def test_describe_names_user_and_computer():
    owner = LockOwner(host="hall-pc", user="sam", pid=1, acquired="2026-11-23T09:00:00+00:00",
                      refreshed="2026-11-23T09:00:00+00:00")
    assert "sam" in owner.describe() and "hall-pc" in owner.describe()


def test_leftover_lock_naming_this_process_is_cleared(closed_workspace):
    write_lock(closed_workspace)  # our host and pid, but a token this process never held
    Workspace.open(closed_workspace).close()
    assert not lock_path(closed_workspace).exists()
