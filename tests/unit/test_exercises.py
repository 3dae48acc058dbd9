"""Adding an exercise, and the order Insert ▸ New exercise offers them in."""

from __future__ import annotations

import pytest

from partnerdesk import records
from partnerdesk.errors import InvalidValue
from partnerdesk.exercises import add_exercise, menu_sections
from partnerdesk.resources import templates
from partnerdesk.store import Workspace


def test_the_menu_offers_every_template_once_in_the_workbooks_order():
    sections = menu_sections()
    offered = [t.id for s in sections for t in s.templates]
    assert sorted(offered) == sorted(templates())
    assert sections[0].templates[0].id == "partnership-scenario"
    titles = [s.title for s in sections]
    assert titles.index("Creating a Climate for Change") < titles.index("Session Feedback and Reflection")
    assert [t.id for t in sections[titles.index("Session Feedback and Reflection")].templates] == [
        "evaluation-wall", "learning-log"]


def test_adding_an_exercise_is_one_change_that_undo_takes_away_whole(tmp_path):
    with Workspace.open(tmp_path / "w.partnerdesk") as ws:
        workshop_id = ws.insert("workshops", {"title": "Day one"})
        changes = add_exercise(ws, workshop_id, "behaviours-audit")
        exercise = records.exercise(ws, changes.value)
        assert (exercise.kind, exercise.title) == ("behaviours_audit", "Partnership behaviours audit")
        ws.apply(changes.inverse())
        assert records.exercises(ws, workshop_id) == []
        for table in ws.tables():
            if table not in ("workshops", "workspace_info"):
                assert ws.rows(table) == [], f"{table} kept rows after undo"


def test_an_exercise_needs_a_workshop_and_a_known_template(tmp_path):
    with Workspace.open(tmp_path / "w.partnerdesk") as ws:
        workshop_id = ws.insert("workshops", {"title": "Day one"})
        with pytest.raises(InvalidValue):
            add_exercise(ws, workshop_id, "no-such-template")
        with pytest.raises(InvalidValue):
            add_exercise(ws, "no-such-workshop", "evaluation-wall")
        assert ws.rows("exercises") == []


def test_the_sample_programme_is_ready_to_run_and_one_undo_step(tmp_path):
    from datetime import date

    from partnerdesk.starter import add_sample_programme

    with Workspace.open(tmp_path / "w.partnerdesk") as ws:
        changes = add_sample_programme(ws, date(2026, 12, 7))
        workshop = records.workshop(ws, changes.value)
        assert (workshop.title, workshop.date) == ("Collaborative Working", "2026-12-07")
        agenda = records.agenda(ws, workshop.id)
        assert [(a.start_time, a.title) for a in agenda][:2] == [
            ("09:30", "Registration and Refreshment"),
            ("10:00", "Introductions, agenda, resources and partnership scenarios")]
        assert agenda[-1].title == "Close"
        linked = {a.start_time: records.exercise(ws, a.exercise_id).template for a in agenda if a.exercise_id}
        assert linked == {"10:00": "partnership-scenario", "10:10": "collaborative-experience",
                          "11:30": "stakeholder-matrix", "13:30": "mobius-model", "15:15": "evaluation-wall"}
        assert "learning-log" in [e.template for e in records.exercises(ws, workshop.id)]
        ws.apply(changes.inverse())
        assert ws.rows("programmes") == [] and ws.rows("exercises") == [] and ws.rows("agenda_items") == []
