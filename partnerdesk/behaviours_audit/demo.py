"""Demo audit rounds on the Cornwall programme: the East Midlands case's 6.02 baseline and its repeat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from partnerdesk import records
from partnerdesk.behaviours_audit import KIND, operations, values
from partnerdesk.store import Workspace

if TYPE_CHECKING:
    from partnerdesk.demo import DemoIds

RESPONSES = 10
# Question means (tenths, so ten whole-number answers hit them exactly). Baseline: 6.02 overall,
# "walk in each other's shoes" 4.6 and "shared values" 5.8 the two lowest, as in the case.
BASELINE = (5.8, 4.6, 6.3, 6.0, 6.1, 6.2, 6.4, 6.3, 6.2, 6.3)
# The repeat after the work: 8.61 overall, 2.59 higher; walking in each other's shoes moved most.
REPEAT = (8.6, 7.9, 8.7, 8.7, 8.7, 8.7, 8.7, 8.7, 8.7, 8.7)
SPREAD = (-2, 1, 0, -1, 2, 0, 1, -1, 0, 0)
COMMENTS = {
    0: ["We say the same words but mean different things by them.",
        "Values are agreed on paper; less so in practice."],
    1: ["Management rarely see the pressures on staff side colleagues, and vice versa.",
        "We defend our own corner before we try to understand the other side."],
    3: ["Too many meetings end with the problem restated rather than solved."],
}
REPEAT_COMMENTS = {
    1: ["The shoes exercise changed how we listen to each other."],
    0: ["Working on our purpose together showed we want the same things."],
}


def scores_for(mean: float, question_index: int, count: int = RESPONSES) -> list[int]:
    """`count` whole-number scores from 0 to 10 whose mean is exactly `mean` (to a tenth)."""
    total = round(mean * count)
    base = total // count
    values = [min(10, max(0, base + SPREAD[(question_index + i) % len(SPREAD)])) for i in range(count)]
    step = 0
    while sum(values) != total:
        i = step % count
        if sum(values) < total and values[i] < 10:
            values[i] += 1
        elif sum(values) > total and values[i] > 0:
            values[i] -= 1
        step += 1
    return values


def add_round(ws: Workspace, workshop_id: str, means: Sequence[float], comments: dict[int, list[str]],
              title: str) -> str:
    workshop = records.workshop(ws, workshop_id)
    exercise_id = ws.insert("exercises", {
        "workshop_id": workshop_id, "kind": KIND, "template": values.DEFAULT_TEMPLATE, "title": title,
        "settings": json.dumps({}), "position": records.next_position(ws, "exercises", {"workshop_id": workshop_id}),
    })
    round_id = operations.set_up_round(ws, exercise_id).value
    questions = values.question_set(ws, values.audit_round(ws, round_id).set_id).questions
    columns = [scores_for(mean, i) for i, mean in enumerate(means)]
    for person in range(RESPONSES):
        answers = {}
        for i, q in enumerate(questions):
            notes = comments.get(i, [])
            comment = notes[person] if person < len(notes) else ""
            answers[q.id] = (columns[i][person], comment)
        operations.add_response(ws, round_id, answers, day=workshop.date or None)
    return round_id


def add_demo(ws: Workspace, ids: DemoIds) -> None:
    add_round(ws, ids.session_ids[0], BASELINE, COMMENTS, "Partnership behaviours audit: baseline")
    add_round(ws, ids.session_ids[-1], REPEAT, REPEAT_COMMENTS, "Partnership behaviours audit: repeated")
