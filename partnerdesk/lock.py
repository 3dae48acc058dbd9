"""One writer per workspace: a lock file beside it names the computer, user and process holding it."""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

from partnerdesk.errors import WorkspaceInUse, WriteFailed
from partnerdesk.plain import Frozen

log = logging.getLogger(__name__)


def _token(nbytes: int) -> str:
    # What secrets.token_hex does, without importing secrets (hmac, OpenSSL) and socket at start-up.
    return os.urandom(nbytes).hex()

LOCK_SUFFIX = ".lock"
#: A lock from another computer that has not been refreshed for this long is left over from a
#: crash there (a running PartnerDesk refreshes its lock every few minutes).
STALE_AFTER = timedelta(hours=12)
#: A lock file that cannot be read (a crash between creating and writing it) is stale after this.
UNREADABLE_STALE_AFTER = timedelta(seconds=30)


class LockOwner(Frozen):
    """Who holds a workspace: what the lock file says."""

    __slots__ = _fields = ("host", "user", "pid", "acquired", "refreshed", "token", "boot_id", "fingerprint")
    #: Two records of the same hold are equal whatever fingerprint each last noted.
    _compared = _fields[:-1]
    host: str
    user: str
    pid: int
    acquired: str
    refreshed: str
    token: str
    boot_id: str
    #: What ties the -wal beside the workspace to its main file (`partnerdesk.store._judge_wal`):
    #: {"db": [size, mtime_ns], "wal": [salt-1, salt-2] or None}.
    fingerprint: dict

    def __init__(self, host: str, user: str, pid: int, acquired: str, refreshed: str, token: str = "",
                 boot_id: str = "", fingerprint: dict | None = None) -> None:
        for name, value in (("host", host), ("user", user), ("pid", pid), ("acquired", acquired),
                            ("refreshed", refreshed), ("token", token), ("boot_id", boot_id),
                            ("fingerprint", {} if fingerprint is None else fingerprint)):
            object.__setattr__(self, name, value)

    @property
    def refreshed_at(self) -> datetime:
        return _parse_time(self.refreshed)

    def describe(self) -> str:
        who = f"{self.user} on the computer “{self.host}”" if self.user else f"the computer “{self.host}”"
        since = _parse_time(self.acquired).astimezone().strftime("%d %b %Y %H:%M")
        return f"{who} (since {since})"


def lock_path(workspace: Path | str) -> Path:
    workspace = Path(workspace)
    return workspace.with_name(workspace.name + LOCK_SUFFIX)


def current_owner(now: datetime | None = None) -> LockOwner:
    stamp = _format_time(now or _utcnow())
    return LockOwner(host=_host(), user=_user(), pid=os.getpid(), acquired=stamp, refreshed=stamp,
                     token=_token(8), boot_id=_boot_id())


def read_lock(path: Path) -> LockOwner | None:
    """The owner recorded in a lock file, or None if the file is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LockOwner(
            host=str(data["host"]), user=str(data.get("user", "")), pid=int(data["pid"]),
            acquired=str(data["acquired"]), refreshed=str(data.get("refreshed", data["acquired"])),
            token=str(data.get("token", "")), boot_id=str(data.get("boot_id", "")),
            fingerprint=data.get("fingerprint") if isinstance(data.get("fingerprint"), dict) else {},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(owner: LockOwner, now: datetime | None = None, host: str | None = None) -> bool:
    """True when the holder is certainly gone: its process ended, or its computer went quiet."""
    now = now or _utcnow()
    host = host if host is not None else _host()
    if owner.host == host:
        if owner.pid == os.getpid():
            return True  # this process holds its locks in WorkspaceLock._held; this one is a leftover
        if owner.boot_id and _boot_id() and owner.boot_id != _boot_id():
            return True  # the computer restarted since
        return not pid_alive(owner.pid) or _started_after(owner.pid, _parse_time(owner.acquired))
    try:
        return now - owner.refreshed_at > STALE_AFTER
    except ValueError:
        return True


class WorkspaceLock:
    """This process's hold on one workspace. Shared by every writer in the process (counted)."""

    _held: ClassVar[dict[Path, WorkspaceLock]] = {}
    _mutex: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, path: Path, owner: LockOwner):
        self.path = path
        self.owner = owner
        self.count = 1

    @classmethod
    def acquire(cls, workspace: Path | str) -> WorkspaceLock:
        """Take the lock or raise `WorkspaceInUse` naming the holder; stale locks are cleared."""
        path = lock_path(Path(workspace).resolve())
        with cls._mutex:
            held = cls._held.get(path)
            if held is not None:
                held.count += 1
                return held
            owner = current_owner()
            for _attempt in range(3):
                if _create_exclusive(path, owner):
                    lock = cls(path, owner)
                    cls._held[path] = lock
                    return lock
                _clear_if_stale(path, Path(workspace))
            raise _in_use(path, Path(workspace))

    def release(self) -> None:
        with self._mutex:
            self.count -= 1
            if self.count > 0:
                return
            self._held.pop(self.path, None)
            if self.is_ours():
                with contextlib.suppress(OSError):
                    self.path.unlink()

    def is_ours(self) -> bool:
        found = read_lock(self.path)
        return found is not None and found.token == self.owner.token

    def refresh(self, now: datetime | None = None) -> bool:
        """Mark the lock as still in use (other computers judge staleness by this time)."""
        return self._rewrite(refreshed=_format_time(now or _utcnow()))

    def record(self, fingerprint: dict) -> bool:
        """Note what proves the -wal beside the workspace ours, should this process be killed."""
        return self._rewrite(fingerprint=fingerprint)

    def _rewrite(self, **changes) -> bool:
        if not self.is_ours():
            log.warning("the lock %s is no longer ours", self.path)
            return False
        updated = self.owner.replace(**changes)
        tmp = self.path.with_name(f"{self.path.name}.{self.owner.token}.tmp")
        try:
            tmp.write_text(json.dumps(updated.as_dict(), indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not refresh the lock %s: %s", self.path, exc)
            return False
        self.owner = updated
        return True

    @classmethod
    def release_all(cls) -> None:
        """At exit: let go of every lock this process still holds."""
        for lock in list(cls._held.values()):
            lock.count = 1
            lock.release()


def _create_exclusive(path: Path, owner: LockOwner) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise WriteFailed(
            f"The folder holding this workspace cannot be written ({exc.strerror}), so it can only "
            "be opened read-only.",
            path.with_suffix(""),
        ) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(owner.as_dict(), indent=1))
        handle.flush()
        os.fsync(handle.fileno())
    return True


def _clear_if_stale(path: Path, workspace: Path) -> None:
    owner = read_lock(path)
    if owner is None:
        try:
            age = _utcnow() - datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            return  # gone meanwhile: try again
        if age < UNREADABLE_STALE_AFTER:
            raise _in_use(path, workspace)
    elif not is_stale(owner):
        raise _in_use(path, workspace)
    # Move it aside first and check it is still the stale one: another process may have
    # cleared it and taken a fresh lock in between, and that one must survive.
    aside = path.with_name(f"{path.name}.{_token(6)}.stale")
    try:
        os.replace(path, aside)
    except OSError:
        return
    if read_lock(aside) != owner:
        with contextlib.suppress(OSError):
            os.link(aside, path)
        with contextlib.suppress(OSError):
            aside.unlink()
        raise _in_use(path, workspace)
    log.info("cleared a stale lock on %s left by %s", workspace, owner)
    with contextlib.suppress(OSError):
        aside.unlink()


def _in_use(path: Path, workspace: Path) -> WorkspaceInUse:
    owner = read_lock(path)
    if owner is not None:
        message = (f"This workspace is open in PartnerDesk by {owner.describe()}. Only one copy of "
                   "PartnerDesk can change it at a time. You can open it read-only, or close it "
                   "there first.")
    else:
        # Empty or unreadable: a PartnerDesk is taking the lock right now, or one was stopped
        # while taking it. Say what is known, not who.
        message = (f"The lock file beside this workspace ({path.name}) is empty or unreadable: "
                   "either PartnerDesk is opening this workspace right now, or it was stopped "
                   "while opening it. Try again in a minute (a left-over lock file is cleared "
                   f"after {int(UNREADABLE_STALE_AFTER.total_seconds())} seconds), or open it "
                   "read-only now.")
    error = WorkspaceInUse(message, workspace)
    error.owner = owner  # type: ignore[attr-defined]
    return error


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid_alive_windows(pid: int) -> bool:
    # os.kill on Windows would terminate the process, so ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _started_after(pid: int, when: datetime) -> bool:
    """On Linux: True if process `pid` started after `when`, so it reused a dead holder's id."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        started = boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return False
    # A second of slack: btime and the tick count are both rounded.
    return started > when.timestamp() + 1.0


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _host() -> str:
    """The host name, as socket.gethostname() gives it (`platform.node()`'s answer, without
    importing `platform` at every opening)."""
    if hasattr(os, "uname"):
        return os.uname().nodename or "unknown"
    import platform  # Windows

    return platform.node() or "unknown"


def _user() -> str:
    """The login name, as `getpass.getuser()` finds it (the environment, then the password
    database), without importing `getpass`, which imports `termios` for its prompts."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        user = os.environ.get(name)
        if user:
            return user
    try:
        import pwd

        return pwd.getpwuid(os.getuid())[0]
    except (OSError, KeyError, ImportError, AttributeError):
        return ""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _format_time(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _parse_time(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# A normal exit that skipped closing a workspace must not leave a lock behind.
atexit.register(WorkspaceLock.release_all)
