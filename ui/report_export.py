"""File ▸ Workshop report…: the selected workshop's report, or the selected programme's, as PDF.

The report is drawn by `partnerdesk.report` and written whole or not at all; a failure is told
the same way as every other export's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from partnerdesk import records
from partnerdesk.atomic_files import safe_file_stem, write_atomically
from partnerdesk.errors import StorageError

if TYPE_CHECKING:
    from partnerdesk.store import Workspace
    from ui.navigator import NodeKey

PDF_FILTER = "PDF files (*.pdf)"
WHAT = "Workshop report"


class ReportTarget(NamedTuple):
    kind: str  # "workshop" or "programme"
    id: str
    title: str


def report_target(ws: Workspace, key: NodeKey | None) -> ReportTarget | None:
    """What File ▸ Workshop report… reports on: the selected programme, or the workshop that is
    selected or whose exercise is; None when nothing of the kind is selected."""
    if key is None:
        return None
    if key.kind == "programme" and (programme := records.programme(ws, key.id)) is not None:
        return ReportTarget("programme", programme.id, programme.title)
    workshop_id = key.id if key.kind == "workshop" else None
    if key.kind == "exercise" and (exercise := records.exercise(ws, key.id)) is not None:
        workshop_id = exercise.workshop_id
    workshop = records.workshop(ws, workshop_id) if workshop_id else None
    return ReportTarget("workshop", workshop.id, workshop.title) if workshop else None


def report_bytes(ws: Workspace, target: ReportTarget) -> bytes:
    # ReportLab loads when the first report is made, not at the app's start.
    from partnerdesk.report import programme_report, workshop_report

    if target.kind == "programme":
        return programme_report(ws, target.id)
    return workshop_report(ws, target.id)


def save_report(parent: QWidget, ws: Workspace, key: NodeKey | None, folder: Path) -> Path | None:
    """Ask where, then write the report there; returns the file written, or None."""
    from ui.dialogs import Dialogs, report_export_failure

    target = report_target(ws, key)
    if target is None:
        Dialogs.information(parent, WHAT, "Select a workshop or a programme on the left first: the "
                                          "report is of the selected workshop, or of every session of "
                                          "the selected programme.")
        return None
    suggested = folder / f"{safe_file_stem(target.title, 'workshop')} report.pdf"
    what = "programme" if target.kind == "programme" else "workshop"
    path = Dialogs.save_path(parent, f"Save the {what} report", str(suggested), PDF_FILTER)
    if path is None:
        return None
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        write_atomically(path, report_bytes(ws, target))
    except (StorageError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        report_export_failure(parent, WHAT, exc)
        return None
    QApplication.restoreOverrideCursor()
    return path
