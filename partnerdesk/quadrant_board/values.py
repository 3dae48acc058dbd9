"""The quadrant board's values and reads: its template, its geometry, its items and placements.

A quadrant board places stakeholders (the stakeholder matrix) or partnerships (Pratt's purpose
of partnership) on a 2x2 board described by a template. Every edit is an operation in
`partnerdesk.quadrant_board.operations`; this module only reads.

Coordinates are normalised: x and y in [-1, 1], (0, 0) the centre, x to the right and y
upwards, so a point's quadrant follows from the signs alone. A point ON an axis belongs to the
high side: x == 0 counts as right, y == 0 as top (so the centre is top-right). Everything a
board says — axes, quadrant names, colours, help, checklists — comes from its template.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NewType

from partnerdesk import records
from partnerdesk.errors import InvalidValue
from partnerdesk.quadrant_board import KIND
from partnerdesk.resources import Template, template
from partnerdesk.store import Workspace

ItemId = NewType("ItemId", str)
PlacementId = NewType("PlacementId", str)

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
#: How far from an axis a point sent to a quadrant lands when it has no side of its own yet.
QUADRANT_CENTRE = 0.5
#: Points closer than this to an axis are moved to the quadrant's centre line when sent there.
AXIS_MARGIN = 0.05


@dataclass(frozen=True)
class Quadrant:
    key: str  # "1".."4": the keyboard key that sends the selection here
    corner: str  # one of CORNERS
    name: str
    colour: str  # "#rrggbb"
    help: str

    @property
    def is_top(self) -> bool:
        return self.corner.startswith("top")

    @property
    def is_right(self) -> bool:
        return self.corner.endswith("right")


@dataclass(frozen=True)
class Axis:
    label: str
    low: str
    high: str


@dataclass(frozen=True)
class ChecklistEntry:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    entries: tuple[ChecklistEntry, ...]


@dataclass(frozen=True)
class ListColumn:
    name: str
    heading: str


@dataclass(frozen=True)
class BoardTemplate:
    """A quadrant-board template, checked and typed."""

    id: str
    title: str
    instructions: str
    about: str
    item_noun: str
    item_noun_plural: str
    horizontal: Axis
    vertical: Axis
    quadrants: tuple[Quadrant, ...]  # in key order
    list_columns: tuple[ListColumn, ...]
    multiple_placements: bool
    small_groups: bool
    movement: bool
    #: Offer the partnerships named in the workshop's partnership scenarios.
    from_scenarios: bool
    checklists: tuple[Checklist, ...] = field(default=())

    def quadrant(self, corner_or_key: str) -> Quadrant:
        for quadrant in self.quadrants:
            if corner_or_key in (quadrant.corner, quadrant.key, quadrant.name):
                return quadrant
        raise KeyError(corner_or_key)


#: The fields of a listed item a template may show and the facilitator may edit.
ITEM_FIELDS = ("label", "organisation", "role", "notes")


def board_template(source: Template | str) -> BoardTemplate:
    """Read a template (or template id) of kind quadrant_board; refuses an incomplete one."""
    found = template(source) if isinstance(source, str) else source
    data = found.data
    if found.kind != KIND:
        raise ValueError(f"template {found.id!r} is a {found.kind!r}, not a quadrant board")
    quadrants = tuple(
        Quadrant(str(q["key"]), q["corner"], q["name"], q.get("colour", "#ffffff"), q.get("help", ""))
        for q in data["quadrants"]
    )
    if sorted(q.corner for q in quadrants) != sorted(CORNERS):
        raise ValueError(f"template {found.id!r} must name each corner once: {CORNERS}")
    axes = data["axes"]
    columns = tuple(ListColumn(c["name"], c["heading"]) for c in data.get("list_columns", []))
    if not columns or columns[0].name != "label" or any(c.name not in ITEM_FIELDS for c in columns):
        raise ValueError(f"template {found.id!r}: list_columns start with label, from {ITEM_FIELDS}")
    return BoardTemplate(
        id=found.id,
        title=found.title,
        instructions=found.instructions,
        about=data.get("about", ""),
        item_noun=data.get("item_noun", "item"),
        item_noun_plural=data.get("item_noun_plural", "items"),
        horizontal=Axis(**axes["horizontal"]),
        vertical=Axis(**axes["vertical"]),
        quadrants=tuple(sorted(quadrants, key=lambda q: q.key)),
        list_columns=columns,
        multiple_placements=bool(data.get("multiple_placements", False)),
        small_groups=bool(data.get("small_groups", True)),
        movement=bool(data.get("movement", False)),
        from_scenarios=bool(data.get("from_scenarios", False)),
        checklists=tuple(
            Checklist(c["id"], c["title"],
                      tuple(ChecklistEntry(e["id"], e["title"], e.get("text", "")) for e in c["entries"]))
            for c in data.get("checklists", [])
        ),
    )


# -- geometry --------------------------------------------------------------------------------


def clamp(value: float) -> float:
    """Keep a coordinate on the board, refusing NaN and infinities."""
    if not math.isfinite(value):
        raise InvalidValue(f"A board position must be a finite number, not {value}.")
    return max(-1.0, min(1.0, float(value)))


def corner_of(x: float, y: float) -> str:
    """The corner a point is in; on an axis the high side wins (x == 0 right, y == 0 top)."""
    vertical = "top" if y >= 0 else "bottom"
    horizontal = "right" if x >= 0 else "left"
    return f"{vertical}-{horizontal}"


def quadrant_of(board: BoardTemplate, x: float, y: float) -> Quadrant:
    return board.quadrant(corner_of(x, y))


def send_to(board: BoardTemplate, x: float, y: float, key: str) -> tuple[float, float]:
    """Where a point lands when sent to quadrant `key`: mirrored across the axes, keeping its
    distance from them so a group of items keeps its spread; one on an axis goes to the middle."""
    target = board.quadrant(key)
    sx = 1.0 if target.is_right else -1.0
    sy = 1.0 if target.is_top else -1.0
    ax = abs(clamp(x)) if abs(x) >= AXIS_MARGIN else QUADRANT_CENTRE
    ay = abs(clamp(y)) if abs(y) >= AXIS_MARGIN else QUADRANT_CENTRE
    return sx * ax, sy * ay


def nudge(x: float, y: float, dx: float, dy: float) -> tuple[float, float]:
    return clamp(x + dx), clamp(y + dy)


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardItem:
    id: ItemId
    exercise_id: records.ExerciseId
    group_id: records.GroupId | None
    label: str
    organisation: str
    role: str
    notes: str
    position: float


@dataclass(frozen=True)
class Placement:
    id: PlacementId
    item_id: ItemId
    x: float
    y: float
    note: str


def item_from_row(row: Mapping[str, Any]) -> BoardItem:
    return BoardItem(row["id"], row["exercise_id"], row["group_id"], row["label"], row["organisation"],
                     row["role"], row["notes"], row["position"])


def placement_from_row(row: Mapping[str, Any]) -> Placement:
    return Placement(row["id"], row["item_id"], row["x"], row["y"], row["note"])


def items(ws: Workspace, exercise_id: str, group_id: str | None = None) -> list[BoardItem]:
    """The items of one board (the exercise's, for one small group or None for the room)."""
    rows = ws.rows("board_items", {"exercise_id": exercise_id, "group_id": group_id},
                   order_by="position")
    return [item_from_row(r) for r in rows]


def item(ws: Workspace, item_id: str) -> BoardItem | None:
    row = ws.get("board_items", item_id)
    return item_from_row(row) if row else None


def placements(ws: Workspace, exercise_id: str, group_id: str | None = None) -> list[Placement]:
    group_clause = "i.group_id IS NULL" if group_id is None else "i.group_id = ?"
    params = [exercise_id] + ([] if group_id is None else [group_id])
    rows = ws.query(
        "SELECT p.* FROM placements p JOIN board_items i ON i.id = p.item_id "
        f"WHERE i.exercise_id = ? AND {group_clause} ORDER BY i.position, p.rowid",
        params,
    )
    return [placement_from_row(r) for r in rows]


def placements_of(ws: Workspace, item_id: str) -> list[Placement]:
    return [placement_from_row(r) for r in ws.rows("placements", {"item_id": item_id})]


def _by_id(ws: Workspace, table: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(ids))
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += ws.query(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk)
    return rows


def items_by_id(ws: Workspace, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The rows of these board items that exist (one query, not one per row: a drag of many)."""
    return {row["id"]: row for row in _by_id(ws, "board_items", ids)}


def placements_by_id(ws: Workspace, ids: Iterable[str]) -> dict[str, Placement]:
    """These placements, those that exist, read in one query."""
    return {row["id"]: placement_from_row(row) for row in _by_id(ws, "placements", ids)}


def placement(ws: Workspace, placement_id: str) -> Placement | None:
    row = ws.get("placements", placement_id)
    return placement_from_row(row) if row else None


def next_item_position(ws: Workspace, exercise_id: str) -> float:
    return records.next_position(ws, "board_items", {"exercise_id": exercise_id})


def ticks(ws: Workspace, item_id: str) -> dict[tuple[str, str], str]:
    """Ticked checklist entries of an item: (checklist, entry) -> tick record id."""
    return {(r["checklist"], r["entry"]): r["id"] for r in ws.rows("checklist_ticks", {"item_id": item_id})}


def board_groups(ws: Workspace, exercise: records.Exercise) -> list[records.SmallGroup | None]:
    """The boards of an exercise: the whole room's (None), then one per small group of its
    workshop when the template works in groups. An exercise of one group has its board only."""
    groups = records.small_groups(ws, exercise.workshop_id)
    if exercise.group_id:
        return [g for g in groups if g.id == exercise.group_id]
    if not board_template(exercise.template).small_groups:
        return [None]
    return [None, *groups]


def compared_groups(ws: Workspace, exercise: records.Exercise) -> list[records.SmallGroup | None]:
    """The boards the compare view sets side by side: every small group's, and the room's
    when something is on it (or when there are no groups)."""
    boards_ = board_groups(ws, exercise)
    groups = [g for g in boards_ if g is not None]
    room_used = bool(ws.rows("board_items", {"exercise_id": exercise.id, "group_id": None}))
    if None in boards_ and (room_used or not groups):
        return [None, *groups]
    return groups


def group_label(group: records.SmallGroup | None) -> str:
    return group.name if group is not None else "Whole room"


# -- summaries -------------------------------------------------------------------------------


def by_quadrant(board: BoardTemplate, board_items: Iterable[BoardItem],
                board_placements: Iterable[Placement]) -> dict[str, list[str]]:
    """Labels per quadrant name, each label once per quadrant, in list order: the workbook's
    feedback table. Items with no placement are left out."""
    listed = list(board_items)
    order = {i.id: n for n, i in enumerate(listed)}
    label_of = {i.id: i.label for i in listed}
    cells: dict[str, list[tuple[int, str]]] = {q.name: [] for q in board.quadrants}
    for spot in board_placements:
        if spot.item_id not in order:
            continue
        entry = (order[spot.item_id], label_of[spot.item_id])
        cell = cells[quadrant_of(board, spot.x, spot.y).name]
        if entry not in cell:
            cell.append(entry)
    return {name: [label for _, label in sorted(entries)] for name, entries in cells.items()}


def quadrant_table(ws: Workspace, exercise_id: str) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    """For the compare view: group names, and per quadrant name per group name the labels
    placed there, as in the workbook's feedback for Activity 3."""
    found = records.exercise(ws, exercise_id)
    if found is None:
        return [], {}
    board = board_template(found.template)
    groups = compared_groups(ws, found)
    names = [group_label(g) for g in groups]
    table: dict[str, dict[str, list[str]]] = {q.name: {n: [] for n in names} for q in board.quadrants}
    for group, name in zip(groups, names, strict=True):
        group_id = group.id if group else None
        cells = by_quadrant(board, items(ws, exercise_id, group_id), placements(ws, exercise_id, group_id))
        for quadrant_name, labels in cells.items():
            table[quadrant_name][name] = labels
    return names, table


@dataclass(frozen=True)
class Step:
    """Where an item stood in one session: the mean of its placements there."""

    workshop_id: str
    workshop_title: str
    date: str
    x: float
    y: float


def movement(ws: Workspace, exercise_id: str, group_id: str | None = None) -> dict[str, list[Step]]:
    """For a board in a programme's workshop: each of its items' positions in the programme's
    earlier sessions up to this one, in date order, matched by label (case and spaces ignored)
    on boards of the same template and the same small-group name. Items seen once are left out."""
    found = records.exercise(ws, exercise_id)
    if found is None:
        return {}
    here = records.workshop(ws, found.workshop_id)
    if here is None or not here.programme_id:
        return {}
    group_name = None
    if group_id:
        group_row = ws.get("small_groups", group_id)
        group_name = group_row["name"] if group_row else None
    sessions = [w for w in records.workshops(ws, here.programme_id)
                if (w.date, w.title) <= (here.date, here.title)]
    current = {same_name_key(i.label): i.label for i in items(ws, exercise_id, group_id)}
    paths: dict[str, list[Step]] = {label: [] for label in current.values()}
    for session in sessions:
        spots: dict[str, list[Placement]] = {}
        for other in records.exercises(ws, session.id):
            if other.template != found.template:
                continue
            groups = {g.id: g.name for g in records.small_groups(ws, session.id)}
            for board_item in ws.rows("board_items", {"exercise_id": other.id}):
                name = groups.get(board_item["group_id"]) if board_item["group_id"] else None
                key = same_name_key(board_item["label"])
                if key not in current or name != group_name:
                    continue
                spots.setdefault(key, []).extend(placements_of(ws, board_item["id"]))
        for key, found_spots in spots.items():
            if found_spots:
                paths[current[key]].append(Step(
                    session.id, session.title, session.date,
                    sum(p.x for p in found_spots) / len(found_spots),
                    sum(p.y for p in found_spots) / len(found_spots)))
    return {label: steps for label, steps in paths.items() if len(steps) > 1}


def same_name_key(label: str) -> str:
    """A name as boards compare names: case and runs of spaces ignored."""
    return " ".join(label.split()).casefold()


def spread(board: BoardTemplate, key: str, count: int) -> list[tuple[float, float]]:
    """`count` points inside quadrant `key`, on a grid clear of the axes and the edges, so that
    labels placed together do not cover each other."""
    target = board.quadrant(key)
    sx = 1.0 if target.is_right else -1.0
    sy = 1.0 if target.is_top else -1.0
    columns = max(1, math.ceil(math.sqrt(count / 2)))
    rows = max(1, math.ceil(count / columns))
    points = []
    for n in range(count):
        column, row = n % columns, n // columns
        if sx < 0:
            # Read left to right in the left-hand quadrants too.
            column = columns - 1 - column
        x = 0.15 + 0.7 * (column + 0.5) / columns
        y = 0.85 - 0.7 * (row + 0.5) / rows
        points.append((sx * x, sy * y))
    return points


#: Chip size in board units (x spans 2 over the board's width): two chips closer than this
#: in both directions overlap.
CHIP_SPAN = (0.29, 0.13)


def free_spot(board: BoardTemplate, key: str, taken: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """A point in quadrant `key` for a new chip: the first cell of a chip-sized grid (read
    left to right, top to bottom) that covers none of the `taken` chips; on a full quadrant,
    the point of a finer grid farthest from them, so chips overlap as little as possible."""
    taken = list(taken)
    target = board.quadrant(key)
    sx = 1.0 if target.is_right else -1.0
    sy = 1.0 if target.is_top else -1.0
    width, height = CHIP_SPAN
    # Keep clear of the axes, the edges and the quadrant's name in its outer corner.
    left, right = 0.04 + width / 2, 0.96 - width / 2
    low, high = 0.04 + height / 2, 0.82 - height / 2
    columns = max(1, int((right - left) / width) + 1)
    rows = max(1, int((high - low) / height) + 1)

    def cells(across: int, down: int) -> list[tuple[float, float]]:
        xs = [left + (right - left) * n / max(1, across - 1) for n in range(across)]
        ys = [high - (high - low) * n / max(1, down - 1) for n in range(down)]
        if sx < 0:
            xs.reverse()  # read left to right in the left-hand quadrants too
        if sy < 0:
            ys.reverse()  # and from the top of the bottom quadrants
        return [(sx * x, sy * y) for y in ys for x in xs]

    def clearance(point: tuple[float, float]) -> float:
        return min((max(abs(point[0] - x) / width, abs(point[1] - y) / height) for x, y in taken),
                   default=math.inf)

    for point in cells(columns, rows):
        if clearance(point) >= 1:
            return point
    return max(cells(columns * 3, rows * 2), key=clearance)


def previous_board(ws: Workspace, exercise_id: str) -> records.Exercise | None:
    """The same template's board in the latest earlier session of the programme, if any."""
    found = records.exercise(ws, exercise_id)
    here = records.workshop(ws, found.workshop_id) if found else None
    if here is None or not here.programme_id:
        return None
    earlier = [w for w in records.workshops(ws, here.programme_id)
               if (w.date, w.title) < (here.date, here.title)]
    for session in reversed(earlier):
        for other in records.exercises(ws, session.id):
            if other.template == found.template:
                return other
    return None


def known_labels(ws: Workspace, exercise_id: str) -> list[str]:
    """Names already used on boards of the same template in this workshop or its programme,
    offered while typing, so that a partnership keeps one name from session to session (its
    movement is matched by name)."""
    found = records.exercise(ws, exercise_id)
    here = records.workshop(ws, found.workshop_id) if found else None
    if here is None:
        return []
    sessions = records.workshops(ws, here.programme_id) if here.programme_id else [here]
    seen: dict[str, str] = {}
    for session in sessions:
        for other in records.exercises(ws, session.id):
            if other.template != found.template:
                continue
            for row in ws.rows("board_items", {"exercise_id": other.id}, order_by="position"):
                seen.setdefault(same_name_key(row["label"]), " ".join(row["label"].split()))
    return sorted(seen.values(), key=str.casefold)
