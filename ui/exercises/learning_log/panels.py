"""The printing panel: one participant's log, every attendee's, or the whole programme's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import records
from partnerdesk.errors import StorageError
from partnerdesk.exports import write_atomically
from partnerdesk.learning_log.export import (
    PrintJob,
    distinct_file_names,
    jobs_for_programme,
    jobs_for_workshop,
    render_learning_log,
    write_pdfs,
)
from partnerdesk.learning_log.values import log_book, log_template
from ui.dialogs import Dialogs, report_export_failure
from ui.document import WorkspaceDocument

PAPER_SIZES = ("A4", "US Letter")
PDF_FILTER = "PDF files (*.pdf)"


class PrintPanel(QWidget):
    """Print buttons, paper size and fillable fields; `chosen()` names the participant shown."""

    def __init__(self, document: WorkspaceDocument, workshop_id: str,
                 chosen: Callable[[], str | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.workshop_id = workshop_id
        self.chosen = chosen
        self.print_button = QPushButton("Print this log…")
        self.print_button.setObjectName("print_one")
        self.print_button.clicked.connect(self.print_selected)
        self.print_workshop_button = QPushButton("Print for every attendee…")
        self.print_workshop_button.setObjectName("print_workshop")
        self.print_workshop_button.clicked.connect(self.print_workshop)
        self.print_programme_button = QPushButton("Print for the whole programme…")
        self.print_programme_button.setObjectName("print_programme")
        self.print_programme_button.clicked.connect(self.print_programme)
        self.print_button.setToolTip("This participant's whole log: every workshop they attended.")
        self.print_workshop_button.setToolTip("One PDF per attendee, with this workshop's page.")
        self.print_programme_button.setToolTip("One PDF per participant of the programme, "
                                               "with every workshop they attended.")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItems(PAPER_SIZES)
        self.fillable = QCheckBox("Fillable form fields")
        self.fillable.setObjectName("fillable")
        self.fillable.setToolTip("Empty sections become fields a participant can complete on a computer.")
        # Two buttons a row and the paper below them: the panel fits beside the attendees on
        # a laptop with the agenda runner open.
        buttons = QGridLayout()
        buttons.addWidget(self.print_button, 0, 0)
        buttons.addWidget(self.print_workshop_button, 0, 1)
        buttons.addWidget(self.print_programme_button, 1, 0, 1, 2, Qt.AlignLeft)
        buttons.setColumnStretch(2, 1)
        options = QFormLayout()
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addWidget(self.fillable)
        paper_row.addStretch(1)
        options.addRow("Paper:", paper_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(options)

    @property
    def letter(self) -> bool:
        return self.paper.currentText() == "US Letter"

    def update_enabled(self, someone_shown: bool, attendees: int) -> None:
        self.print_button.setEnabled(someone_shown)
        self.print_workshop_button.setEnabled(attendees > 0)
        self.print_programme_button.setEnabled(self.programme_id() is not None)

    def programme_id(self) -> str | None:
        found = records.workshop(self.document.workspace, self.workshop_id)
        return found.programme_id if found else None

    def print_selected(self) -> Path | None:
        participant_id = self.chosen()
        if participant_id is None:
            return None
        ws = self.document.workspace
        person = records.participant(ws, participant_id)
        name = distinct_file_names([person.name])[0]
        path = Dialogs.save_path(self, "Print learning log", str(Path.home() / name), PDF_FILTER)
        if path is None:
            return None
        try:
            data = render_learning_log(log_book(ws, participant_id), log_template(),
                                       letter=self.letter, fillable=self.fillable.isChecked())
            write_atomically(path, data)
        except StorageError as exc:
            report_export_failure(self, "Learning log", exc)
            return None
        Dialogs.information(self, "Learning log printed", f"{person.name}'s learning log is in {path}.")
        return path

    def print_workshop(self) -> list[Path]:
        jobs = jobs_for_workshop(self.document.workspace, self.workshop_id)
        return self._print_batch(jobs, "Print a learning log for every attendee")

    def print_programme(self) -> list[Path]:
        programme_id = self.programme_id()
        if programme_id is None:
            return []
        jobs = jobs_for_programme(self.document.workspace, programme_id)
        return self._print_batch(jobs, "Print a learning log for everyone in the programme")

    def _print_batch(self, jobs: list[PrintJob], title: str) -> list[Path]:
        if not jobs:
            Dialogs.information(self, title, "Nobody has attended yet, so there is nothing to print.")
            return []
        folder = Dialogs.choose_folder(self, title)
        if folder is None:
            return []
        progress = Dialogs.progress(self, "Printing learning logs…", len(jobs))
        progress.setWindowTitle("Printing learning logs")
        cancelled = False

        def step(done: int, job: PrintJob) -> bool:
            nonlocal cancelled
            progress.setLabelText(f"Printing {job.participant}'s learning log ({done + 1} of {len(jobs)})…")
            progress.setValue(done)
            cancelled = progress.wasCanceled()
            return not cancelled

        try:
            written = write_pdfs(self.document.workspace, jobs, folder, letter=self.letter,
                                 fillable=self.fillable.isChecked(), progress=step)
        except StorageError as exc:
            progress.close()
            progress.deleteLater()
            report_export_failure(self, "Learning logs", exc)
            return []
        progress.setValue(len(jobs))
        progress.close()
        progress.deleteLater()
        if cancelled:
            message = f"Stopped: {len(written)} of {len(jobs)} learning logs were written to {folder}."
        else:
            message = f"{len(written)} learning logs were written to {folder}."
        Dialogs.information(self, "Learning logs printed", message)
        return written
