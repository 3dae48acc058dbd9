"""The first thing a newcomer sees: three ways to start, in the facilitator's words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

STARTS = (
    ("demo", "Explore the demo workspace",
     "The NHS Partners in Cornwall programme and a one-day Collaborative Working workshop, with "
     "every exercise filled in from the source documents. Try anything: it is a separate file."),
    ("sample", "Start from the workbook's sample programme",
     "The one-day Collaborative Working agenda (09.30 Registration … 16.00 Close) with its "
     "exercises in place, ready to run. Add your participants and go."),
    ("empty", "Start with an empty workspace",
     "Add your own programme (Ctrl+Shift+P) or workshop (Ctrl+Shift+W) from the Insert menu."),
)


class WelcomePage(QScrollArea):
    """Shown while the workspace is empty, and from Help ▸ Welcome."""

    #: "demo", "sample" or "empty".
    start_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        outer = QWidget()
        centred = QHBoxLayout(outer)
        inner = QWidget()
        inner.setMaximumWidth(820)  # lines a reader can follow, on any width of screen
        centred.addWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        heading = QLabel("Welcome to PartnerDesk")
        heading.setObjectName("welcome_heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel("PartnerDesk runs partnership-working workshops from your laptop and a "
                       "projector, with no network. Everything you type is saved at once in this "
                       "workspace file. How would you like to start?")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for key, title, detail in STARTS:
            button = QPushButton(title)
            button.setObjectName(f"welcome_{key}")
            button.setMinimumHeight(44)
            button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            button.setStyleSheet("text-align: left; padding: 8px 14px; font-weight: bold;")
            button.clicked.connect(self._on_button_clicked)
            button.setProperty("start", key)
            label = QLabel(detail)
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)
            label.setContentsMargins(14, 0, 0, 8)
            layout.addWidget(button)
            layout.addWidget(label)
            self.buttons[key] = button
        more = QLabel("Help ▸ User guide explains the day step by step; Help ▸ Keyboard shortcuts "
                      "lists every key. Help ▸ Welcome brings this page back.")
        more.setWordWrap(True)
        layout.addWidget(more)
        layout.addStretch(1)
        self.setWidget(outer)
        self.buttons["demo"].setDefault(True)

    def _on_button_clicked(self) -> None:
        self.start_chosen.emit(self.sender().property("start"))
