"""The running agenda: which item is on and how long it has left, computed from the wall clock."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from partnerdesk.records import AgendaItem

_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")

#: The last minutes of an item, when the countdown changes colour to warn the room.
ENDING_SECONDS = 2 * 60
#: A run started longer ago than this belongs to another day: it is not running any more.
STALE_AFTER_SECONDS = 18 * 3600


@dataclass(frozen=True)
class AgendaRun:
    """Where the facilitator is in a workshop's agenda.

    `started_at` is an absolute time (seconds since the epoch, as `time.time()` gives), never a
    count of ticks, so a laptop that sleeps through part of an item wakes up showing the truth.
    """

    item_id: str | None = None
    started_at: float | None = None

    @property
    def running(self) -> bool:
        return self.item_id is not None and self.started_at is not None

    def encode(self) -> str:
        """Text for a settings file: 'item_id@started_at', or '' when not running."""
        if not self.running:
            return ""
        return f"{self.item_id}@{self.started_at!r}"

    @classmethod
    def decode(cls, text: object) -> AgendaRun:
        """The inverse of `encode`; anything unreadable is 'not running'."""
        item_id, sep, started = str(text or "").rpartition("@")
        if not sep or not item_id:
            return cls()
        try:
            value = float(started)
        except ValueError:
            return cls()
        if not math.isfinite(value):
            return cls()
        return cls(item_id, value)


@dataclass(frozen=True)
class ClockState:
    """What the projector shows for the running item at one moment."""

    index: int  # position of the current item in the agenda
    item: AgendaItem
    elapsed_seconds: int
    remaining_seconds: int  # negative once the item has overrun
    next_item: AgendaItem | None

    @property
    def timed(self) -> bool:
        """A zero-minute item (the day's close) has no countdown and cannot overrun."""
        return self.item.duration_minutes > 0

    @property
    def overrun(self) -> bool:
        return self.timed and self.remaining_seconds < 0

    @property
    def ending(self) -> bool:
        """In its last minutes, not yet over."""
        return self.timed and 0 <= self.remaining_seconds <= ENDING_SECONDS

    @property
    def overrun_seconds(self) -> int:
        return max(0, -self.remaining_seconds) if self.timed else 0

    @property
    def display(self) -> str:
        return format_clock(self.remaining_seconds) if self.timed else ""


def format_clock(seconds: int) -> str:
    """'mm:ss' counting down, '-mm:ss' once over; minutes are not wrapped into hours
    (a two-hour session reads '120:00', as facilitators plan it)."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def elapsed_seconds(started_at: float, now: float) -> int:
    """Whole seconds since the item started; a clock set back never shows negative time."""
    return max(0, math.floor(now - started_at))


def index_of(items: Sequence[AgendaItem], item_id: str | None) -> int | None:
    for n, item in enumerate(items):
        if item.id == item_id:
            return n
    return None


def clock_state(items: Sequence[AgendaItem], run: AgendaRun, now: float) -> ClockState | None:
    """The running item's clock at `now`, or None when nothing runs (or its item was removed)."""
    if not run.running or is_stale(run, now):
        return None
    index = index_of(items, run.item_id)
    if index is None:
        return None
    item = items[index]
    elapsed = elapsed_seconds(run.started_at, now)  # type: ignore[arg-type]
    remaining = max(0, int(item.duration_minutes or 0)) * 60 - elapsed
    following = items[index + 1] if index + 1 < len(items) else None
    return ClockState(index, item, elapsed, remaining, following)


def is_stale(run: AgendaRun, now: float) -> bool:
    """Started on another day (a laptop asleep for a few hours is not)."""
    return run.running and now - run.started_at > STALE_AFTER_SECONDS  # type: ignore[operator]


def start(items: Sequence[AgendaItem], item_id: str | None, now: float) -> AgendaRun:
    """Start (or restart) an item now; the first item when none is named."""
    if not items:
        return AgendaRun()
    if item_id is None or index_of(items, item_id) is None:
        item_id = items[0].id
    return AgendaRun(item_id, now)


def step(items: Sequence[AgendaItem], run: AgendaRun, delta: int, now: float) -> AgendaRun:
    """Move `delta` items on (negative: back) and start that item's time now.

    Not running yet: Next starts the first item. At either end the run stays as it is, so a
    key pressed once too often does not reset the clock of the item in progress.
    """
    if not items:
        return AgendaRun()
    index = index_of(items, run.item_id) if run.running and not is_stale(run, now) else None
    if index is None:
        return AgendaRun(items[0].id, now) if delta > 0 else run
    target = index + delta
    if not 0 <= target < len(items):
        return run
    return AgendaRun(items[target].id, now)


def planned_start(item: AgendaItem, now: float) -> float | None:
    """The item's planned start ('HH:MM') on the day of `now`, local time; None if not set."""
    match = _HHMM.match((item.start_time or "").strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    day = datetime.fromtimestamp(now)
    return day.replace(hour=hours, minute=minutes, second=0, microsecond=0).timestamp()


def schedule_drift_minutes(items: Sequence[AgendaItem], run: AgendaRun) -> int | None:
    """How many minutes late (positive) or early (negative) the running item started against
    its planned time, rounded to the minute; None without a plan or a run."""
    if not run.running:
        return None
    index = index_of(items, run.item_id)
    if index is None:
        return None
    planned = planned_start(items[index], run.started_at)  # type: ignore[arg-type]
    if planned is None:
        return None
    return round((run.started_at - planned) / 60)  # type: ignore[operator]


def drift_text(minutes: int | None) -> str:
    """'On time', '5 min behind', '3 min ahead' — what the facilitator needs at a glance."""
    if minutes is None:
        return ""
    if minutes == 0:
        return "On time"
    if minutes > 0:
        return f"{minutes} min behind the plan"
    return f"{-minutes} min ahead of the plan"

