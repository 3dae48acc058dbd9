"""The behaviours audit in room mode: anonymous answers from phones, one response per phone per
round, sent again to change it until the round closes.

The phone's last answers are held on its record in the room session's memory only; the
workspace finds that response by its content (`correct_form`), as it finds a paper form typed
twice, so nothing stored links a response to a phone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerdesk.behaviours_audit import operations
from partnerdesk.behaviours_audit.values import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    clean_comment,
    planned_round,
    round_questions,
)
from partnerdesk.changes import Changes
from partnerdesk.errors import InvalidValue
from partnerdesk.room.session import Device, Opening, Refused
from partnerdesk.room.tasks import Edit, text_field
from partnerdesk.store import Workspace

TASKS = ("audit",)


def public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    found = planned_round(ws, opening.exercise_id)
    return {"title": found.title, "questions": [q.text for q in round_questions(ws, found).questions],
            "lowest": LOWEST_SCORE, "highest": HIGHEST_SCORE}


def mine(opening: Opening, device: Device, public: Mapping[str, Any]) -> dict[str, Any]:
    return {"answered": device.audit_form is not None}


def answer(opening: Opening, device: Device, body: Mapping[str, Any], public: Mapping[str, Any]) -> Edit:
    given = body.get("answers")
    if not isinstance(given, list) or not given or len(given) > 100:
        raise Refused("The answers were not understood.")
    form: list[tuple[int | None, str]] = []
    for item in given:
        if not isinstance(item, Mapping):
            raise Refused("The answers were not understood.")
        score = item.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                                  or not LOWEST_SCORE <= score <= HIGHEST_SCORE):
            raise Refused(f"A score is a whole number from {LOWEST_SCORE} to {HIGHEST_SCORE}, or no answer.")
        form.append((score, clean_comment(text_field(item, "comment"))))
    answers = tuple(form)
    previous = device.audit_form
    exercise_id = opening.exercise_id

    def apply(ws: Workspace) -> Changes:
        if previous is not None:
            try:
                return operations.correct_form(ws, exercise_id, previous, answers)
            except InvalidValue:
                pass  # the laptop removed it meanwhile (undo, or a correction): a new response
        return operations.answer(ws, exercise_id, answers)

    def done(changes: Changes) -> dict[str, Any]:
        device.audit_form = answers
        return {"replaced": previous is not None}

    # Answers arriving together are one edit with one shuffle of the round (`operations.one_shuffle`).
    return Edit("Add an audit response from a phone", apply, done=done,
                plural="Add {n} audit responses from phones", together=operations.one_shuffle)
