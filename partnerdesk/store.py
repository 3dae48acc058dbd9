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
import shutil
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from partnerdesk import __version__
from partnerdesk.errors import (
    CorruptWorkspace,
    InvalidValue,
    NewerVersion,
    NotAWorkspace,
    StorageError,
    WriteFailed,
)
from partnerdesk.lock import WorkspaceLock
from partnerdesk.migrations import all_migrations, latest_version
from partnerdesk.sqlite_db import Database

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
    #: Write-ahead logging (header bytes 18-19 are 2): opening changes nothing in the file.
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
    return latest_version()


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
        db: Database,
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
        self._load_schema()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False,
             defer_check: bool = False) -> Workspace:
        """Open (or create) a workspace, refusing foreign, newer and damaged files unchanged.

        `defer_check=True` (the app's start-up) leaves SQLite's integrity check of an up-to-date
        write-ahead-log workspace for later, so the window shows sooner: `ensure_checked()` runs
        it, and every write and backup runs it first, so nothing is written to a file that has
        not passed it. A file that needs migrating is always checked before it is changed.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise StorageError("There is no workspace at this path.", path)
            return cls._create(path)
        header = read_header(path)
        if header.application_id != APPLICATION_ID:
            raise NotAWorkspace(
                "This SQLite database belongs to another application, not PartnerDesk. "
                "It has not been changed.",
                path,
            )
        if header.user_version > _latest():
            raise _newer(path, header.user_version)
        deferred = defer_check and header.wal and header.user_version == _latest()
        conn = _connect(path, read_only=True)
        try:
            if not deferred:
                _check_integrity(conn, path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            _check_integrity(conn, path)  # says what is damaged, as a CorruptWorkspace
            raise
        finally:
            conn.close()
        deferred = deferred and version == _latest()
        if version > _latest():
            raise _newer(path, version)
        lock = None if read_only else WorkspaceLock.acquire(path)
        try:
            if version < _latest() and not read_only:
                _copy_before_migration(path, version)
            db = Database(_connect(path, read_only=read_only))
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            if not read_only:
                _configure(db, path)
                _migrate(db, path)
            workspace = cls(db, path, read_only=read_only, lock=lock)
            workspace._check_pending = deferred
            return workspace
        except BaseException as exc:
            try:
                if deferred and isinstance(exc, sqlite3.DatabaseError):
                    # Damage the deferred check would have found: say so, as the check would have.
                    _check_integrity(db.conn, path)
            finally:
                db.close()
                if lock is not None:
                    lock.release()
            raise

    @classmethod
    def _create(cls, path: Path) -> Workspace:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(f"The folder could not be created: {exc.strerror}.", path) from exc
        lock = WorkspaceLock.acquire(path)
        try:
            db = Database(_connect(path))
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
        return cls(db, path, lock=lock)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only and not self._check_pending and self._damage is None:
                self.db.execute("PRAGMA optimize")
        self.db.close()
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
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def info(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM workspace_info WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @property
    def check_pending(self) -> bool:
        """True while an integrity check deferred at opening has not run yet."""
        return self._check_pending

    def ensure_checked(self) -> None:
        """Run the integrity check deferred at opening, once; raise CorruptWorkspace (every
        time) if the file is damaged, so nothing is ever written to it."""
        if self._damage is not None:
            raise self._damage
        if not self._check_pending:
            return
        try:
            _check_integrity(self.db.conn, self.path)
        except CorruptWorkspace as exc:
            self._damage = exc
            raise
        self._check_pending = False

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; an empty list means sound."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} refers to a missing {parent} record")
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
        for values, record_id in zip(records, ids, strict=True):
            row = self._clean(table, values)
            row["id"] = record_id or row.get("id") or new_id()
            row.setdefault("created", stamp)
            row["modified"] = stamp
            prepared.append(row)
        if not prepared:
            return []
        with self._writing():
            for row in prepared:
                columns = ", ".join(f"[{c}]" for c in row)
                marks = ", ".join("?" for _ in row)
                self.db.execute(
                    f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values())
                )
        return [row["id"] for row in prepared]

    def update(self, table: str, record_id: str, values: Mapping[str, Any]) -> None:
        """Change some columns of one record and commit."""
        self.update_many(table, {record_id: values})

    def update_many(self, table: str, changes: Mapping[str, Mapping[str, Any]]) -> None:
        """Change several records of one table in one transaction (a drag of many items)."""
        self._check_table(table)
        stamp = now_iso()
        with self._writing():
            for record_id, values in changes.items():
                row = self._clean(table, values)
                row.pop("id", None)
                row["modified"] = stamp
                sets = ", ".join(f"[{c}] = ?" for c in row)
                self.db.execute(
                    f"UPDATE [{table}] SET {sets} WHERE id = ?", [*row.values(), record_id]
                )

    def delete(self, table: str, record_id: str) -> Snapshot:
        """Delete a record and everything that depends on it; the snapshot lets undo restore."""
        return self.delete_many(table, [record_id])

    def delete_many(self, table: str, record_ids: Iterable[str]) -> Snapshot:
        self._check_table(table)
        snapshot = Snapshot()
        seen: set[tuple[str, str]] = set()
        for record_id in record_ids:
            self._collect(table, record_id, snapshot, seen)
        with self._writing():
            for record_id in dict.fromkeys(snapshot.ids(table)):
                self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
        return snapshot

    def restore(self, snapshot: Snapshot) -> None:
        """Put back what a delete removed, with the same ids and values."""
        with self._writing():
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
            for table, record_id, column, value in snapshot.cleared:
                self.db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, record_id])

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several calls into one transaction (nested calls become savepoints)."""
        with self._writing():
            yield

    def set_info(self, key: str, value: str) -> None:
        with self._writing():
            self.db.execute(
                "INSERT OR REPLACE INTO workspace_info (key, value) VALUES (?, ?)", [key, value]
            )

    def backup_to(self, target: Path | str) -> None:
        """A consistent copy through SQLite's backup API, safe while the workspace is open."""
        self.ensure_checked()  # never copy a damaged file over as a good backup
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            tmp.unlink(missing_ok=True)
            dest = sqlite3.connect(tmp)
            try:
                self.db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise _write_error(exc, target) from exc

    # -- internals -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise WriteFailed(
                "This workspace is open read-only, so the change was not made.", self.path
            )
        self.ensure_checked()
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as exc:
            raise InvalidValue(f"The change was refused: {exc}.", self.path) from exc
        except sqlite3.Error as exc:
            raise _write_error(exc, self.path) from exc

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


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
    if not read_only and not path.exists():
        uri = path.resolve().as_uri() + "?mode=rwc"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StorageError(f"The workspace could not be opened: {exc}.", path) from exc
    return conn


def _configure(db: Database, path: Path) -> None:
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = WAL")
        # FULL: in WAL mode each commit is flushed, so a flat battery loses nothing committed.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as exc:
        raise _write_error(exc, path) from exc


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise CorruptWorkspace(
            "This workspace is damaged and cannot be opened safely "
            f"({exc}). It has not been changed; open a backup copy instead.",
            path,
        ) from exc
    if result != ["ok"]:
        raise CorruptWorkspace(
            "This workspace is damaged and cannot be opened safely "
            f"({'; '.join(result[:3])}). It has not been changed; open a backup copy instead.",
            path,
        )


def _migrate(db: Database, path: Path) -> None:
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current >= latest_version():
        return  # up to date: the migration modules (and sqlite-utils) need not be imported
    for migration in all_migrations():
        if migration.version <= current:
            continue
        log.info("migrating %s to schema version %d (%s)", path, migration.version, migration.name)
        try:
            with db.atomic():
                migration.migrate(db.full)  # sqlite-utils, imported only when migrating
                db.execute(f"PRAGMA user_version = {migration.version}")
        except sqlite3.Error as exc:
            raise _write_error(exc, path) from exc


def _copy_before_migration(path: Path, version: int) -> None:
    target = path.with_name(f"{path.stem}.before-v{_latest()}-from-v{version}{path.suffix}")
    if not target.exists():
        shutil.copy2(path, target)
        wal = Path(str(path) + "-wal")
        if wal.exists():
            shutil.copy2(wal, Path(str(target) + "-wal"))


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
