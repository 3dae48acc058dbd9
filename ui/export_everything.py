"""File ▸ Export everything…: the selected workshop's or programme's record (`partnerdesk.
export_all`) into a new folder inside the one the facilitator picks, with a cancellable
progress dialog. Learning logs are never part of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow

from partnerdesk.errors import StorageError
from partnerdesk.exports import safe_file_stem
from ui.dialogs import Dialogs, report_export_failure
from ui.print_record import selected_target

WHAT = "Export"


def new_folder(parent: Path, title: str) -> Path:
    """A folder for this export inside `parent`, named after the workshop or programme; an
    earlier export is never overwritten: the next one is "(2)", "(3)"…"""
    stem = safe_file_stem(title, "export")
    candidate, n = parent / stem, 1
    while candidate.exists():
        n += 1
        candidate = parent / f"{stem} ({n})"
    return candidate


def export_dialog(window: QMainWindow) -> Path | None:
    """Ask for a folder and export into a new folder inside it; returns that folder or None."""
    from partnerdesk.export_all.folder import ExportCancelled, export_programme, export_workshop

    ws = window.document.workspace
    target = selected_target(ws, window.current_key())
    if target is None:
        Dialogs.information(window, "Export everything",
                            "Select a workshop or a programme on the left first: everything it "
                            "produced is exported (never a learning log).")
        return None
    chosen = Dialogs.choose_folder(window, f"Export everything from {target.title} into…",
                                   str(window.document.path.parent))
    if chosen is None:
        return None
    folder = new_folder(chosen, target.title)
    progress = Dialogs.progress(window, f"Exporting {target.title}…", 1)

    def step(done: int, total: int, what: str) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(f"Exporting {what}…")
        QApplication.processEvents()
        return not progress.wasCanceled()

    export = export_programme if target.kind == "programme" else export_workshop
    try:
        files = export(ws, target.id, folder, step)
    except ExportCancelled:
        window.statusBar().showMessage(f"Export stopped; the files written so far are in {folder}", 10000)
        return None
    except (StorageError, OSError) as exc:
        report_export_failure(window, WHAT, exc)
        return None
    finally:
        progress.close()
    window.statusBar().showMessage(f"{len(files)} files exported to {folder}", 10000)
    Dialogs.information(window, "Export everything",
                        f"{len(files)} files are in\n{folder}\n\nREADME.txt says what each one is.")
    return folder


def install(window: QMainWindow) -> QAction:
    """Add File ▸ Export everything… after Print…."""
    action = QAction("E&xport everything…", window)
    action.setObjectName("export_everything_action")
    action.triggered.connect(lambda _=False: export_dialog(window))
    window.file_menu.insertAction(window.quit_action, action)
    window.file_menu.insertSeparator(window.quit_action)
    window.export_everything_action = action
    return action
