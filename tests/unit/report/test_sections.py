"""The report's parts on their own: the agenda as run, hostile text, a withheld audit, drawings."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from partnerdesk import records
from partnerdesk.behaviours_audit import KIND as AUDIT
from partnerdesk.behaviours_audit import operations, values
from partnerdesk.report import workshop_report
from partnerdesk.report.document import agenda_rows, exercises_in_order
from partnerdesk.report.drawing import AxisSpec, Chip, QuadrantSpec, drawing_bytes, quadrant_drawing
from partnerdesk.store import Workspace
from tests.unit.report.conftest import pdf_text, unembedded_fonts


def _item(start: str, minutes: int, actual: str | None, title: str = "Item") -> records.AgendaItem:
    return records.AgendaItem("id", "w", 1.0, start, minutes, title, "", None, actual)


def test_agenda_rows_show_late_starts_and_overruns():
    rows = agenda_rows([
        _item("09:30", 30, "2010-06-17T09:40:00+01:00"),
        _item("10:00", 10, "2010-06-17T10:25:00+01:00"),
        _item("10:10", 70, "2010-06-17T10:33:00+01:00"),
        _item("11:20", 10, None),
    ])
    assert rows[0]["started"] == "09:40" and rows[0]["start_note"] == "10 min late"
    assert rows[0]["ran"] == "45 min (15 min over)"
    assert rows[1]["ran"] == "8 min (2 min under)"
    assert rows[2]["ran"] == ""  # nothing started after it: its length is not known
    assert rows[3]["started"] == "" and rows[3]["late"] == ""


def test_agenda_rows_on_time_and_early():
    rows = agenda_rows([_item("13:30", 15, "2009-10-14T13:30:00+01:00"),
                        _item("13:45", 120, "2009-10-14T13:42:00+01:00")])
    assert rows[0]["start_note"] == "on time" and rows[0]["ran"] == "12 min (3 min under)"
    assert rows[1]["start_note"] == "3 min early"


def _workshop(ws: Workspace, title: str = "Away day") -> str:
    return ws.insert("workshops", {"title": title, "date": "2026-03-05", "venue": "Bodmin"})


def test_the_agenda_as_run_is_in_the_report(workspace: Workspace):
    workshop_id = _workshop(workspace)
    workspace.insert_many("agenda_items", [
        {"workshop_id": workshop_id, "position": 1, "start_time": "10:00", "duration_minutes": 30,
         "title": "Welcome", "actual_start": "2026-03-05T10:12:00+00:00"},
        {"workshop_id": workshop_id, "position": 2, "start_time": "10:30", "duration_minutes": 60,
         "title": "Stakeholders", "actual_start": "2026-03-05T10:50:00+00:00"},
    ])
    text = pdf_text(workshop_report(workspace, workshop_id))
    assert "10:12 (12 min late)" in text
    assert "38 min (8 min over)" in text
    assert "2 of 2 items were started from the agenda runner; 2 started late or ran over." in text


def test_user_text_is_printed_as_typed_never_read_as_markup(workspace: Workspace):
    hostile = "R&D <b>bold</b> </para> <img src=\"/etc/passwd\"/> <notes>"
    workshop_id = _workshop(workspace, hostile)
    workspace.insert("agenda_items", {"workshop_id": workshop_id, "position": 1, "start_time": "10:00",
                                      "duration_minutes": 30, "title": hostile, "notes": "a\x00b\x1bc"})
    text = pdf_text(workshop_report(workspace, workshop_id))
    assert "R&D <b>bold</b> </para>" in text
    assert "<notes>" in text


def _audit(ws: Workspace) -> tuple[str, str, int]:
    workshop_id = _workshop(ws)
    exercise_id = ws.insert("exercises", {"workshop_id": workshop_id, "kind": AUDIT, "template": "behaviours-audit",
                                          "title": "Audit", "settings": "{}", "position": 1})
    round_id = operations.set_up_round(ws, exercise_id).value
    questions = len(values.round_questions(ws, values.audit_round(ws, round_id)).questions)
    return workshop_id, exercise_id, questions


def test_an_audit_below_its_minimum_is_withheld_as_on_screen(workspace: Workspace):
    workshop_id, exercise_id, questions = _audit(workspace)
    for score in (3, 9):
        operations.answer(workspace, exercise_id, [(score, "only two of us answered")] * questions)
    text = pdf_text(workshop_report(workspace, workshop_id))
    found = values.round_for_exercise(workspace, exercise_id)
    assert values.results_of(workspace, found).withheld_message in text
    assert "only two of us answered" not in text
    assert "6.00" not in text and "Overall average" not in text


def test_a_question_fewer_answered_than_the_minimum_is_withheld_on_its_own(workspace: Workspace):
    workshop_id, exercise_id, questions = _audit(workspace)
    operations.answer(workspace, exercise_id, [(1, "")] + [(7, "")] * (questions - 1))
    operations.answer(workspace, exercise_id, [(2, "")] + [(8, "")] * (questions - 1))
    operations.answer(workspace, exercise_id, [(None, "")] + [(9, "")] * (questions - 1))
    text = pdf_text(workshop_report(workspace, workshop_id))
    assert "3 anonymous responses" in text
    assert "withheld" in text and "Q1: fewer than 3 people answered" in text
    assert "1.50" not in text and "1.5 " not in text  # Q1's mean from its two answers
    assert "8.00" in text  # the other questions' means


def test_an_audit_not_yet_set_up_reads_as_withheld(workspace: Workspace):
    workshop_id = _workshop(workspace)
    workspace.insert("exercises", {"workshop_id": workshop_id, "kind": AUDIT, "template": "behaviours-audit",
                                   "title": "Audit", "settings": "{}", "position": 1})
    assert "Results are withheld until at least 3 people have answered" in pdf_text(
        workshop_report(workspace, workshop_id))


def test_exercises_follow_the_agenda_then_their_own_order(workspace: Workspace):
    workshop_id = _workshop(workspace)
    ids = [workspace.insert("exercises", {"workshop_id": workshop_id, "kind": "worksheet", "template": "role-play",
                                          "title": title, "settings": "{}", "position": n})
           for n, title in enumerate(("A", "B", "C"), start=1)]
    workspace.insert("agenda_items", {"workshop_id": workshop_id, "position": 1, "start_time": "10:00",
                                      "duration_minutes": 30, "title": "Runs C", "exercise_id": ids[2]})
    assert [e.title for e in exercises_in_order(workspace, workshop_id)] == ["C", "A", "B"]


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_a_board_drawing_stands_on_its_own(fmt):
    drawing = quadrant_drawing(
        [QuadrantSpec("top-left", "INFORM"), QuadrantSpec("top-right", "INVOLVE"),
         QuadrantSpec("bottom-left", "BE AWARE"), QuadrantSpec("bottom-right", "KEEP ON BOARD")],
        AxisSpec("Influence", "Low influence", "High influence"),
        AxisSpec("Interest", "Low interest", "High interest"),
        [Chip("Police", 0.5, 0.5), Chip("Residents <&>", -0.5, -0.5)])
    data = drawing_bytes(drawing, fmt)
    if fmt == "pdf":
        assert "KEEP ON BOARD" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert unembedded_fonts(data) == []
    else:
        assert b"KEEP ON BOARD" in data and b"Residents &lt;&amp;&gt;" in data


def test_each_board_and_wall_is_a_drawing_of_its_own(demo_template):
    from partnerdesk.kinds import kind_module

    with Workspace.open(demo_template, create=False, read_only=True) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == "Collaborative Working")
        found = {e.title: e for e in records.exercises(ws, day.id)}
        named = kind_module("quadrant_board", "report").drawings(ws, found["Stakeholder matrix (Activity 3)"])
        wall = kind_module("post_it_wall", "report").drawing(ws, found["Session evaluation wall"])
    assert [name for name, _ in named] == ["Community Safety Partnership", "Local Strategic Partnership",
                                           "Drug & Alcohol Partnership", "Teenage Pregnancy team"]
    board_pdf = drawing_bytes(named[0][1], "pdf")
    assert "Police information team" in PdfReader(io.BytesIO(board_pdf)).pages[0].extract_text()
    assert b"What worked well for you today?" in drawing_bytes(wall, "svg")
    assert unembedded_fonts(drawing_bytes(wall, "pdf")) == []
