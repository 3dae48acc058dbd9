"""Post-it walls: zones from a template, notes, clusters (themes), dot votes, layout and CSV export."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NewType

from partnerdesk import records
from partnerdesk.exports import write_atomically
from partnerdesk.resources import template
from partnerdesk.store import Workspace

KIND = "post_it_wall"
NOTES = "wall_notes"
CLUSTERS = "wall_clusters"

NoteId = NewType("NoteId", str)
ClusterId = NewType("ClusterId", str)

# Wall geometry in scene units (a post-it is 160 x 110; a zone starts four post-its wide).
NOTE_WIDTH = 160.0
NOTE_HEIGHT = 110.0
GAP = 14.0
CELL_WIDTH = NOTE_WIDTH + GAP
CELL_HEIGHT = NOTE_HEIGHT + GAP
ZONE_HEADER = 96.0
ZONE_MARGIN = 16.0
ZONE_COLUMNS = 4
ZONE_MIN_ROWS = 3
ZONE_SPACING = 24.0
#: A cluster's name sits on a tab above its notes, so grouped notes leave room for it.
CLUSTER_TAB = 30.0

MAX_TEXT = 500
DEFAULT_DOTS = 3

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


# -- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zone:
    """One part of the wall: a question with its post-it colour."""

    key: str
    label: str
    question: str
    colour: str  # "#rrggbb"
    row: int
    column: int


@dataclass(frozen=True)
class WallTemplate:
    id: str
    title: str
    instructions: str
    zones: tuple[Zone, ...]
    dots_per_participant: int

    def zone(self, key: str) -> Zone | None:
        return next((z for z in self.zones if z.key == key), None)


@dataclass(frozen=True)
class Note:
    id: NoteId
    exercise_id: str
    zone: str
    text: str
    author: str
    x: float
    y: float
    hidden: bool
    votes: int
    cluster_id: ClusterId | None


@dataclass(frozen=True)
class Cluster:
    id: ClusterId
    exercise_id: str
    zone: str
    name: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def distance_to(self, x: float, y: float) -> float:
        dx = max(self.x - x, 0.0, x - self.right)
        dy = max(self.y - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class WallSettings:
    """Per-wall choices kept in the exercise's `settings` JSON."""

    dots_per_participant: int
    collect_hidden: bool


# -- templates and settings ------------------------------------------------------------------


def wall_template(template_id: str) -> WallTemplate:
    found = template(template_id)
    zones = tuple(
        Zone(
            key=str(z["key"]),
            label=str(z.get("label", z["key"])),
            question=str(z["question"]),
            colour=str(z["colour"]),
            row=int(z.get("row", 0)),
            column=int(z.get("column", i)),
        )
        for i, z in enumerate(found["zones"])
    )
    return WallTemplate(
        id=found.id,
        title=found.title,
        instructions=found.instructions,
        zones=zones,
        dots_per_participant=int(found.get("dots_per_participant", DEFAULT_DOTS)),
    )


def wall_settings(exercise: records.Exercise, wall: WallTemplate) -> WallSettings:
    raw = exercise.settings_dict
    dots = raw.get("dots_per_participant", wall.dots_per_participant)
    try:
        dots = max(0, int(dots))
    except (TypeError, ValueError):
        dots = wall.dots_per_participant
    return WallSettings(dots_per_participant=dots, collect_hidden=bool(raw.get("collect_hidden", False)))


def settings_with(exercise: records.Exercise, **changes: Any) -> str:
    """The exercise's settings JSON with some keys changed, the others kept as they were."""
    raw = exercise.settings_dict
    raw.update(changes)
    return json.dumps(raw, sort_keys=True)


# -- reading ---------------------------------------------------------------------------------


def note_from_row(row: Mapping[str, Any]) -> Note:
    return Note(
        id=NoteId(row["id"]),
        exercise_id=row["exercise_id"],
        zone=row["zone"],
        text=row["text"],
        author=row["author"],
        x=float(row["x"]),
        y=float(row["y"]),
        hidden=bool(row["hidden"]),
        votes=int(row["votes"]),
        cluster_id=ClusterId(row["cluster_id"]) if row["cluster_id"] else None,
    )


def cluster_from_row(row: Mapping[str, Any]) -> Cluster:
    return Cluster(
        id=ClusterId(row["id"]), exercise_id=row["exercise_id"], zone=row["zone"], name=row["name"]
    )


def notes(ws: Workspace, exercise_id: str) -> list[Note]:
    return [note_from_row(r) for r in ws.rows(NOTES, {"exercise_id": exercise_id})]


def note(ws: Workspace, note_id: str) -> Note | None:
    row = ws.get(NOTES, note_id)
    return note_from_row(row) if row else None


def notes_by_id(ws: Workspace, note_ids: Sequence[str]) -> dict[str, Note]:
    """Several post-its at once (a drag of hundreds reads them in a few queries, not hundreds)."""
    found: dict[str, Note] = {}
    ids = list(note_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in ws.query(f"SELECT * FROM {NOTES} WHERE id IN ({marks})", chunk):
            found[row["id"]] = note_from_row(row)
    return found


def clusters(ws: Workspace, exercise_id: str) -> list[Cluster]:
    rows = ws.rows(CLUSTERS, {"exercise_id": exercise_id}, order_by="name COLLATE NOCASE")
    return [cluster_from_row(r) for r in rows]


def cluster(ws: Workspace, cluster_id: str) -> Cluster | None:
    row = ws.get(CLUSTERS, cluster_id)
    return cluster_from_row(row) if row else None


def walls(ws: Workspace, workshop_id: str) -> list[records.Exercise]:
    return [e for e in records.exercises(ws, workshop_id) if e.kind == KIND]


# -- rules -----------------------------------------------------------------------------------


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """A post-it's text: control characters and runs of spaces become one space, trimmed."""
    text = _CONTROL.sub(" ", text or "")
    return _SPACES.sub(" ", text).strip()[:limit]


def note_row(
    exercise_id: str,
    zone: str,
    text: str,
    position: tuple[float, float],
    author: str = "",
    hidden: bool = False,
) -> dict[str, Any]:
    """The store record for a new post-it (anonymous unless an author is typed)."""
    return {
        "exercise_id": exercise_id,
        "zone": zone,
        "text": clean_text(text),
        "author": clean_text(author, 120),
        "x": float(position[0]),
        "y": float(position[1]),
        "hidden": 1 if hidden else 0,
        "votes": 0,
        "cluster_id": None,
    }


def zone_columns(count: int) -> int:
    """How many post-its wide a zone is filled: four, widening as it fills, so that a big wall
    stays roughly as wide as it is tall and a view of the whole wall can still show it."""
    return max(ZONE_COLUMNS, math.ceil(math.sqrt(max(0, count) * CELL_HEIGHT / CELL_WIDTH)))


def slot_position(index: int, columns: int = ZONE_COLUMNS) -> tuple[float, float]:
    """Zone-local top-left corner of the `index`-th grid cell, row by row."""
    row, column = divmod(index, max(1, columns))
    return (ZONE_MARGIN + column * CELL_WIDTH, ZONE_HEADER + row * CELL_HEIGHT)


def next_free_slots(
    taken: Iterable[tuple[float, float]], count: int = 1, columns: int = ZONE_COLUMNS
) -> list[tuple[float, float]]:
    """Zone-local positions of the first `count` grid cells no post-it sits on."""
    # The grid cell each post-it sits on (nearest cell to its top-left corner).
    occupied = {(round((x - ZONE_MARGIN) / CELL_WIDTH), round((y - ZONE_HEADER) / CELL_HEIGHT))
                for x, y in taken}
    found: list[tuple[float, float]] = []
    index = 0
    while len(found) < count:
        row, column = divmod(index, columns)
        if (column, row) not in occupied:
            found.append(slot_position(index, columns))
        index += 1
    return found


def zone_counts(wall_notes: Iterable[Note], zones: Sequence[Zone]) -> dict[str, int]:
    """Post-its per zone, every zone present (0 when empty), in the template's order."""
    counted = Counter(n.zone for n in wall_notes)
    return {z.key: counted.get(z.key, 0) for z in zones}


def ranking(wall_notes: Iterable[Note]) -> list[Note]:
    """Post-its with at least one dot, most dots first; ties in alphabetical order."""
    voted = [n for n in wall_notes if n.votes > 0]
    return sorted(voted, key=lambda n: (-n.votes, n.text.casefold(), n.id))


def dots_used(wall_notes: Iterable[Note]) -> int:
    return sum(n.votes for n in wall_notes)


def dot_allowance(participants: int, dots_per_participant: int) -> int:
    return max(0, participants) * max(0, dots_per_participant)


def zone_for_new_cluster(selected: Sequence[Note]) -> str | None:
    """The zone a theme of these post-its lives in: only post-its of one zone group together."""
    zones = {n.zone for n in selected}
    return zones.pop() if len(zones) == 1 else None


def block_positions(
    count: int, origin: tuple[float, float], columns: int = 3
) -> list[tuple[float, float]]:
    """Positions for `count` post-its side by side in a compact block from `origin` (top-left)."""
    columns = max(1, min(columns, count))
    return [
        (origin[0] + (i % columns) * CELL_WIDTH, origin[1] + (i // columns) * CELL_HEIGHT)
        for i in range(count)
    ]


def overlapping(
    placed: Iterable[tuple[float, float]], others: Iterable[tuple[float, float]]
) -> bool:
    """Whether any post-it at `placed` would cover any post-it at `others` (top-left corners)."""
    others = list(others)
    for x, y in placed:
        for ox, oy in others:
            if abs(x - ox) < NOTE_WIDTH and abs(y - oy) < NOTE_HEIGHT:
                return True
    return False


def tidy_positions(
    zone_notes: Sequence[Note],
    cluster_names: Mapping[str, str],
    columns: int = ZONE_COLUMNS,
) -> dict[str, tuple[float, float]]:
    """A neat grid for one zone: each theme's post-its together (themes by name), then the rest.

    Each theme starts a new row under a tab for its name; post-its keep their reading order
    (top to bottom, left to right) inside a theme.
    """
    order = sorted(zone_notes, key=lambda n: (round(n.y / CELL_HEIGHT), n.x, n.id))
    groups: dict[str | None, list[Note]] = {}
    for found in order:
        key = found.cluster_id if found.cluster_id in cluster_names else None
        groups.setdefault(key, []).append(found)
    themed = sorted((k for k in groups if k is not None), key=lambda k: (cluster_names[k].casefold(), k))
    positions: dict[str, tuple[float, float]] = {}
    y = ZONE_HEADER
    for key in [*themed, None]:
        members = groups.get(key, [])
        if not members:
            continue
        if key is not None:
            y += CLUSTER_TAB
        for i, member in enumerate(members):
            row, column = divmod(i, columns)
            positions[member.id] = (ZONE_MARGIN + column * CELL_WIDTH, y + row * CELL_HEIGHT)
        y += math.ceil(len(members) / columns) * CELL_HEIGHT
    return positions


# -- the wall's layout -----------------------------------------------------------------------


def zone_extent(zone_notes: Iterable[Note]) -> tuple[float, float]:
    """The size a zone needs: at least its empty size, and room for every post-it.

    Height grows in steps of `ZONE_MIN_ROWS` rows, so a zone filling up keeps empty rows for
    the next post-its and the wall is laid out again only now and then, not at every post-it.
    """
    width = ZONE_MARGIN * 2 + ZONE_COLUMNS * CELL_WIDTH - GAP
    bottom = 0.0
    for n in zone_notes:
        width = max(width, n.x + NOTE_WIDTH + ZONE_MARGIN)
        bottom = max(bottom, n.y + NOTE_HEIGHT)
    rows = max(1, math.ceil((bottom - ZONE_HEADER + GAP) / CELL_HEIGHT))
    rows = max(ZONE_MIN_ROWS, math.ceil(rows / ZONE_MIN_ROWS) * ZONE_MIN_ROWS)
    return width, ZONE_HEADER + rows * CELL_HEIGHT - GAP + ZONE_MARGIN


def zone_rects(
    zones: Sequence[Zone], extents: Mapping[str, tuple[float, float]] | None = None
) -> dict[str, Rect]:
    """Where each zone sits on the wall: the template's rows and columns, each as big as needed."""
    extents = extents or {}
    empty = zone_extent(())
    size = {z.key: extents.get(z.key, empty) for z in zones}
    widths: dict[int, float] = {}
    heights: dict[int, float] = {}
    for z in zones:
        widths[z.column] = max(widths.get(z.column, 0.0), size[z.key][0])
        heights[z.row] = max(heights.get(z.row, 0.0), size[z.key][1])
    lefts, x = {}, 0.0
    for column in sorted(widths):
        lefts[column] = x
        x += widths[column] + ZONE_SPACING
    tops, y = {}, 0.0
    for row in sorted(heights):
        tops[row] = y
        y += heights[row] + ZONE_SPACING
    return {z.key: Rect(lefts[z.column], tops[z.row], widths[z.column], heights[z.row]) for z in zones}


def zone_at(rects: Mapping[str, Rect], x: float, y: float) -> str:
    """The zone under a point on the wall, or the nearest one when the point is between zones."""
    for key, rect in rects.items():
        if rect.contains(x, y):
            return key
    return min(rects, key=lambda k: rects[k].distance_to(x, y))


def dropped_position(
    rects: Mapping[str, Rect], left: float, top: float
) -> tuple[str, tuple[float, float]]:
    """A post-it dropped with its top-left at (left, top): the zone under its centre, and its
    zone-local position kept inside that zone (never above the question or left of the edge)."""
    key = zone_at(rects, left + NOTE_WIDTH / 2, top + NOTE_HEIGHT / 2)
    rect = rects[key]
    local_x = min(max(left - rect.x, 0.0), max(0.0, rect.width - NOTE_WIDTH))
    local_y = max(top - rect.y, ZONE_HEADER)
    return key, (round(local_x, 1), round(local_y, 1))


def theme_frames(rects: Mapping[str, Rect], wall_notes: Mapping[str, Note]) -> dict[str, Rect]:
    """The frame round each theme's post-its on the wall (with its name tab), from the store."""
    bounds: dict[str, list[float]] = {}
    for n in wall_notes.values():
        rect = rects.get(n.zone)
        if not n.cluster_id or rect is None:
            continue
        left, top = rect.x + n.x, rect.y + n.y
        box = bounds.setdefault(n.cluster_id, [left, top, left + NOTE_WIDTH, top + NOTE_HEIGHT])
        box[0], box[1] = min(box[0], left), min(box[1], top)
        box[2], box[3] = max(box[2], left + NOTE_WIDTH), max(box[3], top + NOTE_HEIGHT)
    pad = GAP / 2
    return {cid: Rect(b[0] - pad, b[1] - pad - CLUSTER_TAB, b[2] - b[0] + 2 * pad,
                      b[3] - b[1] + 2 * pad + CLUSTER_TAB)
            for cid, b in bounds.items()}


def drop_changes(
    rects: Mapping[str, Rect],
    wall_notes: Mapping[str, Note],
    dropped: Mapping[str, tuple[float, float]],
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """What a drag changes: (post-it changes, theme changes) by id, for the store.

    `dropped` gives each dragged post-it's new top-left on the wall. A theme whose post-its were
    all dragged moves as one: they all go to the zone under their middle, and the theme with
    them. Any other post-it belongs, after the drop, to the theme whose frame its middle lands
    in (its own if it stays inside it, another if dropped into that one's frame), and to no
    theme when dropped outside every frame.
    """
    note_changes: dict[str, dict[str, Any]] = {}
    cluster_changes: dict[str, dict[str, Any]] = {}
    members: dict[str, list[str]] = {}
    for found in wall_notes.values():
        if found.cluster_id:
            members.setdefault(found.cluster_id, []).append(found.id)
    whole = {cid for cid, ids in members.items() if all(i in dropped for i in ids)}
    for cid in whole:
        ids = members[cid]
        middle_x = sum(dropped[i][0] for i in ids) / len(ids) + NOTE_WIDTH / 2
        middle_y = sum(dropped[i][1] for i in ids) / len(ids) + NOTE_HEIGHT / 2
        zone = zone_at(rects, middle_x, middle_y)
        rect = rects[zone]
        for i in ids:
            left, top = dropped[i]
            local = (round(min(max(left - rect.x, 0.0), max(0.0, rect.width - NOTE_WIDTH)), 1),
                     round(max(top - rect.y, ZONE_HEADER), 1))
            note_changes[i] = {"zone": zone, "x": local[0], "y": local[1]}
        cluster_changes[cid] = {"zone": zone}
    frames = theme_frames(rects, wall_notes)
    for note_id, (left, top) in dropped.items():
        found = wall_notes.get(note_id)
        if found is None or note_id in note_changes:
            continue
        zone, (x, y) = dropped_position(rects, left, top)
        change: dict[str, Any] = {"zone": zone, "x": x, "y": y}
        middle = (left + NOTE_WIDTH / 2, top + NOTE_HEIGHT / 2)
        inside = [cid for cid, frame in frames.items() if cid not in whole and frame.contains(*middle)]
        theme = found.cluster_id if found.cluster_id in inside else (inside[0] if inside else None)
        if theme != found.cluster_id:
            change["cluster_id"] = theme
        note_changes[note_id] = change
    # Leave out what did not change at all, so a click without a drag writes nothing.
    for note_id in list(note_changes):
        found = wall_notes.get(note_id)
        if found is not None and all(getattr(found, k) == v for k, v in note_changes[note_id].items()):
            del note_changes[note_id]
    return note_changes, cluster_changes


def move_to_zone_changes(
    wall_notes: Mapping[str, Note], selected: Sequence[str], zone: str
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """A keyboard move of the selected post-its to another zone: (post-it changes, theme changes).

    They take the first free places there. As with a drag, a theme whose post-its all move goes
    with them; a post-it moved without the rest of its theme leaves it.
    """
    moving = [wall_notes[i] for i in dict.fromkeys(selected)
              if i in wall_notes and wall_notes[i].zone != zone]
    if not moving:
        return {}, {}
    members: dict[str, set[str]] = {}
    for found in wall_notes.values():
        if found.cluster_id:
            members.setdefault(found.cluster_id, set()).add(found.id)
    moving_ids = {n.id for n in moving}
    whole = {cid for cid, ids in members.items() if ids <= moving_ids}
    # Themed post-its first and together, so each theme arrives as a block.
    moving.sort(key=lambda n: (n.cluster_id not in whole, n.cluster_id or "", n.y, n.x, n.id))
    taken = [(n.x, n.y) for n in wall_notes.values() if n.zone == zone and n.id not in moving_ids]
    slots = next_free_slots(taken, len(moving), zone_columns(len(taken) + len(moving)))
    note_changes: dict[str, dict[str, Any]] = {}
    for found, (x, y) in zip(moving, slots, strict=True):
        change: dict[str, Any] = {"zone": zone, "x": x, "y": y}
        if found.cluster_id and found.cluster_id not in whole:
            change["cluster_id"] = None
        note_changes[found.id] = change
    return note_changes, {cid: {"zone": zone} for cid in sorted(whole)}


# -- export ----------------------------------------------------------------------------------


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (=, +, -, @, tab, carriage return)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


@dataclass(frozen=True)
class CsvRow:
    zone: str
    question: str
    text: str
    cluster: str
    votes: int
    author: str


def export_rows(
    wall: WallTemplate, wall_notes: Sequence[Note], wall_clusters: Sequence[Cluster]
) -> list[CsvRow]:
    """Every post-it in the template's zone order, themes together, then reading order."""
    names = {c.id: c.name for c in wall_clusters}
    order = {z.key: i for i, z in enumerate(wall.zones)}
    ordered = sorted(
        wall_notes,
        key=lambda n: (order.get(n.zone, len(order)), names.get(n.cluster_id or "", "\uffff").casefold(),
                       n.y, n.x, n.id),
    )
    rows = []
    for n in ordered:
        zone = wall.zone(n.zone)
        rows.append(CsvRow(
            zone=zone.label if zone else n.zone,
            question=zone.question if zone else "",
            text=n.text,
            cluster=names.get(n.cluster_id or "", ""),
            votes=n.votes,
            author=n.author,
        ))
    return rows


def csv_text(rows: Sequence[CsvRow]) -> str:
    """CSV with a header; the author column appears only if some post-it has an author typed."""
    with_author = any(r.author for r in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["zone", "question", "text", "cluster", "votes"] + (["author"] if with_author else [])
    writer.writerow(header)
    for r in rows:
        cells = [safe_cell(r.zone), safe_cell(r.question), safe_cell(r.text), safe_cell(r.cluster),
                 str(r.votes)]
        if with_author:
            cells.append(safe_cell(r.author))
        writer.writerow(cells)
    return out.getvalue()


def export_csv(ws: Workspace, exercise_id: str, path: Path | str) -> int:
    """Write the wall's post-its as CSV (UTF-8 with a BOM so spreadsheets read accents); returns
    how many rows were written."""
    found = records.exercise(ws, exercise_id)
    if found is None:
        raise KeyError(exercise_id)
    wall = wall_template(found.template)
    rows = export_rows(wall, notes(ws, exercise_id), clusters(ws, exercise_id))
    write_atomically(path, csv_text(rows).encode("utf-8-sig"))
    return len(rows)
