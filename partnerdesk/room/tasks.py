"""What a phone can do in each task, as calls of the exercise kinds' own operations.

A task has a public state (the same for every phone, read once per change on the owner's
thread), a device's own state (from the session's memory, never from the workspace, except a
learning log, which is read for its owner only), and actions. An action checks the shape of
what the phone sent, then returns an `Edit`: the operation to apply (every rule of the edit is
in the kind's operation, exactly as on the laptop) and what to remember once it is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from partnerdesk import records
from partnerdesk.changes import Changes, Operation
from partnerdesk.errors import InvalidValue
from partnerdesk.room.session import MAX_POST_ITS_PER_DEVICE, Device, Opening, Refused
from partnerdesk.store import Workspace

#: Longest text a phone may send for one field of a learning log.
MAX_LOG_FIELD = 20_000
MAX_FIELD = 2_000


@dataclass(frozen=True)
class Edit:
    label: str
    operation: Operation
    merge_key: str | None = None
    #: Called with the applied change set, on the server's thread; returns the reply.
    done: Callable[[Changes], dict[str, Any]] = lambda changes: {}


# -- checking what a phone sent ----------------------------------------------------------------


def text_field(body: Mapping[str, Any], name: str, limit: int = MAX_FIELD, required: bool = False) -> str:
    value = body.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(f"“{name}” should be text.")
    if len(value) > limit:
        raise Refused(f"That is too long: at most {limit} characters.", 413)
    if required and not value.strip():
        raise Refused("Please write something first.")
    return value


def whole_number(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(f"“{name}” should be a whole number.")
    return value


# -- the learning log --------------------------------------------------------------------------


def _log_values():
    from partnerdesk.learning_log import values

    return values


def log_public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    values = _log_values()
    exercise = records.exercise(ws, opening.exercise_id)
    workshop = records.workshop(ws, exercise.workshop_id) if exercise else None
    tpl = values.log_template()
    people = records.attendees(ws, workshop.id) if workshop else []
    return {
        "workshop": workshop.title if workshop else "",
        "date": values.printed_date(workshop.date) if workshop else "",
        "steps": [{"field": s["field"], "heading": s["heading"], "prompt": s["prompt"]}
                  for s in tpl["steps"]],
        "notes": {"field": "notes", "heading": "NOTES", "prompt": "Anything else you want to remember."},
        # Names only, for choosing one's own: the paper sign-in sheet shows as much.
        "people": sorted(({"id": p.id, "name": p.name} for p in people), key=lambda p: p["name"].casefold()),
    }


def log_workshop(ws: Workspace, opening: Opening) -> str:
    exercise = records.exercise(ws, opening.exercise_id)
    if exercise is None:
        raise Refused("That exercise no longer exists.", 409)
    return exercise.workshop_id


def log_mine(ws: Workspace, opening: Opening, device: Device) -> dict[str, Any]:
    """The device's own log (only ever its own participant's)."""
    if device.participant_id is None:
        return {"name": None, "texts": {}}
    values = _log_values()
    person = records.participant(ws, device.participant_id)
    found = values.log_for(ws, device.participant_id, log_workshop(ws, opening))
    return {"name": person.name if person else "",
            "texts": {f: found.text(f) if found else "" for f in values.FIELDS}}


def check_attendee(ws: Workspace, opening: Opening, participant_id: str) -> None:
    if records.attendance_id(ws, log_workshop(ws, opening), participant_id) is None:
        raise Refused("That name is not on this workshop's list. Ask the facilitator to add you.", 404)


def save_log_edit(opening: Opening, device: Device, body: Mapping[str, Any], workshop_id: str) -> Edit:
    from partnerdesk.learning_log.operations import save_log

    values = _log_values()
    if device.participant_id is None:
        raise Refused("Choose your name first.", 409)
    field = body.get("field")
    if field not in values.FIELDS:
        raise Refused("A learning log has no such part.")
    text = text_field(body, "text", MAX_LOG_FIELD)
    participant_id = device.participant_id

    def write(ws: Workspace) -> Changes:
        return save_log(ws, participant_id, workshop_id, **{field: text})

    # Typing on a phone merges into one undo step per field, as typing on the laptop does; the
    # step's name says nothing about whose log it is.
    return Edit("Write a learning log from a phone", write,
                merge_key=f"room-log:{id(device)}:{opening.number}:{field}",
                done=lambda changes: {"saved": field})


def log_pdf_book(ws: Workspace, opening: Opening, device: Device):
    values = _log_values()
    if device.participant_id is None:
        raise Refused("Choose your name first.", 409)
    return values.log_book(ws, device.participant_id, [log_workshop(ws, opening)])


def render_log_pdf(book) -> bytes:
    from partnerdesk.learning_log.export import render_learning_log

    return render_learning_log(book, _log_values().log_template())


# -- the behaviours audit ----------------------------------------------------------------------


def audit_public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    from partnerdesk.behaviours_audit import values

    found = values.planned_round(ws, opening.exercise_id)
    questions = values.round_questions(ws, found).questions
    return {"title": found.title, "questions": [q.text for q in questions],
            "lowest": values.LOWEST_SCORE, "highest": values.HIGHEST_SCORE}


def audit_edit(opening: Opening, device: Device, body: Mapping[str, Any]) -> Edit:
    """One device's answers; sent again before the round closes, they replace its first ones.

    The device's previous form is held in the session's memory only; the workspace finds it by
    its content (`correct_form`), as it finds a paper form typed twice.
    """
    from partnerdesk.behaviours_audit import operations
    from partnerdesk.behaviours_audit.values import HIGHEST_SCORE, LOWEST_SCORE, clean_comment

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

    def answer(ws: Workspace) -> Changes:
        if previous is not None:
            try:
                return operations.correct_form(ws, exercise_id, previous, answers)
            except InvalidValue:
                pass  # the laptop removed it meanwhile (undo, or a correction): a new response
        return operations.answer(ws, exercise_id, answers)

    def done(changes: Changes) -> dict[str, Any]:
        device.audit_form = answers
        return {"replaced": previous is not None}

    return Edit("Add an audit response from a phone", answer, done=done)


# -- the post-it wall --------------------------------------------------------------------------


def wall_public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    from partnerdesk.post_it_wall import values

    exercise = records.exercise(ws, opening.exercise_id)
    wall = values.wall_template(exercise.template)
    settings = values.wall_settings(exercise, wall)
    state: dict[str, Any] = {
        "zones": [{"key": z.key, "label": z.label, "question": z.question, "colour": z.colour}
                  for z in wall.zones],
        "collect_hidden": settings.collect_hidden,
        "dots": settings.dots_per_participant,
    }
    if opening.task == "dots":
        order = {z.key: i for i, z in enumerate(wall.zones)}
        shown = [p for p in values.post_its(ws, opening.exercise_id) if not p.hidden]
        shown.sort(key=lambda p: (order.get(p.zone, len(order)), p.y, p.x, p.id))
        state["post_its"] = [{"id": p.id, "zone": p.zone, "text": p.text} for p in shown]
    return state


def post_it_edit(opening: Opening, device: Device, body: Mapping[str, Any]) -> Edit:
    from partnerdesk.post_it_wall import operations

    if len(device.post_its) >= MAX_POST_ITS_PER_DEVICE:
        raise Refused(f"One phone can add at most {MAX_POST_ITS_PER_DEVICE} post-its to a wall.", 429)
    zone = text_field(body, "zone", 100)
    text = text_field(body, "text", MAX_FIELD, required=True)
    author = text_field(body, "author", 200)
    exercise_id = opening.exercise_id

    def add(ws: Workspace) -> Changes:
        return operations.add_post_it(ws, exercise_id, zone, text, author)

    def done(changes: Changes) -> dict[str, Any]:
        row = changes.after("wall_notes", changes.value) or {}
        device.post_its.append({"id": changes.value, "zone": row.get("zone", zone), "text": row.get("text", "")})
        return {"id": changes.value, "hidden": bool(row.get("hidden"))}

    return Edit("Add a post-it from a phone", add, done=done)


def dot_edit(opening: Opening, device: Device, body: Mapping[str, Any], allowance: int) -> Edit:
    from partnerdesk.post_it_wall import operations
    from partnerdesk.post_it_wall.values import POST_ITS

    post_it_id = text_field(body, "post_it", 100)
    step = whole_number(body, "step")
    if step not in (1, -1):
        raise Refused("A dot is placed or taken back one at a time.")
    mine = device.dots.get(post_it_id, 0)
    if step == 1 and sum(device.dots.values()) >= allowance:
        raise Refused(f"You have placed all your {allowance} dots. Take one back to move it.", 409)
    if step == -1 and mine <= 0:
        raise Refused("You have no dot on that post-it.", 409)
    exercise_id = opening.exercise_id

    def place(ws: Workspace) -> Changes:
        row = ws.get(POST_ITS, post_it_id)
        if row is None or row["exercise_id"] != exercise_id or row["hidden"]:
            raise InvalidValue("That post-it is not on the wall.")
        return operations.add_dots(ws, [post_it_id], step)

    def done(changes: Changes) -> dict[str, Any]:
        device.dots[post_it_id] = mine + step
        if not device.dots[post_it_id]:
            del device.dots[post_it_id]
        return {"dots": device.dots}

    return Edit("Place a dot from a phone" if step == 1 else "Take back a dot from a phone", place, done=done)


def wall_mine(device: Device, public: Mapping[str, Any]) -> dict[str, Any]:
    used = sum(device.dots.values())
    return {"post_its": list(device.post_its), "dots": dict(device.dots),
            "dots_left": max(0, int(public.get("dots", 0)) - used)}


PUBLIC: dict[str, Callable[[Workspace, Opening], dict[str, Any]]] = {
    "log": log_public,
    "audit": audit_public,
    "postit": wall_public,
    "dots": wall_public,
}
