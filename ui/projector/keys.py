"""The projector's single keys at the laptop, which never take a letter from someone typing.

A clicker sends B or "." (black screen) and Page Down / Page Up (next, previous: the view on the
projector may take them first, e.g. a busy wall's next zone); the laptop's
keyboard adds I (instructions) and Esc (leave). They act only while the projector shows and no
text field has the focus; the View menu's chords (Ctrl+Shift+B…) work everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from ui.presenter import Presenter

#: A widget that turns plain keys into text of its own (a wall's "type to add a post-it") says
#: so with this dynamic property, and the projector's single keys leave it alone.
TAKES_TYPING = "takes_typing"


def is_typing(widget: QWidget | None, *, declared: bool = True) -> bool:
    """Whether keys pressed now would become text: a text field, an open cell editor, a
    board's in-place editor, or (with `declared`) a widget that declares `takes_typing`."""
    if widget is None:
        return False
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return not getattr(widget, "isReadOnly", lambda: False)()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return True
    if isinstance(widget, QAbstractItemView) and widget.state() == QAbstractItemView.EditingState:
        return True
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        item = widget.scene().focusItem()
        if item is not None and item.flags() & item.GraphicsItemFlag.ItemAcceptsInputMethod:
            return True
    return declared and bool(widget.property(TAKES_TYPING))


class ProjectorKeys(QObject):
    """An application event filter: the clicker's and keyboard's single keys for the projector."""

    def __init__(self, presenter: Presenter):
        super().__init__(presenter)
        self.presenter = presenter
        self._actions = {
            Qt.Key_B: self._toggle_blank,
            Qt.Key_Period: self._toggle_blank,
            Qt.Key_I: self._toggle_instructions,
            Qt.Key_PageDown: self.forward,
            Qt.Key_PageUp: self.back,
            Qt.Key_Escape: presenter.leave,
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.KeyPress or not self.presenter.showing:
            return False
        key_event: QKeyEvent = event
        action = self._actions.get(key_event.key())
        if action is None or key_event.modifiers() & ~Qt.KeypadModifier:
            return False
        if QApplication.activeWindow() is not self.presenter.main_window or QApplication.activePopupWidget():
            return False  # a dialog or a menu is open: its keys are its own
        if watched is not QApplication.focusWidget() and watched is not self.presenter.main_window:
            return False  # each key once: where it is delivered first
        # A wall that turns letters into post-its keeps B, I and "."; the clicker's Page Down and
        # Page Up type nothing, so they still reach the projector there.
        clicker = key_event.key() in (Qt.Key_PageDown, Qt.Key_PageUp)
        if is_typing(QApplication.focusWidget(), declared=not clicker):
            return False
        action()
        return True

    def forward(self) -> None:
        if not self._clicker_step(1):
            self.presenter.next_item()

    def back(self) -> None:
        if not self._clicker_step(-1):
            self.presenter.previous_item()

    def _clicker_step(self, step: int) -> bool:
        """The projector's current view may use the clicker itself (a busy wall shown one zone
        at a time steps through its zones); it says so by returning True from `clicker_step`."""
        window = self.presenter.window
        content = window.content if window is not None else None
        handler = getattr(content, "clicker_step", None)
        return bool(handler(step)) if callable(handler) else False

    def _toggle_blank(self) -> None:
        self.presenter.set_blank(not self.presenter.blank)

    def _toggle_instructions(self) -> None:
        self.presenter.set_instructions(not self.presenter.instructions_on)
