"""Just enough of SQLite's file format to read cells, freelist pages and WAL frames as raw bytes.

The anonymity tests attack the files as someone with a hex editor would, not through SQL:
https://www.sqlite.org/fileformat2.html (b-tree pages, record format, freelist, WAL).
"""

from __future__ import annotations

from dataclasses import dataclass

WAL_HEADER = 32
FRAME_HEADER = 24


def varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's big-endian varint at `at`: (value, length)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + 1
    return (value << 8) | data[at + 8], 9


def record(payload: bytes) -> list:
    """The values of one record (text decoded; blobs and numbers as Python values)."""
    header_size, n = varint(payload, 0)
    types, at = [], n
    while at < header_size:
        serial, n = varint(payload, at)
        types.append(serial)
        at += n
    values, body = [], header_size
    sizes = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8, 8: 0, 9: 0}
    for serial in types:
        if serial in sizes:
            size = sizes[serial]
            raw = payload[body:body + size]
            if serial == 0:
                values.append(None)
            elif serial in (8, 9):
                values.append(serial - 8)
            elif serial == 7:
                values.append(raw)
            else:
                values.append(int.from_bytes(raw, "big", signed=True))
        else:
            size = (serial - 12) // 2 if serial % 2 == 0 else (serial - 13) // 2
            raw = payload[body:body + size]
            values.append(raw.decode("utf-8", "replace") if serial % 2 else raw)
        body += size
    return values


@dataclass(frozen=True)
class Cell:
    page: int  # page number (1-based), or the WAL frame index for a frame's page
    offset: int  # where the cell starts in its page
    values: list


def page_size(db: bytes) -> int:
    size = int.from_bytes(db[16:18], "big")
    return 65536 if size == 1 else size


def leaf_cells(page: bytes, number: int) -> list[Cell]:
    """The cells of a table or index leaf page whose payload fits in the page."""
    start = 100 if number == 1 else 0
    kind = page[start]
    if kind not in (0x0A, 0x0D):
        return []
    count = int.from_bytes(page[start + 3:start + 5], "big")
    cells = []
    for i in range(count):
        offset = int.from_bytes(page[start + 8 + 2 * i:start + 10 + 2 * i], "big")
        size, n = varint(page, offset)
        at = offset + n
        if kind == 0x0D:
            _rowid, n = varint(page, at)
            at += n
        if at + size > len(page):
            continue  # spills to an overflow page: the tests keep payloads small
        try:
            values = record(page[at:at + size])
        except (IndexError, ValueError):
            continue
        cells.append(Cell(number, offset, values))
    return cells


def db_pages(db: bytes) -> list[tuple[int, bytes]]:
    size = page_size(db)
    return [(i // size + 1, db[i:i + size]) for i in range(0, len(db), size)]


def freelist_pages(db: bytes) -> list[int]:
    """Every page on the freelist (trunk and leaf pages)."""
    size = page_size(db)
    found, trunk = [], int.from_bytes(db[32:36], "big")
    while trunk:
        page = db[(trunk - 1) * size:trunk * size]
        found.append(trunk)
        leaves = int.from_bytes(page[4:8], "big")
        found += [int.from_bytes(page[8 + 4 * i:12 + 4 * i], "big") for i in range(leaves)]
        trunk = int.from_bytes(page[0:4], "big")
    return found


def wal_frames(wal: bytes) -> list[tuple[int, bytes]]:
    """(page number, page image) of every frame in a -wal file, oldest first."""
    if len(wal) < WAL_HEADER:
        return []
    size = int.from_bytes(wal[8:12], "big")
    frames, at = [], WAL_HEADER
    while at + FRAME_HEADER + size <= len(wal):
        frames.append((int.from_bytes(wal[at:at + 4], "big"), wal[at + FRAME_HEADER:at + FRAME_HEADER + size]))
        at += FRAME_HEADER + size
    return frames


def kendall_tau(true_rank: dict[str, int], guessed: dict[str, float],
                comparable=lambda a, b: True) -> float | None:
    """Kendall's tau-a over the pairs `comparable` allows; None if there are none."""
    keys = [k for k in true_rank if k in guessed]
    total = pairs = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if not comparable(a, b) or guessed[a] == guessed[b]:
                continue
            pairs += 1
            same = (true_rank[a] < true_rank[b]) == (guessed[a] < guessed[b])
            total += 1 if same else -1
    return total / pairs if pairs else None
