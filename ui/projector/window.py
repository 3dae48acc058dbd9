"""The projector's window: no controls, the projector theme, one page at a time; and which
screen it goes to."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from partnerdesk.resources import resource_path
from ui.projector.widgets import FitLabel

if TYPE_CHECKING:
    from ui.presenter import Presenter

#: Keys a presentation clicker sends, for the next and previous agenda item.
_NEXT_KEYS = {Qt.Key_PageDown, Qt.Key_Right, Qt.Key_Down}
_PREVIOUS_KEYS = {Qt.Key_PageUp, Qt.Key_Left, Qt.Key_Up}


@cache
def projector_stylesheet() -> str:
    return resource_path("styles", "projector.qss").read_text(encoding="utf-8")


def projector_screen(screens: Sequence[QScreen], laptop: QScreen | None) -> QScreen | None:
    """The screen for the projector: another screen than the laptop's, if there is one."""
    if len(screens) < 2:
        return None
    others = [s for s in screens if s is not laptop]
    return others[0] if others else None



class PresenterWindow(QWidget):
    """The projector's window: no controls, the projector theme, one page at a time."""

    def __init__(self, presenter: Presenter):
        # Never takes the keyboard: shown without activating, and refusing focus if clicked, so
        # what the facilitator types at the laptop always goes to the laptop.
        super().__init__(None, Qt.Window | Qt.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WA_ShowWithoutActivating, True)
        self.presenter = presenter
        self.setObjectName("presenter")
        self.setWindowTitle("PartnerDesk — projector")
        self.setAttribute(Qt.WA_StyledBackground, True)
        # Closing the laptop's window quits the app even while the projector shows.
        self.setAttribute(Qt.WA_QuitOnClose, False)
        self.setStyleSheet(projector_stylesheet())
        self.setFocusPolicy(Qt.NoFocus)
        self.setMinimumSize(320, 240)
        self.setProperty("text_scale", 1.0)
        self.pages = QStackedLayout(self)
        self.show_page = QWidget()
        self.show_page.setObjectName("show_page")
        show_layout = QVBoxLayout(self.show_page)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.setSpacing(0)
        self.content_area = QVBoxLayout()
        self.content_area.setContentsMargins(0, 0, 0, 0)
        show_layout.addLayout(self.content_area, 1)
        self.footer = QWidget()
        self.footer.setObjectName("footer")
        self.footer.setAttribute(Qt.WA_StyledBackground, True)
        footer_layout = QHBoxLayout(self.footer)
        footer_layout.setContentsMargins(24, 4, 24, 4)
        self.footer_label = FitLabel("footer", alignment=Qt.AlignRight | Qt.AlignVCenter)
        footer_layout.addWidget(self.footer_label)
        self.footer.setFixedHeight(48)
        self.footer.hide()
        show_layout.addWidget(self.footer)
        self.blank_page = QWidget()
        self.blank_page.setObjectName("blank")
        self.blank_page.setAttribute(Qt.WA_StyledBackground, True)
        self.pages.addWidget(self.show_page)
        self.pages.addWidget(self.blank_page)
        self.content: QWidget | None = None

    def set_content(self, widget: QWidget) -> None:
        old = self.content
        self.content = widget
        widget.setParent(self.show_page)
        # The room's view takes no focus, so the presenter's keys always reach this window.
        widget.setFocusPolicy(Qt.NoFocus)
        for child in widget.findChildren(QWidget):
            child.setFocusPolicy(Qt.NoFocus)
        self.content_area.addWidget(widget)
        widget.show()
        if old is not None:
            self.content_area.removeWidget(old)
            old.hide()
            old.deleteLater()

    def clear_content(self) -> None:
        if self.content is not None:
            self.content_area.removeWidget(self.content)
            self.content.deleteLater()
            self.content = None

    def set_text_scale(self, scale: float) -> None:
        """Every text on the projector grows by `scale` (View ▸ Projector text size)."""
        self.setProperty("text_scale", float(scale))
        for child in self.findChildren(QWidget):
            child.update()

    def is_blank(self) -> bool:
        return self.pages.currentWidget() is self.blank_page

    def set_blank(self, blank: bool) -> None:
        self.pages.setCurrentWidget(self.blank_page if blank else self.show_page)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.footer.setFixedHeight(max(32, int(self.height() * 0.065)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        presenter = self.presenter
        if event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            super().keyPressEvent(event)
        elif key == Qt.Key_Escape:
            presenter.leave()
        elif key == Qt.Key_B or key == Qt.Key_Period:
            # Clickers send B or '.' for a black screen.
            presenter.set_blank(not presenter.blank)
        elif key == Qt.Key_I:
            presenter.set_instructions(not presenter.instructions_on)
        elif key in _NEXT_KEYS:
            presenter.keys.forward()
        elif key in _PREVIOUS_KEYS:
            presenter.keys.back()
        elif key == Qt.Key_F5:
            event.accept()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed with the window's own button: the same as Esc.
        event.ignore()
        self.presenter.leave()
