"""A board's or a wall's drawings (made by the kind's `report` module) as files: a PDF of A4
pages (what File ▸ Print… prints for a board or a wall), SVG and PNG."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnerdesk import __version__, records
from partnerdesk.kinds import kind_module

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from partnerdesk.store import Workspace

#: PNG images are drawn at this resolution (the drawing's points are 1/72 inch).
PNG_DPI = 150


@dataclass
class NamedDrawing:
    """One drawing of an exercise: a board per group ("Whole room", "Group A"…) or the wall."""

    name: str
    drawing: Drawing


def exercise_drawings(ws: Workspace, exercise: records.Exercise) -> list[NamedDrawing]:
    """The exercise's drawings from its kind's `report` module; none for a kind without any."""
    module = kind_module(exercise.kind, "report")
    if module is None:
        return []
    if hasattr(module, "drawings"):
        return [NamedDrawing(name, drawing) for name, drawing in module.drawings(ws, exercise)]
    if hasattr(module, "drawing"):
        drawing = module.drawing(ws, exercise)
        return [NamedDrawing("", drawing)] if drawing is not None else []
    return []


def has_drawings(exercise: records.Exercise) -> bool:
    """Whether the exercise's kind draws boards or walls (so they can be printed and exported)."""
    module = kind_module(exercise.kind, "report")
    return module is not None and (hasattr(module, "drawings") or hasattr(module, "drawing"))


def drawings_pdf(title: str, subtitle: str, drawings: list[NamedDrawing], *,
                 invariant: bool = False) -> bytes:
    """A4 pages, one drawing on each under its heading, scaled to fit; every font embedded."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from partnerdesk.pdf import SANS, SANS_BOLD, document_fonts, markup

    heading = ParagraphStyle("heading", fontName=SANS_BOLD, fontSize=16, leading=21, spaceAfter=2)
    details = ParagraphStyle("details", fontName=SANS, fontSize=10.5, leading=14,
                             textColor="#4b5563", spaceAfter=10)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title=title.replace("\n", " "),
                            subject=subtitle.replace("\n", " "), creator=f"PartnerDesk {__version__}",
                            invariant=1 if invariant else 0, **document_fonts())
    story: list = []
    for index, named in enumerate(drawings):
        if index:
            story.append(PageBreak())
        story.append(Paragraph(markup(title + (f" — {named.name}" if named.name else "")), heading))
        if subtitle:
            story.append(Paragraph(markup(subtitle), details))
        story += [Spacer(1, 4), _fitted(named.drawing, doc.width, doc.height - 60)]
    if not story:
        story.append(Paragraph(markup(f"{title}: nothing on it yet."), heading))
    doc.build(story)
    return buffer.getvalue()


def _fitted(drawing: Drawing, width: float, height: float) -> Drawing:
    """The drawing scaled to fit the box (up or down), keeping its proportions."""
    from reportlab.graphics.shapes import Drawing as NewDrawing
    from reportlab.graphics.shapes import Group

    from partnerdesk.pdf import SANS

    scale = min(width / drawing.width, height / drawing.height)
    fitted = NewDrawing(drawing.width * scale, drawing.height * scale)
    group = Group(*drawing.contents)
    group.scale(scale, scale)
    fitted.add(group)
    fitted.initialFontName = SANS  # else the renderer names Helvetica on the page
    return fitted


def drawing_svg(drawing: Drawing) -> bytes:
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(drawing).encode("utf-8")


def _drawing_page(drawing: Drawing) -> bytes:
    """The drawing alone as a one-page PDF the size of the drawing."""
    from reportlab.graphics import renderPDF

    from partnerdesk.pdf import SANS, register_fonts

    register_fonts()
    return renderPDF.drawToString(drawing, initialFontName=SANS)


def drawing_png(drawing: Drawing, dpi: int = PNG_DPI) -> bytes:
    """The drawing as PNG: its own PDF page rasterised by PDFium (pypdfium2), so the image shows
    exactly what the PDF does, with the shipped fonts. (ReportLab's renderPM needs rlPyCairo,
    and pycairo has no wheel for Linux.)"""
    import pypdfium2

    document = pypdfium2.PdfDocument(_drawing_page(drawing))
    try:
        image = document[0].render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
