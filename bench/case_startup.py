"""Start-up: process start to the main window painted, from source and from the built bundle,
each against a bare PySide6 window (a menu bar, a splitter and a tree view) started the same way
in the same run. The app and the bare window both write time.time() when their window's first
paint has finished (`--report-first-paint`, ui/startup.py); the time is taken from just before
the process is started, so interpreter start-up and imports count on both sides.

The bundle case needs `pyinstaller pyinstaller.spec` first (dist/PartnerDesk-<version>/); without
it the case reports nothing. Its baseline is the same bare window built by PyInstaller into one
folder (build/bench-bare-window/, built on the first run), so both sides pay the bundle's own
start-up (bootloader, compressed modules).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ROOT, Case

#: How both scripts end: show `window`, and once its first paint has finished write the time (and
#: the CPU time used so far) to `report_to`, then close, as the app's `--report-first-paint` does.
_REPORT_FIRST_PAINT = """
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    Path(report_to).write_text(f"{time.time()!r} {time.process_time()!r}")
    window.close()
hook = FirstPaint()
window.installEventFilter(hook)
window.show()
app.exec()
"""

_BARE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTreeView
report_to = sys.argv[1]
app = QApplication(sys.argv[:1])
window = QMainWindow()
splitter = QSplitter()
splitter.addWidget(QTreeView())
window.setCentralWidget(splitter)
window.menuBar().addMenu("&File")
""" + _REPORT_FIRST_PAINT


#: The floor: what the first window shows (the navigator's programmes, workshops and exercises, a
#: programme's title, description and participants table, five menus, a status bar), built by a
#: plain PySide6 script reading the demo with sqlite3, with none of PartnerDesk's code, started and
#: timed the same way. It shows how much of the start-up is the content and how much PartnerDesk.
_SAME_CONTENT = """
import sqlite3, sys, time
from pathlib import Path
from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMainWindow,
                               QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableView, QTreeView,
                               QVBoxLayout, QWidget)
args = sys.argv[1:]
demo, report_to = args[args.index("--workspace") + 1], args[args.index("--report-first-paint") + 1]
app = QApplication(sys.argv[:1])
conn = sqlite3.connect(demo)
window = QMainWindow()
for title in ["&File", "&Edit", "&Insert", "&View", "&Help"]:
    menu = window.menuBar().addMenu(title)
    for i in range(8):
        menu.addAction(QAction(f"Action {i}", window))
window.statusBar()
tree, model = QTreeView(), QStandardItemModel()
tree.setHeaderHidden(True)
for pid, ptitle in conn.execute("SELECT id, title FROM programmes ORDER BY rowid"):
    programme = QStandardItem(ptitle)
    model.appendRow(programme)
    for wid, wtitle, wdate in conn.execute("SELECT id, title, date FROM workshops WHERE programme_id = ?", [pid]):
        workshop = QStandardItem(f"{wdate}  {wtitle}")
        programme.appendRow(workshop)
        for (etitle,) in conn.execute("SELECT title FROM exercises WHERE workshop_id = ?", [wid]):
            workshop.appendRow(QStandardItem(etitle))
tree.setModel(model)
tree.expandAll()
pid, ptitle, pdesc = conn.execute("SELECT id, title, description FROM programmes ORDER BY rowid").fetchone()
rows = conn.execute("SELECT name, organisation, role, side FROM participants WHERE programme_id = ? ORDER BY name",
                    [pid]).fetchall()
class Participants(QAbstractTableModel):
    def rowCount(self, parent=None):
        return len(rows)
    def columnCount(self, parent=None):
        return 4
    def data(self, index, role=0):
        return rows[index.row()][index.column()] if role == 0 else None
    def headerData(self, section, orientation, role=0):
        if role == 0 and orientation == Qt.Horizontal:
            return ["Name", "Organisation", "Role", "Side"][section]
page, form = QWidget(), QFormLayout()
layout = QVBoxLayout(page)
title, description = QLineEdit(ptitle), QPlainTextEdit(pdesc or "")
form.addRow("&Title", title)
form.addRow("&Description", description)
layout.addLayout(form)
layout.addWidget(QLabel(f"Participants ({len(rows)})"))
table = QTableView()
table.setModel(Participants())
table.verticalHeader().setVisible(False)
layout.addWidget(table)
buttons = QHBoxLayout()
buttons.addWidget(QPushButton("&Add participant"))
buttons.addWidget(QPushButton("Remove"))
layout.addLayout(buttons)
area = QScrollArea()
area.setWidgetResizable(True)
area.setWidget(page)
splitter = QSplitter(Qt.Horizontal)
splitter.addWidget(tree)
splitter.addWidget(area)
splitter.setSizes([300, 900])
window.setCentralWidget(splitter)
window.resize(1200, 760)
""" + _REPORT_FIRST_PAINT

def bundle_program() -> Path | None:
    version = re.search(r'__version__ = "([^"]+)"', (ROOT / "partnerdesk" / "__init__.py").read_text()).group(1)
    name = "PartnerDesk.exe" if sys.platform == "win32" else "PartnerDesk"
    program = ROOT / "dist" / f"PartnerDesk-{version}" / name
    return program if program.exists() else None


def _environment(home: Path) -> dict[str, str]:
    env = {**os.environ, "PARTNERDESK_HOME": str(home)}
    # Let Python keep compiled modules, as an installed app does (both sides alike).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _demo() -> Path:
    from partnerdesk.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="pd-bench-start-"))
    return build_demo(folder / "demo.partnerdesk")


def _start(command: list[str], with_demo: bool):
    """A run: start the process, wait for it; (seconds from start to first paint, CPU seconds
    the process had used by then)."""

    def prepare():
        demo = _demo() if with_demo else None
        folder = Path(tempfile.mkdtemp(prefix="pd-bench-start-"))
        report = folder / "painted"
        if with_demo:
            args = [*command, "--workspace", str(demo), "--report-first-paint", str(report)]
        else:
            args = [*command, str(report)]
        env = _environment(folder / "home")

        def run() -> tuple[float, float]:
            started = time.time()
            subprocess.run(args, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120)
            painted, cpu = (float(x) for x in report.read_text().split())
            return painted - started, cpu

        return run

    return prepare


def bare_bundle() -> list[str] | None:
    """The bare window built by PyInstaller the same way (one folder), built once into build/."""
    work = ROOT / "build" / "bench-bare-window"
    name = "bare-window.exe" if sys.platform == "win32" else "bare-window"
    program = work / "dist" / "bare-window" / name
    if not program.exists():
        try:
            import PyInstaller  # noqa: F401 - only to know it is there
        except ImportError:
            return None
        work.mkdir(parents=True, exist_ok=True)
        script = work / "bare_window.py"
        script.write_text(_BARE, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
                        "--name", "bare-window", "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                        "--specpath", str(work), str(script)], check=True, cwd=work)
    return [str(program)]


def _paired(command: list[str], bare: list[str]):
    """Four callables: the wall-clock case's project and baseline, then the CPU case's.

    The wall case's runs alternate app and bare window (so both see the same machine load) and
    stash every result; its baseline and the CPU case hand back the stashed figures. The CPU time
    to the first paint barely changes with the machine's load, so its ratio is the steadier one.
    """
    stash: dict[str, list[float]] = {"bare_wall": [], "app_cpu": [], "bare_cpu": []}
    warmed: list[bool] = []

    def wall_project():
        app, bare_run = _start(command, True)(), _start(bare, False)()
        if not warmed:  # first: Python compiles and caches the modules, as after installing
            app(), bare_run()
            warmed.append(True)

        def run() -> float:
            bare_wall, bare_cpu = bare_run()
            app_wall, app_cpu = app()
            stash["bare_wall"].append(bare_wall)
            stash["bare_cpu"].append(bare_cpu)
            stash["app_cpu"].append(app_cpu)
            return app_wall

        return run

    def stashed(key: str):
        def prepare():
            def run() -> float:
                return stash[key].pop(0)

            return run

        return prepare

    return wall_project, stashed("bare_wall"), stashed("app_cpu"), stashed("bare_cpu")


SOURCE = [sys.executable, "main.py"]
BARE = [sys.executable, "-c", _BARE]


def _cases(label: str, command: list[str], bare: list[str], note: str) -> list[Case]:
    wall, bare_wall, cpu, bare_cpu = _paired(command, bare)
    return [
        Case(f"start-up {label}: start to main window painted (demo) vs bare window", wall, bare_wall,
             repeat=9, note=f"wall clock; {note}"),
        Case(f"start-up {label}: CPU time to main window painted vs bare window", cpu, bare_cpu,
             repeat=9, note="the same runs' CPU time: steadier on a shared machine"),
    ]


CASES = _cases("from source", SOURCE, BARE, "check, backup and projector follow the paint")
CASES += _cases("floor, plain PySide6 showing the same content", [sys.executable, "-c", _SAME_CONTENT], BARE,
                "no PartnerDesk code: the demo read with sqlite3 into the same widgets")
if (_program := bundle_program()) is not None:
    _bare_bundle = bare_bundle()
    CASES += _cases("from the bundle", [str(_program)], _bare_bundle or BARE,
                    f"{_program.parent.name}; baseline: the bare window "
                    + ("bundled the same way" if _bare_bundle else "from source (no PyInstaller)"))
