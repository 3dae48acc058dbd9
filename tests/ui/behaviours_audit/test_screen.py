"""The behaviours audit driven as a facilitator would: paper forms, passing the laptop, results."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from partnerdesk import records
from partnerdesk.behaviours_audit import KIND
from partnerdesk.behaviours_audit import values as audit
from partnerdesk.store import Workspace
from ui.dialogs import Dialogs
from ui.exercises.behaviours_audit import BehavioursAuditScreen
from ui.navigator import NodeKey


@pytest.fixture
def seams(monkeypatch):
    """Replaces the audit screen's dialogs: answers from `answers`, messages into `shown`."""

    class Recorder:
        def __init__(self):
            self.shown: list[tuple[str, str]] = []
            self.leave = False
            self.path = None

    recorder = Recorder()
    monkeypatch.setattr(Dialogs, "text", staticmethod(
        lambda parent, title, label, value="": "leave" if recorder.leave else None))
    monkeypatch.setattr(Dialogs, "save_path", staticmethod(lambda parent, title, suggested, f: recorder.path))
    for name in ("error", "information"):
        monkeypatch.setattr(Dialogs, name,
                            staticmethod(lambda parent, title, message: recorder.shown.append((title, message))))
    return recorder


def open_new_audit(window, session_index: int = 0) -> BehavioursAuditScreen:
    ws = window.document.workspace
    session = records.all_workshops(ws)[session_index]
    window.navigator.select(NodeKey("workshop", session.id))
    window.new_exercise_actions[audit.DEFAULT_TEMPLATE].trigger()
    screen = window.current_screen()
    assert isinstance(screen, BehavioursAuditScreen)
    return screen


def type_form(qtbot, screen: BehavioursAuditScreen, values: list[str]) -> None:
    for edit, value in zip(screen.paper.edits, values, strict=True):
        if value:
            qtbot.keyClicks(edit, value)
        qtbot.keyClick(edit, Qt.Key_Return)


def chart_values(view) -> list[float]:
    bars = next(s for s in view.chart().series() if isinstance(s, QBarSeries))
    bar_set = bars.barSets()[0]
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_paper_forms_typed_with_digits_and_enter_one_undo_step_each(start_window, qtbot, demo_path, seams):
    window = start_window(demo_path)
    ws = window.document.workspace
    screen = open_new_audit(window)
    assert screen.compare_view.other.count() == 2  # the demo's baseline and repeat, in the programme
    assert len(screen.paper.edits) == 10
    type_form(qtbot, screen, ["7", "", "10", "3", "0", "5", "6", "8", "9", "4"])
    given = audit.responses(ws, screen.round.id)
    assert len(given) == 1
    scores = [given[0].answers[q.id].score for q in screen.questions]
    assert scores == [7, None, 10, 3, 0, 5, 6, 8, 9, 4]  # the blank is no answer, never 0
    assert all(e.text() == "" for e in screen.paper.edits)
    assert screen.paper.forms.rowCount() == 1 and screen.paper.forms.item(0, 2).text() == "10"

    # A bad answer is refused where it was typed, with a clear message, and nothing moves on.
    qtbot.keyClicks(screen.paper.edits[0], "11")
    qtbot.keyClick(screen.paper.edits[0], Qt.Key_Return)
    assert "more than 10" in screen.paper.message.text()
    assert "dc2626" in screen.paper.edits[0].styleSheet()
    screen.paper.edits[0].setText("7.5")
    assert not screen.paper.submit()
    assert "not a whole number" in screen.paper.message.text()
    assert audit.response_count(ws, screen.round.id) == 1
    screen.paper.edits[0].setText("")
    assert not screen.paper.submit() and "no answers" in screen.paper.message.text()

    qtbot.keyClicks(screen.paper.comments[3], "Not yet")
    type_form(qtbot, screen, ["6"] * 10)
    assert audit.response_count(ws, screen.round.id) == 2
    assert screen.paper.comments[3].text() == ""
    assert audit.comments(ws, screen.round.id) == []  # withheld: only 2 responses
    assert [r.answers[screen.questions[3].id].comment for r in audit.responses(ws, screen.round.id)
            if r.answers[screen.questions[3].id].score == 6] == ["Not yet"]
    stack = window.document.undo_stack
    stack.undo()
    assert audit.response_count(ws, screen.round.id) == 1
    assert sum(len(r.answers) for r in audit.responses(ws, screen.round.id)) == 10
    assert screen.paper.forms.rowCount() == 1
    stack.redo()
    assert audit.response_count(ws, screen.round.id) == 2

    round_id, path = screen.round.id, window.document.path
    window.close()
    with Workspace.open(path) as reopened:
        assert audit.response_count(reopened, round_id) == 2
        assert all(len(r["created"]) == 10 for r in reopened.query("SELECT created FROM audit_responses"))


def test_passing_the_laptop_hides_every_answer_already_given(document, qtbot, seams):
    screen = make_screen(document, qtbot)
    for _ in range(3):
        type_form(qtbot, screen, ["5"] * 10)
    projector = screen.presenter_view()
    qtbot.addWidget(projector)
    assert chart_values(projector)[0] == 5.0
    entry = screen.start_private_answering()
    dialog = entry.content  # the form inside the shared private entry
    assert "Answering in progress" in projector.chart().title()
    assert screen.stack.currentIndex() == 1  # the forms and results are hidden behind
    assert not screen.private_button.isEnabled()
    qtbot.keyClicks(dialog.edits[0], "4")
    qtbot.keyClicks(dialog.edits[1], "9")
    qtbot.keyClicks(dialog.comments[1], "We listen better now")
    qtbot.mouseClick(dialog.submit_button, Qt.LeftButton)
    given = audit.responses(document.workspace, screen.round.id)
    assert len(given) == 4
    answers = next(r for r in given if r.answers[screen.questions[0].id].score == 4).answers
    assert answers[screen.questions[1].id].comment == "We listen better now"
    # The next person sees an empty form and a thank-you, nothing of the last answers.
    assert all(e.text() == "" for e in dialog.edits) and all(c.text() == "" for c in dialog.comments)
    # Nor can the next person get them back with Ctrl+Z in a box.
    assert not any(w.isUndoAvailable() for w in [*dialog.edits, *dialog.comments])
    qtbot.keyClick(dialog.comments[1], Qt.Key_Z, Qt.ControlModifier)
    assert dialog.comments[1].text() == ""
    assert "hand the laptop" in dialog.thanks.text()
    shown = " ".join(w.text() for w in dialog.findChildren(type(dialog.thanks)))
    assert "We listen better now" not in shown
    # Undo cannot be reached from this mode: the entry is modal and offers no undo.
    assert not [b for b in entry.findChildren(type(dialog.submit_button)) if "ndo" in b.text()]

    dialog.edits[2].setText("x")
    qtbot.mouseClick(dialog.submit_button, Qt.LeftButton)
    assert "not a score" in dialog.message.text()
    assert audit.response_count(document.workspace, screen.round.id) == 4
    assert "Answering in progress" in projector.chart().title()  # no change after each person
    # The paper-form list shows only the three forms typed there, never the laptop's answers.
    assert screen.paper.forms.rowCount() == 3
    assert {screen.paper.forms.item(r, 0).text() for r in range(3)} == {"5"}

    seams.leave = False
    entry.reject()
    assert screen.private_entry is entry and entry.isVisible()  # a participant cannot leave
    seams.leave = True
    with qtbot.waitSignal(screen.private_mode_changed):
        qtbot.mouseClick(entry.leave_button, Qt.LeftButton)
    assert screen.private_entry is None and screen.stack.currentIndex() == 0
    assert chart_values(projector)[0] == pytest.approx(4.75)


def make_screen(document, qtbot, title: str = "Session 1", day: str = "2026-02-03",
                programme: str | None = None) -> BehavioursAuditScreen:
    ws = document.workspace
    workshop = ws.insert("workshops", {"programme_id": programme, "title": title, "date": day})
    exercise = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                       "template": audit.DEFAULT_TEMPLATE, "title": f"Audit {title}"})
    screen = BehavioursAuditScreen(document, exercise)
    qtbot.addWidget(screen)
    return screen


def test_results_withheld_below_the_minimum_then_shown_and_followed_by_the_projector(document, qtbot, seams,
                                                                                     tmp_path):
    screen = make_screen(document, qtbot)
    projector = screen.presenter_view()
    qtbot.addWidget(projector)
    for values in (["2"] * 10, ["4"] * 10):
        type_form(qtbot, screen, values)
    assert "withheld" in screen.results_view.summary.text() and "1 more" in screen.results_view.summary.text()
    assert screen.results_view.table.rowCount() == 0
    assert chart_values(projector) == []
    assert "withheld" in projector.chart().title()
    seams.path = tmp_path / "too-early.csv"
    assert screen.save_csv() is None and not seams.path.exists()
    assert "withheld" in seams.shown[-1][1]
    type_form(qtbot, screen, ["9", "3", "6", "6", "6", "6", "6", "6", "6", ""])
    assert screen.results_view.table.item(0, 2).text() == "5.00"
    assert screen.results_view.table.item(9, 1).text() == "2"  # one blank on Q10
    assert screen.results_view.table.item(1, 5).text() == "lowest"
    assert chart_values(projector)[:2] == pytest.approx([5.0, 3.0])
    lines = [s for s in projector.chart().series() if isinstance(s, QLineSeries)]
    assert lines and lines[0].at(0).y() == pytest.approx(7.5)

    screen.results_view.benchmark.setValue(8.0)
    assert audit.audit_round(document.workspace, screen.round.id).benchmark == 8.0
    lines = [s for s in projector.chart().series() if isinstance(s, QLineSeries)]
    assert lines[0].at(0).y() == pytest.approx(8.0)
    document.undo_stack.undo()
    assert audit.audit_round(document.workspace, screen.round.id).benchmark == 7.5
    screen.results_view.minimum.setValue(4)
    assert "withheld" in screen.results_view.summary.text() and chart_values(projector) == []


def test_comparing_two_rounds_of_a_programme(document, qtbot, seams, tmp_path):
    ws = document.workspace
    programme = ws.insert("programmes", {"title": "P"})
    first = make_screen(document, qtbot, "Session 1", "2026-01-10", programme)
    for _ in range(3):
        type_form(qtbot, first, ["5"] * 10)
    second = make_screen(document, qtbot, "Session 2", "2026-03-10", programme)
    assert second.round.set_id == first.round.set_id
    view = second.compare_view
    assert view.other.count() == 1
    assert "withheld" in view.summary.text()
    for values in (["6"] * 9 + ["9"], ["7"] * 9 + ["9"], ["8"] * 9 + ["9"]):
        type_form(qtbot, second, values)
    assert "Overall: 5.00 → 7.20, a change of +2.20" in view.summary.text()
    assert "Moved most: Q10" in view.summary.text()
    assert view.table.item(9, 3).text() == "+4.00"
    assert len(next(s for s in view.chart.chart().series() if isinstance(s, QBarSeries)).barSets()) == 2
    # The first round's screen compares the same pair, oldest first.
    assert "change of +2.20" in first.compare_view.summary.text()

    seams.path = tmp_path / "results.pdf"
    assert second.save_pdf() == seams.path
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(seams.path.read_bytes())).pages)
    assert "overall average 7.20" in text.lower() or "Overall average 7.20" in text
    assert "+2.20" in text and "Do colleagues walk in each other" in text
    seams.path = tmp_path / "responses.csv"
    assert second.save_csv() == seams.path
    assert seams.path.read_bytes().decode("utf-8-sig").count("\r\n") == 4


def test_the_comparison_legend_shows_the_sessions_names_as_typed(document, qtbot, seams):
    """A legend reads its labels as rich text: a session named with markup is shown as typed."""
    from PySide6.QtGui import QTextDocument

    ws = document.workspace
    programme = ws.insert("programmes", {"title": "P"})
    first = make_screen(document, qtbot, "<b>Kick-off</b> & welcome", "2026-01-10", programme)
    for _ in range(3):
        type_form(qtbot, first, ["5"] * 10)
    second = make_screen(document, qtbot, "<img src='x.png'>Review", "2026-03-10", programme)
    for _ in range(3):
        type_form(qtbot, second, ["7"] * 10)
    bars = next(s for s in second.compare_view.chart.chart().series() if isinstance(s, QBarSeries))
    shown = []
    for bar_set in bars.barSets():
        text = QTextDocument()
        text.setHtml(bar_set.label())
        shown.append(text.toPlainText())
    assert shown == ["<b>Kick-off</b> & welcome (2026-01-10)", "<img src='x.png'>Review (2026-03-10)"]


def test_an_answered_question_set_is_frozen_and_duplicate_to_edit(document, qtbot, seams):
    screen = make_screen(document, qtbot)
    view = screen.questions_view
    item = view.table.item(0, 0)
    item.setText("Do we share values?")
    assert screen.questions[0].text == "Do we share values?"
    document.undo_stack.undo()
    assert screen.questions[0].text == "Do we work from shared values?"
    type_form(qtbot, screen, ["5"] * 10)
    assert screen.question_set.frozen and "frozen" in view.notice.text()
    document.undo_stack.undo()  # the first answer undone: the set can be edited again
    assert not screen.question_set.frozen and view.table.item(0, 0).flags() & Qt.ItemIsEditable
    document.undo_stack.redo()
    assert screen.question_set.frozen and audit.response_count(document.workspace, screen.round.id) == 1
    assert not view.table.item(0, 0).flags() & Qt.ItemIsEditable
    before = screen.round.set_id
    qtbot.mouseClick(view.duplicate_button, Qt.LeftButton)
    assert screen.round.set_id == before  # answered: the round keeps its questions
    assert seams.shown and "Duplicate to edit" in seams.shown[0][0]
    assert len(audit.question_sets(document.workspace)) == 2
    document.undo_stack.undo()
    assert len(audit.question_sets(document.workspace)) == 1


def test_the_projector_shows_the_demo_baseline_chart(start_window, qtbot, demo_path, seams):
    from ui.exercises.behaviours_audit.charts import AuditPresenterView

    window = start_window(demo_path)
    ws = window.document.workspace
    exercise_id = ws.query("SELECT e.id FROM exercises e JOIN workshops w ON w.id = e.workshop_id "
                           "WHERE e.kind = ? ORDER BY w.date", [KIND])[0]["id"]
    window.navigator.select(NodeKey("exercise", exercise_id))
    screen = window.current_screen()
    assert isinstance(screen, BehavioursAuditScreen)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_F5)
    qtbot.waitUntil(lambda: window.presenter.showing)
    view = window.presenter.window.content
    assert isinstance(view, AuditPresenterView)
    assert "Overall average 6.02" in view.chart().title()
    assert chart_values(view)[:2] == pytest.approx([5.8, 4.6])
    # A facilitator's own set: choose a copy for a new round, before anyone answers.
    fresh = open_new_audit(window)
    qtbot.mouseClick(fresh.questions_view.duplicate_button, Qt.LeftButton)
    assert not fresh.question_set.frozen and "(copy)" in fresh.question_set.title
    fresh.questions_view.table.item(9, 0).setText("Do we celebrate what we achieve together?")
    assert fresh.questions[9].text == "Do we celebrate what we achieve together?"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert fresh.question_set.frozen  # back on the demo's answered default set


def test_a_read_only_workspace_shows_the_rounds_it_has_and_sets_up_none(qapp, qtbot, demo_path):
    from ui.document import WorkspaceDocument
    from ui.exercises import InstructionsScreen
    from ui.exercises.behaviours_audit import create_screen

    with Workspace.open(demo_path) as ws:
        workshop = records.all_workshops(ws)[0]
        fresh = ws.insert("exercises", {"workshop_id": workshop.id, "kind": KIND,
                                        "template": audit.DEFAULT_TEMPLATE, "title": "Not yet opened"})
        existing = ws.query("SELECT exercise_id FROM audit_rounds LIMIT 1")[0]["exercise_id"]
    document = WorkspaceDocument(Workspace.open(demo_path, read_only=True))
    try:
        screen = create_screen(document, existing)
        qtbot.addWidget(screen)
        assert isinstance(screen, BehavioursAuditScreen) and screen.results().responses == 10
        placeholder = create_screen(document, fresh)
        qtbot.addWidget(placeholder)
        assert isinstance(placeholder, InstructionsScreen)
    finally:
        document.close()
