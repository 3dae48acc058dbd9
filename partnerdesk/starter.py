"""A ready-to-run start: the workbook's one-day sample programme with its exercises in place."""

from __future__ import annotations

from datetime import date

from partnerdesk.changes import operation
from partnerdesk.demo import ONE_DAY_TITLE, SAMPLE_PROGRAMME
from partnerdesk.exercises import add_exercise, menu_sections
from partnerdesk.store import Workspace


@operation
def add_sample_programme(ws: Workspace, on: date | None = None) -> str:
    """A programme with one workshop: the workbook's sample agenda (09.30 Registration … 16.00
    Close), each session's exercises added in workbook order and the first linked to its agenda
    item, so the agenda runner opens it when the item starts. Returns the workshop's id."""
    programme_id = ws.insert("programmes", {
        "title": ONE_DAY_TITLE,
        "description": "The Collaborative Working workbook's one-day workshop, ready to run.",
    })
    workshop_id = ws.insert("workshops", {
        "programme_id": programme_id,
        "title": ONE_DAY_TITLE,
        "date": (on or date.today()).isoformat(),
    })
    exercises_at: dict[str, list[str]] = {}
    for section in menu_sections():
        if section.agenda_start:
            for found in section.templates:
                exercise_id = add_exercise(ws, workshop_id, found.id).value
                exercises_at.setdefault(section.agenda_start, []).append(exercise_id)
    for position, (start, minutes, title, notes) in enumerate(SAMPLE_PROGRAMME, start=1):
        linked = exercises_at.get(start, [None])[0]
        ws.insert("agenda_items", {
            "workshop_id": workshop_id, "position": position, "start_time": start,
            "duration_minutes": minutes, "title": title, "notes": notes, "exercise_id": linked,
        })
    return workshop_id
