"""Files outside the workspace (PDF, CSV, PNG): written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from partnerdesk.errors import WriteFailed


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write a file so that it is either the old one or the whole new one, never half:
    a temporary file in the same folder, flushed to disk, then renamed over the target."""
    path = Path(path)
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise WriteFailed(f"The file could not be written: {exc.strerror or exc}.", path) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteFailed(f"The file could not be written: {exc.strerror or exc}.", path) from exc
    return path


_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}


def safe_file_stem(name: str, fallback: str = "participant") -> str:
    """A file name part from a name or title, valid on every system: no separators, reserved or
    control characters, no Windows device names, well under the 255-byte limit."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text)
    text = _RESERVED.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text or text.upper().split(".")[0] in _WINDOWS_DEVICES:
        text = f"{fallback} {text}".strip(" .")
    # Keep well under every file system's 255-byte limit, whatever the script.
    while len(text.encode("utf-8")) > 120:
        text = text[:-1]
    return text.rstrip(" .") or fallback
