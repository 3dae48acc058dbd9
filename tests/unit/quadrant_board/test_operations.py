"""Every quadrant-board edit's rules, without Qt: each operation and the change set it returns."""

from __future__ import annotations

import json

import pytest

from partnerdesk.errors import InvalidValue
from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board import values
from partnerdesk.quadrant_board.scenarios import ScenarioPartnership, scenario_partnerships

MATRIX = values.board_template("stakeholder-matrix")
PURPOSE = values.board_template("purpose-of-partnership")


def _board(ws, template_id="stakeholder-matrix", programme_id=None, date="2024-01-01"):
    workshop_id = ws.insert("workshops", {"title": f"W {date}", "date": date, "programme_id": programme_id})
    return ws.insert("exercises", {"workshop_id": workshop_id, "kind": "quadrant_board",
                                   "template": template_id, "title": "Board"})


def _quadrant(ws, placement_id, board=MATRIX) -> str:
    spot = values.placement(ws, placement_id)
    return values.quadrant_of(board, spot.x, spot.y).name


def test_adding_cleans_the_name_goes_last_and_undoes_exactly(workspace):
    board = _board(workspace)
    first = ops.add_item(workspace, board, None, "Police").value
    changes = ops.add_item(workspace, board, None, "  Local\tresidents\x07 ", organisation=" Council ")
    added = values.item(workspace, changes.value)
    assert (added.label, added.organisation) == ("Local residents", "Council")
    assert added.position > values.item(workspace, first).position
    assert changes.added("board_items") == [changes.value] and not changes.added("placements")
    workspace.apply(changes.inverse())
    assert values.item(workspace, changes.value) is None


@pytest.mark.parametrize("name", ["", "   ", "\x00\x1b"])
def test_an_empty_name_is_refused_and_nothing_is_written(workspace, name):
    board = _board(workspace)
    with pytest.raises(InvalidValue, match="cannot be empty"):
        ops.add_item(workspace, board, None, name, at=(0.5, 0.5))
    assert workspace.rows("board_items") == [] and workspace.rows("placements") == []


def test_adding_at_a_point_places_it_there_kept_on_the_board(workspace):
    board = _board(workspace)
    changes = ops.add_item(workspace, board, None, "Media", at=(-3.0, 0.123456))
    (placement_id,) = changes.added("placements")
    spot = values.placement(workspace, placement_id)
    assert (spot.x, spot.y) == (-1.0, 0.1235)
    with pytest.raises(InvalidValue):
        ops.add_item(workspace, board, None, "Nowhere", at=(float("nan"), 0))


def test_a_stakeholder_is_placed_once_a_partnership_as_often_as_needed(workspace):
    matrix = _board(workspace)
    police = ops.add_item(workspace, matrix, None, "Police", at=(0.5, 0.5)).value
    with pytest.raises(InvalidValue, match="placed once"):
        ops.add_placement(workspace, police, -0.5, -0.5)
    purpose = _board(workspace, "purpose-of-partnership")
    forum = ops.add_item(workspace, purpose, None, "Forum", at=(0.5, 0.5)).value
    ops.add_placement(workspace, forum, -0.5, -0.5, "rotas\x01")
    assert [p.note for p in values.placements_of(workspace, forum)] == ["", "rotas"]


def test_placing_from_the_list_moves_a_stakeholder_to_a_free_spot(workspace):
    board = _board(workspace)
    police = ops.add_item(workspace, board, None, "Police", at=(0.5, 0.5)).value
    media = ops.add_item(workspace, board, None, "Media").value
    changes = ops.place_in_quadrant(workspace, [police, media], "3")
    spots = {p.item_id: p for p in values.placements(workspace, board)}
    assert {values.quadrant_of(MATRIX, s.x, s.y).name for s in spots.values()} == {"BE AWARE"}
    assert (spots[police].x, spots[police].y) != (spots[media].x, spots[media].y)
    assert len(changes.changed("placements")) == 1 and len(changes.added("placements")) == 1
    # Already there: nothing moves, nothing to undo.
    assert not ops.place_in_quadrant(workspace, [police], "3")


def test_placing_a_partnership_adds_one_placement_per_quadrant(workspace):
    board = _board(workspace, "purpose-of-partnership")
    forum = ops.add_item(workspace, board, None, "Forum", at=(0.5, 0.5)).value
    for key in "1234":
        ops.place_in_quadrant(workspace, [forum], key)
    ops.place_in_quadrant(workspace, [forum], "2")
    found = sorted(_quadrant(workspace, p.id, PURPOSE) for p in values.placements_of(workspace, forum))
    assert found == ["Co-evolution", "Co-operation", "Co-ordination", "Competition"]
    with pytest.raises(KeyError):
        ops.place_in_quadrant(workspace, [forum], "9")


def test_items_of_two_boards_are_not_placed_together(workspace):
    one, other = _board(workspace), _board(workspace)
    a = ops.add_item(workspace, one, None, "A").value
    b = ops.add_item(workspace, other, None, "B").value
    with pytest.raises(InvalidValue):
        ops.place_in_quadrant(workspace, [a, b], "1")
    assert workspace.rows("placements") == []


def test_a_drag_of_many_is_one_change_kept_on_the_board(workspace):
    board = _board(workspace)
    ids = [ops.add_item(workspace, board, None, f"S{n}", at=(0.1 * n, 0.1)).added("placements")[0]
           for n in range(3)]
    changes = ops.move_placements(workspace, {ids[0]: (2.0, -2.0), ids[1]: (-0.3, -0.3), ids[2]: (0.2, 0.1)})
    assert sorted(changes.changed("placements")) == sorted(ids[:2])  # the third did not move
    spot = values.placement(workspace, ids[0])
    assert (spot.x, spot.y) == (1.0, -1.0)
    workspace.apply(changes.inverse())
    assert values.placement(workspace, ids[0]).x == pytest.approx(0.0)


def test_nudges_stop_at_the_edge_and_send_to_mirrors_into_the_quadrant(workspace):
    board = _board(workspace)
    spot_id = ops.add_item(workspace, board, None, "Police", at=(0.99, 0.3)).added("placements")[0]
    ops.nudge_placements(workspace, [spot_id], 0.1, 0.0)
    assert values.placement(workspace, spot_id).x == 1.0
    assert not ops.nudge_placements(workspace, [spot_id], 0.1, 0.0)  # at the edge: no change
    ops.send_to_quadrant(workspace, [spot_id], "3")
    spot = values.placement(workspace, spot_id)
    assert (spot.x, spot.y) == (-1.0, -0.3)
    with pytest.raises(InvalidValue):
        ops.nudge_placements(workspace, ["gone"], 0.1, 0)


def test_renaming_and_editing_fields_clean_the_text(workspace):
    board = _board(workspace)
    police = ops.add_item(workspace, board, None, "Police").value
    ops.edit_item(workspace, police, "label", "  Devon and\nCornwall   Police ")
    ops.edit_item(workspace, police, "role", " Lead\x00 ")
    found = values.item(workspace, police)
    assert (found.label, found.role) == ("Devon and Cornwall Police", "Lead")
    assert not ops.edit_item(workspace, police, "label", "Devon and Cornwall Police")
    with pytest.raises(InvalidValue):
        ops.edit_item(workspace, police, "label", " ")
    with pytest.raises(InvalidValue):
        ops.edit_item(workspace, police, "exercise_id", "elsewhere")


def test_deleting_takes_placements_and_ticks_and_undo_brings_them_back(workspace):
    board = _board(workspace, "purpose-of-partnership")
    forum = ops.add_item(workspace, board, None, "Forum", at=(0.5, 0.5)).value
    ops.add_placement(workspace, forum, -0.5, -0.5)
    ops.set_tick(workspace, forum, "box7", "trust", True)
    changes = ops.delete_items(workspace, [forum])
    assert workspace.rows("placements") == [] and workspace.rows("checklist_ticks") == []
    assert set(changes.tables) == {"board_items", "placements", "checklist_ticks"}
    workspace.apply(changes.inverse())
    assert len(values.placements_of(workspace, forum)) == 2
    assert values.ticks(workspace, forum).keys() == {("box7", "trust")}


def test_removing_a_placement_keeps_the_item_listed(workspace):
    board = _board(workspace, "purpose-of-partnership")
    changes = ops.add_item(workspace, board, None, "Forum", at=(0.5, 0.5))
    ops.remove_placements(workspace, changes.added("placements"))
    assert values.item(workspace, changes.value) is not None
    assert values.placements_of(workspace, changes.value) == []


def test_ticks_follow_the_templates_checklists(workspace):
    board = _board(workspace, "purpose-of-partnership")
    forum = ops.add_item(workspace, board, None, "Forum").value
    ops.set_tick(workspace, forum, "box7", "trust", True)
    assert not ops.set_tick(workspace, forum, "box7", "trust", True)  # never twice
    with pytest.raises(InvalidValue):
        ops.set_tick(workspace, forum, "box7", "no-such-entry", True)
    ops.set_tick(workspace, forum, "box7", "trust", False)
    assert values.ticks(workspace, forum) == {}


def test_bringing_the_last_sessions_items_with_their_placements(workspace):
    programme = workspace.insert("programmes", {"title": "P"})
    first = _board(workspace, "purpose-of-partnership", programme, "2024-01-01")
    second = _board(workspace, "purpose-of-partnership", programme, "2024-02-01")
    forum = ops.add_item(workspace, first, None, "Forum", organisation="All").value
    ops.add_placement(workspace, forum, -0.5, -0.5, "rotas")
    ops.add_item(workspace, first, None, "Already here")
    ops.add_item(workspace, second, None, "already  HERE")
    assert values.previous_board(workspace, second).id == first
    assert values.previous_board(workspace, first) is None
    changes = ops.bring_from_last_session(workspace, second, None)
    (brought,) = [values.item(workspace, i) for i in changes.value]
    assert (brought.label, brought.organisation, brought.exercise_id, brought.position) == (
        "Forum", "All", second, 2)
    assert [(p.x, p.y, p.note) for p in values.placements_of(workspace, brought.id)] == [(-0.5, -0.5, "rotas")]
    assert ops.bring_from_last_session(workspace, second, None).value == []  # nothing twice
    assert ops.bring_from_last_session(workspace, first, None).value == []


def test_the_scenarios_partnerships_come_from_step_one_once(workspace):
    wid = workspace.insert("workshops", {"title": "W"})
    settings = json.dumps({"answers": {"step-1": {"notes": "  Kernow Carers Partnership\nsecond line"},
                                       "step-2": {"notes": "Since 2008."}}})
    for _ in range(2):  # two groups wrote the same partnership: listed once
        workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet",
                                       "template": "partnership-scenario", "settings": settings})
    workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet", "template": "partnership-scenario"})
    workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet",
                                   "template": "partnership-scenario", "settings": "not json"})
    assert scenario_partnerships(workspace, wid) == [ScenarioPartnership("Kernow Carers Partnership",
                                                                         "Since 2008.")]
    board = workspace.insert("exercises", {"workshop_id": wid, "kind": "quadrant_board",
                                           "template": "purpose-of-partnership"})
    changes = ops.add_from_scenarios(workspace, board, None)
    found = [values.item(workspace, i) for i in changes.value]
    assert [(i.label, i.notes) for i in found] == [("Kernow Carers Partnership", "Since 2008.")]
    assert values.placements(workspace, board) == []  # unplaced, for the room to place
    assert ops.add_from_scenarios(workspace, board, None).value == []  # already listed: not twice
    matrix = workspace.insert("exercises", {"workshop_id": wid, "kind": "quadrant_board",
                                            "template": "stakeholder-matrix"})
    with pytest.raises(InvalidValue):
        ops.add_from_scenarios(workspace, matrix, None)

