"""Change sets: an operation records every row it changed, and its inverse puts them back."""

from __future__ import annotations

import pytest

from partnerdesk.changes import Changes, RowChange, operation
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
