"""When each agenda item actually started: schema version 6 and its operation."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from partnerdesk import agenda, records
from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace

STARTED = datetime(2010, 6, 17, 10, 25, 7).timestamp()


def _item(ws: Workspace) -> str:
    workshop_id = ws.insert("workshops", {"title": "W"})
    return ws.insert("agenda_items", {"workshop_id": workshop_id, "start_time": "10:10", "duration_minutes": 70,
                                      "title": "Partnership scenarios"})


def test_a_start_is_recorded_as_local_iso_time_with_its_offset_and_undone_exactly(workspace):
    item_id = _item(workspace)
    assert records.agenda(workspace, workspace.rows("workshops")[0]["id"])[0].actual_start is None
    changes = agenda.record_actual_start(workspace, item_id, STARTED)
    assert changes.changed_columns("agenda_items") == ["actual_start"]
    kept = workspace.get("agenda_items", item_id)["actual_start"]
    assert kept == changes.value
    assert datetime.fromisoformat(kept).timestamp() == int(STARTED)
    assert kept.startswith("2010-06-17T10:25:07")
    assert datetime.fromisoformat(kept).utcoffset() is not None
    workspace.apply(changes.inverse())
    assert workspace.get("agenda_items", item_id)["actual_start"] is None


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_start_that_is_not_a_time_is_refused(workspace, bad):
    item_id = _item(workspace)
    with pytest.raises(InvalidValue):
        agenda.record_actual_start(workspace, item_id, bad)
    assert workspace.get("agenda_items", item_id)["actual_start"] is None


def test_a_start_for_a_removed_item_is_refused(workspace):
    with pytest.raises(InvalidValue):
        agenda.record_actual_start(workspace, "no-such-item", STARTED)


def test_a_version_5_workspace_gains_the_column_and_keeps_its_agenda(tmp_path):
    path = tmp_path / "old.partnerdesk"
    with Workspace.open(path) as ws:
        item_id = _item(ws)
    conn = sqlite3.connect(path)
    # Back to what version 5 wrote: the same table without the column.
    conn.execute("ALTER TABLE agenda_items DROP COLUMN actual_start")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == 6
        row = ws.get("agenda_items", item_id)
        assert row["title"] == "Partnership scenarios" and row["actual_start"] is None


# -- an item's length moves the start times after it --------------------------------------------


def _day(ws: Workspace) -> tuple[str, list[str]]:
    """A morning: 09:30 (30 min), 10:00 (70), an untimed note, 11:10 (10), 11:20 (60)."""
    workshop_id = ws.insert("workshops", {"title": "W"})
    plan = [("09:30", 30, "Registration"), ("10:00", 70, "Concepts"), ("", 0, "Housekeeping"),
            ("11:10", 10, "Refreshment"), ("11:20", 60, "Climate for change")]
    ids = [ws.insert("agenda_items", {"workshop_id": workshop_id, "position": n, "start_time": start,
                                      "duration_minutes": minutes, "title": title})
           for n, (start, minutes, title) in enumerate(plan)]
    return workshop_id, ids


def _starts(ws: Workspace, workshop_id: str) -> list[tuple[str, int]]:
    return [(i.start_time, i.duration_minutes) for i in records.agenda(ws, workshop_id)]


def test_a_longer_item_moves_every_later_start_and_keeps_untimed_items_untimed(workspace):
    workshop_id, ids = _day(workspace)
    changes = agenda.set_duration(workspace, ids[1], 90)
    assert changes.value == 2
    assert _starts(workspace, workshop_id) == [("09:30", 30), ("10:00", 90), ("", 0), ("11:30", 10),
                                               ("11:40", 60)]
    assert set(changes.changed("agenda_items")) == {ids[1], ids[3], ids[4]}
    # One change set: its inverse puts the whole morning back.
    workspace.apply(changes.inverse())
    assert _starts(workspace, workshop_id) == [("09:30", 30), ("10:00", 70), ("", 0), ("11:10", 10),
                                               ("11:20", 60)]


def test_a_shorter_item_brings_later_starts_forward_and_earlier_items_stay(workspace):
    workshop_id, ids = _day(workspace)
    agenda.set_duration(workspace, ids[3], 0)
    assert _starts(workspace, workshop_id) == [("09:30", 30), ("10:00", 70), ("", 0), ("11:10", 0),
                                               ("11:10", 60)]
    assert agenda.set_duration(workspace, ids[4], 45).value == 0  # the last item moves nothing


def test_the_same_length_changes_nothing(workspace):
    _workshop_id, ids = _day(workspace)
    assert not agenda.set_duration(workspace, ids[1], 70)


def test_times_wrap_round_midnight(workspace):
    workshop_id, ids = _day(workspace)
    agenda.set_duration(workspace, ids[1], 70 + 13 * 60)
    assert _starts(workspace, workshop_id)[-1] == ("00:20", 60)


@pytest.mark.parametrize("bad", [-1, 1441, 2.5, True, "30"])
def test_a_length_that_is_not_minutes_of_a_day_is_refused(workspace, bad):
    workshop_id, ids = _day(workspace)
    with pytest.raises(InvalidValue):
        agenda.set_duration(workspace, ids[1], bad)
    assert _starts(workspace, workshop_id)[1] == ("10:00", 70)


def test_a_length_for_a_removed_item_is_refused(workspace):
    with pytest.raises(InvalidValue):
        agenda.set_duration(workspace, "no-such-item", 30)


@pytest.mark.parametrize(("text", "minutes"), [("09:30", 570), ("9:05", 545), ("", None), ("24:00", None),
                                                ("10.30", None), ("noon", None)])
def test_minutes_of_a_start_time(text, minutes):
    assert agenda.minutes_of(text) == minutes
