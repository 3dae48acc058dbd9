"""Helper for the crash tests: write batches of records as fast as possible, reporting each commit.

    python tests/e2e/burst_writer.py WORKSPACE SEED

Each line on stdout is "<batch number> <id> <id> ..." printed (and flushed) only after the
store call returned, so every reported id is committed. The test kills this process with SIGKILL.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from partnerdesk.store import Workspace


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    ws = Workspace.open(path, create=False)
    batch = 0
    while True:
        batch += 1
        size = rng.randint(1, 5)
        description = "x" * rng.randint(0, 3000)  # some batches span pages
        programme = ws.insert("programmes", {"title": f"{seed}-{batch}", "description": description})
        rows = [{"programme_id": programme, "name": f"person {seed}-{batch}-{n}"} for n in range(size)]
        ids = ws.insert_many("participants", rows)
        if ids and rng.random() < 0.3:
            ws.update("participants", ids[0], {"role": "changed"})
        print(batch, programme, *ids, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
