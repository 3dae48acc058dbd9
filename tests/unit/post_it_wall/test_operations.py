"""Every edit of a wall, with its rules, through the core operations (no Qt): what each writes,
what it refuses, and that its change set undoes it exactly."""

from __future__ import annotations

import json
import random

import pytest

from partnerdesk import records
from partnerdesk.changes import ColumnUpdate
from partnerdesk.post_it_wall import layout, values
from partnerdesk.post_it_wall import operations as ops
from partnerdesk.post_it_wall.layout import CELL_WIDTH, ZONE_HEADER, ZONE_MARGIN
from partnerdesk.post_it_wall.operations import EditRefused
from tests.unit.post_it_wall.post_its import row


def add(ws, exercise_id, text, zone="pink", **kwargs) -> str:
    return ops.add_post_it(ws, exercise_id, zone, text, **kwargs).value


def stored(ws, exercise_id) -> dict[str, values.PostIt]:
    return {p.id: p for p in values.post_its(ws, exercise_id)}


def snapshot(ws, exercise_id):
    return (sorted((p.id, p.zone, p.text, p.x, p.y, p.hidden, p.votes, p.theme_id)
                   for p in values.post_its(ws, exercise_id)),
            sorted((t.id, t.zone, t.name) for t in values.themes(ws, exercise_id)),
            records.exercise(ws, exercise_id).settings)


def undone(ws, exercise_id, changes, before) -> bool:
    """Whether applying the change set's inverse puts the wall back exactly as it was."""
    ws.apply(changes.inverse())
    return snapshot(ws, exercise_id) == before


# -- adding --------------------------------------------------------------------------------------


def test_a_new_post_it_is_cleaned_anonymous_and_never_covers_another(workspace, exercise_id):
    changes = ops.add_post_it(workspace, exercise_id, "pink", "  Lunch\x00 was\tgood ")
    found = values.post_it(workspace, changes.value)
    assert (found.text, found.author, found.votes, found.hidden, found.theme_id) == ("Lunch was good", "", 0,
                                                                                    False, None)
    assert (found.x, found.y) == (ZONE_MARGIN, ZONE_HEADER)
    assert changes.added(values.POST_ITS) == [changes.value]
    named = values.post_it(workspace, add(workspace, exercise_id, "x", author=" Ruth "))
    assert named.author == "Ruth"
    # A post-it dragged off the grid, half over the next place: the next one goes past it.
    workspace.update(values.POST_ITS, named.id, {"x": ZONE_MARGIN + CELL_WIDTH + 60})
    third = values.post_it(workspace, add(workspace, exercise_id, "third"))
    others = [(p.x, p.y) for p in stored(workspace, exercise_id).values() if p.id != third.id]
    assert not layout.overlapping([(third.x, third.y)], others)


def test_adding_is_undone_exactly_and_refuses_empty_text_and_unknown_zones(workspace, exercise_id):
    before = snapshot(workspace, exercise_id)
    changes = ops.add_post_it(workspace, exercise_id, "blue", "More breaks")
    assert undone(workspace, exercise_id, changes, before)
    for text, zone in (("   \x07 ", "pink"), ("Fine", "purple")):
        with pytest.raises(EditRefused):
            ops.add_post_it(workspace, exercise_id, zone, text)
    assert snapshot(workspace, exercise_id) == before
    with pytest.raises(EditRefused):
        ops.add_post_it(workspace, "no-such-wall", "pink", "x")


def test_new_post_its_arrive_hidden_while_the_wall_collects_them_hidden(workspace, exercise_id):
    ops.set_collect_hidden(workspace, exercise_id, True)
    assert values.post_it(workspace, add(workspace, exercise_id, "Secret")).hidden
    assert not values.post_it(workspace, add(workspace, exercise_id, "Shown", hidden=False)).hidden
    changes = ops.reveal_all(workspace, exercise_id)
    assert changes.value == 1 and not any(p.hidden for p in values.post_its(workspace, exercise_id))
    assert ops.reveal_all(workspace, exercise_id).rows == ()
    pid = add(workspace, exercise_id, "Later")
    assert ops.hide_post_its(workspace, [pid], hidden=False).value == 1
    assert not values.post_it(workspace, pid).hidden


# -- editing and deleting ------------------------------------------------------------------------


def test_editing_cleans_the_text_refuses_an_empty_post_it_and_skips_the_same_words(workspace, exercise_id):
    pid = add(workspace, exercise_id, "Clarity of role")
    changes = ops.edit_post_it(workspace, pid, " Clarity  of roles ")
    assert values.post_it(workspace, pid).text == "Clarity of roles"
    assert changes.changed_columns(values.POST_ITS) == ["text"]
    assert not ops.edit_post_it(workspace, pid, "Clarity of roles")
    with pytest.raises(EditRefused):
        ops.edit_post_it(workspace, pid, "  ")
    with pytest.raises(EditRefused):
        ops.edit_post_it(workspace, "gone", "x")


def test_deleting_post_its_is_undone_with_their_themes_links(workspace, exercise_id):
    ids = [add(workspace, exercise_id, t) for t in ("a", "b", "c")]
    ops.group_into_theme(workspace, exercise_id, ids[:2], "Pair")
    before = snapshot(workspace, exercise_id)
    changes = ops.delete_post_its(workspace, ids[:2])
    assert set(stored(workspace, exercise_id)) == {ids[2]}
    assert undone(workspace, exercise_id, changes, before)


# -- moving ----------------------------------------------------------------------------------------


def wall_rects(ws, exercise_id):
    wall = values.wall_template("evaluation-wall")
    on_wall = values.post_its(ws, exercise_id)
    return layout.zone_rects(wall.zones, {z.key: layout.zone_extent([p for p in on_wall if p.zone == z.key])
                                          for z in wall.zones})


def test_a_drop_moves_post_its_to_the_zone_under_them_and_a_click_writes_nothing(workspace, exercise_id):
    pid = add(workspace, exercise_id, "Networking")
    rects = wall_rects(workspace, exercise_id)
    green = rects["green"]
    before = snapshot(workspace, exercise_id)
    changes = ops.drop_post_its(workspace, exercise_id, {pid: (green.x + 50, green.y + 200)})
    moved = values.post_it(workspace, pid)
    assert changes.value == 1 and (moved.zone, moved.x, moved.y) == ("green", 50, 200)
    assert undone(workspace, exercise_id, changes, before)
    pink = rects["pink"]
    same = ops.drop_post_its(workspace, exercise_id, {pid: (pink.x + ZONE_MARGIN, pink.y + ZONE_HEADER)})
    assert same.value == 0 and not same


def test_a_theme_dropped_whole_goes_with_its_post_its(workspace, exercise_id):
    ids = [add(workspace, exercise_id, t) for t in ("a", "b", "c")]
    theme = ops.group_into_theme(workspace, exercise_id, ids[:2], "Pair").value
    blue = wall_rects(workspace, exercise_id)["blue"]
    changes = ops.drop_post_its(workspace, exercise_id, {ids[0]: (blue.x + 20, blue.y + 150),
                                                         ids[1]: (blue.x + 200, blue.y + 150)})
    assert values.theme(workspace, theme).zone == "blue"
    assert {values.post_it(workspace, i).zone for i in ids[:2]} == {"blue"}
    assert changes.changed(values.THEMES) == [theme]
    # Dropped away from the rest of its theme, a post-it leaves it.
    green = wall_rects(workspace, exercise_id)["green"]
    ops.drop_post_its(workspace, exercise_id, {ids[0]: (green.x + 20, green.y + 150)})
    assert values.post_it(workspace, ids[0]).theme_id is None


def test_a_drag_of_many_is_one_column_update_of_their_places_and_undoes_to_the_same_rows(workspace, exercise_id):
    ids = [add(workspace, exercise_id, f"Note {i}") for i in range(6)]
    theme = ops.group_into_theme(workspace, exercise_id, ids[:2], "Pair").value
    rows = {r["id"]: r for r in workspace.rows(values.POST_ITS)}
    rects = wall_rects(workspace, exercise_id)
    pink = rects["pink"]
    on_wall = stored(workspace, exercise_id)
    # Four loose post-its nudged, one of them into the theme's frame; one left where it was.
    dropped = {pid: (pink.x + on_wall[pid].x + 30, pink.y + on_wall[pid].y + 40) for pid in ids[2:5]}
    dropped[ids[5]] = (pink.x + on_wall[ids[1]].x + 10, pink.y + on_wall[ids[1]].y + 10)
    dropped[ids[4]] = (pink.x + on_wall[ids[4]].x, pink.y + on_wall[ids[4]].y)
    changes = ops.drop_post_its(workspace, exercise_id, dropped)
    [update] = changes.rows
    assert type(update) is ColumnUpdate and set(update.ids) == {ids[2], ids[3], ids[5]}
    assert update.columns == ("zone", "x", "y", "cluster_id", "modified")
    assert values.post_it(workspace, ids[5]).theme_id == theme
    assert changes.value == 3 and changes.changed_columns(values.POST_ITS) == ["cluster_id", "x", "y"]
    after = {r["id"]: r for r in workspace.rows(values.POST_ITS)}
    workspace.apply(changes.inverse())
    assert {r["id"]: r for r in workspace.rows(values.POST_ITS)} == rows  # every column, stamps too
    workspace.apply(changes)
    assert {r["id"]: r for r in workspace.rows(values.POST_ITS)} == after
    # Only places changing: the theme's column is not written.
    nudged = ops.drop_post_its(workspace, exercise_id, {ids[2]: (pink.x + 40, pink.y + 400)})
    assert nudged.rows[0].columns == ("zone", "x", "y", "modified")


def test_moving_to_a_zone_by_keyboard_takes_the_first_free_places(workspace, exercise_id):
    ids = [add(workspace, exercise_id, t) for t in ("a", "b")]
    there = add(workspace, exercise_id, "already green", zone="green")
    before = snapshot(workspace, exercise_id)
    changes = ops.move_post_its_to_zone(workspace, exercise_id, [*ids, there], "green")
    assert changes.value == 2
    placed = [(p.x, p.y) for p in values.post_its(workspace, exercise_id)]
    assert len(set(placed)) == 3 and {p.zone for p in values.post_its(workspace, exercise_id)} == {"green"}
    assert undone(workspace, exercise_id, changes, before)
    with pytest.raises(EditRefused):
        ops.move_post_its_to_zone(workspace, exercise_id, ids, "purple")


def test_tidying_a_zone_makes_a_grid_and_a_tidy_zone_writes_nothing(workspace, exercise_id):
    ids = [add(workspace, exercise_id, f"Note {i}") for i in range(6)]
    workspace.update_many(values.POST_ITS, {pid: {"x": 37.0 * i, "y": 500.0 - 41 * i} for i, pid in enumerate(ids)})
    changes = ops.tidy_zone(workspace, exercise_id, "pink")
    assert changes.value == 6
    assert {(p.x, p.y) for p in values.post_its(workspace, exercise_id)} == set(layout.next_free_slots([], 6))
    assert not ops.tidy_zone(workspace, exercise_id, "pink")


# -- themes ------------------------------------------------------------------------------------------


def test_grouping_makes_a_theme_side_by_side_or_joins_the_zones_theme_of_that_name(workspace, exercise_id):
    ids = [add(workspace, exercise_id, t) for t in ("Jargon", "Lack of information", "Cash")]
    before = snapshot(workspace, exercise_id)
    changes = ops.group_into_theme(workspace, exercise_id, [ids[0]], " Communication ")
    [theme] = values.themes(workspace, exercise_id)
    assert (theme.id, theme.name, theme.zone) == (changes.value, "Communication", "pink")
    assert undone(workspace, exercise_id, changes, before)
    first = ops.group_into_theme(workspace, exercise_id, [ids[0]], "Communication").value
    again = ops.group_into_theme(workspace, exercise_id, [ids[1]], "COMMUNICATION").value
    assert again == first and len(values.themes(workspace, exercise_id)) == 1
    members = sorted((p.y, p.x) for p in values.post_its(workspace, exercise_id) if p.theme_id == first)
    assert len(members) == 2 and members[0][0] == members[1][0] == ZONE_HEADER + layout.THEME_TAB
    placed = [(p.x, p.y) for p in values.post_its(workspace, exercise_id)]
    assert not any(layout.overlapping([p], [q for q in placed if q != p]) for p in placed)


def test_grouping_refuses_two_zones_no_name_and_no_post_its(workspace, exercise_id):
    pink, blue = add(workspace, exercise_id, "One"), add(workspace, exercise_id, "Two", zone="blue")
    before = snapshot(workspace, exercise_id)
    for post_it_ids, name in (([pink, blue], "Mixed"), ([pink], "  "), ([], "Empty"), (["gone"], "Gone")):
        with pytest.raises(EditRefused):
            ops.group_into_theme(workspace, exercise_id, post_it_ids, name)
    assert snapshot(workspace, exercise_id) == before


def test_ungrouping_keeps_the_post_its_and_renaming_refuses_a_clash(workspace, exercise_id):
    ids = [add(workspace, exercise_id, t) for t in ("a", "b", "c")]
    first = ops.group_into_theme(workspace, exercise_id, [ids[0]], "Trust").value
    second = ops.group_into_theme(workspace, exercise_id, [ids[1]], "Respect").value
    changes = ops.rename_theme(workspace, second, " Mutual respect ")
    assert values.theme(workspace, second).name == "Mutual respect"
    assert changes.changed_columns(values.THEMES) == ["name"]
    for name in ("trust", "   "):
        with pytest.raises(EditRefused):
            ops.rename_theme(workspace, second, name)
    before = snapshot(workspace, exercise_id)
    changes = ops.ungroup_themes(workspace, [first, second])
    assert values.themes(workspace, exercise_id) == [] and len(values.post_its(workspace, exercise_id)) == 3
    assert all(p.theme_id is None for p in values.post_its(workspace, exercise_id))
    assert undone(workspace, exercise_id, changes, before)


# -- dots ----------------------------------------------------------------------------------------------


def test_dots_are_added_taken_away_never_below_none_and_tallied(workspace, exercise_id):
    a, b = add(workspace, exercise_id, "a"), add(workspace, exercise_id, "b")
    ops.add_dots(workspace, [a, b])
    ops.add_dots(workspace, [a])
    assert (values.post_it(workspace, a).votes, values.post_it(workspace, b).votes) == (2, 1)
    ops.add_dots(workspace, [b], step=-1)
    assert not ops.add_dots(workspace, [b], step=-1)  # already none: nothing written
    ops.tally_dots(workspace, b, 7)
    assert values.post_it(workspace, b).votes == 7
    with pytest.raises(EditRefused):
        ops.tally_dots(workspace, b, -1)
    assert values.dot_summary(workspace, exercise_id).used == 9


def test_the_allowance_is_dots_each_times_those_present_and_a_tally_over_it_is_kept(workspace, exercise_id):
    workshop = records.exercise(workspace, exercise_id).workshop_id
    people = workspace.insert_many("participants", [{"workshop_id": workshop, "name": f"P{i}"} for i in range(12)])
    workspace.insert_many("attendance", [{"workshop_id": workshop, "participant_id": p} for p in people])
    pid = add(workspace, exercise_id, "Popular")
    ops.tally_dots(workspace, pid, 41)  # paper dots are what they are: the count is kept
    summary = values.dot_summary(workspace, exercise_id)
    assert summary.over_allowance and summary.text.startswith("41 of 36 dots placed")
    changes = ops.set_dots_per_participant(workspace, exercise_id, 5)
    assert json.loads(records.exercise(workspace, exercise_id).settings)["dots_per_participant"] == 5
    assert not values.dot_summary(workspace, exercise_id).over_allowance
    assert changes.changed("exercises") == [exercise_id]
    assert not ops.set_dots_per_participant(workspace, exercise_id, 5)
    with pytest.raises(EditRefused):
        ops.set_dots_per_participant(workspace, exercise_id, -1)


def test_settings_keep_the_exercises_other_keys(workspace, exercise_id):
    workspace.update("exercises", exercise_id, {"settings": json.dumps({"other": 1})})
    ops.set_collect_hidden(workspace, exercise_id, True)
    ops.set_dots_per_participant(workspace, exercise_id, 4)
    assert json.loads(records.exercise(workspace, exercise_id).settings) == {
        "other": 1, "collect_hidden": True, "dots_per_participant": 4}


def test_operations_refuse_a_wall_of_another_kind(workspace, exercise_id):
    workshop = records.exercise(workspace, exercise_id).workshop_id
    other = workspace.insert("exercises", {"workshop_id": workshop, "kind": "quadrant_board",
                                           "template": "stakeholder-matrix", "title": "Matrix"})
    with pytest.raises(EditRefused):
        ops.add_post_it(workspace, other, "pink", "x")


def test_a_new_post_it_goes_where_the_layout_rule_says_whatever_the_zone_holds(workspace, exercise_id):
    """The operation asks SQLite for the places of post-its on the grid; it must agree with
    `layout.next_free_slots` over every post-it's position, on the grid or not."""
    rng = random.Random(11)
    for _ in range(25):
        workspace.delete_many(values.POST_ITS, [p.id for p in values.post_its(workspace, exercise_id)])
        positions = [layout.slot_position(rng.randrange(12), 4) for _ in range(rng.randrange(10))]
        positions += [(rng.uniform(0, 700), rng.uniform(ZONE_HEADER, 500)) for _ in range(rng.randrange(3))]
        for x, y in positions:
            workspace.insert(values.POST_ITS, {**row(exercise_id, "pink", "x"), "x": x, "y": y})
        expected = layout.next_free_slots(positions, 1, layout.zone_columns(len(positions) + 1))[0]
        placed = values.post_it(workspace, add(workspace, exercise_id, "new"))
        assert (placed.x, placed.y) == expected
        assert not layout.overlapping([expected], positions)


def test_typing_on_after_other_edits_still_finds_the_first_free_place(workspace, exercise_id):
    """The operation remembers a zone's places between post-its typed one after another; any
    other write (a delete, an undo, a rolled-back add) makes it read the zone again."""
    ids = [add(workspace, exercise_id, f"n{i}") for i in range(3)]
    ops.delete_post_its(workspace, [ids[0]])
    again = values.post_it(workspace, add(workspace, exercise_id, "again"))
    assert (again.x, again.y) == layout.slot_position(0)
    changes = ops.add_post_it(workspace, exercise_id, "pink", "undone")
    place = (values.post_it(workspace, changes.value).x, values.post_it(workspace, changes.value).y)
    workspace.apply(changes.inverse())
    redone = values.post_it(workspace, add(workspace, exercise_id, "in its place"))
    assert (redone.x, redone.y) == place
    with pytest.raises(RuntimeError), workspace.atomic():
        ops.add_post_it(workspace, exercise_id, "pink", "rolled back")
        raise RuntimeError
    after = values.post_it(workspace, add(workspace, exercise_id, "after the rollback"))
    assert (after.x, after.y) == layout.slot_position(4)
    positions = [(p.x, p.y) for p in values.post_its(workspace, exercise_id)]
    assert len(set(positions)) == len(positions) == 5
