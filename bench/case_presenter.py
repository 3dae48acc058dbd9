"""Presenter mirroring cost: agenda edits while the projector shows the timer, against the same
edits with the projector off; and the timer's repaint tick against a repaint alone."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from run import Case

_STATE: dict = {}


def _window():
    """One demo workspace in the real main window, with the presenter installed (built once)."""
    if "window" not in _STATE:
        import os

        folder = Path(tempfile.mkdtemp(prefix="partnerdesk-bench-"))
        os.environ["PARTNERDESK_HOME"] = str(folder / "home")
        from PySide6.QtWidgets import QApplication

        from partnerdesk import demo, records
        from ui.app import run
        from ui.navigator import NodeKey

        QApplication.instance() or QApplication([])
        QApplication.instance()._partnerdesk_testing = True
        path = demo.build_demo(folder / "bench.partnerdesk")
        window = run(["bench", "--workspace", str(path)], exec_=False)
        # The presenter is installed just after the window's first paint: let that happen.
        import time

        from ui.startup import settled

        give_up = time.monotonic() + 30
        while not settled(window) and time.monotonic() < give_up:
            QApplication.processEvents()
        ws = window.document.workspace
        workshop = next(w for w in records.all_workshops(ws) if w.title == demo.ONE_DAY_TITLE)
        window.navigator.select(NodeKey("workshop", workshop.id))
        _STATE.update(window=window, workshop=workshop,
                      items=records.agenda(ws, workshop.id))
        # Close the workspace before the interpreter tears Qt down, then remove the files.
        atexit.register(shutil.rmtree, folder, True)
        atexit.register(window.close)
    return _STATE["window"]


def _edits(projector_on: bool):
    def prepare():
        from PySide6.QtWidgets import QApplication

        from ui.commands import ChangeRecordsCommand

        window = _window()
        presenter = window.presenter
        if projector_on:
            presenter.start()
            presenter.start_item(None)
        else:
            presenter.leave()
        document = window.document
        item = _STATE["items"][2]

        def run():
            for n in range(100):
                document.push(ChangeRecordsCommand(
                    document, "agenda_items", {item.id: {"title": f"Concepts {n}"}}, "Edit"))
            QApplication.processEvents()

        return run

    return prepare


def _tick(presenter_tick: bool):
    def prepare():
        window = _window()
        presenter = window.presenter
        presenter.start()
        presenter.start_item(None)
        presenter.window.resize(1920, 1080)

        def run():
            for _ in range(20):
                if presenter_tick:
                    presenter._on_timer_timeout()
                presenter.window.grab()

        return run

    return prepare


CASES = [
    Case("presenter: 100 agenda edits, projector showing the timer", _edits(True), _edits(False),
         note="baseline: the same edits, projector off"),
    Case("presenter: 20 timer ticks rendered at 1920x1080", _tick(True), _tick(False),
         note="baseline: the same renders without reading the clock and agenda"),
]
