"""The board follows the store item by item, writes nothing when opened, and exports sound SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board import values
from partnerdesk.store import Workspace
from tests.ui.conftest import activate, press, type_text
from ui.document import WorkspaceDocument
from ui.exercises import create_screen
from ui.exercises.quadrant_board.items import ChipItem, to_scene


@pytest.fixture
def document(qapp, demo_path):
    doc = WorkspaceDocument(Workspace.open(demo_path))
    yield doc
    doc.close()


def _board(document, template_id):
    for row in document.workspace.rows("exercises", {"template": template_id}):
        if document.workspace.get("workshops", row["workshop_id"])["programme_id"] is None:
            return row["id"]
    raise AssertionError(template_id)


def _open(qtbot, document, exercise_id):
    screen = create_screen(document, exercise_id)
    qtbot.addWidget(screen)
    screen.resize(1400, 820)
    activate(qtbot, screen)
    return screen


def _chip(screen, label) -> ChipItem:
    return next(c for c in screen.scene.chips.values() if c.text == label)


def _counts(ws) -> dict[str, int]:
    return {table: len(ws.rows(table)) for table in ws.tables()}


def test_opening_any_board_writes_nothing(qtbot, document):
    ws = document.workspace
    sessions = [w for w in ws.rows("workshops", order_by="date") if w["programme_id"]]
    later = ws.insert("exercises", {"workshop_id": sessions[3]["id"], "kind": "quadrant_board",
                                    "template": "purpose-of-partnership", "title": "Purpose"})
    before, writes = _counts(ws), ws.db.conn.total_changes
    for exercise_id in (_board(document, "stakeholder-matrix"), _board(document, "purpose-of-partnership"),
                        later):
        screen = _open(qtbot, document, exercise_id)
        screen.open_compare()
        for n in range(screen.group_combo.count()):
            screen.group_combo.setCurrentIndex(n)
        screen.close()
    assert ws.db.conn.total_changes == writes
    assert _counts(ws) == before
    assert document.undo_stack.count() == 0


def test_a_drag_reads_the_moved_placement_not_the_whole_board(qtbot, document, monkeypatch):
    screen = _open(qtbot, document, _board(document, "stakeholder-matrix"))
    compare = screen.open_compare()

    def whole_board(*_args, **_kwargs):
        raise AssertionError("the whole board was read again")

    monkeypatch.setattr(values, "items", whole_board)
    monkeypatch.setattr(values, "placements", whole_board)
    monkeypatch.setattr(values, "movement", whole_board)  # arrows hidden: never read
    chip = _chip(screen, "Residents")
    others = {c.placement_id: c.pos() for c in screen.scene.chips.values() if c is not chip}
    start = screen.view.mapFromScene(chip.scenePos())
    end = screen.view.mapFromScene(to_scene(0.6, 0.6))
    viewport = screen.view.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for n in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * n / 5)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end)
    spot = values.placement(document.workspace, chip.placement_id)
    assert values.quadrant_of(screen.board, spot.x, spot.y).name == "INVOLVE"
    assert chip.pos() == to_scene(spot.x, spot.y)
    assert screen.model.index(screen.model.row_of(chip.item_id), 1).data() == "INVOLVE"
    assert "Residents" in compare.cell_labels("INVOLVE", "Community Safety Partnership")
    assert {c.placement_id: c.pos() for c in screen.scene.chips.values() if c is not chip} == others
    document.undo_stack.undo()
    assert screen.model.index(screen.model.row_of(chip.item_id), 1).data() == "BE AWARE"
    assert compare.cell_labels("BE AWARE", "Community Safety Partnership") == ["Residents", "Legal services"]


def test_edits_to_another_groups_board_leave_this_one_alone(qtbot, document):
    screen = _open(qtbot, document, _board(document, "stakeholder-matrix"))
    shown = {c.placement_id: (c.text, c.pos()) for c in screen.scene.chips.values()}
    rows = screen.model.rowCount()
    other = next(g for g in screen.groups if g and g.name == "Teenage Pregnancy team")
    changes = document.run(lambda ws: ops.add_item(ws, screen.exercise_id, other.id, "Midwives",
                                                   at=(0.5, 0.5)))
    assert {c.placement_id: (c.text, c.pos()) for c in screen.scene.chips.values()} == shown
    assert screen.model.rowCount() == rows
    screen.set_group(other.id)
    assert _chip(screen, "Midwives").item_id == changes.value


def _wait_for_undo_text(qtbot, stack, expected: str) -> None:
    def arrived() -> bool:
        return stack.undoText() == expected

    qtbot.waitUntil(arrived)


def test_editing_a_cell_is_one_step_named_for_what_changed(qtbot, document):
    screen = _open(qtbot, document, _board(document, "stakeholder-matrix"))
    stack = document.undo_stack
    row = screen.model.row_of(_chip(screen, "Councillors").item_id)
    column = next(n for n, (name, _) in enumerate(screen.model.columns) if name == "organisation")
    for n, text, undo_text in ((0, "  County   councillors ", "Rename stakeholder"),
                               (column, "Cornwall Council", "Edit stakeholder's organisation")):
        index = screen.model.index(row, n)
        screen.list_view.setCurrentIndex(index)
        screen.list_view.setFocus()
        press(screen, Qt.Key_F2)
        # The editor open now (the last one may still be waiting to be deleted).
        (editor,) = [e for e in screen.list_view.viewport().findChildren(QLineEdit) if e.isVisible()]
        editor.selectAll()
        assert QApplication.focusWidget() is editor
        type_text(screen, text)
        press(screen, Qt.Key_Return)
        _wait_for_undo_text(qtbot, stack, undo_text)  # the delegate commits on a queued call
    found = values.item(document.workspace, _chip(screen, "County councillors").item_id)
    assert (found.label, found.organisation) == ("County councillors", "Cornwall Council")
    assert "Cornwall Council" in _chip(screen, "County councillors").toolTip()
    assert stack.count() == 2


def test_an_empty_name_is_refused_with_a_reason_and_nothing_is_added(qtbot, document):
    screen = _open(qtbot, document, _board(document, "stakeholder-matrix"))
    rows = screen.model.rowCount()
    screen.add_edit.setFocus()
    type_text(screen, "   ")
    press(screen, Qt.Key_Return)
    assert "cannot be empty" in screen.status.text()
    assert screen.model.rowCount() == rows and document.undo_stack.count() == 0


def test_the_svg_export_is_sound_xml_whatever_the_names_hold(qtbot, document, tmp_path):
    ws = document.workspace
    exercise_id = _board(document, "stakeholder-matrix")
    # Written without the operations' cleaning, as an older version or a paste from a PDF left it.
    ws.update("exercises", exercise_id, {"title": "Stakeholders\x0c & <friends>"})
    screen = _open(qtbot, document, exercise_id)
    item_id = ws.insert("board_items", {"exercise_id": exercise_id, "group_id": screen.group_id,
                                        "label": "Police\x0b \x1bunit & <co>", "position": 99})
    ws.insert("placements", {"item_id": item_id, "x": 0.5, "y": 0.5, "note": "rota\x02s"})
    screen.mirror.set_group(screen.group_id)  # the rows above came in behind the document's back
    svg = screen.export("svg", tmp_path / "board.svg")
    root = ET.parse(svg).getroot()
    text = " ".join(root.itertext())
    assert "Police" in text and "unit & <co>" in text and "rotas" in text
    assert "Stakeholders & <friends>" in text


def test_the_board_words_drawn_from_a_cache_on_screen_are_text_in_the_svg(qtbot, document, tmp_path):
    screen = _open(qtbot, document, _board(document, "stakeholder-matrix"))
    screen.view.viewport().grab()  # painted once on screen: the cached pictures exist
    svg = screen.export("svg", tmp_path / "board.svg")
    root = ET.parse(svg).getroot()
    text = " ".join(root.itertext())
    board = screen.scene.board
    assert all(q.name in text for q in board.quadrants)
    assert board.horizontal.low in text and board.vertical.high in text
    assert not [e for e in root.iter() if e.tag.endswith("image")]
    # Back on screen, they are drawn from the cache again.
    assert all(w.cacheMode() == w.CacheMode.DeviceCoordinateCache for w in screen.scene._words)
