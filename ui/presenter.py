"""The projector's controller: it ties the main window's selection, the presenter window, the
agenda runner and the View menu's keys together. The projector's widgets are in `ui/projector/`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from partnerdesk import agenda_clock, records
from partnerdesk.agenda_clock import AgendaRun, ClockState, Moment
from ui.agenda_runner import AgendaRunnerPanel, RecordItemStartCommand, one_line
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.main_window import MainWindow, settings
from ui.navigator import NodeKey
from ui.projector.cards import AgendaTimerCard, Card, InstructionsCard, TitleCard
from ui.projector.chime import SETTING as CHIME_SETTING
from ui.projector.chime import Chime
from ui.projector.keys import ProjectorKeys
from ui.projector.reference_card import ReferenceCardView
from ui.projector.window import PresenterWindow, projector_screen

#: Repaint rate of the clocks; the time shown is always computed from the clock, not from ticks.
TICK_MS = 250
#: Tables whose edits can change what the presenter's own cards show.
_SHOWN_TABLES = {"programmes", "workshops", "agenda_items", "exercises"}
_SETTINGS_PREFIX = "agenda_run/"
TEXT_SIZE_SETTING = "projector/text_scale"
#: The projector's text sizes: a bigger room, or a smaller screen, wants larger text.
TEXT_SIZES = ((1.0, "&Normal"), (1.25, "&Larger"), (1.5, "L&argest"))


def _float(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default




class Presenter(QObject):
    """Ties the main window's selection, the presenter window and the agenda runs together.

    Running state (which item, when it started by both clocks) is kept in memory and in the
    settings file, not in the workspace: it is not a user edit. What the workshop's record keeps
    is when each item actually started (`agenda_items.actual_start`), one undo step per start.
    `now` reads both clocks (`agenda_clock.now`); tests pass a controlled one.
    """

    def __init__(self, main_window: MainWindow, now: Callable[[], Moment] = agenda_clock.now):
        super().__init__(main_window)
        self.setObjectName("presenter_controller")
        self.main_window = main_window
        self.now = now
        self.window: PresenterWindow | None = None
        self.blank = False
        self.instructions_on = False
        self.workshop_id: str | None = None
        #: A reference card shown on the projector until the selection changes or it is left.
        self.reference_card = None
        self._runs: dict[str, AgendaRun] = {}
        self._document: WorkspaceDocument | None = None
        #: Another feature's card shown instead of the current screen (room mode's join card).
        self.overlay: Callable[[], QWidget] | None = None
        self.timer = QTimer(main_window)
        self.timer.setObjectName("presenter_tick")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        stored = settings()
        self.text_scale = _float(stored.value(TEXT_SIZE_SETTING), 1.0)
        self.chime = Chime(self, enabled=str(stored.value(CHIME_SETTING, "true")).lower() != "false")
        self._last_state: ClockState | None = None
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
        self.keys = ProjectorKeys(self)
        QApplication.instance().installEventFilter(self.keys)
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

        # Chords work even while typing; the single keys a clicker sends (B, ".", Page Up/Down)
        # and I and Esc act only when no text field has the focus (ui/projector/keys.py).
        self.start_action = action("&Presenter view", self.start, "F5")
        self.leave_action = action("&Leave presenter view (or Esc)", self.leave, "Shift+F5")
        self.blank_action = action("&Blank the projector (or B)", self.set_blank, "Ctrl+Shift+B",
                                   checkable=True)
        self.instructions_action = action("Show &instructions on the projector (or I)",
                                          self.set_instructions, "Ctrl+Shift+I", checkable=True)
        self.text_size_menu = menu.addMenu("Projector &text size")
        self.text_size_actions: dict[float, QAction] = {}
        group = QActionGroup(window)
        for scale, label in TEXT_SIZES:
            made = self.text_size_menu.addAction(label)
            made.setCheckable(True)
            made.setChecked(scale == self.text_scale)
            made.triggered.connect(lambda _=False, s=scale: self.set_text_scale(s))
            group.addAction(made)
            self.text_size_actions[scale] = made
        self.chime_action = action("Agenda &chime", self.set_chime, checkable=True)
        self.chime_action.setChecked(self.chime.enabled)
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
        self.reference_card = None
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

    def show_overlay(self, make: Callable[[], QWidget] | None) -> None:
        """Show `make()`'s widget on the projector instead of the current screen (None: back)."""
        self.overlay = make
        self._show_current()

    def _build_content(self) -> QWidget:
        # A reference card asked for just now comes first; it goes when the selection changes.
        if self.reference_card is not None:
            return ReferenceCardView(self.reference_card)
        if self.overlay is not None:
            return self.overlay()
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
            self.window.set_text_scale(self.text_scale)
            self.window.resize(1024, 768)
        window = self.window
        target = projector_screen(QGuiApplication.screens(), self.main_window.screen())
        if target is not None:
            window.setScreen(target)
            window.setGeometry(target.geometry())
            # Not showFullScreen(): it also activates the window, taking the laptop's keyboard.
            window.setWindowState(window.windowState() | Qt.WindowFullScreen)
            window.show()
        else:
            window.show()
        window.set_blank(self.blank)
        self._show_current()
        # The facilitator keeps typing at the laptop: the projector shows without taking focus
        # (PresenterWindow neither accepts focus nor activates when shown).
        if self.main_window.isVisible():
            self.main_window.activateWindow()
        self._update_timer()
        self._update_actions()

    def leave(self) -> None:
        if self.window is None:
            return
        self.window.hide()
        self.window.clear_content()
        self.reference_card = None
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

    def set_text_scale(self, scale: float) -> None:
        """A larger projector text size for a big room: every card's text grows by `scale`."""
        self.text_scale = scale
        store = settings()
        store.setValue(TEXT_SIZE_SETTING, scale)
        store.sync()
        for size, made in self.text_size_actions.items():
            made.setChecked(size == scale)
        if self.window is not None:
            self.window.set_text_scale(scale)

    def set_chime(self, on: bool) -> None:
        self.chime.enabled = bool(on)
        store = settings()
        store.setValue(CHIME_SETTING, "true" if on else "false")
        store.sync()
        self.chime_action.setChecked(self.chime.enabled)
        self.panel.show_chime_status()
        self._update_timer()

    def show_reference_card(self, card) -> None:
        """Show a reference card (`partnerdesk.cards.ReferenceCard`) on the projector, starting
        the presenter view if it is not on; selecting anything else shows that instead."""
        self.reference_card = card
        if self.showing:
            self._show_current()
        else:
            self.start()

    def set_instructions(self, on: bool) -> None:
        """Show the current exercise's instructions instead of its board (and back)."""
        on = bool(on) and self.main_window.current_exercise_screen() is not None
        if on != self.instructions_on:
            self.instructions_on = on
            self.reference_card = None
            self._show_current()
        self._update_actions()

    def show_timer(self) -> None:
        """Select the running workshop, so the projector shows its agenda and countdown."""
        if self.workshop_id:
            self.main_window.navigator.select(NodeKey("workshop", self.workshop_id))

    # -- running the agenda ------------------------------------------------------------------------

    def run_of(self, workshop_id: str) -> AgendaRun:
        if workshop_id not in self._runs:
            saved = AgendaRun.decode(settings().value(_SETTINGS_PREFIX + workshop_id))
            self._runs[workshop_id] = saved.resumed(self.now())
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
        if run.running and run != previous:
            self._record_start(run)
        if run.running and run.item_id != previous.item_id:
            self._open_item(workshop_id, run.item_id)

    def _record_start(self, run: AgendaRun) -> None:
        """Keep in the workspace when the item actually started (a read-only workspace runs
        its agenda all the same, without a record)."""
        document = self.document
        found = document.workspace.get("agenda_items", run.item_id)
        if document.read_only or found is None:
            return
        document.push(RecordItemStartCommand(document, run.item_id, found["title"], run.started_at))

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
        # The chime needs the clock watched even with no projector or runner on screen.
        wanted = self.showing or self.dock.isVisible() or (self.chime.enabled and self._running())
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
        self._sound_chime()

    def _running(self) -> bool:
        return bool(self.workshop_id) and self.run_of(self.workshop_id).running

    def _sound_chime(self) -> None:
        """One chime as the running item's last minute begins, one as its time runs out."""
        state = None
        if self.workshop_id:
            state = agenda_clock.clock_state(self._agenda(), self.run_of(self.workshop_id), self.now())
        due = agenda_clock.chime_due(self._last_state, state)
        self._last_state = state
        if due is not None:
            self.chime.play(due)

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


def install(main_window: MainWindow, now: Callable[[], Moment] = agenda_clock.now) -> Presenter:
    """Add the presenter and the agenda runner to the main window's View menu."""
    presenter = Presenter(main_window, now)
    main_window.presenter = presenter
    state = settings().value("window/state")
    if state is not None:
        # The main window restored its layout before this dock existed.
        main_window.restoreState(state)
    return presenter
