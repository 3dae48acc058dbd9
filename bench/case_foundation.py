"""Foundation cases: committed edits through the store."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from run import Case


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


# Start-up is measured in bench/case_startup.py (to the first paint, from source and the bundle).
CASES = [
    Case("1,000 committed edits: store vs raw sqlite3", _store_edits, _raw_edits, repeat=3,
         note="WAL, synchronous=FULL, one transaction per edit"),
]
