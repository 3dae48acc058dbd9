"""Change sets: an operation records every row it changed, and its inverse puts them back."""

from __future__ import annotations

import pytest

from partnerdesk.changes import Changes, RowChange, RowUpdate, operation
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


def test_update_many_takes_the_callers_whole_rows_as_before_images_and_reads_the_rest(demo):
    first, second, third = (r["id"] for r in demo.rows("workshops")[:3])
    stored = {r["id"]: r for r in demo.rows("workshops")}
    # Whole rows the caller read are taken as they are; a partial one, or one of another id,
    # is not trusted: the store reads those rows itself.
    given = {first: dict(stored[first]), second: {"id": second, "title": "Partial"},
             third: dict(stored[first])}
    with demo.recording() as recorder, demo.atomic():
        demo.update_many("workshops", {first: {"title": "One"}, second: {"title": "Two"}, third: {"title": "Three"}},
                         before=given)
    changes = recorder.changes()
    rows = {r.id: r for r in changes.rows}
    assert rows[first].before is given[first]
    assert rows[second].before == stored[second] and rows[third].before == stored[third]
    now = {r["id"]: r for r in demo.rows("workshops")}
    assert all(rows[i].after == now[i] for i in (first, second, third))
    demo.apply(changes.inverse())
    assert {r["id"]: r for r in demo.rows("workshops")} == stored


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
