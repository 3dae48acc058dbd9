"""Helper for the lost-locks test (issue 12.1): a PartnerDesk that opens and closes its own
workspace file once, as a file dialog's preview does, which drops SQLite's POSIX locks.

    python tests/e2e/lose_locks.py WORKSPACE

Writes one programme, opens and closes the file, says "dropped <id>", then for each line on
stdin writes a programme and says its id once the store call returned. On "die" it kills
itself with SIGKILL: a crash with nothing flushed or closed.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from partnerdesk.store import Workspace


def main(path: str) -> None:
    ws = Workspace.open(path)
    first = ws.insert("programmes", {"title": "before"})
    with open(path, "rb") as stray:  # a dialog sniffing the file: POSIX drops every lock
        stray.read(100)
    print("dropped", first, flush=True)
    for line in sys.stdin:
        if line.strip() == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        print(ws.insert("programmes", {"title": line.strip()}), *ws.take_notices(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
