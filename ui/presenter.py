"""The projector: a control-free presenter window that follows the facilitator's selection and
edits, and the controller that ties it, the agenda runner and the View menu's keys together."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import cache

from PySide6.QtCore import Property, QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import agenda_clock, records
from partnerdesk.agenda_clock import AgendaRun, ClockState
from partnerdesk.resources import resource_path
from ui.agenda_runner import AgendaRunnerPanel, one_line, set_states
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.main_window import MainWindow, settings
from ui.navigator import NodeKey

#: Repaint rate of the clocks; the time shown is always computed from the wall clock.
TICK_MS = 250
#: Tables whose edits can change what the presenter's own cards show.
_SHOWN_TABLES = {"programmes", "workshops", "agenda_items", "exercises"}
#: Keys a presentation clicker sends, for the next and previous agenda item.
_NEXT_KEYS = {Qt.Key_PageDown, Qt.Key_Right, Qt.Key_Down}
_PREVIOUS_KEYS = {Qt.Key_PageUp, Qt.Key_Left, Qt.Key_Up}
_SETTINGS_PREFIX = "agenda_run/"


@cache
def projector_stylesheet() -> str:
    return resource_path("styles", "projector.qss").read_text(encoding="utf-8")


def projector_screen(screens: Sequence[QScreen], laptop: QScreen | None) -> QScreen | None:
    """The screen for the projector: another screen than the laptop's, if there is one."""
    if len(screens) < 2:
        return None
    others = [s for s in screens if s is not laptop]
    return others[0] if others else None


# -- the projector's building blocks --------------------------------------------------------------


class FitLabel(QWidget):
    """Text drawn as large as its box allows, capped at a share of the window's height, so the
    same screen reads well on a 1024×768 projector and a 1920×1080 one."""

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

    def fitted_pixel_size(self) -> int:
        # The style sheet sets the cap and the weight when the widget is polished.
        self.ensurePolished()
        rect = self.contentsRect()
        cap = max(8, int(self._height_share * self.window().height()))
        key = (self._text, rect.size(), cap, self.font().key(), self._wrap)
        if self._fitted is not None and self._fitted[0] == key:
            return self._fitted[1]
        font = QFont(self.font())
        low, high = 8, cap
        while low < high:
            middle = (low + high + 1) // 2
            font.setPixelSize(middle)
            bounds = QFontMetrics(font).boundingRect(QRect(0, 0, rect.width(), 1_000_000),
                                                     self.flags(), self._text)
            if bounds.height() <= rect.height() and bounds.width() <= rect.width():
                low = middle
            else:
                high = middle - 1
        self._fitted = (key, low)
        return low

    def paintEvent(self, event) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(self.fitted_pixel_size())
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.WindowText))
        painter.drawText(self.contentsRect(), self.flags(), self._text)


class AgendaList(QWidget):
    """The agenda as the room sees it: time and title per row, the current item highlighted."""

    #: A full day (the workbook's sample programme has ten items) fits before it starts; longer
    #: agendas scroll with the current item.
    MAX_ROWS = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agenda_list")
        self.rows: list[tuple[str, str, str]] = []  # (time, title, "done" | "current" | "later")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(40, 16)

    def set_rows(self, items: Sequence[records.AgendaItem], current: int | None) -> None:
        shown = list(enumerate(items))
        if len(shown) > self.MAX_ROWS:
            # Keep the current item in view with one item before it for context.
            first = min(max(0, (current or 0) - 1), len(shown) - self.MAX_ROWS)
            shown = shown[first:first + self.MAX_ROWS]
        rows = []
        for n, item in shown:
            state = "later" if current is None or n > current else "current" if n == current else "done"
            rows.append((item.start_time, one_line(item.title) or "Untitled item", state))
        if rows != self.rows:
            self.rows = rows
            self.update()

    def current_title(self) -> str | None:
        return next((title for _, title, state in self.rows if state == "current"), None)

    def paintEvent(self, event) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        palette = self.palette()
        rect = self.contentsRect()
        row_height = min(rect.height() / max(len(self.rows), 5), self.window().height() * 0.085)
        font = QFont(self.font())
        font.setPixelSize(max(8, int(row_height * 0.58)))
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


class Card(QWidget):
    """One of the presenter's own screens; it re-reads the store on `refresh()`."""

    def refresh(self) -> None:
        """Re-read what is shown from the store."""

    def tick(self) -> None:
        """Repaint anything that depends on the time."""


def _column(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(40, 30, 40, 30)
    layout.setSpacing(8)
    return layout


class TitleCard(Card):
    """A programme, or nothing selected: its title, large."""

    def __init__(self, presenter: Presenter, key: NodeKey | None):
        super().__init__()
        self.setObjectName("title_card")
        self.presenter = presenter
        self.key = key
        self.title = FitLabel("title", wrap=True)
        self.subtitle = FitLabel("subtitle", wrap=True)
        layout = _column(self)
        layout.addStretch(2)
        layout.addWidget(self.title, 3)
        layout.addWidget(self.subtitle, 2)
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        title, subtitle = "PartnerDesk", ""
        ws = self.presenter.document.workspace
        if self.key is not None and self.key.kind == "programme":
            found = records.programme(ws, self.key.id)
            if found is not None:
                title = found.title or "Untitled programme"
                sessions = len(records.workshops(ws, found.id))
                subtitle = f"{sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
        self.title.setText(title)
        self.subtitle.setText(subtitle)


class InstructionsCard(Card):
    """An exercise's title and instructions, as large as they fit."""

    def __init__(self, presenter: Presenter, screen: ExerciseScreen):
        super().__init__()
        self.setObjectName("instructions_card")
        self.presenter = presenter
        self.screen = screen
        self.exercise_id = screen.exercise_id
        self.title = FitLabel("title", wrap=True)
        self.body = FitLabel("body", wrap=True, alignment=Qt.AlignLeft | Qt.AlignTop)
        layout = _column(self)
        layout.addWidget(self.title, 2)
        layout.addWidget(self.body, 9)
        self.refresh()

    def refresh(self) -> None:
        found = records.exercise(self.presenter.document.workspace, self.exercise_id)
        self.title.setText(found.title if found and found.title else "Exercise")
        try:
            text = self.screen.instructions()
        except RuntimeError:
            # The laptop's screen has just been replaced; this card goes with it.
            return
        self.body.setText(text.strip() or "This exercise has no instructions.")


class AgendaTimerCard(Card):
    """A workshop: its agenda; while it runs, the current item's countdown above the list."""

    def __init__(self, presenter: Presenter, workshop_id: str):
        super().__init__()
        self.setObjectName("agenda_timer_card")
        self.presenter = presenter
        self.workshop_id = workshop_id
        self.workshop_title = FitLabel("subtitle")
        self.item_title = FitLabel("item", wrap=True)
        self.countdown = FitLabel("countdown")
        self.next_label = FitLabel("muted")
        self.agenda_list = AgendaList()
        layout = _column(self)
        layout.addWidget(self.workshop_title, 2)
        layout.addWidget(self.item_title, 3)
        layout.addWidget(self.countdown, 7)
        layout.addWidget(self.next_label, 2)
        layout.addWidget(self.agenda_list, 9)
        self._items: list[records.AgendaItem] = []
        self.refresh()

    def refresh(self) -> None:
        ws = self.presenter.document.workspace
        found = records.workshop(ws, self.workshop_id)
        if found is None:
            return
        parts = [found.title or "Untitled workshop"]
        if found.venue:
            parts.append(found.venue)
        self.workshop_title.setText(" · ".join(parts))
        self._items = records.agenda(ws, self.workshop_id)
        self.tick()

    def state(self) -> ClockState | None:
        return agenda_clock.clock_state(self._items, self.presenter.run_of(self.workshop_id),
                                        self.presenter.now())

    def tick(self) -> None:
        state = self.state()
        running = state is not None
        for label in (self.item_title, self.next_label):
            label.setVisible(running)
        self.countdown.setVisible(running and state.timed)
        if state is None:
            self.agenda_list.set_rows(self._items, None)
            if not self._items:
                self.item_title.setVisible(True)
                self.item_title.setText("No agenda yet")
            return
        self.item_title.setText(one_line(state.item.title) or "Untitled item")
        self.countdown.setText(state.display)
        self.countdown.show_clock(state)
        following = state.next_item
        parts = [following.start_time, one_line(following.title)] if following else []
        self.next_label.setText("Next: " + "  ".join(p for p in parts if p) if following else "")
        self.agenda_list.set_rows(self._items, state.index)


class PresenterWindow(QWidget):
    """The projector's window: no controls, the projector theme, one page at a time."""

    def __init__(self, presenter: Presenter):
        super().__init__(None, Qt.Window)
        self.presenter = presenter
        self.setObjectName("presenter")
        self.setWindowTitle("PartnerDesk — projector")
        self.setAttribute(Qt.WA_StyledBackground, True)
        # Closing the laptop's window quits the app even while the projector shows.
        self.setAttribute(Qt.WA_QuitOnClose, False)
        self.setStyleSheet(projector_stylesheet())
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(320, 240)
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
            presenter.next_item()
        elif key in _PREVIOUS_KEYS:
            presenter.previous_item()
        elif key == Qt.Key_F5:
            event.accept()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed with the window's own button: the same as Esc.
        event.ignore()
        self.presenter.leave()


# -- the controller -------------------------------------------------------------------------------


class Presenter(QObject):
    """Ties the main window's selection, the presenter window and the agenda runs together.

    Running state (which item, when it started) is kept in memory and in the settings file, not
    in the workspace: it is not a user edit, so it needs no undo.
    """

    def __init__(self, main_window: MainWindow, now: Callable[[], float] = time.time):
        super().__init__(main_window)
        self.setObjectName("presenter_controller")
        self.main_window = main_window
        self.now = now
        self.window: PresenterWindow | None = None
        self.blank = False
        self.instructions_on = False
        self.workshop_id: str | None = None
        self._runs: dict[str, AgendaRun] = {}
        self._document: WorkspaceDocument | None = None
        self.timer = QTimer(main_window)
        self.timer.setObjectName("presenter_tick")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.panel = AgendaRunnerPanel(self)
        self.dock = QDockWidget("Run agenda", main_window)
        self.dock.setObjectName("agenda_runner_dock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        main_window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self._build_actions()
        main_window.current_screen_changed.connect(self._on_main_window_current_screen_changed)
        main_window.document_replaced.connect(self._on_main_window_document_replaced)
        self._connect_document(main_window.document)
        main_window.installEventFilter(self)
        self._follow_selection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.main_window and event.type() == QEvent.Close and self.window is not None:
            # The projector goes when the laptop's window closes.
            self.leave()
            self.window.deleteLater()
            self.window = None
        return False

    # -- actions -----------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.main_window
        menu = window.view_menu

        def action(text: str, slot, shortcut: str | None = None, checkable: bool = False) -> QAction:
            made = QAction(text, window)
            made.setCheckable(checkable)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            if checkable:
                made.triggered.connect(lambda checked: slot(checked))
            else:
                made.triggered.connect(lambda _=False: slot())
            menu.addAction(made)
            return made

        self.start_action = action("&Presenter view", self.start, "F5")
        self.leave_action = action("&Leave presenter view", self.leave, "Esc")
        self.blank_action = action("&Blank the projector", self.set_blank, "B", checkable=True)
        self.instructions_action = action("Show &instructions on the projector",
                                          self.set_instructions, "I", checkable=True)
        menu.addSeparator()
        self.run_agenda_action = self.dock.toggleViewAction()
        self.run_agenda_action.setText("Run &agenda")
        self.run_agenda_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        menu.addAction(self.run_agenda_action)
        self.start_item_action = action("&Start agenda item", lambda: self.start_item(None),
                                        "Ctrl+Shift+Space")
        self.next_item_action = action("&Next agenda item", self.next_item, "Ctrl+Right")
        self.previous_item_action = action("P&revious agenda item", self.previous_item, "Ctrl+Left")
        self._update_actions()

    def _update_actions(self) -> None:
        # Single-letter keys and Esc belong to the laptop's editors until the projector is on.
        showing = self.showing
        for made in (self.leave_action, self.blank_action, self.instructions_action):
            made.setEnabled(showing)
        self.blank_action.setChecked(self.blank)
        self.instructions_action.setChecked(self.instructions_on)
        has_agenda = self.workshop_id is not None
        for made in (self.start_item_action, self.next_item_action, self.previous_item_action):
            made.setEnabled(has_agenda)

    # -- the document ------------------------------------------------------------------------------

    @property
    def document(self) -> WorkspaceDocument:
        return self.main_window.document

    def _connect_document(self, document: WorkspaceDocument | None) -> None:
        if document is None or document is self._document:
            return
        self._document = document
        document.records_added.connect(self._on_document_records_added)
        document.records_removed.connect(self._on_document_records_removed)
        document.records_changed.connect(self._on_document_records_changed)

    def _on_main_window_document_replaced(self, document: WorkspaceDocument) -> None:
        self._connect_document(document)
        self.workshop_id = None
        self._follow_selection()

    def _on_document_records_added(self, table: str, ids: list) -> None:
        self._on_store_changed(table)

    def _on_document_records_removed(self, table: str, ids: list) -> None:
        self._on_store_changed(table)

    def _on_document_records_changed(self, table: str, ids: list, columns: list) -> None:
        self._on_store_changed(table)

    def _on_store_changed(self, table: str) -> None:
        if table not in _SHOWN_TABLES or self.main_window.document is None:
            return
        if self.workshop_id and records.workshop(self.document.workspace, self.workshop_id) is None:
            self.workshop_id = None
        if self.window is not None and isinstance(self.window.content, Card):
            self.window.content.refresh()
        self._refresh_panel()
        self._update_footer()
        self._update_actions()

    # -- following the selection -------------------------------------------------------------------

    def _on_main_window_current_screen_changed(self, widget: QWidget) -> None:
        self.instructions_on = False
        self._follow_selection()

    def _follow_selection(self) -> None:
        if self.main_window.document is None:
            return
        key = self.main_window.current_key()
        workshop_id = None
        if key is not None and key.kind == "workshop":
            workshop_id = key.id
        elif key is not None and key.kind == "exercise":
            found = records.exercise(self.document.workspace, key.id)
            workshop_id = found.workshop_id if found else None
        if workshop_id is not None:
            self.workshop_id = workshop_id
        elif self.workshop_id and records.workshop(self.document.workspace, self.workshop_id) is None:
            self.workshop_id = None
        self._refresh_panel()
        self._show_current()
        self._update_actions()

    def _build_content(self) -> QWidget:
        screen = self.main_window.current_screen()
        key = self.main_window.current_key()
        if isinstance(screen, ExerciseScreen):
            view = None if self.instructions_on else screen.presenter_view(self.window.show_page)
            return view if view is not None else InstructionsCard(self, screen)
        if key is not None and key.kind == "workshop":
            return AgendaTimerCard(self, key.id)
        return TitleCard(self, key)

    def _show_current(self) -> None:
        if not self.showing:
            return
        self.window.set_content(self._build_content())
        self._update_footer()

    # -- the presenter window ----------------------------------------------------------------------

    @property
    def showing(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def start(self) -> None:
        """Show the presenter: full screen on a second screen, else a window to drag there."""
        if self.window is None:
            self.window = PresenterWindow(self)
            self.window.resize(1024, 768)
        window = self.window
        target = projector_screen(QGuiApplication.screens(), self.main_window.screen())
        if target is not None:
            window.setScreen(target)
            window.setGeometry(target.geometry())
            window.showFullScreen()
        else:
            window.show()
        window.set_blank(self.blank)
        self._show_current()
        if target is not None:
            # The facilitator keeps working at the laptop; the main window's keys still drive it.
            self.main_window.activateWindow()
        else:
            window.raise_()
            window.activateWindow()
            window.setFocus()
        self._update_timer()
        self._update_actions()

    def leave(self) -> None:
        if self.window is None:
            return
        self.window.hide()
        self.window.clear_content()
        self.blank = False
        self.window.set_blank(False)
        self.instructions_on = False
        self.main_window.activateWindow()
        self._update_timer()
        self._update_actions()

    def set_blank(self, blank: bool) -> None:
        self.blank = bool(blank)
        if self.window is not None:
            self.window.set_blank(self.blank)
        self._update_actions()

    def set_instructions(self, on: bool) -> None:
        """Show the current exercise's instructions instead of its board (and back)."""
        on = bool(on) and self.main_window.current_exercise_screen() is not None
        if on != self.instructions_on:
            self.instructions_on = on
            self._show_current()
        self._update_actions()

    def show_timer(self) -> None:
        """Select the running workshop, so the projector shows its agenda and countdown."""
        if self.workshop_id:
            self.main_window.navigator.select(NodeKey("workshop", self.workshop_id))

    # -- running the agenda ------------------------------------------------------------------------

    def run_of(self, workshop_id: str) -> AgendaRun:
        if workshop_id not in self._runs:
            self._runs[workshop_id] = AgendaRun.decode(settings().value(_SETTINGS_PREFIX + workshop_id))
        return self._runs[workshop_id]

    def _set_run(self, workshop_id: str, run: AgendaRun) -> None:
        previous = self.run_of(workshop_id)
        self._runs[workshop_id] = run
        store = settings()
        if run.running:
            store.setValue(_SETTINGS_PREFIX + workshop_id, run.encode())
        else:
            store.remove(_SETTINGS_PREFIX + workshop_id)
        store.sync()
        if workshop_id == self.workshop_id and self.dock.isVisible():
            # Start and the Opens: choice then apply to the item that is on.
            self.panel.select_item(run.item_id)
            self.panel.tick()
        self._tick_window()
        self._update_timer()
        if run.running and run.item_id != previous.item_id:
            self._open_item(workshop_id, run.item_id)

    def _agenda(self) -> list[records.AgendaItem]:
        if not self.workshop_id:
            return []
        return records.agenda(self.document.workspace, self.workshop_id)

    def start_item(self, item_id: str | None) -> None:
        """Start an item now (the first when none is given)."""
        if self.workshop_id:
            self._set_run(self.workshop_id, agenda_clock.start(self._agenda(), item_id, self.now()))

    def next_item(self) -> None:
        if self.workshop_id:
            self._set_run(self.workshop_id, agenda_clock.step(
                self._agenda(), self.run_of(self.workshop_id), 1, self.now()))

    def previous_item(self) -> None:
        if self.workshop_id:
            self._set_run(self.workshop_id, agenda_clock.step(
                self._agenda(), self.run_of(self.workshop_id), -1, self.now()))

    def stop_agenda(self) -> None:
        if self.workshop_id:
            self._set_run(self.workshop_id, AgendaRun())

    def _open_item(self, workshop_id: str, item_id: str | None) -> None:
        """An item linked to an exercise opens it; any other shows the agenda timer."""
        item = next((i for i in records.agenda(self.document.workspace, workshop_id)
                     if i.id == item_id), None)
        if item is None:
            return
        navigator = self.main_window.navigator
        if item.exercise_id and navigator.select(NodeKey("exercise", item.exercise_id)):
            return
        if self.main_window.current_key() != NodeKey("workshop", workshop_id):
            navigator.select(NodeKey("workshop", workshop_id))

    def _refresh_panel(self) -> None:
        # A hidden runner is brought up to date when it is shown, not on every keystroke.
        if self.dock.isVisible():
            self.panel.refresh()

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.refresh()
        self._update_timer()

    # -- the clock's repaint -----------------------------------------------------------------------

    def _update_timer(self) -> None:
        wanted = self.showing or self.dock.isVisible()
        if wanted and not self.timer.isActive():
            self.timer.start()
        elif not wanted and self.timer.isActive():
            self.timer.stop()

    def _on_timer_timeout(self) -> None:
        if self.main_window.document is None:
            # The main window is closing.
            self.timer.stop()
            return
        if self.dock.isVisible():
            self.panel.tick()
        self._tick_window()

    def _tick_window(self) -> None:
        if not self.showing:
            return
        if isinstance(self.window.content, Card):
            self.window.content.tick()
        self._update_footer()

    def _update_footer(self) -> None:
        """Over an exercise, the running item's countdown in a strip along the bottom."""
        if not self.showing:
            return
        window = self.window
        state = None
        if self.workshop_id and not isinstance(window.content, AgendaTimerCard):
            state = agenda_clock.clock_state(self._agenda(), self.run_of(self.workshop_id), self.now())
        window.footer.setVisible(state is not None)
        if state is not None:
            window.footer_label.setText(f"{one_line(state.item.title)}   {state.display}".rstrip())
            window.footer_label.show_clock(state)


def install(main_window: MainWindow, now: Callable[[], float] = time.time) -> Presenter:
    """Add the presenter and the agenda runner to the main window's View menu."""
    presenter = Presenter(main_window, now)
    main_window.presenter = presenter
    state = settings().value("window/state")
    if state is not None:
        # The main window restored its layout before this dock existed.
        main_window.restoreState(state)
    return presenter
