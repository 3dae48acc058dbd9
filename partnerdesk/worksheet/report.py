"""The worksheet's pages in a workshop report: each step's notes, and its items ticked or rated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk.worksheet.values import TICKED, item_value, notes_of, read_answers, summary_text, worksheet_of

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from partnerdesk import records
    from partnerdesk.report.kit import ReportKit
    from partnerdesk.store import Workspace

TICK = "✓"


def report_section(ws: Workspace, exercise: records.Exercise, kit: ReportKit) -> list[Flowable]:
    try:
        worksheet = worksheet_of(exercise)
    except KeyError:
        return [kit.note(f"The worksheet's template “{exercise.template}” is missing, so its answers "
                         "cannot be laid out.")]
    answers = read_answers(exercise.settings)
    story: list[Flowable] = [kit.note(summary_text(worksheet, answers))]
    unanswered = []
    for section in worksheet.sections:
        notes = notes_of(answers, section.key).strip()
        values = [item_value(answers, section.key, i) for i in range(len(section.items))]
        if not notes and not any(values):
            unanswered.append(section.title)
            continue
        block: list[Flowable] = [kit.heading(section.title, 3)]
        if section.prompt:
            block.append(kit.note(section.prompt))
        if notes:
            block.append(kit.para(notes))
        if section.items:
            heading = "Rating" if worksheet.scale else "Ticked"
            rows: list[list[object]] = [[heading, "Item"]]
            rows += [[TICK if value == TICKED else value, text] for value, text in zip(values, section.items,
                                                                                    strict=True)]
            block.append(kit.table(rows, [0.14, 0.86]))
        story.append(kit.keep(block) if len(section.items) < 12 else block[0])
        if len(section.items) >= 12:
            story += block[1:]
    if unanswered:
        story.append(kit.note("Not answered: " + "; ".join(unanswered) + "."))
    return story
