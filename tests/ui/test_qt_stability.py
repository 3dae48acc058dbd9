"""The pinned PySide6 survives 100,000 calls to Qt methods that return nothing (see STYLE.md, Known
pitfalls: 6.12.0 on CPython 3.11 aborts with "Fatal Python error: none_dealloc"). The calls run in
a child process, so an abort fails this test instead of killing pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CALLS = 100_000

SCRIPT = f"""
from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
owner = QObject()
brushes = [QBrush(QColor(c)) for c in ("#f7c6d9", "#fff3a0", "#c8efc2", "#bfe0f7")]
for n in range({CALLS}):
    owner.setObjectName("note")          # returns None
    item.setBrush(brushes[n % 4])        # returns None
    item.update()                        # returns None
print("survived", {CALLS}, flush=True)
"""


def test_100000_calls_returning_nothing_do_not_abort(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               QT_QPA_FONTDIR=str(Path(__file__).resolve().parents[2] / "resources" / "fonts"))
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=300, env=env, cwd=tmp_path)
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"survived {CALLS}"
