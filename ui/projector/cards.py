"""The presenter's own screens ("cards"): a title, an exercise's instructions, and a workshop's
agenda with the running item's countdown. Each re-reads the store on `refresh()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from partnerdesk import agenda_clock, records
from partnerdesk.agenda_clock import ClockState
from ui.agenda_runner import one_line
from ui.exercises import ExerciseScreen
from ui.navigator import NodeKey
from ui.projector.widgets import AgendaList, FitLabel

if TYPE_CHECKING:
    from ui.presenter import Presenter


class Card(QWidget):
    """One of the presenter's own screens; it re-reads the store on `refresh()`."""

    def refresh(self) -> None:
        """Re-read what is shown from the store."""

    def tick(self) -> None:
        """Repaint anything that depends on the time."""


def card_column(widget: QWidget) -> QVBoxLayout:
    """A card's layout: its parts one above another, clear of the projector's edges."""
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
        layout = card_column(self)
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
        layout = card_column(self)
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
        layout = card_column(self)
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
