"""Issues 12.5 and 12.6 on the screen: opening it writes nothing, undo of adding an audit leaves
nothing behind, and a question with fewer answers than the minimum shows no figure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QBarSeries

from partnerdesk import records
from partnerdesk.behaviours_audit import values
from partnerdesk.store import Workspace
from tests.ui.behaviours_audit.test_screen import make_screen, type_form
from ui.exercises.behaviours_audit import BehavioursAuditScreen
from ui.navigator import NodeKey

AUDIT_TABLES = ("audit_question_sets", "audit_questions", "audit_rounds", "audit_responses", "audit_answers")


def audit_rows(ws) -> dict[str, int]:
    return {t: ws.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in AUDIT_TABLES}


def file_bytes(path: Path) -> tuple[bytes, bytes]:
    wal = Path(str(path) + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def test_opening_writes_nothing_and_undo_of_adding_an_audit_leaves_nothing(start_window, qtbot, tmp_path):
    path = tmp_path / "fresh.partnerdesk"
    with Workspace.open(path) as ws:
        workshop = ws.insert("workshops", {"title": "Session", "date": "2026-02-03"})
    window = start_window(path)
    ws = window.document.workspace
    window.navigator.select(NodeKey("workshop", workshop))
    before = audit_rows(ws)
    window.new_exercise_actions[values.DEFAULT_TEMPLATE].trigger()
    screen = window.current_screen()
    assert isinstance(screen, BehavioursAuditScreen) and len(screen.paper.edits) == 10
    assert audit_rows(ws) == before  # the new audit's screen is open: no set, no questions, no round
    exercise_id = screen.exercise_id

    # Opening it again writes nothing at all, not a byte.
    window.navigator.select(NodeKey("workshop", workshop))
    changes, raw = ws.db.conn.total_changes, file_bytes(ws.path)
    window.navigator.select(NodeKey("exercise", exercise_id))
    assert isinstance(window.current_screen(), BehavioursAuditScreen)
    assert ws.db.conn.total_changes == changes and file_bytes(ws.path) == raw

    stack = window.document.undo_stack
    stack.undo()
    assert records.exercise(ws, exercise_id) is None and audit_rows(ws) == before

    # The first answer sets the round up inside its own step; undoing both leaves nothing.
    stack.redo()
    window.navigator.select(NodeKey("exercise", exercise_id))
    screen = window.current_screen()
    type_form(qtbot, screen, ["7"] * 10)
    assert audit_rows(ws)["audit_rounds"] == 1 and audit_rows(ws)["audit_questions"] == 10
    stack.undo()
    assert audit_rows(ws) == before
    stack.undo()
    assert records.exercise(ws, exercise_id) is None and audit_rows(ws) == before


def test_a_question_answered_by_too_few_shows_no_figure_on_screen_or_projector(document, qtbot):
    screen = make_screen(document, qtbot)
    projector = screen.presenter_view()
    qtbot.addWidget(projector)
    type_form(qtbot, screen, ["4", "2"] + [""] * 8)
    type_form(qtbot, screen, ["6", "9"] + [""] * 8)
    type_form(qtbot, screen, ["8"] + [""] * 9)
    table = screen.results_view.table
    assert table.item(0, 2).text() == "6.00"
    assert [table.item(1, c).text() for c in range(1, 5)] == ["2", "—", "—", "withheld"]
    assert "fewer than 3" in table.item(1, 5).text()
    bars = next(s for s in projector.chart().series() if isinstance(s, QBarSeries)).barSets()[0]
    assert bars.at(0) == 6.0 and bars.at(1) == 0.0
    assert "Overall average 6.00" in projector.chart().title()


def test_the_comparison_follows_a_round_deleted_with_its_exercise_elsewhere(document, qtbot):
    from ui.commands import DeleteRecordsCommand

    programme = document.workspace.insert("programmes", {"title": "P"})
    first = make_screen(document, qtbot, "Session 1", "2026-01-10", programme)
    type_form(qtbot, first, ["5"] * 10)
    second = make_screen(document, qtbot, "Session 2", "2026-03-10", programme)
    assert second.compare_view.other.count() == 1
    document.push(DeleteRecordsCommand(document, "exercises", [first.exercise_id], "Delete the audit"))
    assert second.compare_view.other.count() == 0
    document.undo_stack.undo()
    assert second.compare_view.other.count() == 1
