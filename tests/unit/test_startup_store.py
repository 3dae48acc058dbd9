"""Opening for a fast start: the integrity check may wait for the window, never for an edit."""

from __future__ import annotations

import pytest

from partnerdesk.errors import CorruptWorkspace
from partnerdesk.store import Workspace
from tests.workspace_files import damaged_page, digest


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
    damaged_page(demo_path)
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
