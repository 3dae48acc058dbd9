"""The workshop editor's agenda typed into as a facilitator would: a new length moves the later
start times, as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from partnerdesk import records
from tests.ui.conftest import activate, press, type_text
from ui.editors.workshop_editor import WorkshopEditor
from ui.navigator import NodeKey


def _times(window, workshop_id) -> list[tuple[str, int]]:
    return [(i.start_time, i.duration_minutes) for i in records.agenda(window.document.workspace, workshop_id)]


def test_typing_a_longer_item_moves_the_later_start_times_as_one_undo_step(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    workshop = next(w for w in records.all_workshops(ws) if w.programme_id is None)
    window.navigator.select(NodeKey("workshop", workshop.id))
    editor = window.current_screen()
    assert isinstance(editor, WorkshopEditor)
    before = _times(window, workshop.id)
    items = records.agenda(ws, workshop.id)
    row = next(n for n, i in enumerate(items) if i.title.startswith("Concepts"))
    assert before[row] == ("10:10", 70)

    activate(qtbot, window)
    view = editor.agenda.view
    view.setFocus()  # as a click on the table would
    view.setCurrentIndex(editor.agenda.model.index(row, 1))  # the Minutes cell
    press(window, Qt.Key_F2)
    type_text(window, "90")
    press(window, Qt.Key_Return)

    after = _times(window, workshop.id)
    assert after[row] == ("10:10", 90)
    assert after[:row] == before[:row]  # earlier items stay
    # Every later timed item starts 20 minutes later; one with no time keeps none.
    for was, now in zip(before[row + 1:], after[row + 1:], strict=True):
        if was[0]:
            hours, minutes = map(int, was[0].split(":"))
            total = hours * 60 + minutes + 20
            assert now == (f"{total // 60:02d}:{total % 60:02d}", was[1])
        else:
            assert now == was
    assert after[row + 1][0] == "11:40"
    assert "later start times moved" in editor.agenda.message.text()
    stack = window.document.undo_stack
    assert stack.undoText() == "Set “Concepts and Contexts of Collaboration” to 90 min"

    press(window, Qt.Key_Z, Qt.ControlModifier)  # one step puts the whole day back
    assert _times(window, workshop.id) == before
    press(window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert _times(window, workshop.id) == after


def test_a_length_that_is_not_minutes_is_refused_with_a_message(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    workshop = next(w for w in records.all_workshops(ws) if w.programme_id is None)
    window.navigator.select(NodeKey("workshop", workshop.id))
    editor = window.current_screen()
    before = _times(window, workshop.id)
    model = editor.agenda.model
    assert not model.setData(model.index(1, 1), "2000")
    assert "between 0 and 1,440" in editor.agenda.message.text()
    assert _times(window, workshop.id) == before
