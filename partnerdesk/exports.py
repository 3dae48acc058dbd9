"""Files outside the workspace (PDF, CSV, PNG, SVG) and the text that goes into them.

One home for every export's rules: files are written whole or not at all, CSV cells never run
as spreadsheet formulas, user text loses the control characters no file format wants, and XML
(SVG) gets only characters XML can hold.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

# Files written whole, with names valid everywhere: their own module, which the backups taken on
# opening import without this one's CSV and text rules; here too for every export's sake.
from partnerdesk.atomic_files import (  # noqa: F401 - re-exported
    STALE_PART_SECONDS,
    current_umask,
    remove_stale_parts,
    safe_file_stem,
    write_atomically,
)
from partnerdesk.errors import WriteFailed
from partnerdesk.plain import pattern


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
    import unicodedata  # here, past the plain-ASCII case: the window's menus load this module

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


_CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_SPACES = r"\s+"


def one_line(text: str, limit: int) -> str:
    """Short user text (a post-it, a name): controls and runs of spaces become one space."""
    text = pattern(_CONTROL).sub(" ", clean_text(text))
    return pattern(_SPACES).sub(" ", text).strip()[:limit]


# What XML 1.0 cannot hold, named directly: the same set as "not [\t\n\r\x20-\ud7ff\ue000-\ufffd
# \U00010000-\U0010ffff]" (checked over every code point), which cost about 5 ms to compile.
# Compiled at the first SVG written, not at import (`plain.pattern`): even this set is some
# millions of instructions, and the window's menus load this module.
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


def xml_text(text: str) -> str:
    """Text with only the characters XML 1.0 can hold (for SVG); escaping is the writer's job."""
    return pattern(_NOT_XML).sub("", str(text or ""))


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
    import csv  # at the first CSV written, not when the window's menus load this module

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) if isinstance(c, str) else ("" if c is None else c) for c in row])
    return out.getvalue().encode("utf-8-sig")
