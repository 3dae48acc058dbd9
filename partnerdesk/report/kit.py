"""What every report section is made with: the report's styles and the helpers that turn user
text and tables into flowables, so each kind's `report.py` writes its data and nothing else.

An exercise kind's section is `report_section(ws, exercise, kit) -> list[Flowable]` in its own
`partnerdesk/<kind>/report.py`; `kit` is a `ReportKit`. Every text goes through `markup()`
(escaped, each run in a shipped font that has it), so no user text is read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from partnerdesk.exports import clean_text, one_line
from partnerdesk.pdf import SANS, SANS_BOLD, TABLE_FONT, laid_out_as_typed, markup, paragraph, register_fonts

INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
ACCENT = colors.HexColor("#1d4ed8")
HEADER_FILL = colors.HexColor("#f3f4f6")
LATE = colors.HexColor("#b91c1c")

CELL_SIZE = 8.5
CELL_LEADING = 10.5
PADDING = 3


def _plain(text: str, font: str, width: float, size: float = CELL_SIZE) -> str | None:
    """`text` as a plain table string when it is one line that the font has every character of
    and that fits `width`; None when it needs a paragraph (wrapping, or a fallback font)."""
    if text.isascii() and text.isprintable() and "  " not in text:
        text = text.strip()  # already one clean line: the common case, without the regexes
    else:
        if "\n" in text.strip():
            return None  # the user's own line breaks are kept, in a paragraph
        text = one_line(text, 2000)
    dejavu, _ = register_fonts()
    if not text.isascii() and (not laid_out_as_typed(text) or any(ord(c) not in dejavu for c in text)):
        return None  # another font, right to left, or shaped: a paragraph lays it out
    if len(text) * size <= width:
        return text  # no DejaVu character is wider than its size: it fits without measuring
    return text if stringWidth(text, font, size) <= width else None


class _Cell(CellStyle):
    """A table cell as the report draws it: the shipped font (never Helvetica, even in an empty
    cell), its size and colour, and text at the top."""

    fontname = SANS
    fontsize = CELL_SIZE
    leading = CELL_LEADING
    color = INK
    valign = "TOP"
    topPadding = 2  # noqa: N815 - ReportLab's own attribute names
    bottomPadding = 3  # noqa: N815
    leftPadding = PADDING  # noqa: N815
    rightPadding = PADDING  # noqa: N815


class _Table(Table):
    """A table that draws nothing for an empty cell (ReportLab draws an empty string)."""

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellval == "" and not cellstyle.href and not cellstyle.destination:
            return
        super()._drawCell(cellval, cellstyle, pos, size)


class OneLine(Flowable):
    """A line of text that needs no other font, drawn as it is: what a `Paragraph` would print,
    without parsing markup or breaking lines (most report text). Where it turns out wider than
    the space it is given (a column), it becomes that paragraph."""

    def __init__(self, text: str, style: ParagraphStyle, bullet: str = ""):
        super().__init__()
        self.text, self.style, self.bullet = text, style, bullet
        self._text_width = stringWidth(text, style.fontName, style.fontSize)
        self._paragraph: Paragraph | None = None

    def _fits(self, avail_width: float) -> bool:
        return self._text_width <= avail_width - self.style.leftIndent - self.style.rightIndent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fits(avail_width):
            self._paragraph = Paragraph(escape(self.text), self.style, bulletText=self.bullet or None)
            return self._paragraph.wrap(avail_width, avail_height)
        self._paragraph = None
        self.width = avail_width
        return avail_width, self.style.leading

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return self._paragraph.split(avail_width, avail_height) if self._paragraph is not None else []

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N803 - platypus passes _sW by name
        if self._paragraph is not None:
            return self._paragraph.drawOn(canvas, x, y, _sW)
        return super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        baseline = style.leading - style.fontSize
        canvas.setFillColor(style.textColor)
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize or style.fontSize)
            canvas.drawString(style.bulletIndent, baseline, self.bullet)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawString(style.leftIndent, baseline, self.text)

    def getPlainText(self) -> str:
        return self.text


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, bulletFontName=SANS, fontSize=9.5, leading=12.5, textColor=INK,
                          spaceAfter=3)
    return {
        "body": body,
        "cover": ParagraphStyle("cover", parent=body, fontName=SANS_BOLD, fontSize=26, leading=32,
                                spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=14, leading=19, spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=body, fontName=SANS_BOLD, fontSize=17, leading=21,
                             spaceBefore=4, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=SANS_BOLD, fontSize=13, leading=16,
                             spaceBefore=10, spaceAfter=4, textColor=ACCENT, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=SANS_BOLD, fontSize=10.5, leading=13.5,
                             spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=SANS_BOLD, fontSize=8.5,
                                    leading=10.5, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0,
                                     alignment=2),
        "cell_bold_right": ParagraphStyle("cell_bold_right", parent=body, fontName=SANS_BOLD, fontSize=8.5,
                                          leading=10.5, spaceAfter=0, alignment=2),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=0, spaceAfter=1),
        "footer": ParagraphStyle("footer", parent=body, fontSize=7.5, leading=9, textColor=MUTED),
    }


@dataclass
class ReportKit:
    """The report's styles and helpers, handed to each kind's `report_section`.

    `width` is the width of the page's text frame in points: drawings and tables size to it.
    """

    width: float
    styles: dict[str, ParagraphStyle] = field(default_factory=_styles)
    sans: str = SANS
    bold: str = SANS_BOLD

    # -- text ------------------------------------------------------------------------------------

    def para(self, text: str, style: str = "body") -> Flowable:
        """One paragraph of user (or any) text, escaped and laid out for its script; line breaks
        are kept (a right-to-left line is set from the right, wrapped in reading order)."""
        lines = clean_text(text).split("\n")
        if len(lines) == 1 and (fast := self._one_line(lines[0], self.styles[style])) is not None:
            return fast
        return self._paragraph(lines, style)

    def _paragraph(self, lines: list[str], style: str) -> Flowable:
        if len(lines) == 1:
            return paragraph(lines[0], self.styles[style])
        if all(laid_out_as_typed(line) for line in lines):
            return Paragraph("<br/>".join(markup(line) for line in lines), self.styles[style])
        return KeepTogether([paragraph(line, self.styles[style]) for line in lines])

    def _one_line(self, text: str, style: ParagraphStyle, bullet: str = "") -> OneLine | None:
        """`text` as a `OneLine` when it is one line as typed in the style's font, left aligned."""
        if style.alignment != 0:
            return None
        plain = _plain(text, style.fontName, self.width - style.leftIndent - style.rightIndent, style.fontSize)
        return OneLine(plain, style, bullet) if plain is not None and plain == text.strip() else None

    def heading(self, text: str, level: int = 3) -> Flowable:
        return self.para(text, f"h{level}")

    def heading_over(self, text: str, level: int = 3, room: float = 90) -> list[Flowable]:
        """A heading over a long table or list that may run on to the next page: it starts a new
        page only when less than `room` points are left, instead of taking the table with it."""
        style = ParagraphStyle(f"h{level}_loose", parent=self.styles[f"h{level}"], keepWithNext=0)
        return [CondPageBreak(room), paragraph(one_line(text, 1000), style)]

    def note(self, text: str) -> Flowable:
        """A quiet line: what is left out and why, a source, a count."""
        return self.para(text, "note")

    def bullets(self, texts: Iterable[str], style: str = "bullet") -> list[Flowable]:
        found: list[Flowable] = []
        for text in texts:
            line = " ".join(clean_text(text).split())
            if (fast := self._one_line(line, self.styles[style], "•")) is not None:
                found.append(fast)
            elif laid_out_as_typed(line):
                found.append(Paragraph(markup(line), self.styles[style], bulletText="•"))
            else:
                # Right to left or shaped: the bullet leads the line in its own direction.
                found.append(paragraph(f"• {line}", self.styles["cell" if style == "cell" else "body"]))
        return found

    def cell(self, value: object, bold: bool = False, right: bool = False,
             width: float | None = None) -> Flowable | str:
        """A table cell: a flowable as it is; text that fits on one line in the main font as a
        plain string (the table draws it as it is, never parsing it, and ten times faster than a
        paragraph); any other text as a wrapped paragraph with fallback fonts."""
        if isinstance(value, Flowable | list | tuple):
            return value  # a flowable, or several stacked in the cell
        text = "" if value is None else str(value)
        if width is not None and (plain := _plain(text, self.bold if bold else self.sans, width)) is not None:
            return plain
        style = ("cell_bold" if bold else "cell") + ("_right" if right else "")
        # Never a OneLine here: that is sized to the frame, and this text did not fit the cell.
        return self._paragraph(clean_text(text).split("\n"), style)

    # -- tables ----------------------------------------------------------------------------------

    def table(self, rows: Sequence[Sequence[object]], widths: Sequence[float] | None = None,
              header: bool = True, right: Sequence[int] = (), extra: Sequence[tuple] = ()) -> Table:
        """A table of text (escaped) or flowables. `widths` are fractions of the frame's width;
        `right` lists columns of figures, aligned right; the header row repeats on each page."""
        columns = len(rows[0]) if rows else 1
        fractions = list(widths) if widths else [1 / columns] * columns
        col_widths = [f * self.width for f in fractions]
        body = [[self.cell(value, bold=header and r == 0, right=c in right, width=col_widths[c] - 2 * PADDING)
                 for c, value in enumerate(row)]
                for r, row in enumerate(rows)]
        # Each cell starts with the report's look (see _Cell), so only what differs is a command.
        cells = [[_Cell("cell") for _ in row] for row in body]
        table = _Table(body, colWidths=col_widths, repeatRows=1 if header else 0, hAlign="LEFT", cellStyles=cells)
        style = [("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]
        if header:
            style += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                      ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD)]
        for column in right:
            style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        table.setStyle(TableStyle([*style, *extra]))
        return table

    def columns(self, flowables: Sequence[Flowable], count: int = 2, max_height: float = 560) -> list[Flowable]:
        """Short items (a list of post-its) side by side in `count` columns, filled down first and
        balanced; a long list becomes several such blocks, none taller than `max_height`."""
        flowables = list(flowables)
        if len(flowables) <= 6:
            return flowables
        column_width = self.width / count
        heights = [f.wrap(column_width - 6, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables]
        target = min(max_height, sum(heights) / count + max(heights))
        blocks: list[Flowable] = []
        cells: list[list[Flowable]] = [[]]
        used = 0.0
        for flowable, height in zip(flowables, heights, strict=True):
            if cells[-1] and used + height > target:
                if len(cells) == count:
                    blocks.append(self._columns_block(cells, column_width))
                    cells = []
                cells.append([])
                used = 0.0
            cells[-1].append(flowable)
            used += height
        blocks.append(self._columns_block(cells, column_width))
        return blocks

    @staticmethod
    def _columns_block(cells: list[list[Flowable]], column_width: float) -> Table:
        table = Table([cells], colWidths=[column_width] * len(cells), hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), TABLE_FONT,
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
        return table

    @staticmethod
    def keep(flowables: Sequence[Flowable]) -> KeepTogether:
        return KeepTogether(list(flowables))

    @staticmethod
    def space(points: float = 6) -> Spacer:
        return Spacer(1, points)


def long_date(iso: str) -> str:
    """"2010-06-17" as "17 June 2010"; anything else as it was typed."""
    try:
        day = date.fromisoformat((iso or "").strip())
    except ValueError:
        return (iso or "").strip()
    return f"{day.day} {day:%B %Y}"


FRAME_MARGIN = 18 * mm
