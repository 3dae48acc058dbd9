"""Two PartnerDesk processes on one workspace: the second never writes; a crashed holder's lock is cleared."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from partnerdesk import lock as lockmod
from partnerdesk.errors import WorkspaceInUse, WriteFailed
from partnerdesk.lock import lock_path, read_lock
from partnerdesk.store import Workspace
from tests.workspace_files import titles

HERE = Path(__file__).parent


def start_holder(path: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, str(HERE / "hold_workspace.py"), str(path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    return child


def finish(child: subprocess.Popen) -> tuple[str, str]:
    return child.communicate(timeout=60)


def test_second_process_is_told_who_holds_it_and_cannot_write(tmp_path):
    path = tmp_path / "shared.partnerdesk"
    Workspace.open(path).close()
    holder = start_holder(path)
    try:
        owner = read_lock(lock_path(path))
        assert owner.pid == holder.pid
        with pytest.raises(WorkspaceInUse) as caught:
            Workspace.open(path)
        assert lockmod._host() in caught.value.user_message
        with Workspace.open(path, read_only=True) as ws:
            assert [r["title"] for r in ws.rows("programmes")] == ["Written by the first PartnerDesk"]
            with pytest.raises(WriteFailed, match="read-only"):
                ws.insert("programmes", {"title": "From the second"})
    finally:
        _, err = finish(holder)  # closes its stdin: the holder closes the workspace and exits
    assert holder.returncode == 0, err
    assert not lock_path(path).exists(), "released on close"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "Now the second may write"})
    assert titles(path) == ["Written by the first PartnerDesk", "Now the second may write"]


def test_a_second_writer_process_is_refused_while_this_one_holds_it(tmp_path):
    path = tmp_path / "mine.partnerdesk"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "Mine"})
        second = subprocess.run([sys.executable, str(HERE / "burst_writer.py"), str(path), "1"],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode != 0
        assert second.stdout == "", "the second process wrote nothing"
        assert "WorkspaceInUse" in second.stderr
        assert [r["title"] for r in ws.rows("programmes")] == ["Mine"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lock_left_by_a_killed_process_is_recognised_and_cleared(tmp_path):
    path = tmp_path / "crashed.partnerdesk"
    Workspace.open(path).close()
    holder = start_holder(path)
    holder.send_signal(signal.SIGKILL)
    finish(holder)
    assert lock_path(path).exists()
    with Workspace.open(path) as ws:
        assert [r["title"] for r in ws.rows("programmes")] == ["Written by the first PartnerDesk"]
        assert read_lock(lock_path(path)).pid != holder.pid
    assert not lock_path(path).exists()
