"""File ▸ Export everything…: a new folder inside the one chosen, with a cancellable progress."""

from __future__ import annotations

import pytest

from partnerdesk import demo, records
from ui.dialogs import Dialogs
from ui.navigator import NodeKey


@pytest.fixture
def folder_answer(monkeypatch, tmp_path):
    chosen = tmp_path / "exports"
    chosen.mkdir()
    monkeypatch.setattr(Dialogs, "choose_folder", staticmethod(lambda *args: chosen))
    return chosen


def _programme(window) -> records.Programme:
    return next(p for p in records.programmes(window.document.workspace) if p.title == demo.CORNWALL_TITLE)


def test_export_a_programme_into_a_new_folder_each_time(start_window, demo_path, dialogs, progress,
                                                        folder_answer):
    window = start_window(demo_path)
    window.navigator.select(NodeKey("programme", _programme(window).id))
    window.export_everything_action.trigger()
    first = folder_answer / demo.CORNWALL_TITLE
    assert (first / "README.txt").is_file() and (first / "Attendance.csv").is_file()
    assert len([p for p in first.iterdir() if p.is_dir()]) == 6  # a folder per session
    assert dialogs.shown[-1][0] == "Export everything" and str(first) in dialogs.shown[-1][1]
    made = progress.made[0]
    assert made.maximum > 10 and made.closed and made.values == sorted(made.values)
    # A second export never writes over the first.
    window.export_everything_action.trigger()
    assert (folder_answer / f"{demo.CORNWALL_TITLE} (2)" / "README.txt").is_file()


def test_cancelling_stops_and_says_where_the_files_are(start_window, demo_path, dialogs, progress,
                                                       folder_answer):
    window = start_window(demo_path)
    workshop = next(w for w in records.all_workshops(window.document.workspace)
                    if w.title == demo.ONE_DAY_TITLE)
    window.navigator.select(NodeKey("workshop", workshop.id))
    progress.cancel_at = 2
    shown_before = len(dialogs.shown)
    window.export_everything_action.trigger()
    folder = folder_answer / demo.ONE_DAY_TITLE
    assert folder.is_dir() and not (folder / "README.txt").exists()
    assert "Export stopped" in window.statusBar().currentMessage()
    assert len(dialogs.shown) == shown_before and progress.made[0].closed


def test_a_folder_that_cannot_be_written_is_reported(start_window, demo_path, dialogs, progress,
                                                     monkeypatch, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(Dialogs, "choose_folder", staticmethod(lambda *args: blocker))
    window = start_window(demo_path)
    window.navigator.select(NodeKey("programme", _programme(window).id))
    window.export_everything_action.trigger()
    assert dialogs.shown[-1][0] == "Export not saved"
