"""Fixtures for widget tests: a document on a temporary workspace, and the real main window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from partnerdesk import demo, records
from partnerdesk.agenda_clock import Moment
from partnerdesk.store import Workspace
from ui.app import run
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
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
    monkeypatch.setattr(Dialogs, "open_path", staticmethod(lambda *args: recorder.answers.get("open_path")))
    monkeypatch.setattr(Dialogs, "save_path",
                        staticmethod(lambda *args: recorder.answers.get("save_path")))
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


def laptop_window(start_window, path: Path, size: tuple[int, int, bool]):
    """The app on `path` in a window of (width, height, with the agenda runner docked beside it)."""
    width, height, runner = size
    window = start_window(path)
    window.resize(width, height)
    if runner:
        window.presenter.run_agenda_action.trigger()
    return window


def activate(qtbot, window) -> None:
    """Make `window` the active window, as a click on it would: keys then go to its focus."""
    from PySide6.QtGui import QGuiApplication

    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())


def press(window, key, modifiers=None) -> None:
    """A key press as the window system delivers it: to the window, which routes it to the
    focused widget after trying the shortcuts. Never to an inner widget directly."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(window.windowHandle(), key, modifiers if modifiers is not None else Qt.NoModifier)


def type_text(window, text: str) -> None:
    """Type ASCII text through the window, a key at a time, as a keyboard would."""
    from PySide6.QtTest import QTest

    assert text.isascii(), "QTest maps only ASCII characters to keys"
    for char in text:
        QTest.keyClick(window.windowHandle(), char)


def show_on_projector(qtbot, window):
    """F5 on the laptop's keyboard, as the facilitator presses it: the presenter, once it shows."""
    from PySide6.QtCore import Qt

    activate(qtbot, window)
    press(window, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing)
    return presenter


# -- the demo's places, found as a facilitator would -----------------------------------------


def one_day(window) -> records.Workshop:
    """The demo's one-day workshop."""
    return next(w for w in records.all_workshops(window.document.workspace) if w.title == demo.ONE_DAY_TITLE)


def first_exercise(ws, *, kind: str | None = None, template: str | None = None) -> records.Exercise:
    """The first exercise of that kind (or from that template), workshops in the navigator's order."""
    return next(e for w in records.all_workshops(ws) for e in records.exercises(ws, w.id)
                if (kind is None or e.kind == kind) and (template is None or e.template == template))


def inside(widget: QWidget, container: QWidget) -> bool:
    """The whole of `widget` lies within `container` (nothing of it is cut off)."""
    top_left = widget.mapTo(container, widget.rect().topLeft())
    return container.rect().contains(QRect(top_left, widget.size()))


# -- the presenter's clocks, moved by a test -------------------------------------------------

START = datetime(2010, 6, 17, 9, 30, 0).timestamp()


class Clock:
    """The presenter's two clocks, moved by the test: time passing (awake or asleep) moves both;
    a corrected wall clock (time zone, network time) moves the wall clock alone."""

    def __init__(self, start: float):
        self.wall = start
        self.elapsed = 1_000.0

    def __call__(self) -> Moment:
        return Moment(self.wall, self.elapsed)

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.elapsed += seconds

    def correct_wall(self, seconds: float) -> None:
        self.wall += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def app_window(start_window, demo_path, clock):
    window = start_window(demo_path)
    window.presenter.now = clock
    return window
