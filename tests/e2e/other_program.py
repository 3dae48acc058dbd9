"""Helper for the two-process tests: another SQLite program (a sync tool, DB Browser, a backup
tool) using a workspace file with plain sqlite3, not PartnerDesk.

    python tests/e2e/other_program.py write WORKSPACE   # BEGIN IMMEDIATE, "ready", hold until stdin closes
    python tests/e2e/other_program.py read WORKSPACE    # a read transaction, "ready", hold until stdin closes
    python tests/e2e/other_program.py look WORKSPACE    # open, read, close (as the sqlite3 shell does)
"""

from __future__ import annotations

import sqlite3
import sys


def main(mode: str, path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    if mode == "write":
        conn.execute("BEGIN IMMEDIATE")
    elif mode == "read":
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM programmes").fetchone()
    else:
        count = conn.execute("SELECT count(*) FROM programmes").fetchone()[0]
        conn.close()
        print(f"looked {count}", flush=True)
        return
    print("ready", flush=True)
    sys.stdin.read()
    conn.execute("ROLLBACK")
    conn.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
