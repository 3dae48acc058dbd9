"""Demo quadrant boards: the workbook's Activity 3 feedback and the paper's worked examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk.quadrant_board import KIND, operations
from partnerdesk.quadrant_board.values import board_template, spread
from partnerdesk.store import Workspace

if TYPE_CHECKING:
    from partnerdesk.demo import DemoIds

# "Feedback Activity 3: Four groups using case study examples of different types of
# partnerships analysed the stakeholders as follows" (workbook). The scanned table is broken
# across columns; this is our reading of it.
ACTIVITY_3_FEEDBACK = {
    "Community Safety Partnership": {
        "INFORM": ["Police information team", "Licensing team", "Fire info team", "Health promotion"],
        "INVOLVE": ["Police", "Fire", "Public health practitioners", "Education", "Local authority"],
        "BE AWARE": ["Residents", "Legal services"],
        "KEEP ON BOARD": ["Directors of Public Health", "Councillors"],
    },
    "Local Strategic Partnership": {
        "INFORM": ["PCT", "CSP", "Environment Agency"],
        "INVOLVE": ["Local businesses", "RDA", "New Deal for Community", "Council"],
        "BE AWARE": ["School rep", "Media"],
        "KEEP ON BOARD": ["Local residents", "Housing association"],
    },
    "Drug & Alcohol Partnership": {
        "INFORM": ["Secondary care - clinical lead"],
        "INVOLVE": ["Police", "City council lead", "GP PBC", "Youth offending teams"],
        "BE AWARE": ["Health Trainers"],
        "KEEP ON BOARD": ["Inclusion teams", "Group Public health", "Service users"],
    },
    "Teenage Pregnancy team": {
        "INFORM": ["Teenagers", "Young people", "LSP", "TP Strategy", "local health services"],
        "INVOLVE": ["Looked After Children", "PCT - Family planning", "School nurses", "Health promotion",
                    "Sexual health co-ordinators", "HV", "MW"],
        "BE AWARE": [],
        "KEEP ON BOARD": ["Connexions", "Youth Workers", "Children Ctr Mgr.", "Voluntary groups"],
    },
}

# Pratt, Plamping and Gordon's worked examples: each sector shows elements of all four
# quadrants at once, so each is one partnership with four placements.
PAPER_EXAMPLES = {
    "Junior hospital staff": (
        "Hospitals, colleges of education, local authorities and health authorities",
        [("Competition", "hospitals compete for junior clinical staff"),
         ("Co-operation", "junior doctor rotas"),
         ("Co-ordination", "education consortium"),
         ("Co-evolution", "the future human resources of the NHS")],
    ),
    "Booksellers": (
        "Bookshops, the town's tourist office, Amazon and its customers",
        [("Competition", "bookshops compete for customers"),
         ("Co-operation", "a map showing all the bookshops in the town"),
         ("Co-ordination", "the Hay-on-Wye Book Festival"),
         ("Co-evolution", "Amazon and its community of readers")],
    ),
}

# The programme's sessions where the forum placed its own partnership, and where: from
# co-ordinating pre-set objectives towards co-evolving (the paper's junior-staff example).
PROGRAMME_MOVEMENT = ((0, -0.55, -0.5), (2, -0.5, -0.1), (5, -0.55, 0.55))
PROGRAMME_PARTNERSHIP = "Junior hospital staff"


def add_demo(ws: Workspace, ids: DemoIds) -> None:
    matrix = board_template("stakeholder-matrix")
    exercise_id = ws.insert("exercises", {
        "workshop_id": ids.one_day_workshop_id, "kind": KIND, "template": matrix.id,
        "title": "Stakeholder matrix (Activity 3)", "position": 1})
    for group_name, quadrants in ACTIVITY_3_FEEDBACK.items():
        group_id = ids.group_ids.get(group_name)
        for quadrant_name, labels in quadrants.items():
            points = spread(matrix, quadrant_name, len(labels))
            for label, point in zip(labels, points, strict=True):
                operations.add_item(ws, exercise_id, group_id, label, at=point)

    purpose = board_template("purpose-of-partnership")
    exercise_id = ws.insert("exercises", {
        "workshop_id": ids.one_day_workshop_id, "kind": KIND, "template": purpose.id,
        "title": "Purpose of partnership", "position": 2})
    for n, (label, (partners, spots)) in enumerate(PAPER_EXAMPLES.items()):
        item_id = operations.add_item(ws, exercise_id, None, label, organisation=partners).value
        for quadrant_name, note in spots:
            x, y = spread(purpose, quadrant_name, 2)[n]
            operations.add_placement(ws, item_id, x, y, note)

    for session_index, x, y in PROGRAMME_MOVEMENT:
        if session_index >= len(ids.session_ids):
            continue
        exercise_id = ws.insert("exercises", {
            "workshop_id": ids.session_ids[session_index], "kind": KIND,
            "template": purpose.id, "title": "Purpose of partnership", "position": 1})
        operations.add_item(ws, exercise_id, None, PROGRAMME_PARTNERSHIP, at=(x, y),
                            organisation="Royal Cornwall Hospitals Trust and its partners")
