"""The audit's exports: the results PDF (bars per question with the benchmark line, and two
rounds compared) and the anonymous responses as CSV. Both withhold what the screen withholds."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from partnerdesk import __version__, records
from partnerdesk.behaviours_audit import values
from partnerdesk.behaviours_audit.stats import Comparison, RoundResults, fmt, fmt_change, withheld_message
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import safe_cell, write_atomically
from partnerdesk.pdf import (
    SANS,
    SANS_BOLD,
    TABLE_FONT,
    chart_fonts,
    document_fonts,
    markup,
    register_fonts,
)
from partnerdesk.store import Workspace

MARGIN = 18 * mm
INK = colors.HexColor("#1f2937")
BAR = colors.HexColor("#2563eb")
LOW = colors.HexColor("#dc2626")
BEFORE = colors.HexColor("#9ca3af")
BENCH = colors.HexColor("#d97706")


@dataclass(frozen=True)
class ResultsPaper:
    """What the results PDF shows, prepared by the caller (no store access here)."""

    title: str
    where: str  # workshop and date
    results: RoundResults
    comments: Sequence[tuple[str, Sequence[str]]] = ()
    comparison: Comparison | None = None
    before_label: str = ""
    after_label: str = ""
    before_short: str = ""  # for the chart's legend
    after_short: str = ""
    benchmark_label: str = "Benchmark"


def results_paper(ws: Workspace, round_id: str, other_id: str | None = None) -> ResultsPaper:
    """Gather a round's results (and, with `other_id`, its comparison, oldest first) for printing."""
    found = values.audit_round(ws, round_id)
    if found is None:
        raise KeyError(round_id)
    return paper_of(ws, found, other_id)


def paper_of(ws: Workspace, found: values.Round, other_id: str | None = None) -> ResultsPaper:
    """`results_paper` for a round value (a planned one too, as the screen has it)."""
    exercise = records.exercise(ws, found.exercise_id)
    workshop = records.workshop(ws, exercise.workshop_id)
    where = workshop.title + (f", {workshop.date}" if workshop.date else "")
    tpl = values.audit_template(exercise.template)
    comparison, before, after, before_short, after_short = None, "", "", "", ""
    if other_id:
        infos = {i.round.id: i for i in values.related_to(ws, found)}
        if other_id not in infos:
            raise KeyError(other_id)
        pair = sorted([infos[found.id], infos[other_id]],
                      key=lambda i: (i.workshop_date, i.round.day, i.round.id))
        before, after = pair[0].label, pair[1].label
        before_short, after_short = pair[0].short_label, pair[1].short_label
        comparison = values.comparison_of(ws, pair[0].round, pair[1].round)
    return ResultsPaper(title=found.title or tpl.title, where=where, results=values.results_of(ws, found),
                        before_short=before_short, after_short=after_short,
                        comments=values.comments_of(ws, found), comparison=comparison, before_label=before,
                        after_label=after, benchmark_label=tpl.get("benchmark_label", "Benchmark"))


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=SANS, fontSize=10, leading=13, textColor=INK)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=18, leading=22),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=13, leading=17, spaceBefore=8,
                             spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
    }


def _bar_chart(values: Sequence[Sequence[float]], fills: Sequence, benchmark: float | None,
               lowest: Sequence[int] = (), labels: Sequence[str] = (), width: float = 170 * mm,
               height: float = 75 * mm) -> Drawing:
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 90, height - 50
    chart.data = [list(v) for v in values]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 10, 2
    chart.valueAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.categoryNames = [f"Q{n}" for n in range(1, len(values[0]) + 1)]
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    for position in lowest:
        chart.bars[(0, position - 1)].fillColor = LOW
    drawing.add(chart)
    if benchmark is not None:
        y = chart.y + benchmark / 10 * chart.height
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=BENCH, strokeWidth=1.6,
                         strokeDashArray=[4, 2]))
        # Beside the plot, not over it, so no bar hides the label.
        drawing.add(String(chart.x + chart.width + 4, y - 3, f"benchmark {benchmark:.1f}", fontName=SANS,
                           fontSize=8, fillColor=BENCH))
    x = chart.x
    for label, fill in zip(labels, fills, strict=False):
        drawing.add(Line(x, 8, x + 14, 8, strokeColor=fill, strokeWidth=6))
        drawing.add(String(x + 18, 5, label[:60], fontName=SANS, fontSize=8, fillColor=INK))
        x += 20 + 5 * min(len(label), 60)
    return chart_fonts(drawing)


def _table(rows: list[list], widths: Sequence[float], styles) -> Table:
    body = [[Paragraph(markup(str(c)), styles["cell"]) for c in row] for row in rows]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        TABLE_FONT,
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d1d5db")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def render_results(paper: ResultsPaper) -> bytes:
    """The results PDF as bytes. Withheld results print only the withheld message."""
    styles = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=paper.title, author="", creator=f"PartnerDesk {__version__}",
                            **document_fonts())
    story: list = [Paragraph(markup(paper.title), styles["title"]),
                   Paragraph(markup(paper.where), styles["base"]), Spacer(1, 6)]
    results = paper.results
    if results.withheld:
        story.append(Paragraph(markup(results.withheld_message), styles["h2"]))
    else:
        summary = f"{results.responses} anonymous responses. Overall average {fmt(results.overall)} out of ten"
        if results.benchmark is not None:
            summary += f", against a benchmark of {results.benchmark:.1f} ({paper.benchmark_label})"
        story.append(Paragraph(markup(summary + "."), styles["base"]))
        lowest = [q for q in results.questions if q.lowest]
        if lowest:
            story.append(Paragraph(markup("Lowest items: " + "; ".join(
                f"Q{q.position} {q.text} ({fmt(q.mean, 1)})" for q in lowest)), styles["base"]))
        story.append(Spacer(1, 6))
        story.append(_bar_chart([[q.mean or 0 for q in results.questions]], [BAR], results.benchmark,
                                [q.position for q in lowest], ["Average score (lowest items in red)"]))
        rows = [["", "Question", "n", "Mean", "Median", "Spread"]]
        # A question with fewer answers than the minimum shows its n and nothing else.
        for q in results.questions:
            rows.append([f"Q{q.position}", q.text + ("  (lowest)" if q.lowest else ""), str(q.n),
                         fmt(q.mean), fmt(q.median, 1), q.spread])
        story.append(_table(rows, [12 * mm, 80 * mm, 10 * mm, 14 * mm, 16 * mm, 40 * mm], styles))
    comparison = paper.comparison
    if comparison is not None:
        before = paper.before_short or paper.before_label
        after = paper.after_short or paper.after_label
        heading = [Paragraph(markup(f"Compared: {before} and {after}"), styles["h2"]),
                   Paragraph(markup(f"Before: {paper.before_label}"), styles["small"]),
                   Paragraph(markup(f"After: {paper.after_label}"), styles["small"])]
        if comparison.withheld:
            story.extend(heading)
            story.append(Paragraph(markup(comparison.withheld), styles["base"]))
        else:
            block = [*heading]
            block.append(Paragraph(markup(
                f"Overall: {fmt(comparison.overall_before)} then {fmt(comparison.overall_after)}, a change of "
                f"{fmt_change(comparison.overall_change)}."), styles["base"]))
            moved = comparison.most_moved()
            if moved:
                block.append(Paragraph(markup("Moved most: " + "; ".join(
                    f"Q{c.position} {c.text} ({fmt_change(c.change)})" for c in moved)), styles["base"]))
            block.append(_bar_chart(
                [[c.before or 0 for c in comparison.changes], [c.after or 0 for c in comparison.changes]],
                [BEFORE, BAR], results.benchmark, (),
                [paper.before_short or paper.before_label, paper.after_short or paper.after_label]))
            # The heading, the figures and the chart stay on one page.
            story.append(KeepTogether(block))
            rows = [["", "Question", "Before", "After", "Change"]]
            rows += [[f"Q{c.position}", c.text, fmt(c.before), fmt(c.after), fmt_change(c.change)]
                     for c in comparison.changes]
            story.append(_table(rows, [12 * mm, 108 * mm, 16 * mm, 16 * mm, 20 * mm], styles))
    if paper.comments and not results.withheld:
        story.append(Paragraph("Comments (anonymous)", styles["h2"]))
        for question, notes in paper.comments:
            story.append(Paragraph(markup(question), ParagraphStyle("q", parent=styles["base"], fontName=SANS_BOLD)))
            for note in notes:
                story.append(Paragraph("• " + markup(note), styles["small"]))
    doc.build(story)
    return out.getvalue()


# -- CSV -------------------------------------------------------------------------------------


def csv_text(questions: Sequence[values.Question], given: Sequence[values.Response], minimum: int = 1) -> str:
    """One row per response (in id order) with each question's score and comment; no names.

    A question scored by fewer than `minimum` people has its scores left blank, and its comments
    too if fewer than `minimum` answered it at all: the file withholds what the screen does.
    """
    scored = [sum(1 for s in column if s is not None) for column in values.scores_by_question(questions, given)]
    answered = values.answered_by_question(questions, given)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["response", "day"]
    for n, q in enumerate(questions, start=1):
        header += [safe_cell(f"Q{n} {q.text}"), f"Q{n} comment"]
    writer.writerow(header)
    for number, r in enumerate(given, start=1):
        cells = [str(number), r.day]
        for i, q in enumerate(questions):
            answer = r.answers.get(q.id)
            score = "" if answer is None or answer.score is None or scored[i] < minimum else str(answer.score)
            comment = answer.comment if answer is not None and answered[i] >= minimum else ""
            cells += [score, safe_cell(comment)]
        writer.writerow(cells)
    return out.getvalue()


def export_csv(ws: Workspace, round_id: str, path: Path | str) -> int:
    """Write the round's anonymous responses as CSV (UTF-8 with a BOM); returns the row count."""
    found = values.audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    given = values.responses(ws, round_id)
    if len(given) < found.minimum_responses:
        # One or two responses in a file would be exactly the answers the minimum protects.
        raise InvalidValue(withheld_message(len(given), found.minimum_responses))
    questions = values.question_set(ws, found.set_id).questions
    write_atomically(path, csv_text(questions, given, found.minimum_responses).encode("utf-8-sig"))
    return len(given)
