"""Learning logs as values: one per participant per workshop attended, and what goes on paper.

This package is the only place that reads or writes the logs table: a log is confidential to
its participant, printed only for them, and part of no other export or report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NewType

from partnerdesk import records
from partnerdesk.records import ParticipantId, WorkshopId
from partnerdesk.resources import Template, template
from partnerdesk.store import Workspace

LearningLogId = NewType("LearningLogId", str)

#: The table keeps its first name (schema version 4), so no file needs a migration.
TABLE = "learning_logs"
TEMPLATE_ID = "learning-log"
#: The learning cycle's four steps, in the workbook's order.
STEPS = ("experience", "reflect", "conclude", "plan")
#: Every column a participant writes in.
FIELDS = (*STEPS, "notes")


@dataclass(frozen=True)
class LearningLog:
    id: LearningLogId
    participant_id: ParticipantId
    workshop_id: WorkshopId
    experience: str = ""
    reflect: str = ""
    conclude: str = ""
    plan: str = ""
    notes: str = ""

    def text(self, column: str) -> str:
        if column not in FIELDS:
            raise KeyError(column)
        return getattr(self, column)

    @property
    def is_empty(self) -> bool:
        return not any(self.text(c).strip() for c in FIELDS)


def _log(row: dict[str, Any]) -> LearningLog:
    return LearningLog(**{k: row[k] for k in ("id", "participant_id", "workshop_id", *FIELDS)})


# -- reading ----------------------------------------------------------------------------------


def log_with_id(ws: Workspace, log_id: str) -> LearningLog | None:
    row = ws.get(TABLE, log_id)
    return _log(row) if row is not None else None


def log_for(ws: Workspace, participant_id: str, workshop_id: str) -> LearningLog | None:
    rows = ws.rows(TABLE, {"participant_id": participant_id, "workshop_id": workshop_id})
    return _log(rows[0]) if rows else None


def logs_of_workshop(ws: Workspace, workshop_id: str) -> dict[str, LearningLog]:
    """The workshop's logs by participant id."""
    return {r["participant_id"]: _log(r) for r in ws.rows(TABLE, {"workshop_id": workshop_id})}


def logs_of_participant(ws: Workspace, participant_id: str) -> dict[str, LearningLog]:
    """A participant's logs by workshop id."""
    return {r["workshop_id"]: _log(r) for r in ws.rows(TABLE, {"participant_id": participant_id})}


# -- what goes on paper ---------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopPage:
    """One workshop attended, as printed: its details and what the participant wrote."""

    title: str
    date: str  # as printed, e.g. "14 October 2009"
    venue: str
    answers: dict[str, str] = field(default_factory=dict)  # step field -> text
    notes: str = ""


@dataclass(frozen=True)
class LogBook:
    """Everything one participant's learning log PDF needs, with no database behind it."""

    participant: str
    programme: str
    workshops: tuple[WorkshopPage, ...]


def printed_date(iso: str) -> str:
    """"2009-10-14" -> "14 October 2009"; anything else is printed as stored."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def log_book(ws: Workspace, participant_id: str, workshop_ids: Iterable[str] | None = None) -> LogBook:
    """A participant's log: every workshop they attended (or only those given), in date order."""
    person = records.participant(ws, participant_id)
    if person is None:
        raise KeyError(f"no participant {participant_id}")
    attended = records.workshops_attended(ws, participant_id)
    if workshop_ids is not None:
        wanted = set(workshop_ids)
        attended = [w for w in attended if w.id in wanted]
    logs = logs_of_participant(ws, participant_id)
    pages = []
    for found in attended:
        entry = logs.get(found.id)
        pages.append(
            WorkshopPage(
                title=found.title,
                date=printed_date(found.date),
                venue=found.venue,
                answers={step: entry.text(step) if entry else "" for step in STEPS},
                notes=entry.notes if entry else "",
            )
        )
    return LogBook(participant=person.name, programme=_programme_title(ws, person),
                   workshops=tuple(pages))


def _programme_title(ws: Workspace, person: records.Participant) -> str:
    if person.programme_id:
        found = records.programme(ws, person.programme_id)
        return found.title if found else ""
    # A standalone workshop's participant: the workshop is their whole programme.
    found = records.workshop(ws, person.workshop_id) if person.workshop_id else None
    return found.title if found else ""


def log_template() -> Template:
    """The standard learning log's wording (prompts, cover, notes pages)."""
    return template(TEMPLATE_ID)
