"""The partnerships a workshop's scenario worksheets name, for the quadrant board's "From the
scenarios" list.

Transitional: the worksheet kind lives in `partnerdesk/worksheet/`; this module stays only
because the quadrant board still imports `scenario_partnerships` from here. Kinds never import
each other (import-linter), so it reads the scenario's settings JSON itself (the format is
`partnerdesk.worksheet.values`'s). Delete it once the quadrant board reads the scenarios itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnerdesk import records

if TYPE_CHECKING:
    from partnerdesk.store import Workspace

SCENARIO_TEMPLATE = "partnership-scenario"


@dataclass(frozen=True)
class ScenarioPartnership:
    """A partnership named in Step 1 of a group's partnership scenario."""

    name: str
    background: str


def _notes(settings_json: str, section_key: str) -> str:
    try:
        settings = json.loads(settings_json or "{}")
    except ValueError:
        return ""
    answers = settings.get("answers") if isinstance(settings, dict) else None
    answer = answers.get(section_key) if isinstance(answers, dict) else None
    notes = answer.get("notes") if isinstance(answer, dict) else None
    return notes if isinstance(notes, str) else ""


def scenario_partnerships(ws: Workspace, workshop_id: str) -> list[ScenarioPartnership]:
    """The partnerships the workshop's scenario worksheets name (Step 1's first line), with
    Step 2's background; each name once, in the worksheets' order."""
    found: dict[str, ScenarioPartnership] = {}
    for exercise in records.exercises(ws, workshop_id):
        if exercise.template != SCENARIO_TEMPLATE:
            continue
        lines = [line.strip() for line in _notes(exercise.settings, "step-1").splitlines() if line.strip()]
        if lines:
            name = lines[0]
            found.setdefault(name.casefold(), ScenarioPartnership(name, _notes(exercise.settings, "step-2").strip()))
    return list(found.values())
