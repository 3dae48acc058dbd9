"""Opening for a fast start: the integrity check may wait for the window, never for an edit."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from partnerdesk.errors import CorruptWorkspace
from partnerdesk.store import Workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_a_page(path: Path) -> None:
    """Spoil a table page in the middle of the file, leaving the header (WAL, version) intact."""
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page + 8: 3 * page + 200] = random.Random(1).randbytes(192)
    path.write_bytes(bytes(data))


@pytest.fixture
def wal_demo(demo_path: Path) -> Path:
    """The demo as the app leaves a workspace: in write-ahead-log mode (a copy is not)."""
    Workspace.open(demo_path, create=False).close()
    return demo_path


def test_a_copy_not_in_wal_mode_is_checked_at_once(demo_path):
    with Workspace.open(demo_path, create=False, defer_check=True) as ws:
        assert not ws.check_pending, "opening it switches it to WAL, a change: check first"


def test_deferred_check_runs_once_and_the_workspace_works(wal_demo):
    demo_path = wal_demo
    with Workspace.open(demo_path, create=False, defer_check=True) as ws:
        assert ws.check_pending
        assert ws.rows("programmes"), "reading does not wait for the check"
        ws.ensure_checked()
        assert not ws.check_pending
        pid = ws.insert("programmes", {"title": "After the check"})
        assert ws.get("programmes", pid)["title"] == "After the check"


def test_an_edit_runs_the_deferred_check_first(wal_demo):
    with Workspace.open(wal_demo, create=False, defer_check=True) as ws:
        ws.insert("programmes", {"title": "First edit"})
        assert not ws.check_pending


def test_opening_without_deferring_checks_at_once(demo_path):
    with Workspace.open(demo_path, create=False) as ws:
        assert not ws.check_pending


def test_damaged_workspace_is_never_written_when_its_check_was_deferred(wal_demo, tmp_path):
    demo_path = wal_demo
    damage_a_page(demo_path)
    before = digest(demo_path)
    ws = Workspace.open(demo_path, create=False, defer_check=True)
    assert ws.check_pending
    with pytest.raises(CorruptWorkspace):
        ws.ensure_checked()
    with pytest.raises(CorruptWorkspace):
        ws.insert("programmes", {"title": "Must not land"})
    with pytest.raises(CorruptWorkspace):
        ws.backup_to(tmp_path / "copy.partnerdesk")
    ws.close()
    assert digest(demo_path) == before
    assert not (tmp_path / "copy.partnerdesk").exists()


def test_a_workspace_to_migrate_is_checked_before_it_is_changed(wal_demo):
    import sqlite3

    demo_path = wal_demo
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA user_version = 4")  # pretend it predates the audit tables' migration
    conn.commit()
    conn.close()
    with Workspace.open(demo_path, create=False, read_only=True, defer_check=True) as ws:
        assert not ws.check_pending
