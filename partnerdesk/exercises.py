"""Exercises of any kind: adding one to a workshop, and the order Insert ▸ New exercise offers them.

Adding an exercise is one operation: the record, and whatever its kind sets up with it (an
audit's question set, say), so one undo takes all of it away. A kind that sets something up
gives its `operations` module a `set_up_exercise(ws, exercise_id, template)` function.
"""

from __future__ import annotations

import json
from functools import cache

from partnerdesk import records
from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue
from partnerdesk.kinds import kind_module
from partnerdesk.plain import Record
from partnerdesk.resources import Template, resource_path, templates
from partnerdesk.store import Workspace


@operation
def add_exercise(ws: Workspace, workshop_id: str, template_id: str, group_id: str | None = None) -> str:
    """Add an exercise of a template to a workshop, at the end; returns its id."""
    found = templates().get(template_id)
    if found is None:
        raise InvalidValue(f"There is no exercise template {template_id!r}.")
    if records.workshop(ws, workshop_id) is None:
        raise InvalidValue("That workshop no longer exists.")
    exercise_id = ws.insert("exercises", {
        "workshop_id": workshop_id,
        "group_id": group_id,
        "kind": found.kind,
        "template": found.id,
        "title": found.title,
        "position": records.next_position(ws, "exercises", {"workshop_id": workshop_id}),
    })
    operations = kind_module(found.kind, "operations")
    set_up = getattr(operations, "set_up_exercise", None)
    if set_up is not None:
        set_up(ws, exercise_id, found)
    return exercise_id


class MenuSection(Record):
    __slots__ = ()
    _fields = ("title", "templates", "agenda_start")
    title: str
    templates: tuple[Template, ...]
    #: The start time of the sample programme's agenda item that runs this section, if any.
    agenda_start: str

    def __new__(cls, title: str, templates: tuple[Template, ...], agenda_start: str = "") -> MenuSection:
        return tuple.__new__(cls, (title, templates, agenda_start))


@cache
def _menu_order() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    try:
        raw = json.loads(resource_path("exercise_menu.json").read_text(encoding="utf-8"))
        return tuple((s["title"], tuple(s["templates"]), s.get("agenda_start", "")) for s in raw["sections"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def menu_sections() -> list[MenuSection]:
    """The templates grouped as the workbook runs them; any other template comes last."""
    available = templates()
    placed: set[str] = set()
    sections = []
    for title, ids, agenda_start in _menu_order():
        chosen = tuple(available[i] for i in ids if i in available)
        placed.update(t.id for t in chosen)
        if chosen:
            sections.append(MenuSection(title, chosen, agenda_start))
    rest = tuple(t for t in available.values() if t.id not in placed)
    if rest:
        sections.append(MenuSection("Other exercises", rest))
    return sections
