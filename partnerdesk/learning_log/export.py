"""Learning logs on paper: whose PDFs to write, the files' names, and each participant's
Personal Learning Log as PDF bytes (ReportLab, from prepared data only)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from partnerdesk import __version__, records
from partnerdesk.errors import WriteFailed
from partnerdesk.exports import clean_text, safe_file_stem, write_atomically
from partnerdesk.learning_log.values import STEPS, LogBook, WorkshopPage, log_book, log_template
from partnerdesk.pdf import SANS, SANS_BOLD, form_textfield, markup, paragraph, register_fonts
from partnerdesk.resources import Template
from partnerdesk.store import Workspace

LINE_SPACING = 22  # points between ruled lines: room for handwriting
HEAD_ROOM = 90  # a step's heading, prompt and two lines of answer
#: The share of a page's frame an empty prompt's ruled lines get at least.
WRITING_SHARE = 0.6
MARGIN = 20 * mm
INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#4b5563")
RULE = colors.HexColor("#9ca3af")


# -- flowables ------------------------------------------------------------------------------


class RuledLines(Flowable):
    """Lines to write on by hand; splits across pages, and can carry a fillable form field."""

    def __init__(self, height: float, field_name: str | None = None, tooltip: str = "",
                 fill: bool = False, leave: float = 0):
        super().__init__()
        self.height = max(LINE_SPACING, height - height % LINE_SPACING)
        self.field_name = field_name
        self.tooltip = tooltip
        #: Take whatever height is left in the frame (the rest of a notes page).
        self.fill = fill
        #: Take the rest of the frame too when less than this would be left below the lines.
        self.leave = leave
        self._part = 1

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        if self.fill or (self.leave and self.height <= avail_height < self.height + self.leave):
            self.height = max(0.0, avail_height - avail_height % LINE_SPACING)
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        if self.fill:
            return []
        first = avail_height - avail_height % LINE_SPACING
        if first < 2 * LINE_SPACING or first >= self.height:
            return []
        head = RuledLines(first, self.field_name, self.tooltip)
        tail = RuledLines(self.height - first, self.field_name, self.tooltip)
        head._part, tail._part = self._part, self._part + 1
        return [head, tail]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = self.height - LINE_SPACING
        while y >= 0:
            canvas.line(0, y, self.width, y)
            y -= LINE_SPACING
        canvas.restoreState()
        if self.field_name and self.height >= LINE_SPACING:
            name = self.field_name if self._part == 1 else f"{self.field_name}_{self._part}"
            form_textfield(  # the field's font is embedded, unlike acroForm's Helvetica
                canvas,
                name=name, tooltip=self.tooltip or None, x=0, y=0, width=self.width,
                height=self.height, relative=True, fieldFlags="multiline", borderWidth=0,
                fillColor=colors.Color(1, 1, 1, alpha=0), borderColor=None, textColor=INK,
                fontSize=11, maxlen=0,
            )


class SectionStart(Flowable):
    """Marks where a workshop's page (or the notes) begins, for the 'continued' header."""

    def __init__(self, title: str, state: dict):
        super().__init__()
        self.title = title
        self.state = state

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.state["title"] = self.title
        self.state["page"] = self.canv.getPageNumber()


class _LogDocTemplate(SimpleDocTemplate):
    """Pages that continue a workshop's long answers say which workshop they belong to."""

    def __init__(self, *args, section_state: dict, header_style: ParagraphStyle, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_state = section_state
        self.header_style = header_style

    def afterPage(self):
        state = self.section_state
        if state.get("title") and state.get("page") != self.canv.getPageNumber():
            text = Paragraph(f"{state['title']} {state.get('continued', '')}", self.header_style)
            text.wrap(self.width, self.topMargin)
            text.drawOn(self.canv, self.leftMargin, self.pagesize[1] - self.topMargin + 4)


# -- the document ---------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=SANS, bulletFontName=SANS, fontSize=10.5, leading=15,
                          textColor=INK)
    return {
        "body": base,
        "series": ParagraphStyle("series", base, fontSize=11, textColor=MUTED, alignment=TA_CENTER),
        "title": ParagraphStyle("title", base, fontName=SANS_BOLD, fontSize=26, leading=32,
                                alignment=TA_CENTER, spaceBefore=18, spaceAfter=30),
        "label": ParagraphStyle("label", base, fontSize=10, textColor=MUTED),
        "name": ParagraphStyle("name", base, fontName=SANS_BOLD, fontSize=20, leading=26, spaceAfter=12),
        "cover_date": ParagraphStyle("cover_date", base, fontSize=14, leading=19, spaceAfter=14),
        "programme": ParagraphStyle("programme", base, fontSize=14, leading=19, spaceAfter=20),
        "notice": ParagraphStyle("notice", base, fontName=SANS_BOLD, fontSize=10.5, leading=15),
        "bullet": ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=2, spaceBefore=2),
        "workshop": ParagraphStyle("workshop", base, fontName=SANS_BOLD, fontSize=16, leading=21,
                                   spaceAfter=4),
        "details": ParagraphStyle("details", base, textColor=MUTED, spaceAfter=6),
        "step": ParagraphStyle("step", base, fontName=SANS_BOLD, fontSize=12.5, leading=16,
                               spaceBefore=10),
        "prompt": ParagraphStyle("prompt", base, fontSize=9.5, leading=13, textColor=MUTED,
                                 spaceAfter=5),
        "answer": ParagraphStyle("answer", base, spaceAfter=4),
        "heading": ParagraphStyle("heading", base, fontName=SANS_BOLD, fontSize=15, leading=20,
                                  spaceAfter=10),
        "footer": ParagraphStyle("footer", base, fontSize=8, leading=10, textColor=MUTED),
    }


def _paragraphs(text: str, style: ParagraphStyle) -> list:
    """User text line by line (blank lines kept as space), so long answers split anywhere."""
    flowables: list = []
    for line in clean_text(text).strip("\n").split("\n"):
        if line.strip():
            flowables.append(paragraph(line, style))  # right-to-left lines break in reading order
        else:
            flowables.append(Spacer(1, style.leading * 0.6))
    return flowables


def _cover(book: LogBook, tpl: Template, styles, fillable: bool = False) -> list:
    story = [
        Paragraph(markup(tpl.get("series", "")), styles["series"]),
        Paragraph(markup(tpl.get("heading", "PERSONAL LEARNING LOG")), styles["title"]),
        _name_and_date(book, tpl, styles, fillable),
        Paragraph(markup(tpl.get("programme_label", "PROGRAMME:")), styles["label"]),
        Paragraph(markup(book.programme) or "&nbsp;", styles["programme"]),
    ]
    notice = Table([[Paragraph(markup(tpl.get("confidential", "")), styles["notice"])]])
    notice.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f4f6")),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    story += [notice, Spacer(1, 18)]
    for text in tpl.get("introduction", []):
        story.append(Paragraph(markup(text), ParagraphStyle("intro", styles["body"], spaceAfter=8)))
    for text in tpl.get("cycle", []):
        story.append(Paragraph(markup(text), styles["bullet"], bulletText="•"))
    if tpl.get("closing"):
        story += [Spacer(1, 10), Paragraph(markup(tpl["closing"]), styles["notice"])]
    if not book.workshops and tpl.get("no_workshops"):
        story += [Spacer(1, 10), Paragraph(markup(tpl["no_workshops"]), styles["body"])]
    return story


def cover_date(book: LogBook) -> str:
    """The DATE on the cover: the workshop's date, or the first to the last of several."""
    dates = [page.date for page in book.workshops if page.date.strip()]
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


class _WriteOn(Flowable):
    """A ruled blank on the cover (the workbook's DATE:), fillable when the log is."""

    def __init__(self, field_name: str | None, tooltip: str, height: float = 26):
        super().__init__()
        self.field_name, self.tooltip, self.height = field_name, tooltip, height

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(0, 2, self.width, 2)
        canvas.restoreState()
        if self.field_name:
            form_textfield(canvas, name=self.field_name, tooltip=self.tooltip, x=0, y=3,
                           width=self.width, height=self.height - 3, relative=True, borderWidth=0,
                           fillColor=colors.Color(1, 1, 1, alpha=0), borderColor=None,
                           textColor=INK, fontSize=11, maxlen=0)


def _name_and_date(book: LogBook, tpl: Template, styles, fillable: bool) -> Table:
    """NAME: and DATE: side by side, as on the workbook's cover."""
    when = cover_date(book)
    date_label = tpl.get("date_label", "DATE:")
    # A range breaks at its dash, never inside a date.
    shown = " – ".join(markup(part).replace(" ", "&nbsp;") for part in when.split(" – "))
    date = (Paragraph(shown, styles["cover_date"]) if when
            else _WriteOn("date" if fillable else None, date_label))
    table = Table(
        [[Paragraph(markup(tpl.get("name_label", "NAME:")), styles["label"]),
          Paragraph(markup(date_label), styles["label"])],
         [Paragraph(markup(book.participant) or "&nbsp;", styles["name"]), date]],
        colWidths=["55%", "45%"],
    )
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 10),
    ]))
    return table


def _workshop(page: WorkshopPage, number: int, tpl: Template, styles, width: float,
              frame_height: float, fillable: bool, state: dict) -> list:
    details = []
    if page.date:
        details.append(f"{markup(tpl.get('date_label', 'DATE:'))} {markup(page.date)}")
    if page.venue:
        details.append(f"{markup(tpl.get('venue_label', 'VENUE:'))} {markup(page.venue)}")
    story: list = [PageBreak(), SectionStart(markup(page.title), state),
                   Paragraph(markup(page.title) or "&nbsp;", styles["workshop"])]
    if details:
        story.append(Paragraph("&nbsp;&nbsp;&nbsp;&nbsp;".join(details), styles["details"]))
    steps = {s["field"]: s for s in tpl.get("steps", [])}
    for index, field in enumerate(STEPS):
        step = steps.get(field, {"heading": field.upper(), "prompt": ""})
        head = [Paragraph(markup(step["heading"]), styles["step"])]
        if step.get("prompt"):
            head.append(Paragraph(markup(step["prompt"]), styles["prompt"]))
        answer = page.answers.get(field, "")
        if answer.strip():
            # The heading never sits alone at the foot of a page, away from its answer; a
            # long first paragraph still starts on this page rather than leaving a gap.
            story.append(CondPageBreak(HEAD_ROOM))
            story += head + _paragraphs(answer, styles["answer"])
        else:
            # As in the workbook, a prompt with nothing written gets most of a page to write
            # on: the rest of this page when most of it is free, else the next page. Only a
            # written answer that follows may share the foot of that page.
            name = f"w{number}_{field}" if fillable else None
            lines = WRITING_SHARE * frame_height
            room = _height(head, width, frame_height) + lines
            following = STEPS[index + 1] if index + 1 < len(STEPS) else None
            fill = following is None or not page.answers.get(following, "").strip()
            story.append(CondPageBreak(room))
            story += [*head, RuledLines(lines, name, step["heading"], fill=fill, leave=HEAD_ROOM)]
    return story


def _notes(book: LogBook, tpl: Template, styles, fillable: bool, state: dict) -> list:
    heading = markup(tpl.get("notes_heading", "NOTES"))
    story: list = [PageBreak(), SectionStart(heading, state), Paragraph(heading, styles["heading"])]
    for page in book.workshops:
        if not page.notes.strip():
            continue
        label = page.title + (f" ({page.date})" if page.date else "")
        story += [CondPageBreak(HEAD_ROOM), Paragraph(markup(label), styles["step"])]
        story += _paragraphs(page.notes, styles["answer"])
        story.append(Spacer(1, 8))
    pages = max(1, int(tpl.get("notes_pages", 1)))
    label = tpl.get("notes_label", "Notes")
    # The rest of this page, then whole ruled pages up to the template's number of pages.
    story += [Spacer(1, 6), RuledLines(0, "notes" if fillable else None, label, fill=True)]
    for page in range(2, pages + 1):
        story += [PageBreak(), RuledLines(0, f"notes_page{page}" if fillable else None, label, fill=True)]
    return story


def _height(flowables: list, width: float, frame_height: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, frame_height)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def render_learning_log(book: LogBook, tpl: Template, *, letter: bool = False,
                        fillable: bool = False, invariant: bool = False) -> bytes:
    """The participant's log: cover, one page per workshop attended, then notes pages.

    `invariant` gives byte-identical output for the same input (fixed dates and ids), for tests.
    """
    register_fonts()
    styles = _styles()
    pagesize = LETTER if letter else A4
    buffer = io.BytesIO()
    title = f"{tpl.get('document_title', 'Personal Learning Log')}: {clean_text(book.participant)}"
    state = {"title": None, "page": 0, "continued": markup(tpl.get("continued", "(continued)"))}
    doc = _LogDocTemplate(
        buffer, section_state=state, header_style=styles["footer"], pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm, title=title.replace("\n", " "),
        author=clean_text(book.participant).replace("\n", " "),
        subject=clean_text(book.programme).replace("\n", " "),
        creator=f"PartnerDesk {__version__}", invariant=1 if invariant else 0,
        # Otherwise every page names an unused Helvetica, a font not embedded in the file.
        initialFontName=SANS, initialFontSize=10.5, initialLeading=15,
    )
    frame_height = doc.height
    story = _cover(book, tpl, styles, fillable)
    for number, page in enumerate(book.workshops, start=1):
        story += _workshop(page, number, tpl, styles, doc.width, frame_height, fillable, state)
    story += _notes(book, tpl, styles, fillable, state)

    footer_text = (f"{markup(tpl.get('document_title', 'Personal Learning Log'))} · "
                   f"{markup(book.participant)} · {markup(tpl.get('footer_notice', 'Confidential'))}")

    def footer(canvas, document):
        canvas.saveState()
        text = Paragraph(f"{footer_text} · {document.page}", styles["footer"])
        _, height = text.wrap(document.width, MARGIN)
        text.drawOn(canvas, document.leftMargin, MARGIN - height)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


# -- choosing whom to print -----------------------------------------------------------------


@dataclass(frozen=True)
class PrintJob:
    """One PDF to write: whose log, which workshops (None: all attended), and the file name."""

    participant_id: str
    participant: str
    workshop_ids: tuple[str, ...] | None
    file_name: str


#: Kept under its old name for the command line's callers.
UnknownTitleError = records.UnknownTitle


def jobs_for_workshop(ws: Workspace, workshop_id: str) -> list[PrintJob]:
    """Every attendee of a workshop, each with that workshop's page only."""
    people = records.attendees(ws, workshop_id)
    return _jobs([(p, (workshop_id,)) for p in people])


def jobs_for_programme(ws: Workspace, programme_id: str) -> list[PrintJob]:
    """Everyone who attended any of a programme's workshops, each with their whole log."""
    people = records.participants_of_programme(ws, programme_id)
    return _jobs([(p, None) for p in people if records.workshops_attended(ws, p.id)])


def jobs_for_everyone(ws: Workspace) -> list[PrintJob]:
    people = []
    for programme in records.programmes(ws):
        people += [p for p in records.participants_of_programme(ws, programme.id)
                   if records.workshops_attended(ws, p.id)]
    for found in records.workshops(ws, None):
        people += records.attendees(ws, found.id)
    return _jobs([(p, None) for p in people])


def jobs_for_title(
    ws: Workspace, programme: str | None = None, workshop: str | None = None
) -> list[PrintJob]:
    """The jobs for a programme or workshop named by title (or everyone); UnknownTitleError if none."""
    if programme is not None:
        return jobs_for_programme(ws, records.find_by_title(records.programmes(ws), programme, "programme").id)
    if workshop is not None:
        return jobs_for_workshop(ws, records.find_by_title(records.all_workshops(ws), workshop, "workshop").id)
    return jobs_for_everyone(ws)


def _jobs(people: list[tuple[records.Participant, tuple[str, ...] | None]]) -> list[PrintJob]:
    names = distinct_file_names([p.name for p, _ in people])
    return [PrintJob(p.id, p.name, workshops, name)
            for (p, workshops), name in zip(people, names, strict=True)]


# -- files ----------------------------------------------------------------------------------

def distinct_file_names(names: list[str], prefix: str = "Learning log - ", suffix: str = ".pdf") -> list[str]:
    """One safe file name per name; same names (ignoring case) get (2), (3)…"""
    seen: set[str] = set()
    result = []
    for name in names:
        stem = f"{prefix}{safe_file_stem(name)}"
        candidate, n = stem, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem} ({n})"
        seen.add(candidate.casefold())
        result.append(candidate + suffix)
    return result


def write_pdfs(
    ws: Workspace,
    jobs: list[PrintJob],
    folder: Path | str,
    *,
    letter: bool = False,
    fillable: bool = False,
    progress: Callable[[int, PrintJob], bool] | None = None,
) -> list[Path]:
    """Render each job's log to `folder`; `progress(done, job)` returning False stops early."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"The folder could not be created: {exc.strerror}.", folder) from exc
    written = []
    for done, job in enumerate(jobs):
        if progress is not None and not progress(done, job):
            break
        book = log_book(ws, job.participant_id, job.workshop_ids)
        data = render_learning_log(book, log_template(), letter=letter, fillable=fillable)
        written.append(write_atomically(folder / job.file_name, data))
    return written


# -- File ▸ Print… ----------------------------------------------------------------------------


def print_sets(ws: Workspace, scope: str, scope_id: str) -> list:
    """For File ▸ Print…: one participant's log, or every attendee's (everyone's in a programme),
    each log made for its owner only; nothing when nobody has attended."""
    from partnerdesk.export_all.print_sets import PrintSet

    jobs = jobs_for_programme(ws, scope_id) if scope == "programme" else jobs_for_workshop(ws, scope_id)
    if not jobs:
        return []

    def maker(job: PrintJob) -> Callable[[], bytes]:
        return lambda: render_learning_log(log_book(ws, job.participant_id, job.workshop_ids), log_template())

    documents = tuple((job.participant, maker(job)) for job in jobs)
    everyone = "everyone in the programme" if scope == "programme" else "every attendee"
    return [
        PrintSet("One participant's learning log…", "Learning log", documents,
                 pick_one="Whose learning log?"),
        PrintSet(f"The learning logs of {everyone} ({len(jobs)})", "Learning logs", documents),
    ]
