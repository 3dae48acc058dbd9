"""What an operation changed: row images before and after, so any edit can be undone exactly.

An *operation* is a core function that applies one user edit (add a post-it, place a
stakeholder, save a log) in one `atomic()` and returns a `Changes`: every row it inserted,
updated or deleted, with its full values before and after. Like Anki's `OpChanges`, the
change set tells listeners what to refresh; unlike it, it also carries what undo needs, so
the laptop's undo stack, the command line and the room's phones all go through the same
operation and no caller re-implements a rule.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

if TYPE_CHECKING:
    from partnerdesk.store import Workspace

Row = dict[str, Any]
P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row of one table: `before` is None for an insert, `after` None for a delete."""

    table: str
    id: str
    before: Row | None
    after: Row | None

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


@dataclass(frozen=True)
class Changes:
    """The rows one operation changed, in the order it changed them.

    `value` is what the operation returned for its caller (a new post-it's id, say).
    """

    rows: tuple[RowChange | RowUpdate, ...] = ()
    value: Any = None

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
        return [r.id for r in self._net(table) if r.before is None and r.after is not None]

    def removed(self, table: str) -> list[str]:
        return [r.id for r in self._net(table) if r.before is not None and r.after is None]

    def changed(self, table: str) -> list[str]:
        return [r.id for r in self._net(table)
                if r.before is not None and r.after is not None and r.before != r.after]

    def changed_columns(self, table: str) -> list[str]:
        columns: set[str] = set()
        for r in self._net(table):
            if r.before is not None and r.after is not None:
                columns.update(r.columns)
        columns.discard("modified")
        return sorted(columns)

    def after(self, table: str, record_id: str) -> Row | None:
        """The row's values after the change (None if it was deleted or not touched)."""
        for r in reversed(self.rows):
            if r.table == table and r.id == record_id:
                return r.after
        return None

    # -- combining ------------------------------------------------------------------------------

    def inverse(self) -> Changes:
        """The change that undoes this one: each row back to its before image, last first."""
        return Changes(tuple(r.inverse() for r in reversed(self.rows)), self.value)

    def then(self, later: Changes) -> Changes:
        """This change followed by `later`, as one (typing merged into one undo step).

        Rows touched by both keep their first before image and their last after image; a row
        made and removed again drops out.
        """
        order: list[tuple[str, str]] = []
        merged: dict[tuple[str, str], RowChange] = {}
        for r in (*self.rows, *later.rows):
            key = (r.table, r.id)
            if key in merged:
                merged[key] = RowChange(r.table, r.id, merged[key].before, r.after)
            else:
                merged[key] = r
                order.append(key)
        rows = tuple(merged[k] for k in order if merged[k].before != merged[k].after)
        return Changes(rows, later.value if later.value is not None else self.value)

    def summary(self) -> dict[str, TableChanges]:
        """Per table, in order of first touch: the ids added, removed and changed, and the changed
        columns; one pass over the rows, for listeners of a large change (a drag of many)."""
        net: dict[str, dict[str, list]] = {}
        for r in self.rows:
            rows = net.get(r.table)
            if rows is None:
                rows = net[r.table] = {}
            known = rows.get(r.id)
            if known is None:
                rows[r.id] = r  # its only change, or (a list) its first and last
            elif type(known) is list:
                known[1] = r
            else:
                rows[r.id] = [known, r]
        result = {}
        for table, rows in net.items():
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
                before, after = first.before, last.after
                if before is None:
                    if after is not None:
                        added.append(record_id)
                elif after is None:
                    removed.append(record_id)
                elif before != after:
                    changed.append(record_id)
                    # The columns whose values differ; one already found is not compared again
                    # (a drag changes the same few columns of thousands of rows).
                    for column in after:
                        if column not in columns and before.get(column) != after[column]:
                            columns.add(column)
            columns.discard("modified")
            result[table] = TableChanges(added, removed, changed, sorted(columns))
        return result

    def _net(self, table: str) -> Iterator[RowChange | RowUpdate]:
        """One entry per row of the table: its first before and last after image."""
        first: dict[str, RowChange] = {}
        for r in self.rows:
            if r.table != table:
                continue
            if r.id in first:
                first[r.id] = RowChange(table, r.id, first[r.id].before, r.after)
            else:
                first[r.id] = r
        return iter(first.values())


@dataclass(frozen=True)
class TableChanges:
    """What a change set did to one table (`Changes.summary`)."""

    added: list[str]
    removed: list[str]
    changed: list[str]
    columns: list[str]


@dataclass
class Recorder:
    """Collects the row changes made while it is active (see `Workspace.recording`)."""

    rows: list[RowChange | RowUpdate] = field(default_factory=list)

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
