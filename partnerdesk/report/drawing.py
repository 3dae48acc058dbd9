"""Vector drawings from plain values: a quadrant board with its chips and paths, a post-it wall,
a bar chart. Each is a ReportLab `Drawing`, so one drawing goes into a report page and can be
written on its own as PDF or SVG (`drawing_bytes`). Every string names a shipped font: nothing
falls back to an unembedded Helvetica.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from partnerdesk.exports import one_line
from partnerdesk.pdf import SANS, SANS_BOLD, chart_fonts, register_fonts, visual_runs

INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
AXIS = colors.HexColor("#374151")
CHIP_FILL = colors.HexColor("#ffffff")
GRID = colors.HexColor("#e5e7eb")
PATH_COLOURS = ("#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#b45309", "#0e7490")


def _colour(value: str, fallback: str = "#ffffff") -> colors.Color:
    try:
        return colors.HexColor(value)
    except (ValueError, TypeError):
        return colors.HexColor(fallback)


def text_width(text: str, font: str, size: float) -> float:
    """How wide `text` prints: each run in the font `chart_fonts` will draw it in."""
    if text.isascii():
        return stringWidth(text, font, size)
    return sum(stringWidth(part, font if name == SANS else name, size) for name, part in visual_runs(text))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of whole words no wider than `width` (a word wider than that on a line of its own)."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def fit_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """`text` wrapped to `width`, at most `max_lines` lines; an ellipsis marks what was cut."""
    register_fonts()
    text = one_line(text, 2000)
    lines = simpleSplit(text, font, size, width) if text.isascii() else _wrap(text, font, size, width)
    lines = lines or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    # A single word wider than the box is cut too, so nothing spills over.
    fitted = []
    for line in lines:
        while len(line) > 1 and text_width(line, font, size) > width:
            line = line[:-2] + "…"
        fitted.append(line)
    return fitted


def _ascii_only(group) -> bool:
    for child in group.contents:
        if isinstance(child, String):
            if not child.text.isascii():
                return False
        elif isinstance(child, Group) and not _ascii_only(child):
            return False
    return True


def _laid_out(drawing: Drawing) -> Drawing:
    """Each string in a shipped font that has its characters, right to left and shaped
    (`chart_fonts`); a drawing of plain ASCII is already so, and is left as it is."""
    return drawing if _ascii_only(drawing) else chart_fonts(drawing)


def new_drawing(width: float, height: float) -> Drawing:
    """An empty drawing whose renderer starts in a shipped font (its default is Helvetica, which
    would then be named, unembedded, on every page the drawing is on)."""
    return Drawing(width, height, initialFontName=SANS, initialFontSize=8)


def _text(x: float, y: float, text: str, size: float = 8, font: str = SANS, colour=INK,
          anchor: str = "start") -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


# -- a quadrant board -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuadrantSpec:
    corner: str  # "top-left", "top-right", "bottom-left", "bottom-right"
    name: str
    colour: str = "#ffffff"


@dataclass(frozen=True)
class AxisSpec:
    label: str
    low: str
    high: str


@dataclass(frozen=True)
class Chip:
    """A labelled point on the board; x and y in [-1, 1], (0, 0) the centre, y upwards."""

    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Path:
    """One item's steps across sessions, oldest first: (x, y, caption) each."""

    label: str
    steps: tuple[tuple[float, float, str], ...]


def quadrant_drawing(quadrants: Sequence[QuadrantSpec], horizontal: AxisSpec, vertical: AxisSpec,
                     chips: Sequence[Chip] = (), paths: Sequence[Path] = (), width: float = 480,
                     height: float = 300, chip_size: float = 6.5) -> Drawing:
    """The board as the room saw it: four tinted quadrants named in their outer corners, the axes
    labelled, each chip at its place, and each path as numbered stops joined by arrows."""
    register_fonts()
    drawing = new_drawing(width, height)
    left, bottom = 24.0, 24.0
    plot_w, plot_h = width - left - 4, height - bottom - 4
    cx, cy = left + plot_w / 2, bottom + plot_h / 2

    def at(x: float, y: float) -> tuple[float, float]:
        x = max(-1.0, min(1.0, x)) if math.isfinite(x) else 0.0
        y = max(-1.0, min(1.0, y)) if math.isfinite(y) else 0.0
        return cx + x * plot_w / 2, cy + y * plot_h / 2

    for quadrant in quadrants:
        is_left = quadrant.corner.endswith("left")
        is_top = quadrant.corner.startswith("top")
        x0 = left if is_left else cx
        y0 = cy if is_top else bottom
        drawing.add(Rect(x0, y0, plot_w / 2, plot_h / 2, fillColor=_colour(quadrant.colour),
                         strokeColor=colors.white, strokeWidth=1))
        name_x = x0 + 5 if is_left else x0 + plot_w / 2 - 5
        name_y = y0 + plot_h / 2 - 13 if is_top else y0 + 5
        name = fit_lines(quadrant.name, SANS_BOLD, 9.5, plot_w / 2 - 10, 1)[0]
        drawing.add(_text(name_x, name_y, name, 9.5, SANS_BOLD, AXIS, "start" if is_left else "end"))
    drawing.add(Line(left, cy, left + plot_w, cy, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(Line(cx, bottom, cx, bottom + plot_h, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=AXIS, strokeWidth=0.8))

    # The axes: low and high at the ends, the axis's name in the middle; along the side, where
    # room is short, an end takes two lines.
    for axis, length, target in ((horizontal, plot_w, drawing), (vertical, plot_h, None)):
        name = fit_lines(axis.label, SANS_BOLD, 8, length / 3, 1)[0]
        room = (length - text_width(name, SANS_BOLD, 8)) / 2 - 10
        if target is drawing:
            drawing.add(_text(left, bottom - 10, fit_lines(axis.low, SANS, 7.5, room, 1)[0], 7.5, colour=MUTED))
            drawing.add(_text(left + plot_w, bottom - 10, fit_lines(axis.high, SANS, 7.5, room, 1)[0], 7.5,
                              colour=MUTED, anchor="end"))
            drawing.add(_text(cx, bottom - 20, name, 8, SANS_BOLD, AXIS, "middle"))
        else:
            side = Group(transform=(0, 1, -1, 0, left - 4, bottom))
            for text, along, anchor in ((axis.low, 0.0, "start"), (axis.high, plot_h, "end")):
                lines = fit_lines(text, SANS, 7, room, 2)
                for n, line in enumerate(lines):
                    # The first line farther from the board, as rotated text reads.
                    side.add(_text(along, 8.5 * (len(lines) - 1 - n), line, 7, colour=MUTED, anchor=anchor))
            side.add(_text(plot_h / 2, 4, name, 8, SANS_BOLD, AXIS, "middle"))
            drawing.add(side)

    chip_width = min(110.0, plot_w / 4.2)
    for chip in chips:
        px, py = at(chip.x, chip.y)
        lines = fit_lines(chip.label, SANS, chip_size, chip_width - 6, 2)
        w = min(chip_width, max(text_width(line, SANS, chip_size) for line in lines) + 6)
        h = len(lines) * (chip_size + 1.5) + 3
        # Kept inside the board, as the screen keeps a chip on it.
        x0 = min(max(px - w / 2, left + 1), left + plot_w - w - 1)
        y0 = min(max(py - h / 2, bottom + 1), bottom + plot_h - h - 1)
        drawing.add(Rect(x0, y0, w, h, rx=2, ry=2, fillColor=CHIP_FILL, strokeColor=AXIS, strokeWidth=0.5))
        for n, line in enumerate(lines):
            drawing.add(_text(x0 + w / 2, y0 + h - 2 - (n + 1) * (chip_size + 1.5) + 1.5, line, chip_size,
                              anchor="middle"))

    for index, path in enumerate(paths):
        colour = colors.HexColor(PATH_COLOURS[index % len(PATH_COLOURS)])
        points = [at(x, y) for x, y, _ in path.steps]
        if len(points) > 1:
            flat = [c for point in points for c in point]
            drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.6))
            for (x1, y1), (x2, y2) in pairwise(points):
                drawing.add(_arrow_head(x1, y1, x2, y2, colour))
        for number, ((x, y), (_, _, caption)) in enumerate(zip(points, path.steps, strict=True), start=1):
            drawing.add(Circle(x, y, 5.5, fillColor=colour, strokeColor=colors.white, strokeWidth=0.8))
            drawing.add(_text(x, y - 2.6, str(number), 7, SANS_BOLD, colors.white, "middle"))
            if caption:
                drawing.add(_text(x + 8, y - 2.6, fit_lines(caption, SANS, 7, plot_w / 3, 1)[0], 7,
                                  colour=colour))
        if points:
            x, y = points[-1]
            drawing.add(_text(x + 8, y + 6, fit_lines(path.label, SANS_BOLD, 7.5, plot_w / 2.5, 1)[0], 7.5,
                              SANS_BOLD, colour))
    return _laid_out(drawing)


def _arrow_head(x1: float, y1: float, x2: float, y2: float, colour) -> Polygon:
    """A small arrow head on the segment's end, stopping short of the stop's circle."""
    angle = math.atan2(y2 - y1, x2 - x1)
    tip_x, tip_y = x2 - 6.5 * math.cos(angle), y2 - 6.5 * math.sin(angle)
    spread = 0.45
    back = 7.0
    return Polygon([tip_x, tip_y,
                    tip_x - back * math.cos(angle - spread), tip_y - back * math.sin(angle - spread),
                    tip_x - back * math.cos(angle + spread), tip_y - back * math.sin(angle + spread)],
                   fillColor=colour, strokeColor=colour, strokeWidth=0.5)


# -- a post-it wall ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WallNote:
    text: str
    votes: int = 0


@dataclass(frozen=True)
class WallTheme:
    name: str
    notes: tuple[WallNote, ...]


@dataclass(frozen=True)
class WallZone:
    label: str
    question: str
    colour: str
    themes: tuple[WallTheme, ...] = ()
    #: The post-its in no theme.
    loose: tuple[WallNote, ...] = field(default=())


NOTE_W, NOTE_H, NOTE_GAP = 74.0, 40.0, 5.0


def _zone_rows(zone: WallZone, columns: int) -> int:
    rows = 0
    for theme in zone.themes:
        rows += max(1, math.ceil(len(theme.notes) / columns))
    rows += math.ceil(len(zone.loose) / columns)
    return rows


def wall_drawing(zones: Sequence[WallZone], width: float = 480, columns_per_zone: int | None = None) -> Drawing:
    """The wall tidied: zones side by side (two per row on a page), each with its question on a
    band of its colour, each theme's post-its under the theme's name, then the loose ones;
    dots as a count on each post-it."""
    register_fonts()
    per_row = 1 if len(zones) == 1 else 2
    zone_w = (width - (per_row - 1) * 10) / per_row
    columns = columns_per_zone or max(1, int((zone_w - 8 + NOTE_GAP) // (NOTE_W + NOTE_GAP)))
    note_w = (zone_w - 8 - (columns - 1) * NOTE_GAP) / columns
    theme_tab = 13.0
    header = 30.0
    heights = []
    for zone in zones:
        rows = _zone_rows(zone, columns)
        heights.append(header + rows * (NOTE_H + NOTE_GAP) + len(zone.themes) * theme_tab + 8)
    row_heights = [max(heights[i:i + per_row]) for i in range(0, len(zones), per_row)]
    total = sum(row_heights) + 10 * max(0, len(row_heights) - 1)
    drawing = new_drawing(width, max(total, 20))
    top = total
    for row_index, row_height in enumerate(row_heights):
        for column_index in range(per_row):
            index = row_index * per_row + column_index
            if index >= len(zones):
                break
            zone = zones[index]
            x0 = column_index * (zone_w + 10)
            fill = _colour(zone.colour, "#fde68a")
            drawing.add(Rect(x0, top - row_height, zone_w, row_height, fillColor=colors.HexColor("#fafafa"),
                             strokeColor=colors.HexColor("#d1d5db"), strokeWidth=0.6))
            drawing.add(Rect(x0, top - header, zone_w, header, fillColor=fill, strokeColor=None))
            title = fit_lines(zone.label, SANS_BOLD, 8, zone_w - 8, 1)[0]
            drawing.add(_text(x0 + 4, top - 10, title, 8, SANS_BOLD))
            question = fit_lines(zone.question, SANS, 7, zone_w - 8, 2)
            for n, line in enumerate(question):
                drawing.add(_text(x0 + 4, top - 19 - n * 8, line, 7))
            y = top - header - 4
            groups: list[tuple[str | None, tuple[WallNote, ...]]] = [(t.name, t.notes) for t in zone.themes]
            if zone.loose:
                groups.append((None, zone.loose))
            for name, notes in groups:
                if name is not None:
                    drawing.add(_text(x0 + 4, y - 9, fit_lines(name, SANS_BOLD, 7.5, zone_w - 8, 1)[0], 7.5,
                                      SANS_BOLD, colors.HexColor("#1d4ed8")))
                    y -= theme_tab
                for n, note in enumerate(notes):
                    r, c = divmod(n, columns)
                    nx = x0 + 4 + c * (note_w + NOTE_GAP)
                    ny = y - (r + 1) * (NOTE_H + NOTE_GAP) + NOTE_GAP
                    drawing.add(Rect(nx, ny, note_w, NOTE_H, fillColor=fill, strokeColor=colors.HexColor("#9ca3af"),
                                     strokeWidth=0.4))
                    for k, line in enumerate(fit_lines(note.text, SANS, 6, note_w - 6, 4)):
                        drawing.add(_text(nx + 3, ny + NOTE_H - 8 - k * 7, line, 6))
                    if note.votes:
                        drawing.add(Circle(nx + note_w - 7, ny + 7, 5, fillColor=colors.HexColor("#dc2626"),
                                           strokeColor=None))
                        drawing.add(_text(nx + note_w - 7, ny + 4.8, str(note.votes), 6, SANS_BOLD, colors.white,
                                          "middle"))
                y -= math.ceil(len(notes) / columns) * (NOTE_H + NOTE_GAP) if notes else 0
        top -= row_height + 10
    return _laid_out(drawing)


# -- charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    colour: str = "#2563eb"


def _nice_step(top: float) -> float:
    """A round step that gives four to eight gridlines up to `top`."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def bar_chart(categories: Sequence[str], series: Sequence[Series], width: float = 480, height: float = 200,
              value_max: float | None = None, value_step: float | None = None, value_labels: bool = True,
              label_format: str = "{:g}", reference: tuple[float, str] | None = None,
              highlight: Sequence[int] = (), highlight_colour: str = "#dc2626") -> Drawing:
    """Grouped vertical bars with each value printed on its bar, a legend when there are several
    series, and an optional dashed reference line (a benchmark) labelled beside the plot.
    A value of None is a gap (nothing to show), never a zero bar."""
    # Drawn from plain shapes rather than ReportLab's chart widget: a third of the time, and
    # every string's font is this module's choice.
    register_fonts()
    drawing = new_drawing(width, height)
    legend_h = 14 if len(series) > 1 else 0
    left, bottom = 30.0, 28.0 + legend_h
    plot_w = width - left - (70 if reference else 10)
    plot_h = height - bottom - 12
    top = value_max if value_max is not None else max(
        [v for s in series for v in s.values if v is not None] or [1]) * 1.15
    top = top or 1
    step = value_step or _nice_step(top)
    tick = 0.0
    while tick <= top + 1e-9:
        y = bottom + tick / top * plot_h
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(_text(left - 4, y - 2.6, label_format.format(tick) if tick % 1 else f"{tick:g}", 7.5,
                          anchor="end"))
        tick += step
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=AXIS, strokeWidth=0.8))
    groups = max(1, len(categories))
    group_w = plot_w / groups
    bar_w = max(1.0, (group_w - 8 - (len(series) - 1)) / max(1, len(series)))
    label_size = 7 if len(series) > 1 or len(categories) > 8 else 8
    for index, category in enumerate(categories):
        x0 = left + index * group_w + 4
        for number, s in enumerate(series):
            value = s.values[index] if index < len(s.values) else None
            x = x0 + number * (bar_w + 1)
            if value is not None and value > 0:
                fill = highlight_colour if number == 0 and index in highlight else s.colour
                drawing.add(Rect(x, bottom, bar_w, min(value, top) / top * plot_h, fillColor=_colour(fill),
                                 strokeColor=None))
            if value_labels and value is not None:
                drawing.add(_text(x + bar_w / 2, bottom + min(value, top) / top * plot_h + 3,
                                  label_format.format(value), label_size, anchor="middle"))
        drawing.add(_text(left + (index + 0.5) * group_w, bottom - 11,
                          fit_lines(category, SANS, 7.5, group_w - 2, 1)[0], 7.5, anchor="middle"))
    if reference is not None:
        value, label = reference
        y = bottom + value / top * plot_h
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=colors.HexColor("#d97706"),
                         strokeWidth=1.4, strokeDashArray=[4, 2]))
        drawing.add(_text(left + plot_w + 4, y - 3, fit_lines(label, SANS, 7.5, 64, 1)[0], 7.5,
                          colour=colors.HexColor("#d97706")))
    if len(series) > 1:
        x = left
        for s in series:
            drawing.add(Rect(x, 3, 10, 7, fillColor=_colour(s.colour), strokeColor=None))
            text = fit_lines(s.label, SANS, 7.5, 200, 1)[0]
            drawing.add(_text(x + 13, 4, text, 7.5))
            x += 24 + text_width(text, SANS, 7.5)
    return _laid_out(drawing)


# -- writing a drawing on its own -------------------------------------------------------------


def drawing_bytes(drawing: Drawing, fmt: str = "pdf") -> bytes:
    """One drawing as a file's bytes: "pdf" (vector, fonts embedded) or "svg"."""
    register_fonts()
    if fmt == "pdf":
        return renderPDF.drawToString(drawing, initialFontName=SANS)
    if fmt == "svg":
        return renderSVG.drawToString(drawing).encode("utf-8")
    raise ValueError(f"unknown drawing format {fmt!r}")
