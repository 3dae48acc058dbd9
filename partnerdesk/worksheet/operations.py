"""Every edit of a worksheet, as an operation: a group's notes on a step, an item ticked or rated.

The pure `with_notes`/`with_item` rewrite an exercise's settings JSON (other settings are
kept, an emptied section drops out); the operations apply them to the store in one transaction
with every rule: the exercise must be a worksheet, the section and item must exist, a value must
be on the template's scale, and notes are cleaned of what no page or screen can show.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from partnerdesk import records
from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import clean_text
from partnerdesk.worksheet import KIND
from partnerdesk.worksheet.values import Worksheet, read_answers, worksheet_of

if TYPE_CHECKING:
    from partnerdesk.store import Workspace


# -- the settings JSON ------------------------------------------------------------------------


def with_notes(settings_json: str, section_key: str, notes: str) -> str:
    """New settings JSON with one section's notes replaced; other settings are kept."""
    return _with(settings_json, section_key, lambda answer: answer.__setitem__("notes", notes))


def with_item(worksheet: Worksheet, settings_json: str, section_key: str, index: int, value: str) -> str:
    """New settings JSON with one item set to a scale label, TICKED, or "" to clear it.

    KeyError for a section the worksheet does not have; ValueError for an item or a value it
    does not have."""
    section = worksheet.section(section_key)
    if not 0 <= index < len(section.items):
        raise ValueError(f"section {section_key!r} has no item {index}")
    allowed = worksheet.allowed_values
    if value and value not in allowed:
        raise ValueError(f"{value!r} is not one of {sorted(allowed)}")

    def change(answer: dict[str, Any]) -> None:
        items = answer.setdefault("items", {})
        if value:
            items[str(index)] = value
        else:
            items.pop(str(index), None)

    return _with(settings_json, section_key, change)


def _with(settings_json: str, section_key: str, change: Callable[[dict[str, Any]], None]) -> str:
    try:
        settings = json.loads(settings_json or "{}")
    except ValueError:
        settings = {}
    if not isinstance(settings, dict):
        settings = {}
    answers = read_answers(json.dumps(settings))
    answer = answers.setdefault(section_key, {"notes": "", "items": {}})
    change(answer)
    if not answer["notes"] and not answer["items"]:
        answers.pop(section_key)
    settings["answers"] = answers
    return json.dumps(settings, ensure_ascii=False, sort_keys=True)


# -- operations -------------------------------------------------------------------------------


def _worksheet_exercise(ws: Workspace, exercise_id: str) -> tuple[records.Exercise, Worksheet]:
    found = records.exercise(ws, exercise_id)
    if found is None or found.kind != KIND:
        raise InvalidValue("This worksheet is no longer in the workspace.")
    try:
        return found, worksheet_of(found)
    except KeyError:
        raise InvalidValue(f"The worksheet's template “{found.template}” is missing.") from None


def _store(ws: Workspace, exercise: records.Exercise, settings_json: str) -> None:
    # Nothing written when nothing changed: no empty step on the Edit menu.
    if settings_json != exercise.settings:
        ws.update("exercises", exercise.id, {"settings": settings_json})


@operation
def set_notes(ws: Workspace, exercise_id: str, section_key: str, notes: str) -> str:
    """The group's notes on one step; returns the notes as kept (cleaned)."""
    exercise, worksheet = _worksheet_exercise(ws, exercise_id)
    try:
        worksheet.section(section_key)
    except KeyError:
        raise InvalidValue(f"This worksheet has no section “{section_key}”.") from None
    kept = clean_text(notes)
    _store(ws, exercise, with_notes(exercise.settings, section_key, kept))
    return kept


@operation
def set_item(ws: Workspace, exercise_id: str, section_key: str, index: int, value: str) -> None:
    """Tick an item, rate it on the template's scale, or clear it ("")."""
    exercise, worksheet = _worksheet_exercise(ws, exercise_id)
    try:
        settings = with_item(worksheet, exercise.settings, section_key, index, value)
    except KeyError:
        raise InvalidValue(f"This worksheet has no section “{section_key}”.") from None
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None
    _store(ws, exercise, settings)
