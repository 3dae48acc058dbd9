"""The learning log in room mode: each participant writes their own log on their own phone.

A phone chooses its participant's name once (the session lets one phone hold a name); it then
reads and writes that participant's log for this workshop only, through `save_log`, and
downloads it as the same PDF the laptop prints. No phone reads another participant's log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerdesk import records
from partnerdesk.changes import Changes
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import FIELDS, LogBook, log_book, log_for, log_template, printed_date
from partnerdesk.room.session import Device, Opening, Refused
from partnerdesk.room.tasks import Edit, text_field
from partnerdesk.store import Workspace

TASKS = ("log",)
#: Longest text a phone may send for one part of a log.
MAX_LOG_FIELD = 20_000


def workshop_of(ws: Workspace, opening: Opening) -> str:
    exercise = records.exercise(ws, opening.exercise_id)
    if exercise is None:
        raise Refused("That exercise no longer exists.", 409)
    return exercise.workshop_id


def public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    workshop = records.workshop(ws, workshop_of(ws, opening))
    tpl = log_template()
    people = records.attendees(ws, workshop.id) if workshop else []
    return {
        "workshop": workshop.title if workshop else "",
        "date": printed_date(workshop.date) if workshop else "",
        "steps": [{"field": s["field"], "heading": s["heading"], "prompt": s["prompt"]} for s in tpl["steps"]],
        "notes": {"field": "notes", "heading": "NOTES", "prompt": "Anything else you want to remember."},
        # Names only, for choosing one's own: the paper sign-in sheet shows as much.
        "people": sorted(({"id": p.id, "name": p.name} for p in people), key=lambda p: p["name"].casefold()),
    }


def mine_stored(ws: Workspace, opening: Opening, device: Device) -> dict[str, Any]:
    """The device's own log (only ever its own participant's)."""
    if device.participant_id is None:
        return {"name": None, "texts": {}}
    person = records.participant(ws, device.participant_id)
    found = log_for(ws, device.participant_id, workshop_of(ws, opening))
    return {"name": person.name if person else "",
            "texts": {f: found.text(f) if found else "" for f in FIELDS}}


def check_attendee(ws: Workspace, opening: Opening, participant_id: str) -> None:
    if records.attendance_id(ws, workshop_of(ws, opening), participant_id) is None:
        raise Refused("That name is not on this workshop's list. Ask the facilitator to add you.", 404)


def save(opening: Opening, device: Device, body: Mapping[str, Any], public: Mapping[str, Any]) -> Edit:
    if device.participant_id is None:
        raise Refused("Choose your name first.", 409)
    field = body.get("field")
    if field not in FIELDS:
        raise Refused("A learning log has no such part.")
    text = text_field(body, "text", MAX_LOG_FIELD)
    participant_id = device.participant_id

    def write(ws: Workspace) -> Changes:
        return save_log(ws, participant_id, workshop_of(ws, opening), **{field: text})

    # Typing on a phone merges into one undo step per field, as typing on the laptop does; the
    # step's name says nothing about whose log it is.
    return Edit("Write a learning log from a phone", write,
                merge_key=f"room-log:{id(device)}:{opening.number}:{field}",
                done=lambda changes: {"saved": field})


def pdf_book(ws: Workspace, opening: Opening, device: Device) -> LogBook:
    if device.participant_id is None:
        raise Refused("Choose your name first.", 409)
    return log_book(ws, device.participant_id, [workshop_of(ws, opening)])


def render_pdf(book: LogBook) -> bytes:
    from partnerdesk.learning_log.export import render_learning_log

    return render_learning_log(book, log_template())
