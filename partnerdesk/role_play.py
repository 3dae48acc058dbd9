"""The workbook's Activity 5 role play: run from its instructions, and linked from the demo agenda."""

from __future__ import annotations

from partnerdesk.resources import template
from partnerdesk.store import Workspace

TEMPLATE_ID = "activity5_role_play"
#: The sample programme's session in which the workbook places Activity 5.
AGENDA_ITEM_TITLE = "Influencing and Negotiation"


def add_demo(ws: Workspace, ids) -> None:
    """Add the role play to the one-day workshop and link its agenda item to it, so running the
    demo agenda opens an exercise (and its instructions show on the projector)."""
    found = template(TEMPLATE_ID)
    workshop_id = ids.one_day_workshop_id
    exercise_id = ws.insert("exercises", {
        "workshop_id": workshop_id, "kind": found.kind, "template": found.id,
        "title": found.title, "settings": "{}", "position": 50.0,
    })
    for row in ws.rows("agenda_items", {"workshop_id": workshop_id}):
        if row["title"] == AGENDA_ITEM_TITLE:
            ws.update("agenda_items", row["id"], {"exercise_id": exercise_id})
