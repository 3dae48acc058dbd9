"""Where post-its go: free places, themes side by side, tidying, zones, drops and moves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.post_it_wall import layout
from partnerdesk.post_it_wall.layout import (
    CELL_HEIGHT,
    CELL_WIDTH,
    POST_IT_HEIGHT,
    POST_IT_WIDTH,
    ZONE_HEADER,
    ZONE_MARGIN,
)
from tests.unit.post_it_wall.post_its import make_post_it


def test_next_free_slots_fill_the_grid_row_by_row_and_skip_taken_cells():
    first = layout.next_free_slots([], 5)
    assert first[0] == (ZONE_MARGIN, ZONE_HEADER)
    assert first[4] == (ZONE_MARGIN, ZONE_HEADER + CELL_HEIGHT)  # four columns, then a new row
    taken = [first[0], (first[2][0] + 3, first[2][1] - 4)]  # nudged slightly, still that cell
    assert layout.next_free_slots(taken, 2) == [first[1], first[3]]



def test_block_positions_put_a_theme_side_by_side():
    assert layout.block_positions(4, (10, 100), columns=3) == [
        (10, 100), (10 + CELL_WIDTH, 100), (10 + 2 * CELL_WIDTH, 100), (10, 100 + CELL_HEIGHT)]
    assert layout.block_positions(2, (0, 0)) == [(0, 0), (CELL_WIDTH, 0)]


def test_overlapping_post_its():
    assert layout.overlapping([(0, 0)], [(POST_IT_WIDTH - 1, POST_IT_HEIGHT - 1)])
    assert not layout.overlapping([(0, 0)], [(POST_IT_WIDTH, 0), (0, POST_IT_HEIGHT)])
    assert not layout.overlapping([], [(0, 0)])


def test_tidy_puts_themes_first_by_name_then_the_rest_in_reading_order():
    notes = [
        make_post_it("loose2", x=500, y=700), make_post_it("loose1", x=40, y=700),
        make_post_it("z1", x=900, y=300, theme="cz"), make_post_it("a1", x=300, y=900, theme="ca"),
        make_post_it("a2", x=100, y=900, theme="ca"),
        make_post_it("gone", x=0, y=0, theme="deleted"),
    ]
    positions = layout.tidy_positions(notes, {"ca": "access", "cz": "Zest"})
    top = ZONE_HEADER + layout.THEME_TAB
    assert positions["a2"] == (ZONE_MARGIN, top)
    assert positions["a1"] == (ZONE_MARGIN + CELL_WIDTH, top)
    assert positions["z1"] == (ZONE_MARGIN, top + CELL_HEIGHT + layout.THEME_TAB)
    loose_top = top + 2 * CELL_HEIGHT + layout.THEME_TAB
    # A post-it whose theme no longer exists is tidied with the loose ones.
    assert [positions[i] for i in ("gone", "loose1", "loose2")] == [
        (ZONE_MARGIN, loose_top), (ZONE_MARGIN + CELL_WIDTH, loose_top),
        (ZONE_MARGIN + 2 * CELL_WIDTH, loose_top)]


def test_tidy_never_overlaps_post_its():
    notes = [make_post_it(str(i), x=(i * 37) % 500, y=100 + (i * 53) % 700, theme="c" if i % 3 else None)
             for i in range(40)]
    positions = layout.tidy_positions(notes, {"c": "Theme"})
    assert len(set(positions.values())) == 40


# -- layout and drops ------------------------------------------------------------------------------


def test_zones_follow_the_templates_rows_and_columns_and_grow_to_fit(wall):
    rects = layout.zone_rects(wall.zones)
    assert rects["pink"].x == 0 and rects["pink"].y == 0
    assert rects["yellow"].x > rects["pink"].right and rects["yellow"].y == 0
    assert rects["green"].y > rects["pink"].bottom and rects["green"].x == 0
    big = layout.zone_extent([make_post_it(y=2000)])
    grown = layout.zone_rects(wall.zones, {"pink": big})
    assert grown["pink"].height >= 2000 + POST_IT_HEIGHT + ZONE_MARGIN
    assert grown["pink"].height <= 2000 + POST_IT_HEIGHT + ZONE_MARGIN + layout.ZONE_MIN_ROWS * CELL_HEIGHT
    # The other zone of the row grows with it, so the wall stays a grid.
    assert grown["yellow"].height == grown["pink"].height
    assert grown["green"].y > 2000


def test_zones_grow_in_steps_of_rows_so_typing_rarely_relays_the_wall():
    sizes = {layout.zone_extent([make_post_it(y=y)])[1] for y in layout.slot_position(0)[1:] + tuple(
        layout.slot_position(i)[1] for i in range(12))}
    assert len(sizes) == 1  # the first twelve post-its (three rows of four) fit the empty zone
    assert layout.zone_extent([make_post_it(y=layout.slot_position(12)[1])])[1] > sizes.pop()


def test_zones_widen_as_they_fill_so_a_big_wall_stays_near_square():
    assert layout.zone_columns(0) == layout.zone_columns(20) == layout.ZONE_COLUMNS
    columns = layout.zone_columns(500)
    rows = -(-500 // columns)
    assert 0.7 < (columns * CELL_WIDTH) / (rows * CELL_HEIGHT) < 1.4


def test_zone_at_a_point_or_the_nearest(wall):
    rects = layout.zone_rects(wall.zones)
    blue = rects["blue"]
    assert layout.zone_at(rects, blue.x + 5, blue.y + 5) == "blue"
    gap_x = rects["pink"].right + layout.ZONE_SPACING / 2 - 1
    assert layout.zone_at(rects, gap_x, 10) == "pink"
    assert layout.zone_at(rects, 99999, 99999) == "blue"


def test_a_dropped_post_it_answers_the_zone_under_its_middle(wall):
    rects = layout.zone_rects(wall.zones)
    green = rects["green"]
    zone, (x, y) = layout.dropped_position(rects, green.x + 50, green.y + 200)
    assert zone == "green" and (x, y) == (50, 200)
    # Dropped onto the question: pushed below the header, never hiding it.
    zone, (x, y) = layout.dropped_position(rects, green.x - POST_IT_WIDTH / 2 + 5, green.y)
    assert zone == "green" and x == 0 and y == ZONE_HEADER


def _places(notes):
    return {n.id: (n.zone, n.x, n.y, n.theme_id) for n in notes.values()}


def test_a_drop_moves_a_whole_theme_as_one_and_leaves_alone_drags_out_of_it(wall):
    rects = layout.zone_rects(wall.zones)
    pink, blue = rects["pink"], rects["blue"]
    notes = {
        "a": make_post_it("a", "pink", x=20, y=120, theme="c"),
        "b": make_post_it("b", "pink", x=200, y=120, theme="c"),
        "c": make_post_it("c", "pink", x=20, y=300, theme="d"),
        "d": make_post_it("d", "pink", x=200, y=300, theme="d"),
    }
    dropped = {"a": (blue.x + 20, blue.y + 150), "b": (blue.x + 200, blue.y + 150),
               "c": (blue.x + 20, blue.y + 400)}
    drop = layout.drop_moves(rects, _places(notes), dropped)
    assert drop.theme_zones == {"c": "blue"}
    assert drop.places["a"] == ("blue", 20, 150)
    assert drop.places["b"][0] == "blue"
    # "c" left its theme "d" behind in pink: it leaves the theme; "a" and "b" keep theirs.
    assert drop.places["c"] == ("blue", 20, 400) and drop.themes == {"c": None}
    assert "d" not in drop.places
    # A drop where the post-it already is changes nothing.
    unchanged = layout.drop_moves(rects, _places(notes), {"c": (pink.x + 20, pink.y + 300)})
    assert unchanged == layout.Drop({}, {}, {})


def test_keyboard_move_takes_whole_themes_along_and_leaves_partial_ones():
    notes = {
        "a": make_post_it("a", "pink", x=20, y=120, theme="t"),
        "b": make_post_it("b", "pink", x=200, y=120, theme="t"),
        "c": make_post_it("c", "pink", x=20, y=300, theme="u"),
        "d": make_post_it("d", "pink", x=200, y=300, theme="u"),
        "e": make_post_it("e", "blue"),
    }
    note_changes, theme_changes = layout.move_to_zone_changes(notes, ["c", "a", "b", "e"], "blue")
    assert theme_changes == {"t": {"zone": "blue"}}
    assert set(note_changes) == {"a", "b", "c"}  # "e" is already there
    assert "cluster_id" not in note_changes["a"] and note_changes["c"]["cluster_id"] is None
    slots = layout.next_free_slots([(notes["e"].x, notes["e"].y)], 3)
    # The whole theme first, side by side, then the rest; none on the post-it already there.
    assert [(note_changes[i]["x"], note_changes[i]["y"]) for i in ("a", "b", "c")] == slots
    assert layout.move_to_zone_changes(notes, ["e"], "blue") == ({}, {})


def test_a_post_it_dropped_into_a_themes_frame_joins_it_and_one_dropped_outside_leaves(wall):
    rects = layout.zone_rects(wall.zones)
    pink = rects["pink"]
    notes = {
        "a": make_post_it("a", "pink", x=16, y=126, theme="t"),
        "b": make_post_it("b", "pink", x=190, y=126, theme="t"),
        "loose": make_post_it("loose", "pink", x=16, y=400),
    }
    frames = layout.theme_frames(rects, _places(notes))
    assert frames["t"].contains(pink.x + 100, pink.y + 126 - layout.THEME_TAB / 2)  # the name tab
    # Dropped beside "b", inside the frame: joins the theme.
    joined = layout.drop_moves(rects, _places(notes), {"loose": (pink.x + 200, pink.y + 130)})
    assert joined.themes == {"loose": "t"} and "loose" in joined.places
    # "a" nudged a little stays in its theme; dragged far away, it leaves it.
    nudged = layout.drop_moves(rects, _places(notes), {"a": (pink.x + 30, pink.y + 140)})
    assert "a" in nudged.places and nudged.themes == {}
    away = layout.drop_moves(rects, _places(notes), {"a": (pink.x + 300, pink.y + 400)})
    assert away.themes == {"a": None}



@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 9)), max_size=40), st.integers(1, 12))
def test_free_slots_are_distinct_and_never_on_a_taken_cell(cells, count):
    taken = [layout.slot_position(row * 8 + column, 8) for column, row in cells]
    slots = layout.next_free_slots(taken, count, 8)
    assert len(slots) == count == len(set(slots))
    assert not set(slots) & set(taken)



def test_every_zones_extent_in_one_pass_is_each_zones_own():
    post_its = [make_post_it("a", "pink", x=16.0, y=2000.0), make_post_it("b", "pink", x=900.0, y=96.0),
                make_post_it("c", "blue", x=16.0, y=500.0), make_post_it("d", "odd", x=40.0, y=96.0)]
    extents = layout.zone_extents(["pink", "green", "blue"], post_its)
    assert list(extents) == ["pink", "green", "blue", "odd"]
    assert extents == {key: layout.zone_extent([p for p in post_its if p.zone == key]) for key in extents}
