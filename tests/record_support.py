"""Support for the record's tests (unit and UI): until the report lands on this branch, a tiny
stand-in for `partnerdesk.report` and for the kinds' drawings."""

from __future__ import annotations

import importlib.util
import sys
import types

import pytest

from partnerdesk.kinds import kind_module


def _stand_in_pdf(title: str) -> bytes:
    import io

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from partnerdesk.pdf import SANS, document_fonts, markup

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, **document_fonts())
    doc.build([Paragraph(markup(f"Report of {title}"), ParagraphStyle("p", fontName=SANS))])
    return out.getvalue()


@pytest.fixture
def report_engine(monkeypatch: pytest.MonkeyPatch):
    """The real `partnerdesk.report` when it is there; otherwise a stand-in whose report names
    the workshop or programme, and a board or wall drawing per exercise of those kinds."""
    if importlib.util.find_spec("partnerdesk.report") is None:
        from partnerdesk import records

        fake = types.ModuleType("partnerdesk.report")
        fake.workshop_report = lambda ws, wid, **kw: _stand_in_pdf(records.workshop(ws, wid).title)
        fake.programme_report = lambda ws, pid, **kw: _stand_in_pdf(records.programme(ws, pid).title)
        monkeypatch.setitem(sys.modules, "partnerdesk.report", fake)
    if kind_module("quadrant_board", "report") is None:
        from reportlab.graphics.shapes import Drawing, Rect, String

        from partnerdesk.export_all import drawings as module
        from partnerdesk.pdf import SANS, chart_fonts

        def drawings(ws, exercise):
            if exercise.kind not in ("quadrant_board", "post_it_wall"):
                return []
            drawing = Drawing(480, 300)
            drawing.add(Rect(0, 0, 480, 300, fillColor=None))
            drawing.add(String(20, 150, exercise.title, fontName=SANS, fontSize=14))
            return [module.NamedDrawing("Whole room", chart_fonts(drawing))]

        monkeypatch.setattr("partnerdesk.export_all.folder.exercise_drawings", drawings)
        monkeypatch.setattr("partnerdesk.export_all.drawings.exercise_drawings", drawings)
        monkeypatch.setattr(module, "has_drawings",
                            lambda exercise: exercise.kind in ("quadrant_board", "post_it_wall"))
