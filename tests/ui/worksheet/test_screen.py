"""The worksheet screen driven as a group's scribe would; the projector follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from partnerdesk import records
from partnerdesk.store import Workspace
from partnerdesk.worksheet import values
from tests.ui.conftest import first_exercise, laptop_window
from ui.exercises.worksheet import WorksheetScreen
from ui.navigator import NodeKey


def open_new_worksheet(window, template_id: str) -> WorksheetScreen:
    ws = window.document.workspace
    session = records.all_workshops(ws)[0]
    window.navigator.select(NodeKey("workshop", session.id))
    window.new_exercise_actions[template_id].trigger()
    screen = window.current_screen()
    assert isinstance(screen, WorksheetScreen)
    return screen


def test_typing_notes_autosaves_and_undoes_per_section(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    screen = open_new_worksheet(window, "partnership-scenario")
    assert [b.title() for b in screen.sections][:1] == ["Step 1: Naming your Partnership"]
    step1 = screen.sections[0].notes
    qtbot.keyClicks(step1, "Kernow Carers Partnership")
    answers = screen.answers()
    assert values.notes_of(answers, "step-1") == "Kernow Carers Partnership"
    qtbot.keyClicks(screen.sections[1].notes, "Since 2008")
    assert "1 of 10" not in screen.summary.text() and "2 of 10" in screen.summary.text()

    stack = window.document.undo_stack
    stack.undo()  # the whole of step 2's typing
    assert values.notes_of(screen.answers(), "step-2") == ""
    assert screen.sections[1].notes.toPlainText() == ""
    assert step1.toPlainText() == "Kernow Carers Partnership"
    stack.undo()
    assert step1.toPlainText() == ""
    stack.redo()
    assert step1.toPlainText() == "Kernow Carers Partnership"

    exercise_id = screen.exercise_id
    path = window.document.path
    window.close()
    with Workspace.open(path) as ws:
        answers = values.read_answers(records.exercise(ws, exercise_id).settings)
        assert values.notes_of(answers, "step-1") == "Kernow Carers Partnership"


def test_ticking_life_cycle_shows_the_stage_and_the_projector_follows(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    screen = open_new_worksheet(window, "partnership-life-cycle")
    projector = screen.presenter_view()
    qtbot.addWidget(projector)
    flying = next(b for b in screen.sections if b.section.key == "flying")
    box = flying.item_widgets[3]  # "trust and mutual respect"
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))  # on the tick box
    assert values.item_value(screen.answers(), "flying", 3) == values.TICKED
    assert "Most recognised: Flying" in screen.summary.text()
    undo_text = window.document.undo_stack.undoText()
    assert undo_text.startswith("Tick “") and "trust and mutual respect" in undo_text
    assert "trust and mutual respect" in projector.toPlainText()
    window.document.undo_stack.undo()
    assert not flying.item_widgets[3].isChecked()
    assert "trust and mutual respect" not in projector.toPlainText()


def test_scale_rating_and_hostile_text_on_the_projector(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    screen = open_new_worksheet(window, "mobius-model")
    projector = screen.presenter_view()
    qtbot.addWidget(projector)
    combo = screen.sections[1].item_widgets[0]
    combo.setCurrentText("Missing")
    assert values.item_value(screen.answers(), "possibility", 0) == "Missing"
    assert "Missing: 1" in screen.summary.text()
    assert window.document.undo_stack.undoText() == "Rate “In this relationship” Missing"
    combo.setCurrentIndex(0)
    assert window.document.undo_stack.undoText() == "Clear “In this relationship”"
    window.document.undo_stack.undo()
    qtbot.keyClicks(screen.sections[0].notes, "<b>not bold</b> & R&D")
    assert "<b>not bold</b> & R&D" in projector.toPlainText()


def test_demo_worksheets_are_in_the_navigator(start_window, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    kinds = {e.template for w in records.all_workshops(ws) for e in records.exercises(ws, w.id)}
    assert {"partnership-scenario", "partnership-life-cycle"} <= kinds
    scenario = first_exercise(ws, template="partnership-scenario")
    assert window.navigator.select(NodeKey("exercise", scenario.id))
    screen = window.current_screen()
    assert screen.sections[0].notes.toPlainText() == "Cornwall Teenage Pregnancy Partnership"


def test_projector_view_fits_the_screen_at_both_sizes(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    scenario = first_exercise(ws, template="partnership-scenario")
    window.navigator.select(NodeKey("exercise", scenario.id))
    projector = window.current_screen().presenter_view()
    qtbot.addWidget(projector)
    sizes = {}
    for width, height in ((1024, 768), (1920, 1080)):
        projector.resize(width, height)
        projector.show()
        qtbot.waitUntil(lambda w=width: projector.width() == w)
        text = projector.document()
        sizes[width] = text.defaultFont().pixelSize()
        # The room cannot scroll: it fits, unless the type is already at its 18 px floor.
        assert text.size().height() <= projector.viewport().height() or sizes[width] == 18
        assert not projector.verticalScrollBar().isVisible()
    assert sizes[1920] > sizes[1024] >= 18


def _file_bytes(path) -> tuple[bytes, bytes]:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def test_opening_every_worksheet_and_its_projector_view_writes_nothing(start_window, qtbot, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    found = [e for w in records.all_workshops(ws) for e in records.exercises(ws, w.id) if e.kind == "worksheet"]
    assert len(found) >= 3
    before = _file_bytes(window.document.path)
    for exercise in found:
        assert window.navigator.select(NodeKey("exercise", exercise.id))
        screen = window.current_screen()
        assert isinstance(screen, WorksheetScreen)
        projector = screen.presenter_view()
        qtbot.addWidget(projector)
    assert _file_bytes(window.document.path) == before
    assert window.document.undo_stack.count() == 0


def test_a_refused_edit_shows_the_store_again(start_window, qtbot, demo_path, monkeypatch):
    window = start_window(demo_path)
    screen = open_new_worksheet(window, "partnership-life-cycle")
    box = screen.sections[0].item_widgets[0]
    monkeypatch.setattr(type(window.document), "read_only", property(lambda self: True))
    box.setChecked(True)
    assert not box.isChecked()  # the store refused: the tick is taken back
    assert values.answers_of(window.document.workspace, screen.exercise_id) == {}


@pytest.mark.parametrize("size", [(1366, 700, True), (1200, 760, False)], ids=["runner", "default"])
def test_a_long_worksheet_scrolls_its_steps_under_a_fixed_heading(start_window, qtbot, demo_path, size):
    from tests.ui.conftest import activate, press, type_text

    window = laptop_window(start_window, demo_path, size)
    ws = window.document.workspace
    scenario = first_exercise(ws, template="partnership-scenario")
    window.navigator.select(NodeKey("exercise", scenario.id))
    screen = window.current_screen()
    assert isinstance(screen, WorksheetScreen) and len(screen.sections) == 10
    assert not window.editor_area.verticalScrollBar().isVisible()
    assert screen.steps.verticalScrollBar().isVisible()  # the steps scroll, inside the screen
    activate(qtbot, window)
    screen.sections[0].notes.setFocus()  # as a click in the first step's notes would
    last = screen.sections[-1].notes
    for _ in range(40):
        if last.hasFocus():
            break
        press(window, Qt.Key_Tab)
    assert last.hasFocus()
    viewport = screen.steps.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(
        QRect(last.viewport().mapTo(viewport, last.cursorRect().topLeft()), last.cursorRect().size())))
    # The heading and the count of steps answered stay in view above the steps.
    summary = screen.summary
    assert window.rect().contains(QRect(summary.mapTo(window, QPoint(0, 0)), summary.size()))
    type_text(window, "Evaluate with the group")
    assert values.notes_of(screen.answers(), screen.sections[-1].section.key).endswith("Evaluate with the group")
    qtbot.waitUntil(lambda: "5 of 10" in summary.text())
