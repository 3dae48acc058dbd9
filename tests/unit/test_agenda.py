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
