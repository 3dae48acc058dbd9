"""Files outside the workspace (PDF, CSV, PNG): written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
