"""Where post-its go on a wall: zones laid out from the template, free places, drops, tidying.

Pure geometry over values, no store: operations (`operations.py`) and the screen's scene use the
same functions, so the laptop's picture and the file always agree. Positions are in wall units;
a post-it's `x`, `y` are its top-left corner relative to its zone's top-left.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partnerdesk.post_it_wall.values import PostIt, Zone

# Wall geometry in scene units (a post-it is 160 x 110; a zone starts four post-its wide).
POST_IT_WIDTH = 160.0
POST_IT_HEIGHT = 110.0
GAP = 14.0
CELL_WIDTH = POST_IT_WIDTH + GAP
CELL_HEIGHT = POST_IT_HEIGHT + GAP
ZONE_HEADER = 96.0
ZONE_MARGIN = 16.0
ZONE_COLUMNS = 4
ZONE_MIN_ROWS = 3
ZONE_SPACING = 24.0
#: A theme's name sits on a tab above its post-its, so grouped post-its leave room for it.
THEME_TAB = 30.0


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


def zone_columns(count: int) -> int:
    """How many post-its wide a zone is filled: four, widening as it fills, so that a big wall
    stays roughly as wide as it is tall and a view of the whole wall can still show it."""
    return max(ZONE_COLUMNS, math.ceil(math.sqrt(max(0, count) * CELL_HEIGHT / CELL_WIDTH)))


def slot_position(index: int, columns: int = ZONE_COLUMNS) -> tuple[float, float]:
    """Zone-local top-left corner of the `index`-th grid cell, row by row."""
    row, column = divmod(index, max(1, columns))
    return (ZONE_MARGIN + column * CELL_WIDTH, ZONE_HEADER + row * CELL_HEIGHT)


def blocked_places(taken: Iterable[tuple[float, float]]) -> set[tuple[int, int]]:
    """The grid places (column, row) that post-its with these top-left corners cover, even
    partly: a post-it on the grid covers its own place, one off it up to two by two."""
    taken = list(taken)
    # Nearly every post-it sits exactly on the grid: name their places in one pass, and look
    # again only at the others.
    off_grid = {p for p in taken if (p[0] - ZONE_MARGIN) % CELL_WIDTH or (p[1] - ZONE_HEADER) % CELL_HEIGHT}
    blocked = {(round((x - ZONE_MARGIN) / CELL_WIDTH), round((y - ZONE_HEADER) / CELL_HEIGHT))
               for x, y in taken if not off_grid or (x, y) not in off_grid}
    for x, y in off_grid:
        # A place is wider and taller than a post-it, so at most two columns and two rows.
        left = math.floor((x - ZONE_MARGIN) / CELL_WIDTH)
        top = math.floor((y - ZONE_HEADER) / CELL_HEIGHT)
        across = [c for c in (left, left + 1) if abs(ZONE_MARGIN + c * CELL_WIDTH - x) < POST_IT_WIDTH]
        for r in (top, top + 1):
            if abs(ZONE_HEADER + r * CELL_HEIGHT - y) < POST_IT_HEIGHT:
                blocked.update((c, r) for c in across)
    return blocked


def free_places(blocked: set[tuple[int, int]], count: int = 1,
                columns: int = ZONE_COLUMNS) -> list[tuple[float, float]]:
    """Zone-local positions of the first `count` grid places, row by row, not in `blocked`."""
    found: list[tuple[float, float]] = []
    index = 0
    while len(found) < count:
        row, column = divmod(index, columns)
        if (column, row) not in blocked:
            found.append(slot_position(index, columns))
        index += 1
    return found


def next_free_slots(
    taken: Iterable[tuple[float, float]], count: int = 1, columns: int = ZONE_COLUMNS
) -> list[tuple[float, float]]:
    """Zone-local positions of the first `count` grid places where a post-it covers no other.

    A post-it nudged off the grid blocks every place it overlaps, so a new one never lands even
    partly on top of it.
    """
    return free_places(blocked_places(taken), count, columns)


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
            if abs(x - ox) < POST_IT_WIDTH and abs(y - oy) < POST_IT_HEIGHT:
                return True
    return False


def tidy_positions(
    zone_post_its: Sequence[PostIt],
    theme_names: Mapping[str, str],
    columns: int = ZONE_COLUMNS,
) -> dict[str, tuple[float, float]]:
    """A neat grid for one zone: each theme's post-its together (themes by name), then the rest.

    Each theme starts a new row under a tab for its name; post-its keep their reading order
    (top to bottom, left to right) inside a theme.
    """
    order = sorted(zone_post_its, key=lambda n: (round(n.y / CELL_HEIGHT), n.x, n.id))
    groups: dict[str | None, list[PostIt]] = {}
    for found in order:
        key = found.theme_id if found.theme_id in theme_names else None
        groups.setdefault(key, []).append(found)
    themed = sorted((k for k in groups if k is not None), key=lambda k: (theme_names[k].casefold(), k))
    positions: dict[str, tuple[float, float]] = {}
    y = ZONE_HEADER
    for key in [*themed, None]:
        members = groups.get(key, [])
        if not members:
            continue
        if key is not None:
            y += THEME_TAB
        for i, member in enumerate(members):
            row, column = divmod(i, columns)
            positions[member.id] = (ZONE_MARGIN + column * CELL_WIDTH, y + row * CELL_HEIGHT)
        y += math.ceil(len(members) / columns) * CELL_HEIGHT
    return positions


# -- the wall's layout -----------------------------------------------------------------------


def zone_extent(zone_post_its: Iterable[PostIt]) -> tuple[float, float]:
    """The size a zone needs: at least its empty size, and room for every post-it.

    Height grows in steps of `ZONE_MIN_ROWS` rows, so a zone filling up keeps empty rows for
    the next post-its and the wall is laid out again only now and then, not at every post-it.
    """
    found = zone_post_its if isinstance(zone_post_its, (list, tuple)) else list(zone_post_its)
    return extent_reaching(max((n.x for n in found), default=-math.inf),
                           max((n.y for n in found), default=-math.inf))


def zone_extents(keys: Iterable[str], post_its: Iterable[PostIt]) -> dict[str, tuple[float, float]]:
    """`zone_extent` of each zone (`keys`, and any other a post-it is in), in one pass over the
    post-its (a drag of a thousand asks for every zone's)."""
    far: dict[str, list[float]] = {key: [-math.inf, -math.inf] for key in keys}
    for n in post_its:
        reach = far.get(n.zone)
        if reach is None:
            reach = far[n.zone] = [-math.inf, -math.inf]
        if n.x > reach[0]:
            reach[0] = n.x
        if n.y > reach[1]:
            reach[1] = n.y
    return {key: extent_reaching(x, y) for key, (x, y) in far.items()}


def extent_reaching(right: float, bottom: float) -> tuple[float, float]:
    """A zone's size (`zone_extent`) for post-its whose furthest left edge is `right` and
    furthest top edge `bottom` (-inf for none)."""
    width = max(ZONE_MARGIN * 2 + ZONE_COLUMNS * CELL_WIDTH - GAP, right + POST_IT_WIDTH + ZONE_MARGIN)
    bottom = max(0.0, bottom + POST_IT_HEIGHT)
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


def zone_at(rects: Mapping[str, Rect], x: float, y: float, likely: str | None = None) -> str:
    """The zone under a point on the wall, or the nearest one when the point is between zones.
    Zones never overlap, so the `likely` one (where a dragged post-it was) is asked first."""
    rect = rects.get(likely) if likely is not None else None
    if rect is not None and rect.x <= x <= rect.x + rect.width and rect.y <= y <= rect.y + rect.height:
        return likely  # spelt out: a drag of a thousand asks a thousand times
    for key, rect in rects.items():
        if rect.contains(x, y):
            return key
    return min(rects, key=lambda k: rects[k].distance_to(x, y))


def dropped_position(
    rects: Mapping[str, Rect], left: float, top: float, likely: str | None = None
) -> tuple[str, tuple[float, float]]:
    """A post-it dropped with its top-left at (left, top): the zone under its centre, and its
    zone-local position kept inside that zone (never above the question or left of the edge)."""
    key = zone_at(rects, left + POST_IT_WIDTH / 2, top + POST_IT_HEIGHT / 2, likely)
    rect = rects[key]
    x, y, width = rect.x, rect.y, rect.width
    local_x = min(max(left - x, 0.0), max(0.0, width - POST_IT_WIDTH))
    local_y = max(top - y, ZONE_HEADER)
    return key, (round(local_x, 1), round(local_y, 1))


def theme_frames(rects: Mapping[str, Rect], wall_post_its: Mapping[str, PostIt]) -> dict[str, Rect]:
    """The frame round each theme's post-its on the wall (with its name tab), from the store."""
    bounds: dict[str, list[float]] = {}
    for n in wall_post_its.values():
        if not n.theme_id:
            continue
        rect = rects.get(n.zone)
        if rect is None:
            continue
        left, top = rect.x + n.x, rect.y + n.y
        box = bounds.setdefault(n.theme_id, [left, top, left + POST_IT_WIDTH, top + POST_IT_HEIGHT])
        box[0], box[1] = min(box[0], left), min(box[1], top)
        box[2], box[3] = max(box[2], left + POST_IT_WIDTH), max(box[3], top + POST_IT_HEIGHT)
    pad = GAP / 2
    return {tid: Rect(b[0] - pad, b[1] - pad - THEME_TAB, b[2] - b[0] + 2 * pad,
                      b[3] - b[1] + 2 * pad + THEME_TAB)
            for tid, b in bounds.items()}


def stored_value(post_it: PostIt, column: str) -> Any:
    """A post-it's value for a store column (the theme is kept in `cluster_id`)."""
    return post_it.theme_id if column == "cluster_id" else getattr(post_it, column)


def drop_changes(
    rects: Mapping[str, Rect],
    wall_post_its: Mapping[str, PostIt],
    dropped: Mapping[str, tuple[float, float]],
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """What a drag changes: (post-it changes, theme changes) by id, in store columns.

    `dropped` gives each dragged post-it's new top-left on the wall. A theme whose post-its were
    all dragged moves as one: they all go to the zone under their middle, and the theme with
    them. Any other post-it belongs, after the drop, to the theme whose frame its middle lands
    in (its own if it stays inside it, another if dropped into that one's frame), and to no
    theme when dropped outside every frame.
    """
    post_it_changes: dict[str, dict[str, Any]] = {}
    theme_changes: dict[str, dict[str, Any]] = {}
    members: dict[str, list[str]] = {}
    for found in wall_post_its.values():
        if found.theme_id:
            members.setdefault(found.theme_id, []).append(found.id)
    whole = {tid for tid, ids in members.items() if all(i in dropped for i in ids)}
    #: Post-its that moved with their whole theme (changed or not): decided above, not below.
    themed: set[str] = set()
    for tid in whole:
        themed.update(members[tid])
        ids = members[tid]
        middle_x = sum(dropped[i][0] for i in ids) / len(ids) + POST_IT_WIDTH / 2
        middle_y = sum(dropped[i][1] for i in ids) / len(ids) + POST_IT_HEIGHT / 2
        zone = zone_at(rects, middle_x, middle_y)
        rect = rects[zone]
        for i in ids:
            left, top = dropped[i]
            local = (round(min(max(left - rect.x, 0.0), max(0.0, rect.width - POST_IT_WIDTH)), 1),
                     round(max(top - rect.y, ZONE_HEADER), 1))
            post_it_changes[i] = {"zone": zone, "x": local[0], "y": local[1]}
        theme_changes[tid] = {"zone": zone}
    frames = theme_frames(rects, wall_post_its)
    # Leave out what did not change at all, so a click without a drag writes nothing.
    for post_it_id in list(post_it_changes):
        found = wall_post_its[post_it_id]
        if all(stored_value(found, k) == v for k, v in post_it_changes[post_it_id].items()):
            del post_it_changes[post_it_id]
    open_frames = [(tid, frame) for tid, frame in frames.items() if tid not in whole]
    half_width, half_height = POST_IT_WIDTH / 2, POST_IT_HEIGHT / 2
    for post_it_id, (left, top) in dropped.items():
        found = wall_post_its.get(post_it_id)
        if found is None or post_it_id in post_it_changes or post_it_id in themed:
            continue
        # `dropped_position`, spelt out for the usual drop inside the post-it's own zone (a drag
        # of a thousand drops a thousand).
        middle_x, middle_y = left + half_width, top + half_height
        zone = found.zone
        rect = rects.get(zone)
        if rect is None or not (rect.x <= middle_x <= rect.x + rect.width
                                and rect.y <= middle_y <= rect.y + rect.height):
            zone = zone_at(rects, middle_x, middle_y, zone)
            rect = rects[zone]
        x = round(min(max(left - rect.x, 0.0), max(0.0, rect.width - POST_IT_WIDTH)), 1)
        y = round(max(top - rect.y, ZONE_HEADER), 1)
        inside = [tid for tid, frame in open_frames if frame.contains(middle_x, middle_y)] if open_frames else ()
        theme = found.theme_id if found.theme_id in inside else (inside[0] if inside else None)
        if theme != found.theme_id:
            post_it_changes[post_it_id] = {"zone": zone, "x": x, "y": y, "cluster_id": theme}
        elif zone != found.zone or x != found.x or y != found.y:
            post_it_changes[post_it_id] = {"zone": zone, "x": x, "y": y}
    return post_it_changes, theme_changes


def move_to_zone_changes(
    wall_post_its: Mapping[str, PostIt], selected: Sequence[str], zone: str
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """A keyboard move of the selected post-its to another zone: (post-it changes, theme changes).

    They take the first free places there. As with a drag, a theme whose post-its all move goes
    with them; a post-it moved without the rest of its theme leaves it.
    """
    moving = [wall_post_its[i] for i in dict.fromkeys(selected)
              if i in wall_post_its and wall_post_its[i].zone != zone]
    if not moving:
        return {}, {}
    members: dict[str, set[str]] = {}
    for found in wall_post_its.values():
        if found.theme_id:
            members.setdefault(found.theme_id, set()).add(found.id)
    moving_ids = {n.id for n in moving}
    whole = {tid for tid, ids in members.items() if ids <= moving_ids}
    # Themed post-its first and together, so each theme arrives as a block.
    moving.sort(key=lambda n: (n.theme_id not in whole, n.theme_id or "", n.y, n.x, n.id))
    taken = [(n.x, n.y) for n in wall_post_its.values() if n.zone == zone and n.id not in moving_ids]
    slots = next_free_slots(taken, len(moving), zone_columns(len(taken) + len(moving)))
    post_it_changes: dict[str, dict[str, Any]] = {}
    for found, (x, y) in zip(moving, slots, strict=True):
        change: dict[str, Any] = {"zone": zone, "x": x, "y": y}
        if found.theme_id and found.theme_id not in whole:
            change["cluster_id"] = None
        post_it_changes[found.id] = change
    return post_it_changes, {tid: {"zone": zone} for tid in sorted(whole)}


