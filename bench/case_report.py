"""The demo's programme report (every session's pages), against the same pages on a bare canvas."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Table

from bench.run import Case
from partnerdesk import records
from partnerdesk.demo import CORNWALL_TITLE, build_demo
from partnerdesk.pdf import FALLBACK, SANS, SANS_BOLD, register_fonts
from partnerdesk.report import programme_report, programme_story
from partnerdesk.report.document import new_kit
from partnerdesk.store import Workspace

_FOLDER = tempfile.TemporaryDirectory(prefix="partnerdesk-bench-report-")
_DEMO = Path(_FOLDER.name) / "demo.partnerdesk"


_OPEN: list[Workspace] = []


def _demo() -> tuple[Workspace, str]:
    # The last run's workspace is closed here, outside the timing.
    while _OPEN:
        _OPEN.pop().close()
    if not _DEMO.exists():
        build_demo(_DEMO)
    ws = Workspace.open(_DEMO, create=False, read_only=True)
    _OPEN.append(ws)
    programme = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
    return ws, programme.id


def project():
    ws, programme_id = _demo()
    return lambda: programme_report(ws, programme_id)


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


def _shapes_only(group):
    group.contents = [c for c in group.contents if not isinstance(c, String)]
    for child in group.contents:
        if isinstance(child, Group):
            _shapes_only(child)
    return group


def _runs(page) -> list[tuple[float, float, float, str, str]]:
    """Each text run on the page: where it starts, its size, its font, its text."""
    runs = []

    def visit(text, cm, tm, font, size):
        text = text.replace("\n", "")
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str((font or {}).get("/BaseFont", ""))
            name = SANS_BOLD if "Bold" in base else FALLBACK if "Fallback" in base else SANS
            runs.append((x, y, (size or 9.5) * (abs(tm[0]) or 1) * (abs(cm[0]) or 1), name, text))

    page.extract_text(visitor_text=visit)
    return runs


def baseline():
    """The report's own pages on a bare canvas: each run of text it printed (read back with its
    place and size) drawn with drawString, and the shapes of the same charts and boards. No data
    reads, no layout."""
    ws, programme_id = _demo()
    register_fonts()
    pages = [_runs(page) for page in PdfReader(io.BytesIO(programme_report(ws, programme_id))).pages]
    # Their strings are among the runs of text already: only their shapes are drawn again.
    drawings = [_shapes_only(d) for d in _drawings(programme_story(ws, programme_id, new_kit()))]

    def run():
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, initialFontName=SANS)
        waiting = list(drawings)
        for runs in pages:
            for x, y, size, name, text in runs:
                canvas.setFont(name, size)
                canvas.drawString(x, y, text)
            if waiting:
                renderPDF.draw(waiting.pop(0), canvas, 51, 40)
            canvas.showPage()
        for drawing in waiting:
            renderPDF.draw(drawing, canvas, 51, 40)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return run


CASES = [
    Case("report: the demo programme report (6 sessions' pages)", project, baseline, repeat=11,
         note="target < 3x; vs the report's own text runs and shapes redrawn on a bare canvas"),
]
