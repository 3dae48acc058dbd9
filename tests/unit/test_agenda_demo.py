"""The demo's Activity 5 role play: the workbook's worksheet, linked from the one-day agenda."""

from __future__ import annotations

from partnerdesk import demo, records
from partnerdesk.resources import template
from partnerdesk.store import Workspace
from partnerdesk.worksheet.demo import ROLE_PLAY_AGENDA_ITEM


def test_role_play_template_quotes_the_workbook():
    found = template("role-play")
    assert found.kind == "worksheet"
    assert found.title == "Activity 5: Partnership role play"
    assert found.instructions.startswith(
        "During this activity you will understand others perspectives in participating in a partnership.")
    assert "ensuring someone acts as scribe" in found.instructions
    assert "How do you think someone in this role would feel?" in found.instructions


def test_demo_links_the_agenda_item_to_the_role_play(demo_path):
    with Workspace.open(demo_path, read_only=True) as ws:
        workshop = next(w for w in records.all_workshops(ws) if w.title == demo.ONE_DAY_TITLE)
        exercises = records.exercises(ws, workshop.id)
        play = next(e for e in exercises if e.template == "role-play")
        assert play.title == "Activity 5: Partnership role play"
        item = next(i for i in records.agenda(ws, workshop.id) if i.title == ROLE_PLAY_AGENDA_ITEM)
        assert item.exercise_id == play.id
