"""Worksheet values and reads: a template's steps, and a group's answers read from the store.

A worksheet template lists sections (the steps of an activity); each has a prompt for notes and,
optionally, items that are ticked or rated on the template's scale. A group's answers are kept in
the exercise's `settings` JSON as
``{"answers": {section_key: {"notes": str, "items": {item_index: value}}}}`` — the exercise row
is the worksheet's one record, so no table of its own was ever needed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partnerdesk import records
from partnerdesk.resources import Template, template

if TYPE_CHECKING:
    from partnerdesk.store import Workspace

#: The value of a ticked item on a worksheet without a scale.
TICKED = "ticked"
#: The ten steps to building a partnership scenario; Step 1 names the partnership.
SCENARIO_TEMPLATE = "partnership-scenario"

#: A group's answers: section key -> {"notes": str, "items": {item index as text: value}}.
Answers = Mapping[str, Mapping[str, Any]]


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
    def from_template(cls, found: Template) -> Worksheet:
        sections = tuple(
            Section(
                key=raw["key"],
                title=raw["title"],
                prompt=raw.get("prompt", ""),
                items=tuple(raw.get("items", ())),
            )
            for raw in found["sections"]
        )
        keys = [s.key for s in sections]
        if len(set(keys)) != len(keys):
            raise ValueError(f"worksheet template {found.id!r} repeats a section key")
        return cls(
            id=found.id,
            title=found.title,
            instructions=found.instructions,
            sections=sections,
            scale=tuple(found.get("scale", ())),
            reference_title=found.get("reference_title", ""),
            reference=found.get("reference", ""),
        )

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def allowed_values(self) -> frozenset[str]:
        """What an item may hold besides "" (not answered): a scale label, or TICKED."""
        return frozenset(self.scale) if self.scale else frozenset({TICKED})


# -- reads ------------------------------------------------------------------------------------


def worksheet_of(exercise: records.Exercise) -> Worksheet:
    """The worksheet an exercise runs (KeyError if its template is gone)."""
    return Worksheet.from_template(template(exercise.template))


def answers_of(ws: Workspace, exercise_id: str) -> dict[str, dict[str, Any]]:
    """A worksheet exercise's answers from the store; none for a missing exercise."""
    found = records.exercise(ws, exercise_id)
    return read_answers(found.settings if found else "{}")


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


def notes_of(answers: Answers, section_key: str) -> str:
    return answers.get(section_key, {}).get("notes", "")


def item_value(answers: Answers, section_key: str, index: int) -> str:
    """The item's value: a scale label, TICKED, or "" when not answered."""
    return answers.get(section_key, {}).get("items", {}).get(str(index), "")


def tally(worksheet: Worksheet, answers: Answers) -> dict[str, dict[str, int]]:
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


def most_recognised(worksheet: Worksheet, answers: Answers) -> Section | None:
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


def answered_sections(worksheet: Worksheet, answers: Answers) -> int:
    return sum(
        1 for s in worksheet.sections
        if notes_of(answers, s.key).strip() or answers.get(s.key, {}).get("items")
    )


def summary_text(worksheet: Worksheet, answers: Answers) -> str:
    """One line for the facilitator and the room: how far the group got, and what stands out
    (the most recognised stage, or the count of each rating)."""
    done = answered_sections(worksheet, answers)
    text = f"{done} of {len(worksheet.sections)} sections answered."
    has_ticks = any(s.items for s in worksheet.sections) and not worksheet.scale
    if has_ticks:
        stage = most_recognised(worksheet, answers)
        if stage is not None:
            text += f" Most recognised: {stage.title}."
    elif worksheet.scale:
        totals = dict.fromkeys(worksheet.scale, 0)
        for counts in tally(worksheet, answers).values():
            for label, count in counts.items():
                totals[label] += count
        text += " " + ", ".join(f"{label}: {count}" for label, count in totals.items()) + "."
    return text
