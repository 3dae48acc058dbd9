"""The workspace file on disk: recognising it, checking it, migrating it and connecting to it.

Everything here works on paths and raw connections, before (or beside) an open `Workspace`:
the header and schema checks that refuse a file that is not a workspace, the -wal's provenance,
the pre-migration copy, and the in-memory copy that keeps edits while another program holds
the file. `partnerdesk.store` is the only user.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerdesk.errors import (
    CorruptWorkspace,
    ForeignWal,
    InvalidValue,
    NewerVersion,
    NotAWorkspace,
    StorageError,
    WriteFailed,
)
from partnerdesk.lock import lock_path, read_lock
from partnerdesk.migrations import all_migrations, expected_schema, latest_version
from partnerdesk.plain import Record

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

#: "PDs1": marks a SQLite file as a PartnerDesk workspace (PRAGMA application_id).
APPLICATION_ID = 0x50447331
SQLITE_HEADER = b"SQLite format 3\x00"
WORKSPACE_SUFFIX = ".partnerdesk"


class FileHeader(Record):
    """The few header fields that say what a SQLite file is, read without SQLite."""

    __slots__ = ()
    _fields = ("application_id", "user_version", "page_count", "wal")
    application_id: int
    user_version: int
    page_count: int
    #: In write-ahead-log mode (header bytes 18-19 are 2), as the store leaves its files.
    wal: bool

    def __new__(cls, application_id: int, user_version: int, page_count: int, wal: bool = False) -> FileHeader:
        return tuple.__new__(cls, (application_id, user_version, page_count, wal))


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


def _inspect(path: Path, here: bool, defer_check: bool = False) -> tuple[int, bool]:
    """Validate the file through a read-only connection that leaves nothing beside it.

    Returns its schema version and whether the integrity check ran (with `defer_check`, not for
    a clean, up-to-date file; a file not closed cleanly, a -wal with frames, is always checked).
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
    return version, checked


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


def database(conn: sqlite3.Connection | None = None) -> sqlite_utils.Database:
    """The sqlite-utils `Database` for a connection of the store (in memory when None).

    `execute_plugins=False`: no sqlite-utils plugin installed alongside may change a workspace's
    connection, and not looking for plugins spares every start-up the scan of each installed
    distribution's entry points (importlib.metadata), a tenth of a bare window's start-up.
    sqlite-utils is imported here, when the first `Database` is made, not with the store.
    """
    import sqlite_utils

    if conn is None:
        return sqlite_utils.Database(memory=True, execute_plugins=False)
    return sqlite_utils.Database(conn, execute_plugins=False)


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    """The connection's settings: plain PRAGMAs, so opening needs no `Database` yet."""
    try:
        # Outside any transaction (as sqlite-utils' `ensure_autocommit_on` does it).
        isolation, conn.isolation_level = conn.isolation_level, None
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.isolation_level = isolation
        # FULL: in WAL mode each commit is flushed, so a flat battery loses nothing committed.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # A -wal left larger than this by a long reader is cut back when it restarts.
        conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
        # Only this store changes the main file (`Workspace.checkpoint`), so the lock file can
        # always say which main file the -wal belongs to (`_judge_wal`).
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        # Deleted content is overwritten with zeros, so freed space keeps no earlier answers.
        conn.execute("PRAGMA secure_delete = ON")
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


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Every pending migration in ONE transaction: after any kill the file is fully old or new."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= latest_version():
        return
    pending = [m for m in all_migrations() if m.version > current]
    db = database(conn)
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
            _copy_into(source, tmp, check=False)
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


def _copy_into(source: sqlite3.Connection, target: Path, check: bool) -> list[str]:
    """A whole copy of `source` at `target` (SQLite's backup API, rollback journal); with
    `check`, what the full integrity check of the copy says (["ok"] when it is sound)."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        return [r[0] for r in dest.execute("PRAGMA integrity_check")] if check else []
    finally:
        dest.close()


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
            problems = _copy_into(source, tmp, check=True)
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
