"""Personal learning logs: one per participant per workshop attended, printed only for its owner."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NewType

from partnerdesk import records
from partnerdesk.errors import WriteFailed
from partnerdesk.exports import safe_file_stem, write_atomically
from partnerdesk.records import ParticipantId, WorkshopId
from partnerdesk.resources import Template, template
from partnerdesk.store import Workspace

LearningLogId = NewType("LearningLogId", str)

TABLE = "learning_logs"
KIND = "learning_log"
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


# -- reading and writing --------------------------------------------------------------------


def log_for(ws: Workspace, participant_id: str, workshop_id: str) -> LearningLog | None:
    rows = ws.rows(TABLE, {"participant_id": participant_id, "workshop_id": workshop_id})
    return _log(rows[0]) if rows else None


def logs_of_workshop(ws: Workspace, workshop_id: str) -> dict[str, LearningLog]:
    """The workshop's logs by participant id."""
    return {r["participant_id"]: _log(r) for r in ws.rows(TABLE, {"workshop_id": workshop_id})}


def logs_of_participant(ws: Workspace, participant_id: str) -> dict[str, LearningLog]:
    """A participant's logs by workshop id."""
    return {r["workshop_id"]: _log(r) for r in ws.rows(TABLE, {"participant_id": participant_id})}


def save_log(ws: Workspace, participant_id: str, workshop_id: str, **texts: str) -> LearningLogId:
    """Write some fields of a participant's log for a workshop, creating the log if needed."""
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise KeyError(f"learning logs have no field {sorted(unknown)[0]!r}")
    if records.attendance_id(ws, workshop_id, participant_id) is None:
        raise ValueError("a learning log is kept only for a workshop the participant attended")
    existing = log_for(ws, participant_id, workshop_id)
    if existing is not None:
        if texts:
            ws.update(TABLE, existing.id, texts)
        return existing.id
    return LearningLogId(
        ws.insert(TABLE, {"participant_id": participant_id, "workshop_id": workshop_id, **texts})
    )


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


# -- choosing whom to print -----------------------------------------------------------------


@dataclass(frozen=True)
class PrintJob:
    """One PDF to write: whose log, which workshops (None: all attended), and the file name."""

    participant_id: str
    participant: str
    workshop_ids: tuple[str, ...] | None
    file_name: str


class UnknownTitleError(LookupError):
    """No programme or workshop has the title asked for."""


def _find_by_title(items, title: str, what: str):
    matches = [i for i in items if i.title == title]
    if not matches:
        folded = title.casefold().strip()
        matches = [i for i in items if i.title.casefold().strip() == folded]
    if not matches:
        known = ", ".join(sorted(f"“{i.title}”" for i in items)) or "none"
        raise UnknownTitleError(f"There is no {what} called “{title}”. The {what}s are: {known}.")
    return matches[0]


def jobs_for_workshop(ws: Workspace, workshop_id: str) -> list[PrintJob]:
    """Every attendee of a workshop, each with that workshop's page only."""
    people = records.attendees(ws, workshop_id)
    return _jobs([(p, (workshop_id,)) for p in people])


def jobs_for_programme(ws: Workspace, programme_id: str) -> list[PrintJob]:
    """Everyone who attended any of a programme's workshops, each with their whole log."""
    people = records.participants_of_programme(ws, programme_id)
    return _jobs([(p, None) for p in people if records.workshops_attended(ws, p.id)])


def jobs_for_everyone(ws: Workspace) -> list[PrintJob]:
    people = []
    for programme in records.programmes(ws):
        people += [p for p in records.participants_of_programme(ws, programme.id)
                   if records.workshops_attended(ws, p.id)]
    for found in records.workshops(ws, None):
        people += records.attendees(ws, found.id)
    return _jobs([(p, None) for p in people])


def jobs_for_title(
    ws: Workspace, programme: str | None = None, workshop: str | None = None
) -> list[PrintJob]:
    """The jobs for a programme or workshop named by title (or everyone); UnknownTitleError if none."""
    if programme is not None:
        return jobs_for_programme(ws, _find_by_title(records.programmes(ws), programme, "programme").id)
    if workshop is not None:
        return jobs_for_workshop(ws, _find_by_title(records.all_workshops(ws), workshop, "workshop").id)
    return jobs_for_everyone(ws)


def _jobs(people: list[tuple[records.Participant, tuple[str, ...] | None]]) -> list[PrintJob]:
    names = distinct_file_names([p.name for p, _ in people])
    return [PrintJob(p.id, p.name, workshops, name)
            for (p, workshops), name in zip(people, names, strict=True)]


# -- files ----------------------------------------------------------------------------------

def distinct_file_names(names: list[str], prefix: str = "Learning log - ", suffix: str = ".pdf") -> list[str]:
    """One safe file name per name; same names (ignoring case) get (2), (3)…"""
    seen: set[str] = set()
    result = []
    for name in names:
        stem = f"{prefix}{safe_file_stem(name)}"
        candidate, n = stem, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem} ({n})"
        seen.add(candidate.casefold())
        result.append(candidate + suffix)
    return result


def log_template() -> Template:
    return template(TEMPLATE_ID)


def write_pdfs(
    ws: Workspace,
    jobs: list[PrintJob],
    folder: Path | str,
    *,
    letter: bool = False,
    fillable: bool = False,
    progress: Callable[[int, PrintJob], bool] | None = None,
) -> list[Path]:
    """Render each job's log to `folder`; `progress(done, job)` returning False stops early."""
    from partnerdesk.log_pdf import render_learning_log

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"The folder could not be created: {exc.strerror}.", folder) from exc
    written = []
    for done, job in enumerate(jobs):
        if progress is not None and not progress(done, job):
            break
        book = log_book(ws, job.participant_id, job.workshop_ids)
        data = render_learning_log(book, log_template(), letter=letter, fillable=fillable)
        written.append(write_atomically(folder / job.file_name, data))
    return written
