"""Edits of a workshop's agenda with a rule: when each item actually started, and an item's
length moving the start times after it.

The run itself (which item is on, the clocks' readings) is not a user edit and lives in the
settings file (`partnerdesk.agenda_clock`); the actual start is part of the workshop's record,
so a report can set it against the plan.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from partnerdesk import records
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


#: Minutes in a day: an agenda item's length is from 0 to this.
DAY_MINUTES = 24 * 60


def minutes_of(start_time: str) -> int | None:
    """'09:30' -> 570; None for an item with no time (or one that is not a time of day)."""
    hours, sep, minutes = (start_time or "").strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()):
        return None
    if not (0 <= int(hours) < 24 and 0 <= int(minutes) < 60):
        return None
    return int(hours) * 60 + int(minutes)


def clock_text(minutes: int) -> str:
    """570 -> '09:30', wrapping round midnight."""
    minutes %= DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@operation
def set_duration(ws: Workspace, item_id: str, minutes: int) -> int:
    """Give an agenda item a new length and move every later item's start time by the change,
    so the day still runs back to back; items with no time keep none. Returns how many later
    items moved."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= DAY_MINUTES:
        raise InvalidValue(f"A length is a whole number of minutes from 0 to {DAY_MINUTES:,}.")
    row = ws.get("agenda_items", item_id)
    if row is None:
        raise InvalidValue("This agenda item is no longer in the workspace.")
    shift = minutes - row["duration_minutes"]
    if shift == 0:
        return 0
    ws.update("agenda_items", item_id, {"duration_minutes": minutes})
    items = records.agenda(ws, row["workshop_id"])
    later = items[[i.id for i in items].index(item_id) + 1:]
    moved = {i.id: {"start_time": clock_text(start + shift)} for i in later
             if (start := minutes_of(i.start_time)) is not None}
    if moved:
        ws.update_many("agenda_items", moved)
    return len(moved)
