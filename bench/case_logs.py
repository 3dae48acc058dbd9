"""Learning logs: 30 participants x 6 workshops rendered to PDF, against plain canvas text."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.run import Case
from partnerdesk.learning_logs import STEPS, LogBook, WorkshopPage, log_template
from partnerdesk.log_pdf import render_learning_log
from partnerdesk.pdf import SANS, register_fonts

PARTICIPANTS = 30
WORKSHOPS = 6
ANSWER = ("We talked about trust, openness and shared principles; what I take away is to listen "
          "before I answer, and to involve the staff side at the first draft. ") * 3


def _books() -> list[LogBook]:
    names = ["Zoë Harding", "Łukasz Nowak", "Wang Fang (王芳)", "Ngọc Tran", "Tomás Dvořák"]
    books = []
    for p in range(PARTICIPANTS):
        pages = tuple(
            WorkshopPage(f"Session {w + 1}: Partnership working", f"{10 + w} October 2009", "Truro",
                         {step: f"{ANSWER} ({step} {w})" for step in STEPS}, "Notes for later.")
            for w in range(WORKSHOPS)
        )
        books.append(LogBook(f"{names[p % len(names)]} {p}", "NHS Partners in Cornwall", pages))
    return books


def project():
    books, tpl = _books(), log_template()

    def run():
        return [render_learning_log(book, tpl) for book in books]

    return run


def baseline():
    """The same words drawn as lines of text on a bare canvas: no layout, no fallback font."""
    books = _books()
    register_fonts()

    def run():
        out = []
        for book in books:
            buffer = io.BytesIO()
            canvas = Canvas(buffer, pagesize=A4, invariant=1)
            canvas.setFont(SANS, 10.5)
            canvas.drawString(56, 780, book.participant)
            canvas.showPage()
            for page in book.workshops:
                canvas.setFont(SANS, 10.5)
                y = 780
                for text in (page.title, page.date, page.venue, *page.answers.values(), page.notes):
                    for start in range(0, len(text), 95):
                        canvas.drawString(56, y, text[start:start + 95])
                        y -= 15
                canvas.showPage()
            canvas.save()
            out.append(buffer.getvalue())
        return out

    return run


CASES = [
    Case("learning logs: 30 participants x 6 workshops to PDF", project, baseline, repeat=3,
         note="platypus layout with Unicode font fallback vs drawString lines"),
]
