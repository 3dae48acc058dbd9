"""Reliability: an automatic backup (SQLite backup API, consistent while open) of the demo workspace,
against a plain file copy of it, and opening with the lock and integrity check against a bare connect."""

from __future__ import annotations

import atexit
import itertools
import shutil
import sqlite3
import tempfile
from pathlib import Path

from run import Case

from partnerdesk.backups import take_backup, utcnow
from partnerdesk.demo import build_demo
from partnerdesk.store import Workspace

_folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-reliability-"))
_demo = build_demo(_folder / "demo.partnerdesk")
_workspace = Workspace.open(_demo)
_counter = itertools.count()


@atexit.register
def _clean_up() -> None:
    _workspace.close()
    shutil.rmtree(_folder, ignore_errors=True)


def _backup():
    target = _folder / "backups" / f"b{next(_counter)}"
    return lambda: take_backup(_workspace, "manual", utcnow(), target)


def _copy():
    target = _folder / f"copy{next(_counter)}.partnerdesk"
    return lambda: shutil.copyfile(_demo, target)


def _open_checked():
    copy = _folder / f"open{next(_counter)}.partnerdesk"
    _workspace.backup_to(copy)
    return lambda: Workspace.open(copy, create=False).close()


def _open_bare():
    copy = _folder / f"bare{next(_counter)}.partnerdesk"
    _workspace.backup_to(copy)
    return lambda: sqlite3.connect(copy).close()


CASES = [
    Case("reliability: backup of the demo vs file copy", _backup, _copy, repeat=9,
         note="consistent while the workspace is open"),
    Case("reliability: open (lock+checks) vs bare connect", _open_checked, _open_bare, repeat=9),
]


# -- issue 17: the -wal during a long burst with a reader; an edit while the file is busy ----------

_EDITS = 5000
_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute(sys.argv[2])
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
print("ready", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def _other(path: Path, begin: str):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), begin], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


class _WalReport:
    """The note of the burst case: filled in by the run (the -wal's peak, and after the reader)."""

    text = "not run"

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return self.text


_wal_report = _WalReport()


def _burst_project():
    path = _folder / f"burst{next(_counter)}.partnerdesk"
    _workspace.backup_to(path)

    def run():
        with Workspace.open(path, create=False) as ws:
            pid = ws.insert("programmes", {"title": "burst"})
            reader = _other(path, "BEGIN")
            try:
                for n in range(_EDITS):
                    ws.update("programmes", pid, {"description": f"edit {n}"})
                peak = ws.wal_peak
            finally:
                reader.communicate("")
            for n in range(200):
                ws.update("programmes", pid, {"description": f"after {n}"})
            after = ws.wal_size()
        _wal_report.text = (f"{_EDITS} edits with a reader: -wal peak {peak / 2**20:.1f} MiB; "
                            f"200 edits after it left: {after / 2**10:.0f} KiB")
    return run


def _burst_baseline():
    path = _folder / f"burstbare{next(_counter)}.partnerdesk"
    _workspace.backup_to(path)

    def run():
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("INSERT INTO programmes (id, title, created, modified) VALUES ('b', 'b', '', '')")
        reader = _other(path, "BEGIN")
        try:
            for n in range(_EDITS):
                conn.execute("UPDATE programmes SET description = ? WHERE id = 'b'", [f"edit {n}"])
        finally:
            reader.communicate("")
        conn.close()
    return run


def _busy_edits(busy: bool):
    def prepare():
        path = _folder / f"busy{next(_counter)}.partnerdesk"
        _workspace.backup_to(path)
        ws = Workspace.open(path, create=False)
        holder = _other(path, "BEGIN IMMEDIATE") if busy else None

        def run():
            try:
                for n in range(20):
                    ws.insert("programmes", {"title": f"typed {n}"})
            finally:
                if holder is not None:
                    holder.communicate("")
                ws.close()
        return run
    return prepare


CASES += [
    Case("reliability: 5,000 edits, long reader (store vs bare)", _burst_project, _burst_baseline,
         repeat=1, note=_wal_report),
    Case("reliability: 20 edits, file held elsewhere vs free", _busy_edits(True), _busy_edits(False),
         repeat=3, note="busy: kept in memory, never waits on the other program"),
]
