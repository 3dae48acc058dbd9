"""Words on the wall at a size its viewer can read: never smaller on screen than the view's
floor (the projector's 1/40 of its height), with fewer words, or none, where they do not fit."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from partnerdesk.post_it_wall.layout import POST_IT_HEIGHT

#: A line of text is about this many times its pixel size tall (DejaVu Sans, the shipped font).
LINE_HEIGHT = 1.2
#: A post-it's writing area, in wall units, once its padding and its name-and-dots strip are off.
WRITING_HEIGHT = POST_IT_HEIGHT - 28
#: The laptop's floor: the facilitator sits close, but a post-it still reads at a glance.
LAPTOP_TEXT_PX = 10
ELLIPSIS = "…"
ONE_LINE = int(Qt.AlignLeft | Qt.AlignTop)


def view_scale(painter: QPainter) -> float:
    """Screen pixels per wall unit for what the painter draws now."""
    transform = painter.worldTransform()
    return math.hypot(transform.m11(), transform.m12()) or 1.0


def floor_in_wall_units(floor_px: float, scale: float) -> float:
    """The smallest pixel size, in wall units, that shows at `floor_px` on screen at `scale`."""
    return floor_px / scale if scale > 0 else 0.0


def sized(font: QFont, nominal: float, floor: float, bold: bool = False, italic: bool = False) -> QFont:
    """`font` at its nominal pixel size, or larger if that would show below the floor."""
    made = QFont(font)
    made.setPixelSize(max(1, math.ceil(max(nominal, floor))))
    made.setBold(bold)
    made.setItalic(italic)
    return made


def readable_scale(floor_px: float, lines: int) -> float:
    """The smallest view scale at which a post-it holds `lines` lines at the floor size: below
    it a view of the whole wall would show too few words, so a zone is shown instead."""
    return floor_px * LINE_HEIGHT * lines / WRITING_HEIGHT


def fewer_words(text: str, font: QFont, width: float, height: float,
                flags: int = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)) -> str | None:
    """`text`, or as many of its first words as fit the box followed by an ellipsis; None if
    not even one word (or its start) fits. Never a smaller font: fewer words instead."""
    if width <= 0 or height <= 0 or not text:
        return None
    metrics = QFontMetricsF(font)
    if metrics.height() > height:
        return None

    def fits(candidate: str) -> bool:
        bounds = metrics.boundingRect(QRectF(0, 0, width, 1_000_000), flags, candidate)
        return bounds.height() <= height and bounds.width() <= width + 0.5

    if fits(text):
        return text
    words = text.split()
    # Halve the number of words until they fit, then add back one at a time: long texts are cut
    # in a few measurements.
    count = len(words)
    while count > 1 and not fits(" ".join(words[:count]) + ELLIPSIS):
        count = max(1, count // 2)
    while count + 1 < len(words) and fits(" ".join(words[:count + 1]) + ELLIPSIS):
        count += 1
    shown = " ".join(words[:count]) + ELLIPSIS
    if fits(shown):
        return shown
    single = metrics.elidedText(words[0] if words else text, Qt.ElideRight, width)
    return single if single and single != ELLIPSIS and fits(single) else None
