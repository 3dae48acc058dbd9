"""Updates of many rows in one transaction, recorded compactly for undo. `update_many` keeps
each row's before image and the values written (`RowUpdate`); `update_columns` keeps only the
columns written, before and after, for all its rows at once (`ColumnUpdate`: a drag of a
thousand post-its). `Workspace` inherits these from `BulkUpdates`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from partnerdesk.changes import ColumnUpdate, RowUpdate
from partnerdesk.errors import InvalidValue
from partnerdesk.row_values import check_values, clean_rows, now_iso


class BulkUpdates:
    """The part of `Workspace` that updates many rows at once (see the module's docstring)."""

    def update(self, table: str, record_id: str, values: Mapping[str, Any]) -> None:
        """Change some columns of one record and commit."""
        self.update_many(table, {record_id: values})

    def update_many(self, table: str, changes: Mapping[str, Mapping[str, Any]]) -> None:
        """Change several records of one table in one transaction."""
        self._check_table(table)
        stamp = now_iso()
        with self._writing(table):
            # Row images for undo are read in a few queries, not two per row (a drag of hundreds).
            images = self._by_id(table, list(changes)) if self._recorders else {}
            # Rows changing the same columns go to SQLite in one call.
            batches: dict[tuple[str, ...], list[list[Any]]] = {}
            cleaned: dict[str, dict[str, Any]] = {}
            stamped = table not in self._without_rowid
            for record_id, row in clean_rows(table, self._known(table), changes).items():
                row.pop("id", None)
                if stamped:
                    row["modified"] = stamp
                if not row:
                    continue
                cleaned[record_id] = row
                batches.setdefault(tuple(row), []).append([*row.values(), record_id])
            for columns, params in batches.items():
                sets = ", ".join(f"[{c}] = ?" for c in columns)
                self.db.conn.executemany(f"UPDATE [{table}] SET {sets} WHERE id = ?", params)
            if images:
                # The before image and the values written (the after image made only if asked
                # for), without reading every row back.
                recorded = [RowUpdate(table, record_id, images[record_id], values)
                            for record_id, values in cleaned.items() if record_id in images]
                for recorder in self._recorders:
                    recorder.rows.extend(recorded)

    def written_columns(self, table: str, columns: Iterable[str]) -> tuple[str, ...]:
        """The columns `update_columns` writes: `columns`, then `modified` where the table keeps it."""
        columns = tuple(columns)
        return columns if table in self._without_rowid else (*columns, "modified")

    def update_columns(self, table: str, columns: Iterable[str], new: Mapping[str, Sequence[Any]],
                       old: Mapping[str, Sequence[Any]] | None = None) -> None:
        """Write the same columns of many records in one statement (a drag of a thousand
        post-its), recorded as one `ColumnUpdate`. `new`: each record's values of `columns`, by
        id. `old`: each one's values now of `written_columns(table, columns)`, read by the caller
        in this transaction and not written since; without it, they are read here. Every record
        must exist."""
        self._check_table(table)
        columns = tuple(columns)
        written = self.written_columns(table, columns)
        if "id" in columns:
            raise InvalidValue(f"The id of a {table!r} record cannot change.")
        if not new:
            return
        ids = tuple(new)
        if len(written) > len(columns):
            stamp = now_iso()
            after = tuple((*values, stamp) for values in new.values())
        else:
            after = tuple(tuple(values) for values in new.values())
        with self._writing(table):
            if self._recorders and old is None:
                old = self._column_values(table, written, ids)
            self._write_columns(ColumnUpdate(table, ids, written, (), after))
            if self._recorders:
                try:
                    before = tuple(map(tuple, map(old.__getitem__, ids)))  # type: ignore[union-attr]
                except KeyError as exc:
                    raise InvalidValue(f"No values before for the {table} record {exc}.") from exc
                if set(map(len, before)) != {len(written)}:
                    raise InvalidValue(f"The values before must be those of {', '.join(written)}.")
                update = ColumnUpdate(table, ids, written, before, after)
                for recorder in self._recorders:
                    recorder.rows.append(update)

    def _write_columns(self, update: ColumnUpdate) -> None:
        """`update.new` into its rows, each value checked as every written value is."""
        table, columns = update.table, update.columns
        for column in columns:
            self._check_column(table, column)
        check_values(table, columns, update.new)
        params = [(*values, record_id) for record_id, values in zip(update.ids, update.new, strict=True)]
        sets = ", ".join(f"[{c}] = ?" for c in columns)
        cursor = self.db.conn.executemany(f"UPDATE [{table}] SET {sets} WHERE id = ?", params)
        if cursor.rowcount != len(params):
            # An undo can only find its rows gone if something wrote round the undo stack.
            raise InvalidValue(f"Some of those {table} records no longer exist.")

    def _column_values(self, table: str, columns: tuple[str, ...], ids: Sequence[str]) -> dict[str, tuple]:
        """Some columns of rows by id, 500 ids a query."""
        found: dict[str, tuple] = {}
        names = ", ".join(f"[{c}]" for c in columns)
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ", ".join("?" for _ in chunk)
            for record_id, *values in self.db.conn.execute(
                    f"SELECT id, {names} FROM [{table}] WHERE id IN ({marks})", chunk).fetchall():
                found[record_id] = tuple(values)
        return found
