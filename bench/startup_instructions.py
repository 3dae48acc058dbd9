"""Start-up counted in instructions: the steady companion of `case_startup.py`.

    python bench/startup_instructions.py          # needs valgrind (apt-get install valgrind)

Runs each program once under callgrind and counts the instructions it executes from its start
to its main window's first paint: PartnerDesk from source on a fresh demo workspace, started as
the timed case starts it (`main.py --workspace DEMO --report-first-paint FILE`), the bare PySide6
window `case_startup.py` compares it with, and the floor (a plain PySide6 script showing the same
content). Each of them asks `time.process_time()` first when its first paint has finished, so
callgrind dumps its count there (`--dump-before=time_process_time`, which needs Python's own
symbols: a source build, not the stripped bundle). It prints each count and its ratio to the
bare window's. A count does not move with the machine's load, so a change of a fraction of a
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


def instructions(args: list[str], env: dict[str, str], folder: Path) -> int:
    """Instructions from the start of `args` to its first `time.process_time()` call."""
    subprocess.run(args, check=False, cwd=ROOT, env=env, capture_output=True, timeout=120)  # compile
    out = folder / "callgrind"
    for old in folder.glob("callgrind*"):
        old.unlink()
    done = subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=time_process_time",
                           f"--callgrind-out-file={out}", *args],
                          check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    first = folder / "callgrind.1"  # the part dumped at the first paint
    found = re.search(r"^totals: (\d+)", first.read_text(), re.MULTILINE) if first.exists() else None
    if found is None:
        raise SystemExit(f"no count at the first paint for {args[:3]}:\n{done.stderr[-2000:]}")
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
        where = Path(folder)
        bare = instructions([sys.executable, "-c", _BARE, report], env, where)
        floor = instructions([sys.executable, "-c", _SAME_CONTENT, "--workspace", demo,
                              "--report-first-paint", report], env, where)
        app = instructions([sys.executable, "main.py", "--workspace", demo, "--report-first-paint", report],
                           env, where)
    print(f"{'instructions to the first paint':45s} {'count':>15s} {'ratio':>7s}")
    for name, count in [("bare PySide6 window (baseline)", bare), ("floor: plain PySide6, same content", floor),
                        ("PartnerDesk from source, demo workspace", app)]:
        print(f"{name:45s} {count:15,d} {count / bare:6.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
