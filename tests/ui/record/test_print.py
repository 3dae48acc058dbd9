"""File ▸ Print…: the report, a board or a wall, and learning logs, printed from their own PDFs."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from partnerdesk import demo, records
from partnerdesk.learning_log.export import jobs_for_workshop, render_learning_log
from partnerdesk.learning_log.values import log_book, log_template
from tests.ui.conftest import activate, first_exercise, one_day, press
from ui.navigator import NodeKey


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _pick(text: str):
    return lambda options: next(i for i, o in enumerate(options) if text in o)


def test_the_file_menu_has_print_and_export(start_window, tmp_path):
    window = start_window(tmp_path / "w.partnerdesk")
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts.index("&Print…") < texts.index("E&xport everything…") < texts.index("&Quit")
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.Print)


def test_nothing_selected_says_what_to_select(start_window, tmp_path, dialogs, choices):
    window = start_window(tmp_path / "w.partnerdesk")
    window.print_action.trigger()
    assert dialogs.shown and "Select a workshop" in dialogs.shown[-1][1]
    assert not choices.asked


def test_ctrl_p_prints_the_workshop_report_page_for_page(qtbot, start_window, demo_path, printed,
                                                         choices):
    from partnerdesk.report import workshop_report

    window = start_window(demo_path)
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    choices.pickers.append(_pick("The workshop report"))
    activate(qtbot, window)
    press(window, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(printed.files) == 1)
    assert choices.asked[0][0] == f"The workshop report: {demo.ONE_DAY_TITLE}"
    assert any("learning logs of every attendee" in o for o in choices.asked[0])
    expected = _pages(workshop_report(window.document.workspace, workshop.id))
    assert _pages(printed.files[0].read_bytes()) == expected
    assert printed.titles == [f"{demo.ONE_DAY_TITLE} report"]


def test_one_participants_learning_log(start_window, demo_path, printed, choices):
    window = start_window(demo_path)
    ws = window.document.workspace
    workshop = one_day(window)
    job = jobs_for_workshop(ws, workshop.id)[1]
    window.navigator.select(NodeKey("workshop", workshop.id))
    choices.pickers += [_pick("One participant"), _pick(job.participant)]
    window.print_action.trigger()
    assert job.participant in choices.asked[1]
    own = render_learning_log(log_book(ws, job.participant_id, job.workshop_ids), log_template())
    assert _pages(printed.files[0].read_bytes()) == _pages(own)
    assert printed.titles == [f"Learning log: {job.participant}"]


def test_every_attendees_log_with_a_progress_that_can_cancel(start_window, demo_path, printed, choices,
                                                             progress):
    window = start_window(demo_path)
    ws = window.document.workspace
    workshop = one_day(window)
    jobs = jobs_for_workshop(ws, workshop.id)
    window.navigator.select(NodeKey("exercise", records.exercises(ws, workshop.id)[0].id))
    choices.pickers.append(_pick("learning logs of every attendee"))
    window.print_action.trigger()
    expected = sum(_pages(render_learning_log(log_book(ws, j.participant_id, j.workshop_ids),
                                              log_template())) for j in jobs)
    assert _pages(printed.files[0].read_bytes()) == expected
    made = progress.made[0]
    assert made.maximum == len(jobs) and made.values[-1] == len(jobs) and made.closed
    # Cancel after two participants: nothing is reported as printed.
    progress.cancel_at = 2
    choices.pickers.append(_pick("learning logs of every attendee"))
    from ui.print_record import print_dialog

    assert print_dialog(window) is False
    assert progress.made[1].values[-1] == 2 and progress.made[1].closed


def test_a_board_prints_its_drawings(start_window, demo_path, printed, choices):
    from partnerdesk.export_all.drawings import drawings_pdf, exercise_drawings

    window = start_window(demo_path)
    ws = window.document.workspace
    board = first_exercise(ws, kind="quadrant_board")
    window.navigator.select(NodeKey("exercise", board.id))
    choices.pickers.append(_pick("This exercise's drawing"))
    window.print_action.trigger()
    workshop = records.workshop(ws, board.workshop_id)
    own = drawings_pdf(board.title, workshop.title, exercise_drawings(ws, board))
    assert _pages(printed.files[0].read_bytes()) == _pages(own) >= 1
