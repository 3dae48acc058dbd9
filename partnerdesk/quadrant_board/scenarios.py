"""The partnerships a workshop's partnership scenarios name, read straight from the store.

The purpose-of-partnership board offers them as its items. The worksheet kind owns the
scenarios, and kinds never import each other, so this reads what the workbook asks (Step 1's
first line names the partnership, Step 2 gives its background) from the exercise rows alone:
a worksheet's answers are kept in its exercise's `settings` as
`{"answers": {"step-1": {"notes": "..."}, ...}}` (docs/FILE_FORMAT.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from partnerdesk import records
from partnerdesk.store import Workspace

SCENARIO_TEMPLATE = "partnership-scenario"


@dataclass(frozen=True)
class ScenarioPartnership:
    """A partnership named in Step 1 of a group's partnership scenario."""

    name: str
    background: str


def _notes(settings_json: str, section_key: str) -> str:
    """One section's notes from an exercise's settings; anything malformed reads as empty."""
    try:
        settings: Any = json.loads(settings_json or "{}")
    except ValueError:
        return ""
    answers = settings.get("answers") if isinstance(settings, dict) else None
    answer = answers.get(section_key) if isinstance(answers, dict) else None
    notes = answer.get("notes", "") if isinstance(answer, dict) else ""
    return notes if isinstance(notes, str) else ""


def scenario_partnerships(ws: Workspace, workshop_id: str) -> list[ScenarioPartnership]:
    """The partnerships the workshop's scenario worksheets name (Step 1's first line), with
    Step 2's background; each name once (case ignored), in the worksheets' order."""
    found: dict[str, ScenarioPartnership] = {}
    for exercise in records.exercises(ws, workshop_id):
        if exercise.template != SCENARIO_TEMPLATE:
            continue
        lines = [line.strip() for line in _notes(exercise.settings, "step-1").splitlines() if line.strip()]
        if lines:
            name = lines[0]
            found.setdefault(name.casefold(),
                             ScenarioPartnership(name, _notes(exercise.settings, "step-2").strip()))
    return list(found.values())
