"""Export everything: a workshop's or a programme's record as files in a folder the facilitator
picks — the report PDF, a CSV per exercise, attendance and agenda CSVs, board and wall images
(PNG, SVG) and PDFs, and a README.txt saying what each file is.

Learning logs are never written here: they stay with each participant. A kind adds files only
through its own `export.csv_exports(ws, exercise, folder, stem)` and `report` drawings, and the
learning log has neither. Every file is written whole or not at all (`write_atomically`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from partnerdesk import __version__, records
from partnerdesk.errors import WriteFailed
from partnerdesk.export_all.drawings import (
    drawing_png,
    drawing_svg,
    drawings_pdf,
    exercise_drawings,
)
from partnerdesk.exports import csv_bytes, safe_file_stem, write_atomically
from partnerdesk.kinds import kind_module
from partnerdesk.store import Workspace

README = "README.txt"


class ExportCancelled(Exception):
    """The facilitator stopped the export; the files written so far stay."""


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    what: str


#: progress(done, total, what) -> False to stop.
Progress = Callable[[int, int, str], bool]


class _Writer:
    """Writes the files, keeps what each is for the README, and reports progress per step."""

    def __init__(self, root: Path, progress: Progress | None, total: int):
        self.root = root
        self.progress = progress
        self.total = total
        self.done = 0
        self.files: list[ExportedFile] = []
        self.notes: list[str] = []

    def step(self, what: str) -> None:
        if self.progress is not None and not self.progress(self.done, self.total, what):
            raise ExportCancelled
        self.done += 1

    def write(self, path: Path, data: bytes, what: str) -> Path:
        write_atomically(path, data)
        self.files.append(ExportedFile(path, what))
        return path

    def add(self, path: Path, what: str) -> None:
        self.files.append(ExportedFile(path, what))


def _folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"The folder could not be created: {exc.strerror or exc}.", path) from exc
    return path


def _unique(stem: str, used: set[str]) -> str:
    candidate, n = stem, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem} ({n})"
    used.add(candidate.casefold())
    return candidate


# -- the tables every workshop has ---------------------------------------------------------------


def attendance_csv(ws: Workspace, workshop_id: str) -> bytes:
    people = records.attendees(ws, workshop_id)
    return csv_bytes(("name", "organisation", "role", "side"),
                     [(p.name, p.organisation, p.role, p.side) for p in people])


def programme_attendance_csv(ws: Workspace, programme_id: str) -> bytes:
    """Everyone in the programme, with a column per session ("yes" where they attended) and a
    total; the last row counts each session's attendance."""
    sessions = records.workshops(ws, programme_id)
    present = {s.id: records.attendee_ids(ws, s.id) for s in sessions}
    header = ("name", "organisation", "role", "side",
              *(s.title or f"Session {n}" for n, s in enumerate(sessions, start=1)), "sessions attended")
    rows = []
    for person in records.participants_of_programme(ws, programme_id):
        marks = ["yes" if person.id in present[s.id] else "" for s in sessions]
        rows.append((person.name, person.organisation, person.role, person.side, *marks,
                     sum(1 for m in marks if m)))
    rows.append(("Total", "", "", "", *(len(present[s.id]) for s in sessions), ""))
    return csv_bytes(header, rows)


def agenda_csv(ws: Workspace, workshop_id: str) -> bytes:
    exercises = {e.id: e.title for e in records.exercises(ws, workshop_id)}
    rows = [(i.start_time, i.duration_minutes, i.title, exercises.get(i.exercise_id or "", ""),
             i.actual_start or "", i.notes) for i in records.agenda(ws, workshop_id)]
    return csv_bytes(("planned start", "minutes", "title", "exercise", "actually started", "notes"), rows)


# -- exercises -------------------------------------------------------------------------------------


def _exercise_files(ws: Workspace, exercise: records.Exercise, folder: Path, number: int,
                    writer: _Writer) -> None:
    stem = f"{number:02d} {safe_file_stem(exercise.title, 'exercise')}"
    export = kind_module(exercise.kind, "export")
    hook = getattr(export, "csv_exports", None) if export is not None else None
    if hook is not None:
        for path, what in hook(ws, exercise, folder, stem):
            if path is None:
                writer.notes.append(f"{exercise.title}: {what}.")
            else:
                writer.add(path, f"{exercise.title}: {what}.")
    drawings = exercise_drawings(ws, exercise)
    if not drawings:
        return
    workshop = records.workshop(ws, exercise.workshop_id)
    subtitle = workshop.title if workshop else ""
    writer.write(folder / f"{stem}.pdf", drawings_pdf(exercise.title, subtitle, drawings),
                 f"{exercise.title}: the drawing{'s' if len(drawings) > 1 else ''} as PDF, "
                 "one per page")
    used: set[str] = set()
    for named in drawings:
        name = _unique(f"{stem} - {safe_file_stem(named.name)}" if named.name else stem, used)
        label = f"{exercise.title}{f' ({named.name})' if named.name else ''}"
        writer.write(folder / f"{name}.svg", drawing_svg(named.drawing), f"{label}: the drawing as SVG")
        writer.write(folder / f"{name}.png", drawing_png(named.drawing), f"{label}: the drawing as PNG")


def _workshop_files(ws: Workspace, workshop: records.Workshop, folder: Path, writer: _Writer,
                    with_report: bool) -> None:
    title = workshop.title or "Untitled workshop"
    if with_report:
        from partnerdesk.report import workshop_report

        writer.step(f"the report of {title}")
        writer.write(folder / f"{safe_file_stem(title, 'workshop')} report.pdf",
                     workshop_report(ws, workshop.id), f"The report of {title} (PDF).")
    writer.step(f"the attendance and agenda of {title}")
    writer.write(folder / "Attendance.csv", attendance_csv(ws, workshop.id),
                 f"Who attended {title}: name, organisation, role and side.")
    writer.write(folder / "Agenda.csv", agenda_csv(ws, workshop.id),
                 f"The agenda of {title}: planned start, minutes, title, exercise, and when each "
                 "item actually started.")
    for number, exercise in enumerate(records.exercises(ws, workshop.id), start=1):
        writer.step(exercise.title)
        _exercise_files(ws, exercise, folder, number, writer)


def _steps(ws: Workspace, workshop_ids: list[str]) -> int:
    return sum(2 + len(records.exercises(ws, w)) for w in workshop_ids)


def _write_readme(writer: _Writer, heading: str) -> None:
    lines = [heading, "=" * len(heading), "",
             f"Exported by PartnerDesk {__version__}. What each file is:", ""]
    for found in writer.files:
        lines.append(f"{found.path.relative_to(writer.root).as_posix()}")
        lines.append(f"    {found.what}")
    if writer.notes:
        lines += ["", "Not exported:"]
        lines += [f"- {note}" for note in writer.notes]
    lines += ["", "Learning logs are not in this folder: each is confidential to its participant "
                  "and printed only for them.",
              "CSV files are UTF-8 and open in any spreadsheet. Anonymous post-its and audit "
              "answers carry no names.", ""]
    path = writer.root / README
    write_atomically(path, "\r\n".join(lines).encode("utf-8-sig"))
    writer.files.append(ExportedFile(path, "This file."))


def export_workshop(ws: Workspace, workshop_id: str, folder: Path | str,
                    progress: Progress | None = None) -> list[ExportedFile]:
    """Write the workshop's record into `folder` (created if needed); returns the files."""
    workshop = records.workshop(ws, workshop_id)
    if workshop is None:
        raise KeyError(workshop_id)
    root = _folder(Path(folder))
    writer = _Writer(root, progress, _steps(ws, [workshop_id]) + 1)
    _workshop_files(ws, workshop, root, writer, with_report=True)
    _write_readme(writer, f"{workshop.title or 'Untitled workshop'}: everything exported")
    return writer.files


def export_programme(ws: Workspace, programme_id: str, folder: Path | str,
                     progress: Progress | None = None) -> list[ExportedFile]:
    """Write the programme's record into `folder`: the programme report and attendance across
    the sessions, then a folder per session with its own files."""
    programme = records.programme(ws, programme_id)
    if programme is None:
        raise KeyError(programme_id)
    from partnerdesk.report import programme_report

    root = _folder(Path(folder))
    sessions = records.workshops(ws, programme_id)
    writer = _Writer(root, progress, _steps(ws, [s.id for s in sessions]) + 1)
    title = programme.title or "Untitled programme"
    writer.step(f"the report of {title}")
    writer.write(root / f"{safe_file_stem(title, 'programme')} report.pdf",
                 programme_report(ws, programme_id),
                 f"The programme report of {title} (PDF), with each session's pages.")
    writer.write(root / "Attendance.csv", programme_attendance_csv(ws, programme_id),
                 "Attendance across the sessions: a column per session and a total row.")
    used: set[str] = set()
    for number, session in enumerate(sessions, start=1):
        name = _unique(f"{number:02d} {safe_file_stem(session.title, 'session')}", used)
        _workshop_files(ws, session, _folder(root / name), writer, with_report=False)
    _write_readme(writer, f"{title}: everything exported")
    return writer.files
