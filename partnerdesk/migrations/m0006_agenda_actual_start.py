"""Version 6: when each agenda item actually started, so a report can show overruns."""

from __future__ import annotations

import sqlite_utils

# ISO 8601 local wall time with its UTC offset ("2010-06-17T10:25:00+01:00"), written when the
# facilitator starts the item (Start, Next, Previous); NULL for an item never started.
STATEMENTS = [
    "ALTER TABLE agenda_items ADD COLUMN actual_start TEXT",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
