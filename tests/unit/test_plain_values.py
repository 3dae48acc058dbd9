"""The value classes the first window needs, written without `dataclasses` or `typing.NamedTuple`
(`partnerdesk.plain`): each compares, hashes, prints and refuses assignment exactly as the frozen
dataclass or named tuple it replaced. The classes below are those as they were, kept as the
reference."""

from __future__ import annotations

import copy
import getpass
import pickle
import pkgutil
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

import pytest

from partnerdesk import atomic_files, exports, lock, migrations
from partnerdesk.backups import BackupInfo
from partnerdesk.changes import Changes, ColumnUpdate, Recorder, RowChange, RowUpdate, TableChanges
from partnerdesk.exercises import MenuSection
from partnerdesk.lock import LockOwner, read_lock
from partnerdesk.migrations import Migration
from partnerdesk.plain import FrozenError, pattern
from partnerdesk.records import AgendaItem, AttendanceTotals, Exercise, Participant, Programme, SmallGroup, Workshop
from partnerdesk.resources import Template, TemplateProblem
from partnerdesk.store import Snapshot
from partnerdesk.workspace_file import FileHeader


@dataclass(frozen=True, slots=True)
class RowChangeWas:
    table: str
    id: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True, slots=True)
class ColumnUpdateWas:
    table: str
    ids: tuple
    columns: tuple
    old: tuple
    new: tuple


@dataclass(frozen=True)
class ChangesWas:
    rows: tuple = ()
    value: Any = None


@dataclass(frozen=True)
class TableChangesWas:
    added: list
    removed: list
    changed: list
    columns: list


@dataclass
class RecorderWas:
    rows: list = field(default_factory=list)


@dataclass
class SnapshotWas:
    rows: list = field(default_factory=list)
    cleared: list = field(default_factory=list)


@dataclass(frozen=True)
class LockOwnerWas:
    host: str
    user: str
    pid: int
    acquired: str
    refreshed: str
    token: str = ""
    boot_id: str = ""
    fingerprint: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class MigrationWas:
    version: int
    name: str
    migrate: Any


@dataclass(frozen=True)
class TemplateWas:
    id: str
    kind: str
    title: str
    instructions: str
    data: dict


HASHABLE = [
    (RowChange, RowChangeWas, ("t", "a", None, None), ("t", "b", None, None)),
    (ColumnUpdate, ColumnUpdateWas, ("t", ("a",), ("x",), ((1,),), ((2,),)), ("t", ("a",), ("x",), ((1,),), ((3,),))),
    (Changes, ChangesWas, ((), 1), ((), 2)),
    (Migration, MigrationWas, (1, "foundation", len), (2, "foundation", len)),
    (LockOwner, LockOwnerWas, ("h", "u", 1, "a", "r", "t", "b"), ("h", "u", 2, "a", "r", "t", "b")),
]
UNHASHABLE = [
    (RowChange, RowChangeWas, ("t", "a", None, {"x": 1})),
    (Changes, ChangesWas, ((RowChange("t", "a", None, {"x": 1}),), None)),
    (TableChanges, TableChangesWas, (["a"], [], ["b"], ["x"])),
    (Template, TemplateWas, ("id", "kind", "Title", "Do this.", {"k": 1})),
    (Recorder, RecorderWas, ([RowChange("t", "a", None, None)],)),
    (Snapshot, SnapshotWas, ([("t", {"id": "a"})], [("t", "a", "c", 1)])),
]


def _name_free(text: str, cls: type) -> str:
    return text.replace(f"{cls.__qualname__}Was(", f"{cls.__qualname__}(")


@pytest.mark.parametrize(("cls", "was", "args", "other"), HASHABLE, ids=lambda p: getattr(p, "__name__", ""))
def test_a_value_compares_hashes_and_prints_as_its_dataclass_did(cls, was, args, other):
    value, same, different = cls(*args), cls(*args), cls(*other)
    assert value == same and (value != same) is False and hash(value) == hash(same) == hash(was(*args))
    assert value != different and was(*args) != was(*other)
    assert repr(value) == _name_free(repr(was(*args)), cls)
    assert len({value, same, different}) == 2
    # Never equal to another class with the same fields, as the dataclass was not.
    assert value != was(*args) and value != tuple(args) and (value == object()) is False


@pytest.mark.parametrize(("cls", "was", "args"), UNHASHABLE, ids=lambda p: getattr(p, "__name__", ""))
def test_a_value_holding_lists_or_dicts_compares_and_prints_as_before_and_is_unhashable(cls, was, args):
    value = cls(*args)
    assert value == cls(*args)
    assert repr(value) == _name_free(repr(was(*args)), cls)
    with pytest.raises(TypeError):
        hash(value)
    with pytest.raises(TypeError):
        hash(was(*args))


@pytest.mark.parametrize("value", [RowChange("t", "a", None, None), ColumnUpdate("t", (), (), (), ()), Changes(),
                                   TableChanges([], [], [], []), Migration(1, "x", len),
                                   Template("i", "k", "t", "", {}), LockOwner("h", "u", 1, "a", "r")],
                         ids=lambda v: type(v).__name__)
def test_a_frozen_value_refuses_assignment_as_a_frozen_dataclass_did(value):
    name = value._fields[0]
    with pytest.raises(AttributeError):  # FrozenError is one, as FrozenInstanceError is
        setattr(value, name, "other")
    with pytest.raises(FrozenError):
        delattr(value, name)
    with pytest.raises(AttributeError):
        value.not_a_field = 1  # slots: no other attribute either


@pytest.mark.parametrize(("cls", "args"), [(c, a) for c, _was, a, *_ in HASHABLE + UNHASHABLE],
                         ids=lambda p: getattr(p, "__name__", ""))
def test_a_value_copies_and_pickles_as_its_dataclass_did(cls, args):
    import copy
    import pickle

    value = cls(*args)
    for again in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
        assert type(again) is cls and again == value


def test_defaults_are_the_dataclasses_and_mutable_defaults_are_not_shared():
    assert Changes() == Changes((), None) and not Changes()
    assert Recorder().rows == [] and Recorder().rows is not Recorder().rows
    first, second = Snapshot(), Snapshot()
    first.rows.append(("t", {"id": "a"}))
    assert second.rows == [] and second.cleared == []
    owner = LockOwner("h", "u", 1, "a", "r")
    assert (owner.token, owner.boot_id, owner.fingerprint) == ("", "", {})
    assert LockOwner("h", "u", 1, "a", "r").fingerprint is not owner.fingerprint
    recorder = Recorder()
    recorder.rows = [RowChange("t", "a", None, None)]  # a recorder is not frozen
    assert recorder.changes(5) == Changes((RowChange("t", "a", None, None),), 5)


def test_keywords_work_as_for_the_dataclasses():
    assert RowChange(table="t", id="a", before=None, after={"x": 1}) == RowChange("t", "a", None, {"x": 1})
    assert Changes(value=3) == Changes((), 3)
    assert Template(id="i", kind="k", title="t", instructions="", data={}) == Template("i", "k", "t", "", {})


def test_a_row_update_and_the_row_change_it_reads_as_are_equal_both_ways():
    update = RowUpdate("t", "a", {"x": 1, "y": 2}, {"x": 3})
    change = RowChange("t", "a", {"x": 1, "y": 2}, {"x": 3, "y": 2})
    assert update == change and change == update
    assert Changes((update,)) == Changes((change,)), "a change set compares its rows as before"
    assert change != RowChange("t", "a", {"x": 1, "y": 2}, {"x": 4, "y": 2}) != update


def test_a_lock_owner_ignores_its_fingerprint_in_equality_and_hash_as_before():
    plain = LockOwner("h", "u", 1, "a", "r", "t", "b")
    noted = plain.replace(fingerprint={"db": [10, 20], "wal": None})
    assert plain == noted and hash(noted) == hash(plain) == hash(LockOwnerWas("h", "u", 1, "a", "r", "t", "b"))
    assert noted.fingerprint == {"db": [10, 20], "wal": None} and plain.fingerprint == {}
    assert plain.as_dict() == asdict(LockOwnerWas("h", "u", 1, "a", "r", "t", "b"))
    assert plain.replace(pid=2).pid == 2 and plain.pid == 1
    with pytest.raises(TypeError):
        plain.replace(colour="red")


def test_a_lock_written_from_as_dict_reads_back_the_same(tmp_path):
    owner = lock.current_owner().replace(fingerprint={"db": [1, 2], "wal": [3, 4]})
    path = tmp_path / "w.partnerdesk.lock"
    path.write_text(__import__("json").dumps(owner.as_dict()), encoding="utf-8")
    found = read_lock(path)
    assert found == owner and found.fingerprint == owner.fingerprint


@pytest.mark.parametrize("env", [{}, {"LOGNAME": "ana"}, {"USER": "bo", "LNAME": "x"}, {"USERNAME": "cy"},
                                 {"LOGNAME": "", "USER": "dee"}])
def test_the_lock_names_the_user_as_getpass_does(monkeypatch, env):
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lock._user() == getpass.getuser()


def test_the_migrations_listed_from_the_folder_are_those_pkgutil_lists():
    listed = sorted(info.name for info in pkgutil.iter_modules(migrations.__path__))
    assert sorted(migrations._module_listing()) == listed
    assert [m.version for m in migrations.all_migrations()] == list(range(1, migrations.latest_version() + 1))


def test_exports_offers_the_same_file_writing_as_atomic_files():
    assert exports.write_atomically is atomic_files.write_atomically
    assert exports.safe_file_stem is atomic_files.safe_file_stem
    assert exports.current_umask is atomic_files.current_umask


# -- records: tuples with named fields, as typing.NamedTuple made them -----------------------------

class AgendaItemWas(NamedTuple):
    id: str
    workshop_id: str
    position: float
    start_time: str
    duration_minutes: int
    title: str
    notes: str
    exercise_id: str | None
    actual_start: str | None = None


AGENDA_ROW = ("a1", "w1", 1.0, "09:30", 20, "Welcome", "", None)


def test_a_record_reads_compares_and_prints_as_the_named_tuple_did():
    item, was = AgendaItem(*AGENDA_ROW), AgendaItemWas(*AGENDA_ROW)
    assert item == was == (*AGENDA_ROW, None) and hash(item) == hash(was) and item is not None
    assert repr(item) == repr(was).replace("AgendaItemWas(", "AgendaItem(")
    assert [getattr(item, name) for name in AgendaItem._fields] == list(was)
    assert AgendaItem._fields == AgendaItemWas._fields and AgendaItem._field_defaults == AgendaItemWas._field_defaults
    assert AgendaItem.__match_args__ == AgendaItemWas.__match_args__
    assert item._asdict() == was._asdict()
    assert item._replace(title="Hello", actual_start="x") == was._replace(title="Hello", actual_start="x")
    assert type(item._replace(title="Hello")) is AgendaItem and type(AgendaItem._make(item)) is AgendaItem
    assert AgendaItem(**was._asdict()) == item and len(item) == 9 and item[5] == "Welcome"
    id_, *_rest, last = item
    assert (id_, last) == ("a1", None)


def test_a_record_refuses_what_the_named_tuple_refused():
    item = AgendaItem(*AGENDA_ROW)
    with pytest.raises(AttributeError):
        item.title = "changed"
    with pytest.raises(AttributeError):
        item.other = 1
    with pytest.raises(TypeError):
        AgendaItem("only", "two")
    with pytest.raises(TypeError):
        AgendaItem._make(("too", "short"))
    with pytest.raises(ValueError, match="unexpected field names"):
        item._replace(colour="red")
    with pytest.raises(TypeError):
        AgendaItem(*AGENDA_ROW, colour="red")


def test_a_record_pickles_copies_and_matches_as_the_named_tuple_did():
    item = AgendaItem(*AGENDA_ROW, actual_start="2026-12-06T09:31:00+00:00")
    assert pickle.loads(pickle.dumps(item)) == item and type(pickle.loads(pickle.dumps(item))) is AgendaItem
    assert copy.copy(item) == item and copy.deepcopy(item) == item
    match item:
        case AgendaItem(id, workshop_id, _, start_time):
            assert (id, workshop_id, start_time) == ("a1", "w1", "09:30")
        case _:
            pytest.fail("not matched by position")


def test_every_record_of_the_core_reads_its_fields_by_name_in_order():
    for cls in (Programme, Workshop, AgendaItem, Participant, SmallGroup, Exercise, AttendanceTotals, FileHeader,
                BackupInfo, TemplateProblem, MenuSection):
        values = tuple(f"v{i}" for i in range(len(cls._fields)))
        made = cls(*values)
        assert tuple(getattr(made, name) for name in cls._fields) == values == tuple(made), cls
        assert cls(**dict(zip(cls._fields, values, strict=True))) == made
    assert FileHeader(1, 2, 3) == (1, 2, 3, False) and MenuSection("t", ()).agenda_start == ""


def test_a_pattern_is_compiled_once_at_its_first_use():
    first = pattern(r"[a-c]+\d")
    assert first is pattern(r"[a-c]+\d") and first.sub("-", "abc1 d2") == "- d2"
    assert exports.xml_text("a\x00b\ud800c\ufffe") == "abc" and exports.one_line(" a\x85\n b ", 10) == "a b"
    assert atomic_files.safe_file_stem('a<b>:c') == "a b c"
