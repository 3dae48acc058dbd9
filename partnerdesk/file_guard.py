"""Keeping the open workspace file safe while the day goes on: a file another program holds
(edits kept in memory and written when it is free), a file replaced or deleted under the store
(rewritten from the open connection), and a -wal that grows (checkpointed, or emptied at once
after an anonymous answer). `Workspace` inherits these from `FileGuard`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerdesk.errors import CorruptWorkspace, StorageError, WriteFailed
from partnerdesk.workspace_file import (
    BUSY_TIMEOUT_MS,
    CHECKPOINT_EVERY,
    CHECKPOINTING,
    CLOSE_WAIT_MS,
    FULL_CHECK_UP_TO,
    WAL_LIMIT,
    _check_integrity,
    _configure,
    _connect,
    _copy_into,
    _damaged,
    _fingerprint,
    _fsync,
    _identity,
    _is_busy,
    _Recording,
    _shm,
    _translated,
    _wal,
    _wal_header,
    _write_error,
    database,
)

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)


class FileGuard:
    """The part of `Workspace` that watches the file under it (see the module's docstring)."""

    conn: sqlite3.Connection
    _file_conn: sqlite3.Connection
    _databases: dict[sqlite3.Connection, sqlite_utils.Database]

    # -- connections ----------------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' `Database` over the connection edits go to (`conn`), made when first
        used. Every write goes through it; reading needs only the connection, so opening a
        workspace and painting the first window do not wait for sqlite-utils' import (about
        60 ms, half a bare window's start-up); the app imports it just after the first paint."""
        return self._database(self.conn)

    @property
    def _file_db(self) -> sqlite_utils.Database:
        return self._database(self._file_conn)

    def _database(self, conn: sqlite3.Connection) -> sqlite_utils.Database:
        db = self._databases.get(conn)
        if db is None:
            db = self._databases[conn] = database(conn)
        return db

    def _let_go(self, conn: sqlite3.Connection) -> None:
        self._databases.pop(conn, None)
        conn.close()

    def _dicts(self, sql: str, params: Any) -> list[dict[str, Any]]:
        """Rows as dictionaries, as sqlite-utils' `execute_returning_dicts` gives them."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    # -- the file ---------------------------------------------------------------------------------

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
        conn = self._file_conn
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
        memory, self.conn = self.conn, self._file_conn
        self._let_go(memory)
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
        conn = self._file_conn
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
            self._file_conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
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
            _checked_copy(self._file_conn, fresh)
            _fsync(fresh)
            os.replace(fresh, path)
            for side in (_wal(path), _shm(path)):
                side.unlink(missing_ok=True)
            old = self._file_conn
            with contextlib.suppress(sqlite3.Error):
                self._let_go(old)
            conn = _connect(path)
            _configure(conn, path)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                fresh.unlink(missing_ok=True)
            self._wal_id = None  # do not try again on every edit
            raise _write_error(exc, path) from exc
        if self.conn is old:
            self.conn = conn
        self._file_conn = conn
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
        self._file_conn.backup(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        self.conn = memory
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
        conn = self.conn
        if conn.in_transaction:  # nested: a savepoint in the open transaction
            with _translated(self.path), self.db.atomic():
                yield
            return
        if self._pending:
            self.flush_pending()
        if not self._pending:
            self._guard_file()
            try:
                self._file_conn.execute("BEGIN IMMEDIATE")
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
                        self._file_conn.execute("COMMIT")
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            self._file_db.rollback()
                        raise
                self._after_commit()
                if self._forget_history:
                    self._truncate_wal()
                return
        memory = self.conn
        batch: list[tuple] = []
        memory.batch = batch
        try:
            with _translated(self.path), self.db.atomic():
                yield
        finally:
            memory.batch = None
        self._pending.append(batch)

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
            size = self.conn.execute("PRAGMA page_count").fetchone()[0] * self.conn.execute(
                "PRAGMA page_size").fetchone()[0]
            _check_integrity(self._file_conn, self.path, full=size <= FULL_CHECK_UP_TO)
        except CorruptWorkspace as exc:
            self._damage = exc
            raise
        except (sqlite3.Error, UnicodeError) as exc:
            self._damage = CorruptWorkspace(_damaged(str(exc)), self.path)
            raise self._damage from exc

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; an empty list means sound."""
        try:
            problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
            problems = [p for p in problems if p != "ok"]
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"{table} row {rowid} refers to a missing {parent} record")
        except (sqlite3.Error, UnicodeError) as exc:
            return [f"the file cannot be read ({exc})"]
        return problems

    def backup_to(self, target: Path | str) -> None:
        """A consistent copy through SQLite's backup API, safe while the workspace is open.
        A file not yet checked is checked first: a backup of damage is no backup."""
        self.ensure_checked()
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            # A copy counts only once it passes the full check; until then it keeps the
            # temporary name, which nothing trusts.
            _checked_copy(self.conn, tmp, "the copy is malformed: ")
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise _write_error(exc, target) from exc


def _checked_copy(source: sqlite3.Connection, target: Path, problem_prefix: str = "") -> None:
    """A whole copy of `source` at `target` (SQLite's backup API, rollback journal), raising
    `sqlite3.DatabaseError` unless it passes the full integrity check."""
    target.unlink(missing_ok=True)
    problems = _copy_into(source, target, check=True)
    if problems != ["ok"]:
        raise sqlite3.DatabaseError(problem_prefix + "; ".join(problems[:3]))
