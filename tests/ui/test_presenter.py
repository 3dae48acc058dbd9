"""The presenter window and the agenda runner, driven like a facilitator on the demo workspace."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QVBoxLayout

import ui.exercises
from partnerdesk import demo, records
from partnerdesk.worksheet.demo import ROLE_PLAY_AGENDA_ITEM
from tests.ui.conftest import START, first_exercise, one_day
from ui.commands import AddRecordsCommand, ChangeRecordsCommand
from ui.exercises import ExerciseScreen
from ui.navigator import NodeKey
from ui.projector.cards import AgendaTimerCard, InstructionsCard, TitleCard
from ui.projector.widgets import FitLabel
from ui.projector.window import projector_screen


class BoardScreen(ExerciseScreen):
    """A test board: one text item per note in the exercise's settings, on a shared scene."""

    def __init__(self, document, exercise_id, parent=None):
        super().__init__(document, exercise_id, parent)
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        QVBoxLayout(self).addWidget(self.view)
        document.records_changed.connect(self._on_document_records_changed)
        self.mirror()

    def mirror(self) -> None:
        self.scene.clear()
        found = self.exercise
        for n, note in enumerate(found.settings_dict.get("notes", []) if found else []):
            self.scene.addText(note).setPos(0, 30 * n)

    def presenter_view(self, parent=None):
        view = QGraphicsView(self.scene, parent)
        view.setObjectName("test_board_presenter")
        return view

    def instructions(self) -> str:
        return "Place each stakeholder on the board."

    def _on_document_records_changed(self, table, ids, columns):
        if table == "exercises" and self.exercise_id in ids:
            self.mirror()


def scene_texts(view: QGraphicsView) -> set[str]:
    return {item.toPlainText() for item in view.scene().items()}


def role_play_id(window) -> str:
    ws = window.document.workspace
    return first_exercise(ws, template="role-play").id


def learning_logs_id(window) -> str:
    """An exercise whose projector view is its instructions (a log is never shown to the room)."""
    ws = window.document.workspace
    return next(e.id for w in records.workshops(ws, None) for e in records.exercises(ws, w.id)
                if e.kind == "learning_log")


def start_presenter(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_F5)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing)
    return presenter


def test_presenter_follows_the_selection_and_edits(qtbot, app_window):
    window = app_window
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    presenter = start_presenter(qtbot, window)
    card = presenter.window.content
    assert isinstance(card, AgendaTimerCard)
    assert card.workshop_title.text().startswith("Collaborative Working")
    assert card.agenda_list.rows[0] == ("09:30", "Registration and Refreshment", "later")

    # Rename the workshop in its editor, as the facilitator types: the room sees it at once.
    editor = window.current_screen()
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Working Together")
    assert presenter.window.content is card
    assert card.workshop_title.text().startswith("Working Together")
    # An agenda edit through the editor's model shows too.
    model = editor.agenda.model
    assert model.setData(model.index(0, 2), "Arrival and coffee")
    assert card.agenda_list.rows[0][1] == "Arrival and coffee"
    window.document.undo_stack.undo()
    assert card.agenda_list.rows[0][1] == "Registration and Refreshment"

    # An exercise with no projector view of its own: its instructions, large.
    window.navigator.select(NodeKey("exercise", learning_logs_id(window)))
    card = presenter.window.content
    assert isinstance(card, InstructionsCard)
    assert card.title.text() == "Personal learning logs"
    assert "Please complete this Learning Log" in card.body.text()

    # A programme: its title card.
    programme = records.programmes(window.document.workspace)[0]
    window.navigator.select(NodeKey("programme", programme.id))
    card = presenter.window.content
    assert isinstance(card, TitleCard)
    assert card.title.text() == demo.CORNWALL_TITLE
    assert card.subtitle.text() == "6 sessions"
    presenter.window.grab()


def test_a_board_is_mirrored_live_and_I_shows_its_instructions(qtbot, app_window, monkeypatch):
    window = app_window
    monkeypatch.setattr(ui.exercises, "screen_factories",
                        lambda: {"test_board": lambda d, e, p=None: BoardScreen(d, e, p)})
    document = window.document
    command = AddRecordsCommand(document, "exercises", [{
        "workshop_id": one_day(window).id, "kind": "test_board", "template": "none",
        "title": "Stakeholder matrix", "settings": json.dumps({"notes": ["Police"]}), "position": 9}],
        "New board")
    assert document.push(command)
    window.navigator.select(NodeKey("exercise", command.id))
    screen = window.current_screen()
    assert isinstance(screen, BoardScreen)
    presenter = start_presenter(qtbot, window)
    view = presenter.window.content
    assert isinstance(view, QGraphicsView)
    assert view.scene() is screen.scene
    assert scene_texts(view) == {"Police"}

    # Edit the board: the projector's view shows it, with no refresh of its own.
    document.push(ChangeRecordsCommand(
        document, "exercises", {command.id: {"settings": json.dumps({"notes": ["Police", "Schools"]})}},
        "Add a stakeholder"))
    assert scene_texts(view) == {"Police", "Schools"}
    document.undo_stack.undo()
    assert scene_texts(view) == {"Police"}

    # I: the instructions instead of the board, and back.
    qtbot.keyClick(presenter.window, Qt.Key_I)
    card = presenter.window.content
    assert isinstance(card, InstructionsCard)
    assert card.body.text() == "Place each stakeholder on the board."
    assert presenter.instructions_action.isChecked()
    qtbot.keyClick(presenter.window, Qt.Key_I)
    assert isinstance(presenter.window.content, QGraphicsView)
    # The same from the laptop, with the main window's action.
    presenter.instructions_action.trigger()
    assert isinstance(presenter.window.content, InstructionsCard)
    # Choosing something else shows that thing, not instructions.
    window.navigator.select(NodeKey("workshop", one_day(window).id))
    assert isinstance(presenter.window.content, AgendaTimerCard)
    assert not presenter.instructions_action.isChecked()


def test_blank_toggles_and_escape_leaves(qtbot, app_window):
    window = app_window
    window.navigator.select(NodeKey("workshop", one_day(window).id))
    assert not presenter_actions_enabled(window)
    presenter = start_presenter(qtbot, window)
    assert presenter_actions_enabled(window)
    projector = presenter.window
    qtbot.keyClick(projector, Qt.Key_B)
    assert projector.is_blank() and presenter.blank_action.isChecked()
    image = projector.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor("#000000")
    # Still black while the facilitator moves on at the laptop.
    window.navigator.select(NodeKey("exercise", learning_logs_id(window)))
    assert projector.is_blank()
    qtbot.keyClick(projector, Qt.Key_B)
    assert not projector.is_blank()
    # B from the laptop's keyboard, through the View menu's action.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_B)
    assert projector.is_blank()
    qtbot.keyClick(window.navigator, Qt.Key_B)
    assert not projector.is_blank()

    qtbot.keyClick(projector, Qt.Key_Escape)
    assert not presenter.showing
    assert projector.content is None
    assert not presenter_actions_enabled(window)
    # F5 again: back, showing the current selection, not blank.
    presenter = start_presenter(qtbot, window)
    assert isinstance(presenter.window.content, InstructionsCard)
    assert not presenter.window.is_blank()
    presenter.leave_action.trigger()
    assert not presenter.showing
    # The window's own close button leaves too, and F5 brings the same window back.
    presenter = start_presenter(qtbot, window)
    projector.close()
    assert not presenter.showing and presenter.window is projector


def presenter_actions_enabled(window) -> bool:
    presenter = window.presenter
    return all(a.isEnabled() for a in (presenter.leave_action, presenter.blank_action,
                                       presenter.instructions_action))


def test_agenda_timer_with_a_controlled_clock(qtbot, app_window, clock, start_window):
    window = app_window
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    presenter = start_presenter(qtbot, window)
    presenter.run_agenda_action.trigger()
    panel = presenter.panel
    assert panel.workshop_label.text() == "Collaborative Working"
    card = presenter.window.content
    assert not card.countdown.isVisible()

    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert card.item_title.text() == "Registration and Refreshment"
    assert card.countdown.text() == "30:00"
    assert panel.clock_label.text() == "30:00"
    assert panel.drift_label.text() == "On time"
    assert panel.current_row() == 0
    assert card.agenda_list.current_title() == "Registration and Refreshment"
    assert card.next_label.text() == "Next: 10:00  Introductions, agenda, resources and partnership scenarios"

    # The repaint timer only redraws; the time comes from the clock.
    clock.advance(12 * 60 + 5)
    qtbot.waitUntil(lambda: card.countdown.text() == "17:55")
    assert panel.clock_label.text() == "17:55"
    assert card.countdown.property("overrun") is not True

    # The last two minutes: amber.
    clock.advance(16 * 60)
    qtbot.waitUntil(lambda: card.countdown.text() == "01:55")
    assert card.countdown.property("ending") is True
    assert card.countdown.palette().color(QPalette.WindowText) == QColor("#ffd166")

    # Overrun: a minus sign and the warning colour, on the projector and the laptop.
    clock.advance(2 * 60 + 30)
    qtbot.waitUntil(lambda: card.countdown.text() == "-00:35")
    assert card.countdown.property("overrun") is True
    assert card.countdown.palette().color(QPalette.WindowText) == QColor("#ff6b5e")
    assert panel.clock_label.property("overrun") is True

    # The laptop sleeps for three hours: on waking the clock is right at once.
    clock.advance(3 * 3600)
    qtbot.waitUntil(lambda: card.countdown.text() == "-180:35")

    # Next and previous by key from the laptop (each starts its item now).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_Right, Qt.ControlModifier)
    assert panel.current_row() == 1
    assert card.countdown.text() == "10:00"
    assert card.countdown.property("overrun") is False
    assert card.countdown.palette().color(QPalette.WindowText) == QColor("#7ee081")
    assert panel.drift_label.text() == "181 min behind the plan"
    qtbot.keyClick(window.navigator, Qt.Key_Left, Qt.ControlModifier)
    assert card.item_title.text() == "Registration and Refreshment"
    # The clicker's Page Down on the projector.
    qtbot.keyClick(presenter.window, Qt.Key_PageDown)
    assert panel.current_row() == 1
    assert presenter.window.content is card

    # An item linked to an exercise opens it; the countdown stays along the bottom.
    agenda = records.agenda(window.document.workspace, workshop.id)
    linked = next(i for i in agenda if i.title == ROLE_PLAY_AGENDA_ITEM)
    panel.list.setCurrentRow(agenda.index(linked))
    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert window.current_key() == NodeKey("exercise", role_play_id(window))
    # The role play is a worksheet: the room sees its live view, with the countdown beneath.
    assert presenter.window.content.objectName() == "worksheet_presenter"
    assert presenter.window.footer.isVisible()
    assert presenter.window.footer_label.text() == "Influencing and Negotiation   90:00"
    # The next item has no exercise: the projector shows the timer again.
    qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert window.current_key() == NodeKey("workshop", workshop.id)
    card = presenter.window.content
    assert isinstance(card, AgendaTimerCard)
    assert card.item_title.text() == "Refreshment"
    assert not presenter.window.footer.isVisible()
    # The day's close has no length: no countdown, nothing to overrun.
    qtbot.keyClick(presenter.window, Qt.Key_PageDown)
    qtbot.keyClick(presenter.window, Qt.Key_PageDown)
    card = presenter.window.content
    assert card.item_title.text() == "Close"
    clock.advance(3600)
    presenter.window.grab()
    assert not card.countdown.isVisible()
    assert panel.clock_label.text() == "No time set"
    assert panel.clock_label.property("overrun") is False

    # The run is kept for a restart (the settings file), not in the workspace.
    run = presenter.run_of(workshop.id)
    path = window.document.path
    window.close()
    again = start_window(path)
    again.presenter.now = clock
    assert again.presenter.run_of(workshop.id) == run
    again.presenter.workshop_id = workshop.id
    again.presenter.stop_agenda()
    assert not again.presenter.run_of(workshop.id).running


def test_linking_an_agenda_item_to_an_exercise_is_one_undoable_edit(qtbot, app_window):
    window = app_window
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    presenter = window.presenter
    presenter.run_agenda_action.trigger()
    panel = presenter.panel
    panel.list.setCurrentRow(0)
    combo = panel.link_combo
    assert combo.currentIndex() == 0
    index = combo.findData(role_play_id(window))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    first = records.agenda(window.document.workspace, workshop.id)[0]
    assert first.exercise_id == role_play_id(window)
    window.document.undo_stack.undo()
    assert records.agenda(window.document.workspace, workshop.id)[0].exercise_id is None
    assert panel.link_combo.currentIndex() == 0


def test_text_fits_its_box_at_both_projector_sizes(qtbot, app_window):
    window = app_window
    window.navigator.select(NodeKey("exercise", learning_logs_id(window)))
    presenter = start_presenter(qtbot, window)
    sizes = {}
    for width, height in ((1024, 768), (1920, 1080)):
        presenter.window.resize(width, height)
        card = presenter.window.content
        qtbot.waitUntil(lambda w=width, c=card: c.width() > w - 100)
        presenter.window.grab()
        sizes[width] = (card.title.fitted_pixel_size(), card.body.fitted_pixel_size())
    assert sizes[1920][0] > sizes[1024][0]
    assert sizes[1920][1] > sizes[1024][1]
    assert sizes[1024][1] >= 16  # the long instructions still read at the back at 1024×768


def test_fit_label_takes_its_cap_from_the_style_sheet(qtbot, app_window):
    presenter = start_presenter(qtbot, app_window)
    title = presenter.window.content.title
    assert isinstance(title, FitLabel)
    assert title.heightShare == pytest.approx(0.10)


def test_document_replaced_shows_the_new_workspace(qtbot, app_window, tmp_path):
    window = app_window
    presenter = start_presenter(qtbot, window)
    presenter.run_agenda_action.trigger()
    window.navigator.select(NodeKey("workshop", one_day(window).id))
    assert presenter.panel.workshop_label.text() == "Collaborative Working"
    assert window.open_workspace(tmp_path / "new.partnerdesk", create=True)
    assert isinstance(presenter.window.content, TitleCard)
    assert presenter.workshop_id is None
    assert presenter.panel.workshop_label.text().startswith("Choose a workshop")
    window.new_workshop()
    assert isinstance(presenter.window.content, AgendaTimerCard)
    assert presenter.window.content.item_title.text() == "No agenda yet"


class FakeScreen:
    pass


def test_projector_goes_to_a_screen_other_than_the_laptops():
    laptop, projector = FakeScreen(), FakeScreen()
    assert projector_screen([laptop], laptop) is None
    assert projector_screen([laptop, projector], laptop) is projector
    assert projector_screen([projector, laptop], laptop) is projector


def test_one_screen_gives_a_movable_window_that_goes_with_the_main_window(qtbot, app_window, monkeypatch):
    window = app_window
    monkeypatch.setattr("ui.presenter.projector_screen", lambda screens, laptop: None)  # no projector
    presenter = start_presenter(qtbot, window)
    projector = presenter.window
    assert not projector.isFullScreen()
    assert projector.size().width() >= 1024
    with qtbot.waitSignal(projector.destroyed):
        window.close()
    assert presenter.window is None


def test_with_a_second_screen_it_fills_that_screen_and_the_laptop_keeps_the_keys(
        qtbot, app_window, monkeypatch):
    window = app_window
    second = QApplication.primaryScreen()
    monkeypatch.setattr("ui.presenter.projector_screen", lambda screens, laptop: second)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.presenter.start_action.trigger()
    projector = window.presenter.window
    qtbot.waitUntil(projector.isFullScreen)
    assert projector.screen() is second
    assert projector.geometry() == second.geometry()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_B)
    assert projector.is_blank()
    qtbot.keyClick(window.navigator, Qt.Key_Escape)
    assert not projector.isVisible()


def test_a_wall_clock_corrected_by_an_hour_leaves_the_countdown_right(qtbot, app_window, clock):
    window = app_window
    window.navigator.select(NodeKey("workshop", one_day(window).id))
    presenter = start_presenter(qtbot, window)
    card = presenter.window.content
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator, Qt.Key_Space, Qt.ControlModifier | Qt.ShiftModifier)
    assert card.countdown.text() == "30:00"
    clock.advance(5 * 60)
    qtbot.waitUntil(lambda: card.countdown.text() == "25:00")
    # Network time puts the laptop's clock an hour on: no hour's overrun on the projector...
    clock.correct_wall(3600)
    clock.advance(1)
    qtbot.waitUntil(lambda: card.countdown.text() == "24:59")
    assert card.countdown.property("overrun") is not True
    # ...and set back two hours, the countdown does not freeze.
    clock.correct_wall(-2 * 3600)
    clock.advance(60)
    qtbot.waitUntil(lambda: card.countdown.text() == "23:59")
    # The plan is read on the wall clock at the moment the item started.
    presenter.run_agenda_action.trigger()
    qtbot.waitUntil(lambda: presenter.panel.drift_label.text() == "On time")


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


def test_each_start_is_recorded_in_the_workspace_as_one_undoable_step(qtbot, app_window, clock):
    window = app_window
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    presenter = window.presenter
    presenter.run_agenda_action.trigger()
    panel = presenter.panel
    ws = window.document.workspace
    stack = window.document.undo_stack
    assert all(i.actual_start is None for i in records.agenda(ws, workshop.id))
    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    first, second = records.agenda(ws, workshop.id)[:2]
    assert first.actual_start == _iso(START)
    assert stack.undoText() == "Start “Registration and Refreshment”"
    steps = stack.count()

    clock.advance(34 * 60)
    qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert records.agenda(ws, workshop.id)[1].actual_start == _iso(START + 34 * 60)
    assert stack.count() == steps + 1
    # Undo takes back the record, not the run: the item stays on.
    stack.undo()
    assert records.agenda(ws, workshop.id)[1].actual_start is None
    assert presenter.run_of(workshop.id).item_id == second.id
    stack.redo()
    assert records.agenda(ws, workshop.id)[1].actual_start == _iso(START + 34 * 60)

    # Next past the last item changes nothing, so records nothing.
    last = records.agenda(ws, workshop.id)[-1]
    panel.list.setCurrentRow(len(records.agenda(ws, workshop.id)) - 1)
    qtbot.mouseClick(panel.start_button, Qt.LeftButton)
    assert presenter.run_of(workshop.id).item_id == last.id
    steps = stack.count()
    qtbot.mouseClick(panel.next_button, Qt.LeftButton)
    assert stack.count() == steps


def test_the_run_is_kept_with_both_clocks_for_a_restart(qtbot, app_window, clock, start_window):
    window = app_window
    workshop = one_day(window)
    window.navigator.select(NodeKey("workshop", workshop.id))
    window.presenter.start_item(None)
    run = window.presenter.run_of(workshop.id)
    assert run.started_elapsed == clock.elapsed and run.started_at == clock.wall
    path = window.document.path
    window.close()
    clock.advance(10 * 60)
    clock.correct_wall(3600)  # the clock was corrected while the app was closed
    again = start_window(path)
    again.presenter.now = clock
    # Same boot, but the wall clock moved against the elapsed one: measured by the wall clock.
    assert again.presenter.run_of(workshop.id) == type(run)(run.item_id, run.started_at)
