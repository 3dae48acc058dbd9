"""Bad files are refused clearly and left byte for byte as they were; a left-over WAL is recovered."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from partnerdesk.errors import CorruptWorkspace, NewerVersion, NotAWorkspace, StorageError
from partnerdesk.lock import lock_path
from partnerdesk.migrations import latest_version
from partnerdesk.store import Workspace
from tests.workspace_files import damaged_page, digest


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def another_application(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    conn.execute("INSERT INTO photos (caption) VALUES ('beach')")
    conn.commit()
    conn.close()


def newer_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "spoil, error, words",
    [
        (truncated, CorruptWorkspace, "damaged"),
        (random_bytes, NotAWorkspace, "not an SQLite database"),
        (zero_length, NotAWorkspace, "empty"),
        (another_application, NotAWorkspace, "another application"),
        (newer_version, NewerVersion, "newer version"),
        (damaged_page, CorruptWorkspace, "damaged"),
    ],
    ids=["truncated", "random-bytes", "zero-length", "another-application", "newer-version", "damaged-page"],
)
@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_bad_file_is_refused_clearly_and_unchanged(demo_path, spoil, error, words, read_only):
    spoil(demo_path)
    before = digest(demo_path)
    with pytest.raises(error) as caught:
        Workspace.open(demo_path, read_only=read_only)
    assert words in caught.value.user_message
    assert "not been changed" in caught.value.user_message or spoil is zero_length
    assert digest(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == [demo_path.name]
    assert not lock_path(demo_path).exists()


def test_wal_left_next_to_a_workspace_is_recovered(tmp_path):
    """A crash leaves the last commits in the -wal file only; opening puts them back."""
    live = tmp_path / "live.partnerdesk"
    ws = Workspace.open(live)
    ws.db.execute("PRAGMA wal_autocheckpoint = 0")  # keep the commits in the WAL, as a crash may
    first = ws.insert("programmes", {"title": "Checkpointed"})
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    second = ws.insert("programmes", {"title": "Only in the WAL"})
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    # The files as a power cut would leave them: main file, WAL and the lock file (which
    # records what ties that WAL to that main file), no lock holder alive.
    shutil.copy2(live, crashed / live.name)
    shutil.copy2(f"{live}-wal", crashed / f"{live.name}-wal")
    shutil.copy2(lock_path(live), lock_path(crashed / live.name))
    ws.close()
    copy = crashed / live.name
    assert Path(f"{copy}-wal").stat().st_size > 0

    main_only = tmp_path / "main-only.partnerdesk"
    shutil.copy(copy, main_only)
    with Workspace.open(main_only, read_only=True) as without_wal:
        assert [r["id"] for r in without_wal.rows("programmes")] == [first]

    with Workspace.open(copy) as recovered:
        assert [r["id"] for r in recovered.rows("programmes")] == [first, second]
        assert recovered.integrity_problems() == []
    with Workspace.open(copy, read_only=True) as again:
        assert [r["title"] for r in again.rows("programmes")] == ["Checkpointed", "Only in the WAL"]


def test_missing_file_is_not_created_when_not_asked(tmp_path):
    with pytest.raises(StorageError, match="no workspace"):
        Workspace.open(tmp_path / "absent.partnerdesk", create=False)
    assert not (tmp_path / "absent.partnerdesk").exists()
