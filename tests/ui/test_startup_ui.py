"""The app's start: work after the first paint, a damaged start workspace, the icon, Help ▸ About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from partnerdesk import __version__
from partnerdesk.paths import default_workspace
from tests.workspace_files import damaged_page, digest
from ui.about import AboutDialog
from ui.app import run
from ui.reliability import ReliabilityDialogs
from ui.startup import settled


def test_check_backup_and_projector_wait_for_the_first_paint_then_run(wal_demo, dialogs, qtbot):
    window = run(["partnerdesk-app", "--workspace", str(wal_demo)], exec_=False)
    qtbot.addWidget(window)
    assert window.document.workspace.check_pending, "nothing between opening and the first paint"
    assert not window.work_safety.keeper.backups() and not hasattr(window, "presenter")
    qtbot.waitUntil(lambda: settled(window))
    assert not window.document.workspace.check_pending
    assert [b.reason for b in window.work_safety.keeper.backups()] == ["open"]
    assert window.presenter is not None and window.view_menu.actions(), "View menu: the projector"
    window.close()


def test_a_start_workspace_found_damaged_after_the_paint_is_left_unchanged(
        start_window, wal_demo, dialogs, monkeypatch, qtbot):
    damaged_page(wal_demo)  # a table page, not the header
    before = digest(wal_demo)
    offered = []
    monkeypatch.setattr(ReliabilityDialogs, "offer_backup",
                        staticmethod(lambda parent, title, message: offered.append(message) or False))
    window = start_window(wal_demo)
    qtbot.waitUntil(lambda: window.document.path == default_workspace())
    assert dialogs.shown and "damaged" in dialogs.shown[-1][1], "the facilitator is told why"
    assert digest(wal_demo) == before, "not a byte of the damaged file was written"


def test_every_window_carries_the_app_icon(start_window, tmp_path):
    start_window(tmp_path / "icon.partnerdesk")
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert {16, 32, 256} <= {size.width() for size in icon.availableSizes()}


def test_help_about_lists_version_libraries_and_font_licences(start_window, tmp_path, qtbot):
    window = start_window(tmp_path / "about.partnerdesk")
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None
                    and window.findChild(AboutDialog).isVisible())
    dialog = window.findChild(AboutDialog)
    assert dialog.findChild(QLabel, "about_version").text() == f"PartnerDesk {__version__}"
    rows = {name: licence for name, _version, licence in dialog.components()}
    assert "LGPL-3.0" in rows["PySide6"] and rows["reportlab"].startswith("BSD")
    assert any(name.startswith("DejaVu fonts") for name in rows)
    # Choosing a library shows its licence text.
    group = dialog.tree.topLevelItem(0)
    target = next(group.child(i) for i in range(group.childCount()) if group.child(i).text(0) == "sqlite-utils")
    dialog.tree.scrollToItem(target)
    rect = dialog.tree.visualItemRect(target)
    QTest.mouseClick(dialog.tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert "Apache License" in dialog.licence_view.toPlainText()
    dialog.close()


FIRST_PAINT_PROBE = """
import gc, json, linecache, os, sys
import ui.startup
from PySide6.QtGui import QFontDatabase

seen = {}
paint_step = ui.startup._FirstPaint._run

def at_first_paint(hook):
    seen["painted"] = sorted(sys.modules)
    seen["sources_read"] = sorted(linecache.cache)
    seen["fonts_painted"] = "PartnerDesk Form Sans" in QFontDatabase.families()
    seen["collecting_painted"] = gc.isenabled()
    paint_step(hook)
    seen["settled"] = sorted(sys.modules)
    seen["fonts_settled"] = "PartnerDesk Form Sans" in QFontDatabase.families()
    seen["collecting_settled"] = gc.isenabled()
    print(json.dumps(seen), flush=True)

ui.startup._FirstPaint._run = at_first_paint
# Started as a facilitator starts it: main.py.
sys.argv = ["main.py", "--workspace", sys.argv[1], "--quit-after-ms", "3000"]
main = os.path.join(os.environ["PYTHONPATH"], "main.py")  # not runpy, which loads pkgutil
with open(main, encoding="utf-8") as source:
    exec(compile(source.read(), main, "exec"), {"__name__": "__main__"})
"""

#: Nothing the first window shows needs these; each is imported (or loaded) just after it.
NOT_BEFORE_THE_PAINT = ["sqlite_utils", "click", "dateutil", "reportlab", "ui.presenter", "ui.room.controller",
                        "ui.export_everything", "ui.print_record", "ui.reference_cards", "ui.welcome",
                        "ui.editors.workshop_editor", "ui.restore_backup", "ui.exercises", "partnerdesk.report", "html",
                        # The core's values and files need none of these to open and show a workspace.
                        "dataclasses", "getpass", "termios", "platformdirs", "csv", "unicodedata",
                        "partnerdesk.exports", "pkgutil"]


def test_the_first_paint_waits_for_nothing_it_does_not_show(wal_demo, tmp_path):
    """A real start, in its own process: what is loaded when the window is first painted, and
    what follows before any input is handled (the store's sqlite-utils, the fonts, the menus)."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARTNERDESK_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(root))
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT_PROBE, str(wal_demo)], capture_output=True,
                            text=True, timeout=120, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    early = [m for m in NOT_BEFORE_THE_PAINT if m in seen["painted"]]
    assert early == [], f"loaded before the first paint: {early}"
    assert "ui.editors.programme_editor" in seen["painted"], "the page the window shows"
    assert not seen["fonts_painted"] and seen["fonts_settled"]
    # main.py pauses the cyclic garbage collector for the start-up only.
    assert not seen["collecting_painted"] and seen["collecting_settled"]
    for module in ("sqlite_utils", "ui.presenter", "ui.export_everything", "ui.print_record"):
        assert module in seen["settled"], f"{module} is ready before the first input"
    # PySide6's __feature__ hook reads a module's source when an import names it: not the core's
    # nor the standard library's, loaded before PySide6 (ui/__init__.py).
    read = [Path(name) for name in seen["sources_read"]]
    assert [p.name for p in read if p.parent.name == "partnerdesk"] == []
    assert not {"__future__.py", "pathlib.py", "typing.py", "functools.py"} & {p.name for p in read}


def test_no_module_chooses_a_pyside_feature():
    """ui/__init__.py enters the modules loaded before PySide6 as "ignore" in PySide6's
    __feature__ table: right only while no module chooses a feature (snake_case…)."""
    root = Path(__file__).resolve().parents[2]
    choosing = [str(path.relative_to(root)) for folder in ("ui", "partnerdesk", "tests")
                for path in (root / folder).rglob("*.py")
                if "from __feature__ import" in path.read_text(encoding="utf-8")
                and path != Path(__file__).resolve()]
    assert choosing == []


def test_a_plain_start_reads_its_arguments_as_argparse_does():
    """ui.app reads a plain start's arguments without argparse (its first parser is some 9M
    instructions before the paint): the same Namespace for each, and the rest left to argparse."""
    from ui.app import _full_args, _plain_args, parse_args

    plain = [[], ["w.partnerdesk"], ["--workspace", "w.partnerdesk"], ["a b/ü.partnerdesk"],
             ["--workspace", "w.partnerdesk", "--quit-after-ms", "3000"],
             ["f.partnerdesk", "--workspace", "w.partnerdesk"], ["--workspace", "w", "f"],
             ["--report-first-paint", "/tmp/r", "--workspace", "w", "--quit-after-ms", "0"]]
    for given in plain:
        argv = ["partnerdesk-app", *given]
        assert _plain_args(given) is not None, given
        assert parse_args(argv) == _full_args(argv), given
    left_to_argparse = [["--self-test"], ["--workspace=w"], ["--work", "w"], ["-style", "fusion"],
                        ["--workspace", "w", "--workspace", "v"], ["a", "b"], ["--workspace"],
                        ["--quit-after-ms", "+5"], ["--quit-after-ms", "x"], ["--workspace", "-w"], [""]]
    for given in left_to_argparse:
        assert _plain_args(given) is None, given
        argv = ["partnerdesk-app", *given]
        if given not in (["--workspace"], ["--quit-after-ms", "x"], ["--workspace", "-w"]):
            assert parse_args(argv) == _full_args(argv), given
