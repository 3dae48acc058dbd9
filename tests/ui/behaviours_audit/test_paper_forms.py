"""A typing slip on a paper form corrected, and a form typed twice deleted, as a facilitator does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from partnerdesk.behaviours_audit import values
from tests.ui.behaviours_audit.test_screen import make_screen, type_form


def stored(screen) -> list[list]:
    ws = screen.document.workspace
    return sorted([r.answers[q.id].score if q.id in r.answers else None for q in screen.questions]
                  for r in values.responses(ws, screen.round.id))


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())


def test_correct_and_delete_a_typed_form(document, qtbot):
    screen = make_screen(document, qtbot)
    screen.show()
    type_form(qtbot, screen, ["5"] * 10)
    type_form(qtbot, screen, ["8"] + ["5"] * 9)  # the first score should have been 3
    type_form(qtbot, screen, ["5"] * 10)  # the first form typed a second time
    paper = screen.paper
    assert paper.forms.rowCount() == 3

    click_row(qtbot, paper.forms, 1)
    qtbot.mouseClick(paper.correct_button, Qt.LeftButton)
    assert paper.edits[0].text() == "8" and paper.add_button.text() == "Save the correction"
    qtbot.keyClicks(paper.edits[0], "3")  # replaces the selected text
    type_form(qtbot, screen, [""] * 10)  # Enter through the rest: the form is saved
    assert paper.message.text() == "Form corrected."
    assert stored(screen) == sorted([[5] * 10, [3] + [5] * 9, [5] * 10])
    assert paper.forms.item(1, 0).text() == "3"

    click_row(qtbot, paper.forms, 2)
    qtbot.mouseClick(paper.delete_button, Qt.LeftButton)
    assert stored(screen) == sorted([[5] * 10, [3] + [5] * 9])
    assert paper.forms.rowCount() == 2 and paper.message.text() == "Form deleted: 2 left."
    document.undo_stack.undo()
    assert len(stored(screen)) == 3
    document.undo_stack.undo()
    assert stored(screen) == sorted([[5] * 10, [8] + [5] * 9, [5] * 10])
