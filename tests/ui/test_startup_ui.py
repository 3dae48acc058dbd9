"""The app's start: work after the first paint, a damaged start workspace, the icon, Help ▸ About."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from partnerdesk import __version__
from partnerdesk.paths import default_workspace
from partnerdesk.store import Workspace
from ui.about import AboutDialog
from ui.app import run
from ui.reliability import ReliabilityDialogs
from ui.startup import settled


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def wal_demo(demo_path: Path) -> Path:
    Workspace.open(demo_path, create=False).close()  # as the app leaves it: write-ahead log
    return demo_path


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
    data = bytearray(wal_demo.read_bytes())
    data[3 * 4096 + 8: 3 * 4096 + 200] = random.Random(1).randbytes(192)  # a table page, not the header
    wal_demo.write_bytes(bytes(data))
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
