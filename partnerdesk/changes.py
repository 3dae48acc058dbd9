"""What an operation changed: row images before and after, so any edit can be undone exactly.

An *operation* is a core function that applies one user edit (add a post-it, place a
stakeholder, save a log) in one `atomic()` and returns a `Changes`: every row it inserted,
updated or deleted, with its full values before and after (or, for one update of many rows,
the columns it wrote before and after: `ColumnUpdate`). Like Anki's `OpChanges`, the
change set tells listeners what to refresh; unlike it, it also carries what undo needs, so
the laptop's undo stack, the command line and the room's phones all go through the same
operation and no caller re-implements a rule.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from partnerdesk.plain import Frozen, Value

if TYPE_CHECKING:
    from partnerdesk.store import Workspace

Row = dict[str, Any]
P = ParamSpec("P")
#: How a frozen value's `__init__` sets its fields (as the dataclass did).
_set = object.__setattr__


class RowChange(Frozen):
    """One row of one table: `before` is None for an insert, `after` None for a delete."""

    __slots__ = _fields = ("table", "id", "before", "after")
    table: str
    id: str
    before: Row | None
    after: Row | None

    def __init__(self, table: str, id: str, before: Row | None, after: Row | None) -> None:
        _set(self, "table", table)
        _set(self, "id", id)
        _set(self, "before", before)
        _set(self, "after", after)

    @property
    def columns(self) -> list[str]:
        """The columns whose values differ (all of them for an insert or delete)."""
        if self.before is None or self.after is None:
            return sorted((self.after or self.before or {}).keys())
        return sorted(c for c in self.after if self.before.get(c) != self.after[c])

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.id, self.after, self.before)


class RowUpdate:
    """An update of one row, kept compactly: its whole `before` image and the `values` the
    update wrote. It reads as a `RowChange` (`after` is the whole row after, made when first
    asked for), so undo still restores whole rows; a drag of a thousand post-its changes three
    columns of each, and its listeners read `values` without a whole after image per row."""

    __slots__ = ("_after", "before", "id", "table", "values")

    def __init__(self, table: str, id: str, before: Row, values: Row) -> None:
        self.table = table
        self.id = id
        self.before = before
        self.values = values
        self._after: Row | None = None

    @property
    def after(self) -> Row:
        after = self._after
        if after is None:
            after = self._after = {**self.before, **self.values}
        return after

    @property
    def columns(self) -> list[str]:
        before = self.before
        return sorted(c for c, v in self.values.items() if before.get(c) != v)

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.id, self.after, self.before)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (RowChange, RowUpdate)):
            return NotImplemented
        return (self.table, self.id, self.before, self.after) == (other.table, other.id, other.before, other.after)

    __hash__ = None  # type: ignore[assignment] - its images are dictionaries, as RowChange's

    def __repr__(self) -> str:
        return f"RowUpdate({self.table!r}, {self.id!r}, {self.before!r}, {self.values!r})"


class ColumnUpdate(Frozen):
    """An update of many rows of one table that wrote the same columns, kept as columns: row
    `ids[i]` had the values `old[i]` in `columns` and now has `new[i]`. No other column was
    written, so putting `old` back (the inverse) restores each row exactly. A drag of a thousand
    post-its is one of these, not a thousand row images; listeners read `columns` and `new`."""

    __slots__ = _fields = ("table", "ids", "columns", "old", "new")
    table: str
    ids: tuple[str, ...]
    columns: tuple[str, ...]
    old: tuple[tuple, ...]
    new: tuple[tuple, ...]

    def __init__(self, table: str, ids: tuple[str, ...], columns: tuple[str, ...], old: tuple[tuple, ...],
                 new: tuple[tuple, ...]) -> None:
        _set(self, "table", table)
        _set(self, "ids", ids)
        _set(self, "columns", columns)
        _set(self, "old", old)
        _set(self, "new", new)

    def inverse(self) -> ColumnUpdate:
        return ColumnUpdate(self.table, self.ids, self.columns, self.new, self.old)

    def rows(self) -> Iterator[tuple[str, Row, Row]]:
        """Each row as (id, its written columns before, after)."""
        columns = self.columns
        for record_id, old, new in zip(self.ids, self.old, self.new, strict=True):
            yield record_id, dict(zip(columns, old, strict=True)), dict(zip(columns, new, strict=True))

    def differing(self) -> tuple[list[str], list[str]]:
        """The ids whose values changed, and the columns that changed in any of them."""
        changed = [i for i, old, new in zip(self.ids, self.old, self.new, strict=True) if old != new]
        # Column by column, in C: a drag changes the same few columns of thousands of rows.
        columns = [c for n, c in enumerate(self.columns)
                   if list(map(itemgetter(n), self.old)) != list(map(itemgetter(n), self.new))]
        return changed, columns


class Changes(Frozen):
    """The rows one operation changed, in the order it changed them.

    `value` is what the operation returned for its caller (a new post-it's id, say).
    """

    __slots__ = _fields = ("rows", "value")
    rows: tuple[RowChange | RowUpdate | ColumnUpdate, ...]
    value: Any

    def __init__(self, rows: tuple[RowChange | RowUpdate | ColumnUpdate, ...] = (), value: Any = None) -> None:
        _set(self, "rows", rows)
        _set(self, "value", value)

    # -- reading --------------------------------------------------------------------------------

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def tables(self) -> set[str]:
        return {r.table for r in self.rows}

    def touches(self, *tables: str) -> bool:
        return any(r.table in tables for r in self.rows)

    def added(self, table: str) -> list[str]:
        """Ids of rows of `table` that exist now and did not before."""
        return _table_changes(self._net(table)).added

    def removed(self, table: str) -> list[str]:
        return _table_changes(self._net(table)).removed

    def changed(self, table: str) -> list[str]:
        return _table_changes(self._net(table)).changed

    def changed_columns(self, table: str) -> list[str]:
        return _table_changes(self._net(table)).columns

    def after(self, table: str, record_id: str) -> Row | None:
        """The row's values after the change (None if it was deleted or not touched); for a row
        that a `ColumnUpdate` only updated, the values of the columns it wrote."""
        return self._net(table).get(record_id, (None, None, True))[1]

    # -- combining ------------------------------------------------------------------------------

    def inverse(self) -> Changes:
        """The change that undoes this one: each row back to its before image, last first."""
        return Changes(tuple(r.inverse() for r in reversed(self.rows)), self.value)

    def then(self, later: Changes) -> Changes:
        """This change followed by `later`, as one (typing merged into one undo step).

        Rows touched by both keep their first before image and their last after image; a row
        made and removed again drops out. A row only ever updated by `ColumnUpdate`s stays one
        (the columns written by either, their first values and their last).
        """
        order: list[tuple[str, str]] = []
        merged: dict[tuple[str, str], _Net] = {}
        once: dict[tuple[str, str], RowChange | RowUpdate] = {}  # a row element touched once: kept as it is
        for r in (*self.rows, *later.rows):
            for record_id, before, after, whole in _entries(r):
                key = (r.table, record_id)
                known = merged.get(key)
                if known is None:
                    merged[key] = (before, after, whole)
                    order.append(key)
                    if whole:
                        once[key] = r  # type: ignore[assignment] - a whole entry comes from a row element
                else:
                    merged[key] = _combined(known, (before, after, whole))
                    once.pop(key, None)
        rows: list[RowChange | RowUpdate | ColumnUpdate] = []
        run: list = []  # consecutive rows updated in the same columns of one table: one ColumnUpdate
        for key in order:
            before, after, whole = merged[key]
            if before == after:
                continue
            if whole:
                _flush(run, rows)
                kept = once.get(key)
                rows.append(kept if kept is not None else RowChange(key[0], key[1], before, after))
                continue
            columns = tuple(after)  # type: ignore[arg-type] - a partial entry has both images
            if run and (run[0], run[1]) != (key[0], columns):
                _flush(run, rows)
            if not run:
                run.extend((key[0], columns, [], [], []))
            run[2].append(key[1])
            run[3].append(tuple(before[c] for c in columns))  # type: ignore[index]
            run[4].append(tuple(after[c] for c in columns))  # type: ignore[index]
        _flush(run, rows)
        return Changes(tuple(rows), later.value if later.value is not None else self.value)

    def summary(self) -> dict[str, TableChanges]:
        """Per table, in order of first touch: the ids added, removed and changed, and the changed
        columns; one pass over the rows, for listeners of a large change (a drag of many)."""
        elements: dict[str, list] = {}
        for r in self.rows:
            elements.setdefault(r.table, []).append(r)
        result = {}
        for table, touched in elements.items():
            if len(touched) == 1 and type(touched[0]) is ColumnUpdate:
                # One update of many rows (a drag): straight from its columns.
                changed, columns = touched[0].differing()
                result[table] = TableChanges([], [], changed, sorted(c for c in columns if c != "modified"))
            elif any(type(r) is ColumnUpdate for r in touched):
                result[table] = _table_changes(self._net(table))
            else:
                result[table] = _row_summary(touched)
        return result

    def _net(self, table: str) -> dict[str, _Net]:
        """Each row of the table once: its first before and last after image."""
        net: dict[str, _Net] = {}
        for r in self.rows:
            if r.table != table:
                continue
            for record_id, before, after, whole in _entries(r):
                known = net.get(record_id)
                net[record_id] = (before, after, whole) if known is None else _combined(known, (before, after, whole))
        return net


#: A row's net change in a change set: its values before and after (None: it did not exist),
#: and whether those are whole rows (False: only the columns a `ColumnUpdate` wrote).
_Net = tuple["Row | None", "Row | None", bool]


def _entries(r: RowChange | RowUpdate | ColumnUpdate) -> Iterator[tuple[str, Row | None, Row | None, bool]]:
    if type(r) is ColumnUpdate:
        for record_id, old, new in r.rows():
            yield record_id, old, new, False
    else:
        yield r.id, r.before, r.after, True  # type: ignore[union-attr]


def _combined(first: _Net, later: _Net) -> _Net:
    """Two changes of one row as one: the first's before, the later's after."""
    b1, a1, whole1 = first
    b2, a2, whole2 = later
    if whole1 and whole2:
        return b1, a2, True
    if whole2:
        # The first wrote some columns only: before it, the row was the later's before image
        # with those columns' first values.
        return {**b2, **b1}, a2, True  # type: ignore[dict-item]
    if whole1:
        return b1, {**a1, **a2}, True  # type: ignore[dict-item]
    return {**b2, **b1}, {**a1, **a2}, False  # type: ignore[dict-item]


def _flush(run: list, rows: list) -> None:
    if run:
        table, columns, ids, old, new = run
        rows.append(ColumnUpdate(table, tuple(ids), columns, tuple(old), tuple(new)))
        run.clear()


def _table_changes(net: dict[str, _Net]) -> TableChanges:
    added, removed, changed, columns = [], [], [], set()
    for record_id, (before, after, _whole) in net.items():
        _sort_row(record_id, before, after, added, removed, changed, columns)
    columns.discard("modified")
    return TableChanges(added, removed, changed, sorted(columns))


def _sort_row(record_id: str, before: Row | None, after: Row | None, added: list[str], removed: list[str],
              changed: list[str], columns: set[str]) -> None:
    """File one row's net change under added, removed or changed, with the columns that differ;
    a column already found differing is not compared again (a drag changes the same few columns
    of thousands of rows)."""
    if before is None:
        if after is not None:
            added.append(record_id)
    elif after is None:
        removed.append(record_id)
    elif before != after:
        changed.append(record_id)
        for column in after:
            if column not in columns and before.get(column) != after[column]:
                columns.add(column)


def _row_summary(touched: list[RowChange | RowUpdate]) -> TableChanges:
    """`Changes.summary` of one table touched by row elements only, in one pass over them."""
    rows: dict[str, Any] = {}
    for r in touched:
        known = rows.get(r.id)
        if known is None:
            rows[r.id] = r  # its only change, or (a list) its first and last
        elif type(known) is list:
            known[1] = r
        else:
            rows[r.id] = [known, r]
    added, removed, changed, columns = [], [], [], set()
    for record_id, entry in rows.items():
        if type(entry) is RowUpdate:
            # Touched once, by an update: only the written columns can differ, and a
            # column already found differing need not be compared again.
            before, values = entry.before, entry.values
            for column, value in values.items():
                if before.get(column) != value:
                    changed.append(record_id)
                    if not columns.issuperset(values):
                        columns.update(c for c, v in values.items() if before.get(c) != v)
                    break
            continue
        first, last = (entry, entry) if type(entry) is not list else entry
        _sort_row(record_id, first.before, last.after, added, removed, changed, columns)
    columns.discard("modified")
    return TableChanges(added, removed, changed, sorted(columns))


class TableChanges(Frozen):
    """What a change set did to one table (`Changes.summary`)."""

    __slots__ = _fields = ("added", "removed", "changed", "columns")
    added: list[str]
    removed: list[str]
    changed: list[str]
    columns: list[str]

    def __init__(self, added: list[str], removed: list[str], changed: list[str], columns: list[str]) -> None:
        _set(self, "added", added)
        _set(self, "removed", removed)
        _set(self, "changed", changed)
        _set(self, "columns", columns)


class Recorder(Value):
    """Collects the row changes made while it is active (see `Workspace.recording`)."""

    __slots__ = _fields = ("rows",)
    __hash__ = None  # type: ignore[assignment] - it changes while recording
    rows: list[RowChange | RowUpdate | ColumnUpdate]

    def __init__(self, rows: list[RowChange | RowUpdate | ColumnUpdate] | None = None) -> None:
        self.rows = [] if rows is None else rows

    def changes(self, value: Any = None) -> Changes:
        return Changes(tuple(self.rows), value)


Operation = Callable[["Workspace"], Changes]


def operation(func: Callable[Concatenate[Workspace, P], Any]) -> Callable[Concatenate[Workspace, P], Changes]:
    """Make `func(ws, ...)` an operation: it runs in one transaction and returns its `Changes`,
    with whatever `func` returned as `Changes.value`. Nested operations record into the outer one.
    """

    @functools.wraps(func)
    def run(ws: Workspace, *args: P.args, **kwargs: P.kwargs) -> Changes:
        with ws.recording() as recorder, ws.atomic():
            value = func(ws, *args, **kwargs)
        return recorder.changes(value)

    return run
