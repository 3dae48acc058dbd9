"""Foundation cases: start-up to a shown main window, and committed edits through the store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, Case

_PROJECT_START = """
import sys
from ui.app import run
from PySide6.QtWidgets import QApplication
window = run(["partnerdesk-app", "--workspace", sys.argv[1]], exec_=False)
QApplication.processEvents()
window.close()
"""

_BARE_START = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView, QSplitter
app = QApplication(sys.argv[:1])
window = QMainWindow()
splitter = QSplitter()
splitter.addWidget(QTreeView())
window.setCentralWidget(splitter)
window.menuBar().addMenu("&File")
window.show()
app.processEvents()
window.close()
"""


def _demo() -> Path:
    from partnerdesk.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="pd-bench-"))
    return build_demo(folder / "demo.partnerdesk")


def _start(code: str):
    def prepare():
        demo = _demo()
        env_home = str(demo.parent / "home")

        def run():
            subprocess.run(
                [sys.executable, "-c", code, str(demo)],
                check=True, cwd=ROOT,
                env={**__import__("os").environ, "PARTNERDESK_HOME": env_home},
            )

        return run

    return prepare


def _store_edits():
    from partnerdesk.store import Workspace

    folder = Path(tempfile.mkdtemp(prefix="pd-bench-"))
    ws = Workspace.open(folder / "edits.partnerdesk")
    pid = ws.insert("programmes", {"title": "Bench"})

    def run():
        for n in range(1000):
            ws.update("programmes", pid, {"title": f"Bench {n}"})

    return run


def _raw_edits():
    folder = Path(tempfile.mkdtemp(prefix="pd-bench-"))
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE programmes (id TEXT PRIMARY KEY, title TEXT, modified TEXT)")
    conn.execute("INSERT INTO programmes VALUES ('p', 'Bench', '')")

    def run():
        for n in range(1000):
            conn.execute("BEGIN")
            conn.execute("UPDATE programmes SET title = ?, modified = ? WHERE id = 'p'", (f"Bench {n}", "t"))
            conn.execute("COMMIT")

    return run


CASES = [
    Case("start-up to shown window (demo) vs bare PySide6 window",
         _start(_PROJECT_START), _start(_BARE_START), repeat=3,
         note="whole process, import to first paint"),
    Case("1,000 committed edits: store vs raw sqlite3", _store_edits, _raw_edits, repeat=3,
         note="WAL, synchronous=FULL, one transaction per edit"),
]
