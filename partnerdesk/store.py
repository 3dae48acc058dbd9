"""The workspace store: owns one SQLite file, checks it, migrates it and commits every change.

The store speaks in records (plain dicts keyed by column) addressed by table and UUID. Domain
modules (`partnerdesk.records`, and one module per exercise kind) wrap it with functions that
take and return typed values. Every write is one `atomic()` unit, committed at once: a killed
process loses nothing that a call here returned from.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sqlite3
import sys
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from partnerdesk import __version__
from partnerdesk.changes import Changes, Recorder, RowChange
from partnerdesk.errors import (
    CorruptWorkspace,
    ForeignWal,
    InvalidValue,
    NewerVersion,
    NotAWorkspace,
    StorageError,
    WriteFailed,
)
from partnerdesk.lock import WorkspaceLock, lock_path, read_lock
from partnerdesk.migrations import all_migrations

log = logging.getLogger(__name__)

#: "PDs1": marks a SQLite file as a PartnerDesk workspace (PRAGMA application_id).
APPLICATION_ID = 0x50447331
SQLITE_HEADER = b"SQLite format 3\x00"
WORKSPACE_SUFFIX = ".partnerdesk"


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class FileHeader:
    """The few header fields that say what a SQLite file is, read without SQLite."""

    application_id: int
    user_version: int
    page_count: int
    #: In write-ahead-log mode (header bytes 18-19 are 2), as the store leaves its files.
    wal: bool = False


def read_header(path: Path) -> FileHeader:
    """Read the SQLite header, refusing anything that is not SQLite. Never writes."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(f"The file could not be read: {exc.strerror}.", path) from exc
    if len(header) == 0:
        raise NotAWorkspace(
            "This file is empty, so it is not a PartnerDesk workspace. "
            "Choose another file, or create a new workspace.",
            path,
        )
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotAWorkspace(
            "This file is not a PartnerDesk workspace (it is not an SQLite database). "
            "It has not been changed. Choose a .partnerdesk file.",
            path,
        )
    return FileHeader(
        application_id=int.from_bytes(header[68:72], "big"),
        user_version=int.from_bytes(header[60:64], "big"),
        page_count=int.from_bytes(header[28:32], "big"),
        wal=header[18] == 2 and header[19] == 2,
    )


def _latest() -> int:
    return len(all_migrations())


@dataclass
class Snapshot:
    """Rows removed by a delete, parents first, so that undo can put them back exactly."""

    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: (table, id, column, value) references that ON DELETE SET NULL cleared.
    cleared: list[tuple[str, str, str, Any]] = field(default_factory=list)

    def ids(self, table: str) -> list[str]:
        return [row["id"] for name, row in self.rows if name == table]


class Workspace:
    """An open PartnerDesk workspace file."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        path: Path,
        read_only: bool = False,
        lock: WorkspaceLock | None = None,
    ):
        self.db = db
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
        #: Active `recording()` blocks, innermost last; every write is added to each.
        self._recorders: list[Recorder] = []
        #: Open `_writing()` blocks; the outermost one commits.
        self._depth = 0
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
        version, dirty, checked = _inspect(path, here, defer_check=defer_check and in_wal and not read_only)
        lock = None if read_only else WorkspaceLock.acquire(path)
        try:
            if version < _latest() and not read_only:
                _copy_before_migration(path, version)
            conn = _connect(path, read_only=read_only,
                            immutable=read_only and not here and not _has_wal(path))
            db = sqlite_utils.Database(conn)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            if not read_only:
                _configure(db, path)
                _migrate(db, path)
            ws = cls(db, path, read_only=read_only, lock=lock)
        except BaseException:
            db.close()
            if lock is not None:
                lock.release()
            raise
        ws.read_only_reason = reason
        ws._check_pending = not checked
        ws._opened(dirty)
        return ws

    @classmethod
    def _create(cls, path: Path) -> Workspace:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(f"The folder could not be created: {exc.strerror}.", path) from exc
        lock = WorkspaceLock.acquire(path)
        try:
            db = sqlite_utils.Database(_connect(path))
        except BaseException:
            lock.release()
            raise
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            _configure(db, path)
            _migrate(db, path)
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
        ws = cls(db, path, lock=lock)
        ws._opened(False)
        return ws

    def _opened(self, dirty: bool) -> None:
        """Start watching the file: its -wal's identity (lost locks), the -wal's size, the
        fingerprint that proves the -wal ours after a crash, and the busy queue."""
        self._file_db = self.db
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
        self.closed_cleanly_before = not dirty
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
                self.db.execute("PRAGMA optimize")
        if self.db is not self._file_db:
            self.db.close()
            self.db = self._file_db
        if not self.read_only and self._forget_history:
            self._truncate_wal()
        self.db.close()
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

    # -- the file under the store: busy, replaced, growing -------------------------------------

    @property
    def busy(self) -> bool:
        """True while edits wait in memory because another program holds the file."""
        return bool(self._pending)

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def busy_for(self) -> float:
        """Seconds the file has been blocked (0 when it is not)."""
        import time

        return 0.0 if self._busy_since is None else time.monotonic() - self._busy_since

    def take_notices(self) -> list[str]:
        """Things the facilitator should be told (a recovered file), each once."""
        notices, self._notices = self._notices, []
        return notices

    def flush_pending(self, timeout_ms: int = 0) -> bool:
        """Write the edits kept while the file was busy, in order, in one transaction.

        Returns True when nothing is left waiting. Never waits longer than `timeout_ms`.
        """
        if not self._pending:
            return True
        self._guard_file()
        conn = self._file_db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    return False
                raise
            try:
                for batch in self._pending:
                    for kind, sql, params in batch:
                        if kind == "many":
                            conn.executemany(sql, params)
                        else:
                            conn.execute(sql, params)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if _is_busy(exc):
                    return False
                log.error("the edits kept while %s was busy could not be written: %s", self.path, exc)
                self._notices.append(
                    "The changes made while the workspace was busy could not be written into it "
                    f"({exc}). They are still on screen: use File ▸ Save a copy as… to keep them.")
                return False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        memory, self.db = self.db, self._file_db
        memory.close()
        log.info("%d kept edit(s) written to %s", len(self._pending), self.path)
        self._pending = []
        self._busy_since = None
        self._after_commit()
        if self._forget_history:
            self._truncate_wal()
        return True

    def checkpoint(self) -> bool:
        """Copy the -wal into the file and truncate it, unless a reader still needs it.

        Never waits: with another program reading, it tries again later.
        """
        if self.read_only:
            return False
        conn = self._file_db.conn
        if conn.in_transaction:
            return False
        if self.lock is not None:
            # Should the process die while the file changes, the lock still ties the -wal to it.
            wal = _wal_header(self.path)
            self.lock.record({"db": CHECKPOINTING, "wal": list(wal[:2]) if wal else None})
            self._fingerprint = None
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            log.info("checkpoint of %s skipped: %s", self.path, exc)
            return False
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._record_fingerprint()
        return busy == 0

    def wal_size(self) -> int:
        try:
            return os.stat(_wal(self.path)).st_size
        except OSError:
            return 0

    def watch(self) -> None:
        """Called often by the window: notice a replaced file, write kept edits, shrink the -wal."""
        if self.read_only:
            return
        self._guard_file()
        if self._pending:
            self.flush_pending()

    def _remember_identity(self) -> None:
        # The -wal exists while a connection in WAL mode is open; read once so it does.
        with contextlib.suppress(sqlite3.Error):
            self._file_db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        self._wal_id = _identity(_wal(self.path))
        self._db_id = _identity(self.path)

    def _guard_file(self) -> None:
        """Notice when the file or its live -wal was deleted or replaced under the store.

        That happens when something in this process opened and closed the file (a file
        dialog's preview, a header read, a copy: POSIX then drops every lock SQLite holds on
        it) and another program then opened and closed it: it checkpoints and deletes the
        -wal, and later commits would go into a deleted file. The open connection still sees
        everything, so its whole state is written into a fresh file that replaces this one.
        """
        if self.read_only or self._wal_id is None:
            return
        if _identity(_wal(self.path)) == self._wal_id and _identity(self.path) == self._db_id:
            return
        self._recover_lost_file()

    def _recover_lost_file(self) -> None:
        path = self.path
        log.warning("the -wal of %s was deleted or replaced by another program; rewriting the file", path)
        fresh = path.with_name(path.name + ".recovered.part")
        try:
            fresh.unlink(missing_ok=True)
            dest = sqlite3.connect(fresh)
            try:
                self._file_db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                problems = [r[0] for r in dest.execute("PRAGMA integrity_check").fetchall()]
            finally:
                dest.close()
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
            _fsync(fresh)
            os.replace(fresh, path)
            for side in (_wal(path), _shm(path)):
                side.unlink(missing_ok=True)
            old = self._file_db
            with contextlib.suppress(sqlite3.Error):
                old.conn.close()
            db = sqlite_utils.Database(_connect(path))
            _configure(db, path)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                fresh.unlink(missing_ok=True)
            self._wal_id = None  # do not try again on every edit
            raise _write_error(exc, path) from exc
        if self.db is self._file_db:
            self.db = db
        self._file_db = db
        self._remember_identity()
        self._record_fingerprint()
        self._notices.append(
            "Another program opened this workspace file and removed the log of recent changes. "
            "PartnerDesk still had every change and has written the whole workspace again; "
            "nothing was lost.")

    def _record_fingerprint(self) -> None:
        """Write into the lock file what proves the -wal beside the file ours after a crash."""
        if self.lock is None:
            return
        found = _fingerprint(self.path)
        self.wal_peak = max(self.wal_peak, found.pop("wal_size", 0))
        if found != self._fingerprint:
            self.lock.record(found)
            self._fingerprint = found

    def _after_commit(self) -> None:
        self._commits += 1
        self._guard_file()
        # Every CHECKPOINT_EVERY commits; sooner once the -wal passes WAL_LIMIT, but while a
        # reader keeps it from shrinking, not on every commit (each attempt costs a flush).
        since = self._commits - self._last_checkpoint
        if since >= CHECKPOINT_EVERY or (since >= CHECKPOINT_EVERY // 10
                                         and self.wal_size() > WAL_LIMIT):
            self._last_checkpoint = self._commits
            self.checkpoint()
        else:
            self._record_fingerprint()

    def _enter_overlay(self) -> None:
        """The file is busy: keep working on an in-memory copy and remember each change."""
        import time

        memory = sqlite3.connect(":memory:", factory=_Recording, check_same_thread=False)
        self._file_db.conn.backup(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        self.db = sqlite_utils.Database(memory)
        if self._busy_since is None:
            self._busy_since = time.monotonic()
        log.warning("%s is busy in another program; edits are kept until it is free", self.path)

    def _close_with_pending(self) -> None:
        if self.flush_pending(timeout_ms=CLOSE_WAIT_MS):
            return
        stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
        target = self.path.with_name(f"{self.path.stem} (unsaved changes {stamp}){self.path.suffix}")
        try:
            self.backup_to(target)
            log.error("%s stayed busy; the unsaved changes were saved in %s", self.path, target)
            self.unsaved_copy = target
        except StorageError as exc:
            log.error("%s stayed busy and the unsaved changes could not be saved: %s", self.path, exc)

    @property
    def check_pending(self) -> bool:
        """Whether the integrity check `open(defer_check=True)` left for later has yet to run."""
        return self._check_pending

    def ensure_checked(self) -> None:
        """Run the integrity check `open(defer_check=True)` left for later, once; a damaged file
        raises `CorruptWorkspace` and every later write is refused."""
        if self._damage is not None:
            raise self._damage
        if not self._check_pending:
            return
        self._check_pending = False
        try:
            size = self.db.execute("PRAGMA page_count").fetchone()[0] * self.db.execute(
                "PRAGMA page_size").fetchone()[0]
            _check_integrity(self._file_db.conn, self.path, full=size <= FULL_CHECK_UP_TO)
        except CorruptWorkspace as exc:
            self._damage = exc
            raise
        except (sqlite3.Error, UnicodeError) as exc:
            self._damage = CorruptWorkspace(_damaged(str(exc)), self.path)
            raise self._damage from exc

    # -- facts ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def info(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM workspace_info WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; an empty list means sound."""
        try:
            problems = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
            problems = [p for p in problems if p != "ok"]
            for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"{table} row {rowid} refers to a missing {parent} record")
        except (sqlite3.Error, UnicodeError) as exc:
            return [f"the file cannot be read ({exc})"]
        return problems

    def tables(self) -> list[str]:
        return list(self._columns)

    def columns(self, table: str) -> list[str]:
        self._check_table(table)
        return self._columns[table]

    # -- reading -------------------------------------------------------------------------------

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        self._check_table(table)
        rows = self.db.execute_returning_dicts(
            f"SELECT * FROM [{table}] WHERE id = ?", [record_id]
        )
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
        return self.db.execute_returning_dicts(sql, params)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """A read-only query for statistics and reports that span tables."""
        return self.db.execute_returning_dicts(sql, list(params))

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

    def update(self, table: str, record_id: str, values: Mapping[str, Any]) -> None:
        """Change some columns of one record and commit."""
        self.update_many(table, {record_id: values})

    def update_many(self, table: str, changes: Mapping[str, Mapping[str, Any]]) -> None:
        """Change several records of one table in one transaction (a drag of many items)."""
        self._check_table(table)
        stamp = now_iso()
        with self._writing(table):
            # Row images for undo are read in a few queries, not two per row (a drag of hundreds).
            before = self._by_id(table, list(changes)) if self._recorders else {}
            # Rows changing the same columns go to SQLite in one call.
            batches: dict[tuple[str, ...], list[list[Any]]] = {}
            for record_id, values in changes.items():
                row = self._clean(table, values)
                row.pop("id", None)
                if table not in self._without_rowid:
                    row["modified"] = stamp
                if not row:
                    continue
                batches.setdefault(tuple(row), []).append([*row.values(), record_id])
            for columns, params in batches.items():
                sets = ", ".join(f"[{c}] = ?" for c in columns)
                self.db.conn.executemany(f"UPDATE [{table}] SET {sets} WHERE id = ?", params)
            if before:
                after = self._by_id(table, list(before))
                for record_id in changes:
                    if record_id in before:
                        self._record(table, record_id, before[record_id], after.get(record_id))

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

    def backup_to(self, target: Path | str) -> None:
        """A consistent copy through SQLite's backup API, safe while the workspace is open.
        A file not yet checked is checked first: a backup of damage is no backup."""
        self.ensure_checked()
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            tmp.unlink(missing_ok=True)
            dest = sqlite3.connect(tmp)
            try:
                self.db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                # A copy counts only once it passes the full check; until then it keeps the
                # temporary name, which nothing trusts.
                problems = [r[0] for r in dest.execute("PRAGMA integrity_check").fetchall()]
            finally:
                dest.close()
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("the copy is malformed: " + "; ".join(problems[:3]))
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise _write_error(exc, target) from exc

    # -- internals -----------------------------------------------------------------------------

    def forget_history(self) -> None:
        """Empty the -wal after the current transaction commits (at once outside one).

        Called for every write to an anonymous (WITHOUT ROWID) table: the -wal keeps a whole
        page image per commit, so two of them side by side would show which answer came last.
        """
        self._forget_history = True
        if self._depth == 0:
            self._truncate_wal()

    def _truncate_wal(self) -> None:
        """Checkpoint and truncate the -wal to nothing, so no earlier state of an anonymous
        table stays in it. If another program is reading, the -wal cannot be emptied now: it is
        tried again after the next commit and on close. Never waits for the reader."""
        self._forget_history = not self.checkpoint()

    @contextlib.contextmanager
    def _writing(self, *tables: str) -> Iterator[None]:
        """One transaction: taken at once (BEGIN IMMEDIATE) so that a busy file is known before
        any change is made, never waited on for longer than a frame. While another program
        holds the file, the change is made on an in-memory copy and kept, in order, to be
        written as soon as the file is free (`flush_pending`). A change to an anonymous table
        (`tables`) leaves no history in the -wal once it commits (`_truncate_wal`)."""
        self.ensure_checked()
        if self.read_only:
            raise WriteFailed(
                "This workspace is open read-only, so the change was not made.", self.path
            )
        if any(t in self._without_rowid for t in tables):
            self._forget_history = True
        conn = self.db.conn
        if conn.in_transaction:  # nested: a savepoint in the open transaction
            with _translated(self.path), self.db.atomic():
                yield
            return
        if self._pending:
            self.flush_pending()
        if not self._pending:
            self._guard_file()
            try:
                self._file_db.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise _write_error(exc, self.path) from exc
                self._enter_overlay()
            else:
                with _translated(self.path):
                    try:
                        yield
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            self._file_db.rollback()
                        raise
                    try:
                        self._file_db.conn.execute("COMMIT")
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            self._file_db.rollback()
                        raise
                self._after_commit()
                if self._forget_history:
                    self._truncate_wal()
                return
        memory = self.db.conn
        batch: list[tuple] = []
        memory.batch = batch
        try:
            with _translated(self.path), self.db.atomic():
                yield
        finally:
            memory.batch = None
        self._pending.append(batch)

    def _load_schema(self) -> None:
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        ]
        self._columns = {
            name: [r[1] for r in self.db.execute(f"PRAGMA table_info([{name}])").fetchall()]
            for name in names
        }
        self._without_rowid = {
            r[0] for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'"
            ).fetchall()
        }
        self._children = {name: [] for name in names}
        for child in names:
            for fk in self.db.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
                parent, column, on_delete = fk[2], fk[3], fk[6]
                if parent in self._children:
                    self._children[parent].append((child, column, on_delete))

    def _by_id(self, table: str, record_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Whole rows by id, 500 ids a query."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            cursor = self.db.conn.execute(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk)
            names = [d[0] for d in cursor.description]
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
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
            matches = self.db.execute(
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
        if column not in self._columns[table]:
            raise InvalidValue(f"Unknown field {column!r} of {table!r}.")

    def _clean(self, table: str, values: Mapping[str, Any]) -> dict[str, Any]:
        row = {}
        for column, value in values.items():
            self._check_column(table, column)
            if isinstance(value, float) and not math.isfinite(value):
                raise InvalidValue(f"{column} must be a finite number, not {value}.")
            # SQLite would raise errors the UI does not expect for these; refuse them clearly.
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                raise InvalidValue(f"{column} is too large a whole number to keep.")
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise InvalidValue(f"{column} contains characters that cannot be kept.") from exc
            row[column] = value
        return row


# -- module helpers --------------------------------------------------------------------------


#: How long a write waits for another program's lock before the edit is kept in memory (ms):
#: under a frame, so the window never waits on the file.
BUSY_TIMEOUT_MS = 15
#: At closing, how long to wait for a busy file before the kept edits go into a copy (ms).
CLOSE_WAIT_MS = 3000
#: Checkpoint (and truncate) the -wal after this many commits, or when it passes WAL_LIMIT.
CHECKPOINT_EVERY = 100
WAL_LIMIT = 4 * 1024 * 1024
#: Recorded in the lock file while a checkpoint may be changing the main file.
CHECKPOINTING = "checkpointing"
#: Above this size the full integrity check on opening is left to files not closed cleanly.
FULL_CHECK_UP_TO = 64 * 1024 * 1024

#: Workspace files open in this process (resolved path -> count): raw reads of those would drop
#: SQLite's POSIX locks on them.
_OPEN: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


class _Recording(sqlite3.Connection):
    """An in-memory copy that remembers the changes made on it, to write them into the file."""

    batch: list[tuple] | None = None

    def execute(self, sql, parameters=(), /):  # type: ignore[override]
        cursor = super().execute(sql, parameters)
        if self.batch is not None and _replayable(sql):
            self.batch.append(("one", sql, _frozen(parameters)))
        return cursor

    def executemany(self, sql, seq, /):  # type: ignore[override]
        rows = [_frozen(p) for p in seq]
        cursor = super().executemany(sql, rows)
        if self.batch is not None and _replayable(sql):
            self.batch.append(("many", sql, rows))
        return cursor


def _frozen(parameters: Any) -> Any:
    if isinstance(parameters, Mapping):
        return dict(parameters)
    return tuple(parameters)


def _replayable(sql: str) -> bool:
    words = sql.lstrip().split(None, 2)
    first = words[0].upper() if words else ""
    if first in ("BEGIN", "COMMIT", "END", "SELECT"):
        return False
    return not (first == "ROLLBACK" and (len(words) < 2 or words[1].upper() != "TO"))


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise InvalidValue(f"The change was refused: {exc}.", path) from exc
    except sqlite3.Error as exc:
        raise _write_error(exc, path) from exc


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def _open_here(path: Path) -> bool:
    with _OPEN_LOCK:
        return _key(path) in _OPEN


def _wal(path: Path) -> Path:
    return Path(str(path) + "-wal")


def _shm(path: Path) -> Path:
    return Path(str(path) + "-shm")


def _has_wal(path: Path) -> bool:
    return _wal(path).exists()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _writable_location(path: Path) -> bool:
    """False on a read-only filesystem or a file that cannot be written (never a damage)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _wal_header(path: Path) -> tuple[int, int, int] | None:
    """(salt-1, salt-2, size) of the -wal beside `path`, or None when it holds no frame.

    Reading the -wal is safe while the file is open: SQLite holds no POSIX lock on it.
    """
    try:
        with open(_wal(path), "rb") as handle:
            header = handle.read(32)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return None
    if len(header) < 32 or size <= 32:
        return None
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"), size


def _fingerprint(path: Path) -> dict:
    """What ties the -wal to the main file in its present state (recorded in the lock file)."""
    try:
        st = os.stat(path)
        main = [st.st_size, st.st_mtime_ns]
    except OSError:
        main = None
    wal = _wal_header(path)
    found: dict[str, Any] = {"db": main, "wal": list(wal[:2]) if wal else None}
    if wal:
        found["wal_size"] = wal[2]
    return found


def _wal_in_use_elsewhere(path: Path) -> bool:
    """True when another process has the file open through SQLite (its -shm lock is held).

    Only called while no connection of this process has the file open.
    """
    if sys.platform != "linux":
        return False
    import fcntl
    import struct

    try:
        fd = os.open(_shm(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid (+ padding).
        # SQLite's "dead man switch" byte in the -shm is 128; every connection holds it shared.
        query = struct.pack("@hhqqixxxx", fcntl.F_WRLCK, 0, 128, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
        return struct.unpack("@hhqqixxxx", answer)[0] != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


def _judge_wal(path: Path) -> None:
    """Refuse a -wal that does not provably belong to this file in its present state.

    Applying another copy's -wal (a colleague's copy, a restored file, a sync tool's conflict
    copy) writes into the file a state that never existed. A -wal is this file's when another
    program is using it right now (SQLite keeps it consistent), or when the lock file left by
    the PartnerDesk that wrote it records this main file (size, modification time) and this
    -wal (its salts; or the next generation, which SQLite starts by adding one to salt-1).
    """
    wal = _wal_header(path)
    if wal is None:
        return
    if _wal_in_use_elsewhere(path):
        return
    owner = read_lock(lock_path(path))
    recorded = getattr(owner, "fingerprint", None) or {}
    if recorded:
        salts = recorded.get("wal")
        same_wal = bool(salts) and ([wal[0], wal[1]] == salts or wal[0] == (salts[0] + 1) % 2**32)
        if recorded.get("db") == CHECKPOINTING:
            # Killed while copying this -wal into the file: the file may have changed, the
            # -wal has not, and applying it again is what SQLite does after any crash.
            if same_wal:
                return
        elif recorded.get("db") == _fingerprint(path)["db"] and (salts is None or same_wal):
            # The main file is exactly as the writer left it, and the -wal is the one it was
            # writing (or it had none yet when it last recorded: the first commit after opening).
            return
    raise ForeignWal(
        "Beside this workspace there is a log of unsaved changes (its -wal file) that does not "
        "belong to it as it is now: it may come from another copy of the workspace. Using it "
        "could mix two copies, so nothing has been changed. You can open the workspace without "
        "that log, or open the latest backup.",
        path,
    )


def _check_header(header: FileHeader, path: Path) -> None:
    if header.application_id != APPLICATION_ID:
        raise NotAWorkspace(
            "This SQLite database belongs to another application, not PartnerDesk. "
            "It has not been changed.",
            path,
        )
    if header.user_version > _latest():
        raise _newer(path, header.user_version)


def _inspect(path: Path, here: bool, defer_check: bool = False) -> tuple[int, bool, bool]:
    """Validate the file through a read-only connection that leaves nothing beside it.

    Returns its schema version, whether it was not closed cleanly (a -wal with frames), and
    whether the integrity check ran (with `defer_check`, not for a clean, up-to-date file).
    """
    wal_before, shm_before = _wal(path).exists(), _shm(path).exists()
    dirty = _wal_header(path) is not None
    immutable = not here and not wal_before
    try:
        conn = _connect(path, read_only=True, immutable=immutable)
    except StorageError as exc:
        raise CorruptWorkspace(_damaged(str(exc.__cause__ or exc)), path) from exc
    try:
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if application_id != APPLICATION_ID:
                raise NotAWorkspace(
                    "This SQLite database belongs to another application, not PartnerDesk. "
                    "It has not been changed.", path)
            if version > _latest():
                raise _newer(path, version)
            _check_schema(conn, version, path)
            size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute(
                "PRAGMA page_size").fetchone()[0]
            full = dirty or size <= FULL_CHECK_UP_TO
            checked = not (defer_check and not dirty and version == _latest())
            if checked:
                _check_integrity(conn, path, full=full)
        except (sqlite3.Error, UnicodeError) as exc:
            # UnicodeError: SQLite's own message quotes a damaged name that is not UTF-8.
            raise CorruptWorkspace(_damaged(str(exc)), path) from exc
    finally:
        conn.close()
        if not here:
            # A read-only connection cannot remove the -wal and -shm it made: do it for it.
            if not wal_before:
                with contextlib.suppress(OSError):
                    if _wal(path).stat().st_size == 0:
                        _wal(path).unlink()
            if not shm_before and not _wal(path).exists():
                with contextlib.suppress(OSError):
                    _shm(path).unlink()
    return version, dirty, checked


_EXPECTED: dict[int, dict[str, set[str]]] = {}


def expected_schema(version: int) -> dict[str, set[str]]:
    """The tables and columns a workspace of `version` has (built by running its migrations)."""
    if version not in _EXPECTED:
        db = sqlite_utils.Database(memory=True)
        for migration in all_migrations():
            if migration.version <= version:
                migration.migrate(db)
        _EXPECTED[version] = _schema_of(db.conn)
        db.close()
    return _EXPECTED[version]


def _schema_of(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: {r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")} for name in names}


def _check_schema(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """A file is a workspace only when it has the tables and columns of its version."""
    found = _schema_of(conn)
    if version == 0:
        if found:
            raise NotAWorkspace(
                "This file carries PartnerDesk's mark but is not a PartnerDesk workspace: it has "
                f"tables PartnerDesk never made ({', '.join(sorted(found)[:5])}). "
                "It has not been changed.", path)
        return
    expected = expected_schema(version)
    missing = sorted(set(expected) - set(found))
    if missing:
        raise NotAWorkspace(
            f"This file says it is a PartnerDesk workspace (schema {version}) but lacks its "
            f"tables ({', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}), so it is not "
            "one. It has not been changed.", path)
    for table, columns in expected.items():
        lacking = sorted(columns - found[table])
        if lacking:
            raise NotAWorkspace(
                f"This file says it is a PartnerDesk workspace (schema {version}) but its table "
                f"{table} lacks columns ({', '.join(lacking[:5])}), so it is not one. "
                "It has not been changed.", path)


def _damaged(detail: str) -> str:
    return ("This workspace is damaged and cannot be opened safely "
            f"({detail}). It has not been changed; open a backup copy instead.")


def _connect(path: Path, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
    if read_only and immutable:
        # Nothing else is writing it (no -wal beside it, or a read-only location): reading it
        # this way creates no -wal or -shm beside it.
        uri += "&immutable=1"
    if not read_only and not path.exists():
        uri = path.resolve().as_uri() + "?mode=rwc"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise StorageError(f"The workspace could not be opened: {exc}.", path) from exc
    return conn


def _configure(db: sqlite_utils.Database, path: Path) -> None:
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = WAL")
        # FULL: in WAL mode each commit is flushed, so a flat battery loses nothing committed.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # A -wal left larger than this by a long reader is cut back when it restarts.
        db.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
        # Only this store changes the main file (`Workspace.checkpoint`), so the lock file can
        # always say which main file the -wal belongs to (`_judge_wal`).
        db.execute("PRAGMA wal_autocheckpoint = 0")
        # Deleted content is overwritten with zeros, so freed space keeps no earlier answers.
        db.execute("PRAGMA secure_delete = ON")
    except sqlite3.Error as exc:
        raise _write_error(exc, path) from exc


def _check_integrity(conn: sqlite3.Connection, path: Path, full: bool = False) -> None:
    check = "integrity_check" if full else "quick_check"
    try:
        result = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
    except (sqlite3.DatabaseError, UnicodeError) as exc:
        raise CorruptWorkspace(_damaged(str(exc)), path) from exc
    if result != ["ok"]:
        raise CorruptWorkspace(_damaged("; ".join(result[:3])), path)


def _migrate(db: sqlite_utils.Database, path: Path) -> None:
    """Every pending migration in ONE transaction: after any kill the file is fully old or new."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    pending = [m for m in all_migrations() if m.version > current]
    if not pending:
        return
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for migration in pending:
                log.info("migrating %s to schema version %d (%s)", path, migration.version,
                         migration.name)
                with db.atomic():
                    migration.migrate(db)
            conn.execute(f"PRAGMA user_version = {pending[-1].version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise _write_error(exc, path) from exc


def _copy_before_migration(path: Path, version: int) -> None:
    """Keep the file as it was before migrating: written under a temporary name, checked
    (integrity and version), flushed, and only then given its final name. A copy under the
    final name that does not pass the same check (left by an older PartnerDesk) is redone."""
    target = path.with_name(f"{path.stem}.before-v{_latest()}-from-v{version}{path.suffix}")
    if target.exists() and _verified_copy(target, version):
        return
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.unlink(missing_ok=True)
        source = _connect(path, read_only=True)
        try:
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        if not _verified_copy(tmp, version):
            raise sqlite3.DatabaseError("the copy before migrating did not pass its check")
        _fsync(tmp)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _write_error(exc, target) from exc


def _verified_copy(path: Path, version: int) -> bool:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            ok = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
            return ok and conn.execute("PRAGMA user_version").fetchone()[0] == version
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def copy_without_wal(path: Path | str, target: Path | str) -> Path:
    """Copy the main file alone (ignoring a -wal beside it) into a NEW file; touches nothing."""
    path, target = Path(path), Path(target)
    if target.exists():
        raise WriteFailed(f"{target.name} already exists; choose another name.", target)
    tmp = target.with_name(target.name + ".part")
    try:
        source = _connect(path, read_only=True, immutable=True)
        try:
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                problems = [r[0] for r in dest.execute("PRAGMA integrity_check")]
            finally:
                dest.close()
        finally:
            source.close()
        if problems != ["ok"]:
            raise CorruptWorkspace(_damaged("; ".join(problems[:3])), path)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _write_error(exc, target) from exc
    return target


def _newer(path: Path, version: int) -> NewerVersion:
    return NewerVersion(
        f"This workspace was written by a newer version of PartnerDesk (schema {version}; "
        f"this version understands up to {_latest()}). It has not been changed. "
        "Open it with the newer PartnerDesk.",
        path,
    )


def _write_error(exc: BaseException, path: Path) -> StorageError:
    text = str(exc).lower()
    if "full" in text:
        message = ("The disk is full, so the last change was not saved. "
                   "Free some space; earlier changes are safe.")
    elif "readonly" in text or "read-only" in text or "permission" in text:
        message = "The workspace file cannot be written (it is read-only), so the last change was not saved."
    elif "locked" in text or "busy" in text:
        message = "The workspace is busy in another program, so the last change was not saved. Try again."
    elif isinstance(exc, sqlite3.DatabaseError) and "malformed" in text:
        return CorruptWorkspace(
            "The workspace file is damaged; the last change was not saved. Open a backup copy.",
            path,
        )
    else:
        message = f"The change could not be saved ({exc})."
    return WriteFailed(message, path)
