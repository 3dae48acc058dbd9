"""Helper for the two-process tests: open a workspace for writing, say "ready", hold it until stdin closes.

    python tests/e2e/hold_workspace.py WORKSPACE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from partnerdesk.store import Workspace


def main(path: str) -> None:
    with Workspace.open(path) as ws:
        ws.insert("programmes", {"title": "Written by the first PartnerDesk"})
        print("ready", flush=True)
        sys.stdin.read()
    print("closed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
