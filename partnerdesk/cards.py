"""Reference cards: principles from the documents, worded exactly as there, to print or project.

The wording is data (`resources/cards/<id>.json`: title, introduction, items with an optional
term, numbered or not, and the source); this module reads it and draws one card as a PDF page.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import cache

from partnerdesk import __version__
from partnerdesk.resources import resource_path

# ReportLab loads when a card is drawn, not when the app starts and lists the cards.
INK = "#1f2937"
MUTED = "#4b5563"
ACCENT = "#1d4ed8"
MARGIN = 22 * 72 / 25.4


@dataclass(frozen=True)
class CardItem:
    text: str
    term: str = ""  # "Accountability" in "Accountability – clearly defined responsibilities…"


@dataclass(frozen=True)
class ReferenceCard:
    id: str
    title: str
    introduction: str
    items: tuple[CardItem, ...]
    numbered: bool
    source: str
    order: int = 1000

    def lines(self) -> list[str]:
        """Each item as one line of plain text, numbered or with its term, as on the card."""
        lines = []
        for number, item in enumerate(self.items, start=1):
            text = f"{item.term} – {item.text}" if item.term else item.text
            lines.append(f"{number}. {text}" if self.numbered else f"• {text}")
        return lines

    def plain_text(self) -> str:
        """The whole card as plain text: title, introduction, items and source."""
        return "\n".join([self.title, "", self.introduction, "", *self.lines(), "",
                          f"Source: {self.source}"])


class UnknownCardError(LookupError):
    """No reference card has the name asked for."""


def _card(data: dict) -> ReferenceCard:
    items = tuple(CardItem(text=i["text"], term=i.get("term", "")) for i in data["items"])
    return ReferenceCard(id=data["id"], title=data["title"], introduction=data.get("introduction", ""),
                         items=items, numbered=bool(data.get("numbered", False)),
                         source=data.get("source", ""), order=int(data.get("order", 1000)))


@cache
def reference_cards() -> tuple[ReferenceCard, ...]:
    """Every card in `resources/cards/`, in their order."""
    found = [_card(json.loads(path.read_text(encoding="utf-8")))
             for path in sorted(resource_path("cards").glob("*.json"))]
    return tuple(sorted(found, key=lambda c: (c.order, c.title)))


def reference_card(name: str) -> ReferenceCard:
    """A card by its id ("spf-principles") or its title, ignoring case; UnknownCardError if none."""
    folded = name.casefold().strip()
    for card in reference_cards():
        if folded in (card.id.casefold(), card.title.casefold()):
            return card
    known = ", ".join(c.id for c in reference_cards())
    raise UnknownCardError(f"There is no reference card called “{name}”. The cards are: {known}.")


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    from partnerdesk.pdf import SANS, SANS_BOLD

    base = ParagraphStyle("card", fontName=SANS, fontSize=15, leading=21, textColor=INK)
    return {
        "title": ParagraphStyle("title", base, fontName=SANS_BOLD, fontSize=26, leading=32,
                                textColor=ACCENT, spaceAfter=14),
        "introduction": ParagraphStyle("introduction", base, fontSize=13, leading=18,
                                       textColor=MUTED, spaceAfter=14),
        "item": ParagraphStyle("item", base, spaceAfter=9),
        "source": ParagraphStyle("source", base, fontSize=9, leading=12, textColor=MUTED),
    }


def card_story(card: ReferenceCard) -> list:
    """The card's flowables (title, introduction, the items as a list, the source)."""
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    from partnerdesk.pdf import SANS, SANS_BOLD, markup

    styles = _styles()
    story: list = [Paragraph(markup(card.title), styles["title"])]
    if card.introduction:
        story.append(Paragraph(markup(card.introduction), styles["introduction"]))
    items = []
    for item in card.items:
        text = markup(item.text)
        if item.term:
            text = f"<b>{markup(item.term)}</b> – {text}"
        items.append(ListItem(Paragraph(text, styles["item"])))
    story.append(ListFlowable(
        items, bulletType="1" if card.numbered else "bullet", start=None if card.numbered else "•",
        bulletFontName=SANS_BOLD if card.numbered else SANS, bulletFontSize=15,
        bulletColor=ACCENT, leftIndent=24, bulletDedent=20))
    if card.source:
        story += [Spacer(1, 16), Paragraph(markup(f"Source: {card.source}"), styles["source"])]
    return story


def render_card(card: ReferenceCard, *, letter: bool = False, invariant: bool = False) -> bytes:
    """The card as a one-page PDF, every font embedded."""
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.platypus import SimpleDocTemplate

    from partnerdesk.pdf import document_fonts

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=LETTER if letter else A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN, title=card.title, subject="Reference card",
        creator=f"PartnerDesk {__version__}", invariant=1 if invariant else 0,
        **document_fonts(15, 21))
    doc.build(card_story(card))
    return buffer.getvalue()
