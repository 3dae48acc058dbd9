"""A worksheet's files for Export everything: its answers and ticks as CSV."""

from __future__ import annotations

from pathlib import Path

from partnerdesk.exports import csv_bytes, write_atomically
from partnerdesk.records import Exercise
from partnerdesk.store import Workspace
from partnerdesk.worksheet import values

HEADER = ("section", "item", "answer")


def csv_rows(ws: Workspace, exercise: Exercise) -> list[tuple[str, str, str]]:
    """Each section's items with their tick or rating, then the section's notes (item "Notes")."""
    sheet = values.worksheet_of(exercise)
    answers = values.answers_of(ws, exercise.id)
    rows = []
    for section in sheet.sections:
        for index, item in enumerate(section.items):
            rows.append((section.title, item, values.item_value(answers, section.key, index)))
        notes = values.notes_of(answers, section.key)
        if notes.strip():
            rows.append((section.title, "Notes", notes))
    return rows


def csv_exports(ws: Workspace, exercise: Exercise, folder: Path, stem: str) -> list[tuple[Path | None, str]]:
    """The worksheet's answers as CSV; (file, what it is) for the README."""
    try:
        rows = csv_rows(ws, exercise)
    except KeyError:  # its template is gone
        return [(None, "no CSV: the worksheet's template is missing")]
    path = write_atomically(folder / f"{stem}.csv", csv_bytes(HEADER, rows))
    return [(path, "the worksheet's answers: each item's tick or rating, and each section's notes")]
