"""The behaviours audit's pages in a report: a round's results chart and table, withheld below
its minimum exactly as on screen, and across a programme the rounds compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk import records
from partnerdesk.behaviours_audit import KIND, stats, values
from partnerdesk.behaviours_audit.stats import fmt, fmt_change
from partnerdesk.report.drawing import Series, bar_chart

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from partnerdesk.report.kit import ReportKit
    from partnerdesk.store import Workspace

PROGRAMME_ORDER = 10
BAR = "#2563eb"
BEFORE = "#9ca3af"


def results_flowables(results: stats.RoundResults, kit: ReportKit, benchmark_label: str) -> list[Flowable]:
    if results.withheld:
        return [kit.para(results.withheld_message, "h3")]
    summary = f"{results.responses} anonymous responses. Overall average {fmt(results.overall)} out of ten"
    if results.benchmark is not None:
        summary += f", against a benchmark of {results.benchmark:.1f} ({benchmark_label})"
    head: list[Flowable] = [kit.para(summary + ".")]
    lowest = results.lowest
    if lowest:
        head.append(kit.para("Lowest items: " + "; ".join(f"Q{q.position} {q.text} ({fmt(q.mean, 1)})"
                                                          for q in lowest) + "."))
    reference = (results.benchmark, f"benchmark {results.benchmark:.1f}") if results.benchmark is not None else None
    story: list[Flowable] = [kit.keep([*head, bar_chart([f"Q{q.position}" for q in results.questions],
                           [Series("Average score", tuple(q.mean for q in results.questions), BAR)],
                           width=kit.width, height=180, value_max=10, value_step=2, label_format="{:.1f}",
                           reference=reference, highlight=[q.position - 1 for q in lowest]),
        kit.note("Average score per question, out of ten; the lowest items in red.")])]
    rows: list[list[object]] = [["", "Question", "n", "Mean", "Median", "Spread"]]
    rows += [[f"Q{q.position}", q.text + ("  (lowest)" if q.lowest else ""), str(q.n), fmt(q.mean),
              fmt(q.median, 1), q.spread] for q in results.questions]
    story.append(kit.table(rows, [0.06, 0.5, 0.06, 0.09, 0.1, 0.19], right=[2, 3, 4]))
    withheld = [f"Q{q.position}" for q in results.questions if q.withheld]
    if withheld:
        story.append(kit.note(f"{', '.join(withheld)}: fewer than {results.minimum_responses} people answered, so "
                              "only the number of answers is shown, as on screen."))
    return story


def report_section(ws: Workspace, exercise: records.Exercise, kit: ReportKit) -> list[Flowable]:
    # A round not set up yet reads as one with no responses: withheld, as on screen.
    found = values.planned_round(ws, exercise.id)
    tpl = values.audit_template(exercise.template)
    story = results_flowables(values.results_of(ws, found), kit, tpl.get("benchmark_label", "Benchmark"))
    comments = values.comments_of(ws, found)
    if comments:
        story.append(kit.heading("Comments (anonymous)", 3))
        for question, notes in comments:
            story.append(kit.para(question, "cell_bold"))
            story += kit.bullets(notes)
    return story


def _programme_rounds(ws: Workspace, programme_id: str) -> list[values.RoundInfo]:
    for session in records.workshops(ws, programme_id):
        for exercise in records.exercises(ws, session.id):
            if exercise.kind == KIND:
                found = values.round_for_exercise(ws, exercise.id)
                if found is not None:
                    return values.related_to(ws, found)
    return []


def programme_section(ws: Workspace, programme_id: str, kit: ReportKit) -> list[Flowable]:
    """The programme's audit rounds, and its first and last compared question by question."""
    rounds = _programme_rounds(ws, programme_id)
    if not rounds:
        return []
    story: list[Flowable] = [kit.heading("The behaviours audit across the programme", 2)]
    rows: list[list[object]] = [["Round", "Responses", "Overall"]]
    results_by_round = {}
    for info in rounds:
        results = results_by_round[info.round.id] = values.results_of(ws, info.round)
        rows.append([info.label, str(results.responses),
                     "withheld" if results.withheld else fmt(results.overall)])
    story.append(kit.table(rows, [0.7, 0.14, 0.16], right=[1, 2]))
    if len(rounds) < 2:
        return story
    first, last = rounds[0], rounds[-1]
    compared = stats.compare(results_by_round[first.round.id], results_by_round[last.round.id])
    heading = kit.heading(f"Compared: {first.short_label} and {last.short_label}", 3)
    if compared.withheld:
        return [*story, heading, kit.para(compared.withheld)]
    block = [heading, kit.para(f"Overall: {fmt(compared.overall_before)} → {fmt(compared.overall_after)}, a change "
                               f"of {fmt_change(compared.overall_change)}.", "h3")]
    moved = compared.most_moved()
    if moved:
        block.append(kit.para("Moved most: " + "; ".join(f"Q{c.position} {c.text} ({fmt_change(c.change)})"
                                                        for c in moved) + "."))
    block.append(bar_chart(
        [f"Q{c.position}" for c in compared.changes],
        [Series(first.short_label, tuple(c.before for c in compared.changes), BEFORE),
         Series(last.short_label, tuple(c.after for c in compared.changes), BAR)],
        width=kit.width, height=165, value_max=10, value_step=2, label_format="{:.1f}"))
    block.append(kit.note("Average score per question, out of ten, in the first and the last round."))
    # The figures and their chart on one page.
    story.append(kit.keep(block))
    rows = [["", "Question", "Before", "After", "Change"]]
    rows += [[f"Q{c.position}", c.text, fmt(c.before), fmt(c.after), fmt_change(c.change)] for c in compared.changes]
    story.append(kit.table(rows, [0.06, 0.58, 0.12, 0.12, 0.12], right=[2, 3, 4]))
    return story
