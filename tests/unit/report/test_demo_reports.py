"""The demo's reports hold the record: figures, quadrant names, wall questions, post-its."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerdesk import records
from partnerdesk.demo import CORNWALL_ATTENDANCE, CORNWALL_TITLE, ONE_DAY_TITLE
from partnerdesk.post_it_wall import operations as wall_operations
from partnerdesk.post_it_wall import values as wall_values
from partnerdesk.report import programme_report, workshop_report
from partnerdesk.store import Workspace
from tests.unit.report.conftest import qpdf_check, unembedded_fonts

STAKEHOLDER_QUADRANTS = ("INFORM", "INVOLVE", "BE AWARE", "KEEP ON BOARD")
PURPOSE_QUADRANTS = ("Competition", "Co-operation", "Co-ordination", "Co-evolution")


def test_the_workshop_report_names_the_day(demo_texts):
    text = demo_texts["workshop"]
    assert ONE_DAY_TITLE in text
    assert "17 June 2010" in text
    assert "Committee Room 1, County Hall, Truro" in text


def test_the_workshop_report_has_the_agenda_and_attendance(demo_texts):
    text = demo_texts["workshop"]
    for title in ("Registration and Refreshment", "Creating a Climate for Change", "Influencing and Negotiation"):
        assert title in text
    assert "12 present of 12 participants." in text
    assert "Royal Cornwall Hospitals Trust 1" in text  # a total by organisation
    assert "management 5" in text and "staff side 2" in text  # totals by side
    assert "Wang Fang (王芳)" in text  # a name in a script DejaVu lacks, in the fallback font


def test_the_boards_are_drawn_with_their_quadrants_and_chips(demo_texts):
    text = demo_texts["workshop"]
    for name in (*STAKEHOLDER_QUADRANTS, *PURPOSE_QUADRANTS):
        assert name in text
    # Who is in each quadrant, per small group (the workbook's Activity 3 feedback).
    assert "Community Safety Partnership" in text and "Teenage Pregnancy team" in text
    assert "Directors of Public Health, Councillors" in text
    assert "Booksellers (Co-ordination): the Hay-on-Wye Book Festival" in text


def test_the_walls_have_their_questions_post_its_themes_and_dots(demo_texts):
    text = demo_texts["workshop"]
    for question in ("What worked well for you today?", "What could be improved and how?",
                     "Which words describe the promise of partnership?"):
        assert question in text
    for post_it in ("Meeting people from other organisations", "Send the workbook out before the day",
                    "talking shop"):
        assert post_it in text
    assert "Theme: Meeting others (2 post-its, 7 dots)" in text
    assert "Dot ranking" in text


def test_the_worksheets_have_their_answers_and_ticks(demo_texts):
    assert "Cornwall Teenage Pregnancy Partnership" in demo_texts["workshop"]
    programme = demo_texts["programme"]
    assert "Partnership life cycle" in programme
    assert "✓" in programme  # the life-cycle items ticked in session 4


def test_the_programme_report_has_attendance_across_the_sessions(demo_texts):
    text = demo_texts["programme"]
    assert CORNWALL_TITLE in text
    assert "Attendance across the programme" in text
    for count in (22, 26, 18):
        assert f" {count}" in text
    # The table under the chart, session by session.
    assert "14 October 2009 22" in text and "9 December 2009 26" in text and "10 March 2010 18" in text
    assert len(CORNWALL_ATTENDANCE) == 6 and "Session 6" in text


def test_the_programme_report_compares_the_audit_rounds(demo_texts):
    text = demo_texts["programme"]
    assert "6.02" in text and "8.61" in text
    assert "Overall: 6.02 → 8.61, a change of +2.59." in text


def test_the_programme_report_shows_each_partnerships_path(demo_texts):
    text = demo_texts["programme"]
    assert ("Junior hospital staff: Session 1: Co-ordination → Session 3: Co-ordination → "
            "Session 6: Co-evolution") in text


def test_the_programme_report_has_the_walls_session_by_session_then_each_session(demo_texts):
    text = demo_texts["programme"]
    assert "The walls' themes, session by session" in text
    assert "Bring staff side in before decisions, not after" in text
    for n in range(1, 7):
        assert f"Session {n}:" in text
    assert text.index("The walls' themes") < text.index("Agenda: as planned and as run")


@pytest.mark.parametrize("name", ["workshop", "programme"])
def test_every_font_is_embedded(demo_reports, name):
    assert unembedded_fonts(demo_reports[name]) == []


@pytest.mark.parametrize("name", ["workshop", "programme"])
def test_qpdf_finds_nothing_wrong(demo_reports, name, tmp_path: Path):
    result = qpdf_check(demo_reports[name], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_a_report_is_the_same_bytes_each_time(demo_template: Path, demo_reports):
    with Workspace.open(demo_template, create=False, read_only=True) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
        assert workshop_report(ws, day.id, invariant=True) == demo_reports["workshop"]


def test_hidden_post_its_stay_out(demo_path: Path):
    from tests.unit.report.conftest import pdf_text

    with Workspace.open(demo_path, create=False) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
        wall = next(e for e in wall_values.walls(ws, day.id) if e.template == "evaluation-wall")
        wall_operations.add_post_it(ws, wall.id, "pink", "Still face down on the table", hidden=True)
        text = pdf_text(workshop_report(ws, day.id))
    assert "Still face down on the table" not in text
    assert "1 still hidden from the room and left out" in text


def test_a_programme_report_of_a_programme_with_nothing_in_it(workspace: Workspace):
    from tests.unit.report.conftest import pdf_text

    programme_id = workspace.insert("programmes", {"title": "Empty programme"})
    text = pdf_text(programme_report(workspace, programme_id))
    assert "This programme has no sessions yet." in text


def test_long_cells_wrap_inside_their_column(demo_reports):
    """A question too long for its column is broken over lines, never printed over the next."""
    import io

    from pypdf import PdfReader

    lines = [line for page in PdfReader(io.BytesIO(demo_reports["programme"])).pages
             for line in (page.extract_text() or "").splitlines()]
    started = [line for line in lines if "Do we show mutual respect for each other's roles and" in line]
    assert started and all("responsibilities?" not in line for line in started)
