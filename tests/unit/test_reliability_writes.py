"""A full disk or an unwritable file: the change is refused with a message, earlier data intact, work goes on.

Running as root, chmod does not stop writes, so "the file became read-only" is simulated with
SQLite's `PRAGMA query_only` on the open connection (the error SQLite then gives, "attempt to
write a readonly database", is the one a read-only file or a read-only mount gives).
"""

from __future__ import annotations

import os
import stat

import pytest

from partnerdesk.errors import WriteFailed
from partnerdesk.store import Workspace

UNLIMITED = 1073741823


def fill_disk(ws: Workspace) -> None:
    """The file may not grow by another page: what a full disk looks like to SQLite."""
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    ws.db.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_refuses_the_change_and_keeps_earlier_data(workspace):
    kept = workspace.insert("programmes", {"title": "Before the disk filled"})
    fill_disk(workspace)
    with pytest.raises(WriteFailed) as caught:
        workspace.insert("programmes", {"title": "Too big", "description": "x" * 200_000})
    assert "disk is full" in caught.value.user_message
    assert "earlier changes are safe" in caught.value.user_message
    assert [r["id"] for r in workspace.rows("programmes")] == [kept]
    with pytest.raises(WriteFailed, match="disk is full"):
        workspace.insert_many("programmes", [{"title": "big", "description": "y" * 50_000}] * 5)
    with pytest.raises(WriteFailed, match="disk is full"):
        workspace.update("programmes", kept, {"description": "z" * 200_000})
    assert workspace.get("programmes", kept)["description"] == ""
    assert workspace.integrity_problems() == []

    workspace.db.execute(f"PRAGMA max_page_count = {UNLIMITED}")  # space freed
    workspace.insert("programmes", {"title": "After freeing space", "description": "x" * 200_000})
    path = workspace.path
    workspace.close()
    with Workspace.open(path, read_only=True) as again:
        titles = [r["title"] for r in again.rows("programmes")]
        assert titles == ["Before the disk filled", "After freeing space"]
        assert again.integrity_problems() == []


def test_full_disk_during_a_grouped_change_keeps_none_of_it(workspace):
    fill_disk(workspace)
    with pytest.raises(WriteFailed, match="disk is full"), workspace.atomic():
        workspace.insert("programmes", {"title": "small"})
        workspace.insert("programmes", {"title": "big", "description": "x" * 200_000})
    workspace.db.execute(f"PRAGMA max_page_count = {UNLIMITED}")
    assert workspace.rows("programmes") == []


def test_file_that_became_read_only_refuses_the_change(workspace):
    kept = workspace.insert("programmes", {"title": "Kept"})
    workspace.db.execute("PRAGMA query_only = ON")
    with pytest.raises(WriteFailed) as caught:
        workspace.update("programmes", kept, {"title": "Lost?"})
    assert "read-only" in caught.value.user_message
    assert workspace.get("programmes", kept)["title"] == "Kept"
    workspace.db.execute("PRAGMA query_only = OFF")
    workspace.update("programmes", kept, {"title": "Writable again"})
    assert workspace.get("programmes", kept)["title"] == "Writable again"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores file permissions; query_only covers this case above")
def test_read_only_file_on_disk_is_reported_on_open(tmp_path):
    path = tmp_path / "ro.partnerdesk"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "Kept"})
    path.chmod(stat.S_IRUSR)
    try:
        with pytest.raises(WriteFailed, match="read-only"):
            Workspace.open(path)
        with Workspace.open(path, read_only=True) as ws:
            assert [r["title"] for r in ws.rows("programmes")] == ["Kept"]
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
