"""The workspace store: creation, refusal of bad files (unchanged), round trips, undo snapshots."""

from __future__ import annotations

import math
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerdesk import records
from partnerdesk.errors import CorruptWorkspace, InvalidValue, NewerVersion, NotAWorkspace, WriteFailed
from partnerdesk.migrations import latest_version
from partnerdesk.store import APPLICATION_ID, Workspace
from tests.workspace_files import digest


def test_new_workspace_is_marked_and_migrated(tmp_path):
    path = tmp_path / "new.partnerdesk"
    with Workspace.open(path) as ws:
        assert ws.schema_version == latest_version()
        assert ws.integrity_problems() == []
        assert ws.info("workspace_id")
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_reopen_keeps_every_record(tmp_path):
    path = tmp_path / "w.partnerdesk"
    with Workspace.open(path) as ws:
        pid = ws.insert("programmes", {"title": "Partners", "description": "d"})
        wid = ws.insert("workshops", {"programme_id": pid, "title": "One", "date": "2010-01-13"})
        person = ws.insert("participants", {"programme_id": pid, "name": "Zoë", "side": "staff side"})
        ws.insert("attendance", {"workshop_id": wid, "participant_id": person})
    with Workspace.open(path) as ws:
        assert [p.title for p in records.programmes(ws)] == ["Partners"]
        assert [w.title for w in records.workshops(ws, pid)] == ["One"]
        assert [p.name for p in records.attendees(ws, wid)] == ["Zoë"]


@pytest.mark.parametrize(
    "content, error",
    [
        (b"", NotAWorkspace),
        (b"hello, this is a text file\n" * 10, NotAWorkspace),
        (b"SQLite format 3\x00" + bytes(range(256)) * 20, CorruptWorkspace),
    ],
    ids=["zero-length", "text", "sqlite-header-then-garbage"],
)
def test_bad_files_are_refused_unchanged(tmp_path, content, error):
    path = tmp_path / "bad.partnerdesk"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises((error, NotAWorkspace, CorruptWorkspace)) as caught:
        Workspace.open(path)
    assert caught.value.user_message
    assert digest(path) == before


def test_other_applications_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAWorkspace, match="another application"):
        Workspace.open(path)
    assert digest(path) == before


def test_newer_version_is_refused_unchanged(tmp_path):
    path = tmp_path / "newer.partnerdesk"
    Workspace.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerVersion, match="newer version"):
        Workspace.open(path)
    assert digest(path) == before


def test_truncated_workspace_is_refused_unchanged(demo_path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    before = digest(demo_path)
    with pytest.raises(CorruptWorkspace):
        Workspace.open(demo_path)
    assert digest(demo_path) == before


def test_older_workspace_is_copied_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.partnerdesk"
    Workspace.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")  # pretend: before the foundation tables
    for table in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]:
        conn.execute(f"DROP TABLE [{table}]")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == latest_version()
    copies = list(tmp_path.glob("old.before-v*-from-v0.partnerdesk"))
    assert len(copies) == 1


def test_delete_snapshot_restores_children_and_cleared_links(workspace):
    ws = workspace
    wid = ws.insert("workshops", {"title": "W"})
    ex = ws.insert("exercises", {"workshop_id": wid, "kind": "k", "template": "t"})
    item = ws.insert("agenda_items", {"workshop_id": wid, "title": "Item", "exercise_id": ex})
    snapshot = ws.delete("exercises", ex)
    assert ws.get("agenda_items", item)["exercise_id"] is None
    ws.restore(snapshot)
    assert ws.get("agenda_items", item)["exercise_id"] == ex

    snapshot = ws.delete("workshops", wid)
    assert ws.get("agenda_items", item) is None and ws.get("exercises", ex) is None
    ws.restore(snapshot)
    assert ws.get("agenda_items", item)["title"] == "Item"
    assert ws.integrity_problems() == []


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(workspace, bad):
    wid = workspace.insert("workshops", {"title": "W"})
    with pytest.raises(InvalidValue):
        workspace.insert("small_groups", {"workshop_id": wid, "name": "g", "position": bad})
    assert records.small_groups(workspace, wid) == []


def test_unknown_table_and_column_are_refused(workspace):
    with pytest.raises(InvalidValue):
        workspace.insert("programmes; DROP TABLE programmes", {"title": "x"})
    with pytest.raises(InvalidValue):
        workspace.insert("programmes", {"title]; DROP TABLE x; --": "x"})


def test_read_only_workspace_refuses_writes(demo_path):
    with Workspace.open(demo_path, read_only=True) as ws, pytest.raises(WriteFailed, match="read-only"):
        ws.insert("programmes", {"title": "x"})


def test_attendance_totals_by_organisation_and_side(workspace):
    ws = workspace
    pid = ws.insert("programmes", {"title": "P"})
    wid = ws.insert("workshops", {"programme_id": pid, "title": "W"})
    people = ws.insert_many("participants", [
        {"programme_id": pid, "name": "A", "organisation": "RCHT", "side": "management"},
        {"programme_id": pid, "name": "B", "organisation": "RCHT", "side": "staff side"},
        {"programme_id": pid, "name": "C", "organisation": "CPT", "side": "staff side"},
    ])
    ws.insert_many("attendance", [{"workshop_id": wid, "participant_id": p} for p in people[:2]])
    totals = records.attendance_totals(ws, wid)
    assert (totals.present, totals.invited) == (2, 3)
    assert totals.by_organisation == {"RCHT": 2}
    assert totals.by_side == {"management": 1, "staff side": 1}


def test_participant_belongs_to_exactly_one_owner(workspace):
    pid = workspace.insert("programmes", {"title": "P"})
    wid = workspace.insert("workshops", {"title": "W"})
    with pytest.raises(InvalidValue):
        workspace.insert("participants", {"programme_id": pid, "workshop_id": wid, "name": "x"})
    with pytest.raises(InvalidValue):
        workspace.insert("participants", {"name": "nobody's"})


text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text, description=text, name=text)
def test_any_unicode_text_round_trips(workspace, title, description, name):
    pid = workspace.insert("programmes", {"title": title, "description": description})
    person = workspace.insert("participants", {"programme_id": pid, "name": name})
    assert records.programme(workspace, pid).title == title
    assert records.programme(workspace, pid).description == description
    assert records.participant(workspace, person).name == name


def test_every_parent_in_the_demo_can_be_deleted_and_restored_exactly(demo_path):
    """Undo of a delete puts back every dependent row, whatever order they were found in."""
    with Workspace.open(demo_path) as ws:
        def everything():
            return {t: sorted(map(str, ws.rows(t))) for t in ws.tables()}

        before = everything()
        for table in ("programmes", "workshops", "participants", "exercises", "small_groups"):
            for row in ws.rows(table):
                snapshot = ws.delete(table, row["id"])
                ws.restore(snapshot)
                assert everything() == before, f"restoring {table} {row['id']} changed the workspace"
        assert ws.integrity_problems() == []
