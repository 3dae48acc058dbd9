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


#: Where a post-it is, as an edit of many reads it (a tuple, not a `PostIt`): its zone, its
#: zone-local top-left and its theme (None or "" for none), then anything (a stored row as it
#: was read, so a drag of a thousand makes no tuple per post-it to ask).
Place = Sequence[Any]


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


def place_extents(keys: Iterable[str], places: Iterable[Place]) -> dict[str, tuple[float, float]]:
    """`zone_extents` of post-its given as places."""
    far: dict[str, list[float]] = {key: [-math.inf, -math.inf] for key in keys}
    for place in places:
        zone, x, y = place[0], place[1], place[2]
        reach = far.get(zone)
        if reach is None:
            reach = far[zone] = [-math.inf, -math.inf]
        if x > reach[0]:
            reach[0] = x
        if y > reach[1]:
            reach[1] = y
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


def theme_frames(rects: Mapping[str, Rect], places: Mapping[str, Place]) -> dict[str, Rect]:
    """The frame round each theme's post-its on the wall (with its name tab), from the store."""
    bounds: dict[str, list[float]] = {}
    for place in places.values():
        zone, x, y, theme = place[0], place[1], place[2], place[3]
        if not theme:
            continue
        rect = rects.get(zone)
        if rect is None:
            continue
        left, top = rect.x + x, rect.y + y
        box = bounds.setdefault(theme, [left, top, left + POST_IT_WIDTH, top + POST_IT_HEIGHT])
        box[0], box[1] = min(box[0], left), min(box[1], top)
        box[2], box[3] = max(box[2], left + POST_IT_WIDTH), max(box[3], top + POST_IT_HEIGHT)
    pad = GAP / 2
    return {tid: Rect(b[0] - pad, b[1] - pad - THEME_TAB, b[2] - b[0] + 2 * pad,
                      b[3] - b[1] + 2 * pad + THEME_TAB)
            for tid, b in bounds.items()}


@dataclass(frozen=True)
class Drop:
    """What a drag changes. `places`: the post-its that move or change theme, with their new
    (zone, x, y); `themes`: those of them whose theme changes, with their new theme (None for
    none); `theme_zones`: the themes dragged whole, with the zone they go to."""

    places: dict[str, tuple[str, float, float]]
    themes: dict[str, str | None]
    theme_zones: dict[str, str]


def drop_moves(rects: Mapping[str, Rect], places: Mapping[str, Place],
               dropped: Mapping[str, tuple[float, float]]) -> Drop:
    """Where dragged post-its go (`places`: every post-it of the wall where it is now).

    `dropped` gives each dragged post-it's new top-left on the wall. A theme whose post-its were
    all dragged moves as one: they all go to the zone under their middle, and the theme with
    them. Any other post-it belongs, after the drop, to the theme whose frame its middle lands
    in (its own if it stays inside it, another if dropped into that one's frame), and to no
    theme when dropped outside every frame. A post-it that stays as it was is left out, so a
    click without a drag changes nothing.
    """
    moved: dict[str, tuple[str, float, float]] = {}
    themes: dict[str, str | None] = {}
    theme_zones: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for post_it_id, place in places.items():
        if place[3]:
            members.setdefault(place[3], []).append(post_it_id)
    whole = {tid for tid, ids in members.items() if all(i in dropped for i in ids)}
    for tid in whole:
        ids = members[tid]
        middle_x = sum(dropped[i][0] for i in ids) / len(ids) + POST_IT_WIDTH / 2
        middle_y = sum(dropped[i][1] for i in ids) / len(ids) + POST_IT_HEIGHT / 2
        zone = zone_at(rects, middle_x, middle_y)
        rect = rects[zone]
        for i in ids:
            left, top = dropped[i]
            place = (zone, round(min(max(left - rect.x, 0.0), max(0.0, rect.width - POST_IT_WIDTH)), 1),
                     round(max(top - rect.y, ZONE_HEADER), 1))
            was = places[i]
            if place != (was[0], was[1], was[2]):
                moved[i] = place
        theme_zones[tid] = zone
    open_frames = [(tid, frame) for tid, frame in theme_frames(rects, places).items() if tid not in whole]
    half_width, half_height = POST_IT_WIDTH / 2, POST_IT_HEIGHT / 2
    # `dropped_position`, spelt out for a drag of a thousand: each zone's left, top, right,
    # bottom and furthest left a post-it may go, and the usual drop inside its own zone first.
    bounds = {key: (r.x, r.y, r.x + r.width, r.y + r.height, max(0.0, r.width - POST_IT_WIDTH))
              for key, r in rects.items()}
    for post_it_id, (left, top) in dropped.items():
        found = places.get(post_it_id)
        if found is None:
            continue
        was_zone, was_x, was_y, was_theme = found[0], found[1], found[2], found[3] or None
        if whole and was_theme in whole:
            continue  # decided with its theme, above
        middle_x, middle_y = left + half_width, top + half_height
        zone = was_zone
        edges = bounds.get(zone)
        if edges is None or not (edges[0] <= middle_x <= edges[2] and edges[1] <= middle_y <= edges[3]):
            zone = zone_at(rects, middle_x, middle_y, zone)
            edges = bounds[zone]
        x = left - edges[0]
        x = round(0.0 if x < 0.0 else edges[4] if x > edges[4] else x, 1)
        y = top - edges[1]
        y = round(y if y > ZONE_HEADER else ZONE_HEADER, 1)
        theme = None
        if open_frames:
            inside = [tid for tid, frame in open_frames if frame.contains(middle_x, middle_y)]
            theme = was_theme if was_theme in inside else (inside[0] if inside else None)
        if theme != was_theme:
            themes[post_it_id] = theme
            moved[post_it_id] = (zone, x, y)
        elif zone != was_zone or x != was_x or y != was_y:
            moved[post_it_id] = (zone, x, y)
    return Drop(moved, themes, theme_zones)


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


