"""Start-up counted in instructions: the steady companion of `case_startup.py`.

    python bench/startup_instructions.py          # needs valgrind (apt-get install valgrind)

Runs each program once under callgrind and counts the instructions it executes from its start
to its main window's first paint, where it stops: PartnerDesk from source on a fresh demo
workspace, the bare PySide6 window `case_startup.py` compares it with, and the floor (a plain
PySide6 script showing the same content). It prints each count and its ratio to the bare
window's. A count does not move with the machine's load, so a change of a fraction of a
percent shows where the timed case cannot see it; the ratios track the timed ones (the floor
reads 1.33 in both). Each program is started once without valgrind first, so Python has
compiled its modules, as after installing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from case_startup import _BARE, _SAME_CONTENT, _demo, _environment
from run import ROOT

#: The scripts stop at the paint instead of writing the time: nothing after it is counted.
_STOP = "QTimer.singleShot(0, lambda: __import__('os')._exit(0))"
#: The app, stopped just after its first paint, before anything waiting for the paint runs.
_APP = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
import ui.startup
ui.startup._FirstPaint._run = lambda self: os._exit(0)
from ui.app import run
run(["main.py", "--workspace", sys.argv[1]])
"""


def _stopping(script: str) -> str:
    return script.replace("QTimer.singleShot(0, report)", _STOP)


def instructions(args: list[str], env: dict[str, str]) -> int:
    subprocess.run(args, check=False, cwd=ROOT, env=env, capture_output=True, timeout=120)  # compile
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
                          check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind counted nothing for {args[:3]}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        print("valgrind is not installed: apt-get install valgrind")
        return 1
    with tempfile.TemporaryDirectory(prefix="pd-bench-instructions-") as folder:
        tempfile.tempdir = folder
        demo = str(_demo())
        env = {**_environment(Path(folder) / "home"), "QT_QPA_PLATFORM": "offscreen"}
        report = os.path.join(folder, "painted")
        bare = instructions([sys.executable, "-c", _stopping(_BARE), report], env)
        floor = instructions([sys.executable, "-c", _stopping(_SAME_CONTENT), "--workspace", demo,
                              "--report-first-paint", report], env)
        app = instructions([sys.executable, "-c", _APP, demo], env)
    print(f"{'instructions to the first paint':45s} {'count':>15s} {'ratio':>7s}")
    for name, count in [("bare PySide6 window (baseline)", bare), ("floor: plain PySide6, same content", floor),
                        ("PartnerDesk from source, demo workspace", app)]:
        print(f"{name:45s} {count:15,d} {count / bare:6.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
