"""Change sets: an operation records every row it changed, and its inverse puts them back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk.changes import Changes, ColumnUpdate, RowChange, RowUpdate, operation
from partnerdesk.demo import build_demo
from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace


def _state(ws: Workspace) -> dict[str, dict[str, dict]]:
    return {t: {r["id"]: r for r in ws.rows(t)} for t in ws.tables() if "id" in ws.columns(t)}


@pytest.fixture
def demo(tmp_path):
    with Workspace.open(build_demo(tmp_path / "demo.partnerdesk")) as ws:
        yield ws


@operation
def _rename_and_add_workshop(ws: Workspace, programme_id: str, title: str) -> str:
    ws.update("programmes", programme_id, {"title": title})
    return ws.insert("workshops", {"programme_id": programme_id, "title": "Extra", "date": "2010-04-14"})


@operation
def _delete_programme(ws: Workspace, programme_id: str) -> None:
    ws.delete("programmes", programme_id)


def test_operation_returns_its_value_and_every_row_it_changed(demo):
    programme_id = demo.rows("programmes")[0]["id"]
    changes = _rename_and_add_workshop(demo, programme_id, "Renamed")
    assert changes.added("workshops") == [changes.value]
    assert changes.changed("programmes") == [programme_id]
    assert changes.changed_columns("programmes") == ["title"]
    assert changes.after("programmes", programme_id)["title"] == "Renamed"


def test_undo_of_a_cascading_delete_restores_every_value_and_redo_removes_them_again(demo):
    before = _state(demo)
    programme_id = demo.rows("programmes")[0]["id"]
    changes = _delete_programme(demo, programme_id)
    assert programme_id in changes.removed("programmes")
    assert changes.removed("attendance"), "the cascade's rows are part of the change set"
    demo.apply(changes.inverse())
    assert _state(demo) == before
    assert demo.integrity_problems() == []
    demo.apply(changes)
    assert demo.get("programmes", programme_id) is None
    demo.apply(changes.inverse())
    assert _state(demo) == before


def test_a_failed_operation_changes_nothing_and_records_nothing(demo):
    before = _state(demo)

    @operation
    def half_then_fail(ws: Workspace) -> None:
        ws.update("programmes", ws.rows("programmes")[0]["id"], {"title": "Half"})
        ws.insert("workshops", {"title": "x", "no_such_column": 1})

    with demo.recording() as outer, pytest.raises(InvalidValue):
        half_then_fail(demo)
    assert outer.rows == []
    assert _state(demo) == before


def test_then_merges_typing_into_first_before_and_last_after():
    a = Changes((RowChange("t", "1", {"id": "1", "v": "a"}, {"id": "1", "v": "ab"}),))
    b = Changes((RowChange("t", "1", {"id": "1", "v": "ab"}, {"id": "1", "v": "abc"}),))
    merged = a.then(b)
    assert merged.rows == (RowChange("t", "1", {"id": "1", "v": "a"}, {"id": "1", "v": "abc"}),)
    back = merged.then(merged.inverse())
    assert not back


def test_apply_never_cascades_children_away_when_a_parent_row_is_rewritten(demo):
    workshop = demo.rows("workshops")[0]
    attendance = demo.rows("attendance", {"workshop_id": workshop["id"]})
    assert attendance
    changes = Changes((RowChange("workshops", workshop["id"], workshop, {**workshop, "title": "New"}),))
    demo.apply(changes)
    assert demo.rows("attendance", {"workshop_id": workshop["id"]}) == attendance


def _whole(ws: Workspace, table: str) -> dict[str, dict]:
    return {r["id"]: r for r in ws.rows(table)}


def test_an_update_of_the_same_columns_of_many_rows_is_one_column_update_undone_and_redone_exactly(demo):
    stored = _whole(demo, "workshops")
    ids = list(stored)[:3]
    with demo.recording() as recorder, demo.atomic():
        demo.update_columns("workshops", ["title"], {ids[0]: ["One"], ids[1]: ["Two"],
                                                     ids[2]: [stored[ids[2]]["title"]]})
    changes = recorder.changes()
    [update] = changes.rows
    assert type(update) is ColumnUpdate and update.ids == tuple(ids)
    assert update.columns == ("title", "modified")
    assert update.old == tuple((stored[i]["title"], stored[i]["modified"]) for i in ids)
    after = _whole(demo, "workshops")
    assert update.new == tuple((after[i]["title"], after[i]["modified"]) for i in ids)
    summary = changes.summary()["workshops"]
    assert summary.changed == ids and summary.columns == ["title"]  # the third: its stamp only
    assert changes.changed("workshops") == ids and changes.changed_columns("workshops") == ["title"]
    assert changes.after("workshops", ids[0]) == {"title": "One", "modified": after[ids[0]]["modified"]}
    demo.apply(changes.inverse())
    assert _whole(demo, "workshops") == stored
    demo.apply(changes)
    assert _whole(demo, "workshops") == after


def test_update_columns_takes_the_callers_values_before_and_refuses_a_wrong_shape(demo):
    stored = _whole(demo, "workshops")
    first, second = list(stored)[:2]
    old = {i: (stored[i]["title"], stored[i]["modified"]) for i in (first, second)}
    with demo.recording() as recorder, demo.atomic():
        demo.update_columns("workshops", ["title"], {first: ("One",), second: ("Two",)}, old)
    assert recorder.changes().rows[0].old == (old[first], old[second])
    before = _state(demo)
    with pytest.raises(InvalidValue), demo.recording(), demo.atomic():
        demo.update_columns("workshops", ["title"], {first: ("Three",)}, {first: ("One",)})
    with pytest.raises(InvalidValue), demo.recording(), demo.atomic():
        demo.update_columns("workshops", ["title"], {first: ("Three",), second: ("Four",)}, {first: old[first]})
    with pytest.raises(InvalidValue):
        demo.update_columns("workshops", ["title"], {first: (float("nan"),)})
    with pytest.raises(InvalidValue):
        demo.update_columns("workshops", ["no_such_column"], {first: ("x",)})
    assert _state(demo) == before


def test_a_column_update_whose_rows_are_gone_is_refused_and_writes_nothing(demo):
    stored = _whole(demo, "workshops")
    first = next(iter(stored))
    update = ColumnUpdate("workshops", (first, "gone"), ("title",), (("a",), ("b",)), (("New",), ("Newer",)))
    before = _state(demo)
    with pytest.raises(InvalidValue):
        demo.apply(Changes((update,)))
    assert _state(demo) == before


def test_a_column_updates_summary_names_only_rows_and_columns_that_changed():
    update = ColumnUpdate("t", ("1", "2", "3"), ("zone", "x", "modified"),
                          (("a", 1.0, "m0"), ("a", 2.0, "m0"), ("a", 3.0, "m0")),
                          (("a", 5.0, "m1"), ("a", 2.0, "m0"), ("b", 3.0, "m1")))
    summary = Changes((update,)).summary()["t"]
    assert summary.changed == ["1", "3"] and summary.columns == ["x", "zone"]
    assert summary.added == summary.removed == []
    # With other rows of the same table in the change set, each row is still counted once.
    mixed = Changes((update, RowChange("t", "4", None, {"id": "4", "x": 0.0}),
                     RowChange("t", "1", {"id": "1", "zone": "a", "x": 5.0, "modified": "m1"},
                               {"id": "1", "zone": "a", "x": 1.0, "modified": "m0"})))
    summary = mixed.summary()["t"]
    assert summary.added == ["4"] and summary.changed == ["3"] and summary.columns == ["zone"]
    assert Changes((update,)).inverse().rows == (ColumnUpdate("t", update.ids, update.columns, update.new,
                                                              update.old),)


def _applied(state: dict[str, dict], changes: Changes) -> dict[str, dict]:
    """A change set applied to rows kept in a dictionary: what the store does, without one."""
    state = {i: dict(r) for i, r in state.items()}
    for r in changes.rows:
        if type(r) is ColumnUpdate:
            for record_id, new in zip(r.ids, r.new, strict=True):
                state[record_id].update(zip(r.columns, new, strict=True))
        elif r.after is None:
            del state[r.id]
        else:
            state[r.id] = dict(r.after)
    return state


_VALUES = st.sampled_from(["a", "b", 1.0, 2.0])


@st.composite
def _edits(draw, state: dict[str, dict]) -> Changes:
    """Some changes of rows "0".."3" of table t, as they are in `state`: column updates of
    several rows, whole-row updates, deletes and inserts."""
    rows = []
    state = {i: dict(r) for i, r in state.items()}
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["columns", "row", "delete", "insert"]))
        present = sorted(state)
        made = len(rows)
        if kind == "columns" and present:
            ids = draw(st.lists(st.sampled_from(present), min_size=1, max_size=4, unique=True))
            columns = tuple(draw(st.lists(st.sampled_from(["x", "y"]), min_size=1, max_size=2, unique=True)))
            new = tuple(tuple(draw(_VALUES) for _ in columns) for _ in ids)
            old = tuple(tuple(state[i][c] for c in columns) for i in ids)
            rows.append(ColumnUpdate("t", tuple(ids), columns, old, new))
        elif kind == "row" and present:
            record_id = draw(st.sampled_from(present))
            rows.append(RowChange("t", record_id, state[record_id], {**state[record_id], "x": draw(_VALUES)}))
        elif kind == "delete" and present:
            record_id = draw(st.sampled_from(present))
            rows.append(RowChange("t", record_id, state[record_id], None))
        elif kind == "insert" and len(present) < 4:
            record_id = next(str(n) for n in range(4) if str(n) not in state)
            rows.append(RowChange("t", record_id, None, {"id": record_id, "x": draw(_VALUES), "y": draw(_VALUES)}))
        state = _applied(state, Changes(tuple(rows[made:])))
    return Changes(tuple(rows))


@given(st.data())
def test_then_of_column_updates_and_row_changes_is_the_two_in_turn_and_its_inverse_undoes_both(data):
    start = {str(n): {"id": str(n), "x": 1.0, "y": "a"} for n in range(3)}
    first = data.draw(_edits(start))
    middle = _applied(start, first)
    later = data.draw(_edits(middle))
    end = _applied(middle, later)
    merged = first.then(later)
    assert _applied(start, merged) == end
    assert _applied(end, merged.inverse()) == start
    assert not merged.then(merged.inverse())
    # What the summary says changed is what did change.
    summary = merged.summary().get("t")
    changed = sorted(i for i in start if i in end and start[i] != end[i])
    assert sorted(summary.changed if summary else []) == changed


def test_then_keeps_rows_updated_in_the_same_columns_together_as_one_column_update():
    a = ColumnUpdate("t", ("1", "2"), ("x",), ((1.0,), (2.0,)), ((3.0,), (4.0,)))
    b = ColumnUpdate("t", ("2", "1"), ("x",), ((4.0,), (3.0,)), ((5.0,), (6.0,)))
    assert Changes((a,)).then(Changes((b,))).rows == (ColumnUpdate("t", ("1", "2"), ("x",), ((1.0,), (2.0,)),
                                                                   ((6.0,), (5.0,))),)


def test_summary_names_each_changed_column_once_across_many_rows():
    rows = tuple(RowChange("t", str(n), {"id": str(n), "x": 1.0, "y": n, "z": "a"},
                           {"id": str(n), "x": 2.0, "y": n, "z": "a" if n else "b"}) for n in range(3))
    summary = Changes(rows).summary()["t"]
    assert summary.changed == ["0", "1", "2"] and summary.columns == ["x", "z"]


def test_an_update_recorded_compactly_reads_as_whole_rows_and_is_undone_and_redone_exactly(demo):
    stored = {r["id"]: r for r in demo.rows("workshops")}
    ids = list(stored)[:2]
    with demo.recording() as recorder, demo.atomic():
        demo.update_many("workshops", {ids[0]: {"title": "One"}, ids[1]: {"title": stored[ids[1]]["title"]}})
    changes = recorder.changes()
    assert all(type(r) is RowUpdate for r in changes.rows)
    first, second = changes.rows
    assert "title" in first.values and first.before == stored[ids[0]]
    assert first.after == {r["id"]: r for r in demo.rows("workshops")}[ids[0]]
    assert first == RowChange("workshops", ids[0], first.before, first.after) == first
    assert first != RowChange("workshops", ids[0], first.before, first.before)
    assert first.columns == ["modified", "title"] and second.columns == ["modified"]
    summary = changes.summary()["workshops"]
    assert summary.changed == ids and summary.columns == ["title"]
    assert changes.changed_columns("workshops") == ["title"]
    # Undo and redo put back whole rows; a later change of the same row merges into whole images.
    after = {r["id"]: r for r in demo.rows("workshops")}
    demo.apply(changes.inverse())
    assert {r["id"]: r for r in demo.rows("workshops")} == stored
    demo.apply(changes)
    assert {r["id"]: r for r in demo.rows("workshops")} == after
    later = Changes((RowChange("workshops", ids[0], after[ids[0]], {**after[ids[0]], "title": "Two"}),))
    merged = changes.then(later)
    assert merged.rows[0] == RowChange("workshops", ids[0], stored[ids[0]], {**after[ids[0]], "title": "Two"})
    assert Changes((first, *later.rows)).summary()["workshops"].columns == ["title"]
