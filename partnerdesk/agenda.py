"""Edits of a running agenda that the workspace keeps: when each item actually started.

The run itself (which item is on, the clocks' readings) is not a user edit and lives in the
settings file (`partnerdesk.agenda_clock`); the actual start is part of the workshop's record,
so a report can set it against the plan.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue

if TYPE_CHECKING:
    from partnerdesk.store import Workspace


def iso_wall_time(seconds: float) -> str:
    """A wall-clock time (seconds since the epoch) as local ISO 8601 with its UTC offset, to the
    second: the offset keeps it exact across a change of time zone or summer time."""
    return datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


@operation
def record_actual_start(ws: Workspace, item_id: str, started_at: float) -> str:
    """Record that the agenda item started at `started_at` (wall clock); returns the ISO text."""
    if not math.isfinite(started_at):
        raise InvalidValue("The start time is not a time.")
    if ws.get("agenda_items", item_id) is None:
        raise InvalidValue("This agenda item is no longer in the workspace.")
    started = iso_wall_time(started_at)
    ws.update("agenda_items", item_id, {"actual_start": started})
    return started
