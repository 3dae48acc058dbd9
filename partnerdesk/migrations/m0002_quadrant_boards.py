"""Version 2: quadrant boards — board items, their placements, and ticked checklist entries."""

from __future__ import annotations

import sqlite_utils

STATEMENTS = [
    # A stakeholder or a partnership on one exercise's board; group_id says which small
    # group's board it is on (NULL: the whole room's board).
    """CREATE TABLE board_items (
        id TEXT PRIMARY KEY,
        exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        group_id TEXT REFERENCES small_groups(id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        position REAL NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX board_items_exercise ON board_items(exercise_id)",
    # A point on the board, x and y in [-1, 1] with (0, 0) the centre and y upwards. An item
    # with no placement is listed but not on the board; a partnership may have several.
    """CREATE TABLE placements (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES board_items(id) ON DELETE CASCADE,
        x REAL NOT NULL DEFAULT 0,
        y REAL NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK (x BETWEEN -1 AND 1 AND y BETWEEN -1 AND 1)
    )""",
    "CREATE INDEX placements_item ON placements(item_id)",
    # One row per ticked entry of a template checklist (Box 7, Box 8) for one item.
    """CREATE TABLE checklist_ticks (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES board_items(id) ON DELETE CASCADE,
        checklist TEXT NOT NULL,
        entry TEXT NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        UNIQUE (item_id, checklist, entry)
    )""",
    "CREATE INDEX checklist_ticks_item ON checklist_ticks(item_id)",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
