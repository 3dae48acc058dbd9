"""Version 3: post-it walls: notes on a wall's zones, and named clusters (themes) of notes."""

from __future__ import annotations

import sqlite_utils

# A note's position is relative to its zone's top-left corner, so zones can grow or be laid out
# differently without moving any note in the file. Notes carry no participant link: `author`
# is only what the facilitator typed, '' for an anonymous note.
STATEMENTS = [
    """CREATE TABLE wall_clusters (
        id TEXT PRIMARY KEY,
        exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        zone TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX wall_clusters_exercise ON wall_clusters(exercise_id)",
    """CREATE TABLE wall_notes (
        id TEXT PRIMARY KEY,
        exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        zone TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        x REAL NOT NULL DEFAULT 0,
        y REAL NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
        cluster_id TEXT REFERENCES wall_clusters(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX wall_notes_exercise ON wall_notes(exercise_id)",
    "CREATE INDEX wall_notes_cluster ON wall_notes(cluster_id)",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
