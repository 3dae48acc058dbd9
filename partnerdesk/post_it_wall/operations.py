"""Every edit of a post-it wall, as an operation that holds all of its rules.

Each takes the workspace and plain values, applies the change in one transaction and returns
its `Changes` (see `partnerdesk.changes`); the laptop's undo stack, the command line and any
later way in call these and nothing else. A refused edit raises `EditRefused` (a
`StorageError` with a message for the facilitator) and writes nothing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from partnerdesk import records
from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue
from partnerdesk.post_it_wall import KIND
from partnerdesk.post_it_wall.layout import (
    THEME_TAB,
    ZONE_HEADER,
    block_positions,
    blocked_places,
    drop_moves,
    free_places,
    move_to_zone_changes,
    overlapping,
    place_extents,
    tidy_positions,
    zone_columns,
    zone_rects,
)
from partnerdesk.post_it_wall.values import (
    MAX_AUTHOR,
    MAX_THEME_NAME,
    POST_ITS,
    THEMES,
    PostItId,
    ThemeId,
    WallTemplate,
    clean_text,
    post_it_from_row,
    post_its,
    post_its_by_id,
    settings_with,
    theme_from_row,
    themes,
    wall_settings,
    wall_template,
    zone_for_new_theme,
)
from partnerdesk.store import Workspace


class EditRefused(InvalidValue):
    """An edit the wall's rules do not allow (an empty post-it, a theme across two zones...)."""


def _wall(ws: Workspace, exercise_id: str) -> tuple[records.Exercise, WallTemplate]:
    exercise = records.exercise(ws, exercise_id)
    if exercise is None or exercise.kind != KIND:
        raise EditRefused("That post-it wall no longer exists.")
    try:
        return exercise, wall_template(exercise.template)
    except KeyError as exc:
        raise EditRefused(f"The wall's template {exercise.template!r} is not in this PartnerDesk.") from exc


@dataclass
class _ZonePlaces:
    """A zone's covered grid places as the last new post-it left them (see `_first_free_place`)."""

    changes: tuple[int, int]  # this connection's writes and others' commits then: any since
    last_id: str  # the post-it added then: gone (rolled back) makes this stale too
    blocked: set[tuple[int, int]]
    count: int


#: Per workspace and (wall, zone): typing fifty post-its into a zone of a thousand reads the
#: zone once, not fifty times. Only valid while nothing else was written since.
_places: weakref.WeakKeyDictionary[Workspace, dict[tuple[str, str], _ZonePlaces]] = weakref.WeakKeyDictionary()


def _first_free_place(ws: Workspace, exercise_id: str, zone: str) -> tuple[tuple[float, float], _ZonePlaces]:
    """Where a new post-it goes in a zone: the first grid place no post-it there covers
    (`layout.next_free_slots` over the zone's post-its)."""
    known = _places.get(ws, {}).get((exercise_id, zone))
    if (known is None or known.changes != _writes(ws)
            or ws.db.execute(f"SELECT 1 FROM {POST_ITS} WHERE id = ?", [known.last_id]).fetchone() is None):
        # Plain tuples, not row dictionaries: a zone of a thousand may be read.
        taken = ws.db.execute(f"SELECT x, y FROM {POST_ITS} WHERE exercise_id = ? AND zone = ?",
                              [exercise_id, zone]).fetchall()
        known = _ZonePlaces((-1, -1), "", blocked_places(taken), len(taken))
    return free_places(known.blocked, 1, zone_columns(known.count + 1))[0], known


def _remember_place(ws: Workspace, exercise_id: str, zone: str, known: _ZonePlaces,
                    place: tuple[float, float], post_it_id: str) -> None:
    known.blocked |= blocked_places([place])
    _places.setdefault(ws, {})[(exercise_id, zone)] = _ZonePlaces(
        _writes(ws), post_it_id, known.blocked, known.count + 1)


def _writes(ws: Workspace) -> tuple[int, int]:
    """Changes to the file so far: rows this connection wrote, and commits by any other."""
    return ws.db.conn.total_changes, ws.db.execute("PRAGMA data_version").fetchone()[0]


# -- post-its ----------------------------------------------------------------------------------


@operation
def add_post_it(ws: Workspace, exercise_id: str, zone: str, text: str, author: str = "",
                hidden: bool | None = None) -> PostItId:
    """A new post-it in a zone, at the first place where it covers no other post-it.

    Anonymous unless an author is typed. Hidden if the wall collects post-its hidden (unless
    `hidden` says otherwise). Returns its id.
    """
    exercise, wall = _wall(ws, exercise_id)
    if wall.zone(zone) is None:
        raise EditRefused(f"The wall has no zone {zone!r}.")
    text = clean_text(text)
    if not text:
        raise EditRefused("A post-it needs some text.")
    if hidden is None:
        hidden = wall_settings(exercise, wall).collect_hidden
    (x, y), known = _first_free_place(ws, exercise_id, zone)
    post_it_id = PostItId(ws.insert(POST_ITS, {
        "exercise_id": exercise_id, "zone": zone, "text": text, "author": clean_text(author, MAX_AUTHOR),
        "x": float(x), "y": float(y), "hidden": 1 if hidden else 0, "votes": 0, "cluster_id": None,
    }))
    _remember_place(ws, exercise_id, zone, known, (x, y), post_it_id)
    return post_it_id


@operation
def edit_post_it(ws: Workspace, post_it_id: str, text: str) -> None:
    """New words for a post-it (cleaned); an empty post-it is refused: delete it instead."""
    row = ws.get(POST_ITS, post_it_id)
    if row is None:
        raise EditRefused("That post-it no longer exists.")
    text = clean_text(text)
    if not text:
        raise EditRefused("A post-it needs some text; to remove it, select it and press Delete.")
    if text != row["text"]:
        ws.update(POST_ITS, post_it_id, {"text": text})


@operation
def delete_post_its(ws: Workspace, post_it_ids: Iterable[str]) -> None:
    ws.delete_many(POST_ITS, list(dict.fromkeys(post_it_ids)))


def _move(ws: Workspace, post_it_changes: Mapping[str, Mapping], theme_changes: Mapping[str, Mapping]) -> None:
    if theme_changes:
        ws.update_many(THEMES, theme_changes)
    if post_it_changes:
        ws.update_many(POST_ITS, post_it_changes)


@operation
def drop_post_its(ws: Workspace, exercise_id: str, dropped: Mapping[str, tuple[float, float]]) -> int:
    """Post-its dragged to new places on the wall (`{id: (left, top)}` in wall units).

    Each goes to the zone under its middle; a theme dragged whole goes with its post-its; a
    post-it dropped into a theme's frame joins it, one dropped outside its theme leaves it.
    Returns how many post-its moved (a click without a drag moves none and writes nothing).
    """
    _exercise, wall = _wall(ws, exercise_id)
    # Where each post-it is, as stored rows (a drag of a thousand reads a thousand): no PostIt
    # and no dictionary each; they end with the values the update overwrites, kept for its undo.
    written = ws.written_columns(POST_ITS, ("zone", "x", "y", "cluster_id"))
    places = {row[-1]: row for row in ws.db.conn.execute(
        f"SELECT {', '.join(written)}, id FROM {POST_ITS} WHERE exercise_id = ? ORDER BY rowid", [exercise_id])}
    rects = zone_rects(wall.zones, place_extents((z.key for z in wall.zones), places.values()))
    drop = drop_moves(rects, places, dropped)
    theme_changes = drop.theme_zones
    if theme_changes:
        zones = {t.id: t.zone for t in themes(ws, exercise_id)}
        theme_changes = {tid: zone for tid, zone in theme_changes.items() if tid in zones and zones[tid] != zone}
    if theme_changes:
        ws.update_many(THEMES, {tid: {"zone": zone} for tid, zone in theme_changes.items()})
    if drop.themes:
        # One update of the same columns for all of them, the theme's too as one changes.
        ws.update_columns(POST_ITS, written[:4], {
            pid: (*place, drop.themes[pid] if pid in drop.themes else places[pid][3])
            for pid, place in drop.places.items()}, {pid: places[pid][:-1] for pid in drop.places})
    elif drop.places:
        ws.update_columns(POST_ITS, written[:3], drop.places,
                          {pid: places[pid][:3] + places[pid][4:-1] for pid in drop.places})
    return len(drop.places)


@operation
def move_post_its_to_zone(ws: Workspace, exercise_id: str, post_it_ids: Sequence[str], zone: str) -> int:
    """The post-its go to the first free places of another zone (the keyboard's move).

    A theme whose post-its all move goes with them; a post-it moved without the rest of its
    theme leaves it. Returns how many moved.
    """
    _exercise, wall = _wall(ws, exercise_id)
    if wall.zone(zone) is None:
        raise EditRefused(f"The wall has no zone {zone!r}.")
    on_wall = {p.id: p for p in post_its(ws, exercise_id)}
    post_it_changes, theme_changes = move_to_zone_changes(on_wall, post_it_ids, zone)
    _move(ws, post_it_changes, theme_changes)
    return len(post_it_changes)


@operation
def tidy_zone(ws: Workspace, exercise_id: str, zone: str) -> int:
    """A neat grid for one zone, each theme's post-its together under its name, then the rest.
    Returns how many post-its moved."""
    in_zone = [post_it_from_row(r) for r in ws.rows(POST_ITS, {"exercise_id": exercise_id, "zone": zone})]
    names = {t.id: t.name for t in themes(ws, exercise_id)}
    positions = tidy_positions(in_zone, names, zone_columns(len(in_zone)))
    changes = {p.id: {"x": positions[p.id][0], "y": positions[p.id][1]}
               for p in in_zone if (p.x, p.y) != positions[p.id]}
    if changes:
        ws.update_many(POST_ITS, changes)
    return len(changes)


# -- themes ----------------------------------------------------------------------------------


@operation
def group_into_theme(ws: Workspace, exercise_id: str, post_it_ids: Sequence[str], name: str) -> ThemeId:
    """Group post-its of one zone under a theme: the zone's theme of that name (any case) if
    there is one, a new theme otherwise. The theme's post-its come together where the first of
    them is; if they would then cover other post-its, the zone is tidied. Returns the theme."""
    name = clean_text(name, MAX_THEME_NAME)
    selected = list(post_its_by_id(ws, list(dict.fromkeys(post_it_ids))).values())
    selected = [p for p in selected if p.exercise_id == exercise_id]
    if not selected:
        raise EditRefused("Select the post-its to group first.")
    if not name:
        raise EditRefused("Type or choose a theme for the selected post-its.")
    zone = zone_for_new_theme(selected)
    if zone is None:
        raise EditRefused("A theme belongs to one zone: select post-its of one zone to group them.")
    existing = next((t for t in themes(ws, exercise_id)
                     if t.zone == zone and t.name.casefold() == name.casefold()), None)
    in_zone = [post_it_from_row(r) for r in ws.rows(POST_ITS, {"exercise_id": exercise_id, "zone": zone})]
    if existing is None:
        theme_id = ThemeId(ws.insert(THEMES, {"exercise_id": exercise_id, "zone": zone, "name": name}))
        members = selected
    else:
        theme_id = existing.id
        members = [*(p for p in in_zone if p.theme_id == theme_id), *selected]
    unique = sorted({p.id: p for p in members}.values(), key=lambda p: (p.y, p.x, p.id))
    anchor = min(unique, key=lambda p: (p.y, p.x))
    top = max(anchor.y, ZONE_HEADER + THEME_TAB)
    positions = block_positions(len(unique), (anchor.x, top))
    ws.update_many(POST_ITS, {p.id: {"cluster_id": theme_id, "x": x, "y": y}
                              for p, (x, y) in zip(unique, positions, strict=True)})
    grouped = {p.id for p in unique}
    others = [(p.x, p.y) for p in in_zone if p.id not in grouped]
    if overlapping(positions, others):
        tidy_zone(ws, exercise_id, zone)
    return theme_id


@operation
def ungroup_themes(ws: Workspace, theme_ids: Iterable[str]) -> None:
    """The themes go; their post-its stay where they are, in no theme."""
    ws.delete_many(THEMES, sorted(set(theme_ids)))


@operation
def rename_theme(ws: Workspace, theme_id: str, name: str) -> None:
    """A new name for a theme; an empty name, or one another theme of its zone has, is refused."""
    row = ws.get(THEMES, theme_id)
    if row is None:
        raise EditRefused("That theme no longer exists.")
    found = theme_from_row(row)
    name = clean_text(name, MAX_THEME_NAME)
    if not name:
        raise EditRefused("A theme needs a name; to remove it, ungroup it.")
    if any(t.id != found.id and t.zone == found.zone and t.name.casefold() == name.casefold()
           for t in themes(ws, found.exercise_id)):
        raise EditRefused(f"This zone already has a theme called “{name}”.")
    if name != found.name:
        ws.update(THEMES, theme_id, {"name": name})


# -- dots ------------------------------------------------------------------------------------


@operation
def add_dots(ws: Workspace, post_it_ids: Iterable[str], step: int = 1) -> None:
    """One more dot (or one fewer, `step=-1`) on each post-it; never below none."""
    found = post_its_by_id(ws, list(dict.fromkeys(post_it_ids)))
    changes = {pid: {"votes": max(0, p.votes + step)} for pid, p in found.items()
               if max(0, p.votes + step) != p.votes}
    if changes:
        ws.update_many(POST_ITS, changes)


@operation
def tally_dots(ws: Workspace, post_it_id: str, dots: int) -> None:
    """The dots counted on a post-it (paper dots: the facilitator types the count)."""
    if dots < 0:
        raise EditRefused("A post-it cannot have fewer than no dots.")
    row = ws.get(POST_ITS, post_it_id)
    if row is None:
        raise EditRefused("That post-it no longer exists.")
    if row["votes"] != dots:
        ws.update(POST_ITS, post_it_id, {"votes": int(dots)})


@operation
def set_dots_per_participant(ws: Workspace, exercise_id: str, dots: int) -> None:
    """How many dots each participant present may place (the allowance is that × present)."""
    exercise, wall = _wall(ws, exercise_id)
    if dots < 0:
        raise EditRefused("Dots per participant cannot be negative.")
    if wall_settings(exercise, wall).dots_per_participant != dots:
        ws.update("exercises", exercise_id, {"settings": settings_with(exercise, dots_per_participant=int(dots))})


# -- hide and reveal -------------------------------------------------------------------------


@operation
def set_collect_hidden(ws: Workspace, exercise_id: str, hidden: bool) -> None:
    """Whether new post-its arrive hidden (blank on every screen until revealed)."""
    exercise, wall = _wall(ws, exercise_id)
    if wall_settings(exercise, wall).collect_hidden != bool(hidden):
        ws.update("exercises", exercise_id, {"settings": settings_with(exercise, collect_hidden=bool(hidden))})


@operation
def hide_post_its(ws: Workspace, post_it_ids: Iterable[str], hidden: bool = True) -> int:
    """Hide (or show) some post-its; returns how many changed."""
    found = post_its_by_id(ws, list(dict.fromkeys(post_it_ids)))
    changes = {pid: {"hidden": 1 if hidden else 0} for pid, p in found.items() if p.hidden != bool(hidden)}
    if changes:
        ws.update_many(POST_ITS, changes)
    return len(changes)


@operation
def reveal_all(ws: Workspace, exercise_id: str) -> int:
    """Every hidden post-it of the wall shows its words; returns how many were revealed."""
    hidden = [r["id"] for r in ws.rows(POST_ITS, {"exercise_id": exercise_id, "hidden": 1})]
    if hidden:
        ws.update_many(POST_ITS, {pid: {"hidden": 0} for pid in hidden})
    return len(hidden)
