"""Pass the laptop for the audit is the shared private entry: it fills the facilitator's window
on a laptop, Submit and Leave stay in it, and a participant types through the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from partnerdesk.behaviours_audit import KIND
from partnerdesk.behaviours_audit import values as audit
from tests.ui.conftest import activate, first_exercise, inside, laptop_window, press, type_text
from ui.dialogs import Dialogs
from ui.exercises.behaviours_audit import BehavioursAuditScreen
from ui.navigator import NodeKey
from ui.private_entry import PrivateEntry


@pytest.mark.parametrize("size", [(1366, 700, True), (1200, 760, False)], ids=["runner", "default"])
def test_pass_the_laptop_fills_the_window_and_keeps_submit_and_leave_in_it(
        qtbot, start_window, demo_path, monkeypatch, size):
    typed_word = {"answer": None}
    monkeypatch.setattr(Dialogs, "text", staticmethod(lambda parent, title, label, value="": typed_word["answer"]))
    window = laptop_window(start_window, demo_path, size)
    ws = window.document.workspace
    exercise = first_exercise(ws, kind=KIND)
    window.navigator.select(NodeKey("exercise", exercise.id))
    screen = window.current_screen()
    assert isinstance(screen, BehavioursAuditScreen)
    before = screen.response_count()

    qtbot.mouseClick(screen.private_button, Qt.LeftButton)
    entry = screen.private_entry
    assert isinstance(entry, PrivateEntry)  # the one private-entry widget, shared with the logs
    qtbot.waitExposed(entry)
    assert entry.geometry() == window.geometry()
    form = entry.content
    assert form.submit_button.parent() is entry.bar
    for button in (form.submit_button, entry.leave_button):
        assert button.isVisible() and inside(button, entry)

    activate(qtbot, entry)
    assert form.edits[0].hasFocus()
    type_text(entry, "7")
    press(entry, Qt.Key_Return)  # on to the next question
    assert form.edits[1].hasFocus()
    type_text(entry, "9")
    qtbot.mouseClick(form.submit_button, Qt.LeftButton)
    assert screen.response_count() == before + 1
    assert all(edit.text() == "" for edit in form.edits)
    mine = [r for r in audit.responses(ws, screen.round.id)
            if r.answers.get(screen.questions[0].id) and r.answers[screen.questions[0].id].score == 7
            and r.answers.get(screen.questions[1].id) and r.answers[screen.questions[1].id].score == 9]
    assert mine

    press(entry, Qt.Key_Escape)  # a participant's Esc does not leave
    assert entry.isVisible() and screen.private_entry is entry
    typed_word["answer"] = "LEAVE"
    with qtbot.waitSignal(entry.finished):
        qtbot.mouseClick(entry.leave_button, Qt.LeftButton)
    assert screen.private_entry is None and screen.private_button.isEnabled()
