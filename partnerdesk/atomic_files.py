"""Files written whole or not at all, and file names valid on every system.

Apart from `partnerdesk.exports` (which offers them too) because a workspace's opening writes a
backup with `write_atomically` and the window's menus name files with `safe_file_stem`: neither
needs the CSV writer and text rules the exports bring, so the first window does without them.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from partnerdesk.errors import WriteFailed
from partnerdesk.plain import pattern

_PART = ".part"
#: A leftover temporary file older than this is from a run that was killed mid-export.
STALE_PART_SECONDS = 15 * 60


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write a file so that it is either the old one or the whole new one, never half:
    a temporary file in the same folder, flushed to disk, then renamed over the target.

    The file gets the permissions of any file the user saves (0666 less the umask), not the
    temporary file's 0600; temporary files that a killed export left behind are removed.
    """
    path = Path(path)
    remove_stale_parts(path.parent)
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_PART, dir=path.parent)
    except OSError as exc:
        raise WriteFailed(f"The file could not be written: {exc.strerror or exc}.", path) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if hasattr(os, "fchmod"):  # POSIX; Windows files have no mode bits to set
                os.fchmod(out.fileno(), 0o666 & ~current_umask())
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteFailed(f"The file could not be written: {exc.strerror or exc}.", path) from exc
    return path


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    # Elsewhere the only way is to set it and put it back (at start-up and per export: brief).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete `.<name>.<random>.part` files older than STALE_PART_SECONDS in `folder`:
    what an export killed half-way left. Recent ones may be another export still writing."""
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for candidate in folder.glob(f".*{_PART}"):
            with contextlib.suppress(OSError):
                info = candidate.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_PART_SECONDS:
                    candidate.unlink()
                    removed.append(candidate)
    return removed


_RESERVED = r'[<>:"/\\|?*\x00-\x1f\x7f]'
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}


def safe_file_stem(name: str, fallback: str = "participant") -> str:
    """A file name part from a name or title, valid on every system: no separators, reserved or
    control characters, no Windows device names, well under the 255-byte limit."""
    import unicodedata  # at the first file named, not at start-up

    text = unicodedata.normalize("NFC", name)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text)
    text = pattern(_RESERVED).sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text or text.upper().split(".")[0] in _WINDOWS_DEVICES:
        text = f"{fallback} {text}".strip(" .")
    # Keep well under every file system's 255-byte limit, whatever the script.
    while len(text.encode("utf-8")) > 120:
        text = text[:-1]
    return text.rstrip(" .") or fallback
