"""Version 4: personal learning logs, one per participant per workshop attended."""

from __future__ import annotations

import sqlite_utils

# The four steps of the workbook's learning cycle plus free notes. A log dies with its
# participant or workshop (and comes back with them on undo).
STATEMENTS = [
    """CREATE TABLE learning_logs (
        id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        experience TEXT NOT NULL DEFAULT '',
        reflect TEXT NOT NULL DEFAULT '',
        conclude TEXT NOT NULL DEFAULT '',
        plan TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        UNIQUE (participant_id, workshop_id)
    )""",
    "CREATE INDEX learning_logs_workshop ON learning_logs(workshop_id)",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
