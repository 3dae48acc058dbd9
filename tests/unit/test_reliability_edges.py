"""The workspace file at its edges (issue 17): what is not a workspace is refused before any
write and looked at without leaving anything beside it; check never prints a traceback;
backups always rotate; a -wal of unknown origin is never applied (issue 12.2); migrations are
all or nothing with a verified copy first (issue 12.3)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from partnerdesk import cli
from partnerdesk.backups import KEEP, folder_for, list_backups, take_backup
from partnerdesk.errors import CorruptWorkspace, ForeignWal, NewerVersion, NotAWorkspace, WriteFailed
from partnerdesk.lock import lock_path
from partnerdesk.migrations import latest_version
from partnerdesk.store import APPLICATION_ID, Workspace

PD = APPLICATION_ID


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder and its bytes' digest: 'unchanged, nothing beside it'."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


def sqlite_file(path: Path, script: str) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()
    return path


def marked_junk(path: Path) -> Path:
    return sqlite_file(path, f"PRAGMA application_id={PD}; CREATE TABLE junk(x);")


def marked_empty_v5(path: Path) -> Path:
    return sqlite_file(path, f"PRAGMA application_id={PD}; PRAGMA user_version=5;")


def marked_missing_column(path: Path) -> Path:
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "P"})
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE programmes DROP COLUMN description")
    conn.commit()
    conn.close()
    return path


def index_damage(path: Path) -> Path:
    """Damage that SQLite's quick check passes and its full integrity check finds."""
    with Workspace.open(path) as ws:
        ids = [ws.insert("programmes", {"title": f"P{i}"}) for i in range(5)]
    data = bytearray(path.read_bytes())
    data[data.find(ids[2].encode())] = 0xFF  # not UTF-8, and no longer matching its index
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path.as_uri() + "?mode=ro&immutable=1", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    conn.close()
    return path


def schema_name_damage(path: Path) -> Path:
    """A table name in the schema that is no longer UTF-8: SQLite's own error cannot be decoded."""
    Workspace.open(path).close()
    data = bytearray(path.read_bytes())
    at = data.find(b"tableprogrammesprogrammes")
    data[at + 5] = 0xF2
    path.write_bytes(bytes(data))
    return path


SPOILS = [
    (marked_junk, NotAWorkspace, "not a PartnerDesk workspace"),
    (marked_empty_v5, NotAWorkspace, "lacks its tables"),
    (marked_missing_column, NotAWorkspace, "lacks columns"),
    (index_damage, CorruptWorkspace, "damaged"),
    (schema_name_damage, CorruptWorkspace, "damaged"),
]
IDS = ["id-and-junk-table", "id-version-5-no-tables", "missing-column", "index-damage",
       "schema-name-not-utf8"]


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
@pytest.mark.parametrize("spoil, error, words", SPOILS, ids=IDS)
def test_a_file_is_a_workspace_only_when_its_schema_is_one(tmp_path, spoil, error, words, read_only):
    folder = tmp_path / "files"
    folder.mkdir()
    path = spoil(folder / "w.partnerdesk")
    before = snapshot(folder)
    with pytest.raises(error) as caught:
        Workspace.open(path, create=False, read_only=read_only)
    assert words in caught.value.user_message
    assert "not been changed" in caught.value.user_message
    # Refused before any write: same bytes, and no -wal, -shm or lock left beside it.
    assert snapshot(folder) == before


@pytest.mark.parametrize("spoil, error, words", SPOILS, ids=IDS)
def test_check_never_prints_a_traceback_and_names_a_backup_only_for_damage(
        tmp_path, capsys, spoil, error, words):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "w.partnerdesk"
    with Workspace.open(path) as ws:  # a good backup first, in this file's backups folder
        take_backup(ws, "manual", datetime.now(UTC))
        backups = list_backups(folder_for(ws))
    path.unlink()
    path = spoil(path)
    before = snapshot(folder)
    status = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    assert status != 0
    assert "Traceback" not in out + err and "ok\n" not in out
    assert words in err
    if error is CorruptWorkspace:
        assert f"latest backup: {backups[0].path}" in out
    assert snapshot(folder) == before


def test_check_of_a_newer_file_names_no_backup(tmp_path, capsys):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        take_backup(ws, "manual", datetime.now(UTC))
    sqlite_file(path, f"PRAGMA user_version={latest_version() + 1};")
    assert cli.main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "newer version" in err
    assert "latest backup" not in out + err


def test_check_of_a_sound_file_writes_nothing_beside_it(tmp_path, capsys):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:  # a workspace in WAL mode, closed cleanly
        ws.insert("programmes", {"title": "P"})
    before = snapshot(tmp_path)
    assert cli.main(["check", str(path)]) == 0
    assert capsys.readouterr().out.endswith("ok\n")
    assert snapshot(tmp_path) == before


def test_partnerdesk_backup_keeps_the_newest_ten(tmp_path, capsys):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        folder = folder_for(ws)
        start = datetime.now(UTC) - timedelta(days=1)
        for n in range(KEEP + 3):  # older backups, as if taken over the past day
            take_backup(ws, "hourly", start + timedelta(minutes=n), folder)
    for _ in range(3):
        assert cli.main(["backup", str(path)]) == 0
    kept = list_backups(folder)
    assert len(kept) == KEEP
    assert sum(b.reason == "manual" for b in kept) == 3


def test_a_backup_gets_its_name_only_after_the_full_check(workspace, tmp_path, monkeypatch):
    import partnerdesk.store as store

    target = tmp_path / "copy.partnerdesk"
    real_connect = sqlite3.connect

    class Spoiling(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql.startswith("PRAGMA integrity_check"):
                return super().execute("SELECT 'row 1 missing from index'")
            return super().execute(sql, *args)

    monkeypatch.setattr(store.sqlite3, "connect",
                        lambda *a, **k: real_connect(*a, **k, factory=Spoiling))
    with pytest.raises(CorruptWorkspace):
        workspace.backup_to(target)
    assert not target.exists() and not Path(str(target) + ".part").exists()


# -- a -wal that is not this file's (issue 12.2) -------------------------------------------------


def crashed_session(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A workspace as a power cut leaves it (main file, -wal, lock file), and an older copy."""
    live = tmp_path / "live.partnerdesk"
    ws = Workspace.open(live)
    first = ws.insert("programmes", {"title": "In the main file"})
    ws.checkpoint()
    older = tmp_path / "older.partnerdesk"
    ws.backup_to(older)
    later = [ws.insert("programmes", {"title": f"Only in the -wal {n}"}) for n in range(3)]
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", ".lock"):
        shutil.copy2(f"{live}{suffix}", crashed / f"{live.name}{suffix}")
    ws.close()
    return crashed / live.name, older, [first, *later]


def test_the_writers_own_wal_is_applied(tmp_path):
    path, _older, ids = crashed_session(tmp_path)
    with Workspace.open(path) as ws:
        assert [r["id"] for r in ws.rows("programmes")] == ids


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_a_wal_beside_another_copy_is_set_aside_untouched(tmp_path, read_only, capsys):
    path, older, _ids = crashed_session(tmp_path)
    shutil.copy(older, path)  # an older copy put beside the later session's -wal
    before = snapshot(path.parent)
    with pytest.raises(ForeignWal) as caught:
        Workspace.open(path, read_only=read_only)
    assert "without that log" in caught.value.user_message
    assert snapshot(path.parent) == before
    assert cli.main(["check", str(path)]) == 2
    assert "does not belong to it" in capsys.readouterr().err
    assert snapshot(path.parent) == before


def test_a_wal_without_the_lock_that_proves_it_is_set_aside(tmp_path):
    path, _older, _ids = crashed_session(tmp_path)
    lock_path(path).unlink()
    with pytest.raises(ForeignWal):
        Workspace.open(path)


def test_the_file_without_its_wal_can_be_opened_as_a_copy(tmp_path):
    from partnerdesk.store import copy_without_wal

    path, older, ids = crashed_session(tmp_path)
    shutil.copy(older, path)
    before = snapshot(path.parent)
    copy = copy_without_wal(path, tmp_path / "without.partnerdesk")
    assert snapshot(path.parent) == before
    with Workspace.open(copy) as ws:
        assert [r["id"] for r in ws.rows("programmes")] == ids[:1]


# -- migrations: all or nothing, after a verified copy (issue 12.3) -------------------------------


def old_workspace(path: Path, version: int, monkeypatch) -> Path:
    import partnerdesk.workspace_file as workspace_file

    everything = workspace_file.all_migrations()
    with monkeypatch.context() as patch:
        patch.setattr(workspace_file, "all_migrations", lambda: everything[:version])
        with Workspace.open(path) as ws:
            ws.insert("programmes", {"title": "Before migrating"})
    return path


def test_a_failing_migration_leaves_the_file_fully_old(tmp_path, monkeypatch):
    import partnerdesk.workspace_file as workspace_file

    path = old_workspace(tmp_path / "w.partnerdesk", 2, monkeypatch)
    everything = workspace_file.all_migrations()

    def failing(db):
        raise sqlite3.OperationalError("disk I/O error")

    broken = [*everything[:-1], type(everything[-1])(everything[-1].version, "broken", failing)]
    monkeypatch.setattr(workspace_file, "all_migrations", lambda: broken)
    with pytest.raises(WriteFailed, match="disk I/O error"):
        Workspace.open(path)
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "walls" not in tables and not any(t.startswith("wall") for t in tables)


def test_a_half_written_copy_before_migrating_is_never_trusted(tmp_path, monkeypatch):
    path = old_workspace(tmp_path / "w.partnerdesk", 2, monkeypatch)
    copy = path.with_name(f"w.before-v{latest_version()}-from-v2.partnerdesk")
    data = path.read_bytes()
    copy.write_bytes(data[: len(data) // 3])  # as a kill during an older PartnerDesk's copy left it
    with Workspace.open(path) as ws:
        assert ws.schema_version == latest_version()
    conn = sqlite3.connect(copy.as_uri() + "?mode=ro&immutable=1", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert [r[0] for r in conn.execute("SELECT title FROM programmes")] == ["Before migrating"]
    conn.close()
    assert not list(tmp_path.glob("*.part"))


def test_newer_file_is_refused_before_reading_its_tables(tmp_path):
    path = sqlite_file(tmp_path / "n.partnerdesk",
                       f"PRAGMA application_id={PD}; PRAGMA user_version={latest_version() + 3};")
    with pytest.raises(NewerVersion):
        Workspace.open(path)
