"""The projector's building blocks: text drawn as large as its box allows, and the agenda as
the room sees it."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Property, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from partnerdesk import records
from partnerdesk.agenda_clock import ClockState
from ui.agenda_runner import one_line, set_states

#: No word on the projector is smaller than this share of its height (the back of the room).
MIN_TEXT_SHARE = 1 / 40


def text_scale(widget: QWidget) -> float:
    """The facilitator's projector text size (1.0, 1.25, 1.5), set on the projector window."""
    value = widget.window().property("text_scale")
    return float(value) if value else 1.0


def min_text_px(widget: QWidget) -> int:
    """The smallest text the projector may show: 1/40 of its height, times the text size."""
    return max(8, math.ceil(widget.window().height() * MIN_TEXT_SHARE * text_scale(widget)))


class FitLabel(QWidget):
    """Text drawn as large as its box allows, capped at a share of the window's height, so the
    same screen reads well on a 1024×768 projector and a 1920×1080 one. It is never smaller
    than `min_text_px`: where the whole text does not fit at that size, fewer words are shown,
    ending in an ellipsis, rather than smaller ones."""

    def __init__(self, role: str, text: str = "", wrap: bool = False,
                 alignment: Qt.AlignmentFlag = Qt.AlignCenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", role)
        self.setObjectName(role)
        self._text = text
        self.setAccessibleName(text)
        self._wrap = wrap
        self._alignment = alignment
        self._height_share = 0.06
        self._fitted: tuple | None = None
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def show_clock(self, state: ClockState) -> None:
        """Mark the countdown's colour states for the style sheet: ending soon, overrun."""
        set_states(self, overrun=state.overrun, ending=state.ending)

    def _get_height_share(self) -> float:
        return self._height_share

    def _set_height_share(self, value: float) -> None:
        self._height_share = float(value)
        self.update()

    heightShare = Property(float, _get_height_share, _set_height_share)  # noqa: N815 - style sheet name

    def sizeHint(self) -> QSize:
        # Boxes are shared out by layout stretch; the text then fits its box.
        return QSize(40, 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(10, 8)

    def flags(self) -> int:
        return int(self._alignment) | (int(Qt.TextWordWrap) if self._wrap else 0)

    def _fits(self, font: QFont, text: str) -> bool:
        rect = self.contentsRect()
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, rect.width(), 1_000_000), self.flags(), text)
        return bounds.height() <= rect.height() and bounds.width() <= rect.width()

    def fitted(self) -> tuple[int, str]:
        """The pixel size and the text shown: the largest size up to the cap at which the text
        fits; at the minimum, as many whole words as fit."""
        # The style sheet sets the cap and the weight when the widget is polished.
        self.ensurePolished()
        rect = self.contentsRect()
        floor = min_text_px(self)
        cap = max(floor, int(self._height_share * self.window().height() * text_scale(self)))
        key = (self._text, rect.size(), cap, floor, self.font().key(), self._wrap)
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1]
        font = QFont(self.font())
        low, high = floor, cap
        while low < high:
            middle = (low + high + 1) // 2
            font.setPixelSize(middle)
            if self._fits(font, self._text):
                low = middle
            else:
                high = middle - 1
        font.setPixelSize(low)
        shown = self._text
        if not self._fits(font, shown):
            words = shown.split()
            while len(words) > 1 and not self._fits(font, " ".join(words) + "…"):
                words.pop()
            shown = " ".join(words) + "…"
            if not self._fits(font, shown):
                shown = QFontMetrics(font).elidedText(self._text, Qt.ElideRight, rect.width())
        self._fitted = (key, (low, shown))
        return low, shown

    def fitted_pixel_size(self) -> int:
        return self.fitted()[0]

    def shown_text(self) -> str:
        return self.fitted()[1] if self._text else ""

    def paintEvent(self, event) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        font = QFont(self.font())
        size, shown = self.fitted()
        font.setPixelSize(size)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.WindowText))
        painter.drawText(self.contentsRect(), self.flags(), shown)


class AgendaList(QWidget):
    """The agenda as the room sees it: time and title per row, the current item highlighted."""

    #: A full day (the workbook's sample programme has ten items) fits before it starts where
    #: the text can stay readable; otherwise, and for longer agendas, the rows shown follow
    #: the current item.
    MAX_ROWS = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agenda_list")
        self.rows: list[tuple[str, str, str]] = []  # (time, title, "done" | "current" | "later")
        self._items: list[records.AgendaItem] = []
        self._current: int | None = None
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(40, 16)

    def row_capacity(self) -> int:
        """How many rows fit with their text at the projector's minimum size or larger."""
        smallest_row = min_text_px(self) / 0.58
        return max(1, min(self.MAX_ROWS, int(self.contentsRect().height() // smallest_row)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._items:
            self.set_rows(self._items, self._current)

    def set_rows(self, items: Sequence[records.AgendaItem], current: int | None) -> None:
        self._items, self._current = list(items), current
        shown = list(enumerate(items))
        capacity = self.row_capacity()
        if len(shown) > capacity:
            # Keep the current item in view with one item before it for context.
            first = min(max(0, (current or 0) - 1), len(shown) - capacity)
            shown = shown[first:first + capacity]
        rows = []
        for n, item in shown:
            state = "later" if current is None or n > current else "current" if n == current else "done"
            rows.append((item.start_time, one_line(item.title) or "Untitled item", state))
        if rows != self.rows:
            self.rows = rows
            self.update()

    def _row_height(self) -> float:
        return min(self.contentsRect().height() / max(len(self.rows), 5),
                   self.window().height() * 0.085 * text_scale(self))

    def text_pixel_size(self) -> int:
        return max(min_text_px(self), int(self._row_height() * 0.58))

    def current_title(self) -> str | None:
        return next((title for _, title, state in self.rows if state == "current"), None)

    def paintEvent(self, event) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        palette = self.palette()
        rect = self.contentsRect()
        row_height = self._row_height()
        font = QFont(self.font())
        font.setPixelSize(self.text_pixel_size())
        painter.setFont(font)
        metrics = QFontMetrics(font)
        time_width = metrics.horizontalAdvance("00:00") + int(row_height * 0.6)
        pad = int(row_height * 0.3)
        for n, (start, title, state) in enumerate(self.rows):
            top = rect.top() + int(n * row_height)
            line = QRect(rect.left(), top, rect.width(), int(row_height))
            colour = QColor(palette.color(QPalette.WindowText))
            if state == "current":
                painter.fillRect(line, palette.color(QPalette.Highlight))
                colour = palette.color(QPalette.HighlightedText)
            elif state == "done":
                colour.setAlphaF(0.45)
            painter.setPen(colour)
            inner = line.adjusted(pad, 0, -pad, 0)
            painter.drawText(inner.adjusted(0, 0, -(inner.width() - time_width), 0),
                             Qt.AlignVCenter | Qt.AlignLeft, start)
            text_rect = inner.adjusted(time_width, 0, 0, 0)
            painter.drawText(text_rect, Qt.AlignVCenter | Qt.AlignLeft,
                             metrics.elidedText(title, Qt.ElideRight, text_rect.width()))
