"""The projector's join card: a QR code, the short address and the join code, large."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from partnerdesk.room.qr import qr_matrix
from ui.projector.cards import Card
from ui.projector.widgets import FitLabel

#: Modules of white round the code: scanners need a quiet zone.
QUIET = 4


class QrCode(QWidget):
    """A QR code drawn square and crisp at any size, dark on white whatever the theme."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("room_qr")
        self.text = text
        self.matrix = qr_matrix(text)
        self.setAccessibleName(f"QR code for {text}")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def code_rect(self) -> QRectF:
        """The white square the code is drawn in, whole modules only, centred."""
        modules = len(self.matrix) + 2 * QUIET
        side = min(self.width(), self.height())
        unit = max(1, side // modules)
        size = unit * modules
        return QRectF((self.width() - size) // 2, (self.height() - size) // 2, size, size)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.code_rect()
        unit = rect.width() / (len(self.matrix) + 2 * QUIET)
        painter.fillRect(rect, QColor("white"))
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(rect.x() + (x + QUIET) * unit, rect.y() + (y + QUIET) * unit, unit, unit))


class JoinCard(Card):
    """What the room needs to join: scan the code, or type the address and the code."""

    def __init__(self, join_address: str, address: str, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("room_join_card")
        self.qr = QrCode(join_address)
        self.title = FitLabel("title", "Join from your phone", wrap=True)
        self.how = FitLabel("body", "Scan the code, or open this address:", wrap=True)
        self.address = FitLabel("item", address.removeprefix("http://").rstrip("/"))
        self.code_label = FitLabel("subtitle", "and type the code")
        self.code = FitLabel("countdown", " ".join([code[:3], code[3:]]) if len(code) == 6 else code)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.title, 3)
        text.addWidget(self.how, 2)
        text.addWidget(self.address, 3)
        text.addWidget(self.code_label, 2)
        text.addWidget(self.code, 5)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.setSpacing(40)
        layout.addWidget(self.qr, 5)
        layout.addLayout(text, 6)
