"""Automatic backups of an open workspace: on open, hourly while in use, on close; kept, pruned, restored."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from partnerdesk.atomic_files import write_atomically
from partnerdesk.errors import CorruptWorkspace, StorageError, WriteFailed
from partnerdesk.paths import backups_dir
from partnerdesk.plain import Record, pattern
from partnerdesk.store import WORKSPACE_SUFFIX, Workspace

log = logging.getLogger(__name__)

#: How many backups of one workspace are kept (a long day: open, hourly, close).
KEEP = 10
#: At most one backup per this interval while the workspace is in use.
INTERVAL = timedelta(hours=1)

REASONS = {"open": "when opened", "hourly": "while in use", "close": "when closed",
           "manual": "on request"}
#: A backup's file name (compiled at the first listing, not at start-up: `plain.pattern`).
_NAME = r"^(?P<stamp>\d{8}T\d{6}(?:\.\d{3})?Z)-(?P<reason>[a-z]+)(?:-\d+)?" + re.escape(WORKSPACE_SUFFIX) + "$"
_STAMP = "%Y%m%dT%H%M%S"
_ABOUT = "source.json"

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class BackupInfo(Record):
    """One backup file: when it was taken (UTC) and why."""

    __slots__ = ()
    _fields = ("path", "taken", "reason")
    path: Path
    taken: datetime
    reason: str

    def __new__(cls, path: Path, taken: datetime, reason: str) -> BackupInfo:
        return tuple.__new__(cls, (path, taken, reason))

    @property
    def label(self) -> str:
        """As the restore dialog shows it: local time, then why it was taken."""
        local = self.taken.astimezone()
        return f"{local.strftime('%a %d %b %Y, %H:%M:%S')} ({REASONS.get(self.reason, self.reason)})"


# -- pure policy ---------------------------------------------------------------------------------


def backup_due(last: datetime | None, now: datetime, changed: bool, interval: timedelta = INTERVAL) -> bool:
    """An hourly backup is due when something changed and the last one is an interval old."""
    if not changed:
        return False
    return last is None or now - last >= interval


def to_prune(backups: list[BackupInfo], keep: int = KEEP) -> list[BackupInfo]:
    """The backups beyond the newest `keep`."""
    newest_first = sorted(backups, key=_newest_first_key, reverse=True)
    return newest_first[keep:]


def backup_name(taken: datetime, reason: str) -> str:
    taken = taken.astimezone(UTC)
    return f"{taken.strftime(_STAMP)}.{taken.microsecond // 1000:03d}Z-{reason}{WORKSPACE_SUFFIX}"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = pattern(_NAME).match(path.name)
    if not match:
        return None
    seconds, _, millis = match["stamp"].rstrip("Z").partition(".")
    taken = datetime.strptime(seconds, _STAMP).replace(tzinfo=UTC, microsecond=int(millis or 0) * 1000)
    return BackupInfo(path=path, taken=taken, reason=match["reason"])


# -- folders -------------------------------------------------------------------------------------


def folder_for(workspace: Workspace) -> Path:
    """This workspace's backups folder: its file name and the start of its id."""
    workspace_id = workspace.info("workspace_id") or "unknown"
    return backups_dir() / f"{_safe(workspace.path.stem)}-{workspace_id[:8]}"


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder, newest first."""
    try:
        found = [parse_backup_name(p) for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    return sorted((b for b in found if b is not None), key=_newest_first_key, reverse=True)


def backups_of_file(path: Path | str) -> list[BackupInfo]:
    """Backups of the workspace at `path`, newest first, even when that file is damaged.

    A damaged file cannot tell us its id, so each backups folder records the file it came
    from; folders named after the same file name count too (the file may have moved).
    """
    path = Path(path).resolve()
    root = backups_dir()
    try:
        folders = [f for f in root.iterdir() if f.is_dir()]
    except OSError:
        return []
    matching = []
    for folder in folders:
        about = _read_about(folder)
        if about.get("source") == str(path) or folder.name.rsplit("-", 1)[0] == _safe(path.stem):
            matching.append(folder)
    found = [b for folder in matching for b in list_backups(folder)]
    return sorted(found, key=_newest_first_key, reverse=True)


def latest_backup(path: Path | str) -> BackupInfo | None:
    found = backups_of_file(path)
    return found[0] if found else None


# -- taking and restoring ------------------------------------------------------------------------


def take_backup(workspace: Workspace, reason: str, now: datetime, folder: Path | None = None,
                keep: int = KEEP) -> BackupInfo:
    """A consistent copy (SQLite backup API) into the workspace's backups folder."""
    folder = folder or folder_for(workspace)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_about(folder, workspace)
    except OSError as exc:
        raise WriteFailed(f"The backups folder could not be written: {exc.strerror}.", folder) from exc
    base = backup_name(now, reason).removesuffix(WORKSPACE_SUFFIX)
    target = folder / f"{base}{WORKSPACE_SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{base}-{n}{WORKSPACE_SUFFIX}"
        n += 1
    workspace.backup_to(target)  # verified (full integrity check) before it gets its name
    log.info("backup of %s taken (%s): %s", workspace.path, reason, target)
    # Every backup, however it is taken (the window, `partnerdesk backup`), follows the rotation.
    prune(folder, keep)
    return parse_backup_name(target) or BackupInfo(path=target, taken=now, reason=reason)


def prune(folder: Path, keep: int = KEEP) -> list[BackupInfo]:
    """Delete all but the newest `keep` backups; returns what was deleted."""
    # Half-written copies left by a crash during a backup (the finished ones were renamed).
    for leftover in folder.glob("*.part"):
        try:
            leftover.unlink()
        except OSError as exc:
            log.warning("could not delete %s: %s", leftover, exc)
    removed = []
    for backup in to_prune(list_backups(folder), keep):
        try:
            backup.path.unlink()
            removed.append(backup)
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", backup.path, exc)
    return removed


def restore_backup(backup: Path | str, target: Path | str, open_paths: tuple[Path, ...] = ()) -> Path:
    """Copy a backup into a NEW file and check that it opens; never writes over any file."""
    backup, target = Path(backup), Path(target)
    if target.exists():
        raise WriteFailed(f"{target.name} already exists. A backup is only ever restored into a new "
                          "file; choose another name.", target)
    if any(target.resolve() == p.resolve() for p in open_paths):
        raise WriteFailed("A backup is never restored over the open workspace; choose a new file.", target)
    with Workspace.open(backup, create=False, read_only=True) as source:
        problems = source.integrity_problems()
        if problems:
            raise CorruptWorkspace(f"This backup is damaged ({'; '.join(problems[:3])}); choose "
                                   "another one.", backup)
        source.backup_to(target)
    try:
        with Workspace.open(target, create=False, read_only=True) as restored:
            problems = restored.integrity_problems()
    except StorageError:
        target.unlink(missing_ok=True)
        raise
    if problems:
        target.unlink(missing_ok=True)
        raise CorruptWorkspace("The restored copy did not pass the integrity check; it was removed.", target)
    return target


def restored_name(damaged: Path, backup: BackupInfo) -> Path:
    """A free file name beside `damaged` for a restored copy, saying when the backup was taken."""
    stamp = backup.taken.astimezone().strftime("%Y-%m-%d %H%M")
    candidate = damaged.with_name(f"{damaged.stem} (restored from {stamp}){WORKSPACE_SUFFIX}")
    n = 2
    while candidate.exists():
        candidate = damaged.with_name(f"{damaged.stem} (restored from {stamp}, {n}){WORKSPACE_SUFFIX}")
        n += 1
    return candidate


class BackupKeeper:
    """The backup schedule of one open workspace; the clock is injected so tests can move time."""

    def __init__(self, workspace: Workspace, clock: Clock = utcnow, keep: int = KEEP,
                 interval: timedelta = INTERVAL, folder: Path | None = None):
        self.workspace = workspace
        self.clock = clock
        self.keep = keep
        self.interval = interval
        self.folder = folder or folder_for(workspace)
        self.last: datetime | None = None
        self._changes_at_last = self._changes()
        #: The last backup failure, for the UI to mention (a backup failing never stops work).
        self.last_error: StorageError | None = None

    def on_open(self) -> BackupInfo | None:
        return self._take("open")

    def maybe_backup(self) -> BackupInfo | None:
        """Called often (a timer, after edits): takes the hourly backup when it is due."""
        if not backup_due(self.last, self.clock(), self.changed(), self.interval):
            return None
        return self._take("hourly")

    def on_close(self) -> BackupInfo | None:
        """Before closing: a last backup if anything changed since the previous one."""
        if not self.changed():
            return None
        return self._take("close")

    def backup_now(self) -> BackupInfo | None:
        return self._take("manual")

    def changed(self) -> bool:
        return self._changes() != self._changes_at_last

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.folder)

    def _take(self, reason: str) -> BackupInfo | None:
        if self.workspace.read_only:
            return None
        now = self.clock()
        try:
            info = take_backup(self.workspace, reason, now, self.folder, self.keep)
        except StorageError as exc:
            log.warning("backup failed: %s", exc)
            self.last_error = exc
            return None
        self.last_error = None
        self.last = now
        self._changes_at_last = self._changes()
        return info

    def _changes(self) -> int:
        # Rows changed through this connection since it opened: cheap, and exact for us
        # because this process is the only writer.
        return self.workspace.conn.total_changes


def _newest_first_key(backup: BackupInfo) -> tuple[datetime, int, int]:
    # Two backups in the same millisecond: the numbered one ("-2") is the later, else the
    # one written last.
    suffix = backup.path.stem.rsplit("-", 1)[-1]
    try:
        written = backup.path.stat().st_mtime_ns
    except OSError:
        written = 0
    return backup.taken, int(suffix) if suffix.isdigit() else 1, written


def _safe(stem: str) -> str:
    cleaned = re.sub(r"[^\w .()+,-]", "_", stem).strip(" .")
    return cleaned[:60] or "workspace"


def _read_about(folder: Path) -> dict:
    try:
        return json.loads((folder / _ABOUT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_about(folder: Path, workspace: Workspace) -> None:
    about = {"source": str(workspace.path.resolve()), "workspace_id": workspace.info("workspace_id")}
    if _read_about(folder) != about:
        write_atomically(folder / _ABOUT, json.dumps(about, indent=1).encode("utf-8"))
