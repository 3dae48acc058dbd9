"""Programmes, workshops, agenda, participants, attendance and small groups as typed values."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, NewType, TypeVar

from partnerdesk.plain import Record
from partnerdesk.store import Workspace

ProgrammeId = NewType("ProgrammeId", str)
WorkshopId = NewType("WorkshopId", str)
ParticipantId = NewType("ParticipantId", str)
AgendaItemId = NewType("AgendaItemId", str)
GroupId = NewType("GroupId", str)
ExerciseId = NewType("ExerciseId", str)

#: The sides of a partnership forum; free text is allowed too.
SIDES = ("management", "staff side", "other")

T = TypeVar("T")


def _from_row(cls: type[T], row: dict[str, Any]) -> T:
    names = cls._fields  # type: ignore[attr-defined]
    return cls(**{k: v for k, v in row.items() if k in names})


class Programme(Record):
    __slots__ = ()
    _fields = ("id", "title", "description")
    id: ProgrammeId
    title: str
    description: str

    def __new__(cls, id: ProgrammeId, title: str, description: str) -> Programme:
        return tuple.__new__(cls, (id, title, description))


class Workshop(Record):
    __slots__ = ()
    _fields = ("id", "programme_id", "title", "date", "venue")
    id: WorkshopId
    programme_id: ProgrammeId | None
    title: str
    date: str  # ISO date, "" when not set
    venue: str

    def __new__(
        cls,
        id: WorkshopId,
        programme_id: ProgrammeId | None,
        title: str,
        date: str,
        venue: str,
    ) -> Workshop:
        return tuple.__new__(cls, (id, programme_id, title, date, venue))


class AgendaItem(Record):
    __slots__ = ()
    _fields = ("id", "workshop_id", "position", "start_time", "duration_minutes", "title", "notes", "exercise_id",
               "actual_start")
    id: AgendaItemId
    workshop_id: WorkshopId
    position: float
    start_time: str  # "HH:MM"
    duration_minutes: int
    title: str
    notes: str
    exercise_id: ExerciseId | None
    #: When the facilitator last started it: ISO local wall time with offset, or None.
    actual_start: str | None

    def __new__(
        cls,
        id: AgendaItemId,
        workshop_id: WorkshopId,
        position: float,
        start_time: str,
        duration_minutes: int,
        title: str,
        notes: str,
        exercise_id: ExerciseId | None,
        actual_start: str | None = None,
    ) -> AgendaItem:
        return tuple.__new__(cls, (id, workshop_id, position, start_time, duration_minutes, title, notes, exercise_id,
                                   actual_start))


class Participant(Record):
    __slots__ = ()
    _fields = ("id", "programme_id", "workshop_id", "name", "organisation", "role", "side")
    id: ParticipantId
    programme_id: ProgrammeId | None
    workshop_id: WorkshopId | None
    name: str
    organisation: str
    role: str
    side: str

    def __new__(
        cls,
        id: ParticipantId,
        programme_id: ProgrammeId | None,
        workshop_id: WorkshopId | None,
        name: str,
        organisation: str,
        role: str,
        side: str,
    ) -> Participant:
        return tuple.__new__(cls, (id, programme_id, workshop_id, name, organisation, role, side))


class SmallGroup(Record):
    __slots__ = ()
    _fields = ("id", "workshop_id", "name", "position")
    id: GroupId
    workshop_id: WorkshopId
    name: str
    position: float

    def __new__(cls, id: GroupId, workshop_id: WorkshopId, name: str, position: float) -> SmallGroup:
        return tuple.__new__(cls, (id, workshop_id, name, position))


class Exercise(Record):
    __slots__ = ()
    _fields = ("id", "workshop_id", "group_id", "kind", "template", "title", "settings", "position")
    id: ExerciseId
    workshop_id: WorkshopId
    group_id: GroupId | None
    kind: str
    template: str
    title: str
    settings: str
    position: float

    def __new__(
        cls,
        id: ExerciseId,
        workshop_id: WorkshopId,
        group_id: GroupId | None,
        kind: str,
        template: str,
        title: str,
        settings: str,
        position: float,
    ) -> Exercise:
        return tuple.__new__(cls, (id, workshop_id, group_id, kind, template, title, settings, position))

    @property
    def settings_dict(self) -> dict[str, Any]:
        try:
            value = json.loads(self.settings or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


# -- queries ---------------------------------------------------------------------------------


def programmes(ws: Workspace) -> list[Programme]:
    return [_from_row(Programme, r) for r in ws.rows("programmes", order_by="title COLLATE NOCASE")]


def programme(ws: Workspace, programme_id: str) -> Programme | None:
    row = ws.get("programmes", programme_id)
    return _from_row(Programme, row) if row else None


def workshops(ws: Workspace, programme_id: str | None) -> list[Workshop]:
    """The workshops of a programme in date order, or the standalone ones for None."""
    rows = ws.rows("workshops", {"programme_id": programme_id}, order_by="date, title")
    return [_from_row(Workshop, r) for r in rows]


def all_workshops(ws: Workspace) -> list[Workshop]:
    return [_from_row(Workshop, r) for r in ws.rows("workshops", order_by="date, title")]


def workshop(ws: Workspace, workshop_id: str) -> Workshop | None:
    row = ws.get("workshops", workshop_id)
    return _from_row(Workshop, row) if row else None


def agenda(ws: Workspace, workshop_id: str) -> list[AgendaItem]:
    rows = ws.rows("agenda_items", {"workshop_id": workshop_id}, order_by="position")
    return [_from_row(AgendaItem, r) for r in rows]


def participants_of_programme(ws: Workspace, programme_id: str) -> list[Participant]:
    rows = ws.rows("participants", {"programme_id": programme_id}, order_by="name COLLATE NOCASE")
    return [_from_row(Participant, r) for r in rows]


def participants_for_workshop(ws: Workspace, workshop_id: str) -> list[Participant]:
    """Everyone who could attend: the programme's participants, or the workshop's own."""
    found = workshop(ws, workshop_id)
    if found is None:
        return []
    if found.programme_id:
        return participants_of_programme(ws, found.programme_id)
    rows = ws.rows("participants", {"workshop_id": workshop_id}, order_by="name COLLATE NOCASE")
    return [_from_row(Participant, r) for r in rows]


def participant(ws: Workspace, participant_id: str) -> Participant | None:
    row = ws.get("participants", participant_id)
    return _from_row(Participant, row) if row else None


def attendee_ids(ws: Workspace, workshop_id: str) -> set[str]:
    return {r["participant_id"] for r in ws.rows("attendance", {"workshop_id": workshop_id})}


def attendance_id(ws: Workspace, workshop_id: str, participant_id: str) -> str | None:
    rows = ws.rows("attendance", {"workshop_id": workshop_id, "participant_id": participant_id})
    return rows[0]["id"] if rows else None


def attendees(ws: Workspace, workshop_id: str) -> list[Participant]:
    present = attendee_ids(ws, workshop_id)
    return [p for p in participants_for_workshop(ws, workshop_id) if p.id in present]


def workshops_attended(ws: Workspace, participant_id: str) -> list[Workshop]:
    rows = ws.query(
        "SELECT w.* FROM workshops w JOIN attendance a ON a.workshop_id = w.id "
        "WHERE a.participant_id = ? ORDER BY w.date, w.title, w.rowid",
        [participant_id],
    )
    return [_from_row(Workshop, r) for r in rows]


class AttendanceTotals(Record):
    __slots__ = ()
    _fields = ("present", "invited", "by_organisation", "by_side")
    present: int
    invited: int
    by_organisation: dict[str, int]
    by_side: dict[str, int]

    def __new__(
        cls, present: int, invited: int, by_organisation: dict[str, int], by_side: dict[str, int],
    ) -> AttendanceTotals:
        return tuple.__new__(cls, (present, invited, by_organisation, by_side))


def attendance_totals(ws: Workspace, workshop_id: str) -> AttendanceTotals:
    everyone = participants_for_workshop(ws, workshop_id)
    present_ids = attendee_ids(ws, workshop_id)  # once, not once per participant
    present = [p for p in everyone if p.id in present_ids]
    organisations = Counter(p.organisation.strip() or "(no organisation)" for p in present)
    sides = Counter(p.side.strip() or "(no side)" for p in present)
    return AttendanceTotals(
        present=len(present),
        invited=len(everyone),
        by_organisation=dict(sorted(organisations.items())),
        by_side=dict(sorted(sides.items())),
    )


def small_groups(ws: Workspace, workshop_id: str) -> list[SmallGroup]:
    rows = ws.rows("small_groups", {"workshop_id": workshop_id}, order_by="position, name")
    return [_from_row(SmallGroup, r) for r in rows]


def exercises(ws: Workspace, workshop_id: str) -> list[Exercise]:
    rows = ws.rows("exercises", {"workshop_id": workshop_id}, order_by="position, title")
    return [_from_row(Exercise, r) for r in rows]


def exercise(ws: Workspace, exercise_id: str) -> Exercise | None:
    row = ws.get("exercises", exercise_id)
    return _from_row(Exercise, row) if row else None


def next_position(ws: Workspace, table: str, where: dict[str, Any]) -> float:
    """One past the largest position among siblings, so new items go to the end."""
    rows = ws.rows(table, where)
    return max((float(r["position"]) for r in rows), default=0.0) + 1.0


class UnknownTitle(LookupError):
    """No programme or workshop has the title asked for (the message lists those that do)."""


def find_by_title(items, title: str, what: str):
    """The item with `title` (exactly, else ignoring case and outer spaces), for the command
    line's `--workshop TITLE` and `--programme TITLE`; `UnknownTitle` names the ones there are."""
    matches = [i for i in items if i.title == title]
    if not matches:
        folded = title.casefold().strip()
        matches = [i for i in items if i.title.casefold().strip() == folded]
    if not matches:
        known = ", ".join(sorted(f"“{i.title}”" for i in items)) or "none"
        raise UnknownTitle(f"There is no {what} called “{title}”. The {what}s are: {known}.")
    return matches[0]
