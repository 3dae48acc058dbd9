"""Worksheets: the workbook's step-by-step activities (partnership scenario, life cycle, Mobius…).

A worksheet template lists sections; each has a prompt for notes and, optionally, items that are
ticked or rated on the template's scale. A group's answers are kept in the exercise's
`settings` JSON as ``{"answers": {section_key: {"notes": str, "items": {item_index: value}}}}``.
Everything here is pure: it takes and returns plain values, the UI stores them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from partnerdesk.resources import Template

TICKED = "ticked"
#: The sample programme's session in which the workbook runs Activity 5 (the demo links it).
ROLE_PLAY_AGENDA_ITEM = "Influencing and Negotiation"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Worksheet:
    """A worksheet template read into typed values."""

    id: str
    title: str
    instructions: str
    sections: tuple[Section, ...]
    #: Labels an item can take; empty means items are simply ticked.
    scale: tuple[str, ...]
    reference_title: str
    reference: str

    @classmethod
    def from_template(cls, template: Template) -> Worksheet:
        sections = tuple(
            Section(
                key=raw["key"],
                title=raw["title"],
                prompt=raw.get("prompt", ""),
                items=tuple(raw.get("items", ())),
            )
            for raw in template["sections"]
        )
        keys = [s.key for s in sections]
        if len(set(keys)) != len(keys):
            raise ValueError(f"worksheet template {template.id!r} repeats a section key")
        return cls(
            id=template.id,
            title=template.title,
            instructions=template.instructions,
            sections=sections,
            scale=tuple(template.get("scale", ())),
            reference_title=template.get("reference_title", ""),
            reference=template.get("reference", ""),
        )

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


def read_answers(settings_json: str) -> dict[str, dict[str, Any]]:
    """The answers kept in an exercise's settings; anything malformed reads as empty."""
    try:
        settings = json.loads(settings_json or "{}")
    except ValueError:
        return {}
    answers = settings.get("answers") if isinstance(settings, dict) else None
    if not isinstance(answers, dict):
        return {}
    clean: dict[str, dict[str, Any]] = {}
    for key, value in answers.items():
        if not isinstance(value, dict):
            continue
        notes = value.get("notes", "")
        items = value.get("items", {})
        clean[str(key)] = {
            "notes": notes if isinstance(notes, str) else "",
            "items": {str(k): str(v) for k, v in items.items()} if isinstance(items, dict) else {},
        }
    return clean


def notes_of(answers: Mapping[str, Mapping[str, Any]], section_key: str) -> str:
    return answers.get(section_key, {}).get("notes", "")


def item_value(answers: Mapping[str, Mapping[str, Any]], section_key: str, index: int) -> str:
    """The item's value: a scale label, TICKED, or "" when not answered."""
    return answers.get(section_key, {}).get("items", {}).get(str(index), "")


def with_notes(settings_json: str, section_key: str, notes: str) -> str:
    """New settings JSON with one section's notes replaced; other settings are kept."""
    return _with(settings_json, section_key, lambda answer: answer.__setitem__("notes", notes))


def with_item(worksheet: Worksheet, settings_json: str, section_key: str, index: int, value: str) -> str:
    """New settings JSON with one item set to a scale label, TICKED, or "" to clear it."""
    section = worksheet.section(section_key)
    if not 0 <= index < len(section.items):
        raise ValueError(f"section {section_key!r} has no item {index}")
    allowed = set(worksheet.scale) if worksheet.scale else {TICKED}
    if value and value not in allowed:
        raise ValueError(f"{value!r} is not one of {sorted(allowed)}")

    def change(answer: dict[str, Any]) -> None:
        items = answer.setdefault("items", {})
        if value:
            items[str(index)] = value
        else:
            items.pop(str(index), None)

    return _with(settings_json, section_key, change)


def _with(settings_json: str, section_key: str, change) -> str:
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


def tally(worksheet: Worksheet, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Per section, how many items carry each value (ticked, or each scale label)."""
    labels = worksheet.scale or (TICKED,)
    result = {}
    for section in worksheet.sections:
        counts = dict.fromkeys(labels, 0)
        for index in range(len(section.items)):
            value = item_value(answers, section.key, index)
            if value in counts:
                counts[value] += 1
        result[section.key] = counts
    return result


def most_recognised(worksheet: Worksheet, answers: Mapping[str, Mapping[str, Any]]) -> Section | None:
    """The section whose items were ticked most (e.g. the life-cycle stage a partnership is
    in); None when nothing is ticked or the lead is shared."""
    counts = [
        (sum(1 for i in range(len(s.items)) if item_value(answers, s.key, i) == TICKED), s)
        for s in worksheet.sections
    ]
    counts.sort(key=lambda pair: pair[0], reverse=True)
    if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def answered_sections(worksheet: Worksheet, answers: Mapping[str, Mapping[str, Any]]) -> int:
    return sum(
        1 for s in worksheet.sections
        if notes_of(answers, s.key).strip() or answers.get(s.key, {}).get("items")
    )


SCENARIO_TEMPLATE = "partnership-scenario"


@dataclass(frozen=True)
class ScenarioPartnership:
    """A partnership named in Step 1 of a group's partnership scenario."""

    name: str
    background: str


def scenario_partnerships(ws, workshop_id: str) -> list[ScenarioPartnership]:
    """The partnerships the workshop's scenario worksheets name (Step 1's first line), with
    Step 2's background; each name once, in the worksheets' order."""
    from partnerdesk import records

    found: dict[str, ScenarioPartnership] = {}
    for exercise in records.exercises(ws, workshop_id):
        if exercise.template != SCENARIO_TEMPLATE:
            continue
        answers = read_answers(exercise.settings)
        lines = [line.strip() for line in notes_of(answers, "step-1").splitlines() if line.strip()]
        if lines:
            name = lines[0]
            found.setdefault(name.casefold(), ScenarioPartnership(name, notes_of(answers, "step-2").strip()))
    return list(found.values())


def add_demo(ws, ids) -> None:
    """Demo: a group's partnership scenario on the one-day workshop, and where the Cornwall
    partnership sees itself on the life cycle halfway through the programme."""
    import json as _json

    from partnerdesk.resources import template

    scenario = template("partnership-scenario")
    group_id = ids.group_ids.get("Teenage Pregnancy team")
    settings = "{}"
    for key, notes in (
        ("step-1", "Cornwall Teenage Pregnancy Partnership"),
        ("step-2", "Set up to halve under-18 conceptions by 2010 and support young parents back "
                   "into education, training and work."),
        ("step-3", "PCT sexual health services, Cornwall Council youth service and schools, "
                   "Connexions, voluntary sector young people's projects."),
        ("step-5", "Different data and targets in each organisation; rural access to clinics; "
                   "short-term funding."),
    ):
        settings = with_notes(settings, key, notes)
    ws.insert("exercises", {"workshop_id": ids.one_day_workshop_id, "group_id": group_id,
                            "kind": scenario.kind, "template": scenario.id, "title": scenario.title,
                            "settings": settings, "position": 1})

    # Activity 5, where the sample programme runs it: the agenda item opens the role play.
    role_play = template("role-play")
    role_play_id = ws.insert("exercises", {
        "workshop_id": ids.one_day_workshop_id, "kind": role_play.kind, "template": role_play.id,
        "title": role_play.title, "position": 2})
    for row in ws.rows("agenda_items", {"workshop_id": ids.one_day_workshop_id}):
        if row["title"] == ROLE_PLAY_AGENDA_ITEM:
            ws.update("agenda_items", row["id"], {"exercise_id": role_play_id})

    life_cycle = Worksheet.from_template(template("partnership-life-cycle"))
    settings = "{}"
    for section_key, indexes in (("frustration", (1, 4)), ("functioning", (0, 2, 3))):
        for index in indexes:
            settings = with_item(life_cycle, settings, section_key, index, TICKED)
    settings = with_notes(settings, "functioning",
                          "The three groups now report back as one programme; managers and staff "
                          "side plan the next session together.")
    ws.insert("exercises", {"workshop_id": ids.session_ids[3], "kind": "worksheet",
                            "template": life_cycle.id, "title": life_cycle.title,
                            "settings": _json.dumps(_json.loads(settings)), "position": 1})
