"""The workspace store: owns one SQLite file, checks it, migrates it and commits every change.

The store speaks in records (plain dicts keyed by column) addressed by table and UUID. Domain
modules (`partnerdesk.records`, and one module per exercise kind) wrap it with functions that
take and return typed values. Every write is one `atomic()` unit, committed at once: a killed
process loses nothing that a call here returned from.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerdesk import __version__
from partnerdesk.bulk_updates import BulkUpdates
from partnerdesk.changes import Changes, ColumnUpdate, Recorder, RowChange
from partnerdesk.errors import (
    CorruptWorkspace,
    InvalidValue,
    StorageError,
    WriteFailed,
)
from partnerdesk.file_guard import FileGuard
from partnerdesk.lock import WorkspaceLock
from partnerdesk.plain import Value
from partnerdesk.row_values import clean_row, new_id, now_iso
from partnerdesk.workspace_file import (
    _OPEN,
    _OPEN_LOCK,
    APPLICATION_ID,
    SQLITE_HEADER,
    WORKSPACE_SUFFIX,
    _check_header,
    _configure,
    _connect,
    _copy_before_migration,
    _has_wal,
    _inspect,
    _judge_wal,
    _key,
    _latest,
    _migrate,
    _open_here,
    _writable_location,
    _write_error,
    copy_without_wal,
    database,
    read_header,
)

if TYPE_CHECKING:
    import sqlite_utils

# The store's public surface includes these, wherever they are defined.
__all__ = [
    "APPLICATION_ID", "SQLITE_HEADER", "WORKSPACE_SUFFIX", "Snapshot", "Workspace", "copy_without_wal",
    "new_id", "now_iso", "read_header",
]

log = logging.getLogger(__name__)


class Snapshot(Value):
    """Rows removed by a delete, parents first, so that undo can put them back exactly."""

    __slots__ = _fields = ("rows", "cleared")
    __hash__ = None  # type: ignore[assignment] - it fills as the delete goes
    rows: list[tuple[str, dict[str, Any]]]
    #: (table, id, column, value) references that ON DELETE SET NULL cleared.
    cleared: list[tuple[str, str, str, Any]]

    def __init__(self, rows: list[tuple[str, dict[str, Any]]] | None = None,
                 cleared: list[tuple[str, str, str, Any]] | None = None) -> None:
        self.rows = [] if rows is None else rows
        self.cleared = [] if cleared is None else cleared

    def ids(self, table: str) -> list[str]:
        return [row["id"] for name, row in self.rows if name == table]


class Workspace(FileGuard, BulkUpdates):
    """An open PartnerDesk workspace file."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        read_only: bool = False,
        lock: WorkspaceLock | None = None,
    ):
        #: The connection edits go to: the file's own, or, while another program holds the file,
        #: the in-memory copy's (`FileGuard`). Reading needs nothing more.
        self.conn = conn
        self._file_conn = conn
        self._databases: dict[sqlite3.Connection, sqlite_utils.Database] = {}
        self.path = path
        self.read_only = read_only
        #: This process's hold on the file: one writer per workspace (`partnerdesk.lock`).
        self.lock = lock
        self._columns: dict[str, list[str]] = {}
        self._without_rowid: set[str] = set()
        self._children: dict[str, list[tuple[str, str, str]]] = {}
        #: The integrity check still to run (`open(..., defer_check=True)`), or the damage it found.
        self._check_pending = False
        self._damage: CorruptWorkspace | None = None
        self._column_sets: dict[str, frozenset[str]] = {}
        #: Active `recording()` blocks, innermost last; every write is added to each.
        self._recorders: list[Recorder] = []
        #: An anonymous (WITHOUT ROWID) table was written: empty the -wal after the commit.
        self._forget_history = False
        self._load_schema()

    # -- opening -------------------------------------------------------------------------------

    #: Why the workspace is read-only when it was not asked for ("" when it was, or is not).
    read_only_reason: str = ""

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False,
             defer_check: bool = False) -> Workspace:
        """Open (or create) a workspace, refusing foreign, newer and damaged files unchanged.

        Looking at a file writes nothing beside it: the file is inspected through a read-only
        connection (`immutable` when no -wal is beside it) and validated (application id,
        version, the tables and columns of that version, integrity) before the first write.
        A -wal beside it is used only when it provably belongs to this file (`_judge_wal`).

        `defer_check=True` (the app's start-up) leaves SQLite's integrity check of an
        up-to-date file that was closed cleanly until `ensure_checked()`, so the window shows
        sooner; every write and backup runs it first, so nothing is written to a file that
        has not passed it. Every other check still runs before `open` returns.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise StorageError("There is no workspace at this path.", path)
            return cls._create(path)
        reason = ""
        if not read_only and not _writable_location(path):
            read_only = True
            reason = ("This workspace is on a location that cannot be written (a write-protected "
                      "USB stick, a read-only share or a CD), so it is open read-only. "
                      "Use File ▸ Save a copy as… to keep a copy you can change.")
        here = _open_here(path)
        in_wal = False
        if not here:
            # Raw reads only while no connection of this process has the file open: closing any
            # descriptor on it would drop SQLite's locks (see `_guard_file`).
            header = read_header(path)
            _check_header(header, path)
            _judge_wal(path)
            in_wal = header.wal
        # Only a file already in WAL mode may wait for its check: opening any other switches it
        # to WAL, a change, and nothing is changed before the check.
        version, checked = _inspect(path, here, defer_check=defer_check and in_wal and not read_only)
        lock = None if read_only else WorkspaceLock.acquire(path)
        try:
            if version < _latest() and not read_only:
                _copy_before_migration(path, version)
            conn = _connect(path, read_only=read_only,
                            immutable=read_only and not here and not _has_wal(path))
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            if not read_only:
                _configure(conn, path)
                _migrate(conn, path)
            ws = cls(conn, path, read_only=read_only, lock=lock)
        except BaseException:
            conn.close()
            if lock is not None:
                lock.release()
            raise
        ws.read_only_reason = reason
        ws._check_pending = not checked
        ws._opened()
        return ws

    @classmethod
    def _create(cls, path: Path) -> Workspace:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(f"The folder could not be created: {exc.strerror}.", path) from exc
        lock = WorkspaceLock.acquire(path)
        try:
            conn = _connect(path)
        except BaseException:
            lock.release()
            raise
        db = database(conn)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            _configure(conn, path)
            _migrate(conn, path)
            with db.atomic():
                db.execute(
                    "INSERT INTO workspace_info (key, value) VALUES (?, ?), (?, ?), (?, ?)",
                    ["workspace_id", new_id(), "created", now_iso(), "created_by", __version__],
                )
            # Put the header (application id, version) into the main file at once, so the
            # file is recognisable even before the first checkpoint.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            db.close()
            lock.release()
            raise _write_error(exc, path) from exc
        ws = cls(conn, path, lock=lock)
        ws._databases[conn] = db
        ws._opened()
        return ws

    def _opened(self) -> None:
        """Start watching the file: its -wal's identity (lost locks), the -wal's size, the
        fingerprint that proves the -wal ours after a crash, and the busy queue."""
        self._file_conn = self.conn
        self._pending: list[list[tuple]] = []
        self._busy_since: float | None = None
        self._commits = 0
        self._last_checkpoint = 0
        self._fingerprint: dict | None = None
        self._notices: list[str] = []
        self._wal_id: tuple[int, int] | None = None
        self._db_id: tuple[int, int] | None = None
        #: Largest -wal seen (bytes), for the bench.
        self.wal_peak = 0
        key = _key(self.path)
        with _OPEN_LOCK:
            _OPEN[key] = _OPEN.get(key, 0) + 1
        if not self.read_only:
            self._remember_identity()
            self._record_fingerprint()

    def close(self) -> None:
        if getattr(self, "_closed", False):
            return
        self._closed = True
        if not self.read_only and self._pending:
            self._close_with_pending()
        with contextlib.suppress(sqlite3.Error):
            # A file not yet checked (or found damaged) is left exactly as it was.
            if not self.read_only and not self._check_pending and self._damage is None:
                self.conn.execute("PRAGMA optimize")
        if self.conn is not self._file_conn:
            self._let_go(self.conn)
            self.conn = self._file_conn
        if not self.read_only and self._forget_history:
            self._truncate_wal()
        self._let_go(self.conn)
        key = _key(self.path)
        with _OPEN_LOCK:
            left = _OPEN.get(key, 1) - 1
            if left > 0:
                _OPEN[key] = left
            else:
                _OPEN.pop(key, None)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def info(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM workspace_info WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def tables(self) -> list[str]:
        return list(self._columns)

    def columns(self, table: str) -> list[str]:
        self._check_table(table)
        return self._columns[table]

    # -- reading -------------------------------------------------------------------------------

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        self._check_table(table)
        rows = self._dicts(f"SELECT * FROM [{table}] WHERE id = ?", [record_id])
        return rows[0] if rows else None

    def rows(
        self,
        table: str,
        where: Mapping[str, Any] | None = None,
        order_by: str | None = None,
    ) -> list[dict[str, Any]]:
        """Rows whose columns equal the given values (None matches NULL), in a stable order."""
        self._check_table(table)
        clauses, params = [], []
        for column, value in (where or {}).items():
            self._check_column(table, column)
            if value is None:
                clauses.append(f"[{column}] IS NULL")
            else:
                clauses.append(f"[{column}] = ?")
                params.append(value)
        sql = f"SELECT * FROM [{table}]"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        # A WITHOUT ROWID table (anonymous audit responses) has no insertion order to keep.
        last = "id" if table in self._without_rowid else "rowid"
        if order_by:
            for part in order_by.split(","):
                self._check_column(table, part.strip().split()[0])
            sql += f" ORDER BY {order_by}, {last}"
        else:
            sql += f" ORDER BY {last}"
        return self._dicts(sql, params)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """A read-only query for statistics and reports that span tables."""
        return self._dicts(sql, list(params))

    # -- writing -------------------------------------------------------------------------------

    def insert(self, table: str, values: Mapping[str, Any], record_id: str | None = None) -> str:
        """Insert one record and commit; returns its id (given, or a new UUID)."""
        return self.insert_many(table, [values], [record_id])[0]

    def insert_many(
        self,
        table: str,
        records: Iterable[Mapping[str, Any]],
        ids: Iterable[str | None] | None = None,
    ) -> list[str]:
        """Insert several records of one table in one transaction."""
        self._check_table(table)
        records = list(records)
        ids = list(ids) if ids is not None else [None] * len(records)
        stamp = now_iso()
        prepared = []
        anonymous = table in self._without_rowid
        for values, record_id in zip(records, ids, strict=True):
            row = self._clean(table, values)
            row["id"] = record_id or row.get("id") or new_id()
            if anonymous:
                # An anonymous row keeps the day only (the caller's, or today's), never a time.
                row.setdefault("created", stamp[:10])
                row.setdefault("modified", row["created"])
            else:
                row.setdefault("created", stamp)
                row["modified"] = stamp
            prepared.append(row)
        if not prepared:
            return []
        with self._writing(table):
            for row in prepared:
                columns = ", ".join(f"[{c}]" for c in row)
                marks = ", ".join("?" for _ in row)
                self.db.execute(
                    f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values())
                )
                if self._recorders:
                    self._record(table, row["id"], None, self.get(table, row["id"]))
        return [row["id"] for row in prepared]

    def delete(self, table: str, record_id: str) -> Snapshot:
        """Delete a record and everything that depends on it; the snapshot lets undo restore."""
        return self.delete_many(table, [record_id])

    def delete_many(self, table: str, record_ids: Iterable[str]) -> Snapshot:
        self._check_table(table)
        snapshot = Snapshot()
        seen: set[tuple[str, str]] = set()
        for record_id in record_ids:
            self._collect(table, record_id, snapshot, seen)
        with self._writing(*{name for name, _row in snapshot.rows}):
            cleared_before = {}
            if self._recorders:
                cleared_before = {(t, rid): self.get(t, rid) for t, rid, _c, _v in snapshot.cleared}
            for record_id in dict.fromkeys(snapshot.ids(table)):
                self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
            if self._recorders:
                # Children first, so that the inverse puts parents back before their children.
                for name, row in reversed(snapshot.rows):
                    self._record(name, row["id"], row, None)
                for (name, record_id), before in cleared_before.items():
                    after = self.get(name, record_id)
                    if before is not None and after is not None:
                        self._record(name, record_id, before, after)
        return snapshot

    def restore(self, snapshot: Snapshot) -> None:
        """Put back what a delete removed, with the same ids and values."""
        with self._writing(*{name for name, _row in snapshot.rows}):
            # A child can be reached through one parent before another (attendance through its
            # workshop before its participant): check the links when the whole restore commits.
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            for table, row in snapshot.rows:
                columns = ", ".join(f"[{c}]" for c in row)
                marks = ", ".join("?" for _ in row)
                self.db.execute(
                    f"INSERT OR REPLACE INTO [{table}] ({columns}) VALUES ({marks})",
                    list(row.values()),
                )
            for table, row in snapshot.rows:
                if self._recorders:
                    self._record(table, row["id"], None, dict(row))
            for table, record_id, column, value in snapshot.cleared:
                before = self.get(table, record_id) if self._recorders else None
                self.db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, record_id])
                if before is not None:
                    self._record(table, record_id, before, self.get(table, record_id))

    def apply(self, changes: Changes) -> None:
        """Make each row of a change set what its after image says, in order, in one
        transaction: redo is `apply(changes)`, undo is `apply(changes.inverse())`."""
        with self._writing(*changes.tables):
            # Rows come back parents first but are checked only when the whole set commits.
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            for r in changes.rows:
                self._check_table(r.table)
                if type(r) is ColumnUpdate:
                    self._write_columns(r)
                    for recorder in self._recorders:
                        recorder.rows.append(r)
                    continue
                if r.after is None:
                    self.db.execute(f"DELETE FROM [{r.table}] WHERE id = ?", [r.id])
                else:
                    row = self._clean(r.table, r.after)
                    columns = ", ".join(f"[{c}]" for c in row)
                    marks = ", ".join("?" for _ in row)
                    # An upsert, never INSERT OR REPLACE: a replace deletes the row first and
                    # ON DELETE CASCADE would take its children with it.
                    sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in row if c != "id") or "id = id"
                    self.db.execute(
                        f"INSERT INTO [{r.table}] ({columns}) VALUES ({marks}) "
                        f"ON CONFLICT(id) DO UPDATE SET {sets}",
                        list(row.values()),
                    )
                self._record(r.table, r.id, r.before, r.after)

    @contextlib.contextmanager
    def recording(self) -> Iterator[Recorder]:
        """Collect every row change made inside the block (see `partnerdesk.changes`).

        If the block fails, its writes were rolled back, so they leave every recorder too.
        """
        recorder = Recorder()
        marks = [(r, len(r.rows)) for r in self._recorders]
        self._recorders.append(recorder)
        try:
            yield recorder
        except BaseException:
            for outer, length in marks:
                del outer.rows[length:]
            raise
        finally:
            # By identity: two recorders holding the same rows (both empty, say) compare equal.
            del self._recorders[next(i for i, r in enumerate(self._recorders) if r is recorder)]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several calls into one transaction (nested calls become savepoints)."""
        with self._writing():
            yield

    # -- internals -----------------------------------------------------------------------------

    def _load_schema(self) -> None:
        names = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        ]
        self._columns = {
            name: [r[1] for r in self.conn.execute(f"PRAGMA table_info([{name}])").fetchall()]
            for name in names
        }
        self._without_rowid = {
            r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'"
            ).fetchall()
        }
        self._children = {name: [] for name in names}
        for child in names:
            for fk in self.conn.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
                parent, column, on_delete = fk[2], fk[3], fk[6]
                if parent in self._children:
                    self._children[parent].append((child, column, on_delete))

    def _by_id(self, table: str, record_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Whole rows by id, 500 ids a query."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self._dicts(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk):
                found[row["id"]] = row
        return found

    def _record(self, table: str, record_id: str, before: dict | None, after: dict | None) -> None:
        change = RowChange(table, record_id, before, after)
        for recorder in self._recorders:
            recorder.rows.append(change)

    def _collect(self, table: str, record_id: str, snapshot: Snapshot, seen: set) -> None:
        if (table, record_id) in seen:
            return
        row = self.get(table, record_id)
        if row is None:
            return
        seen.add((table, record_id))
        snapshot.rows.append((table, row))
        for child, column, on_delete in self._children.get(table, []):
            matches = self.conn.execute(
                f"SELECT id FROM [{child}] WHERE [{column}] = ?", [record_id]
            ).fetchall()
            for (child_id,) in matches:
                if on_delete == "CASCADE":
                    self._collect(child, child_id, snapshot, seen)
                elif on_delete == "SET NULL":
                    snapshot.cleared.append((child, child_id, column, record_id))

    def _check_table(self, table: str) -> None:
        if table not in self._columns:
            raise InvalidValue(f"Unknown record type {table!r}.")

    def _check_column(self, table: str, column: str) -> None:
        if column not in self._known(table):
            raise InvalidValue(f"Unknown field {column!r} of {table!r}.")

    def _known(self, table: str) -> frozenset[str]:
        known = self._column_sets.get(table)
        if known is None:
            known = self._column_sets[table] = frozenset(self._columns[table])
        return known

    def _clean(self, table: str, values: Mapping[str, Any]) -> dict[str, Any]:
        return clean_row(table, self._known(table), values)
