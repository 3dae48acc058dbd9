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
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
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


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
