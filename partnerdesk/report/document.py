"""The workshop report and the programme report: the record of a day, or of a programme.

A workshop report is a title page, the agenda as planned and as run, attendance with totals by
organisation and side, then each exercise in agenda order, each drawn by its kind's
`report.py` (`report_section(ws, exercise, kit)`). A programme report opens with attendance
across the sessions and each kind's programme summary (`programme_section(ws, programme_id,
kit)`), then each session's pages. A kind with no `report.py` (the learning log) adds nothing:
a learning log stays with its participant.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, SimpleDocTemplate

from partnerdesk import __version__, records
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import one_line
from partnerdesk.kinds import kind_ids, kind_module
from partnerdesk.pdf import document_fonts, laid_out_as_typed, markup, register_fonts
from partnerdesk.report.drawing import Series, bar_chart
from partnerdesk.report.kit import FRAME_MARGIN, LATE, MUTED, ReportKit, long_date

if TYPE_CHECKING:
    from partnerdesk.store import Workspace

PAGE = A4
FRAME_WIDTH = PAGE[0] - 2 * FRAME_MARGIN


def new_kit() -> ReportKit:
    return ReportKit(width=FRAME_WIDTH)


# -- the agenda, planned and as run -----------------------------------------------------------


def _minutes(hhmm: str) -> int | None:
    try:
        hours, minutes = hhmm.strip().split(":")
        return int(hours) * 60 + int(minutes)
    except (ValueError, AttributeError):
        return None


def _started(actual: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(actual) if actual else None
    except ValueError:
        return None


def _signed(minutes: int, late: str, early: str) -> str:
    if minutes == 0:
        return "on time"
    return f"{abs(minutes)} min {late if minutes > 0 else early}"


def agenda_rows(items: Sequence[records.AgendaItem]) -> list[dict[str, str]]:
    """Each item's plan and what happened: its recorded start, how late or early that was, and,
    when the next item's start was recorded too, how long it ran against its planned length."""
    rows = []
    for index, item in enumerate(items):
        planned = _minutes(item.start_time)
        started = _started(item.actual_start)
        row = {"planned": item.start_time, "duration": f"{item.duration_minutes} min" if item.duration_minutes else "",
               "title": item.title, "notes": item.notes, "started": "", "start_note": "", "ran": "",
               "late": ""}
        if started is not None:
            row["started"] = started.strftime("%H:%M")
            if planned is not None:
                lateness = started.hour * 60 + started.minute - planned
                row["start_note"] = _signed(lateness, "late", "early")
                row["late"] = "1" if lateness > 0 else ""
            following = next((_started(i.actual_start) for i in items[index + 1:] if _started(i.actual_start)),
                             None)
            if following is not None and following > started:
                ran = round((following - started).total_seconds() / 60)
                over = ran - item.duration_minutes
                row["ran"] = f"{ran} min" + (f" ({_signed(over, 'over', 'under')})" if over else "")
                if over > 0:
                    row["late"] = "1"
        rows.append(row)
    return rows


def agenda_section(ws: Workspace, workshop_id: str, kit: ReportKit) -> list[Flowable]:
    items = records.agenda(ws, workshop_id)
    story: list[Flowable] = [kit.heading("Agenda: as planned and as run", 2)]
    if not items:
        return [*story, kit.note("No agenda was set for this workshop.")]
    titles = {e.id: e.title for e in records.exercises(ws, workshop_id)}
    rows: list[list[object]] = [["Plan", "Length", "Item", "Started", "Ran"]]
    marks = []
    as_run = agenda_rows(items)
    was_run = any(row["started"] for row in as_run)
    for n, (item, row) in enumerate(zip(items, as_run, strict=True), start=1):
        item_cell: list[str] = [row["title"]]
        if row["notes"]:
            item_cell.append(row["notes"])
        if item.exercise_id and item.exercise_id in titles:
            item_cell.append(f"Exercise: {titles[item.exercise_id]}")
        cell = kit.para(item_cell[0], "cell_bold")
        if len(item_cell) > 1:
            cell = [cell, *(kit.para(text, "cell") for text in item_cell[1:])]
        started = row["started"] + (f" ({row['start_note']})" if row["start_note"] else "")
        rows.append([row["planned"], row["duration"], cell, started or ("not started" if was_run else "—"),
                     row["ran"]])
        if row["late"]:
            marks.append(("TEXTCOLOR", (3, n), (4, n), LATE))
    story.append(kit.table(rows, [0.08, 0.08, 0.44, 0.2, 0.2], extra=marks))
    run = [r for r in as_run if r["started"]]
    if not run:
        story.append(kit.note("The agenda was not run from PartnerDesk, so no actual start times were recorded."))
    else:
        late = [r for r in as_run if r["late"]]
        story.append(kit.note(f"{len(run)} of {len(items)} items were started from the agenda runner; "
                              f"{len(late)} started late or ran over."))
    return story


# -- attendance -------------------------------------------------------------------------------


def attendance_section(ws: Workspace, workshop_id: str, kit: ReportKit, names: bool = True) -> list[Flowable]:
    totals = records.attendance_totals(ws, workshop_id)
    story: list[Flowable] = [kit.heading("Attendance", 2)]
    story.append(kit.para(f"{totals.present} present of {totals.invited} participants."))
    if not totals.present:
        return story
    by_org = [["Organisation", "Present"], *[[name, str(n)] for name, n in totals.by_organisation.items()]]
    by_side = [["Side", "Present"], *[[name, str(n)] for name, n in totals.by_side.items()]]
    story.append(kit.keep([kit.table(by_org, [0.62, 0.13], right=[1]), kit.space(6),
                           kit.table(by_side, [0.62, 0.13], right=[1])]))
    if not names:
        return story
    people = records.attendees(ws, workshop_id)
    story += kit.heading_over("Who came")
    rows = [["Name", "Organisation", "Role", "Side"]]
    rows += [[p.name, p.organisation, p.role, p.side] for p in people]
    story.append(kit.table(rows, [0.26, 0.32, 0.27, 0.15]))
    return story


# -- exercises --------------------------------------------------------------------------------


def exercises_in_order(ws: Workspace, workshop_id: str) -> list[records.Exercise]:
    """The workshop's exercises as the day ran them: those linked from the agenda in its order,
    then the rest in their own order."""
    found = records.exercises(ws, workshop_id)
    by_id = {e.id: e for e in found}
    ordered: list[records.Exercise] = []
    for item in records.agenda(ws, workshop_id):
        if item.exercise_id in by_id and by_id[item.exercise_id] not in ordered:
            ordered.append(by_id[item.exercise_id])
    ordered += [e for e in found if e not in ordered]
    return ordered


def _section_hook(kind: str, name: str) -> Callable | None:
    module = kind_module(kind, "report") if kind in kind_ids() else None
    return getattr(module, name, None) if module is not None else None


def exercise_section(ws: Workspace, exercise: records.Exercise, kit: ReportKit,
                     agenda_titles: dict[str, str]) -> list[Flowable]:
    """One exercise under its heading, or nothing for a kind that gives no report section."""
    section = _section_hook(exercise.kind, "report_section")
    if section is None:
        return []
    body = section(ws, exercise, kit)
    heading: list[Flowable] = [CondPageBreak(120), kit.heading(exercise.title or "Exercise", 2)]
    where = []
    if exercise.group_id:
        group = ws.get("small_groups", exercise.group_id)
        if group:
            where.append(f"Small group: {group['name']}")
    if exercise.id in agenda_titles:
        where.append(f"Agenda: {agenda_titles[exercise.id]}")
    if where:
        heading.append(kit.note(" · ".join(where)))
    # The heading never ends a page alone: it goes with the section's first block.
    return [heading[0], kit.keep([*heading[1:], *body[:1]]), *body[1:]]


def exercises_section(ws: Workspace, workshop_id: str, kit: ReportKit) -> list[Flowable]:
    agenda_titles: dict[str, str] = {}
    for item in records.agenda(ws, workshop_id):
        if item.exercise_id:
            agenda_titles.setdefault(item.exercise_id, f"{item.start_time} {item.title}".strip())
    story: list[Flowable] = []
    for exercise in exercises_in_order(ws, workshop_id):
        story += exercise_section(ws, exercise, kit, agenda_titles)
    return story


# -- whole reports ----------------------------------------------------------------------------


def _title_block(ws: Workspace, workshop: records.Workshop, kit: ReportKit, cover: bool) -> list[Flowable]:
    programme = records.programme(ws, workshop.programme_id) if workshop.programme_id else None
    facts = [long_date(workshop.date), workshop.venue]
    facts = [f for f in facts if f.strip()]
    if cover:
        story: list[Flowable] = [kit.space(150), kit.para("Workshop report", "note")]
        if programme is not None:
            story.append(kit.para(programme.title, "cover_sub"))
        story.append(kit.para(workshop.title, "cover"))
        story += [kit.para(f, "cover_sub") for f in facts]
        story.append(kit.space(30))
        story.append(kit.note(f"Made with PartnerDesk {__version__} from the workshop's record. "
                              "Learning logs are personal and are not part of this report."))
        story.append(PageBreak())
        return story
    return [kit.para(workshop.title, "h1"), kit.note(" · ".join(facts) or "No date or venue set.")]


def workshop_story(ws: Workspace, workshop_id: str, kit: ReportKit, cover: bool = True,
                   names: bool = True) -> list[Flowable]:
    """The workshop's pages as flowables (for another document to include); `names` lists who
    came (a programme report lists everyone's sessions once instead)."""
    workshop = records.workshop(ws, workshop_id)
    if workshop is None:
        raise InvalidValue("That workshop is no longer in the workspace.")
    return [*_title_block(ws, workshop, kit, cover), *agenda_section(ws, workshop_id, kit),
            *attendance_section(ws, workshop_id, kit, names), *exercises_section(ws, workshop_id, kit)]


def attendance_chart(ws: Workspace, programme_id: str, kit: ReportKit) -> list[Flowable]:
    sessions = records.workshops(ws, programme_id)
    story: list[Flowable] = [kit.heading("Attendance across the programme", 2)]
    if not sessions:
        return [*story, kit.note("This programme has no sessions yet.")]
    counts = [records.attendance_totals(ws, s.id).present for s in sessions]
    names = [f"Session {n}" for n in range(1, len(sessions) + 1)]
    story.append(bar_chart(names, [Series("Present", tuple(counts), "#2563eb")], width=kit.width, height=170,
                           value_step=5 if max(counts, default=0) > 10 else 1))
    story.append(kit.note("Participants present at each session."))
    rows = [["", "Session", "Date", "Present"]]
    rows += [[str(n), s.title, long_date(s.date), str(c)]
             for n, (s, c) in enumerate(zip(sessions, counts, strict=True), start=1)]
    story.append(kit.table(rows, [0.05, 0.6, 0.2, 0.15], right=[3]))
    return [*story, *attendance_matrix(ws, programme_id, sessions, kit)]


def attendance_matrix(ws: Workspace, programme_id: str, sessions: Sequence[records.Workshop],
                      kit: ReportKit) -> list[Flowable]:
    """Who came to which session: one row a participant, a tick a session attended."""
    people = records.participants_of_programme(ws, programme_id)
    if not people or len(sessions) > 12:
        return []
    present = [records.attendee_ids(ws, s.id) for s in sessions]
    rows: list[list[object]] = [["Name", "Organisation", *(f"S{n}" for n in range(1, len(sessions) + 1)), "Total"]]
    for person in people:
        marks = ["✓" if person.id in ids else "" for ids in present]
        rows.append([person.name, person.organisation, *marks, str(marks.count("✓"))])
    share = 0.3 / len(sessions)
    return [*kit.heading_over("Who came to which session"),
            kit.table(rows, [0.27, 0.35, *([share] * len(sessions)), 0.08], right=[len(sessions) + 2])]


def programme_story(ws: Workspace, programme_id: str, kit: ReportKit) -> list[Flowable]:
    programme = records.programme(ws, programme_id)
    if programme is None:
        raise InvalidValue("That programme is no longer in the workspace.")
    sessions = records.workshops(ws, programme_id)
    dates = [s.date for s in sessions if s.date]
    story: list[Flowable] = [kit.space(150), kit.para("Programme report", "note"),
                             kit.para(programme.title, "cover")]
    if dates:
        story.append(kit.para(f"{len(sessions)} sessions, {long_date(min(dates))} to {long_date(max(dates))}",
                              "cover_sub"))
    if programme.description.strip():
        story.append(kit.para(programme.description))
    story += [kit.space(30), kit.note(f"Made with PartnerDesk {__version__}. Learning logs are personal and are "
                                      "not part of this report."), PageBreak()]
    story.append(kit.para(programme.title, "h1"))
    story += attendance_chart(ws, programme_id, kit)
    hooks = []
    for kind in kind_ids():
        module = kind_module(kind, "report")
        hook = getattr(module, "programme_section", None) if module is not None else None
        if hook is not None:
            hooks.append((getattr(module, "PROGRAMME_ORDER", 1000), kind, hook))
    for _, _, hook in sorted(hooks, key=lambda h: (h[0], h[1])):
        story += hook(ws, programme_id, kit)
    for session in sessions:
        story.append(PageBreak())
        story += workshop_story(ws, session.id, kit, cover=False, names=False)
    return story


class _ReportTemplate(SimpleDocTemplate):
    """Pages with an outline: each session (h1) and each section (h2) is a bookmark."""

    def afterFlowable(self, flowable: Flowable) -> None:
        name = getattr(getattr(flowable, "style", None), "name", None)
        if name not in ("h1", "h2"):
            return
        text = flowable.getPlainText() if isinstance(flowable, Paragraph) else getattr(flowable, "text", "")
        self._marks = getattr(self, "_marks", 0) + 1
        key = f"section-{self._marks}"
        if name == "h1":
            self._under_h1 = True
        level = 1 if name == "h2" and getattr(self, "_under_h1", False) else 0
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(one_line(text, 200), key, level=level)


def _render(story: list[Flowable], title: str, subject: str, invariant: bool) -> bytes:
    register_fonts()
    kit = new_kit()
    out = io.BytesIO()
    doc = _ReportTemplate(
        out, pagesize=PAGE, leftMargin=FRAME_MARGIN, rightMargin=FRAME_MARGIN, topMargin=FRAME_MARGIN,
        bottomMargin=FRAME_MARGIN + 4, title=one_line(title, 300), subject=one_line(subject, 300), author="",
        creator=f"PartnerDesk {__version__}", invariant=1 if invariant else 0,
        # Otherwise every page names an unused Helvetica, a font not embedded in the file.
        **document_fonts(9.5, 12.5),
    )
    title_line = one_line(title, 300)
    footer_text = markup(title_line)
    plain = laid_out_as_typed(title_line) and all(ord(c) in register_fonts()[0] for c in title_line)

    def footer(canvas, document) -> None:
        if document.page == 1:
            return
        canvas.saveState()
        if plain:  # most titles: drawn as they are, without a paragraph to lay out each page
            canvas.setFont(kit.sans, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(document.leftMargin, FRAME_MARGIN - 10, f"{title_line} · page {document.page}")
        else:
            text = Paragraph(f"{footer_text} · page {document.page}", kit.styles["footer"])
            _, height = text.wrap(document.width, FRAME_MARGIN)
            text.drawOn(canvas, document.leftMargin, FRAME_MARGIN - height - 2)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def workshop_report(ws: Workspace, workshop_id: str, *, invariant: bool = False) -> bytes:
    """The workshop report as PDF bytes."""
    workshop = records.workshop(ws, workshop_id)
    if workshop is None:
        raise InvalidValue("That workshop is no longer in the workspace.")
    story = workshop_story(ws, workshop_id, new_kit())
    return _render(story, f"Workshop report: {workshop.title}", workshop.title, invariant)


def programme_report(ws: Workspace, programme_id: str, *, invariant: bool = False) -> bytes:
    """The programme report as PDF bytes: the programme's summary, then every session's pages."""
    programme = records.programme(ws, programme_id)
    if programme is None:
        raise InvalidValue("That programme is no longer in the workspace.")
    story = programme_story(ws, programme_id, new_kit())
    return _render(story, f"Programme report: {programme.title}", programme.title, invariant)
