"""Demo learning logs: a few Cornwall participants' reflections, session by session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk import records
from partnerdesk.learning_log import KIND
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import TEMPLATE_ID
from partnerdesk.resources import template
from partnerdesk.store import Workspace

if TYPE_CHECKING:
    from partnerdesk.demo import DemoIds

#: The agenda item each session ends with, which the logs exercise is linked to.
AGENDA_ITEM = "Session evaluation and learning log"

# What a participant might write at the end of each of the six sessions, by session number.
REFLECTIONS = {
    1: {
        "experience": "We looked at what a partnership is and at the Social Partnership Forum's "
                      "principles, in mixed groups of managers and staff side.",
        "reflect": "Partnership does not mean we stop disagreeing; it means we agree how we "
                   "will disagree. Trust and openness came up again and again.",
        "conclude": "I need to understand the staff side's constraints better before meetings, "
                    "not during them.",
        "plan": "Ask our branch secretary for a coffee before the next JNCC agenda goes out "
                "(by the end of October).",
    },
    2: {
        "experience": "The trade union perspective: a union officer talked us through how "
                      "representatives are elected and what they are accountable for.",
        "reflect": "I had not realised how little facility time our stewards have, or how "
                   "much of it goes on individual cases.",
        "conclude": "Early involvement costs less time than late conflict.",
        "plan": "Share draft policies with staff side at the first draft, not the final one.",
    },
    3: {
        "experience": "The NHS Constitution and the staff pledges, worked through with cases.",
        "reflect": "The pledges are things we can be held to, by staff and by each other.",
        "conclude": "",
        "plan": "Use the pledges as a checklist in our next change-management paper.",
    },
    4: {
        "experience": "Quality and productivity: the NHS South West framework, and how staff "
                      "can be involved in finding savings.",
        "reflect": "The best ideas in the room came from the people who do the work.",
        "conclude": "We need a shared way of testing ideas before they become proposals.",
        "plan": "Propose a joint working group for the ward-reconfiguration work in January.",
    },
    5: {
        "experience": "Skills and behaviour for effective partnership working: listening, "
                      "questioning and the partnership behaviours audit.",
        "reflect": "\"Walking in each other's shoes\" scored lowest for us too. I talk more "
                   "than I listen in meetings.",
        "conclude": "Summarise the other side's position before stating mine.",
        "plan": "Try it at the next three meetings and ask a colleague for honest feedback.",
    },
    6: {
        "experience": "Communication and conflict resolution with the React theatre group: "
                      "we replayed a difficult meeting and changed how it went.",
        "reflect": "Seeing the scene from the outside showed how quickly positions harden.",
        "conclude": "Naming the disagreement early keeps it about the issue, not the people.",
        "plan": "Agree ground rules with the partnership forum at its March meeting.",
    },
}

# Two of the one-day workshop's participants, by name, and what they wrote.
ONE_DAY_REFLECTIONS = {
    "Zoë Harding": {
        "experience": "Concepts of collaboration, the stakeholder matrix (Activity 3) in our "
                      "Community Safety Partnership group, and Pratt's purposes of partnership.",
        "reflect": "Our partnership sits in co-ordination but we talk as if it were co-evolution.",
        "conclude": "Stakeholders we placed in BE AWARE can still make or break the project.",
        "plan": "Redo the matrix with the youth service before the June board.",
        "notes": "Mobius model: mutual understanding, possibility, commitment, capability, "
                 "responsibility, acknowledgement.",
    },
    "Wang Fang (王芳)": {
        "experience": "Influencing and negotiation; the role play with a scribe (Activity 5).",
        "reflect": "As the community representative I felt how little room there was to speak.",
        "conclude": "",
        "plan": "Ask the Teenage Pregnancy team to rotate who chairs our meetings (王芳).",
    },
}

# (participant index in the programme, session numbers they wrote for).
WRITERS = ((0, None), (1, None), (2, None), (4, (1, 2, 4)), (5, (2, 3)), (10, None), (13, (1, 5, 6)))


def add_demo(ws: Workspace, ids: DemoIds) -> None:
    """A logs exercise in every workshop, and logs for several Cornwall participants."""
    found = template(TEMPLATE_ID)
    for workshop_id in [*ids.session_ids, ids.one_day_workshop_id]:
        exercise_id = ws.insert("exercises", {
            "workshop_id": workshop_id, "kind": KIND, "template": found.id, "title": found.title,
            "position": records.next_position(ws, "exercises", {"workshop_id": workshop_id}),
        })
        for item in records.agenda(ws, workshop_id):
            if item.title == AGENDA_ITEM and item.exercise_id is None:
                ws.update("agenda_items", item.id, {"exercise_id": exercise_id})
    sessions = {workshop_id: n for n, workshop_id in enumerate(ids.session_ids, start=1)}
    for index, numbers in WRITERS:
        if index >= len(ids.programme_participant_ids):
            continue
        participant_id = ids.programme_participant_ids[index]
        # Only sessions the person attended: a log belongs to a workshop they were at.
        for workshop in records.workshops_attended(ws, participant_id):
            number = sessions.get(workshop.id)
            if number is None or (numbers is not None and number not in numbers):
                continue
            save_log(ws, participant_id, workshop.id, **REFLECTIONS[number])
    for person in records.attendees(ws, ids.one_day_workshop_id):
        if person.name in ONE_DAY_REFLECTIONS:
            save_log(ws, person.id, ids.one_day_workshop_id, **ONE_DAY_REFLECTIONS[person.name])
