"""The post-it wall's rules: templates, layout, drops, themes, dots, tidy, CSV and the store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import records, walls
from partnerdesk.resources import templates_of_kind
from partnerdesk.walls import (
    CELL_HEIGHT,
    CELL_WIDTH,
    NOTE_HEIGHT,
    NOTE_WIDTH,
    ZONE_HEADER,
    ZONE_MARGIN,
    Note,
)


def make_note(nid="n1", zone="pink", text="t", x=ZONE_MARGIN, y=ZONE_HEADER, votes=0, cluster=None,
              hidden=False, author=""):
    return Note(id=nid, exercise_id="e", zone=zone, text=text, author=author, x=x, y=y, hidden=hidden,
                votes=votes, cluster_id=cluster)


@pytest.fixture
def wall():
    return walls.wall_template("evaluation-wall")


@pytest.fixture
def exercise_id(workspace):
    workshop = workspace.insert("workshops", {"title": "Day"})
    return workspace.insert("exercises", {"workshop_id": workshop, "kind": walls.KIND,
                                          "template": "evaluation-wall", "title": "Evaluation"})


# -- templates -------------------------------------------------------------------------------


def test_evaluation_wall_has_the_workbooks_four_questions_and_colours(wall):
    assert [(z.label, z.question) for z in wall.zones] == [
        ("PINK", "What worked well for you today?"),
        ("YELLOW", "What key learning points will you take away and put into practice?"),
        ("GREEN", "What are your Future Learning Needs?"),
        ("BLUE", "What could be improved and how?"),
    ]
    assert all(z.colour.startswith("#") and len(z.colour) == 7 for z in wall.zones)


def test_every_wall_template_is_complete():
    found = {t.id for t in templates_of_kind(walls.KIND)}
    assert {"evaluation-wall", "opportunities-challenges", "words-for-partnership",
            "collaborative-experiences-feedback", "role-play-reflection"} <= found
    for template_id in found:
        wall = walls.wall_template(template_id)
        keys = [z.key for z in wall.zones]
        assert len(keys) == len(set(keys)), template_id
        cells = [(z.row, z.column) for z in wall.zones]
        assert len(cells) == len(set(cells)), template_id
        assert wall.instructions and wall.title


def test_activity_2_sets_the_case_study_group_against_own_experience():
    wall = walls.wall_template("opportunities-challenges")
    assert {z.question for z in wall.zones} == {"Case Study group", "Own Experience group"}
    assert {z.label for z in wall.zones} == {"Recognising Opportunities", "Encountering Challenges"}


# -- settings ----------------------------------------------------------------------------------


def test_settings_default_from_the_template_and_keep_other_keys(workspace, exercise_id, wall):
    exercise = records.exercise(workspace, exercise_id)
    assert walls.wall_settings(exercise, wall) == walls.WallSettings(3, False)
    workspace.update("exercises", exercise_id, {"settings": json.dumps({"other": 1})})
    exercise = records.exercise(workspace, exercise_id)
    changed = json.loads(walls.settings_with(exercise, dots_per_participant=5, collect_hidden=True))
    assert changed == {"other": 1, "dots_per_participant": 5, "collect_hidden": True}
    workspace.update("exercises", exercise_id, {"settings": json.dumps({"dots_per_participant": "x"})})
    assert walls.wall_settings(records.exercise(workspace, exercise_id), wall).dots_per_participant == 3


# -- text and new post-its --------------------------------------------------------------------


def test_clean_text_removes_control_characters_and_spare_spaces():
    assert walls.clean_text("  Good\tfood\n\x00and  tea  ") == "Good food and tea"
    assert walls.clean_text("x" * 600) == "x" * walls.MAX_TEXT


@given(st.text())
def test_clean_text_never_keeps_control_characters(text):
    cleaned = walls.clean_text(text)
    assert cleaned == cleaned.strip()
    assert not any(ord(c) < 32 for c in cleaned)


def test_note_row_is_anonymous_unless_an_author_is_typed():
    row = walls.note_row("e", "pink", " Lunch ", (1, 2))
    assert row["author"] == "" and row["text"] == "Lunch" and row["votes"] == 0 and row["hidden"] == 0
    assert walls.note_row("e", "pink", "x", (0, 0), author=" Ruth ", hidden=True)["author"] == "Ruth"
    assert walls.note_row("e", "pink", "x", (0, 0), hidden=True)["hidden"] == 1


def test_next_free_slots_fill_the_grid_row_by_row_and_skip_taken_cells():
    first = walls.next_free_slots([], 5)
    assert first[0] == (ZONE_MARGIN, ZONE_HEADER)
    assert first[4] == (ZONE_MARGIN, ZONE_HEADER + CELL_HEIGHT)  # four columns, then a new row
    taken = [first[0], (first[2][0] + 3, first[2][1] - 4)]  # nudged slightly, still that cell
    assert walls.next_free_slots(taken, 2) == [first[1], first[3]]


# -- counts, dots and ranking -----------------------------------------------------------------------


def test_zone_counts_include_empty_zones_in_template_order(wall):
    notes = [make_note("a", "blue"), make_note("b", "blue"), make_note("c", "pink")]
    assert walls.zone_counts(notes, wall.zones) == {"pink": 1, "yellow": 0, "green": 0, "blue": 2}


def test_ranking_most_dots_first_ties_alphabetical_and_no_undotted():
    notes = [make_note("a", text="beta", votes=2), make_note("b", text="Alpha", votes=2),
             make_note("c", text="gamma", votes=5), make_note("d", text="none", votes=0)]
    assert [n.text for n in walls.ranking(notes)] == ["gamma", "Alpha", "beta"]
    assert walls.dots_used(notes) == 9


def test_dot_allowance_is_participants_times_dots():
    assert walls.dot_allowance(12, 3) == 36
    assert walls.dot_allowance(0, 3) == 0
    assert walls.dot_allowance(-1, 3) == 0


# -- themes and tidy ----------------------------------------------------------------------------------


def test_a_theme_belongs_to_one_zone():
    assert walls.zone_for_new_cluster([make_note("a", "pink"), make_note("b", "pink")]) == "pink"
    assert walls.zone_for_new_cluster([make_note("a", "pink"), make_note("b", "blue")]) is None
    assert walls.zone_for_new_cluster([]) is None


def test_block_positions_put_a_theme_side_by_side():
    assert walls.block_positions(4, (10, 100), columns=3) == [
        (10, 100), (10 + CELL_WIDTH, 100), (10 + 2 * CELL_WIDTH, 100), (10, 100 + CELL_HEIGHT)]
    assert walls.block_positions(2, (0, 0)) == [(0, 0), (CELL_WIDTH, 0)]


def test_overlapping_post_its():
    assert walls.overlapping([(0, 0)], [(NOTE_WIDTH - 1, NOTE_HEIGHT - 1)])
    assert not walls.overlapping([(0, 0)], [(NOTE_WIDTH, 0), (0, NOTE_HEIGHT)])
    assert not walls.overlapping([], [(0, 0)])


def test_tidy_puts_themes_first_by_name_then_the_rest_in_reading_order():
    notes = [
        make_note("loose2", x=500, y=700), make_note("loose1", x=40, y=700),
        make_note("z1", x=900, y=300, cluster="cz"), make_note("a1", x=300, y=900, cluster="ca"),
        make_note("a2", x=100, y=900, cluster="ca"),
        make_note("gone", x=0, y=0, cluster="deleted"),
    ]
    positions = walls.tidy_positions(notes, {"ca": "access", "cz": "Zest"})
    top = ZONE_HEADER + walls.CLUSTER_TAB
    assert positions["a2"] == (ZONE_MARGIN, top)
    assert positions["a1"] == (ZONE_MARGIN + CELL_WIDTH, top)
    assert positions["z1"] == (ZONE_MARGIN, top + CELL_HEIGHT + walls.CLUSTER_TAB)
    loose_top = top + 2 * CELL_HEIGHT + walls.CLUSTER_TAB
    # A post-it whose theme no longer exists is tidied with the loose ones.
    assert [positions[i] for i in ("gone", "loose1", "loose2")] == [
        (ZONE_MARGIN, loose_top), (ZONE_MARGIN + CELL_WIDTH, loose_top),
        (ZONE_MARGIN + 2 * CELL_WIDTH, loose_top)]


def test_tidy_never_overlaps_post_its():
    notes = [make_note(str(i), x=(i * 37) % 500, y=100 + (i * 53) % 700, cluster="c" if i % 3 else None)
             for i in range(40)]
    positions = walls.tidy_positions(notes, {"c": "Theme"})
    assert len(set(positions.values())) == 40


# -- layout and drops ------------------------------------------------------------------------------


def test_zones_follow_the_templates_rows_and_columns_and_grow_to_fit(wall):
    rects = walls.zone_rects(wall.zones)
    assert rects["pink"].x == 0 and rects["pink"].y == 0
    assert rects["yellow"].x > rects["pink"].right and rects["yellow"].y == 0
    assert rects["green"].y > rects["pink"].bottom and rects["green"].x == 0
    big = walls.zone_extent([make_note(y=2000)])
    grown = walls.zone_rects(wall.zones, {"pink": big})
    assert grown["pink"].height >= 2000 + NOTE_HEIGHT + ZONE_MARGIN
    assert grown["pink"].height <= 2000 + NOTE_HEIGHT + ZONE_MARGIN + walls.ZONE_MIN_ROWS * CELL_HEIGHT
    # The other zone of the row grows with it, so the wall stays a grid.
    assert grown["yellow"].height == grown["pink"].height
    assert grown["green"].y > 2000


def test_zones_grow_in_steps_of_rows_so_typing_rarely_relays_the_wall():
    sizes = {walls.zone_extent([make_note(y=y)])[1] for y in walls.slot_position(0)[1:] + tuple(
        walls.slot_position(i)[1] for i in range(12))}
    assert len(sizes) == 1  # the first twelve post-its (three rows of four) fit the empty zone
    assert walls.zone_extent([make_note(y=walls.slot_position(12)[1])])[1] > sizes.pop()


def test_zones_widen_as_they_fill_so_a_big_wall_stays_near_square():
    assert walls.zone_columns(0) == walls.zone_columns(20) == walls.ZONE_COLUMNS
    columns = walls.zone_columns(500)
    rows = -(-500 // columns)
    assert 0.7 < (columns * CELL_WIDTH) / (rows * CELL_HEIGHT) < 1.4


def test_zone_at_a_point_or_the_nearest(wall):
    rects = walls.zone_rects(wall.zones)
    blue = rects["blue"]
    assert walls.zone_at(rects, blue.x + 5, blue.y + 5) == "blue"
    gap_x = rects["pink"].right + walls.ZONE_SPACING / 2 - 1
    assert walls.zone_at(rects, gap_x, 10) == "pink"
    assert walls.zone_at(rects, 99999, 99999) == "blue"


def test_a_dropped_post_it_answers_the_zone_under_its_middle(wall):
    rects = walls.zone_rects(wall.zones)
    green = rects["green"]
    zone, (x, y) = walls.dropped_position(rects, green.x + 50, green.y + 200)
    assert zone == "green" and (x, y) == (50, 200)
    # Dropped onto the question: pushed below the header, never hiding it.
    zone, (x, y) = walls.dropped_position(rects, green.x - NOTE_WIDTH / 2 + 5, green.y)
    assert zone == "green" and x == 0 and y == ZONE_HEADER


def test_drop_changes_move_a_whole_theme_as_one_and_leave_alone_drags_out_of_it(wall):
    rects = walls.zone_rects(wall.zones)
    pink, blue = rects["pink"], rects["blue"]
    notes = {
        "a": make_note("a", "pink", x=20, y=120, cluster="c"),
        "b": make_note("b", "pink", x=200, y=120, cluster="c"),
        "c": make_note("c", "pink", x=20, y=300, cluster="d"),
        "d": make_note("d", "pink", x=200, y=300, cluster="d"),
    }
    dropped = {"a": (blue.x + 20, blue.y + 150), "b": (blue.x + 200, blue.y + 150),
               "c": (blue.x + 20, blue.y + 400)}
    note_changes, cluster_changes = walls.drop_changes(rects, notes, dropped)
    assert cluster_changes == {"c": {"zone": "blue"}}
    assert note_changes["a"] == {"zone": "blue", "x": 20, "y": 150}
    assert note_changes["b"]["zone"] == "blue"
    # "c" left its theme "d" behind in pink: it leaves the theme.
    assert note_changes["c"] == {"zone": "blue", "x": 20, "y": 400, "cluster_id": None}
    assert "d" not in note_changes
    # A drop where the post-it already is writes nothing.
    unchanged = walls.drop_changes(rects, notes, {"c": (pink.x + 20, pink.y + 300)})
    assert unchanged == ({}, {})


def test_keyboard_move_takes_whole_themes_along_and_leaves_partial_ones():
    notes = {
        "a": make_note("a", "pink", x=20, y=120, cluster="t"),
        "b": make_note("b", "pink", x=200, y=120, cluster="t"),
        "c": make_note("c", "pink", x=20, y=300, cluster="u"),
        "d": make_note("d", "pink", x=200, y=300, cluster="u"),
        "e": make_note("e", "blue"),
    }
    note_changes, theme_changes = walls.move_to_zone_changes(notes, ["c", "a", "b", "e"], "blue")
    assert theme_changes == {"t": {"zone": "blue"}}
    assert set(note_changes) == {"a", "b", "c"}  # "e" is already there
    assert "cluster_id" not in note_changes["a"] and note_changes["c"]["cluster_id"] is None
    slots = walls.next_free_slots([(notes["e"].x, notes["e"].y)], 3)
    # The whole theme first, side by side, then the rest; none on the post-it already there.
    assert [(note_changes[i]["x"], note_changes[i]["y"]) for i in ("a", "b", "c")] == slots
    assert walls.move_to_zone_changes(notes, ["e"], "blue") == ({}, {})


def test_a_post_it_dropped_into_a_themes_frame_joins_it_and_one_dropped_outside_leaves(wall):
    rects = walls.zone_rects(wall.zones)
    pink = rects["pink"]
    notes = {
        "a": make_note("a", "pink", x=16, y=126, cluster="t"),
        "b": make_note("b", "pink", x=190, y=126, cluster="t"),
        "loose": make_note("loose", "pink", x=16, y=400),
    }
    frames = walls.theme_frames(rects, notes)
    assert frames["t"].contains(pink.x + 100, pink.y + 126 - walls.CLUSTER_TAB / 2)  # the name tab
    # Dropped beside "b", inside the frame: joins the theme.
    joined, _ = walls.drop_changes(rects, notes, {"loose": (pink.x + 200, pink.y + 130)})
    assert joined["loose"]["cluster_id"] == "t"
    # "a" nudged a little stays in its theme; dragged far away, it leaves it.
    nudged, _ = walls.drop_changes(rects, notes, {"a": (pink.x + 30, pink.y + 140)})
    assert "cluster_id" not in nudged["a"]
    away, _ = walls.drop_changes(rects, notes, {"a": (pink.x + 300, pink.y + 400)})
    assert away["a"]["cluster_id"] is None


# -- CSV ----------------------------------------------------------------------------------------


def test_safe_cell_guards_against_formulas():
    for risky in ("=1+1", "+44", "-2", "@SUM(A1)", "\tx"):
        assert walls.safe_cell(risky) == "'" + risky
    assert walls.safe_cell("fine") == "fine"
    assert walls.safe_cell("") == ""


def test_csv_has_the_author_column_only_when_someone_typed_a_name(wall):
    notes = [make_note("a", "blue", "More breaks", votes=2), make_note("b", "pink", "=cmd|' /C calc'!A0")]
    plain = list(csv.reader(io.StringIO(walls.csv_text(walls.export_rows(wall, notes, [])))))
    assert plain[0] == ["zone", "question", "text", "cluster", "votes"]
    assert plain[1] == ["PINK", "What worked well for you today?", "'=cmd|' /C calc'!A0", "", "0"]
    assert plain[2] == ["BLUE", "What could be improved and how?", "More breaks", "", "2"]
    named = [*notes, make_note("c", "green", "Chairing skills", author="Ruth", cluster="k")]
    cluster = walls.Cluster("k", "e", "green", "Skills")
    rows = list(csv.reader(io.StringIO(walls.csv_text(walls.export_rows(wall, named, [cluster])))))
    assert rows[0][-1] == "author"
    assert rows[2] == ["GREEN", "What are your Future Learning Needs?", "Chairing skills", "Skills", "0",
                       "Ruth"]


# -- the store ----------------------------------------------------------------------------------------


def test_notes_and_clusters_round_trip_and_die_with_their_exercise(workspace, exercise_id):
    cluster = workspace.insert(walls.CLUSTERS, {"exercise_id": exercise_id, "zone": "pink", "name": "Food"})
    row = walls.note_row(exercise_id, "pink", "Lunch", (16, 96))
    row["cluster_id"] = cluster
    nid = workspace.insert(walls.NOTES, row)
    found = walls.note(workspace, nid)
    assert found.text == "Lunch" and found.cluster_id == cluster and not found.hidden
    assert [c.name for c in walls.clusters(workspace, exercise_id)] == ["Food"]
    # Ungrouping (deleting the theme) keeps the post-it and clears its link; undo restores it.
    snapshot = workspace.delete(walls.CLUSTERS, cluster)
    assert walls.note(workspace, nid).cluster_id is None
    workspace.restore(snapshot)
    assert walls.note(workspace, nid).cluster_id == cluster
    workshop = records.exercise(workspace, exercise_id).workshop_id
    assert [e.id for e in walls.walls(workspace, workshop)] == [exercise_id]
    workspace.delete("exercises", exercise_id)
    assert walls.notes(workspace, exercise_id) == [] and walls.clusters(workspace, exercise_id) == []


def test_notes_by_id_reads_many_at_once(workspace, exercise_id):
    ids = workspace.insert_many(walls.NOTES, [walls.note_row(exercise_id, "pink", f"n{i}", (0, 0))
                                              for i in range(1200)])
    found = walls.notes_by_id(workspace, [*ids, "missing"])
    assert set(found) == set(ids) and found[ids[7]].text == "n7"


def test_the_store_refuses_negative_dots(workspace, exercise_id):
    from partnerdesk.errors import InvalidValue

    nid = workspace.insert(walls.NOTES, walls.note_row(exercise_id, "pink", "x", (0, 0)))
    with pytest.raises(InvalidValue):
        workspace.update(walls.NOTES, nid, {"votes": -1})


def test_export_csv_writes_atomically_and_reads_back(workspace, exercise_id, tmp_path):
    for text, zone in [("Good venue", "pink"), ("Jargon", "blue"), ("Negotiation", "green")]:
        workspace.insert(walls.NOTES, walls.note_row(exercise_id, zone, text, (16, 96)))
    target = tmp_path / "wall.csv"
    target.write_text("old")
    assert walls.export_csv(workspace, exercise_id, target) == 3
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["zone"], r["text"]) for r in rows] == [("PINK", "Good venue"), ("GREEN", "Negotiation"),
                                                      ("BLUE", "Jargon")]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".wall")) == []


def test_write_atomically_reports_a_missing_folder(tmp_path):
    from partnerdesk.errors import WriteFailed

    with pytest.raises(WriteFailed):
        walls.write_atomically(tmp_path / "missing" / "x.csv", b"data")


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 9)), max_size=40), st.integers(1, 12))
def test_free_slots_are_distinct_and_never_on_a_taken_cell(cells, count):
    taken = [walls.slot_position(row * 8 + column, 8) for column, row in cells]
    slots = walls.next_free_slots(taken, count, 8)
    assert len(slots) == count == len(set(slots))
    assert not set(slots) & set(taken)
