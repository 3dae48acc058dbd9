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



class FakeProgress:
    """Stands in for the progress dialog: records what it was told; cancels when asked to."""

    def __init__(self, cancel_at: int | None = None):
        self.values: list[int] = []
        self.maximum = 0
        self.cancel_at = cancel_at
        self.closed = False

    def setMaximum(self, value):
        self.maximum = value

    def setValue(self, value):
        self.values.append(value)

    def setLabelText(self, text):
        self.label = text

    def wasCanceled(self):
        return self.cancel_at is not None and bool(self.values) and self.values[-1] >= self.cancel_at

    def close(self):
        self.closed = True


@pytest.fixture
def progress(monkeypatch: pytest.MonkeyPatch):
    """Replaces Dialogs.progress; `progress.made` lists each FakeProgress, `progress.cancel_at`
    makes the next one cancel at that step."""
    from ui.dialogs import Dialogs

    class Maker:
        def __init__(self):
            self.made: list[FakeProgress] = []
            self.cancel_at: int | None = None

        def __call__(self, parent, label, total):
            made = FakeProgress(self.cancel_at)
            made.maximum = total
            self.made.append(made)
            return made

    maker = Maker()
    monkeypatch.setattr(Dialogs, "progress", staticmethod(maker))
    return maker


@pytest.fixture
def choices(monkeypatch: pytest.MonkeyPatch):
    """Replaces Dialogs.choose: answers are picked by a function of the options, in turn."""
    from ui.dialogs import Dialogs

    class Chooser:
        def __init__(self):
            self.asked: list[list[str]] = []
            self.pickers: list = []

        def __call__(self, parent, title, label, options):
            self.asked.append(list(options))
            picker = self.pickers.pop(0)
            return picker(options)

    chooser = Chooser()
    monkeypatch.setattr(Dialogs, "choose", staticmethod(chooser))
    return chooser
