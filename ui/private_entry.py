"""Private entry: the laptop passed round the room, one person at a time.

`PrivateEntry` fills the facilitator's window with one content widget and nothing else, so a
participant sees no one else's words. It is modal (the window behind it takes no clicks and no
shortcuts), and only the facilitator leaves: Esc, the close box and the Leave button all ask
for the leave word through `ui.dialogs.Dialogs.text`. The content scrolls; the Leave button
sits in a fixed bar at the bottom, so it stays in the window at any size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import Dialogs

#: What the facilitator types to leave, so a participant does not leave by accident.
LEAVE_WORD = "LEAVE"


class PrivateEntry(QDialog):
    """A full-window private mode showing only `content`, left only with the leave word.

    `left` is emitted once the facilitator has typed the word, before the window closes:
    wipe whatever the content shows there. `finished` follows, as for any dialog.
    """

    left = Signal()

    def __init__(self, content: QWidget, parent: QWidget, *, title: str, leave_text: str,
                 leave_word: str = LEAVE_WORD):
        super().__init__(parent)
        self.setObjectName("private_entry")
        self.setWindowTitle(title)
        self.setModal(True)
        self.leave_word = leave_word
        self.leave_text = leave_text
        self._content = content

        self.scroll = QScrollArea()
        self.scroll.setObjectName("private_content")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(content)

        self.bar = QWidget()
        self.bar.setObjectName("private_bar")
        self._bar_layout = QHBoxLayout(self.bar)
        self._bar_layout.setContentsMargins(0, 0, 0, 0)
        self._bar_layout.addStretch(1)
        self.leave_button = QPushButton(f"{leave_text} (facilitator)…")
        self.leave_button.setObjectName("private_leave")
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self._on_leave_button_clicked)
        self._bar_layout.addWidget(self.leave_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.bar)

    @property
    def content(self) -> QWidget:
        return self._content

    def add_to_bar(self, widget: QWidget) -> None:
        """Put a control (a Submit button, say) in the fixed bar, left of the Leave button."""
        self._bar_layout.insertWidget(self._bar_layout.count() - 2, widget)

    def enter(self) -> None:
        """Show over the whole of the parent's window (or the screen) and take the keyboard."""
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        if window is not None and window.isVisible():
            self.setGeometry(window.geometry())
            if window.isFullScreen():
                self.setWindowState(Qt.WindowFullScreen)
            elif window.isMaximized():
                self.setWindowState(Qt.WindowMaximized)
        elif self.screen() is not None:
            self.setGeometry(self.screen().availableGeometry())
        self.open()

    def ask_to_leave(self) -> bool:
        """Ask for the leave word; True (and the window closes) if the facilitator typed it."""
        answer = Dialogs.text(self, self.leave_text,
                              f"For the facilitator: type {self.leave_word} to "
                              f"{self.leave_text[:1].lower()}{self.leave_text[1:]}.")
        if answer is None or answer.strip().upper() != self.leave_word.upper():
            return False
        self.left.emit()
        self.done(QDialog.Rejected)
        return True

    def _on_leave_button_clicked(self) -> None:
        self.ask_to_leave()

    def reject(self) -> None:
        # Esc comes here: a participant cannot leave by it.
        self.ask_to_leave()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.ask_to_leave()
