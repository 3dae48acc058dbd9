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
