"""The wall from the keyboard, keys sent through the window as the window system does: each key
works where the status line says it does, and typing on the wall never reaches the projector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from partnerdesk.post_it_wall import layout, values
from tests.ui.conftest import press, show_on_projector, type_text
from tests.ui.post_it_wall.conftest import click_post_it, drag, point_of, stored, type_post_it
from ui.navigator import NodeKey
from ui.projector.keys import TAKES_TYPING, is_typing


def votes(screen, post_it_id: str) -> int:
    return values.post_it(screen.document.workspace, post_it_id).votes


def click_ranking_row(screen, row: int) -> None:
    ranking = screen.ranking_list
    QTest.mouseClick(ranking.viewport(), Qt.LeftButton, Qt.NoModifier,
                     ranking.visualItemRect(ranking.item(row)).center())


def test_zone_keys_dots_tallies_and_f2_work_where_the_status_line_says(qtbot, screen):
    for text in ("Trust", "Respect"):
        type_post_it(qtbot, screen, text)
    trust = next(p for p in stored(screen) if p.text == "Trust")
    assert "Enter adds the post-it to PINK" in screen.status.text() and "Ctrl+1…4" in screen.status.text()

    # Ctrl+1… from the theme box as from the post-it box.
    press(screen, Qt.Key_G, Qt.ControlModifier)
    press(screen, Qt.Key_3, Qt.ControlModifier)
    assert screen.current_zone == "green" and screen.post_it_edit.hasFocus()
    press(screen, Qt.Key_1, Qt.ControlModifier)

    # On the wall: + (and =, the same key unshifted), −, a typed tally, Alt+2.
    click_post_it(screen, trust.id)
    status = screen.status.text()
    assert status.startswith("On the wall:") and "+ and −" in status and "a number tallies" in status
    type_text(screen, "+=")
    assert votes(screen, trust.id) == 2
    type_text(screen, "-")
    assert votes(screen, trust.id) == 1
    type_text(screen, "4")
    assert screen.votes_spin.hasFocus()
    press(screen, Qt.Key_Return)
    assert votes(screen, trust.id) == 4 and screen.view.hasFocus()
    press(screen, Qt.Key_2, Qt.AltModifier)
    assert values.post_it(screen.document.workspace, trust.id).zone == "yellow"

    # In the ranking: the same keys on the post-it chosen there.
    click_ranking_row(screen, 0)
    assert screen.ranking_list.hasFocus()
    assert [p.id for p in screen.scene.selected_post_its()] == [trust.id]
    assert screen.status.text().startswith("In the ranking:")
    type_text(screen, "+")
    assert votes(screen, trust.id) == 5
    type_text(screen, "9")
    press(screen, Qt.Key_Return)
    assert votes(screen, trust.id) == 9
    click_ranking_row(screen, 0)
    press(screen, Qt.Key_4, Qt.AltModifier)
    assert values.post_it(screen.document.workspace, trust.id).zone == "blue"
    click_ranking_row(screen, 0)
    press(screen, Qt.Key_F2)
    assert screen.view.editor is not None and screen.view.editor.hasFocus()
    type_text(screen, "Mutual trust")
    press(screen, Qt.Key_Return)
    assert values.post_it(screen.document.workspace, trust.id).text == "Mutual trust"
    # One undo step each, in the Edit menu's words.
    stack = screen.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add post-it to PINK", "Add post-it to PINK", "Add a dot", "Add a dot", "Take a dot off",
        "Tally 4 dots", "Move 1 post-it to YELLOW", "Add a dot", "Tally 9 dots",
        "Move 1 post-it to BLUE", "Edit post-it"]


def test_enter_in_the_theme_box_groups_and_says_why_not(qtbot, screen):
    for text in ("Budgets", "Finance"):
        type_post_it(qtbot, screen, text)
    press(screen, Qt.Key_G, Qt.ControlModifier)
    type_text(screen, "Money")
    press(screen, Qt.Key_Return)
    assert values.themes(screen.document.workspace, screen.exercise_id) == []
    assert screen.status.text().startswith("Select the post-its to group first")
    screen.select_all_post_its()
    press(screen, Qt.Key_G, Qt.ControlModifier)
    press(screen, Qt.Key_Return)
    [theme] = values.themes(screen.document.workspace, screen.exercise_id)
    assert theme.name == "Money" and {p.theme_id for p in stored(screen)} == {theme.id}
    stack = screen.document.undo_stack
    assert stack.text(stack.index() - 1) == "Group 2 post-its as “Money”"


def test_the_wall_takes_typing_so_the_projectors_letters_start_a_post_it(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    wall = next(e for w in ws.rows("workshops") for e in values.walls(ws, w["id"])
                if e.template == "evaluation-wall")
    window.navigator.select(NodeKey("exercise", wall.id))
    presenter = show_on_projector(qtbot, window)
    screen = window.current_exercise_screen()
    screen.view.setFocus()
    assert screen.view.property(TAKES_TYPING) is True and is_typing(screen.view)
    type_text(window, "bi. ")
    assert not presenter.blank and not presenter.instructions_on
    assert screen.post_it_edit.hasFocus() and screen.post_it_edit.text() == "bi. "
    press(window, Qt.Key_Return)
    assert "bi." in [p.text for p in values.post_its(ws, wall.id)]
    # Away from the wall and any text, the clicker's keys are the projector's: Page Down shows
    # the busy wall's next zone, and the agenda moves on only after the last.
    content = presenter.window.content
    assert content.zone_at_a_time and content.zone_key == "pink"
    screen.tidy_button.setFocus()
    for expected in ("yellow", "green", "blue"):
        press(window, Qt.Key_PageDown)
        assert presenter.window.content is content and content.zone_key == expected
    press(window, Qt.Key_PageUp)
    assert content.zone_key == "green"
    press(window, Qt.Key_B)
    assert presenter.blank


def test_new_post_its_never_land_on_top_of_others_on_a_wall_of_140(qtbot, screen):
    for i in range(140):
        if i % 35 == 0:
            press(screen, getattr(Qt, f"Key_{i // 35 + 1}"), Qt.ControlModifier)
        if i == 20:
            # Some post-its pushed off the grid by hand on the way: the next ones avoid them.
            for found in stored(screen)[4:7]:
                screen.scene.clearSelection()
                start = point_of(screen, found.id)
                drag(screen, start, start + QPoint(37, 23))
        type_post_it(qtbot, screen, f"Idea {i}")
    placed = stored(screen)
    assert len(placed) == 140 and {p.zone for p in placed} == {"pink", "yellow", "green", "blue"}
    assert sum(1 for p in placed if (p.x - layout.ZONE_MARGIN) % layout.CELL_WIDTH) >= 3
    items = screen.scene.post_it_items
    typed_later = {p.id for p in placed if int(p.text.split()[1]) >= 20}
    for post_it_id in typed_later:
        box = items[post_it_id].sceneBoundingRect()
        covered = [other.post_it.text for other in items.values()
                   if other is not items[post_it_id] and box.intersects(other.sceneBoundingRect())]
        assert covered == [], f"{items[post_it_id].post_it.text} covers {covered}"
    # The laptop shows the zone being filled, every post-it in it large enough to read.
    assert screen.view.showing_zone() and screen.current_zone == "blue"
    shown = screen.view.mapToScene(screen.view.viewport().rect()).boundingRect()
    newest = max(placed, key=lambda p: int(p.text.split()[1]))
    assert shown.intersects(screen.scene.post_it_items[newest.id].sceneBoundingRect())


@pytest.mark.parametrize("hidden", [True, False])
def test_collect_hidden_is_an_undo_step_named_for_what_it_does(qtbot, screen, hidden):
    if not hidden:
        QTest.mouseClick(screen.hidden_check, Qt.LeftButton)
    QTest.mouseClick(screen.hidden_check, Qt.LeftButton)
    stack = screen.document.undo_stack
    assert stack.text(stack.index() - 1) == ("Stop collecting post-its hidden" if not hidden
                                             else "Collect new post-its hidden")
    stack.undo()
    assert screen.hidden_check.isChecked() is (not hidden)
    assert QApplication.focusWidget() is screen.post_it_edit


def test_zone_keys_choose_where_post_its_land_in_that_zones_colour(qtbot, screen):
    press(screen, Qt.Key_2, Qt.ControlModifier)
    assert screen.current_zone == "yellow"
    type_post_it(qtbot, screen, "Use the stakeholder matrix")
    press(screen, Qt.Key_4, Qt.ControlModifier)
    QTest.mouseClick(screen.author_edit, Qt.LeftButton)
    type_text(screen, "Ruth")
    QTest.mouseClick(screen.post_it_edit, Qt.LeftButton)
    type_text(screen, "More time for the role play")
    press(screen, Qt.Key_Return)
    post_its = {n.text: n for n in stored(screen)}
    assert post_its["Use the stakeholder matrix"].zone == "yellow"
    assert post_its["Use the stakeholder matrix"].author == ""
    assert post_its["More time for the role play"].zone == "blue"
    assert post_its["More time for the role play"].author == "Ruth"
    assert screen.author_edit.text() == ""  # the next post-it is anonymous again
    item = screen.scene.post_it_items[post_its["More time for the role play"].id]
    assert item.colour.name() == values.wall_template("evaluation-wall").zone("blue").colour


def test_keyboard_move_edit_in_place_and_delete(qtbot, screen):
    for text in ("Clarity of role", "Affirmation"):
        type_post_it(qtbot, screen, text)
    first, second = sorted(stored(screen), key=lambda n: n.x)
    click_post_it(screen, first.id)
    click_post_it(screen, second.id, Qt.ControlModifier)
    assert len(screen.scene.selected_post_its()) == 2
    press(screen, Qt.Key_3, Qt.AltModifier)
    assert {n.zone for n in stored(screen)} == {"green"}
    screen.document.undo_stack.undo()
    assert {n.zone for n in stored(screen)} == {"pink"}
    screen.document.undo_stack.redo()

    # Edit in place: double-click, type, Enter.
    QTest.mouseDClick(screen.view.viewport(), Qt.LeftButton, Qt.NoModifier, point_of(screen, first.id))
    editor = screen.view.editor
    assert editor is not None and editor.text() == "Clarity of role" and editor.hasFocus()
    type_text(screen, "Clarity of roles")  # the whole text was selected: typing replaces it
    press(screen, Qt.Key_Return)
    assert values.post_it(screen.document.workspace, first.id).text == "Clarity of roles"
    # F2 edits the selected post-it too; Escape keeps the old text.
    screen.scene.clearSelection()
    click_post_it(screen, first.id)
    press(screen, Qt.Key_F2)
    assert screen.view.editor is not None and screen.view.editor.hasFocus()
    type_text(screen, "zzz")
    press(screen, Qt.Key_Escape)
    assert values.post_it(screen.document.workspace, first.id).text == "Clarity of roles"
    screen.document.undo_stack.undo()
    assert values.post_it(screen.document.workspace, first.id).text == "Clarity of role"

    screen.scene.clearSelection()
    click_post_it(screen, second.id)
    assert screen.view.hasFocus()
    press(screen, Qt.Key_Delete)
    assert values.post_it(screen.document.workspace, second.id) is None
    assert second.id not in screen.scene.post_it_items
    screen.document.undo_stack.undo()
    assert values.post_it(screen.document.workspace, second.id).text == "Affirmation"
    assert second.id in screen.scene.post_it_items


def test_adding_to_an_existing_theme_and_select_all(qtbot, screen):
    for text in ("Jargon", "Lack of information", "Cash"):
        type_post_it(qtbot, screen, text)
    post_its = {n.text: n for n in stored(screen)}
    click_post_it(screen, post_its["Jargon"].id)
    screen.theme_combo.setEditText("Communication")
    QTest.mouseClick(screen.group_button, Qt.LeftButton)
    click_post_it(screen, post_its["Lack of information"].id)
    screen.theme_combo.setCurrentIndex(screen.theme_combo.findText("Communication"))
    QTest.mouseClick(screen.group_button, Qt.LeftButton)
    ws = screen.document.workspace
    [theme] = values.themes(ws, screen.exercise_id)
    assert {n.text for n in stored(screen) if n.theme_id == theme.id} == {"Jargon", "Lack of information"}
    screen.view.setFocus()
    press(screen, Qt.Key_A, Qt.ControlModifier)
    assert len(screen.scene.selected_post_its()) == 3
    press(screen, Qt.Key_Escape)
    assert screen.scene.selected_post_its() == []


def test_typing_on_the_wall_goes_to_the_post_it_line_and_clicking_a_zone_chooses_it(qtbot, screen):
    green = screen.scene.zone_rect("green")
    QTest.mouseClick(screen.view.viewport(), Qt.LeftButton, Qt.NoModifier,
                     screen.view.mapFromScene(green.center()))
    assert screen.current_zone == "green"
    assert screen.view.hasFocus()
    type_text(screen, "Mentoring")
    assert screen.post_it_edit.hasFocus() and screen.post_it_edit.text() == "Mentoring"
    press(screen, Qt.Key_Return)
    assert [(n.zone, n.text) for n in stored(screen)] == [("green", "Mentoring")]
