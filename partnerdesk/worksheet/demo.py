"""Demo worksheets: a group's partnership scenario and Activity 5 on the one-day workshop, and
where the Cornwall partnership sees itself on the life cycle halfway through the programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk.resources import template
from partnerdesk.worksheet import KIND
from partnerdesk.worksheet.operations import set_item, set_notes
from partnerdesk.worksheet.values import SCENARIO_TEMPLATE, TICKED

if TYPE_CHECKING:
    from partnerdesk.demo import DemoIds
    from partnerdesk.store import Workspace

#: The sample programme's session in which the workbook runs Activity 5 (the demo links it).
ROLE_PLAY_AGENDA_ITEM = "Influencing and Negotiation"


def _add_worksheet(ws: Workspace, workshop_id: str, template_id: str, position: float,
                   group_id: str | None = None) -> str:
    found = template(template_id)
    return ws.insert("exercises", {"workshop_id": workshop_id, "group_id": group_id, "kind": KIND,
                                   "template": found.id, "title": found.title, "settings": "{}",
                                   "position": position})


def add_demo(ws: Workspace, ids: DemoIds) -> None:
    scenario_id = _add_worksheet(ws, ids.one_day_workshop_id, SCENARIO_TEMPLATE, 1,
                                 ids.group_ids.get("Teenage Pregnancy team"))
    for key, notes in (
        ("step-1", "Cornwall Teenage Pregnancy Partnership"),
        ("step-2", "Set up to halve under-18 conceptions by 2010 and support young parents back "
                   "into education, training and work."),
        ("step-3", "PCT sexual health services, Cornwall Council youth service and schools, "
                   "Connexions, voluntary sector young people's projects."),
        ("step-5", "Different data and targets in each organisation; rural access to clinics; "
                   "short-term funding."),
    ):
        set_notes(ws, scenario_id, key, notes)

    # Activity 5, where the sample programme runs it: the agenda item opens the role play.
    role_play_id = _add_worksheet(ws, ids.one_day_workshop_id, "role-play", 2)
    for row in ws.rows("agenda_items", {"workshop_id": ids.one_day_workshop_id}):
        if row["title"] == ROLE_PLAY_AGENDA_ITEM:
            ws.update("agenda_items", row["id"], {"exercise_id": role_play_id})

    life_cycle_id = _add_worksheet(ws, ids.session_ids[3], "partnership-life-cycle", 1)
    for section_key, indexes in (("frustration", (1, 4)), ("functioning", (0, 2, 3))):
        for index in indexes:
            set_item(ws, life_cycle_id, section_key, index, TICKED)
    set_notes(ws, life_cycle_id, "functioning",
              "The three groups now report back as one programme; managers and staff side plan "
              "the next session together.")
