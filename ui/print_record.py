"""File ▸ Print…: the selected workshop's or programme's report, the selected board or wall, or
what the kinds offer through their `export.print_sets` hook (the learning logs: one participant's,
or every attendee's), printed from the same PDFs as the files through `ui.printing` (the
system's print dialog with a preview)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from partnerdesk import records
from partnerdesk.errors import StorageError
from ui.dialogs import Dialogs
from ui.report_export import ReportTarget, report_bytes, report_target

if TYPE_CHECKING:
    from partnerdesk.store import Workspace
    from ui.navigator import NodeKey


def selected_target(ws: Workspace, key: NodeKey | None) -> ReportTarget | None:
    """What the selection is part of (as File ▸ Workshop report… reads it), titled for people."""
    target = report_target(ws, key)
    if target is None:
        return None
    return target._replace(title=target.title or f"Untitled {target.kind}")


@dataclass
class PrintChoice:
    """One line of File ▸ Print…'s list: what it prints, as PDFs made when printed."""

    label: str
    title: str
    sources: list[Callable[[], bytes]] = field(default_factory=list)
    #: For "one participant's log": (name, source) to choose from before printing.
    people: list[tuple[str, Callable[[], bytes]]] = field(default_factory=list)
    question: str = ""


def _report_choice(ws: Workspace, target: ReportTarget) -> PrintChoice:
    return PrintChoice(f"The {target.kind} report: {target.title}", f"{target.title} report",
                       [lambda: report_bytes(ws, target)])


def _drawing_choice(ws: Workspace, key: NodeKey | None) -> PrintChoice | None:
    from partnerdesk.export_all.drawings import drawings_pdf, exercise_drawings, has_drawings

    exercise = records.exercise(ws, key.id) if key is not None and key.kind == "exercise" else None
    if exercise is None or not has_drawings(exercise):
        return None
    workshop = records.workshop(ws, exercise.workshop_id)
    title = exercise.title or "Untitled exercise"

    def make() -> bytes:
        return drawings_pdf(title, workshop.title if workshop else "", exercise_drawings(ws, exercise))

    return PrintChoice(f"This exercise's drawing: {title}", title, [make])


def _kind_choices(ws: Workspace, target: ReportTarget) -> list[PrintChoice]:
    """What the kinds offer (the learning logs, for their owners), through their own hooks."""
    from partnerdesk.export_all.print_sets import kind_print_sets

    choices = []
    for found in kind_print_sets(ws, target.kind, target.id):
        makers = [make for _, make in found.documents]
        if found.pick_one:
            choices.append(PrintChoice(found.label, found.title, people=list(found.documents),
                                       question=found.pick_one))
        else:
            choices.append(PrintChoice(found.label, f"{found.title}: {target.title}", makers))
    return choices


def print_choices(ws: Workspace, key: NodeKey | None) -> list[PrintChoice]:
    """What File ▸ Print… offers for the selection, report first."""
    target = selected_target(ws, key)
    if target is None:
        return []
    choices = [_report_choice(ws, target)]
    drawing = _drawing_choice(ws, key)
    if drawing is not None:
        choices.append(drawing)
    return choices + _kind_choices(ws, target)


def print_dialog(window: QMainWindow) -> bool:
    """Ask what to print, then show the print dialog with its preview; True when printed."""
    from ui import printing  # PDFium and ReportLab load when something is printed

    ws = window.document.workspace
    choices = print_choices(ws, window.current_key())
    if not choices:
        Dialogs.information(window, "Print", "Select a workshop, a programme, or one of their "
                                             "exercises on the left first.")
        return False
    index = Dialogs.choose(window, "Print", "What would you like to print?", [c.label for c in choices])
    if index is None:
        return False
    choice = choices[index]
    sources, title = choice.sources, choice.title
    if choice.people:
        names = [name for name, _ in choice.people]
        person = Dialogs.choose(window, "Print", choice.question or "Which one?", names)
        if person is None:
            return False
        sources, title = [choice.people[person][1]], f"{choice.title}: {names[person]}"
    try:
        return printing.print_pdfs(window, title, sources,
                                   label=f"Preparing {len(sources)} documents to print…")
    except (StorageError, OSError, ValueError) as exc:
        reason = exc.user_message if isinstance(exc, StorageError) else str(exc)
        Dialogs.error(window, "Not printed", f"The pages could not be prepared for printing.\n\n{reason}")
        return False


def install(window: QMainWindow) -> QAction:
    """Add File ▸ Print… (Ctrl+P) before the File menu's last separator."""
    action = QAction("&Print…", window)
    action.setObjectName("print_action")
    action.setShortcut(QKeySequence.Print)
    action.triggered.connect(lambda _=False: print_dialog(window))
    menu = window.file_menu
    menu.insertAction(window.quit_action, action)
    window.print_action = action
    return action
