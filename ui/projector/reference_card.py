"""A reference card on the projector: its title, and its introduction and items as large as they
fit. At the projector's smallest text size a card too long for the screen shows fewer items,
ending in an ellipsis, never smaller words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from partnerdesk.cards import ReferenceCard
from ui.projector.cards import Card, card_column
from ui.projector.widgets import FitLabel

ELLIPSIS = "…"


class LinesLabel(FitLabel):
    """A FitLabel whose text is lines (a card's items): when not all fit at the smallest size,
    whole lines are left out from the end, so each shown item keeps its own line."""

    def __init__(self, role: str, parent=None):
        super().__init__(role, wrap=True, alignment=Qt.AlignLeft | Qt.AlignTop, parent=parent)
        self._lines_fitted: tuple | None = None

    def fitted(self) -> tuple[int, str]:
        size, shown = super().fitted()
        if shown == self._text:
            return size, shown
        key = (self._text, size, self.contentsRect().size())
        if self._lines_fitted is not None and self._lines_fitted[0] == key:
            return self._lines_fitted[1]
        font = QFont(self.font())
        font.setPixelSize(size)
        lines = self._text.split("\n")
        while len(lines) > 1 and not self._fits(font, "\n".join([*lines, ELLIPSIS])):
            lines.pop()
        candidate = "\n".join([*lines, ELLIPSIS])
        result = (size, candidate if self._fits(font, candidate) else shown)
        self._lines_fitted = (key, result)
        return result


class ReferenceCardView(Card):
    """A reference card for the room (Help ▸ Reference cards ▸ … ▸ Show on the projector)."""

    def __init__(self, card: ReferenceCard):
        super().__init__()
        self.setObjectName("reference_card")
        self.card = card
        self.title = FitLabel("title", card.title, wrap=True)
        parts = ([card.introduction] if card.introduction else []) + card.lines()
        self.body = LinesLabel("body")
        self.body.setText("\n".join(parts))
        layout = card_column(self)
        layout.addWidget(self.title, 2)
        layout.addWidget(self.body, 11)
