"""A post-it wall's values: its template's zones, post-its, themes, settings and dots, and reads.

The facilitator's words are the code's: a *post-it* sits in a *zone* (a question in a colour)
and may belong to a *theme* (a named group in one zone). The store keeps the tables it has
had since schema version 3 (`wall_notes`, `wall_clusters`, `cluster_id`): renaming them would
need a migration for nothing, so only the names in code changed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NewType

from partnerdesk import records
from partnerdesk.exports import one_line
from partnerdesk.post_it_wall import KIND
from partnerdesk.resources import template
from partnerdesk.store import Workspace

#: The store's tables for post-its and themes (their schema-version-3 names).
POST_ITS = "wall_notes"
THEMES = "wall_clusters"

PostItId = NewType("PostItId", str)
ThemeId = NewType("ThemeId", str)

MAX_TEXT = 500
MAX_AUTHOR = 120
MAX_THEME_NAME = 80
DEFAULT_DOTS = 3


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
class PostIt:
    id: PostItId
    exercise_id: str
    zone: str
    text: str
    author: str
    x: float  # top-left corner, relative to the zone's top-left, in wall units
    y: float
    hidden: bool
    votes: int  # dots
    theme_id: ThemeId | None


@dataclass(frozen=True)
class Theme:
    id: ThemeId
    exercise_id: str
    zone: str
    name: str


@dataclass(frozen=True)
class WallSettings:
    """Per-wall choices kept in the exercise's `settings` JSON."""

    dots_per_participant: int
    collect_hidden: bool


@dataclass(frozen=True)
class DotSummary:
    """Dots placed on a wall against the room's allowance (participants present × dots each)."""

    used: int
    participants: int
    dots_per_participant: int

    @property
    def allowance(self) -> int:
        return dot_allowance(self.participants, self.dots_per_participant)

    @property
    def over_allowance(self) -> bool:
        """More dots placed than the room was given (a tally typed wrong, or a generous voter)."""
        return self.participants > 0 and self.used > self.allowance

    @property
    def text(self) -> str:
        if not self.participants:
            return f"{self.used} dots placed (tick attendance to see the allowance)"
        room = f"({self.participants} present × {self.dots_per_participant})"
        if self.over_allowance:
            # Said in words, not only in red: a tally typed wrong shows at a glance.
            return (f"{self.used} of {self.allowance} dots placed: {self.used - self.allowance} over "
                    f"the allowance {room}")
        return f"{self.used} of {self.allowance} dots placed {room}"


# -- templates and settings ------------------------------------------------------------------


@cache
def wall_template(template_id: str) -> WallTemplate:
    """A wall template's zones and defaults (templates do not change while PartnerDesk runs)."""
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


_new = object.__new__
_set = object.__setattr__


def _post_it(i: str, exercise_id: str, zone: str, text: str, author: str, x: float, y: float, hidden: bool,
             votes: int, theme: str | None) -> PostIt:
    """A PostIt from values already of its fields' types. A drag of a thousand makes a
    thousand twice (the operation, then the scene): this fills the frozen dataclass's fields
    in one step instead of its `__init__`'s guarded `setattr` per field; the same object."""
    made = _new(PostIt)
    _set(made, "__dict__", {"id": i, "exercise_id": exercise_id, "zone": zone, "text": text, "author": author,
                            "x": x, "y": y, "hidden": hidden, "votes": votes, "theme_id": theme})
    return made


def post_it_from_row(row: Mapping[str, Any]) -> PostIt:
    return _post_it(row["id"], row["exercise_id"], row["zone"], row["text"], row["author"],
                    float(row["x"]), float(row["y"]), bool(row["hidden"]), int(row["votes"]),
                    row["cluster_id"] or None)


#: A post-it's field for each store column it shows, and how `post_it_from_row` makes the field
#: from the stored value (None: as it is).
_FIELDS: dict[str, tuple[str, Any]] = {
    "zone": ("zone", None), "text": ("text", None), "author": ("author", None), "x": ("x", float),
    "y": ("y", float), "hidden": ("hidden", bool), "votes": ("votes", int),
    "cluster_id": ("theme_id", lambda theme: theme or None),
}


def post_it_updated(post_it: PostIt, values: Mapping[str, Any]) -> PostIt | None:
    """The post-it after an update wrote `values` (store columns) to its row, or None if no
    field of it changed. Not for a change of `id` or `exercise_id`."""
    return post_it_written(post_it, post_it_fields(tuple(values)), tuple(values.values()))


def post_it_fields(columns: Sequence[str]) -> tuple[tuple[int, str, Any], ...]:
    """For store columns written together, those a post-it shows: (the column's index, the
    post-it's field, how the field is made from the stored value, None: as it is)."""
    return tuple((i, *_FIELDS[c]) for i, c in enumerate(columns) if c in _FIELDS)


def post_it_written(post_it: PostIt, fields: Sequence[tuple[int, str, Any]], values: Sequence[Any]) -> PostIt | None:
    """The post-it after an update wrote `values` to the columns `fields` names (from
    `post_it_fields`), or None if no field of it changed: a drag of a thousand writes three
    columns of each, so this makes no whole row."""
    now = post_it.__dict__
    changed = None
    for index, name, kind in fields:
        value = values[index] if kind is None else kind(values[index])
        if now[name] != value:
            if changed is None:
                changed = dict(now)
            changed[name] = value
    if changed is None:
        return None
    made = _new(PostIt)
    _set(made, "__dict__", changed)
    return made


def post_it_moved(post_it: PostIt, zone: str, x: float, y: float) -> PostIt | None:
    """The post-it at another place (`x`, `y` in `zone`), or None if it is there already: a drag
    of a thousand moves a thousand, so this copies its fields once and checks none again."""
    now = post_it.__dict__
    if x == now["x"] and y == now["y"] and zone == now["zone"]:
        return None
    fields = dict(now)
    fields["zone"], fields["x"], fields["y"] = zone, float(x), float(y)
    made = _new(PostIt)
    _set(made, "__dict__", fields)
    return made


def theme_from_row(row: Mapping[str, Any]) -> Theme:
    return Theme(id=ThemeId(row["id"]), exercise_id=row["exercise_id"], zone=row["zone"], name=row["name"])


_POST_IT_COLUMNS = "id, exercise_id, zone, text, author, x, y, hidden, votes, cluster_id"


def post_its(ws: Workspace, exercise_id: str) -> list[PostIt]:
    """The wall's post-its in the order they were written (a drag of a thousand reads them all,
    so straight from the cursor, without a dictionary per row)."""
    cursor = ws.db.conn.execute(
        f"SELECT {_POST_IT_COLUMNS} FROM {POST_ITS} WHERE exercise_id = ? ORDER BY rowid", [exercise_id])
    return [_post_it(i, e, zone, text, author, float(x), float(y), bool(hidden), int(votes), theme or None)
            for i, e, zone, text, author, x, y, hidden, votes, theme in cursor.fetchall()]


def post_it(ws: Workspace, post_it_id: str) -> PostIt | None:
    row = ws.get(POST_ITS, post_it_id)
    return post_it_from_row(row) if row else None


def post_its_by_id(ws: Workspace, post_it_ids: Sequence[str]) -> dict[str, PostIt]:
    """Several post-its at once (a drag of hundreds reads them in a few queries, not hundreds)."""
    found: dict[str, PostIt] = {}
    ids = list(post_it_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in ws.query(f"SELECT * FROM {POST_ITS} WHERE id IN ({marks})", chunk):
            found[row["id"]] = post_it_from_row(row)
    return found


def themes(ws: Workspace, exercise_id: str) -> list[Theme]:
    rows = ws.rows(THEMES, {"exercise_id": exercise_id}, order_by="name COLLATE NOCASE")
    return [theme_from_row(r) for r in rows]


def theme(ws: Workspace, theme_id: str) -> Theme | None:
    row = ws.get(THEMES, theme_id)
    return theme_from_row(row) if row else None


def walls(ws: Workspace, workshop_id: str) -> list[records.Exercise]:
    """The workshop's post-it walls, in running order."""
    return [e for e in records.exercises(ws, workshop_id) if e.kind == KIND]


def dot_summary(ws: Workspace, exercise_id: str, used: int | None = None) -> DotSummary:
    """The wall's dots against its allowance; `used` if the caller has already counted them."""
    exercise = records.exercise(ws, exercise_id)
    if exercise is None:
        raise KeyError(exercise_id)
    settings = wall_settings(exercise, wall_template(exercise.template))
    if used is None:
        used = dots_used(post_its(ws, exercise_id))
    present = len(records.attendee_ids(ws, exercise.workshop_id))
    return DotSummary(used, present, settings.dots_per_participant)


# -- rules that need no store ----------------------------------------------------------------


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """A post-it's text: control characters and runs of spaces become one space, trimmed."""
    return one_line(text, limit)


def zone_counts(wall_post_its: Iterable[PostIt], zones: Sequence[Zone]) -> dict[str, int]:
    """Post-its per zone, every zone present (0 when empty), in the template's order."""
    counted = Counter(p.zone for p in wall_post_its)
    return {z.key: counted.get(z.key, 0) for z in zones}


def ranking(wall_post_its: Iterable[PostIt]) -> list[PostIt]:
    """Post-its with at least one dot, most dots first; ties in alphabetical order."""
    voted = [p for p in wall_post_its if p.votes > 0]
    return sorted(voted, key=lambda p: (-p.votes, p.text.casefold(), p.id))


def dots_used(wall_post_its: Iterable[PostIt]) -> int:
    return sum(p.votes for p in wall_post_its)


def dot_allowance(participants: int, dots_per_participant: int) -> int:
    return max(0, participants) * max(0, dots_per_participant)


def zone_for_new_theme(selected: Sequence[PostIt]) -> str | None:
    """The zone a theme of these post-its lives in: only post-its of one zone group together."""
    zones = {p.zone for p in selected}
    return zones.pop() if len(zones) == 1 else None
