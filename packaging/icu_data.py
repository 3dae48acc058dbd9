"""A smaller ICU data library for the Linux bundle: the same libicudata.so.N, minus the data Qt
cannot reach.

PySide6's Linux wheels ship ICU for QtCore, and ICU's data (libicudata, 31 MB) is the largest
file in the bundle. QtCore is the only library in the bundle that calls ICU (checked with
`nm -D --undefined-only` on every file that links libicuuc or libicui18n), and the only ICU
services it calls are converters (`ucnv_*`: text encodings), collation (`ucol_*`: QCollator and
locale-aware sorting), calendars (`ucal_*`: time-zone ids and names) and case mapping
(`u_strToUpper`/`u_strToLower`). So the data those services load stays: every locale's main
data, collation, time-zone names, converters, normalisation and the supplemental tables. What
goes is data only other ICU services read: break iterators and their dictionaries (Qt breaks
text with its own tables), language, region, currency and unit display names and number
spell-out rules (Qt's QLocale carries its own CLDR data), transliteration, character names,
confusables, StringPrep and IDNA (Qt's own), emoji and layout properties.
docs/PERFORMANCE.md says how this was checked (pages of the data mapped while the whole test
suite and probes in many locales ran, and identical output with the full and trimmed data).

The ICU data format is a "common data" package: a header, a table of contents sorted by item
name (name offset, data offset), the names, then the items, each 16-byte aligned and
self-contained. Dropping items is rewriting the table; the library is the package under the
symbol ICU links to (`icudt73_dat`), assembled with binutils' `as` and `ld` (its size read with
`nm`); PyInstaller already needs binutils on Linux (objdump, strip).
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

#: Items (paths inside the package, after its "icudtNNl/" prefix) that no service Qt calls loads.
DROPPED = re.compile(
    r"^(brkitr|lang|region|curr|unit|rbnf|translit)/"
    r"|^(unames\.icu|confusables\.cfu|uts46\.nrm|ulayout\.icu|uemoji\.icu|[a-z0-9]+\.spp)$"
)
HEADER_MAGIC = b"\xda\x27"
PADDING = b"\xaa"  # what ICU's own tools pad with


def _find_package(library: bytes) -> int:
    """The offset of the common-data package inside the library file."""
    at = 0
    while (at := library.find(HEADER_MAGIC, at + 1)) != -1:
        start = at - 2
        if library[start + 12:start + 16] == b"CmnD" and start % 16 == 0:
            return start
    raise ValueError("no ICU common data package in the library")


def read_package(library: bytes, size: int) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its items (name, data) in table order; `size` is the package's
    length (the size of the icudtNN_dat symbol)."""
    start = _find_package(library)
    header_size = struct.unpack_from("<H", library, start)[0]
    toc = start + header_size
    count = struct.unpack_from("<I", library, toc)[0]
    entries = struct.unpack_from(f"<{2 * count}I", library, toc + 4)
    starts = [toc + entries[2 * i + 1] for i in range(count)]
    ends = [*starts[1:], start + size]
    items = []
    for i in range(count):
        name_at = toc + entries[2 * i]
        name = library[name_at:library.index(b"\0", name_at)].decode("ascii")
        items.append((name, library[starts[i]:ends[i]]))
    return library[start:toc], items


def _symbol_size(source: Path, symbol: str) -> int:
    listing = subprocess.run(["nm", "-D", "-S", "--defined-only", str(source)], check=True,
                             capture_output=True, text=True).stdout
    for line in listing.splitlines():
        fields = line.split()
        if fields[-1] == symbol:
            return int(fields[1], 16)
    raise ValueError(f"{source.name} does not define {symbol}")


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common-data package of `items` (kept in their sorted order) under `header`."""
    count = len(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * count
    data_at = table_size + len(names)
    data_at += -data_at % 16
    entries, blobs, name_at, offset = [], [], table_size, data_at
    for name, data in items:
        entries += [name_at, offset]
        name_at += len(name) + 1
        blobs.append(data + PADDING * (-len(data) % 16))
        offset += len(blobs[-1])
    table = struct.pack(f"<I{2 * count}I", count, *entries)
    padding = PADDING * (data_at - table_size - len(names))
    return header + table + names + padding + b"".join(blobs)


def trimmed_library(source: Path, out_dir: Path) -> Path:
    """Write a libicudata.so.N without the dropped items into `out_dir`; return its path."""
    version = re.search(r"\.so\.(\d+)", source.name).group(1)
    library = source.read_bytes()
    header, items = read_package(library, _symbol_size(source, f"icudt{version}_dat"))
    kept = [(name, data) for name, data in items if not DROPPED.search(name.split("/", 1)[1])]
    out_dir.mkdir(parents=True, exist_ok=True)
    package = out_dir / f"icudt{version}l.dat"
    package.write_bytes(write_package(header, kept))
    assembly = out_dir / "icudata.s"
    assembly.write_text(
        f"\t.globl icudt{version}_dat\n\t.section .rodata\n\t.balign 16\n"
        f"\t.type icudt{version}_dat, @object\nicudt{version}_dat:\n"
        f'\t.incbin "{package.name}"\n\t.size icudt{version}_dat, . - icudt{version}_dat\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    target = out_dir / source.name
    subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=out_dir, check=True)
    subprocess.run(["ld", "-shared", "-soname", source.name, "-o", target.name, "icudata.o"],
                   cwd=out_dir, check=True)
    return target
