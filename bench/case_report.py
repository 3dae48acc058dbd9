"""The demo's programme report (every session's pages), against the same pages on a bare canvas."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Table

from bench.run import Case
from partnerdesk import records
from partnerdesk.demo import CORNWALL_TITLE, build_demo
from partnerdesk.pdf import SANS, register_fonts
from partnerdesk.report import programme_report, programme_story
from partnerdesk.report.document import new_kit
from partnerdesk.store import Workspace

_FOLDER = tempfile.TemporaryDirectory(prefix="partnerdesk-bench-report-")
_DEMO = Path(_FOLDER.name) / "demo.partnerdesk"


def _demo() -> tuple[Workspace, str]:
    if not _DEMO.exists():
        build_demo(_DEMO)
    ws = Workspace.open(_DEMO, create=False, read_only=True)
    programme = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
    return ws, programme.id


def project():
    ws, programme_id = _demo()

    def run():
        try:
            return programme_report(ws, programme_id)
        finally:
            ws.close()

    return run


def _drawings(flowables) -> list[Drawing]:
    found = []
    for flowable in flowables:
        if isinstance(flowable, Drawing):
            found.append(flowable)
        elif isinstance(flowable, KeepTogether):
            found += _drawings(flowable._content)
        elif isinstance(flowable, Table):
            found += _drawings(c for row in flowable._cellvalues for c in row if not isinstance(c, str | list))
        elif isinstance(flowable, list):
            found += _drawings(flowable)
    return found


def baseline():
    """Each page's lines of text (read back from the report) drawn with drawString, and the same
    charts and boards drawn on the canvas: no data reads, no layout, no fallback font."""
    ws, programme_id = _demo()
    register_fonts()
    pages = [(page.extract_text() or "").splitlines()
             for page in PdfReader(io.BytesIO(programme_report(ws, programme_id))).pages]
    drawings = _drawings(programme_story(ws, programme_id, new_kit()))
    ws.close()

    def run():
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, initialFontName=SANS)
        waiting = list(drawings)
        for lines in pages:
            canvas.setFont(SANS, 9.5)
            y = 800
            for line in lines:
                canvas.drawString(51, y, line)
                y -= 12.5
            if waiting and y > 320:
                renderPDF.draw(waiting.pop(0), canvas, 51, 40)
            canvas.showPage()
        for drawing in waiting:
            renderPDF.draw(drawing, canvas, 51, 40)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return run


CASES = [
    Case("report: the demo programme report (6 sessions' pages)", project, baseline, repeat=5,
         note="target < 3x; platypus layout, data reads and fallback font vs drawString lines and the same drawings"),
]
