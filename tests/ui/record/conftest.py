"""Fixtures for the record's widget tests: printing goes to a PDF file, never a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from ui import printing


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Replaces the print dialog: each print goes to a PDF file, listed in `printed.files`."""

    class Printed:
        def __init__(self):
            self.files: list[Path] = []
            self.titles: list[str] = []

        def preview(self, parent, printer: QPrinter, paint) -> bool:
            path = tmp_path / f"printed-{len(self.files) + 1}.pdf"
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(path))
            self.titles.append(printer.docName())
            paint(printer)
            self.files.append(path)
            return True

    recorder = Printed()
    monkeypatch.setattr(printing.PrintDialogs, "preview", staticmethod(recorder.preview))
    return recorder
