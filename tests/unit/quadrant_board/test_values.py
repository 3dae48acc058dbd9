"""The quadrant board's values without Qt: placement to quadrant, templates, queries, demo, movement."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import records
from partnerdesk.errors import InvalidValue
from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board import values
from partnerdesk.resources import Template, templates_of_kind

MATRIX = values.board_template("stakeholder-matrix")
PURPOSE = values.board_template("purpose-of-partnership")
coordinate = st.floats(min_value=-1, max_value=1, allow_nan=False)


@pytest.mark.parametrize(
    ("x", "y", "name"),
    [(-0.5, 0.5, "INFORM"), (0.5, 0.5, "INVOLVE"), (-0.5, -0.5, "BE AWARE"),
     (0.5, -0.5, "KEEP ON BOARD"), (-1, 1, "INFORM"), (1, -1, "KEEP ON BOARD")],
)
def test_stakeholder_quadrants_follow_the_signs(x, y, name):
    assert values.quadrant_of(MATRIX, x, y).name == name


@pytest.mark.parametrize(
    ("x", "y", "name"),
    [(0.0, 0.0, "INVOLVE"),  # the centre is on both axes: high and high
     (0.0, -0.5, "KEEP ON BOARD"),  # on the vertical axis: counts as high influence (right)
     (-0.5, 0.0, "INFORM"),  # on the horizontal axis: counts as high interest (top)
     (0.0, 0.5, "INVOLVE"), (0.5, 0.0, "INVOLVE"), (-0.0, -0.0, "INVOLVE")],
)
def test_points_on_an_axis_count_as_the_high_side(x, y, name):
    assert values.quadrant_of(MATRIX, x, y).name == name


@pytest.mark.parametrize(
    ("x", "y", "name"),
    [(-0.5, 0.5, "Co-evolution"), (0.5, 0.5, "Co-operation"), (-0.5, -0.5, "Co-ordination"),
     (0.5, -0.5, "Competition"), (0.0, -0.2, "Competition"), (-0.2, 0.0, "Co-evolution")],
)
def test_purpose_quadrants_come_from_the_template(x, y, name):
    assert values.quadrant_of(PURPOSE, x, y).name == name


def test_a_third_template_needs_no_code():
    data = {
        "id": "urgent-important", "kind": "quadrant_board", "title": "Urgent and important",
        "instructions": "Sort the tasks.",
        "axes": {"horizontal": {"label": "Urgency", "low": "Not urgent", "high": "Urgent"},
                 "vertical": {"label": "Importance", "low": "Not important", "high": "Important"}},
        "quadrants": [{"key": "1", "corner": "top-left", "name": "Plan", "colour": "#ffffff"},
                      {"key": "2", "corner": "top-right", "name": "Do", "colour": "#ffffff"},
                      {"key": "3", "corner": "bottom-left", "name": "Drop", "colour": "#ffffff"},
                      {"key": "4", "corner": "bottom-right", "name": "Delegate", "colour": "#ffffff"}],
        "list_columns": [{"name": "label", "heading": "Task"}],
    }
    board = values.board_template(Template(data["id"], data["kind"], data["title"], "", data))
    assert values.quadrant_of(board, 0.3, -0.3).name == "Delegate"
    assert values.quadrant_of(board, -0.3, 0.3).name == "Plan"
    assert not board.multiple_placements and board.checklists == ()


def test_a_template_missing_a_corner_is_refused():
    data = json.loads(json.dumps(MATRIX.__dict__, default=lambda o: None))
    data.update(kind="quadrant_board", axes={"horizontal": {"label": "a", "low": "b", "high": "c"},
                                             "vertical": {"label": "a", "low": "b", "high": "c"}},
                list_columns=[{"name": "label", "heading": "Stakeholder"}],
                quadrants=[{"key": str(n), "corner": "top-left", "name": f"Q{n}"} for n in range(4)])
    with pytest.raises(ValueError, match="corner"):
        values.board_template(Template("bad", "quadrant_board", "Bad", "", data))


def test_both_templates_are_found_by_kind_and_carry_the_documents_wording():
    ids = {t.id for t in templates_of_kind("quadrant_board")}
    assert {"stakeholder-matrix", "purpose-of-partnership"} <= ids
    assert "At which point within the partnership cycle" in MATRIX.instructions
    assert [q.name for q in MATRIX.quadrants] == ["INFORM", "INVOLVE", "BE AWARE", "KEEP ON BOARD"]
    assert MATRIX.vertical.label == "Interest" and MATRIX.horizontal.label == "Influence"
    assert [c.id for c in PURPOSE.checklists] == ["box7", "box8"]
    assert len(PURPOSE.checklists[0].entries) == 7 and len(PURPOSE.checklists[1].entries) == 7
    assert "enlightened self-interest" in PURPOSE.quadrant("Co-operation").help
    assert PURPOSE.multiple_placements and not MATRIX.multiple_placements


@given(coordinate, coordinate, st.sampled_from(["1", "2", "3", "4"]))
def test_sending_to_a_quadrant_lands_in_it(x, y, key):
    nx, ny = values.send_to(MATRIX, x, y, key)
    assert values.quadrant_of(MATRIX, nx, ny).key == key
    assert -1 <= nx <= 1 and -1 <= ny <= 1


def test_sending_keeps_the_distance_from_the_axes():
    assert values.send_to(MATRIX, 0.3, 0.7, "3") == (-0.3, -0.7)
    assert values.send_to(MATRIX, 0.0, 0.01, "1") == (-0.5, 0.5)


@given(coordinate, coordinate, st.floats(-3, 3), st.floats(-3, 3))
def test_a_nudge_stays_on_the_board(x, y, dx, dy):
    nx, ny = values.nudge(x, y, dx, dy)
    assert -1 <= nx <= 1 and -1 <= ny <= 1


def test_positions_must_be_finite():
    with pytest.raises(InvalidValue):
        values.clamp(float("nan"))
    assert values.clamp(7) == 1.0


@pytest.mark.parametrize("count", [1, 2, 5, 7, 12])
def test_spread_points_stay_in_their_quadrant_and_apart(count):
    points = values.spread(MATRIX, "KEEP ON BOARD", count)
    assert len(set(points)) == count
    assert all(values.quadrant_of(MATRIX, x, y).name == "KEEP ON BOARD" for x, y in points)


def _item(ws, exercise_id, group_id, label, **fields) -> str:
    return ops.add_item(ws, exercise_id, group_id, label, **fields).value


def _place(ws, item_id, x, y, note="") -> str:
    return ops.add_placement(ws, item_id, x, y, note).value


def _exercise(ws, template_id="stakeholder-matrix", programme_id=None, date="2024-01-01"):
    workshop_id = ws.insert("workshops", {"title": f"W {date}", "date": date, "programme_id": programme_id})
    exercise_id = ws.insert("exercises", {"workshop_id": workshop_id, "kind": "quadrant_board",
                                          "template": template_id, "title": "Board"})
    return workshop_id, exercise_id


def test_items_placements_and_table(workspace):
    workshop_id, exercise_id = _exercise(workspace)
    group = workspace.insert("small_groups", {"workshop_id": workshop_id, "name": "Group A", "position": 1})
    police = _item(workspace, exercise_id, group, " Police ",
                                                             organisation="Constabulary")
    media = _item(workspace, exercise_id, group, "Media")
    unplaced = _item(workspace, exercise_id, group, "Residents")
    _place(workspace, police, 0.5, 0.5)
    _place(workspace, media, -0.2, -0.9)
    assert [i.label for i in values.items(workspace, exercise_id, group)] == ["Police", "Media", "Residents"]
    assert values.items(workspace, exercise_id, None) == []
    assert len(values.placements(workspace, exercise_id, group)) == 2
    assert values.placements_of(workspace, unplaced) == []
    exercise = records.exercise(workspace, exercise_id)
    assert values.board_groups(workspace, exercise)[1].name == "Group A"
    names, table = values.quadrant_table(workspace, exercise_id)
    assert names == ["Group A"]
    assert table["INVOLVE"]["Group A"] == ["Police"]
    assert table["BE AWARE"]["Group A"] == ["Media"]
    assert table["INFORM"]["Group A"] == []


def test_deleting_an_item_takes_its_placements_and_ticks(workspace):
    _, exercise_id = _exercise(workspace, "purpose-of-partnership")
    item_id = _item(workspace, exercise_id, None, "Booksellers")
    _place(workspace, item_id, 0.5, -0.5)
    _place(workspace, item_id, 0.5, 0.5)
    workspace.insert("checklist_ticks", {"item_id": item_id, "checklist": "box7", "entry": "trust"})
    assert values.ticks(workspace, item_id).keys() == {("box7", "trust")}
    snapshot = workspace.delete("board_items", item_id)
    assert workspace.rows("placements") == [] and workspace.rows("checklist_ticks") == []
    workspace.restore(snapshot)
    assert len(values.placements_of(workspace, item_id)) == 2


def test_the_store_refuses_a_point_off_the_board(workspace):
    _, exercise_id = _exercise(workspace)
    item_id = _item(workspace, exercise_id, None, "Police")
    with pytest.raises(InvalidValue):
        workspace.insert("placements", {"item_id": item_id, "x": 1.5, "y": 0})


def test_movement_across_a_programme_matches_labels(workspace):
    programme = workspace.insert("programmes", {"title": "P"})
    steps = [("2024-01-01", -0.5, -0.5), ("2024-02-01", -0.5, 0.5), ("2024-03-01", 0.5, 0.5)]
    last = None
    for date, x, y in steps:
        _, exercise_id = _exercise(workspace, "purpose-of-partnership", programme, date)
        label = "Forum" if date != "2024-02-01" else "  forum "
        item_id = _item(workspace, exercise_id, None, label)
        _place(workspace, item_id, x, y)
        other = _item(workspace, exercise_id, None, f"Only {date}")
        _place(workspace, other, 0, 0)
        last = exercise_id
    found = values.movement(workspace, last)
    assert list(found) == ["Forum"]
    assert [(s.x, s.y) for s in found["Forum"]] == [(x, y) for _, x, y in steps]
    # Only earlier sessions count, and a standalone workshop has none.
    _, standalone = _exercise(workspace, "purpose-of-partnership")
    assert values.movement(workspace, standalone) == {}


def test_demo_has_the_four_groups_and_the_papers_examples(demo_path):
    from partnerdesk.store import Workspace

    with Workspace.open(demo_path) as ws:
        matrix = [e for e in ws.rows("exercises") if e["template"] == "stakeholder-matrix"]
        names, table = values.quadrant_table(ws, matrix[0]["id"])
        assert names == ["Community Safety Partnership", "Local Strategic Partnership",
                         "Drug & Alcohol Partnership", "Teenage Pregnancy team"]
        assert table["KEEP ON BOARD"]["Community Safety Partnership"] == ["Directors of Public Health",
                                                                         "Councillors"]
        assert table["INFORM"]["Local Strategic Partnership"] == ["PCT", "CSP", "Environment Agency"]
        purpose = [e for e in ws.rows("exercises") if e["template"] == "purpose-of-partnership"]
        one_day = next(e for e in purpose if ws.get("workshops", e["workshop_id"])["programme_id"] is None)
        _, cells = values.quadrant_table(ws, one_day["id"])
        for name in ("Competition", "Co-operation", "Co-ordination", "Co-evolution"):
            assert cells[name]["Whole room"] == ["Junior hospital staff", "Booksellers"]
        moving = [values.movement(ws, e["id"]) for e in purpose]
        assert any(len(m.get("Junior hospital staff", [])) == 3 for m in moving)


def test_a_free_spot_avoids_chips_already_there():
    first = values.free_spot(MATRIX, "2", [])
    second = values.free_spot(MATRIX, "2", [first])
    assert first != second
    assert values.quadrant_of(MATRIX, *second).key == "2"
    crowded = values.spread(MATRIX, "2", 24)
    assert values.quadrant_of(MATRIX, *values.free_spot(MATRIX, "2", crowded)).key == "2"


def test_by_quadrant_lists_each_item_once_per_quadrant_in_list_order():
    listed = [values.BoardItem(f"i{n}", "e", None, label, "", "", "", n)
              for n, label in enumerate(["Forum", "Trust", "Unplaced"])]
    spots = [values.Placement("p1", "i1", 0.5, 0.5, ""), values.Placement("p2", "i0", 0.4, 0.4, ""),
             values.Placement("p3", "i0", 0.6, 0.6, ""), values.Placement("p4", "i0", -0.5, -0.5, ""),
             values.Placement("p5", "other", 0.5, 0.5, "")]
    cells = values.by_quadrant(PURPOSE, listed, spots)
    assert cells == {"Co-evolution": [], "Co-operation": ["Forum", "Trust"],
                     "Co-ordination": ["Forum"], "Competition": []}


def test_the_compare_view_takes_the_room_only_when_something_is_on_it(workspace):
    workshop_id, exercise_id = _exercise(workspace)
    exercise = records.exercise(workspace, exercise_id)
    assert values.compared_groups(workspace, exercise) == [None]
    group = workspace.insert("small_groups", {"workshop_id": workshop_id, "name": "A", "position": 1})
    exercise = records.exercise(workspace, exercise_id)
    assert [g.name for g in values.compared_groups(workspace, exercise)] == ["A"]
    _item(workspace, exercise_id, None, "Room item")
    assert values.compared_groups(workspace, exercise)[0] is None
    assert values.group_label(None) == "Whole room"
    own = workspace.insert("exercises", {"workshop_id": workshop_id, "group_id": group,
                                         "kind": "quadrant_board", "template": "stakeholder-matrix"})
    assert [g.id for g in values.board_groups(workspace, records.exercise(workspace, own))] == [group]


def test_known_labels_come_from_the_same_template_across_the_programme(workspace):
    programme = workspace.insert("programmes", {"title": "P"})
    _, first = _exercise(workspace, "purpose-of-partnership", programme, "2024-01-01")
    _, second = _exercise(workspace, "purpose-of-partnership", programme, "2024-02-01")
    _, matrix = _exercise(workspace, "stakeholder-matrix", programme, "2024-02-01")
    _item(workspace, first, None, "Forum")
    _item(workspace, second, None, "forum ")
    _item(workspace, second, None, "Amazon")
    _item(workspace, matrix, None, "Police")
    assert values.known_labels(workspace, second) == ["Amazon", "Forum"]
    assert values.known_labels(workspace, matrix) == ["Police"]


@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
def test_free_spots_fill_a_quadrant_without_overlap_then_overlap_least(key):
    taken = []
    for _ in range(12):
        taken.append(values.free_spot(MATRIX, key, taken))
    width, height = values.CHIP_SPAN
    for n, (x, y) in enumerate(taken):
        assert values.quadrant_of(MATRIX, x, y).key == key
        for ox, oy in taken[:n]:
            assert abs(x - ox) >= width - 1e-9 or abs(y - oy) >= height - 1e-9
    for _ in range(30):
        taken.append(values.free_spot(MATRIX, key, taken))
    assert all(values.quadrant_of(MATRIX, x, y).key == key for x, y in taken)
