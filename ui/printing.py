"""Printing the app's PDFs on paper: the system's print dialog with a preview, painting the same
PDF pages the files hold (PDFium renders them, through pypdfium2 as Export everything's PNGs
do: one PDF renderer in the bundle, not two), so paper has no second layout.

`PrintDialogs.preview` is the one seam: tests replace it with a function that prints to a PDF
file (`QPrinter.OutputFormat.PdfFormat`) instead of opening a dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import pypdfium2
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.dialogs import Dialogs

log = logging.getLogger(__name__)

#: A page is rendered at the printer's resolution up to this: a page at 1200 dpi is half a
#: gigabyte of pixels, and 300 dpi is a laser printer's own text quality.
MAX_DPI = 300
#: More documents than this get a cancellable progress dialog.
BATCH = 1

#: One document to print: a function that makes its PDF bytes (called once, when needed).
Source = Callable[[], bytes]


class PrintDialogs:
    """The print dialog. Tests replace `preview` (monkeypatch) to print to a file."""

    @staticmethod
    def preview(parent: QWidget | None, printer: QPrinter, paint: Callable[[QPrinter], None]) -> bool:
        """Show the system's print preview; `paint(printer)` draws the pages. True if printed."""
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(printer.docName() or "Print")
        dialog.paintRequested.connect(paint)
        return dialog.exec() == QDialog.Accepted


class PrintCancelled(Exception):
    """The facilitator pressed Cancel in the progress dialog."""


class PdfBatch:
    """The PDFs of one print job, each made once on first use and kept for the preview's
    repaints and the print itself."""

    def __init__(self, sources: Sequence[Source], label: str, parent: QWidget | None = None):
        self.sources = list(sources)
        self.label = label
        self.parent = parent
        self._made: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self.sources)

    def pdf(self, index: int) -> bytes:
        if index not in self._made:
            self._made[index] = self.sources[index]()
        return self._made[index]


def load_pdf(data: bytes) -> pypdfium2.PdfDocument:
    """A PDF read from bytes in memory, never from a file; `len()` is its page count."""
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise ValueError(f"the PDF could not be read ({exc})") from exc


def page_size_of(data: bytes) -> QPageSize:
    """The size of a PDF's first page, so the printer's paper matches it (A4 or US Letter)."""
    document = load_pdf(data)
    try:
        width, height = document[0].get_size()  # points
    finally:
        document.close()
    return QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def render_page(document: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    """A page as an opaque image on white paper (no alpha channel, which would send every page
    to the printer with a mask to flatten)."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255), rev_byteorder=True,
                             prefer_bgrx=True)  # RGBX bytes: Qt's RGBX8888, read as opaque
        try:
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)
            return image.convertToFormat(QImage.Format.Format_RGB32)  # a copy PDFium no longer owns
        finally:
            bitmap.close()
    finally:
        page.close()


def paint_pdfs(printer: QPrinter, batch: PdfBatch) -> int:
    """Paint every page of every PDF into `printer`, one PDF page per sheet, scaled to fit the
    paper; returns the pages painted. Raises PrintCancelled when the facilitator cancels."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    progress = None
    if len(batch) > BATCH:
        progress = Dialogs.progress(batch.parent, batch.label, len(batch))
    pages = 0
    dpi = min(printer.resolution(), MAX_DPI)
    try:
        for index in range(len(batch)):
            if progress is not None:
                progress.setValue(index)
                QApplication.processEvents()
                if progress.wasCanceled():
                    raise PrintCancelled
            document = load_pdf(batch.pdf(index))
            try:
                for page in range(len(document)):
                    if pages:
                        printer.newPage()
                    image = render_page(document, page, dpi)
                    # The painter's device is the sheet (full page): fit and centre the page.
                    sheet_width, sheet_height = printer.width(), printer.height()
                    scale = min(sheet_width / image.width(), sheet_height / image.height())
                    width, height = image.width() * scale, image.height() * scale
                    painter.drawImage(QRectF((sheet_width - width) / 2, (sheet_height - height) / 2,
                                             width, height), image)
                    pages += 1
            finally:
                document.close()
        if progress is not None:
            progress.setValue(len(batch))
    finally:
        painter.end()
        if progress is not None:
            progress.close()
    return pages


def new_printer(title: str, first_pdf: bytes | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if first_pdf is not None:
        printer.setPageLayout(QPageLayout(page_size_of(first_pdf), QPageLayout.Orientation.Portrait,
                                          QMarginsF(0, 0, 0, 0)))
    # The PDFs carry their own margins: paint on the whole sheet (after the layout, which
    # would otherwise bring the printable area's margins back).
    printer.setFullPage(True)
    return printer


def print_pdfs(parent: QWidget | None, title: str, sources: Sequence[Source],
               label: str = "Preparing the pages to print…") -> bool:
    """Print the PDFs that `sources` make, with the system's print dialog and its preview.

    Returns True when they were sent to the printer; False when the facilitator cancelled.
    """
    batch = PdfBatch(sources, label, parent)
    if not len(batch):
        return False
    state = {"cancelled": False}

    def paint(printer: QPrinter) -> None:
        try:
            paint_pdfs(printer, batch)
        except PrintCancelled:
            state["cancelled"] = True
            printer.abort()  # nothing half-printed reaches the printer

    first = batch.pdf(0)
    printer = new_printer(title, first)
    printed = PrintDialogs.preview(parent, printer, paint)
    return printed and not state["cancelled"]
