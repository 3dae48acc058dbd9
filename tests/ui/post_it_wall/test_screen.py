"""The post-it wall driven like a facilitator: typing, dragging, themes, dots, hide and reveal."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from partnerdesk.post_it_wall import KIND, layout, values
from partnerdesk.store import Workspace
from tests.ui.conftest import activate, press, type_text
from tests.ui.post_it_wall.conftest import click_post_it, drag, new_wall, point_of, stored, type_post_it
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.exercises import create_screen
from ui.exercises.post_it_wall.items import PostItItem
from ui.exercises.post_it_wall.screen import PostItWallScreen
from ui.navigator import NodeKey


def test_typing_post_its_in_quick_succession_keeps_every_one_and_the_focus(qtbot, screen):
    texts = [f"Post-it number {i}: good discussion" for i in range(25)]
    for text in texts:
        type_post_it(qtbot, screen, text)
    # They fill the zone four wide in typing order (it widens only as it fills further).
    in_reading_order = [n.text for n in sorted(stored(screen), key=lambda n: (n.y, n.x))]
    assert in_reading_order[:4] == texts[:4] and sorted(in_reading_order) == sorted(texts)
    assert all(n.zone == "pink" and n.author == "" for n in stored(screen))
    assert screen.post_it_edit.text() == ""
    assert screen.post_it_edit.hasFocus()
    assert len(screen.scene.post_it_items) == 25
    assert screen.scene.zone_items["pink"].count == 25
    # No two post-its on top of each other.
    assert len({(n.x, n.y) for n in stored(screen)}) == 25
    # Each post-it is one undo step.
    screen.document.undo_stack.undo()
    assert len(stored(screen)) == 24 and len(screen.scene.post_it_items) == 24
    screen.document.undo_stack.redo()
    assert len(stored(screen)) == 25


def test_drag_a_post_it_to_another_zone_with_the_mouse_then_undo_and_redo(qtbot, screen):
    type_post_it(qtbot, screen, "Networking")
    post_it = stored(screen)[0]
    green = screen.scene.zone_rect("green")
    target = screen.view.mapFromScene(green.center())
    drag(screen, point_of(screen, post_it.id), target)
    moved = values.post_it(screen.document.workspace, post_it.id)
    assert moved.zone == "green"
    assert screen.scene.post_it_items[post_it.id].post_it.zone == "green"
    assert screen.scene.zone_items["green"].count == 1 and screen.scene.zone_items["pink"].count == 0
    assert screen.document.undo_stack.text(screen.document.undo_stack.index() - 1) == "Move post-it"
    screen.document.undo_stack.undo()
    assert values.post_it(screen.document.workspace, post_it.id).zone == "pink"
    assert screen.scene.post_it_items[post_it.id].pos() == screen.scene.post_it_scene_pos(
        values.post_it(screen.document.workspace, post_it.id))
    screen.document.undo_stack.redo()
    assert values.post_it(screen.document.workspace, post_it.id).zone == "green"


def test_drag_several_post_its_within_their_zone_is_one_step_that_undoes_every_row_exactly(qtbot, screen):
    for i in range(6):
        type_post_it(qtbot, screen, f"Idea {i}")
    ws = screen.document.workspace
    ids = [n.id for n in stored(screen)][:3]
    click_post_it(screen, ids[0])
    for pid in ids[1:]:
        click_post_it(screen, pid, Qt.ControlModifier)
    assert {p.id for p in screen.scene.selected_post_its()} == set(ids)
    rows = ws.rows(values.POST_ITS)
    was = {n.id: n for n in stored(screen)}
    start = point_of(screen, ids[0])
    drag(screen, start, start + QPoint(40, 30))
    assert screen.document.undo_stack.text(screen.document.undo_stack.index() - 1) == "Move 3 post-its"
    now = {n.id: n for n in stored(screen)}
    shifts = {(round(now[i].x - was[i].x), round(now[i].y - was[i].y)) for i in ids}
    assert len(shifts) == 1 and shifts != {(0, 0)}  # all three by the same distance
    assert all(now[i] == was[i] for i in was if i not in ids)
    for pid, post_it in now.items():
        item = screen.scene.post_it_items[pid]
        assert item.post_it == post_it and item.pos() == screen.scene.post_it_scene_pos(post_it)
    screen.document.undo_stack.undo()
    assert ws.rows(values.POST_ITS) == rows  # every column of every row, as it was
    assert all(screen.scene.post_it_items[i].pos() == screen.scene.post_it_scene_pos(was[i]) for i in ids)
    screen.document.undo_stack.redo()
    assert {n.id: n for n in stored(screen)} == now
    assert all(screen.scene.post_it_items[i].post_it == now[i] for i in ids)


def test_a_click_without_moving_writes_nothing(qtbot, screen):
    type_post_it(qtbot, screen, "Lunch")
    count = screen.document.undo_stack.count()
    click_post_it(screen, stored(screen)[0].id)
    assert screen.document.undo_stack.count() == count


def test_group_post_its_under_a_typed_theme_move_the_theme_as_one_and_ungroup(qtbot, screen):
    for text in ("Lack of leadership", "Leadership and capacity", "Budgets and finance"):
        type_post_it(qtbot, screen, text)
    post_its = {n.text: n for n in stored(screen)}
    click_post_it(screen, post_its["Lack of leadership"].id)
    click_post_it(screen, post_its["Leadership and capacity"].id, Qt.ControlModifier)
    press(screen, Qt.Key_G, Qt.ControlModifier)
    assert QApplication.focusWidget() is screen.theme_combo
    assert screen.status.text() == "Enter groups the selected post-its under this theme"
    type_text(screen, "Leadership")
    press(screen, Qt.Key_Return)
    ws = screen.document.workspace
    [theme] = values.themes(ws, screen.exercise_id)
    assert theme.name == "Leadership" and theme.zone == "pink"
    members = {n.text for n in stored(screen) if n.theme_id == theme.id}
    assert members == {"Lack of leadership", "Leadership and capacity"}
    assert screen.theme_combo.findText("Leadership") >= 0
    # One undo step for the whole grouping.
    screen.document.undo_stack.undo()
    assert values.themes(ws, screen.exercise_id) == []
    assert all(n.theme_id is None for n in stored(screen))
    assert screen.scene.theme_items == {}
    screen.document.undo_stack.redo()
    assert [c.name for c in values.themes(ws, screen.exercise_id)] == ["Leadership"]
    assert theme.id in screen.scene.theme_items

    # Drag the theme by its tab into BLUE: both post-its and the theme go.
    tab = screen.scene.theme_items[theme.id].tab
    start = screen.view.mapFromScene(tab.center())
    blue = screen.scene.zone_rect("blue")
    end = screen.view.mapFromScene(blue.center())
    drag(screen, start, end)
    assert values.theme(ws, theme.id).zone == "blue"
    assert {n.zone for n in stored(screen) if n.theme_id == theme.id} == {"blue"}
    assert values.post_it(ws, post_its["Budgets and finance"].id).zone == "pink"
    screen.document.undo_stack.undo()
    assert values.theme(ws, theme.id).zone == "pink"
    assert {n.zone for n in stored(screen)} == {"pink"}
    screen.document.undo_stack.redo()

    # Ungroup: the theme goes, its post-its stay.
    screen.scene.clearSelection()
    click_post_it(screen, post_its["Lack of leadership"].id)
    QTest.mouseClick(screen.ungroup_button, Qt.LeftButton)
    assert values.themes(ws, screen.exercise_id) == []
    assert len(stored(screen)) == 3 and all(n.theme_id is None for n in stored(screen))
    screen.document.undo_stack.undo()
    assert {n.theme_id for n in stored(screen) if n.zone == "blue"} == {theme.id}


def test_grouping_refuses_post_its_from_two_zones(qtbot, screen):
    type_post_it(qtbot, screen, "One")
    press(screen, Qt.Key_2, Qt.ControlModifier)
    type_post_it(qtbot, screen, "Two")
    screen.scene.clearSelection()
    for item in screen.scene.post_it_items.values():
        item.setSelected(True)
    screen.theme_combo.setEditText("Mixed")
    QTest.mouseClick(screen.group_button, Qt.LeftButton)
    assert values.themes(screen.document.workspace, screen.exercise_id) == []
    assert "one zone" in screen.status.text()


def test_dots_are_counted_tallied_ranked_and_undone(qtbot, screen):
    for text in ("Sharing ideas", "Networking"):
        type_post_it(qtbot, screen, text)
    post_its = {n.text: n for n in stored(screen)}
    click_post_it(screen, post_its["Networking"].id)
    QTest.mouseClick(screen.dot_button, Qt.LeftButton)
    QTest.mouseClick(screen.dot_button, Qt.LeftButton)
    assert values.post_it(screen.document.workspace, post_its["Networking"].id).votes == 2
    # A room of paper dots: select the post-it and type its count.
    click_post_it(screen, post_its["Sharing ideas"].id)
    press(screen, Qt.Key_7)
    assert screen.votes_spin.hasFocus()
    press(screen, Qt.Key_Return)
    assert values.post_it(screen.document.workspace, post_its["Sharing ideas"].id).votes == 7
    ranking = [screen.ranking_list.item(i).text() for i in range(screen.ranking_list.count())]
    assert ranking[0].startswith("7 ●  Sharing ideas") and ranking[1].startswith("2 ●  Networking")
    assert "9 dots placed" in screen.dots_label.text()
    screen.document.undo_stack.undo()
    assert values.post_it(screen.document.workspace, post_its["Sharing ideas"].id).votes == 0
    assert screen.ranking_list.count() == 1
    screen.document.undo_stack.redo()
    assert values.post_it(screen.document.workspace, post_its["Sharing ideas"].id).votes == 7


def test_dot_allowance_follows_attendance_and_the_dots_setting(qtbot, screen):
    ws = screen.document.workspace
    workshop = screen.exercise.workshop_id
    people = ws.insert_many("participants", [{"workshop_id": workshop, "name": f"P{i}"} for i in range(4)])
    # As the workshop editor's attendance ticks do: through the document, which tells the wall.
    screen.document.insert("attendance", [{"workshop_id": workshop, "participant_id": p} for p in people],
                           [f"attendance{i}" for i in range(4)])
    screen.dots_spin.setFocus()
    screen.dots_spin.selectAll()
    type_text(screen, "5")
    press(screen, Qt.Key_Return)
    assert values.wall_settings(screen.exercise, screen.wall).dots_per_participant == 5
    assert "of 20 dots" in screen.dots_label.text()
    screen.document.undo_stack.undo()
    assert values.wall_settings(screen.exercise, screen.wall).dots_per_participant == 3
    assert screen.dots_spin.value() == 3


def test_hide_until_reveal_blank_on_the_projector_too(qtbot, screen):
    QTest.mouseClick(screen.hidden_check, Qt.LeftButton)
    assert values.wall_settings(screen.exercise, screen.wall).collect_hidden
    for text in ("Too much jargon", "Longer lunch"):
        type_post_it(qtbot, screen, text)
    assert all(n.hidden for n in stored(screen))
    presenter = screen.presenter_view()
    qtbot.addWidget(presenter)
    presenter.resize(800, 600)
    presenter.show()
    qtbot.waitExposed(presenter)
    assert not presenter.isInteractive()
    projected = presenter.scene()
    assert len(projected.post_it_items) == 2
    assert all(item.post_it.hidden for item in projected.post_it_items.values())
    assert all(item.post_it.hidden for item in screen.scene.post_it_items.values())
    QTest.mouseClick(screen.reveal_button, Qt.LeftButton)
    assert not any(n.hidden for n in stored(screen))
    assert not any(item.post_it.hidden for item in screen.scene.post_it_items.values())
    # The projector follows at once, and never shows the laptop's selection.
    assert not any(item.post_it.hidden for item in projected.post_it_items.values())
    next(iter(screen.scene.post_it_items.values())).setSelected(True)
    assert projected.selectedItems() == []
    screen.document.undo_stack.undo()
    assert all(n.hidden for n in stored(screen))
    screen.document.undo_stack.redo()
    assert not any(n.hidden for n in stored(screen))
    # Undo the setting too: new post-its are visible again.
    while screen.document.undo_stack.canUndo():
        screen.document.undo_stack.undo()
    assert not screen.hidden_check.isChecked()


def test_tidy_arranges_a_zone_in_a_grid_in_one_step(qtbot, screen):
    for i in range(6):
        type_post_it(qtbot, screen, f"Note {i}")
    ws = screen.document.workspace
    ids = [n.id for n in stored(screen)]
    ws.update_many(values.POST_ITS, {nid: {"x": 37.0 * i, "y": 500.0 - 41 * i} for i, nid in enumerate(ids)})
    screen.document.records_changed.emit(values.POST_ITS, ids, ["x", "y"])
    QTest.mouseClick(screen.tidy_button, Qt.LeftButton)
    positions = {(n.x, n.y) for n in stored(screen)}
    assert positions == set(layout.next_free_slots([], 6))
    screen.document.undo_stack.undo()
    assert {(n.x, n.y) for n in stored(screen)} != positions


def test_exports_png_and_csv(qtbot, screen, tmp_path, monkeypatch):
    type_post_it(qtbot, screen, "=HYPERLINK(\"x\")")
    press(screen, Qt.Key_4, Qt.ControlModifier)
    # QTest types ASCII only; the post-it line takes any text.
    screen.post_it_edit.setText("Café breaks, please")
    press(screen, Qt.Key_Return)
    answers = iter([tmp_path / "wall.csv", tmp_path / "wall.png"])
    monkeypatch.setattr(Dialogs, "save_path", staticmethod(lambda *args: next(answers)))
    QTest.mouseClick(screen.csv_button, Qt.LeftButton)
    with open(tmp_path / "wall.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["zone", "question", "text", "theme", "votes"],
        ["PINK", "What worked well for you today?", "'=HYPERLINK(\"x\")", "", "0"],
        ["BLUE", "What could be improved and how?", "Café breaks, please", "", "0"],
    ]
    QTest.mouseClick(screen.png_button, Qt.LeftButton)
    data = (tmp_path / "wall.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_png_qt_could_not_encode_is_reported_and_no_file_is_written(qtbot, screen, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    type_post_it(qtbot, screen, "Good venue")
    errors = []
    monkeypatch.setattr(Dialogs, "save_path", staticmethod(lambda *args: tmp_path / "wall.png"))
    monkeypatch.setattr(Dialogs, "error", staticmethod(lambda parent, title, message: errors.append(title)))
    monkeypatch.setattr(QImage, "save", lambda self, *args: False)
    QTest.mouseClick(screen.png_button, Qt.LeftButton)
    assert errors == ["Wall image not saved"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("wall", ".wall"))]
    assert "saved" not in screen.status.text()


def test_reopening_the_workspace_finds_the_wall_as_left(qtbot, tmp_path, qapp):
    path = tmp_path / "reopen.partnerdesk"
    document = WorkspaceDocument(Workspace.open(path))
    exercise_id = new_wall(document)
    screen = create_screen(document, exercise_id)
    qtbot.addWidget(screen)
    activate(qtbot, screen)
    for text in ("Good venue", "Role play", "Jargon"):
        type_post_it(qtbot, screen, text)
    post_its = {n.text: n for n in stored(screen)}
    for item in screen.scene.post_it_items.values():
        item.setSelected(item.post_it.text != "Jargon")
    screen.theme_combo.setEditText("The day")
    screen.group_selected()
    screen.scene.clearSelection()
    screen.scene.post_it_items[post_its["Jargon"].id].setSelected(True)
    screen.move_selected_to_zone("blue")
    screen.set_votes(post_its["Jargon"].id, 4)
    before = sorted(stored(screen), key=lambda n: n.id)
    screen.close()
    document.close()

    again = WorkspaceDocument(Workspace.open(path, create=False))
    try:
        reopened = create_screen(again, exercise_id)
        qtbot.addWidget(reopened)
        assert sorted(reopened.scene.post_its().values(), key=lambda n: n.id) == before
        assert [item.theme.name for item in reopened.scene.theme_items.values()] == ["The day"]
        assert reopened.scene.zone_items["blue"].count == 1
        assert reopened.ranking_list.item(0).text().startswith("4 ●  Jargon")
    finally:
        again.close()


def test_a_thousand_typed_post_its_are_all_stored(qtbot, screen):
    for i in range(1000):
        screen.post_it_edit.setText(f"Note {i:04d}")
        press(screen, Qt.Key_Return)
    texts = sorted(n.text for n in stored(screen))
    assert texts == [f"Note {i:04d}" for i in range(1000)]
    assert len(screen.scene.post_it_items) == 1000
    assert len({(n.x, n.y) for n in stored(screen)}) == 1000
    assert screen.scene.zone_items["pink"].count == 1000
    # The zone grew to hold them all, so every post-it sits inside it.
    pink = screen.scene.zone_rect("pink")
    assert all(pink.contains(item.sceneBoundingRect()) for item in screen.scene.post_it_items.values())


def test_zoomed_out_post_its_are_plain_coloured_rectangles(qtbot, screen):
    type_post_it(qtbot, screen, "WWWW MMMM WWWW")
    [item] = screen.scene.post_it_items.values()
    assert isinstance(item, PostItItem)
    screen.view.set_mode("free")
    screen.view.resetTransform()
    screen.view.centerOn(item)
    assert _dark_pixels_on_post_it(screen.view, item) > 10
    screen.view.zoom(0.25)  # below the detail threshold: no words, just the colour
    screen.view.centerOn(item)
    image = screen.view.viewport().grab().toImage()
    centre = screen.view.mapFromScene(item.sceneBoundingRect().center())
    assert image.pixelColor(centre).name() == item.colour.name()
    area = screen.view.mapFromScene(item.sceneBoundingRect()).boundingRect().adjusted(2, 2, -2, -2)
    assert area.width() > 20
    assert all(image.pixelColor(x, y).lightness() > 90
               for x in range(area.left(), area.right()) for y in range(area.top(), area.bottom()))


def test_the_wall_in_the_main_window_on_the_demo(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    found = [e for w in ws.rows("workshops") for e in values.walls(ws, w["id"])]
    assert {e.template for e in found} >= {"evaluation-wall", "opportunities-challenges",
                                          "collaborative-experiences-feedback", "role-play-reflection"}
    evaluation = next(e for e in found if e.template == "evaluation-wall")
    window.navigator.select(NodeKey("exercise", evaluation.id))
    screen = window.current_exercise_screen()
    assert isinstance(screen, PostItWallScreen)
    assert len(screen.scene.post_it_items) == len(values.post_its(ws, evaluation.id)) > 0
    # Ctrl+Z in the empty post-it line undoes the last post-it, not the line's own typing.
    activate(qtbot, window)
    screen.post_it_edit.setFocus()
    type_post_it(qtbot, screen, "Typed in the room")
    count = len(values.post_its(ws, evaluation.id))
    press(window, Qt.Key_Z, Qt.ControlModifier)
    assert len(values.post_its(ws, evaluation.id)) == count - 1
    assert QApplication.instance() is not None


def test_deleting_the_workshop_under_an_open_wall_and_undoing_it(qtbot, screen):
    from ui.commands import DeleteRecordsCommand

    type_post_it(qtbot, screen, "Still here after undo")
    workshop = screen.exercise.workshop_id
    screen.document.insert("participants", [{"workshop_id": workshop, "name": "Ann"}], ["p1"])
    screen.document.insert("attendance", [{"workshop_id": workshop, "participant_id": "p1"}], ["a1"])
    screen.document.push(DeleteRecordsCommand(screen.document, "workshops", [workshop], "Delete workshop"))
    assert screen.scene.post_it_items == {}
    screen.document.undo_stack.undo()
    assert [item.post_it.text for item in screen.scene.post_it_items.values()] == ["Still here after undo"]
    assert "1 present" in screen.dots_label.text()


def test_a_theme_grouped_onto_other_post_its_tidies_its_zone_in_the_same_step(qtbot, screen):
    for i in range(8):
        type_post_it(qtbot, screen, f"Idea {i}")
    post_its = {n.text: n for n in stored(screen)}
    # Grouped where the first of them is, the theme would cover "Idea 1": the zone is tidied.
    screen.scene.clearSelection()
    for text in ("Idea 0", "Idea 5"):
        screen.scene.post_it_items[post_its[text].id].setSelected(True)
    screen.theme_combo.setEditText("Pair")
    before = screen.document.undo_stack.count()
    QTest.mouseClick(screen.group_button, Qt.LeftButton)
    assert screen.document.undo_stack.count() == before + 1
    placed = [(n.x, n.y) for n in stored(screen)]
    assert not any(layout.overlapping([p], [q for q in placed if q != p]) for p in placed)
    themed_top = layout.ZONE_HEADER + layout.THEME_TAB
    assert {(n.text, n.y) for n in stored(screen) if n.theme_id} == {("Idea 0", themed_top),
                                                                       ("Idea 5", themed_top)}
    screen.document.undo_stack.undo()
    assert {(n.x, n.y) for n in stored(screen)} == {(n.x, n.y) for n in post_its.values()}


def test_a_wall_whose_template_is_missing_opens_without_losing_anything(qtbot, document):
    exercise_id = new_wall(document)
    document.workspace.update("exercises", exercise_id, {"template": "from-a-newer-version"})
    widget = create_screen(document, exercise_id)
    qtbot.addWidget(widget)
    assert not isinstance(widget, PostItWallScreen)


def _dark_pixels_on_post_it(view, item) -> int:
    """How many dark (text-coloured) pixels the view shows inside a post-it's writing area."""
    image = view.viewport().grab().toImage()
    area = view.mapFromScene(item.sceneBoundingRect()).boundingRect().adjusted(6, 6, -30, -30)
    dark = 0
    for x in range(area.left(), area.right(), 2):
        for y in range(area.top(), area.bottom(), 2):
            if image.pixelColor(x, y).lightness() < 90:
                dark += 1
    return dark


def test_hidden_post_its_show_no_words_on_the_projector_until_revealed(qtbot, screen):
    QTest.mouseClick(screen.hidden_check, Qt.LeftButton)
    type_post_it(qtbot, screen, "WWWW MMMM WWWW MMMM")
    presenter = screen.presenter_view()
    qtbot.addWidget(presenter)
    presenter.resize(1000, 700)
    presenter.show()
    qtbot.waitExposed(presenter)
    [item] = presenter.scene().post_it_items.values()
    assert _dark_pixels_on_post_it(presenter, item) == 0
    QTest.mouseClick(screen.reveal_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _dark_pixels_on_post_it(presenter, item) > 10)


def test_post_it_words_are_plain_text_never_markup(qtbot, screen):
    type_post_it(qtbot, screen, "<b>R&D</b> <img src=x>")
    [item] = screen.scene.post_it_items.values()
    words, _ = item.words(screen.font(), 80)
    assert words.text() == "<b>R&D</b> <img src=x>" and words.textFormat() == Qt.PlainText


def test_a_post_it_that_could_not_be_saved_stays_in_the_line(qtbot, tmp_path, qapp):
    path = tmp_path / "locked.partnerdesk"
    with Workspace.open(path) as ws:
        workshop = ws.insert("workshops", {"title": "Day"})
        exercise_id = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                              "template": "evaluation-wall", "title": "Evaluation"})
    document = WorkspaceDocument(Workspace.open(path, create=False, read_only=True))
    try:
        screen = create_screen(document, exercise_id)
        qtbot.addWidget(screen)
        activate(qtbot, screen)
        screen.post_it_edit.setFocus()
        with qtbot.waitSignal(document.error_occurred):
            type_post_it(qtbot, screen, "Do not lose me")
        assert screen.post_it_edit.text() == "Do not lose me"
        assert "not saved" in screen.status.text()
    finally:
        document.close()


def test_the_instructions_quote_the_workbook(qtbot, screen):
    assert not screen.instructions_label.isVisible()
    QTest.mouseClick(screen.instructions_button, Qt.LeftButton)
    assert screen.instructions_label.isVisible()
    assert "Please place your completed Post-Its on the relevant parts of the Wall" in \
        screen.instructions_label.text()


def test_dragging_a_post_it_into_a_theme_adds_it_and_out_again_takes_it_out(qtbot, screen):
    for text in ("Trust", "Respect", "Honesty"):
        type_post_it(qtbot, screen, text)
    post_its = {n.text: n for n in stored(screen)}
    screen.scene.clearSelection()
    for text in ("Trust", "Respect"):
        screen.scene.post_it_items[post_its[text].id].setSelected(True)
    screen.theme_combo.setEditText("Values")
    screen.group_selected()
    ws = screen.document.workspace
    [theme] = values.themes(ws, screen.exercise_id)
    frame = screen.scene.theme_items[theme.id].frame
    screen.scene.clearSelection()
    target = screen.view.mapFromScene(frame.center())
    drag(screen, point_of(screen, post_its["Honesty"].id), target)
    assert values.post_it(ws, post_its["Honesty"].id).theme_id == theme.id
    assert len(screen.scene.theme_items[theme.id].member_items) == 3
    screen.document.undo_stack.undo()
    assert values.post_it(ws, post_its["Honesty"].id).theme_id is None
    screen.document.undo_stack.redo()
    screen.scene.clearSelection()
    far = screen.view.mapFromScene(screen.scene.zone_rect("blue").center())
    drag(screen, point_of(screen, post_its["Honesty"].id), far)
    moved = values.post_it(ws, post_its["Honesty"].id)
    assert moved.zone == "blue" and moved.theme_id is None


def test_closing_the_projector_leaves_the_wall_working(qtbot, screen):
    from PySide6.QtCore import QCoreApplication, QEvent

    presenter = screen.presenter_view()
    presenter.show()
    presenter.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    for i in range(14):  # enough to grow the zone, so the wall is laid out again
        type_post_it(qtbot, screen, f"After the projector {i}")
    assert len(stored(screen)) == 14


def test_opening_the_wall_and_its_projector_view_writes_nothing(qtbot, qapp, demo_path):
    document = WorkspaceDocument(Workspace.open(demo_path, create=False))
    try:
        ws = document.workspace
        wall = next(e for w in ws.rows("workshops") for e in values.walls(ws, w["id"])
                    if e.template == "evaluation-wall")
        tables = (values.POST_ITS, values.THEMES, "exercises")
        before = {t: ws.rows(t) for t in tables}
        changes_before = ws.db.conn.total_changes
        screen = create_screen(document, wall.id)
        qtbot.addWidget(screen)
        screen.show()
        presenter = screen.presenter_view()
        qtbot.addWidget(presenter)
        presenter.show()
        qtbot.waitExposed(presenter)
        assert len(screen.scene.post_it_items) == len(values.post_its(ws, wall.id)) > 0
        assert ws.db.conn.total_changes == changes_before
        assert {t: ws.rows(t) for t in tables} == before
        assert document.undo_stack.count() == 0
    finally:
        document.close()


def test_double_clicking_a_themes_tab_renames_it_in_one_undo_step(qtbot, screen, monkeypatch):
    for text in ("Trust", "Respect"):
        type_post_it(qtbot, screen, text)
    screen.select_all_post_its()
    screen.theme_combo.setEditText("Values")
    QTest.mouseClick(screen.group_button, Qt.LeftButton)
    ws = screen.document.workspace
    [theme] = values.themes(ws, screen.exercise_id)
    monkeypatch.setattr(Dialogs, "text", staticmethod(lambda parent, title, label, value="": " Shared values "))
    tab = screen.view.mapFromScene(screen.scene.theme_items[theme.id].tab.center())
    QTest.mouseDClick(screen.view.viewport(), Qt.LeftButton, Qt.NoModifier, tab)
    assert values.theme(ws, theme.id).name == "Shared values"
    assert screen.scene.theme_items[theme.id].theme.name == "Shared values"
    assert screen.theme_combo.findText("Shared values") >= 0
    stack = screen.document.undo_stack
    assert stack.text(stack.index() - 1) == "Rename theme"
    stack.undo()
    assert values.theme(ws, theme.id).name == "Values"
    assert screen.scene.theme_items[theme.id].theme.name == "Values"


def test_more_dots_than_the_allowance_are_kept_and_shown_as_a_warning(qtbot, screen):
    workshop = screen.exercise.workshop_id
    screen.document.insert("participants", [{"workshop_id": workshop, "name": "Ann"}], ["p1"])
    screen.document.insert("attendance", [{"workshop_id": workshop, "participant_id": "p1"}], ["a1"])
    type_post_it(qtbot, screen, "Popular")
    [post_it] = stored(screen)
    click_post_it(screen, post_it.id)
    press(screen, Qt.Key_5)
    press(screen, Qt.Key_Return)
    assert values.post_it(screen.document.workspace, post_it.id).votes == 5
    assert screen.dots_label.text() == "5 of 3 dots placed: 2 over the allowance (1 present × 3)"
    assert screen.status.text() == "Check the tallies: 5 of 3 dots placed: 2 over the allowance (1 present × 3)."
    assert "c62828" in screen.dots_label.styleSheet()
    screen.document.undo_stack.undo()
    assert screen.dots_label.text().startswith("0 of 3") and screen.dots_label.styleSheet() == ""


def test_a_drag_of_several_leaves_every_item_as_the_store_has_its_post_it_through_undo_and_redo(qtbot, screen):
    for text in ("Trust", "Shared goals", "Clear roles"):
        type_post_it(qtbot, screen, text)
    ids = [n.id for n in stored(screen)]
    click_post_it(screen, ids[0])
    for other in ids[1:]:
        click_post_it(screen, other, Qt.ControlModifier)
    target = screen.view.mapFromScene(screen.scene.zone_rect("green").center())
    drag(screen, point_of(screen, ids[0]), target)

    def mirrored() -> bool:
        now = {n.id: n for n in stored(screen)}
        items = screen.scene.post_it_items
        return set(items) == set(now) and all(
            items[i].post_it == now[i] and items[i].pos() == screen.scene.post_it_scene_pos(now[i]) for i in now)

    assert {n.zone for n in stored(screen)} == {"green"} and mirrored()
    assert screen.scene.zone_items["green"].count == 3 and screen.scene.zone_items["pink"].count == 0
    screen.document.undo_stack.undo()
    assert {n.zone for n in stored(screen)} == {"pink"} and mirrored()
    screen.document.undo_stack.redo()
    assert {n.zone for n in stored(screen)} == {"green"} and mirrored()
