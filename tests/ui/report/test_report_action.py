"""File ▸ Workshop report…: the selected workshop's or programme's report, saved where asked."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from partnerdesk import records
from partnerdesk.demo import CORNWALL_TITLE, ONE_DAY_TITLE
from ui.navigator import NodeKey


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def _choose_from_file_menu(window, qtbot, accelerator: str) -> None:
    """Open the File menu on the menu bar (as a click on "File" does), then type the item's
    underlined letter."""
    window.menuBar().setActiveAction(window.file_menu.menuAction())
    qtbot.waitUntil(window.file_menu.isVisible)
    qtbot.keyClick(window.file_menu, accelerator)
    qtbot.waitUntil(lambda: not window.file_menu.isVisible())


def test_the_selected_workshops_report_is_saved(start_window, qtbot, dialogs, demo_path, tmp_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
    window.navigator.select(NodeKey("workshop", day.id))
    target = tmp_path / "out" / "day.pdf"
    target.parent.mkdir()
    dialogs.answers["save_path"] = target
    assert window.report_action.isEnabled()
    _choose_from_file_menu(window, qtbot, "w")
    qtbot.waitUntil(target.exists)
    text = _text(target)
    assert ONE_DAY_TITLE in text and "KEEP ON BOARD" in text
    assert str(target) in window.statusBar().currentMessage()
    assert dialogs.shown == []


def test_an_exercise_selected_reports_its_workshop(start_window, qtbot, dialogs, demo_path, tmp_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
    exercise = records.exercises(ws, day.id)[0]
    window.navigator.select(NodeKey("exercise", exercise.id))
    dialogs.answers["save_path"] = tmp_path / "from-exercise.pdf"
    window.report_action.trigger()
    assert "Agenda: as planned and as run" in _text(tmp_path / "from-exercise.pdf")


def test_the_selected_programmes_report_is_saved(start_window, qtbot, dialogs, demo_path, tmp_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    programme = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
    window.navigator.select(NodeKey("programme", programme.id))
    dialogs.answers["save_path"] = tmp_path / "cornwall.pdf"
    window.report_action.trigger()
    text = _text(tmp_path / "cornwall.pdf")
    assert "Attendance across the programme" in text and "6.02 → 8.61" in text


def test_a_report_that_cannot_be_written_is_reported(start_window, qtbot, dialogs, demo_path, tmp_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
    window.navigator.select(NodeKey("workshop", day.id))
    dialogs.answers["save_path"] = tmp_path / "no such folder" / "day.pdf"
    window.report_action.trigger()
    assert [title for title, _ in dialogs.shown] == ["Workshop report not saved"]
    assert not (tmp_path / "no such folder").exists()


def test_cancelling_the_save_dialog_writes_nothing(start_window, qtbot, dialogs, demo_path, tmp_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
    window.navigator.select(NodeKey("workshop", day.id))
    dialogs.answers["save_path"] = None
    assert window.save_report_dialog() is None
    assert dialogs.shown == [] and list(tmp_path.glob("*.pdf")) == []


def test_the_action_waits_for_a_workshop_or_programme(start_window, qtbot, dialogs, tmp_path):
    window = start_window(tmp_path / "empty.partnerdesk")
    window.navigator.select(NodeKey("standalone", ""))
    assert not window.report_action.isEnabled()
