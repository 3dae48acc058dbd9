"""The workspace file and other programs, with real second processes: lost locks (issue 12.1),
a busy file (17.6), a long reader and the -wal (17.7), a kill between migrations (12.3), a
read-only filesystem (17.4)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from partnerdesk.store import Workspace

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def start(*args: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT)
    return child


def other(mode: str, path: Path) -> subprocess.Popen:
    child = start(str(HERE / "other_program.py"), mode, str(path))
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    return child


def look(path: Path) -> None:
    """Another SQLite program opens the file, reads, and closes it."""
    done = subprocess.run([sys.executable, str(HERE / "other_program.py"), "look", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("looked"), done.stderr


def titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM programmes ORDER BY rowid")]
    finally:
        conn.close()


# -- 12.1: something in the process opens the file; another program then closes it ---------------


def test_opening_the_open_workspace_again_keeps_its_locks(tmp_path):
    """A second open in the same process (check, restore, a recent-files click) reads nothing raw."""
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "first"})
        Workspace.open(path, read_only=True).close()
        look(path)  # sees us using the file, so leaves the -wal alone
        assert Path(f"{path}-wal").exists()
        ws.insert("programmes", {"title": "second"})


def test_commits_after_another_program_removed_the_wal_survive_a_crash(tmp_path):
    path = tmp_path / "w.partnerdesk"
    Workspace.open(path).close()
    writer = start(str(HERE / "lose_locks.py"), str(path))
    assert writer.stdout.readline().startswith("dropped"), writer.stderr.read()
    look(path)  # it thinks it is alone: checkpoints and deletes the live -wal
    assert not Path(f"{path}-wal").exists()
    writer.stdin.write("after 1\n")
    writer.stdin.flush()
    answer = writer.stdout.readline()
    assert "nothing was lost" in answer  # the facilitator is told
    writer.stdin.write("after 2\ndie\n")
    writer.stdin.flush()
    writer.communicate(timeout=60)
    assert writer.returncode == -9
    assert titles(path) == ["before", "after 1", "after 2"]


# -- 17.6: another program holds a write transaction ------------------------------------------------


def test_edits_wait_in_order_while_another_program_holds_the_file(tmp_path):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        kept = ws.insert("programmes", {"title": "before"})
        holder = other("write", path)
        try:
            first = ws.insert("programmes", {"title": "typed while busy"})  # returns at once
            ws.update("programmes", first, {"title": "typed while busy, then changed"})
            ws.delete("programmes", kept)
            assert ws.busy
            assert [r["title"] for r in ws.rows("programmes")] == ["typed while busy, then changed"]
            assert not ws.flush_pending()
            assert titles(path) == ["before"]
        finally:
            holder.communicate("", timeout=60)
        assert ws.flush_pending()
        assert not ws.busy
        assert titles(path) == ["typed while busy, then changed"]
        ws.insert("programmes", {"title": "after"})
    assert titles(path) == ["typed while busy, then changed", "after"]


def test_a_file_that_stays_busy_keeps_the_edits_in_a_copy_at_closing(tmp_path, monkeypatch):
    import partnerdesk.file_guard as file_guard

    monkeypatch.setattr(file_guard, "CLOSE_WAIT_MS", 50)
    path = tmp_path / "w.partnerdesk"
    ws = Workspace.open(path)
    holder = other("write", path)
    try:
        ws.insert("programmes", {"title": "typed while busy"})
        ws.close()
    finally:
        holder.communicate("", timeout=60)
    assert titles(path) == []
    assert titles(ws.unsaved_copy) == ["typed while busy"]


# -- 17.7: the -wal stays bounded ------------------------------------------------------------------


def test_the_wal_shrinks_back_after_a_long_reader_leaves(tmp_path):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        pid = ws.insert("programmes", {"title": "p"})
        reader = other("read", path)
        try:
            for n in range(400):
                ws.update("programmes", pid, {"description": f"{n} " + "x" * 3000})
            grown = Path(f"{path}-wal").stat().st_size
        finally:
            reader.communicate("", timeout=60)
        for n in range(150):
            ws.update("programmes", pid, {"description": f"after {n}"})
        assert grown > 1024 * 1024  # the reader held the -wal: it had to grow
        assert Path(f"{path}-wal").stat().st_size < 256 * 1024
        assert ws.wal_peak >= grown  # what the bench reports


# -- 12.3: a kill between two migrations ----------------------------------------------------------

MIGRATE_AND_STOP = """
import sys, time
sys.path.insert(0, {root!r})
import partnerdesk.store as store
import partnerdesk.workspace_file as workspace_file
from partnerdesk.migrations import Migration
everything = workspace_file.all_migrations()
def stop(db):
    print("between", flush=True)
    time.sleep(600)
steps = [*everything[:{upto}], Migration(everything[{upto}].version, "stop", stop), *everything[{upto} + 1:]]
workspace_file.all_migrations = lambda: steps
store.Workspace.open({path!r}).close()
"""

OLD_WORKSPACE = """
import sys
sys.path.insert(0, {root!r})
import partnerdesk.store as store
import partnerdesk.workspace_file as workspace_file
everything = workspace_file.all_migrations()
workspace_file.all_migrations = lambda: everything[:{version}]
with store.Workspace.open({path!r}) as ws:
    ws.insert("programmes", {{"title": "old"}})
"""


def test_a_kill_between_migrations_leaves_the_file_fully_old(tmp_path):
    path = tmp_path / "w.partnerdesk"
    subprocess.run([sys.executable, "-c", OLD_WORKSPACE.format(root=str(ROOT), version=1,
                                                                path=str(path))], check=True)
    child = start("-c", MIGRATE_AND_STOP.format(root=str(ROOT), upto=3, path=str(path)))
    assert child.stdout.readline().strip() == "between", child.stderr.read()
    child.kill()
    child.communicate(timeout=60)
    with Workspace.open(path, read_only=True) as ws:  # the -wal of the killed run is applied
        assert ws.schema_version == 1
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "board_items" not in tables  # migration 2 did not stay half-applied
    with Workspace.open(path) as ws:
        assert ws.schema_version > 1
        assert [r["title"] for r in ws.rows("programmes")] == ["old"]


# -- 17.4: a read-only filesystem -----------------------------------------------------------------

READ_ONLY_OPEN = """
import sys
sys.path.insert(0, {root!r})
from partnerdesk.store import Workspace
from partnerdesk import cli
with Workspace.open({path!r}) as ws:
    print("read_only", ws.read_only)
    print("reason", ws.read_only_reason)
    print("titles", [r["title"] for r in ws.rows("programmes")])
print("check", cli.main(["check", {path!r}]))
"""


def test_a_workspace_on_a_read_only_filesystem_opens_read_only(tmp_path):
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs a private mount namespace (unshare -m) to mount a read-only filesystem")
    source = tmp_path / "w.partnerdesk"
    with Workspace.open(source) as ws:
        ws.insert("programmes", {"title": "on the stick"})
    stick = tmp_path / "stick"
    stick.mkdir()
    script = tmp_path / "open_read_only.py"
    script.write_text(READ_ONLY_OPEN.format(root=str(ROOT), path=str(stick / "w.partnerdesk")))
    shell = (f"mount -t tmpfs tmpfs {stick} && cp {source} {stick}/ && "
             f"mount -o remount,ro {stick} && {sys.executable} {script}")
    done = subprocess.run(["unshare", "-m", "sh", "-c", shell], capture_output=True, text=True,
                          timeout=120)
    out = done.stdout + done.stderr
    assert "read_only True" in out, out
    assert "cannot be written" in out and "damaged" not in out
    assert "titles ['on the stick']" in out
    assert "check 0" in out
