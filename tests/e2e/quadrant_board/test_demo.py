"""The command line writes a demo whose boards a fresh process can read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from partnerdesk.quadrant_board import values
from partnerdesk.store import Workspace

ROOT = Path(__file__).resolve().parents[3]


def test_the_demo_from_the_command_line_has_sound_boards(tmp_path):
    path = tmp_path / "demo.partnerdesk"
    for args in (["demo", str(path)], ["check", str(path)]):
        done = subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout
    with Workspace.open(path, create=False, read_only=True) as ws:
        assert ws.schema_version >= 2
        matrix = ws.rows("exercises", {"template": "stakeholder-matrix"})[0]
        names, table = values.quadrant_table(ws, matrix["id"])
        assert len(names) == 4
        assert sum(len(cell) for row in table.values() for cell in row.values()) == 13 + 11 + 9 + 16
