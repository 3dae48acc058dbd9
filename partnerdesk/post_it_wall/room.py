"""The post-it wall in room mode: post-its from phones, then dots within each phone's allowance.

Post-its are anonymous unless the phone types a name, and arrive hidden when the wall collects
hidden. Phones never read a hidden post-it: the dots page lists only those showing. What a
phone added and the dots it placed are held in the room session's memory for this opening.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerdesk import records
from partnerdesk.changes import Changes
from partnerdesk.errors import InvalidValue
from partnerdesk.post_it_wall import operations
from partnerdesk.post_it_wall.values import POST_ITS, post_it, post_its, wall_settings, wall_template
from partnerdesk.room.session import MAX_POST_ITS_PER_DEVICE, Device, Opening, Refused
from partnerdesk.room.tasks import MAX_FIELD, Edit, text_field, whole_number
from partnerdesk.store import Workspace

TASKS = ("postit", "dots")


def public(ws: Workspace, opening: Opening) -> dict[str, Any]:
    exercise = records.exercise(ws, opening.exercise_id)
    if exercise is None:
        raise Refused("That exercise no longer exists.", 409)
    wall = wall_template(exercise.template)
    settings = wall_settings(exercise, wall)
    state: dict[str, Any] = {
        "zones": [{"key": z.key, "label": z.label, "question": z.question, "colour": z.colour}
                  for z in wall.zones],
        "collect_hidden": settings.collect_hidden,
        "dots": settings.dots_per_participant,
    }
    if opening.task == "dots":
        order = {z.key: i for i, z in enumerate(wall.zones)}
        shown = [p for p in post_its(ws, opening.exercise_id) if not p.hidden]
        shown.sort(key=lambda p: (order.get(p.zone, len(order)), p.y, p.x, p.id))
        state["post_its"] = [{"id": p.id, "zone": p.zone, "text": p.text} for p in shown]
    return state


def mine(opening: Opening, device: Device, public: Mapping[str, Any]) -> dict[str, Any]:
    used = sum(device.dots.values())
    return {"post_its": list(device.post_its), "dots": dict(device.dots),
            "dots_left": max(0, int(public.get("dots", 0)) - used)}


def add_post_it(opening: Opening, device: Device, body: Mapping[str, Any], public: Mapping[str, Any]) -> Edit:
    if len(device.post_its) >= MAX_POST_ITS_PER_DEVICE:
        raise Refused(f"One phone can add at most {MAX_POST_ITS_PER_DEVICE} post-its to a wall.", 429)
    zone = text_field(body, "zone", 100)
    text = text_field(body, "text", MAX_FIELD, required=True)
    author = text_field(body, "author", 200)
    exercise_id = opening.exercise_id

    def add(ws: Workspace) -> Changes:
        return operations.add_post_it(ws, exercise_id, zone, text, author)

    def done(changes: Changes) -> dict[str, Any]:
        row = changes.after(POST_ITS, changes.value) or {}
        device.post_its.append({"id": changes.value, "zone": row.get("zone", zone), "text": row.get("text", "")})
        return {"id": changes.value, "hidden": bool(row.get("hidden"))}

    return Edit("Add a post-it from a phone", add, done=done, plural="Add {n} post-its from phones")


def dot(opening: Opening, device: Device, body: Mapping[str, Any], public: Mapping[str, Any]) -> Edit:
    post_it_id = text_field(body, "post_it", 100)
    step = whole_number(body, "step")
    if step not in (1, -1):
        raise Refused("A dot is placed or taken back one at a time.")
    allowance = int(public.get("dots", 0))
    placed = device.dots.get(post_it_id, 0)
    if step == 1 and sum(device.dots.values()) >= allowance:
        raise Refused(f"You have placed all your {allowance} dots. Take one back to move it.", 409)
    if step == -1 and placed <= 0:
        raise Refused("You have no dot on that post-it.", 409)
    exercise_id = opening.exercise_id

    def place(ws: Workspace) -> Changes:
        found = post_it(ws, post_it_id)
        if found is None or found.exercise_id != exercise_id or found.hidden:
            raise InvalidValue("That post-it is not on the wall.")
        return operations.add_dots(ws, [post_it_id], step)

    def done(changes: Changes) -> dict[str, Any]:
        device.dots[post_it_id] = placed + step
        if not device.dots[post_it_id]:
            del device.dots[post_it_id]
        return {"dots": dict(device.dots)}

    if step == 1:
        return Edit("Place a dot from a phone", place, done=done, plural="Place {n} dots from phones")
    return Edit("Take back a dot from a phone", place, done=done, plural="Take back {n} dots from phones")
