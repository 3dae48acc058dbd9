"""Files outside the workspace (PDF, CSV, PNG, SVG) and the text that goes into them.

One home for every export's rules: files are written whole or not at all, CSV cells never run
as spreadsheet formulas, user text loses the control characters no file format wants, and XML
(SVG) gets only characters XML can hold.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from partnerdesk.errors import WriteFailed

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


def write_image(path: Path | str, data: bytes | None) -> Path:
    """Write a rendered image (PNG or SVG bytes); an empty render is a failure, never a file."""
    if not data:
        raise WriteFailed("The image could not be drawn, so no file was written.", Path(path))
    return write_atomically(path, data)


# -- text ------------------------------------------------------------------------------------

_ASCII_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), 127])


def clean_text(text: str) -> str:
    """Drop control characters, surrogates and non-characters; tabs become spaces; keep lines."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    if text.isascii():
        return text.translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        if char == "\n":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or char in "\ufffe\uffff":
            continue
        kept.append(char)
    return "".join(kept)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def one_line(text: str, limit: int) -> str:
    """Short user text (a post-it, a name): controls and runs of spaces become one space."""
    text = _CONTROL.sub(" ", clean_text(text))
    return _SPACES.sub(" ", text).strip()[:limit]


# What XML 1.0 cannot hold, named directly: the same set as "not [\t\n\r\x20-\ud7ff\ue000-\ufffd
# \U00010000-\U0010ffff]" (checked over every code point), whose compiling cost every start-up
# (this module comes with the backups) about 5 ms.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text with only the characters XML 1.0 can hold (for SVG); escaping is the writer's job."""
    return _NOT_XML.sub("", str(text or ""))


# -- CSV -------------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """Keep a spreadsheet from running a cell as a formula (=, +, -, @, tab, carriage return)."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as spreadsheets read it: UTF-8 with a BOM (for accents), CRLF, every text cell safe.

    Numbers stay numbers: only strings are guarded, so a negative score is not quoted.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) if isinstance(c, str) else ("" if c is None else c) for c in row])
    return out.getvalue().encode("utf-8-sig")
