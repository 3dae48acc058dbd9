"""Version 1: programmes, workshops, agenda, participants, attendance, small groups, exercises."""

from __future__ import annotations

import sqlite_utils

# Every record table has a UUID text key and created/modified times (ISO 8601, UTC), so that
# workspaces from two laptops can later be merged without clashes.
STATEMENTS = [
    """CREATE TABLE workspace_info (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE programmes (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    """CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        programme_id TEXT REFERENCES programmes(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        venue TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX workshops_programme ON workshops(programme_id)",
    """CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        programme_id TEXT REFERENCES programmes(id) ON DELETE CASCADE,
        workshop_id TEXT REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        side TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK ((programme_id IS NULL) <> (workshop_id IS NULL))
    )""",
    "CREATE INDEX participants_programme ON participants(programme_id)",
    "CREATE INDEX participants_workshop ON participants(workshop_id)",
    """CREATE TABLE attendance (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        UNIQUE (workshop_id, participant_id)
    )""",
    "CREATE INDEX attendance_participant ON attendance(participant_id)",
    """CREATE TABLE small_groups (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        position REAL NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX small_groups_workshop ON small_groups(workshop_id)",
    """CREATE TABLE exercises (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        group_id TEXT REFERENCES small_groups(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        template TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        settings TEXT NOT NULL DEFAULT '{}',
        position REAL NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX exercises_workshop ON exercises(workshop_id)",
    """CREATE TABLE agenda_items (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position REAL NOT NULL DEFAULT 0,
        start_time TEXT NOT NULL DEFAULT '',
        duration_minutes INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        exercise_id TEXT REFERENCES exercises(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX agenda_items_workshop ON agenda_items(workshop_id)",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
