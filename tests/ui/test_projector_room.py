"""The room's projector from the laptop's keyboard: it never takes a letter from someone typing,
every text on it reads at the back of the room, and the agenda can be heard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from partnerdesk import records
from tests.ui.conftest import activate, one_day, press, show_on_projector, type_text
from ui.navigator import NodeKey
from ui.projector.cards import AgendaTimerCard, TitleCard
from ui.projector.widgets import AgendaList, FitLabel


def evaluation_wall(window) -> str:
    ws = window.document.workspace
    workshop = one_day(window)
    return next(e.id for e in records.exercises(ws, workshop.id) if e.template == "evaluation-wall")


def test_f5_while_typing_a_post_it_loses_no_letter_and_leaves_the_projector_alone(qtbot, app_window):
    window = app_window
    wall_id = evaluation_wall(window)
    window.navigator.select(NodeKey("exercise", wall_id))
    activate(qtbot, window)
    screen = window.current_screen()
    box = screen.findChild(QLineEdit, "post_it_edit")
    box.setFocus()
    assert QApplication.focusWidget() is box
    type_text(window, "Good ")
    press(window, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing)
    # Typing on at once: the keys go to the laptop's post-it box, never to the projector.
    type_text(window, "bi. mix")  # b, i and "." are the projector's single keys
    assert not presenter.blank and not presenter.instructions_on
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(window, Qt.Key_Escape)  # Esc in a text field stays there
    assert presenter.showing
    assert box.text() == "Good bi. mix"
    press(window, Qt.Key_Return)
    texts = [row["text"] for row in window.document.workspace.rows("wall_notes", {"exercise_id": wall_id})]
    assert "Good bi. mix" in texts


def test_single_keys_drive_the_projector_when_no_text_field_has_the_focus(qtbot, app_window):
    window = app_window
    window.navigator.select(NodeKey("exercise", evaluation_wall(window)))
    activate(qtbot, window)
    press(window, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing and QApplication.activeWindow() is window)
    window.navigator.setFocus()
    press(window, Qt.Key_B)
    assert presenter.blank
    press(window, Qt.Key_Period)
    assert not presenter.blank
    press(window, Qt.Key_I)
    assert presenter.instructions_on
    press(window, Qt.Key_Escape)
    assert not presenter.showing
    assert QApplication.activeWindow() is window


def test_chords_work_while_typing_and_type_nothing(qtbot, app_window):
    window = app_window
    window.navigator.select(NodeKey("exercise", evaluation_wall(window)))
    activate(qtbot, window)
    press(window, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing and QApplication.activeWindow() is window)
    box = window.current_screen().findChild(QLineEdit, "post_it_edit")
    box.setFocus()
    press(window, Qt.Key_B, Qt.ControlModifier | Qt.ShiftModifier)
    assert presenter.blank
    press(window, Qt.Key_F5, Qt.ShiftModifier)
    assert not presenter.showing
    assert box.text() == ""


def test_the_projector_never_accepts_focus(qtbot, app_window):
    window = app_window
    projector = show_on_projector(qtbot, window).window
    assert projector.windowFlags() & Qt.WindowDoesNotAcceptFocus
    assert projector.testAttribute(Qt.WA_ShowWithoutActivating)
    assert projector.focusPolicy() == Qt.NoFocus
    # The offscreen platform activates every window it shows; a window manager honours the
    # flags above. Either way the laptop's window is the active one again at once.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _smallest_card_text(card) -> int:
    sizes = [label.fitted_pixel_size() for label in card.findChildren(FitLabel)
             if label.isVisible() and label.text()]
    sizes += [agenda.text_pixel_size() for agenda in card.findChildren(AgendaList) if agenda.rows]
    return min(sizes)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (800, 600)])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_no_text_on_the_projector_is_smaller_than_a_fortieth_of_its_height(qtbot, app_window, clock,
                                                                           size, scale):
    window = app_window
    presenter = window.presenter
    presenter.set_text_scale(scale)
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    show_on_projector(qtbot, window)
    projector = presenter.window
    projector.resize(*size)
    presenter.start_item(None)
    QApplication.processEvents()
    card = projector.content
    assert isinstance(card, AgendaTimerCard)
    floor = size[1] / 40 * scale
    assert _smallest_card_text(card) >= floor - 0.5
    # The day's ten items: as many as read well, the current one among them.
    assert 1 <= len(card.agenda_list.rows) <= 10
    assert card.agenda_list.current_title() == "Registration and Refreshment"
    # A long programme title shows fewer words, never smaller ones.
    ws = window.document.workspace
    programme = records.programmes(ws)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    title_card = projector.content
    assert isinstance(title_card, TitleCard)
    title_card.title.setText("A very long programme title " * 60)
    QApplication.processEvents()
    assert title_card.title.fitted_pixel_size() >= floor - 0.5
    assert title_card.title.shown_text().endswith("…")


def test_the_chime_sounds_at_the_last_minute_and_the_end_and_can_be_switched_off(qtbot, app_window, clock):
    window = app_window
    presenter = window.presenter
    played = []
    presenter.chime.play = lambda which: played.append(which) or True  # the sound card is not under test
    window.navigator.select(NodeKey("workshop", one_day(window).id))
    presenter.run_agenda_action.trigger()
    presenter.start_item(None)  # Registration: 30 minutes
    clock.advance(28 * 60 + 55)
    qtbot.waitUntil(lambda: presenter._last_state is not None and presenter._last_state.remaining_seconds == 65)
    clock.advance(10)
    qtbot.waitUntil(lambda: played == ["one minute"])
    clock.advance(60)
    qtbot.waitUntil(lambda: played == ["one minute", "end"])
    assert "Chime on" in presenter.panel.chime_label.text()
    presenter.chime_action.trigger()  # off
    assert presenter.panel.chime_label.text() == "Chime off."
    presenter.next_item()  # Introductions: 10 minutes, which now run out in silence
    clock.advance(10 * 60 + 5)
    qtbot.waitUntil(lambda: presenter._last_state is not None and presenter._last_state.remaining_seconds < 0
                    and presenter._last_state.item.title.startswith("Introductions"))
    assert played == ["one minute", "end"]


def test_the_clicker_reaches_the_projector_while_the_wall_takes_typing(qtbot, app_window):
    window = app_window
    window.navigator.select(NodeKey("exercise", evaluation_wall(window)))
    activate(qtbot, window)
    press(window, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing and QApplication.activeWindow() is window)
    steps = []
    presenter.window.content.clicker_step = lambda step: steps.append(step) or True
    view = window.current_screen().view
    view.setFocus()
    assert view.property("takes_typing")
    press(window, Qt.Key_PageDown)
    press(window, Qt.Key_PageUp)
    press(window, Qt.Key_B)  # a letter on the wall is the start of a post-it, not a black screen
    assert steps == [1, -1]
    assert not presenter.blank
