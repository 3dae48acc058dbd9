"""Quadrant boards driven as a facilitator would: mouse drags, keys, groups, compare, export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from partnerdesk.quadrant_board import values
from partnerdesk.store import Workspace
from tests.ui.conftest import activate, press, type_text
from ui.commands import AddRecordsCommand, ChangeRecordsCommand
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.exercises import create_screen
from ui.exercises.quadrant_board.export import PRINT_SIZE, PROJECTOR_SIZE
from ui.exercises.quadrant_board.items import ChipItem, to_scene
from ui.exercises.quadrant_board.panels import NOT_PLACED
from ui.exercises.quadrant_board.room import RoomChip
from ui.exercises.quadrant_board.screen import QuadrantBoardScreen
from ui.projector_view import ProjectorBoardView

MATRIX = values.board_template("stakeholder-matrix")


def _exercise_id(document, template_id, standalone=True):
    for row in document.workspace.rows("exercises", {"template": template_id}):
        workshop = document.workspace.get("workshops", row["workshop_id"])
        if (workshop["programme_id"] is None) == standalone:
            return row["id"]
    raise AssertionError(template_id)


@pytest.fixture
def matrix(qtbot, demo_document) -> QuadrantBoardScreen:
    screen = create_screen(demo_document, _exercise_id(demo_document, "stakeholder-matrix"))
    qtbot.addWidget(screen)
    screen.resize(1400, 820)
    activate(qtbot, screen)
    return screen


def _chip(screen, label) -> ChipItem:
    found = [c for c in screen.scene.chips.values() if c.text == label]
    assert found, f"no chip {label!r} on {[c.text for c in screen.scene.chips.values()]}"
    return found[0]


def _spot(screen, chip):
    return values.placement(screen.document.workspace, chip.placement_id)


def _on_view(screen, x, y) -> QPoint:
    return screen.view.mapFromScene(to_scene(x, y))


def _click(view, chip, modifiers=Qt.NoModifier) -> None:
    QTest.mouseClick(view.viewport(), Qt.LeftButton, modifiers, view.mapFromScene(chip.scenePos()))


def _press(widget, key, modifiers=Qt.NoModifier) -> None:
    """Focus `widget`, as a click on it would, and press `key` through its window."""
    widget.setFocus()
    press(widget.window(), key, modifiers)


def _drag(view, start: QPoint, end: QPoint, modifiers=Qt.NoModifier) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, modifiers, start)
    steps = 5
    for n in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * n / steps)
    QTest.mouseRelease(viewport, Qt.LeftButton, modifiers, end)


def test_the_list_model_is_a_sound_qt_model(matrix, qtmodeltester):
    qtmodeltester.check(matrix.model)


def test_the_demo_shows_the_first_groups_board_and_its_list(matrix):
    assert matrix.group_combo.currentText() == "Community Safety Partnership"
    labels = sorted(c.text for c in matrix.scene.chips.values())
    assert "Directors of Public Health" in labels and len(labels) == 13
    row = matrix.model.row_of(_chip(matrix, "Councillors").item_id)
    assert matrix.model.index(row, 1).data() == "KEEP ON BOARD"
    assert "At which point within the partnership cycle" in matrix.help_browser.toPlainText()


def test_dragging_a_chip_with_the_mouse_is_one_undoable_move(matrix):
    stack = matrix.document.undo_stack
    chip = _chip(matrix, "Residents")  # BE AWARE, bottom left
    before = _spot(matrix, chip)
    start = matrix.view.mapFromScene(chip.scenePos())
    _drag(matrix.view, start, _on_view(matrix, 0.6, 0.6))
    after = _spot(matrix, chip)
    assert values.quadrant_of(MATRIX, after.x, after.y).name == "INVOLVE"
    assert stack.count() == 1 and stack.undoText() == "Move stakeholder"
    row = matrix.model.row_of(chip.item_id)
    assert matrix.model.index(row, 1).data() == "INVOLVE"
    stack.undo()
    assert (_spot(matrix, chip).x, _spot(matrix, chip).y) == (before.x, before.y)
    assert chip.pos() == to_scene(before.x, before.y)
    stack.redo()
    assert _spot(matrix, chip).x == after.x


def test_a_drag_shows_the_board_as_a_full_repaint_does_and_gives_it_back(matrix, qtbot):
    # While chips move, the view draws the still board from one picture (the drag layer):
    # what the facilitator sees must be what drawing every item shows.
    chip, other = _chip(matrix, "Residents"), _chip(matrix, "Legal services")
    viewport = matrix.view.viewport()
    start, end = matrix.view.mapFromScene(chip.scenePos()), _on_view(matrix, 0.6, 0.6)
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    qtbot.waitUntil(lambda: chip.zValue() > other.zValue())
    for n in range(1, 4):
        QTest.mouseMove(viewport, start + (end - start) * n / 6)
    during = viewport.grab().toImage()
    matrix.view._end_drag_layer()
    assert during == viewport.grab().toImage()
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, start + (end - start) * 3 / 6)
    assert all(item.opacity() == 1 for item in matrix.scene.items())
    _click(matrix.view, other)
    assert matrix.scene.selected_chips() == [other]


def test_a_change_to_the_board_during_a_drag_shows_at_once(matrix, qtbot):
    chip, other = _chip(matrix, "Residents"), _chip(matrix, "Legal services")
    _drag(matrix.view, matrix.view.mapFromScene(other.scenePos()), _on_view(matrix, 0.5, -0.5))
    moved_to = other.pos()
    viewport = matrix.view.viewport()
    start = matrix.view.mapFromScene(chip.scenePos())
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for n in range(1, 4):
        QTest.mouseMove(viewport, start + QPoint(5 * n, 5 * n))
    matrix.document.undo_stack.undo()  # the earlier move, by key, mid-drag
    assert other.pos() != moved_to
    during = viewport.grab().toImage()
    matrix.view._end_drag_layer()
    assert during == viewport.grab().toImage()
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, start + QPoint(15, 15))


def test_dragging_a_multiple_selection_moves_all_in_one_command(matrix, qtbot):
    first, second = _chip(matrix, "Residents"), _chip(matrix, "Legal services")
    QTest.mouseClick(matrix.view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     matrix.view.mapFromScene(first.scenePos()))
    QTest.mouseClick(matrix.view.viewport(), Qt.LeftButton, Qt.ControlModifier,
                     matrix.view.mapFromScene(second.scenePos()))
    assert set(matrix.scene.selected_chips()) == {first, second}
    qtbot.waitUntil(lambda: set(matrix.selected_item_ids()) == {first.item_id, second.item_id})
    start = matrix.view.mapFromScene(first.scenePos())
    _drag(matrix.view, start, start + QPoint(matrix.view.mapFromScene(to_scene(1.2, 0)).x()
                                             - matrix.view.mapFromScene(to_scene(0, 0)).x(), 0))
    stack = matrix.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Move stakeholders"
    for chip in (first, second):
        spot = _spot(matrix, chip)
        assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "KEEP ON BOARD"
    stack.undo()
    for chip in (first, second):
        spot = _spot(matrix, chip)
        assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "BE AWARE"


def test_a_drag_past_the_edge_stays_on_the_board(matrix):
    chip = _chip(matrix, "Councillors")
    start = matrix.view.mapFromScene(chip.scenePos())
    _drag(matrix.view, start, QPoint(matrix.view.viewport().width() - 1, matrix.view.viewport().height() - 1))
    spot = _spot(matrix, chip)
    assert spot.x == 1.0 and spot.y == -1.0


def test_keys_nudge_send_rename_and_delete(matrix, qtbot):
    stack = matrix.document.undo_stack
    chip = _chip(matrix, "Residents")
    _click(matrix.view, chip)
    matrix.view.setFocus()
    before = _spot(matrix, chip)
    for _ in range(3):
        _press(matrix.view, Qt.Key_Right)
    _press(matrix.view, Qt.Key_Up)
    after = _spot(matrix, chip)
    assert after.x == pytest.approx(before.x + 0.06) and after.y == pytest.approx(before.y + 0.02)
    assert stack.count() == 1  # a run of nudges of the same selection is one undo step
    _press(matrix.view, Qt.Key_2)
    spot = _spot(matrix, chip)
    assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "INVOLVE"
    assert stack.undoText() == "Send stakeholder to INVOLVE"

    _press(matrix.view, Qt.Key_F2)
    assert matrix.list_view.state() == matrix.list_view.State.EditingState
    editor = matrix.list_view.viewport().findChild(QLineEdit)
    assert editor.text() == "Residents"
    editor.selectAll()
    type_text(matrix, "Local residents")
    press(matrix, Qt.Key_Return)
    # The delegate commits on a queued call.
    qtbot.waitUntil(lambda: values.item(matrix.document.workspace, chip.item_id).label == "Local residents")
    assert chip.text == "Local residents"

    matrix.view.setFocus()
    _press(matrix.view, Qt.Key_Delete)
    assert values.item(matrix.document.workspace, chip.item_id) is None
    assert chip.placement_id not in matrix.scene.chips
    stack.undo()
    assert values.item(matrix.document.workspace, chip.item_id).label == "Local residents"
    restored = matrix.scene.chips[chip.placement_id]
    assert restored.text == "Local residents"
    stack.undo()  # the rename
    assert matrix.scene.chips[chip.placement_id].text == "Residents"


def test_add_from_the_list_then_place_with_a_key(matrix, qtbot):
    matrix.add_edit.setFocus()
    type_text(matrix, "Neighbourhood Watch")
    press(matrix, Qt.Key_Return)
    found = [i for i in values.items(matrix.document.workspace, matrix.exercise_id, matrix.group_id)
             if i.label == "Neighbourhood Watch"]
    assert found and values.placements_of(matrix.document.workspace, found[0].id) == []
    row = matrix.model.row_of(found[0].id)
    assert matrix.model.index(row, 1).data() == NOT_PLACED
    matrix.list_view.setFocus()
    _press(matrix.list_view, Qt.Key_1)
    chip = _chip(matrix, "Neighbourhood Watch")
    spot = _spot(matrix, chip)
    assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "INFORM"
    assert matrix.model.index(row, 1).data() == "INFORM"
    matrix.document.undo_stack.undo()
    assert chip.placement_id not in matrix.scene.chips


def test_double_click_on_the_board_adds_a_stakeholder_there(matrix):
    point = _on_view(matrix, -0.95, -0.95)
    QTest.mouseDClick(matrix.view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    added = [c for c in matrix.scene.chips.values() if c.text == "New stakeholder"]
    assert len(added) == 1
    spot = _spot(matrix, added[0])
    assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "BE AWARE"
    assert matrix.list_view.state() == matrix.list_view.State.EditingState
    matrix.document.undo_stack.undo()
    assert not [c for c in matrix.scene.chips.values() if c.text == "New stakeholder"]
    assert values.item(matrix.document.workspace, added[0].item_id) is None


def test_switching_groups_shows_each_groups_board(matrix):
    matrix.group_combo.setCurrentIndex(matrix.group_combo.findText("Teenage Pregnancy team"))
    labels = {c.text for c in matrix.scene.chips.values()}
    assert "Looked After Children" in labels and "Councillors" not in labels
    assert matrix.model.rowCount() == 16
    assert "Teenage Pregnancy team" in matrix.scene._title.text()
    matrix.group_combo.setCurrentIndex(matrix.group_combo.findText("Whole room"))
    assert matrix.scene.chips == {} and matrix.model.rowCount() == 0


def test_the_compare_view_shows_the_groups_side_by_side_and_follows_edits(matrix, qtbot):
    QTest.mouseClick(matrix.compare_button, Qt.LeftButton)
    dialog = matrix.compare_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert len(dialog.scenes) == 4
    assert dialog.cell_labels("INFORM", "Local Strategic Partnership") == ["PCT", "CSP", "Environment Agency"]
    assert dialog.cell_labels("BE AWARE", "Teenage Pregnancy team") == []
    chip = _chip(matrix, "Residents")
    _click(matrix.view, chip)
    _press(matrix.view, Qt.Key_2)
    assert "Residents" in dialog.cell_labels("INVOLVE", "Community Safety Partnership")
    assert dialog.cell_labels("BE AWARE", "Community Safety Partnership") == ["Legal services"]
    group_scene = dialog.scenes[0]
    moved = next(c for c in group_scene.chips.values() if c.text == "Residents")
    assert moved.pos() == chip.pos()


def test_reopening_the_workspace_shows_every_position(qtbot, demo_path):
    document = WorkspaceDocument(Workspace.open(demo_path))
    screen = create_screen(document, _exercise_id(document, "stakeholder-matrix"))
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    chip = _chip(screen, "Residents")
    _click(screen.view, chip)
    _press(screen.view, Qt.Key_Left)
    _press(screen.view, Qt.Key_4)
    screen.group_combo.setCurrentIndex(screen.group_combo.findText("Drug & Alcohol Partnership"))
    gp = _chip(screen, "GP PBC")
    _drag(screen.view, screen.view.mapFromScene(gp.scenePos()), _on_view(screen, -0.7, -0.7))
    saved = {}
    for n in range(screen.group_combo.count()):
        screen.group_combo.setCurrentIndex(n)
        saved[screen.group_combo.currentText()] = {c.placement_id: (c.text, c.pos())
                                                  for c in screen.scene.chips.values()}
    screen.close()
    document.close()

    reopened = WorkspaceDocument(Workspace.open(demo_path))
    again = create_screen(reopened, _exercise_id(reopened, "stakeholder-matrix"))
    qtbot.addWidget(again)
    try:
        for n in range(again.group_combo.count()):
            again.group_combo.setCurrentIndex(n)
            shown = {c.placement_id: (c.text, c.pos()) for c in again.scene.chips.values()}
            assert shown == saved[again.group_combo.currentText()]
        again.set_group(next(g.id for g in again.groups if g and g.name == "Drug & Alcohol Partnership"))
        spot = _spot(again, _chip(again, "GP PBC"))
        assert values.quadrant_of(MATRIX, spot.x, spot.y).name == "BE AWARE"
    finally:
        reopened.close()


def test_export_png_at_projector_and_print_size_and_svg(matrix, tmp_path, monkeypatch):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    projector = matrix.export("projector", tmp_path / "board.png")
    image = QImage(str(projector))
    assert (image.width(), image.height()) == (PROJECTOR_SIZE.width(), PROJECTOR_SIZE.height())
    # The board is drawn: a quadrant's colour is somewhere near the middle of the top half.
    assert image.pixelColor(image.width() // 4, image.height() // 3).name() != "#ffffff"
    answers = iter([tmp_path / "print", tmp_path / "board.svg"])
    monkeypatch.setattr(Dialogs, "save_path", staticmethod(lambda *args: next(answers)))
    printed = matrix.export("print")
    assert printed.suffix == ".png"
    image = QImage(str(printed))
    assert (image.width(), image.height()) == (PRINT_SIZE.width(), PRINT_SIZE.height())
    svg = matrix.export("svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Police" in svg.read_text(encoding="utf-8")
    assert QSvgRenderer(str(svg)).isValid()
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["board.png", "board.svg", "print.png"]  # no temporary files left


def test_an_export_to_a_missing_folder_is_reported(matrix, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(Dialogs, "error", staticmethod(lambda parent, title, message: errors.append(title)))
    assert matrix.export("projector", tmp_path / "gone" / "board.png") is None
    assert errors == ["Board export not saved"]


def test_the_presenter_view_follows_edits_live(matrix, qtbot):
    presenter = matrix.presenter_view()
    qtbot.addWidget(presenter)
    assert isinstance(presenter, ProjectorBoardView) and not presenter.isInteractive()
    presenter.resize(1280, 720)
    presenter.show()
    qtbot.waitUntil(lambda: any(isinstance(c, RoomChip) and c.label == "Residents" for c in presenter.items()))
    chip = _chip(matrix, "Residents")
    _click(matrix.view, chip)
    _press(matrix.view, Qt.Key_2)
    board = presenter.scene().board_rect
    shown = next(c for c in presenter.items() if isinstance(c, RoomChip) and c.label == "Residents")
    # The room's chip follows into INVOLVE: the top right quadrant of the room's board.
    qtbot.waitUntil(lambda: shown.pos().x() > board.center().x() and shown.pos().y() < board.center().y())


def test_crowded_labels_are_elided_with_the_full_text_in_the_tooltip_and_overlaps_can_be_picked(matrix):
    long_name = "Directors of Public Health and Wellbeing for the County"
    item_id = matrix.add_item(long_name, at=(0.5, -0.5))
    chip = next(c for c in matrix.scene.chips.values() if c.item_id == item_id)
    assert chip.elided and long_name in chip.toolTip() and "KEEP ON BOARD" in chip.toolTip()
    other = matrix.add_item("Councillors' group", at=(0.52, -0.5))
    under = matrix.scene.chips_at(chip.scenePos())
    assert len(under) == 2
    menu = matrix.view.context_menu(chip.scenePos())
    picks = [a for a in menu.actions() if a.text() in (long_name, "Councillors' group")]
    assert len(picks) == 2
    picks[0].trigger()
    picked = matrix.scene.selected_chips()
    assert len(picked) == 1 and picked[0].zValue() > max(c.zValue() for c in under if c is not picked[0])
    assert other


def test_the_purpose_board_has_several_placements_checklists_and_help(qtbot, demo_document):
    screen = create_screen(demo_document, _exercise_id(demo_document, "purpose-of-partnership"))
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    assert screen.group_combo.currentText() == "Whole room"
    staff = [c for c in screen.scene.chips.values() if c.text == "Junior hospital staff"]
    assert len(staff) == 4 and {c.note for c in staff} >= {"education consortium", "junior doctor rotas"}
    row = screen.model.row_of(staff[0].item_id)
    assert set(screen.model.index(row, 1).data().split(", ")) == {
        "Co-evolution", "Co-operation", "Co-ordination", "Competition"}
    # Delete on the board removes that placement only.
    QTest.mouseClick(screen.view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     screen.view.mapFromScene(staff[0].scenePos()))
    _press(screen.view, Qt.Key_Delete)
    assert len(values.placements_of(demo_document.workspace, staff[0].item_id)) == 3
    # A key in the list gives the partnership a placement in that quadrant again.
    screen.select_items([staff[0].item_id])
    screen.list_view.setFocus()
    for key in (Qt.Key_1, Qt.Key_2, Qt.Key_3, Qt.Key_4):
        _press(screen.list_view, key)
    assert len(values.placements_of(demo_document.workspace, staff[0].item_id)) == 4

    entry = screen.checklist_item("box7", "trust")
    assert entry is not None and "genuine trust" in entry.toolTip(0)
    entry.setCheckState(0, Qt.Checked)
    assert values.ticks(demo_document.workspace, staff[0].item_id).keys() == {("box7", "trust")}
    demo_document.undo_stack.undo()
    assert values.ticks(demo_document.workspace, staff[0].item_id) == {}
    assert screen.checklist_item("box7", "trust").checkState(0) == Qt.Unchecked
    # Ticking refreshes the tree from the store while the ticked item is still signalling:
    # the same items must survive (this once crashed the app).
    for entry_id, state in (("trust", Qt.Checked), ("future", Qt.Checked), ("trust", Qt.Unchecked)):
        screen.checklist_item("box7", entry_id).setCheckState(0, state)
    assert values.ticks(demo_document.workspace, staff[0].item_id).keys() == {("box7", "future")}
    booksellers = next(c.item_id for c in screen.scene.chips.values() if c.text == "Booksellers")
    screen.select_items([booksellers])
    assert screen.checklist_item("box7", "future").checkState(0) == Qt.Unchecked
    assert screen.checklist_tree.headerItem().text(0) == "For: Booksellers"
    screen.show_quadrant_help("2")
    assert "enlightened self-interest" in screen.help_browser.toPlainText()


def test_movement_over_the_programme_is_drawn_as_arrows(qtbot, demo_document):
    last = [r for r in demo_document.workspace.rows("exercises", {"template": "purpose-of-partnership"})][-1]
    screen = create_screen(demo_document, last["id"])
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    assert screen.movement_check.isVisible()
    assert screen.scene._arrows == []
    screen.movement_check.setChecked(True)
    assert len(screen.scene._arrows) >= 3
    assert "Session 1" in screen.scene._arrows[0].toolTip()


def test_insert_new_exercise_opens_a_board(start_window, demo_path, qtbot):
    window = start_window(demo_path)
    from ui.navigator import NodeKey

    workshop = next(w for w in window.document.workspace.rows("workshops")
                    if w["title"] == "Collaborative Working")
    window.navigator.select(NodeKey("workshop", workshop["id"]))
    window.new_exercise_actions["stakeholder-matrix"].trigger()
    screen = window.current_exercise_screen()
    assert isinstance(screen, QuadrantBoardScreen)
    assert screen.group_combo.count() == 5
    assert screen.presenter_view() is not None


def test_bring_the_partnerships_from_the_last_session_then_see_them_move(qtbot, demo_document):
    ws = demo_document.workspace
    sessions = [w for w in ws.rows("workshops", order_by="date") if w["programme_id"]]
    session_4 = sessions[3]["id"]
    exercise = ws.insert("exercises", {"workshop_id": session_4, "kind": "quadrant_board",
                                       "template": "purpose-of-partnership", "title": "Purpose"})
    screen = create_screen(demo_document, exercise)
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    assert screen.carry_button.isVisible()
    QTest.mouseClick(screen.carry_button, Qt.LeftButton)
    chip = _chip(screen, "Junior hospital staff")
    assert _spot(screen, chip).x == -0.5 and _spot(screen, chip).y == -0.1  # where session 3 left it
    assert demo_document.undo_stack.undoText() == "Bring partnership from the last session"
    QTest.mouseClick(screen.carry_button, Qt.LeftButton)
    assert len(screen.scene.chips) == 1  # nothing twice
    _click(screen.view, chip)
    _press(screen.view, Qt.Key_1)
    screen.movement_check.setChecked(True)
    assert screen.scene._arrows
    demo_document.undo_stack.undo()
    demo_document.undo_stack.undo()
    assert screen.scene.chips == {} and screen.model.rowCount() == 0


def test_groups_added_in_the_workshop_appear_on_the_board(matrix):
    workshop = matrix.exercise.workshop_id

    row = {"workshop_id": workshop, "name": "Housing group", "position": 9}
    command = AddRecordsCommand(matrix.document, "small_groups", [row], "Add group")
    matrix.document.push(command)
    assert matrix.group_combo.findText("Housing group") >= 0
    assert matrix.group_combo.currentText() == "Community Safety Partnership"
    current = matrix.group_id
    matrix.document.push(ChangeRecordsCommand(matrix.document, "small_groups",
                                              {current: {"name": "Safer Cornwall"}}, "Rename"))
    assert matrix.group_combo.currentText() == "Safer Cornwall"
    assert "Safer Cornwall" in matrix.scene._title.text()
    matrix.document.undo_stack.undo()
    matrix.document.undo_stack.undo()
    assert matrix.group_combo.findText("Housing group") < 0


def test_clicking_a_selected_chip_in_a_pile_goes_through_the_pile(matrix):
    ids = [matrix.add_item(f"Pile {n}", at=(0.9, 0.9)) for n in range(3)]
    pile = [next(c for c in matrix.scene.chips.values() if c.item_id == i) for i in ids]
    point = matrix.view.mapFromScene(pile[0].scenePos())
    seen = []
    for _ in range(4):
        QTest.mouseClick(matrix.view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
        (chosen,) = matrix.scene.selected_chips()
        assert matrix.scene.chips_at(pile[0].scenePos())[0] is chosen  # the chosen one is on top
        seen.append(chosen.text)
    assert seen[0] == "Pile 2" and set(seen[:3]) == {"Pile 0", "Pile 1", "Pile 2"} and seen[3] == seen[0]
    assert matrix.document.undo_stack.undoText() == "Add stakeholder"  # clicks moved nothing


def test_a_read_only_workspace_refuses_a_drag_and_the_chip_goes_back(qtbot, demo_path):
    document = WorkspaceDocument(Workspace.open(demo_path, read_only=True))
    try:
        errors = []
        document.error_occurred.connect(errors.append)
        screen = create_screen(document, _exercise_id(document, "stakeholder-matrix"))
        qtbot.addWidget(screen)
        screen.show()
        chip = _chip(screen, "Residents")
        before = chip.pos()
        _drag(screen.view, screen.view.mapFromScene(chip.scenePos()), _on_view(screen, 0.6, 0.6))
        assert errors and chip.pos() == before
        assert document.undo_stack.count() == 0
    finally:
        document.close()


def test_typing_a_name_offers_the_names_used_on_the_other_boards(matrix, qtbot):
    offered = matrix.completer_model.stringList()
    assert "GP PBC" in offered and "Police" not in offered  # Police is already on this board
    completer = matrix.add_edit.completer()
    completer.setCompletionPrefix("pbc")
    assert completer.currentCompletion() == "GP PBC"
    matrix.add_edit.setFocus()
    type_text(matrix, "GP PBC")
    press(matrix, Qt.Key_Return)
    assert "GP PBC" not in matrix.completer_model.stringList()


def test_partnerships_taken_from_the_workshops_scenarios(start_window, qtbot, demo_path):
    from partnerdesk import demo, records
    from ui.navigator import NodeKey

    window = start_window(demo_path)
    ws = window.document.workspace
    one_day = next(w for w in records.workshops(ws, None) if w.title == demo.ONE_DAY_TITLE)
    purpose = next(e for e in records.exercises(ws, one_day.id) if e.template == "purpose-of-partnership")
    window.navigator.select(NodeKey("exercise", purpose.id))
    screen = window.current_screen()
    button = screen.scenarios_button
    assert not button.isHidden()
    before = {i.label for i in values.items(ws, purpose.id, screen.group_id)}
    qtbot.mouseClick(button, Qt.LeftButton)
    after = values.items(ws, purpose.id, screen.group_id)
    added = [i for i in after if i.label not in before]
    assert [i.label for i in added] == ["Cornwall Teenage Pregnancy Partnership"]
    assert added[0].notes.startswith("Set up to halve under-18 conceptions")
    qtbot.mouseClick(button, Qt.LeftButton)  # again: nothing twice
    assert len(values.items(ws, purpose.id, screen.group_id)) == len(after)
    window.document.undo_stack.undo()
    assert {i.label for i in values.items(ws, purpose.id, screen.group_id)} == before
