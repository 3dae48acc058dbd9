"""Fixtures for widget tests: a document on a temporary workspace, and the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from partnerdesk.store import Workspace
from ui.app import run
from ui.document import WorkspaceDocument
from ui.main_window import Dialogs
from ui.startup import settled


@pytest.fixture
def document(qapp, tmp_path: Path):
    doc = WorkspaceDocument(Workspace.open(tmp_path / "ui.partnerdesk"))
    yield doc
    doc.close()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch):
    """Replaces every modal dialog: answers come from `answers`, messages land in `shown`."""

    class Recorder:
        def __init__(self):
            self.shown: list[tuple[str, str]] = []
            self.answers: dict[str, object] = {}

        def message(self, parent, title, message):
            self.shown.append((title, message))

    recorder = Recorder()
    monkeypatch.setattr(Dialogs, "error", staticmethod(recorder.message))
    monkeypatch.setattr(Dialogs, "information", staticmethod(recorder.message))
    monkeypatch.setattr(Dialogs, "open_path", staticmethod(lambda parent, title: recorder.answers.get("open_path")))
    monkeypatch.setattr(Dialogs, "save_path",
                        staticmethod(lambda parent, title, suggested="": recorder.answers.get("save_path")))
    return recorder


@pytest.fixture
def start_window(qtbot, dialogs):
    """Start the real app on a workspace, as `main.py --workspace PATH` does."""
    windows = []
    QApplication.instance()._partnerdesk_testing = True

    def start(path: Path | None = None):
        argv = ["partnerdesk-app"] + (["--workspace", str(path)] if path else [])
        window = run(argv, exec_=False)
        qtbot.addWidget(window)
        # As a user meets it: painted, then checked, backed up and the projector added (ui/startup.py).
        qtbot.waitUntil(lambda: settled(window))
        windows.append(window)
        return window

    yield start
    for window in windows:
        if window.document is not None:
            window.close()
